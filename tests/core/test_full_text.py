"""Full-text search on SQLite (FTS5) and PostgreSQL: ranked articles, hits at the stored
offsets (non-breaking spaces and line separators included), an index that follows imports,
merges and deletions, and one built for a project made before it existed."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from annotator.core.article_delete import delete_articles, restore_articles
from annotator.core.errors import AnnotatorError, DamagedProjectError
from annotator.core.full_text import search
from annotator.core.merge import merge_projects
from annotator.core.project import Project, open_project
from annotator.core.schema import alembic_config as _alembic_config
from tests.helpers import add_text_article, damage_the_search_index

SHELL = "Shell pledges net\u00a0zero by 2050.\u2028Critics doubt the pledge; the pledge is vague.\n"
BP = "BP pledged less.\nNet zero is far, said a critic.\n"
OTHER = "The council votes on buses.\n"


@pytest.fixture
def corpus(either_backend: str) -> Iterator[tuple[Project, dict[str, int]]]:
    with open_project(either_backend) as project:
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


# Japanese and Chinese write words without spaces between them: the indexes see each run as
# one word. (Sentences written for these tests; the offsets are counted from them here.)
TOKYO = "東京都は気候変動対策を発表した。Toyota も気候目標を示した。"
BEIJING = "北京市宣布了新的气候变化计划。"


def test_words_inside_runs_of_japanese_and_chinese_are_found(
    corpus: tuple[Project, dict[str, int]],
) -> None:
    project, ids = corpus
    tokyo = add_text_article(project, TOKYO, "tokyo.txt").article_id
    beijing = add_text_article(project, BEIJING, "beijing.txt").article_id
    start = TOKYO.index("気候変動")
    assert _found(project, "気候変動") == {tokyo: [(start, start + 4)]}
    first, second = TOKYO.index("気候"), TOKYO.index("気候", TOKYO.index("気候") + 1)
    assert _found(project, "気候") == {tokyo: [(first, first + 2), (second, second + 2)]}
    start = BEIJING.index("气候变化")
    assert _found(project, "气候变化") == {beijing: [(start, start + 4)]}
    # Mixed with a word of another script, and with words left out: every item is found as
    # a string, letters of any case.
    toyota = TOKYO.index("Toyota")
    assert _found(project, "toyota 目標") == {
        tokyo: [(toyota, toyota + 6), (TOKYO.index("目標"), TOKYO.index("目標") + 2)]
    }
    assert _found(project, "気候 -toyota") == {}
    assert set(_found(project, "気候 OR 计划")) == {tokyo, beijing}
    # More occurrences rank higher.
    assert [r.article_id for r in search(project, "気候 OR 北京").results] == [tokyo, beijing]
    [result] = search(project, "変動").results
    assert result.hits[0].snippet == "東京都は気候[変動]対策を発表した。Toyota も気候目標を示した。"
    assert ids  # the other articles are never found by these words


def test_a_damaged_index_is_said_in_words(tmp_path: Path) -> None:
    path = tmp_path / "damaged.annotator"
    with open_project(path) as project:
        for number in range(120):
            add_text_article(project, f"Article {number}. " + f"word{number} other " * 150)
    damage_the_search_index(path)
    damaged = "search index of this project is damaged"
    with (
        open_project(path, check_later=True) as project,
        pytest.raises(DamagedProjectError, match=damaged),
    ):
        for number in range(120):  # the word of every article: one of them is on the page
            search(project, f"word{number}")


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


def test_a_project_from_before_the_index_gets_one(either_backend: str) -> None:
    engine = sa.create_engine(
        f"sqlite:///{either_backend}" if "://" not in either_backend else either_backend
    )
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
    with open_project(either_backend, create=False) as project:
        assert _found(project, "vague") == {1: [(SHELL.index("vague"), SHELL.index("vague") + 5)]}
