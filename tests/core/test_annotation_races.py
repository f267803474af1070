"""Two and four coders' programs writing annotations into one project at the same moment, on
SQLite and on PostgreSQL: every acknowledged annotation is stored, none twice, and no
program fails with a database error."""

import json
from pathlib import Path

import pytest

from annotator.core.annotations import article_annotations
from annotator.core.codebook import list_tags
from annotator.core.project import Project, open_project
from tests.helpers import add_text_article
from tests.races import processes_at_once

TEXT = "The council pledged to plant ten thousand trees. " * 40

SETUP = """
import json
from annotator.core.annotations import add_annotation
from annotator.core.coders import ensure_coder
from annotator.core.codebook import list_tags
from annotator.core.project import open_project
"""

WRITE = """
location, article, coder_name, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
acknowledged = []
with open_project(location, create=False) as project:
    coder = ensure_coder(project, coder_name)
    tag = list_tags(project)[0].id
    for number in range(count):
        start = (number * 7) % 1500
        made = add_annotation(project, article, tag, coder.id, start, start + 6)
        acknowledged.append(made.uuid)
print(json.dumps(acknowledged))
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, int]:
    location = (
        str(tmp_path / "shared.annotator")
        if request.param == "sqlite"
        else str(request.getfixturevalue("pg_url"))
    )
    with open_project(location) as project:
        article = add_text_article(project, TEXT).article_id
    return location, article


def _stored(project: Project, article: int) -> list[str]:
    return [a.uuid for a in article_annotations(project, article)]


@pytest.mark.parametrize("writers", [2, 4])
@pytest.mark.parametrize("same_coder", [True, False], ids=["one coder", "several coders"])
def test_writers_at_once_lose_no_annotation(
    shared: tuple[str, int], writers: int, same_coder: bool
) -> None:
    location, article = shared
    names = ["Ada" if same_coder else f"Coder {w}" for w in range(writers)]
    finished = processes_at_once(
        SETUP, WRITE, [[location, str(article), name, "20"] for name in names]
    )
    for one in finished:
        assert (one.returncode, one.stderr) == (0, ""), one.stderr[-3000:]
    acknowledged = [u for one in finished for u in json.loads(one.stdout)]
    with open_project(location) as project:
        stored = _stored(project, article)
        assert len(list_tags(project)) == 4
    assert len(acknowledged) == 20 * writers
    assert sorted(stored) == sorted(acknowledged)


EDIT_SETUP = """
import json
from annotator.core.annotation_writes import set_note
from annotator.core.annotations import get_annotation
from annotator.core.errors import ConflictError
from annotator.core.project import open_project
"""

EDIT = """
location, annotation, writer, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
acknowledged, conflicts = [], 0
with open_project(location, create=False) as project:
    done = 0
    while done < count:
        seen = get_annotation(project, annotation)
        note = f"{writer}-{done}"
        try:
            set_note(project, annotation, note, expected_version=seen.version)
        except ConflictError:
            conflicts += 1  # someone else's edit came first: look again, then edit that
            continue
        acknowledged.append(note)
        done += 1
print(json.dumps({"acknowledged": acknowledged, "conflicts": conflicts}))
"""


@pytest.mark.parametrize("writers", [2, 4])
def test_edits_of_one_annotation_at_once_are_each_kept_or_refused(
    shared: tuple[str, int], writers: int
) -> None:
    from annotator.core.annotation_writes import add_annotation  # noqa: PLC0415
    from annotator.core.coders import ensure_coder  # noqa: PLC0415

    location, article = shared
    with open_project(location) as project:
        coder = ensure_coder(project, "Ada")
        made = add_annotation(project, article, list_tags(project)[0].id, coder.id, 4, 11)
    finished = processes_at_once(
        EDIT_SETUP, EDIT, [[location, str(made.id), f"w{w}", "15"] for w in range(writers)]
    )
    for one in finished:
        assert (one.returncode, one.stderr) == (0, ""), one.stderr[-3000:]
    reports = [json.loads(one.stdout) for one in finished]
    acknowledged = [note for report in reports for note in report["acknowledged"]]
    with open_project(location) as project:
        [stored] = article_annotations(project, article)
    # Every acknowledged edit raised the version by one: none was overwritten unseen.
    assert stored.version == made.version + len(acknowledged) == made.version + 15 * writers
    assert stored.note in {report["acknowledged"][-1] for report in reports}
