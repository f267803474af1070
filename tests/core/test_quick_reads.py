"""The reads that bypass the ORM (the project's lists, an article, its spans) give what was
written, on SQLite and on PostgreSQL."""

from datetime import datetime

from annotator.core.annotations import add_annotation, article_spans
from annotator.core.articles import get_article
from annotator.core.attributes import define_attribute, set_values
from annotator.core.coders import ensure_coder
from annotator.core.project import open_project
from annotator.core.summaries import (
    list_articles,
    list_attributes,
    list_coders,
    list_tags,
    named_values,
)
from tests.helpers import add_text_article

TEXT = "Harbourside 😀 pledges 40 buses by 2030, critics say too few."


def test_quick_reads_give_what_was_written(either_backend: str) -> None:
    with open_project(either_backend) as project:
        article = add_text_article(project, TEXT, "harbour.txt").article_id
        ada = ensure_coder(project, "Ada")
        bo = ensure_coder(project, "Bo")
        pledge, caveat, *_ = list_tags(project)
        buses = TEXT.index("40 buses")
        made = [
            add_annotation(project, article, pledge.id, ada.id, buses, buses + 8),
            add_annotation(project, article, caveat.id, bo.id, 0, 11),
        ]
        kind = define_attribute(project, "Buses", "number")
        set_values(project, kind.id, {article: "40"})
    with open_project(either_backend, create=False) as project:
        [summary] = list_articles(project)
        assert (summary.id, summary.chars, summary.annotations) == (article, len(TEXT), 2)
        assert summary.original_name == "harbour.txt"
        record = get_article(project, article)
        assert record.text == TEXT and isinstance(record.imported_at, datetime)
        assert sorted(article_spans(project, article)) == sorted(
            (m.id, m.start, m.end, m.tag_id) for m in made
        )
        assert [tuple(s) for s in article_spans(project, article, [ada.id])] == [
            (made[0].id, buses, buses + 8, pledge.id)
        ]
        assert [t.name for t in list_tags(project)][:2] == ["pledge", "caveat"]
        assert [c.name for c in list_coders(project)] == ["Ada", "Bo"]
        assert [(a.name, a.kind) for a in list_attributes(project)] == [("Buses", "number")]
        assert named_values(project) == {article: {"Buses": 40}}
