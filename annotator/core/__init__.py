"""The domain layer: storage, import, export and services, with no user-interface code."""
