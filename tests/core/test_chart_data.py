"""The figures behind the charts, counted by hand from the annotations made here."""

from pathlib import Path

from annotator.core.annotations import add_annotation
from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.attributes import define_attribute, set_values
from annotator.core.chart_data import (
    co_occurrence,
    coding_progress,
    tag_frequencies,
    tags_over_time,
)
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, set_status
from annotator.core.models import AttributeKind, CodingStatus
from annotator.core.project import open_project

TEXT = "Shell pledges net zero by 2050 unless the grant fails, critics say.\n"


def test_figures_counted_by_hand(tmp_path: Path) -> None:
    with open_project(tmp_path / "c.annotator") as project:
        ids = []
        for number, (outlet, published) in enumerate(
            [("Times", "2024-03-01"), ("Times", "2024-04-15"), ("Monde", "undated")]
        ):
            ids.append(
                store_article(
                    project,
                    ExtractedArticle(
                        text=TEXT + str(number),
                        title=f"A{number}",
                        source_kind="txt",
                        original_name=f"{number}.txt",
                        outlet=outlet,
                        published=published,
                    ),
                ).article_id
            )
        tags = {t.name: t.id for t in list_tags(project)}
        ada, ben = ensure_coder(project, "Ada").id, ensure_coder(project, "Ben").id

        def span(article: int, words: str, tag: str, coder: int) -> None:
            start = TEXT.index(words)
            add_annotation(project, article, tags[tag], coder, start, start + len(words))

        span(ids[0], "Shell pledges net zero by 2050", "pledge", ada)
        span(ids[0], "unless the grant fails", "caveat", ada)  # no overlap with the pledge
        span(ids[0], "net zero by 2050 unless", "caveat", ada)  # overlaps both
        span(ids[1], "Shell pledges net zero", "pledge", ada)
        span(ids[1], "pledges", "statistic", ben)  # another coder: not co-occurring
        span(ids[2], "critics say", "criticism", ben)
        size = define_attribute(project, "size", AttributeKind.NUMBER)
        set_values(project, size.id, {ids[0]: 10, ids[1]: 9})
        set_status(project, ada, ids[0], CodingStatus.DONE)

        by_outlet = tag_frequencies(project, "outlet")
        assert by_outlet.rows == ["Monde", "Times"]
        assert by_outlet.columns == ["pledge", "caveat", "criticism", "statistic"]
        assert by_outlet.values == [[0, 0, 1, 0], [2, 2, 0, 1]]
        by_size = tag_frequencies(project, f"attr:{size.id}")
        assert by_size.rows == ["9", "10", "(no value)"]  # numbers by value, none last
        assert by_size.values == [[1, 0, 0, 1], [1, 2, 0, 0], [0, 0, 1, 0]]
        only_ben = tag_frequencies(project, "article", coders=frozenset({ben}))
        assert sorted(only_ben.rows) == ["A1", "A2"]

        months = tags_over_time(project, "month")
        assert months.rows == ["2024-03", "2024-04"]
        assert months.values == [[1, 2, 0, 0], [1, 0, 0, 1]]
        assert "1 annotation(s)" in months.note

        pairs = co_occurrence(project)
        pledge, caveat = 0, 1
        assert pairs.values[pledge][caveat] == pairs.values[caveat][pledge] == 1
        assert pairs.values[caveat][caveat] == 1  # the two caveats overlap each other
        assert pairs.values[pledge][3] == 0  # Ben's statistic inside Ada's pledge: not counted

        progress = coding_progress(project)
        assert progress.rows == ["Ada", "Ben"]
        # Coding an article starts it: Ada has 1 done (A0), 1 in progress (A1), 1 not started.
        assert progress.values == [[1, 1, 1], [1, 2, 0]]
