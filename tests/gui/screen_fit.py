"""Shows every dialog on a screen of a given size and prints, as JSON, each control that is
not wholly on the screen's available area (run by ``test_small_screens`` in a process of its
own, since the offscreen screen's size is fixed when Qt starts).

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python -m tests.gui.screen_fit PROJECT
"""

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from annotator.core.annotations import add_annotation
from annotator.core.attributes import define_attribute, list_attributes
from annotator.core.codebook import list_tags
from annotator.core.coders import consensus_coder, ensure_coder, list_coders
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.app import make_application
from annotator.gui.attribute_dialogs import AttributeDialog, SetValueDialog
from annotator.gui.code_matches import CodeMatchesDialog
from annotator.gui.coders_dialog import CodersDialog
from annotator.gui.connect_dialog import ConnectDialog
from annotator.gui.export_dialog import ExportDialog
from annotator.gui.help_menu import show_shortcuts
from annotator.gui.main_window import MainWindow
from annotator.gui.note_dialog import NoteDialog
from annotator.gui.settings_dialog import SettingsDialog
from annotator.gui.tag_dialog import TagDialog
from annotator.gui.team_dialogs import DealDialog, TeamProgressDialog
from annotator.gui.trim_preview import TrimPreview
from tests.helpers import add_text_article

TEXT = (  # a headline as long as news sites make them: choosers must not grow with it
    "Council pledges clean buses by 2030 as the mayor promises every diesel bus will go, "
    "though critics say the plan depends on a national grant that nobody has promised yet\n\n"
    "The council will replace every diesel bus by 2030, the mayor said. The plan depends on "
    "a national grant. Critics called it a headline without a budget.\n"
)
ADA, BO = "Ada Lovelace-Byron (research assistant)", "Bo Westerberg-Lindqvist (lead)"
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QLabel)


def _project(location: str) -> None:
    """Two coders who disagree, a consensus, attributes: every dialog has something to show."""
    with open_project(location) as project:
        article = add_text_article(project, TEXT).article_id
        tags = {t.name: t.id for t in list_tags(project)}
        ada, bo = ensure_coder(project, ADA).id, ensure_coder(project, BO).id
        for coder, tag, quote in (
            (ada, "pledge", "The council will replace every diesel bus by 2030"),
            (bo, "pledge", "The council will replace every diesel bus"),
            (ada, "caveat", "The plan depends on a national grant."),
            (bo, "statistic", "by 2030"),
            (ada, "criticism", "Critics called it a headline"),
            (consensus_coder(project).id, "pledge", "every diesel bus"),
        ):
            start = TEXT.index(quote, TEXT.index("\n"))
            add_annotation(project, article, tags[tag], coder, start, start + len(quote))
        define_attribute(project, "company")
        define_attribute(project, "published on", "date")


def _outside(top: QWidget, area: QRect) -> list[str]:
    """The visible controls of ``top`` not wholly inside ``area`` (global coordinates)."""
    found = []
    frame = top.frameGeometry()
    if not area.contains(frame):
        found.append(f"the window {frame.getRect()} is larger than or beside the screen")
    for control in top.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(top):
            continue
        if isinstance(control, QLabel) and not control.text().strip():
            continue
        shown = QRect(control.mapToGlobal(control.rect().topLeft()), control.size())
        clip = QRect(top.mapToGlobal(top.rect().topLeft()), top.size())
        if not (area.contains(shown) and clip.contains(shown)):
            text = getattr(control, "text", lambda: "")() or control.objectName()
            found.append(f"{type(control).__name__} “{text}” at {shown.getRect()}")
    return found


def main(location: str) -> int:
    _project(location)
    app = make_application()
    area = app.primaryScreen().availableGeometry()
    project = open_project(location)
    window = MainWindow(project, Settings(coder_name=ADA))
    window.show()
    app.processEvents()
    coders = list_coders(project)
    articles = window.articles.articles
    attributes = list_attributes(project)
    makers: dict[str, Callable[[], QWidget]] = {
        "review": window.show_review,
        "agreement": window.show_agreement,
        "export": lambda: ExportDialog(window.session.tags, coders, articles, window),
        "settings": lambda: SettingsDialog(window.settings, window),
        "connect": lambda: ConnectDialog(window),
        "coders": lambda: CodersDialog(project, window),
        "deal": lambda: DealDialog(project, window, sample=True),
        "team progress": lambda: TeamProgressDialog(project, window, lead=True),
        "new attribute": lambda: AttributeDialog(window),
        "set a value": lambda: SetValueDialog(window, attributes, len(articles)),
        "tag": lambda: TagDialog(window.session.tags, None, window),
        "shortcuts": lambda: show_shortcuts(window),
        "import preview": lambda: TrimPreview("page.txt", TEXT * 40, (0, len(TEXT)), window),
        "code all matches": lambda: CodeMatchesDialog(
            project, window.article_id, window.session.tags, "diesel", parent=window
        ),
        "note": lambda: NoteDialog("Note on “every diesel bus”", "", window),
    }
    problems: dict[str, list[str]] = {}
    for name, make in makers.items():
        dialog = make()
        dialog.show()
        app.processEvents()
        problems[name] = _outside(dialog, area)
        if isinstance(dialog, QDialog):
            dialog.reject()
        dialog.close()
    window.showMaximized()
    app.processEvents()
    problems["window with suggestions"] = _outside(window, area)
    print(json.dumps({k: v for k, v in problems.items() if v}, indent=1, ensure_ascii=False))
    window.close()
    project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(str(Path(sys.argv[1]))))
