"""What both storage backends accept, as one rule applied where outside data comes in.

PostgreSQL refuses NUL in text and enforces column lengths that SQLite would not check, so a
project that SQLite accepted could not later move to a server. Imports pass names and text
through here: NUL becomes U+FFFD, and a name longer than its column is refused with a reason
(a short metadata field is cut instead, at a character boundary).
"""

NAME_LIMIT = 200  # tag and coder names (String(200) columns)
PUBLISHED_LIMIT = 32
LANGUAGE_LIMIT = 16
SOURCE_KIND_LIMIT = 16


def no_nul(value: str) -> str:
    """``value`` with every NUL replaced by U+FFFD, the replacement character."""
    return value.replace("\0", "\ufffd") if "\0" in value else value


def fit(value: str, limit: int) -> str:
    """A metadata field cut to ``limit`` characters (the column's length on both backends)."""
    return value if len(value) <= limit else value[:limit]


def name_problem(value: str, what: str) -> str | None:
    """Why ``value`` cannot be a tag's or coder's name on both backends, or None."""
    if not value.strip():
        return f"the {what} name is empty"
    if len(value) > NAME_LIMIT:
        return f"the {what} name is longer than {NAME_LIMIT} characters ({len(value)})"
    return None
