"""When something goes wrong: the crash dialog, and every shown error in the log."""

import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.logs import log_path
from annotator.gui import crash, messages
from annotator.gui.main_window import MainWindow


def test_an_unexpected_error_is_logged_and_the_dialog_says_the_work_is_saved(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        crash, "show_crash_dialog", lambda _p, text, details: shown.append((text, details))
    )
    handler = crash.CrashHandler(lambda: window.project.location)
    try:
        raise KeyError("missing")
    except KeyError:
        handler(*sys.exc_info())
    [(text, details)] = shown
    assert "saved in " + window.project.location in text
    assert str(log_path()) in text
    assert "KeyError: 'missing'" in details and "Traceback" in details
    record = next(r for r in caplog.records if r.name == "annotator.gui.crash")
    assert record.levelno == logging.CRITICAL and "KeyError" in record.getMessage()


def test_an_error_in_the_crash_report_itself_does_not_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda _p, text, _d: shown.append(text))

    def gone() -> str:
        raise RuntimeError("no project")

    handler = crash.CrashHandler(gone)
    try:
        raise ValueError("first")
    except ValueError:
        handler(*sys.exc_info())
    assert len(shown) == 1 and "ValueError: first" in shown[0]


def test_every_error_shown_is_logged_with_its_traceback(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: QMessageBox.StandardButton.Ok)
    try:
        int("seven")
    except ValueError:
        messages.show_error(None, "The number could not be read.")
    [record] = [r for r in caplog.records if r.name == "annotator.gui.messages"]
    assert "The number could not be read." in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is ValueError
