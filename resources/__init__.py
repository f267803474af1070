"""Runtime resources shipped with the application: the sample article and the icons (SVG source and PNGs), read with importlib.resources."""
