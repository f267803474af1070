"""Turning files into canonical article text, and storing them one transaction per file."""
