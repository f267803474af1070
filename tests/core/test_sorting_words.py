"""Columns of words sort with either case together, as a reader expects ("apple", "Banana",
"cherry"), from their first letter (not from a line break before it), in the articles and
the tag table, on both backends. The expected orders are written out here, not computed."""

from annotator.core.annotations import add_annotation
from annotator.core.article_table import ArticleQuery, article_rows
from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import open_project
from annotator.core.span_table import SpanQuery, span_rows

TITLES = ["banana", "Cherry", "apple", "Date"]
QUOTES = ["zero emissions", "\n\nBudget", " electric buses", "Against"]


def test_titles_and_quotes_sort_with_either_case_together(either_backend: str) -> None:
    with open_project(either_backend) as project:
        pledge = list_tags(project)[0].id
        coder = ensure_coder(project, "Ada").id
        for title, quote in zip(TITLES, QUOTES, strict=True):
            text = f"{title}:{quote}.\n"
            article = store_article(
                project,
                ExtractedArticle(text=text, title=title, source_kind="txt", original_name=title),
            ).article_id
            start = text.index(quote)
            add_annotation(project, article, pledge, coder, start, start + len(quote))

        titles = [r.title for r in article_rows(project, ArticleQuery(sort="title"), 0, 10)]
        assert titles == ["apple", "banana", "Cherry", "Date"]
        down = ArticleQuery(sort="title", descending=True)
        assert [r.title for r in article_rows(project, down, 0, 10)] == titles[::-1]
        quotes = [r.quote for r in span_rows(project, SpanQuery(sort="quote"), 0, 10)]
        # as the table shows them: from their first letter (a line break or a space before
        # it, which the cells do not show, does not put a quote first)
        assert quotes == ["Against", "\n\nBudget", " electric buses", "zero emissions"]
        articles = [r.title for r in span_rows(project, SpanQuery(sort="article"), 0, 10)]
        assert articles == ["apple", "banana", "Cherry", "Date"]
