"""Article attributes: values checked by kind, stored in one text form, undo that refuses to
overwrite someone else's change, and the change feed told of every write."""

from datetime import date

import pytest

from annotator.core.attribute_values import BadValue, normalise, typed
from annotator.core.attributes import (
    attribute_writing,
    define_attribute,
    delete_attribute,
    list_attributes,
    set_values,
    values_by_article,
)
from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError, ConflictError
from annotator.core.models import AttributeKind
from annotator.core.project import Project
from tests.helpers import add_text_article


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("1200", "1200"),
        ("1,200", "1200"),
        ("1 200", "1200"),
        ("3,5", "3.5"),
        ("-0.50", "-0.5"),
        (" 42 ", "42"),
        (7, "7"),
        (2.0, "2"),
        (0.1, "0.1"),
        ("1e3", None),
        ("twelve", None),
    ],
)
def test_numbers_are_stored_in_plain_decimal_form(raw: object, stored: str | None) -> None:
    if stored is None:
        with pytest.raises(BadValue, match="not a number"):
            normalise(AttributeKind.NUMBER, raw)
    else:
        assert normalise(AttributeKind.NUMBER, raw) == stored


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024-03-01T10:00:00", "2024-03-01"),
        (date(2023, 12, 31), "2023-12-31"),
        ("01/03/2024", None),
        ("2024-02-30", None),
    ],
)
def test_dates_are_iso(raw: object, stored: str | None) -> None:
    if stored is None:
        with pytest.raises(BadValue, match="YYYY-MM-DD"):
            normalise(AttributeKind.DATE, raw)
    else:
        assert normalise(AttributeKind.DATE, raw) == stored


def test_a_choice_is_spelt_as_the_list_spells_it() -> None:
    choices = ("News", "Opinion")
    assert normalise(AttributeKind.CHOICE, "opinion", choices) == "Opinion"
    with pytest.raises(BadValue, match="News, Opinion"):
        normalise(AttributeKind.CHOICE, "Blog", choices)
    assert normalise(AttributeKind.TEXT, "  Shell   plc ") == "Shell plc"
    assert normalise(AttributeKind.TEXT, "   ") is None


def test_typed_values_for_spreadsheets() -> None:
    assert typed(AttributeKind.NUMBER, "1200") == 1200
    assert typed(AttributeKind.NUMBER, "3.5") == 3.5
    assert typed(AttributeKind.DATE, "2024-03-01") == date(2024, 3, 1)
    assert typed(AttributeKind.TEXT, "007") == "007"


def test_define_set_and_read(project: Project) -> None:
    a = add_text_article(project, "First article.\n", "a.txt").article_id
    b = add_text_article(project, "Second article.\n", "b.txt").article_id
    heard: list[Changes] = []
    project.changes.subscribe(heard.append)
    company = define_attribute(project, "Company")
    staff = define_attribute(project, "Staff", AttributeKind.NUMBER)
    assert [x.name for x in list_attributes(project)] == ["Company", "Staff"]
    assert heard[-1].attributes
    before = set_values(project, staff.id, {a: "1,200", b: 30})
    assert before == {(a, staff.id): None, (b, staff.id): None}
    assert heard[-1].attribute_values == (a, b)
    set_values(project, company.id, {a: "Shell"})
    assert values_by_article(project) == {
        a: {company.id: "Shell", staff.id: "1200"},
        b: {staff.id: "30"},
    }
    with pytest.raises(AnnotatorError, match="already"):
        define_attribute(project, "company")


def test_a_bad_value_changes_nothing(project: Project) -> None:
    a = add_text_article(project, "First article.\n", "a.txt").article_id
    b = add_text_article(project, "Second article.\n", "b.txt").article_id
    staff = define_attribute(project, "Staff", AttributeKind.NUMBER)
    with pytest.raises(BadValue):
        set_values(project, staff.id, {a: "10", b: "many"})
    assert values_by_article(project) == {}


def test_changing_the_kind_converts_or_refuses(project: Project) -> None:
    a = add_text_article(project, "First article.\n", "a.txt").article_id
    b = add_text_article(project, "Second article.\n", "b.txt").article_id
    kind = define_attribute(project, "Type")
    set_values(project, kind.id, {a: "news", b: "opinion"})
    with attribute_writing(project) as writer:
        record = writer.update(kind.id, kind=AttributeKind.CHOICE, choices=["News", "Opinion"])
    assert record.choices == ("News", "Opinion")
    assert values_by_article(project) == {a: {kind.id: "News"}, b: {kind.id: "Opinion"}}
    with pytest.raises(BadValue, match="2 article"), attribute_writing(project) as writer:
        writer.update(kind.id, kind=AttributeKind.NUMBER)
    assert list_attributes(project)[0].kind == AttributeKind.CHOICE


def test_undo_puts_back_only_what_it_expects(project: Project) -> None:
    a = add_text_article(project, "First article.\n", "a.txt").article_id
    company = define_attribute(project, "Company")
    before = set_values(project, company.id, {a: "Shell"})
    after: dict[tuple[int, int], str | None] = {(a, company.id): "Shell"}
    set_values(project, company.id, {a: "BP"})  # someone else, meanwhile
    with pytest.raises(ConflictError), attribute_writing(project, "undo") as writer:
        writer.put_values(before, expected=after)
    assert values_by_article(project) == {a: {company.id: "BP"}}


def test_delete_and_bring_back_an_attribute(project: Project) -> None:
    a = add_text_article(project, "First article.\n", "a.txt").article_id
    company = define_attribute(project, "Company")
    set_values(project, company.id, {a: "Shell"})
    state = delete_attribute(project, company.id)
    assert list_attributes(project) == []
    assert values_by_article(project) == {}
    with attribute_writing(project, "undo") as writer:
        writer.put_state(company.id, state, expected=None)
    assert [x.name for x in list_attributes(project)] == ["Company"]
    assert values_by_article(project) == {a: {company.id: "Shell"}}
