"""Several programs on one project at once, on SQLite and on PostgreSQL: nothing fails with a
raw database error and nothing written is lost."""

import json
from pathlib import Path

import pytest

from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.coders import list_coders
from annotator.core.project import open_project
from tests.races import Finished, processes_at_once

NAMES = [f"Coder {n}" for n in range(25)]

SETUP = """
from annotator.core.project import open_project
from annotator.core.coders import ensure_coder
from annotator.core.articles import ExtractedArticle, store_article
"""

ENSURE = """
with open_project(sys.argv[1], create=False) as project:
    for name in sys.argv[2:]:
        ensure_coder(project, name)
print("done")
"""

IMPORT = """
with open_project(sys.argv[1], create=False) as project:
    ids = []
    for number in range(int(sys.argv[3])):
        text = f"Article {number} of writer {sys.argv[2]}: " + "words " * 50
        article = ExtractedArticle(text, f"{sys.argv[2]}-{number}", "txt", "a.txt")
        ids.append(store_article(project, article).article_id)
print(json.dumps(ids))
"""


def _clean(finished: list[Finished]) -> None:
    for one in finished:
        assert (one.returncode, one.stderr) == (0, ""), one.stderr[-2000:]


def _location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.annotator")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    place = _location(request, tmp_path)
    open_project(place).close()
    return place


@pytest.mark.parametrize("writers", [2, 4])
def test_the_same_new_coders_started_at_once_are_made_once(location: str, writers: int) -> None:
    finished = processes_at_once(SETUP, ENSURE, [[location, *NAMES]] * writers)
    _clean(finished)
    with open_project(location) as project:
        assert sorted(c.name for c in list_coders(project)) == sorted(NAMES)


@pytest.mark.parametrize("writers", [2, 4])
def test_writers_importing_at_once_lose_nothing(location: str, writers: int) -> None:
    finished = processes_at_once(
        SETUP + "import json", IMPORT, [[location, str(w), "15"] for w in range(writers)]
    )
    _clean(finished)
    acknowledged = {i for one in finished for i in json.loads(one.stdout)}
    with open_project(location) as project:
        stored = {a.id for a in list_articles(project)}
    assert len(acknowledged) == 15 * writers
    assert acknowledged == stored


@pytest.mark.postgres
def test_twenty_first_opens_of_an_empty_team_database_all_succeed(pg_url: str) -> None:
    finished = processes_at_once(
        "from annotator.core.project import open_project\n"
        "from annotator.core.codebook import list_tags",
        "with open_project(sys.argv[1]) as project:\n    print(len(list_tags(project)))",
        [[pg_url]] * 20,
    )
    _clean(finished)
    assert [one.stdout.split() for one in finished] == [["4"]] * 20
    with open_project(pg_url) as project:
        assert len(list_tags(project)) == 4
