"""Benchmarks: each prints the project's figure beside the bare library doing the same work."""
