"""A refused write in words: when another writer changed the annotation first, the message
shows both versions (what this window last saw, and what is stored now) side by side."""

from collections.abc import Callable

from annotator.core.errors import AnnotatorError, ConflictError
from annotator.core.records import AnnotationRecord

Names = Callable[[int], str]


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _version(label: str, record: AnnotationRecord, tag: Names, coder: Names) -> str:
    note = f" — note “{_short(record.note)}”" if record.note else " — no note"
    return (
        f"{label} (version {record.version}): {tag(record.tag_id)} “{_short(record.quote)}” "
        f"at {record.start}–{record.end}{note}; {coder(record.coder_id)}, "
        f"{record.modified:%Y-%m-%d %H:%M} UTC"
    )


def refusal_text(
    exc: AnnotatorError,
    seen: AnnotationRecord | None,
    tag: Names,
    coder: Names,
) -> str:
    """The refusal's message; for a conflict, followed by both versions."""
    text = str(exc)
    if not isinstance(exc, ConflictError):
        return text
    current = exc.current if isinstance(exc.current, AnnotationRecord) else None
    mine = exc.expected if isinstance(exc.expected, AnnotationRecord) else seen
    lines = [text, ""]
    if mine is not None:
        lines.append(_version("As you saw it", mine, tag, coder))
    elif isinstance(exc.expected, int):
        lines.append(f"As you saw it: version {exc.expected}")
    if current is not None:
        lines.append(_version("Now stored", current, tag, coder))
    else:
        lines.append("Now stored: nothing (it was deleted)")
    return "\n".join(lines)
