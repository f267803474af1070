"""Decoding the bytes of a text file in any common encoding."""

import codecs

from charset_normalizer import from_bytes

from annotator.core.errors import ImportFailure

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never appear in real text (tab, newlines and form feed excluded).
_BINARY_CONTROLS = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


def decode_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`ImportFailure` for empty or binary data."""
    if not data or data.isspace():  # (strip() would copy the whole file)
        raise ImportFailure("empty file: there is no text to import")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ImportFailure(
                    f"the file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (byte {exc.start})"
                ) from exc
    if looks_binary(data):
        raise ImportFailure("binary file, not text: open it in the program that made it")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _windows_1252_plausible(data):
        return data.decode("cp1252"), "cp1252"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ImportFailure("the text encoding could not be recognised; save it as UTF-8")
    return str(best), best.encoding


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more control codes than any text has, in the first 64 KiB."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _BINARY_CONTROLS)
    return controls > max(2, len(sample) // 200)


# Characters that Western European text saved as Windows-1252 or Latin-1 commonly holds.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
    "ŒœŠšŽžŸ“”„‘’‚‹›–—…€•«»°£§©®™·¡¿†‰\u00a0\u00ad´¨"
)


def _windows_1252_plausible(data: bytes) -> bool:
    """True when the bytes read as Windows-1252 give ordinary Western European text.

    Statistical detectors guess among a dozen related code pages on short Western texts and
    often pick the wrong one; this check settles the common case first. Latin-1 files are
    covered too: the two differ only in 0x80–0x9F, control codes that real Latin-1 text lacks.
    Text in another script decoded this way is mostly non-ASCII letters, or has symbols
    such as ³ or ¹ that Western prose does not, and goes to the detector instead.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = non_ascii_letters = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
            continue
        if ch not in _WESTERN:
            return False
        if ch.isalpha():
            letters += 1
            non_ascii_letters += 1
    return letters > 0 and non_ascii_letters <= 0.3 * letters
