"""Runtime resources shipped with the application (sample article, icon)."""
