"""The Qt window, on top of the core: thin models, one undo command per edit, workers."""
