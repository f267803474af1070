"""Full-text search on SQLite (FTS5) and PostgreSQL: ranked articles, hits at the stored
offsets (non-breaking spaces and line separators included), an index that follows imports,
merges and deletions, and one built for a project made before it existed."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from annotator.core.article_delete import delete_articles, restore_articles
from annotator.core.errors import AnnotatorError
from annotator.core.full_text import search
from annotator.core.merge import merge_projects
from annotator.core.project import Project, open_project
from annotator.core.schema import alembic_config as _alembic_config
from tests.helpers import add_text_article

SHELL = "Shell pledges net\u00a0zero by 2050.\u2028Critics doubt the pledge; the pledge is vague.\n"
BP = "BP pledged less.\nNet zero is far, said a critic.\n"
OTHER = "The council votes on buses.\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "search.annotator")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def corpus(location: str) -> Iterator[tuple[Project, dict[str, int]]]:
    with open_project(location) as project:
        ids = {
            name: add_text_article(project, text, f"{name}.txt").article_id
            for name, text in (("shell", SHELL), ("bp", BP), ("other", OTHER))
        }
        yield project, ids


def _found(project: Project, words: str) -> dict[int, list[tuple[int, int]]]:
    found = search(project, words).results
    return {r.article_id: [(h.start, h.end) for h in r.hits] for r in found}


def test_a_phrase_across_a_no_break_space(corpus: tuple[Project, dict[str, int]]) -> None:
    project, ids = corpus
    start_shell = SHELL.index("net\u00a0zero")
    start_bp = BP.index("Net zero")
    assert _found(project, '"net zero"') == {
        ids["shell"]: [(start_shell, start_shell + 8)],
        ids["bp"]: [(start_bp, start_bp + 8)],
    }


def test_words_after_a_line_separator_keep_their_offsets(
    corpus: tuple[Project, dict[str, int]],
) -> None:
    project, ids = corpus
    result = search(project, "critics").results
    assert [r.article_id for r in result] == [ids["shell"]]
    [hit] = result[0].hits
    assert SHELL[hit.start : hit.end] == "Critics"
    assert hit.start == SHELL.index("\u2028") + 1
    assert hit.snippet.startswith("Shell pledges net zero by 2050. [Critics] doubt")


def test_ranking_prefix_or_and_leaving_out(corpus: tuple[Project, dict[str, int]]) -> None:
    project, ids = corpus
    # "pledge" three times in Shell's text, once in BP's: Shell first.
    ranked = search(project, "pledg*")
    assert ranked.total == 2
    assert [r.article_id for r in ranked.results] == [ids["shell"], ids["bp"]]
    assert [SHELL[h.start : h.end] for h in ranked.results[0].hits] == [
        "pledges",
        "pledge",
        "pledge",
    ]
    assert set(_found(project, "buses OR pledged")) == {ids["bp"], ids["other"]}
    assert set(_found(project, "zero -critics")) == {ids["bp"]}
    assert search(project, "nowhere").results == []
    with pytest.raises(AnnotatorError, match="Type a word"):
        search(project, "-critics")


def test_the_index_follows_deletion_and_undo(corpus: tuple[Project, dict[str, int]]) -> None:
    project, ids = corpus
    deleted = delete_articles(project, [ids["shell"]])
    assert set(_found(project, "zero")) == {ids["bp"]}
    restore_articles(project, deleted)
    assert set(_found(project, "zero")) == {ids["shell"], ids["bp"]}


def test_the_index_follows_a_merge(tmp_path: Path) -> None:
    with open_project(tmp_path / "theirs.annotator") as theirs:
        add_text_article(theirs, "A merged article about hydrogen.\n")
    with open_project(tmp_path / "ours.annotator") as ours:
        add_text_article(ours, OTHER)
        assert search(ours, "hydrogen").results == []
        merge_projects(ours, [str(tmp_path / "theirs.annotator")])
        [result] = search(ours, "hydrogen").results
        assert result.title == "A merged article about hydrogen."


def test_a_project_from_before_the_index_gets_one(location: str) -> None:
    engine = sa.create_engine(f"sqlite:///{location}" if "://" not in location else location)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        conn.execute(sa.text("INSERT INTO project_meta VALUES ('application', 'annotator')"))
        conn.execute(
            sa.text(
                "INSERT INTO article (id, uri, title, text, chars, source_kind, original_name,"
                " imported_at, author, outlet, published, url, language, position) VALUES "
                "(1, 'urn:x', 'Old', :text, :chars, 'txt', 'old.txt', CURRENT_TIMESTAMP,"
                " '', '', '', '', '', 1)"
            ),
            {"text": SHELL, "chars": len(SHELL)},
        )
    engine.dispose()
    with open_project(location, create=False) as project:
        assert _found(project, "vague") == {1: [(SHELL.index("vague"), SHELL.index("vague") + 5)]}
