"""Suggestions: sentences most like those a researcher coded with a tag, found by a model that
learns from that researcher's own codes on this machine (see docs/suggestions.md).

`sentences` cuts a text into sentences with exact code-point offsets, `features` and `model`
learn and score, `examples` gathers what a project teaches, `service` proposes, `decisions`
writes what the researcher decided, and `policy` says where suggestions may be shown.
"""
