"""The import preview of plain text saved from a browser: where the article begins and ends."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.importing.trim import apply_trim
from annotator.core.offsets import OffsetMap
from annotator.core.text import first_line_title
from annotator.gui.window_layout import fit_on_screen


class TrimPreview(QDialog):
    """Shows the whole text with the part outside the proposed cut greyed out.

    The researcher moves the start or the end to the cursor's line, keeps the whole text, or
    accepts. ``cut`` holds the choice in code points.
    """

    KEEP_ALL = 2

    def __init__(
        self, name: str, text: str, cut: tuple[int, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import preview: {name}")
        self.text = text
        self.offsets = OffsetMap(text)
        self.cut = cut
        self.view = QPlainTextEdit()
        self.view.setObjectName("trimPreviewText")
        self.view.setReadOnly(True)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.view.setPlainText(text)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        start_button = QPushButton("Article &starts here")
        start_button.setToolTip("Move the start of the article to the line with the cursor")
        start_button.clicked.connect(self.start_at_cursor)
        end_button = QPushButton("Article &ends here")
        end_button.setToolTip("Move the end of the article to the end of the cursor's line")
        end_button.clicked.connect(self.end_at_cursor)
        QShortcut(QKeySequence("Ctrl+["), self, self.start_at_cursor)
        QShortcut(QKeySequence("Ctrl+]"), self, self.end_at_cursor)
        moves = QHBoxLayout()
        moves.addWidget(start_button)
        moves.addWidget(end_button)
        moves.addStretch(1)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            "&Import the article", QDialogButtonBox.ButtonRole.AcceptRole
        )
        keep = buttons.addButton("Keep the &whole text", QDialogButtonBox.ButtonRole.ActionRole)
        keep.clicked.connect(lambda: self.done(self.KEEP_ALL))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "This text seems to carry parts of the web page around the article. "
                "Greyed text will not be imported; the original file is kept as it is."
            )
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addLayout(moves)
        layout.addWidget(buttons)
        fit_on_screen(self, 820, 640)
        self._show_cut()
        # Only the first time: moving a cut later keeps the text where the researcher is.
        cursor = self.view.textCursor()
        cursor.setPosition(self.offsets.to_utf16(cut[0]))
        self.view.setTextCursor(cursor)
        self.view.centerCursor()

    def _line_bounds(self) -> tuple[int, int]:
        cursor = self.view.textCursor()
        block = cursor.block()
        start = self.offsets.to_code_point(block.position())
        end = self.offsets.to_code_point(block.position() + block.length() - 1)
        return start, end

    def start_at_cursor(self) -> None:
        start, _end = self._line_bounds()
        if start < self.cut[1]:
            self.cut = (start, self.cut[1])
            self._show_cut()

    def end_at_cursor(self) -> None:
        _start, end = self._line_bounds()
        if end > self.cut[0]:
            self.cut = (self.cut[0], end)
            self._show_cut()

    def _grey(self, start: int, end: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setForeground(QColor("#9a9a9a"))
        fmt.setBackground(QColor("#ecebe6"))
        fmt.setFontStrikeOut(False)
        selection.format = fmt
        return selection

    def _show_cut(self) -> None:
        start, end = self.cut
        greyed = []
        if start > 0:
            greyed.append(self._grey(0, start))
        if end < len(self.text):
            greyed.append(self._grey(end, len(self.text)))
        self.view.setExtraSelections(greyed)
        # counted as the import will store it (the cut's ends are tidied, a final newline)
        kept = apply_trim(self.text, self.cut)
        first = first_line_title(kept, 80)
        self.summary.setText(
            f"Importing {len(kept):,} of {len(self.text):,} characters, from “{first}”."
        )
