"""Bullets drawn with a symbol font, read back as the bullet a reader sees.

A symbol font (Symbol, Wingdings, WordPerfect's Typographic Symbols) draws its bullet at a code
that in a text encoding is a letter or a punctuation mark. A PDF that gives no ToUnicode map for
such a font leaves pdfminer to read the code through a text encoding: in dmca.pdf the bullets are
code 0x21 of the embedded TrueType font WPTypographicSymbols (no Encoding, no ToUnicode), which
WinAnsi reads as "!". A map to the font's private-use slots gives U+F0B7 and the like instead.
Such a character, at a code where the font draws a bullet, is read as "•".
"""

import logging
import re

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdffont import PDFFont, PDFSimpleFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState
from pdfminer.utils import Matrix

log = logging.getLogger(__name__)

BULLET = "•"

# For each symbol font family, the codes at which it draws a round or square bullet (from the
# fonts' character charts). Other symbols of these fonts (arrows, check marks) are left as read.
BULLET_CODES: dict[str, frozenset[int]] = {
    "symbol": frozenset({0xB7}),
    "symbolmt": frozenset({0xB7}),
    "wingdings": frozenset({0x6C, 0x6E, 0x9F, 0xA7}),
    "wptypographicsymbols": frozenset({0x21}),
}

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_STYLE = re.compile(r"[,-].*$")


def font_family(fontname: str) -> str:
    """The family of a PDF font name, in lower case: "ELCKGH+WPTypographicSymbols" and
    "Wingdings-Regular" give "wptypographicsymbols" and "wingdings"."""
    name = _SUBSET_PREFIX.sub("", fontname)
    return _STYLE.sub("", name).replace(" ", "").lower()


def _misread(text: str) -> bool:
    """Whether pdfminer's reading of a symbol font's code is a text character standing in for
    the glyph: a Latin-1 character, a private-use slot of a symbol font, or no reading at all."""
    if text.startswith("(cid:"):
        return True
    return len(text) == 1 and (ord(text) < 0x100 or 0xF000 <= ord(text) <= 0xF0FF)


def bullet_or_text(font: PDFFont, cid: int, text: str) -> str:
    """``text``, or "•" when it is a symbol font's bullet read as another character.

    Only a simple font is looked at: its character code is the byte drawn, the code its
    character chart gives. A composite font's code is a glyph number, which says nothing here.
    """
    if not isinstance(font, PDFSimpleFont) or not _misread(text):
        return text
    fontname = _font_name(font)
    if cid not in BULLET_CODES.get(font_family(fontname), frozenset()):
        return text
    log.debug("code %#x of %s, read as %r, is a bullet", cid, fontname, text)
    return BULLET


def _font_name(font: PDFFont) -> str:
    """The font's BaseFont, else the FontName of its descriptor (either may be absent)."""
    for name in (getattr(font, "basefont", None), font.fontname):
        if isinstance(name, str) and name != "unknown":
            return name
    return ""


class BulletReadingAggregator(PDFPageAggregator):
    """pdfminer's page layout, with symbol-font bullets read as "•"."""

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> float:
        # As pdfminer's own render_char, with the character's text looked at before it is kept.
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        item = LTChar(
            matrix,
            font,
            fontsize,
            scaling,
            rise,
            bullet_or_text(font, cid, text),
            font.char_width(cid),
            font.char_disp(cid),
            ncs,
            graphicstate,
        )
        self.cur_item.add(item)
        return item.adv
