"""A long status message stays clear of "Coding as …" on its right: it is shortened with an
ellipsis instead of running on into the coder's name, and the whole message is the status
line's tooltip. Checked in the pixels the status line paints."""

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from annotator.gui.main_window import MainWindow

LONG = (
    "Chosen: pledge by Test Coder, “The council will replace every diesel bus by 2030, the "
    "mayor said. The plan depends on a national grant.” Press a number key to re-tag it."
)


def _ink_columns(image: QImage, left: int, right: int) -> list[int]:
    """The columns in [left, right) where some pixel differs from the line's background
    (taken at its top left corner, where no text is drawn)."""
    background = image.pixelColor(1, 1)
    return [
        x
        for x in range(max(left, 0), min(right, image.width()))
        if any(image.pixelColor(x, y) != background for y in range(2, image.height() - 2))
    ]


def test_a_long_message_ends_before_the_coder_and_is_whole_in_the_tooltip(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 640)
    status = window.statusBar()
    qtbot.waitUntil(lambda: status.width() <= 1024)
    status.showMessage(LONG)
    coder = window.coder_label
    assert coder.isVisible() and coder.text().startswith("Coding as")
    # The message is wider than the room left of the coder's label, so it must be shortened.
    assert status.fontMetrics().horizontalAdvance(LONG) > coder.x()
    image = status.grab().toImage()
    # Qt's own frame round the label may take two pixels left of it; the eight before those
    # must be empty, where Qt drew the message's letters right up to the label.
    assert _ink_columns(image, coder.x() - 10, coder.x() - 2) == []
    # ... and the message still fills the line up to that gap: shortened, not dropped.
    assert _ink_columns(image, coder.x() - 80, coder.x() - 10) != []
    assert status.toolTip() == LONG
    status.clearMessage()
    assert status.toolTip() == ""
