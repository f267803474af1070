"""Runtime resources shipped with the application: the sample article, and the icon as SVG
source and PNGs in the usual sizes (icons/), read with importlib.resources."""
