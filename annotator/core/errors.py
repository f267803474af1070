"""Errors the core raises for the user to read; every message says what to do."""


class AnnotatorError(Exception):
    """A failure the user can act on. The message is shown as it is."""


class NotAProjectError(AnnotatorError):
    """The file or database given is not a project of this application."""


class NewerSchemaError(AnnotatorError):
    """The project was written by a newer version of the application."""


NOT_PERMITTED = (
    "The server refused this change: your role in the team does not allow it (a coder "
    "changes only their own annotations and statuses; the codebook, the articles, the "
    "assignments and other coders' work are the lead's). Nothing was changed."
)


class NotPermittedError(AnnotatorError):
    """The team's server refused a change the connected member's role does not allow."""

    def __init__(self, message: str = NOT_PERMITTED) -> None:
        super().__init__(message)


class ImportFailure(AnnotatorError):
    """One file could not be imported; the message is the one-line reason."""


class IntegrityError(AnnotatorError):
    """Stored data contradicts itself (for example a quote that no longer matches its span)."""


class ConflictError(AnnotatorError):
    """Someone else changed the same data since it was read; nothing was written.

    ``expected`` is what the writer thought it was changing, ``current`` what is stored now
    (None when it is gone), so that both can be shown to the user.
    """

    def __init__(self, message: str, expected: object = None, current: object = None) -> None:
        super().__init__(message)
        self.expected = expected
        self.current = current


class DamagedProjectError(NotAProjectError):
    """The project file's structure is broken; SQLite's own check says where."""


class ProjectBusyError(AnnotatorError):
    """Another program held the project's write lock for longer than we wait."""


class DiskFullError(AnnotatorError):
    """There was no room left to save a change."""


class ReadOnlyProjectError(AnnotatorError):
    """A change was asked of a project that is open read-only."""


class DuplicateError(AnnotatorError):
    """The change would make a second copy of something that must be unique."""


class InvalidDataError(AnnotatorError):
    """A value the database refuses (too long, missing, out of range)."""


class DatabaseUnavailableError(AnnotatorError):
    """The project's database could not be reached or read."""


class NothingToChange(AnnotatorError):
    """An edit that would leave everything as it is (a handle dropped where it was picked up):
    nothing is written and nothing goes on the undo stack; worth a word, not a dialog."""
