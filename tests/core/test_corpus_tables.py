"""The corpus view's queries: articles and spans filtered, sorted and grouped in the
database, on SQLite and on PostgreSQL, a window at a time."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.annotations import add_annotation
from annotator.core.article_table import ArticleQuery, article_rows, count_articles
from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.attributes import define_attribute, set_values
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, set_status
from annotator.core.models import AttributeKind, CodingStatus
from annotator.core.project import Project, open_project
from annotator.core.span_table import NO_VALUE, SpanQuery, count_spans, span_groups, span_rows

TEXTS = {
    "shell": ("Shell", "The Guardian", "Shell pledges net zero by 2050, with a caveat.\n"),
    "bp": ("BP", "The Times", "BP pledged less than Shell. Critics called it weak.\n"),
    "eni": ("Eni", "Le Monde", "Eni said nothing about zero.\n"),
}


@pytest.fixture(params=["sqlite", "postgresql"])
def coded(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Project, dict[str, int]]]:
    location = (
        str(tmp_path / "t.annotator")
        if request.param == "sqlite"
        else str(request.getfixturevalue("pg_url"))
    )
    with open_project(location) as project:
        ids: dict[str, int] = {}
        for key, (title, outlet, text) in TEXTS.items():
            ids[key] = store_article(
                project,
                ExtractedArticle(
                    text=text, title=title, source_kind="txt", original_name=key, outlet=outlet
                ),
            ).article_id
        tags = {t.name: t.id for t in list_tags(project)}
        ada, bob = ensure_coder(project, "Ada"), ensure_coder(project, "Bob")
        ids["ada"], ids["bob"] = ada.id, bob.id
        ids.update({f"tag:{k}": v for k, v in tags.items()})

        def code(article: str, words: str, tag: str, coder: int) -> None:
            text = TEXTS[article][2]
            start = text.index(words)
            add_annotation(project, ids[article], tags[tag], coder, start, start + len(words))

        code("shell", "pledges net zero", "pledge", ada.id)
        code("shell", "with a caveat", "caveat", ada.id)
        code("shell", "pledges", "pledge", bob.id)
        code("bp", "pledged less", "pledge", ada.id)
        code("bp", "Critics called it weak", "criticism", ada.id)
        set_status(project, ada.id, ids["bp"], CodingStatus.DONE)
        staff = define_attribute(project, "staff", AttributeKind.NUMBER)
        company = define_attribute(project, "company")
        set_values(project, staff.id, {ids["shell"]: 82000, ids["bp"]: 9000})
        set_values(project, company.id, {ids["shell"]: "Shell", ids["bp"]: "BP"})
        ids["staff"], ids["company"] = staff.id, company.id
        yield project, ids


def _titles(project: Project, query: ArticleQuery) -> list[str]:
    return [r.title for r in article_rows(project, query, 0, 50)]


def test_articles_sorted_and_filtered_on_every_kind_of_column(
    coded: tuple[Project, dict[str, int]],
) -> None:
    project, ids = coded
    numbers = frozenset({ids["staff"]})
    assert _titles(project, ArticleQuery()) == ["Shell", "BP", "Eni"]
    assert _titles(project, ArticleQuery(sort="outlet")) == ["Eni", "Shell", "BP"]
    pledges = f"tag:{ids['tag:pledge']}"
    assert _titles(project, ArticleQuery(sort=pledges, descending=True)) == ["Shell", "BP", "Eni"]
    staff = ArticleQuery(sort=f"attr:{ids['staff']}", number_attributes=numbers)
    assert _titles(project, staff) == ["BP", "Shell", "Eni"]
    assert _titles(project, ArticleQuery(filters=((pledges, ">1"),))) == ["Shell"]
    assert _titles(project, ArticleQuery(filters=((pledges, "0"),))) == ["Eni"]
    assert _titles(project, ArticleQuery(filters=(("outlet", "the"),))) == ["Shell", "BP"]
    done = ArticleQuery(filters=((f"status:{ids['ada']}", "done"),))
    assert _titles(project, done) == ["BP"]
    big = ArticleQuery(filters=((f"attr:{ids['staff']}", ">10000"),), number_attributes=numbers)
    assert _titles(project, big) == ["Shell"]
    assert count_articles(project, ArticleQuery(filters=(("title", "zzz"),))) == 0
    [shell] = article_rows(project, ArticleQuery(), 0, 1)
    assert shell.counts == {ids["tag:pledge"]: 2, ids["tag:caveat"]: 1}
    assert shell.attributes == {ids["staff"]: "82000", ids["company"]: "Shell"}
    assert article_rows(project, ArticleQuery(), 2, 10)[0].title == "Eni"


def test_spans_in_context_filtered_sorted_and_grouped(
    coded: tuple[Project, dict[str, int]],
) -> None:
    project, ids = coded
    pledges = SpanQuery(tags=frozenset({ids["tag:pledge"]}))
    rows = span_rows(project, pledges, 0, 10)
    assert [r.quote for r in rows] == ["pledges net zero", "pledges", "pledged less"]
    first = rows[0]
    text = TEXTS["shell"][2]
    assert (first.before, first.after) == ("Shell ", text[first.end : first.end + 60])
    assert (first.title, first.outlet, first.coder) == ("Shell", "The Guardian", "Ada")
    assert first.attributes[ids["company"]] == "Shell"
    assert count_spans(project, SpanQuery(coders=frozenset({ids["bob"]}))) == 1
    assert count_spans(project, SpanQuery(words="CRITICS")) == 1
    by_bp = SpanQuery(attribute=(ids["company"], "BP"))
    assert [r.quote for r in span_rows(project, by_bp, 0, 10)] == [
        "pledged less",
        "Critics called it weak",
    ]
    by_quote = SpanQuery(sort="quote", descending=True)
    assert span_rows(project, by_quote, 0, 1)[0].quote == "with a caveat"
    # Sorted by the text before read backwards, either case together: " ,0502…",
    # " .llehs…", " llehs" (twice), " pb".
    by_before = SpanQuery(sort="before")
    assert [r.quote for r in span_rows(project, by_before, 0, 5)] == [
        "with a caveat",
        "Critics called it weak",
        "pledges net zero",
        "pledges",
        "pledged less",
    ]
    groups = span_groups(project, SpanQuery(group="article"))
    assert [(g.label, g.count) for g in groups] == [("Shell", 3), ("BP", 2)]
    by_company = SpanQuery(group=f"attr:{ids['company']}", tags=frozenset({ids["tag:pledge"]}))
    assert [(g.key, g.count) for g in span_groups(project, by_company)] == [("BP", 1), ("Shell", 2)]
    assert count_spans(project, by_company, "Shell") == 2
    assert [r.quote for r in span_rows(project, by_company, 0, 10, "BP")] == ["pledged less"]
    by_staff = SpanQuery(group=f"attr:{ids['staff']}", numbers=frozenset({ids["staff"]}))
    assert [g.key for g in span_groups(project, by_staff)] == ["9000", "82000"]
    with_none = SpanQuery(group=f"attr:{ids['company']}", words="nothing")
    assert span_groups(project, with_none) == []
    assert count_spans(project, SpanQuery(attribute=(ids["company"], NO_VALUE))) == 0


def test_attribute_writes_and_their_undo_on_both_databases(
    coded: tuple[Project, dict[str, int]], tmp_path: Path
) -> None:
    from annotator.core.attribute_import import import_attributes  # noqa: PLC0415
    from annotator.core.attributes import (  # noqa: PLC0415
        attribute_writing,
        delete_attribute,
        values_by_article,
    )

    project, ids = coded
    sheet = tmp_path / "more.csv"
    sheet.write_text("file,staff,region\nshell,100,EU\neni,7,EU\n", encoding="utf-8")
    result = import_attributes(project, sheet)
    assert result.report.matched == 2
    assert values_by_article(project)[ids["eni"]] == {
        ids["staff"]: "7",
        result.created[0].record.id: "EU",
    }
    with attribute_writing(project, "undo") as writer:  # the import's undo
        writer.put_values(result.before, expected=result.after)
        for state in result.created:
            writer.put_state(state.record.id, None, expected=state)
    assert values_by_article(project)[ids["shell"]][ids["staff"]] == "82000"
    assert ids["eni"] not in values_by_article(project)
    state = delete_attribute(project, ids["company"])
    with attribute_writing(project, "undo") as writer:
        writer.put_state(ids["company"], state, expected=None)
    assert values_by_article(project)[ids["bp"]][ids["company"]] == "BP"
