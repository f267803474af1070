"""Moving work between projects and tools: W3C Web Annotation JSON and REFI-QDA."""
