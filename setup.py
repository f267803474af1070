"""The wheel's package list: every package found under annotator/, plus the resources folder.

Found rather than listed, so that a new subpackage cannot be left out of the wheel; the rest of
the build configuration is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["annotator", "annotator.*"]), "annotator.resources"])
