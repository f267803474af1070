"""Page numbers of paginated sources (PDF): which page or pages a span lies on."""

from bisect import bisect_right
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.models import ArticlePage

if TYPE_CHECKING:
    from annotator.core.project import Project


class PageMap:
    """The start offset of each page of one article, for quick look-ups."""

    def __init__(self, pages: list[tuple[int, int, int]]) -> None:
        ordered = sorted(pages, key=lambda p: p[1])
        self.numbers = [number for number, _start, _end in ordered]
        self.starts = [start for _number, start, _end in ordered]

    def __bool__(self) -> bool:
        return bool(self.numbers)

    def page_at(self, offset: int) -> int | None:
        index = bisect_right(self.starts, offset) - 1
        return self.numbers[index] if index >= 0 else None

    def label(self, start: int, end: int) -> str:
        """ "3" for a span on page 3, "3–4" for one that runs onto page 4, "" without pages."""
        if not self.numbers:
            return ""
        first = self.page_at(start)
        last = self.page_at(max(start, end - 1))
        if first is None or last is None:
            return ""
        return str(first) if first == last else f"{first}–{last}"


def page_map(project: "Project", article_id: int) -> PageMap:
    with project.session() as session:
        rows = session.execute(
            sa.select(ArticlePage.number, ArticlePage.start, ArticlePage.end).where(
                ArticlePage.article_id == article_id
            )
        ).all()
    return PageMap([(number, start, end) for number, start, end in rows])


def all_page_maps(project: "Project") -> dict[int, PageMap]:
    """Every paginated article's page map, by article id."""
    rows: dict[int, list[tuple[int, int, int]]] = {}
    with project.session() as session:
        for article_id, number, start, end in session.execute(
            sa.select(
                ArticlePage.article_id, ArticlePage.number, ArticlePage.start, ArticlePage.end
            )
        ):
            rows.setdefault(article_id, []).append((number, start, end))
    return {article_id: PageMap(pages) for article_id, pages in rows.items()}
