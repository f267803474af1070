from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.agreement.report import compute_agreement
from annotator.core.annotations import add_annotation, article_annotations
from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, get_status, list_coders, set_status
from annotator.core.errors import AnnotatorError
from annotator.core.merge import merge_projects
from annotator.core.models import CodingStatus, Tag
from annotator.core.project import open_project
from tests.helpers import add_text_article

SHARED = "The ministry pledges to halve emissions by 2030, if the budget allows it."


def _coder_project(
    path: Path, coder: str, spans: list[tuple[str, int, int]], extra: str | None = None
) -> None:
    with open_project(path) as project:
        article = add_text_article(project, SHARED).article_id
        if extra:
            add_text_article(project, extra)
        me = ensure_coder(project, coder)
        tags = {t.name: t.id for t in list_tags(project)}
        for tag, start, end in spans:
            add_annotation(project, article, tags[tag], me.id, start, end)
        set_status(project, me.id, article, CodingStatus.DONE)


def test_two_coders_projects_merge_and_merging_again_changes_nothing(tmp_path: Path) -> None:
    ada, bo, main_path = (
        tmp_path / "ada.annotator",
        tmp_path / "bo.annotator",
        tmp_path / "m.annotator",
    )
    _coder_project(ada, "Ada", [("pledge", 4, 47), ("caveat", 49, 73)])
    _coder_project(bo, "Bo", [("pledge", 4, 47), ("statistic", 33, 38)], extra="Bo only.")
    with open_project(bo) as project, project.session() as session:
        session.query(Tag).filter_by(name="caveat").one().color = "#000000"
        session.add(Tag(name="hedge", color="#AA4499", definition="softening", position=9))
    open_project(main_path).close()
    with open_project(main_path) as project:
        saved, reports = merge_projects(project, [str(ada), str(bo)])
        assert saved is not None and saved.exists()
        assert reports[0].articles_added == 1 and reports[0].annotations_added == 2
        assert reports[1].articles_added == 1 and reports[1].articles_present == 1
        assert reports[1].annotations_added == 2
        assert reports[1].tags_added == ["hedge"] and reports[1].tags_differing == ["caveat"]
        assert [c.name for c in list_coders(project)] == ["Ada", "Bo"]
        [first, second] = list_articles(project)
        assert len(article_annotations(project, first.id)) == 4
        ada_id = next(c.id for c in list_coders(project) if c.name == "Ada")
        assert get_status(project, ada_id, first.id) is CodingStatus.DONE
        caveat = next(t for t in list_tags(project) if t.name == "caveat")
        assert caveat.color == "#EEDD88"  # kept as here
        again = merge_projects(project, [str(ada), str(bo)])[1]
        assert sum(r.annotations_added + r.articles_added for r in again) == 0
        assert sum(r.annotations_present for r in again) == 4
        assert compute_agreement(project).tags["pledge"]["alpha_u"] == pytest.approx(1.0)
        assert second.title == "Bo only."


def test_a_project_is_not_merged_into_itself(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with open_project(path) as project, pytest.raises(AnnotatorError, match="into itself"):
        merge_projects(project, [str(path)])


def test_merge_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ada, target = tmp_path / "ada.annotator", tmp_path / "t.annotator"
    _coder_project(ada, "Ada", [("pledge", 4, 47)])
    open_project(target).close()
    assert main(["merge", str(target), str(ada)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("backup: ") and "annotations: 1 added, 0 updated" in out
    assert main(["merge", str(target), str(tmp_path / "missing.annotator")]) == 2
    assert "no project" in capsys.readouterr().err
