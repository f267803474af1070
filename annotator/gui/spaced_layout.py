"""The reader's document layout: QPlainTextEdit's own, with the lines spaced out.

QPlainTextDocumentLayout stacks a paragraph's lines at the font's height and ignores the
paragraph's line height (QTextBlockFormat.setLineHeight), margins and baseline offset. It
lays a paragraph out only when it is shown, and everything that places text on screen asks
it first for the paragraph's rectangle (`blockBoundingRect`): the editor's painting, its hit
test and cursor rectangle, the highlights' and the margin's geometry. So that is where the
spacing goes: the paragraph's lines are moved apart (QTextLine.setPosition), and its
rectangle is made as much taller. The lines keep their own height, so a highlight or a
selection covers the words and not the space between lines.

The alternative, QTextEdit's layout, honours the line height but lays out the whole text and
costs several milliseconds per edit on a 1 MB article, where this costs nothing at 100 %.
"""

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout

TOLERANCE = 0.05  # pixels: Qt keeps a line's position in 1/64ths


class SpacedLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.percent = 100  # each line's slot, as a percentage of its own height
        # per paragraph number: (percent, lines) when its lines were last moved apart
        self._spaced: dict[int, tuple[int, int]] = {}

    def set_spacing(self, percent: int) -> None:
        """Space the lines ``percent`` % of their height apart, and have the views redraw."""
        self.percent = percent
        if percent == 100:  # every paragraph laid out afresh, its lines back in place
            self._spaced.clear()
            document = self.document()
            document.markContentsDirty(0, document.characterCount())
        else:
            self.requestUpdate()

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)  # lays the paragraph out if it is not yet
        if self.percent == 100:
            return rect
        layout = block.layout()
        count = layout.lineCount()
        if count == 0:
            return rect
        factor = self.percent / 100
        last = layout.lineAt(count - 1)
        bottom = last.y() + last.height()  # where Qt's rectangle ends, as the lines lie now
        if count > 1:
            # Called for every paragraph on screen at every paint: the lines are moved only
            # when Qt has laid the paragraph out afresh (its second line is back in place).
            first = layout.lineAt(0)
            number = block.blockNumber()
            second = layout.lineAt(1).y() - first.y()
            if self._spaced.get(number) != (self.percent, count) or (
                abs(second - _slot(first.height(), factor)) >= TOLERANCE
            ):
                self._space(layout, count, factor)
                self._spaced[number] = (self.percent, count)
        spaced_bottom = last.y() + _slot(last.height(), factor)
        return rect.adjusted(0, 0, 0, spaced_bottom - bottom)

    @staticmethod
    def _space(layout: QTextLayout, count: int, factor: float) -> None:
        """Move the lines apart, each in a slot ``factor`` times its height."""
        y = layout.lineAt(0).y()
        for number in range(count):
            line = layout.lineAt(number)
            if abs(line.y() - y) >= TOLERANCE:
                line.setPosition(QPointF(line.x(), y))
            y += _slot(line.height(), factor)


def _slot(height: float, factor: float) -> float:
    """A line's slot, in whole pixels: the editor scrolls its viewport by whole pixels, and
    lines at fractional distances would leave stale slivers behind when it does."""
    return float(round(height * factor))
