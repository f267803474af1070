"""Annotator: hand-coding of news articles and reports for policy research."""

__version__ = "0.1.0"
APP_NAME = "Annotator"
