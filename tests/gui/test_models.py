from pytestqt.modeltest import ModelTester

from annotator.gui.main_window import MainWindow


def test_models_pass_the_qt_model_checks(qtmodeltester: ModelTester, window: MainWindow) -> None:
    qtmodeltester.check(window.articles)
    qtmodeltester.check(window.tag_model)
    qtmodeltester.check(window.annotation_model)
