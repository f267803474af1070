"""The same project on a PostgreSQL server, as a team would share it."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.core.agreement.report import compute_agreement
from annotator.core.annotation_writes import writing
from annotator.core.annotations import (
    add_annotation,
    article_annotations,
    change_annotation,
    delete_annotation,
    set_note,
)
from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.errors import ConflictError, NotAProjectError
from annotator.core.merge import merge_projects
from annotator.core.project import open_project
from tests.helpers import add_text_article


def test_a_project_on_postgresql_round_trips(pg_url: str) -> None:
    text = "Shared article 😀 with a pledge to code."
    with open_project(pg_url) as project:
        assert project.dialect == "postgresql"
        stored = add_text_article(project, text)
        coder = ensure_coder(project, "Ada")
        start = text.index("pledge")
        add_annotation(
            project, stored.article_id, list_tags(project)[0].id, coder.id, start, start + 6
        )
    with open_project(pg_url, create=False) as project:
        assert [a.annotations for a in list_articles(project)] == [1]
        [record] = article_annotations(project, stored.article_id)
        assert (record.start, record.quote) == (start, "pledge")


def test_two_coders_editing_one_annotation_are_detected(pg_url: str) -> None:
    """Two coders' connections to one server: a change, a deletion or an undo that states an
    older version than the stored one is refused, and the newer edit stays."""
    with open_project(pg_url) as first, open_project(pg_url) as second:
        stored = add_text_article(first, "Words to code, and more words.")
        coder = ensure_coder(first, "Ada")
        pledge, caveat, *_ = list_tags(first)
        made = add_annotation(first, stored.article_id, pledge.id, coder.id, 0, 5)
        before, after = change_annotation(first, made.id, expected_version=1, tag_id=caveat.id)
        with pytest.raises(ConflictError) as refused:
            change_annotation(second, made.id, expected_version=1, note="theirs")
        assert refused.value.expected == 1  # both versions, for the window to show
        assert getattr(refused.value.current, "version", None) == after.version
        with pytest.raises(ConflictError):
            delete_annotation(second, made.id, expected_version=1)
        with pytest.raises(ConflictError), writing(second, "undo") as writer:  # a stale undo
            writer.revert(made.id, 1, to=before)
        set_note(second, made.id, "B's note", expected_version=after.version)
        with pytest.raises(ConflictError), writing(first, "undo") as writer:
            writer.revert(made.id, after.version, to=before)  # would overwrite B's note
        [kept] = article_annotations(first, stored.article_id)
        assert (kept.tag_id, kept.note, kept.version) == (caveat.id, "B's note", 3)


def test_a_database_of_something_else_is_refused(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE invoices (id integer primary key)"))
    engine.dispose()
    with pytest.raises(NotAProjectError, match="not an Annotator project"):
        open_project(pg_url)


def test_a_team_merges_coders_projects_into_the_server_and_measures_agreement(
    pg_url: str, tmp_path: Path
) -> None:
    text = "The agency will cut waiting times by half, unless staff shortages persist."
    for name, span in (("Ada", (0, 41)), ("Bo", (0, 41))):
        with open_project(tmp_path / f"{name}.annotator") as mine:
            stored = add_text_article(mine, text)
            coder = ensure_coder(mine, name)
            add_annotation(mine, stored.article_id, list_tags(mine)[0].id, coder.id, *span)
    with open_project(pg_url) as shared:
        saved, reports = merge_projects(
            shared, [str(tmp_path / "Ada.annotator"), str(tmp_path / "Bo.annotator")]
        )
        assert saved is None  # a server project has no file to copy aside
        assert [r.annotations_added for r in reports] == [1, 1]
        assert reports[1].articles_present == 1
        report = compute_agreement(shared)
        assert report.coders == ["Ada", "Bo"]
        assert report.tags["pledge"]["alpha_u"] == pytest.approx(1.0)
