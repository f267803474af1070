from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from annotator.core.importing.service import ImportResult, Outcome
from annotator.core.settings import Settings
from annotator.gui import app as app_module
from annotator.gui import messages
from annotator.gui.main_window import MainWindow


def test_import_in_the_window_lists_the_new_articles(
    qtbot: QtBot, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports: list[str] = []
    monkeypatch.setattr(
        messages, "show_report", lambda _p, _t, summary, _d: reports.append(summary)
    )
    files = sorted((corpus / "txt").glob("*.txt"))[:3]
    empty = files[0].parent / "does-not-exist.txt"
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_paths([*files, empty])
    results: list[ImportResult] = blocker.args[0]
    assert [r.outcome for r in results] == [Outcome.IMPORTED] * 3 + [Outcome.FAILED]
    assert window.articles.rowCount() == 4
    assert reports == ["3 imported, 0 duplicate(s), 1 failed."]
    assert window.article_id == results[0].article_id


def test_export_in_the_window_writes_the_workbook(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "from-window.xlsx"
    with qtbot.waitSignal(window.exportFinished, timeout=30000) as blocker:
        window.export_to(out)
    assert blocker.args == [out]
    assert openpyxl.load_workbook(out).sheetnames == ["Annotations", "Articles", "Codebook"]


def test_first_start_asks_for_the_name_and_remembers_it(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["  ", "  Maria   Lopez "])
    monkeypatch.setattr(messages, "ask_text", lambda *_args, **_kw: next(answers))
    settings = Settings.load()
    assert settings.coder_name == ""
    assert app_module.ensure_coder_name(settings)
    assert Settings.load().coder_name == "Maria Lopez"


def test_declining_the_name_question_does_not_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "ask_text", lambda *_args, **_kw: None)
    assert not app_module.ensure_coder_name(Settings.load())


def test_first_start_opens_the_sample_project_with_one_annotation_per_tag(
    qtbot: QtBot, settings: Settings
) -> None:
    app_module.make_application()
    project = app_module.open_start_project(None, settings)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    assert window.articles.rowCount() == 1
    tags = sorted(
        window.annotation_model.data(window.annotation_model.index(r, 0)) for r in range(4)
    )
    assert tags == ["caveat", "criticism", "pledge", "statistic"]
    assert Path(project.location).name == app_module.SAMPLE_NAME
    window.close()
