"""Rows fetched a window at a time: a table of 200,000 rows reads only the pages on screen.

The model says how many rows there are (one count query) and asks for a page of rows when a
view first paints one of them; a few pages are kept, the oldest dropped first. Scrolling to the
end of a long table reads the last page only.
"""

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

Row = TypeVar("Row")
PAGE = 128
KEPT_PAGES = 24


class PagedRows(Generic[Row]):
    def __init__(
        self,
        count: Callable[[], int],
        fetch: Callable[[int, int], list[Row]],
        key: Callable[[Row], int],
    ) -> None:
        self._count = count
        self._fetch = fetch
        self._key = key
        self.total = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self.fetches = 0  # pages read, for tests and benchmarks

    def reload(self) -> None:
        """Count again and forget every page read (the query or the data changed)."""
        self._pages.clear()
        self.total = self._count()

    def forget(self) -> None:
        """Forget the pages read, keep the count (rows changed in place)."""
        self._pages.clear()

    def row(self, index: int) -> Row | None:
        if not 0 <= index < self.total:
            return None
        number, within = divmod(index, PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number * PAGE, PAGE)
            self.fetches += 1
            self._pages[number] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[within] if within < len(page) else None

    def loaded_row_of(self, key: int) -> int:
        """The row of the item with this key among the pages held, or -1."""
        for number, page in self._pages.items():
            for within, item in enumerate(page):
                if self._key(item) == key:
                    return number * PAGE + within
        return -1

    def replace(self, index: int, row: Row) -> None:
        number, within = divmod(index, PAGE)
        page = self._pages.get(number)
        if page is not None and within < len(page):
            page[within] = row
