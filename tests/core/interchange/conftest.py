"""A coded project to export: two articles, two coders, overlaps, a repeat, notes, nesting."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.annotations import add_annotation, set_note
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.models import Tag
from annotator.core.project import Project, open_project
from tests.helpers import add_text_article

FIRST = (
    "The minister pledged 😀 to cut emissions by 40% by 2030.\n\n"
    "Critics said the pledge lacks funding. The pledge depends on a grant.\r\n"
)
SECOND = "Nothing here but a statistic: 12 per cent of buses are electric."


def code(
    project: Project,
    article_id: int,
    text: str,
    tag: str,
    coder: str,
    quote: str,
    nth: int = 0,
    note: str = "",
) -> None:
    tags = {t.name: t.id for t in list_tags(project)}
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    record = add_annotation(
        project, article_id, tags[tag], ensure_coder(project, coder).id, start, start + len(quote)
    )
    if note:
        set_note(project, record.id, note)


@pytest.fixture
def coded(tmp_path: Path) -> Iterator[Project]:
    with open_project(tmp_path / "coded.annotator") as project:
        with project.session() as session:
            pledge = session.query(Tag).filter_by(name="pledge").one()
            session.add(
                Tag(
                    name="conditional pledge",
                    color="#BBCC33",
                    definition="A pledge that holds only if something else happens.",
                    parent_id=pledge.id,
                    position=5,
                )
            )
        text = FIRST.replace("\r\n", "\n")
        first = add_text_article(project, text).article_id
        second = add_text_article(project, SECOND).article_id
        code(
            project,
            first,
            text,
            "pledge",
            "Ada",
            "pledged 😀 to cut emissions by 40% by 2030",
            note="Dated and measurable.",
        )
        code(project, first, text, "statistic", "Ada", "40%")
        code(project, first, text, "statistic", "Grace", "40% by 2030")
        code(project, first, text, "criticism", "Grace", "the pledge lacks funding")
        code(project, first, text, "conditional pledge", "Ada", "The pledge", nth=0)
        code(project, first, text, "caveat", "Grace", "The pledge depends on a grant.")
        code(project, second, SECOND, "statistic", "Ada", "12 per cent", note="=SUM(A1)")
        yield project
