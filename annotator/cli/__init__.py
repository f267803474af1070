"""The command-line interface, on top of the core."""
