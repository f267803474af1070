"""Reading W3C Web Annotation JSON from outside: every value checked for its type before use,
so a malformed annotation gets a reason of its own and never a traceback.

Strings are kept as both storage backends accept them: NUL becomes U+FFFD, and an annotation
whose tag or coder name is longer than the name columns hold, or whose text holds a lone
surrogate (not a character), is refused with its reason.
"""

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.limits import name_problem, no_nul
from annotator.core.models import CoderKind, parse_utc

KIND_KEY = "annotator:coderKind"
CODEBOOK_KEY = "annotator:codebook"
URN_PREFIX = "urn:sha256:"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class CodebookEntry:
    """A tag as the collection's codebook describes it."""

    name: str
    color: str
    definition: str
    parent: str


@dataclass(frozen=True)
class AnnotationFile:
    items: list[Any]
    codebook: dict[str, CodebookEntry]


@dataclass(frozen=True)
class Parsed:
    uuid: str
    sources: tuple[str, ...]  # the text's URN first when the file gives one, then the source
    tag: str
    note: str
    coder: str
    coder_kind: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    created: datetime | None
    modified: datetime | None


def read_annotations(path: Path) -> AnnotationFile:
    """The annotations of an AnnotationCollection, a JSON list, or JSON Lines, and the
    collection's codebook when it carries one."""
    try:
        raw = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotatorError(f"{path} cannot be read: {exc}") from exc
    try:
        data: Any = json.loads(raw)
    except RecursionError as exc:
        raise AnnotatorError(f"{path} is nested too deeply to be Web Annotations") from exc
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except RecursionError as exc:
            raise AnnotatorError(f"{path} is nested too deeply to be Web Annotations") from exc
        except json.JSONDecodeError as exc:
            raise AnnotatorError(
                f"{path} is neither JSON nor JSON Lines (line {exc.lineno}: {exc.msg})"
            ) from exc
    codebook: dict[str, CodebookEntry] = {}
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        codebook = _codebook(data.get(CODEBOOK_KEY))
        items: list[Any] = []
        page = data.get("first")
        while isinstance(page, dict):
            found = page.get("items")
            items.extend(found if isinstance(found, list) else [])
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        found = data.get("items")
        items.extend(found if isinstance(found, list) else [])
        data = items
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise AnnotatorError(f"{path} holds no Web Annotations")
    return AnnotationFile(data, codebook)


def _codebook(entries: Any) -> dict[str, CodebookEntry]:
    out: dict[str, CodebookEntry] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        name = (_text(entry.get("name")) or "").strip()
        if not name or name_problem(name, "tag") is not None:
            continue
        out[name] = CodebookEntry(
            name=name,
            color=_text(entry.get("color")) or "",
            definition=_text(entry.get("definition")) or "",
            parent=_text(entry.get("parent")) or "",
        )
    return out


def _text(value: Any) -> str | None:
    """A string from the file, made storable; None when it is not a string at all."""
    return no_nul(value) if isinstance(value, str) else None


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def parse_item(item: Any, number: int) -> Parsed | str:
    """One annotation from the file, or why it cannot be imported."""
    if not isinstance(item, dict):
        return f"#{number}: not an annotation (a JSON {type(item).__name__})"
    targets = [t for t in _list(item.get("target")) if isinstance(t, dict)]
    if not targets or not isinstance(targets[0].get("source"), str):
        return f"#{number}: no target source"
    target = targets[0]
    selectors = [s for s in _list(target.get("selector")) if isinstance(s, dict)]
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), {})
    bodies = [b for b in _list(item.get("body")) if isinstance(b, dict)]
    tags = [b.get("value") for b in bodies if b.get("purpose") == "tagging"]
    notes = [_text(b.get("value")) for b in bodies if b.get("purpose") == "commenting"]
    tag = (_text(tags[0]) or "").strip() if tags else ""
    if not tag:
        return f"#{number}: no tagging body with a tag name"
    exact = quote.get("exact")
    if not isinstance(exact, str):
        return f"#{number}: no TextQuoteSelector with the quoted text"
    coder = _creator(item.get("creator"), number)
    if not isinstance(coder, tuple):
        return coder
    for what, value in (("tag", tag), ("coder", coder[0])):
        problem = name_problem(value, what)
        if problem is not None:
            return f"#{number}: {problem}"
    strings = [tag, coder[0], exact, *(n for n in notes if n)]
    if any(_LONE_SURROGATE.search(s) for s in strings):
        return f"#{number}: its text holds a lone surrogate (half of a character), not text"
    start, end = position.get("start"), position.get("end")
    return Parsed(
        uuid=_uuid(item.get("id")),
        sources=_sources(target),
        tag=tag,
        note="\n\n".join(n for n in notes if n),
        coder=coder[0],
        coder_kind=coder[1],
        exact=no_nul(exact),
        prefix=_text(quote.get("prefix")) or "",
        suffix=_text(quote.get("suffix")) or "",
        start=start if type(start) is int else None,
        end=end if type(end) is int else None,
        created=parse_utc(item.get("created")),
        modified=parse_utc(item.get("modified")),
    )


def _creator(value: Any, number: int) -> tuple[str, str] | str:
    """(coder name, coder kind) of an annotation's creator, or why there is none to use."""
    if value is None:
        return "Unknown coder", CoderKind.PERSON.value
    if isinstance(value, list):
        if len(value) != 1:
            return f"#{number}: {len(value)} creators; an annotation here has one coder"
        value = value[0]
    if isinstance(value, str):
        name = _text(value)
        return (name or "Unknown coder").strip(), CoderKind.PERSON.value
    if not isinstance(value, dict):
        return f"#{number}: its creator is a {type(value).__name__}, not a person or a name"
    name = value.get("name", "Unknown coder")
    kind = value.get(KIND_KEY, CoderKind.PERSON.value)
    if not isinstance(name, str) or not isinstance(kind, str):
        return f"#{number}: its creator's name is not text"
    known = {k.value for k in CoderKind}
    return (_text(name) or "").strip() or "Unknown coder", kind if kind in known else "person"


def _uuid(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    try:
        return str(uuid.UUID(value.removeprefix("urn:uuid:")))
    except ValueError:
        return ""


def _sources(target: dict[str, Any]) -> tuple[str, ...]:
    """Where the annotation's text may be found: the URN of the exact text (kept in the
    target's TimeState as ``cached`` when the source is the article's web address), then
    the source itself."""
    found: list[str] = []
    for state in _list(target.get("state")):
        cached = state.get("cached") if isinstance(state, dict) else None
        if isinstance(cached, str) and cached.startswith(URN_PREFIX):
            found.append(cached)
    found.append(target["source"])
    return tuple(found)
