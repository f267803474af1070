"""Turning files into canonical article text, and storing them one transaction per file."""

# What one file may take by default (`workers.Budget`); here, so that the command line can
# show them without loading the worker machinery.
SECONDS_PER_FILE = 120.0
MEGABYTES_PER_FILE = 1024
