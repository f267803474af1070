import json
from pathlib import Path

from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.coders import list_coders
from annotator.core.interchange.anchoring import anchor
from annotator.core.interchange.w3c import export_w3c, import_w3c
from annotator.core.project import Project, open_project
from tests.core.interchange.conftest import FIRST, SECOND
from tests.helpers import add_text_article


def _fresh(path: Path) -> Project:
    project = open_project(path)
    add_text_article(project, FIRST.replace("\r\n", "\n"))
    add_text_article(project, SECOND)
    return project


def _comparable(path: Path) -> list[tuple[object, ...]]:
    items = json.loads(path.read_text("utf-8"))["first"]["items"]
    out = []
    for item in items:
        bodies = {b["purpose"]: b["value"] for b in item["body"]}
        position, quote = item["target"]["selector"]
        out.append(
            (
                item["target"]["source"],
                bodies.get("tagging"),
                bodies.get("commenting"),
                item["creator"]["name"],
                position["start"],
                position["end"],
                quote["exact"],
            )
        )
    return sorted(out)


def test_export_follows_the_web_annotation_model(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert export_w3c(coded, out) == 7
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 7
    first = data["first"]["items"][0]
    assert first["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert first["type"] == "Annotation"
    assert first["id"].startswith("urn:uuid:")
    assert first["creator"] == {"type": "Person", "name": "Ada"}
    assert first["body"] == [
        {"type": "TextualBody", "purpose": "tagging", "value": "pledge"},
        {"type": "TextualBody", "purpose": "commenting", "value": "Dated and measurable."},
    ]
    assert first["target"]["source"].startswith("urn:sha256:")
    position, quote = first["target"]["selector"]
    assert position == {"type": "TextPositionSelector", "start": 13, "end": 54}
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "pledged 😀 to cut emissions by 40% by 2030"
    assert quote["prefix"] == "The minister "
    assert len(quote["suffix"]) == 32
    assert first["created"].endswith("Z")


def test_json_round_trip_gives_the_same_annotations(coded: Project, tmp_path: Path) -> None:
    first_export = tmp_path / "one.json"
    export_w3c(coded, first_export)
    with _fresh(tmp_path / "other.annotator") as other:
        report = import_w3c(other, first_export)
        assert report.imported == 7 and not report.orphans
        assert report.new_tags == ["conditional pledge"]
        assert sorted(report.new_coders) == ["Ada", "Grace"]
        second_export = tmp_path / "two.json"
        export_w3c(other, second_export)
        again = import_w3c(other, first_export)
        assert (again.imported, again.already_present) == (0, 7)
    assert _comparable(first_export) == _comparable(second_export)


def test_plain_list_and_json_lines_are_read(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export_w3c(coded, out)
    items = json.loads(out.read_text("utf-8"))["first"]["items"]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(items), "utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text("\n".join(json.dumps(i) for i in items), "utf-8")
    with _fresh(tmp_path / "a.annotator") as a:
        assert import_w3c(a, listed).imported == 7
    with _fresh(tmp_path / "b.annotator") as b:
        assert import_w3c(b, lines).imported == 7


def test_orphans_are_reported_and_repeats_land_by_prefix_and_suffix(
    coded: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    export_w3c(coded, out)
    data = json.loads(out.read_text("utf-8"))
    items = data["first"]["items"]
    edited = FIRST.replace("\r\n", "\n").replace("Critics said", "Some critics said")
    # positions moved by 5: the repeated "The pledge" must be found by its context
    with open_project(tmp_path / "edited.annotator") as project:
        add_text_article(project, edited)
        for item in items:
            item["target"]["source"] = items[0]["target"]["source"]
        from annotator.core.text import article_uri  # noqa: PLC0415

        for item in items:
            item["target"]["source"] = article_uri(edited)
        (tmp_path / "moved.json").write_text(json.dumps(data), "utf-8")
        report = import_w3c(project, tmp_path / "moved.json")
        assert report.imported == 6
        assert len(report.orphans) == 1
        assert "12 per cent" in report.orphans[0] and "not in the article" in report.orphans[0]
        from annotator.core.annotations import article_annotations  # noqa: PLC0415

        [article] = list_articles(project)
        conditional = [
            a for a in article_annotations(project, article.id) if a.quote == "The pledge"
        ]
        assert [a.start for a in conditional] == [edited.index("The pledge depends")]


def test_anchor_prefers_position_then_context_then_nearness() -> None:
    text = "aa X bb. cc X dd. ee X ff."
    assert anchor(text, "X", 12, 13) == (12, 13)
    assert anchor(text, "X", 0, 1, prefix="ee ", suffix=" ff") == (21, 22)
    assert anchor(text, "X", 11, 12) == (12, 13)  # nearest repeat when context says nothing
    assert anchor(text, "missing") is None
    assert anchor(text, "") is None


def test_unknown_articles_are_orphans(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export_w3c(coded, out)
    with open_project(tmp_path / "empty.annotator") as empty:
        report = import_w3c(empty, out)
        assert report.imported == 0
        assert len(report.orphans) == 7
        assert all("is not in this project" in o for o in report.orphans)
        assert [t.name for t in list_tags(empty)][:4] == [
            "pledge",
            "caveat",
            "criticism",
            "statistic",
        ]
        assert list_coders(empty) == []


def _is_uri(value: object) -> bool:
    """A string of format uri as the W3C tests check it: a scheme, a colon, and more."""
    if not isinstance(value, str) or ":" not in value:
        return False
    scheme, rest = value.split(":", 1)
    return bool(scheme) and scheme[0].isalpha() and bool(rest) and " " not in value


def test_collection_and_page_meet_the_w3c_test_suite_musts(coded: Project, tmp_path: Path) -> None:
    """As w3c/web-annotation-tests require (collections/collectionMusts.test and
    collections/pages/pageMusts.test): an id of format uri on the collection (5.1) and on an
    embedded page (5.2), the types, a non-negative total and startIndex, and items."""
    out = tmp_path / "out.json"
    export_w3c(coded, out)
    data = json.loads(out.read_text("utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert _is_uri(data["id"]) and data["type"] == "AnnotationCollection"
    assert isinstance(data["total"], int) and data["total"] == 7
    page = data["first"]
    assert _is_uri(page["id"]) and page["id"] != data["id"]
    assert page["type"] == "AnnotationPage" and page["partOf"] == data["id"]
    assert page["startIndex"] == 0 and len(page["items"]) == 7
    for item in page["items"]:
        assert _is_uri(item["id"]) and item["type"] == "Annotation"
        assert item["created"].endswith("Z") and item["modified"].endswith("Z")


def test_the_article_url_is_the_target_and_the_text_urn_is_kept(
    tmp_path: Path,
) -> None:
    from annotator.core.annotations import add_annotation  # noqa: PLC0415
    from annotator.core.articles import ExtractedArticle, store_article  # noqa: PLC0415
    from annotator.core.coders import ensure_coder  # noqa: PLC0415
    from annotator.core.text import article_uri  # noqa: PLC0415

    text = "The city pledges 100 buses by 2030."
    with open_project(tmp_path / "web.annotator") as project:
        stored = store_article(
            project,
            ExtractedArticle(
                text=text,
                title="Buses",
                source_kind="html",
                original_name="buses.html",
                url="https://news.example/buses",
            ),
        )
        tag = list_tags(project)[0].id
        add_annotation(project, stored.article_id, tag, ensure_coder(project, "Ada").id, 9, 16)
        out = tmp_path / "web.json"
        export_w3c(project, out)
    [item] = json.loads(out.read_text("utf-8"))["first"]["items"]
    target = item["target"]
    assert target["source"] == "https://news.example/buses"
    assert target["state"]["type"] == "TimeState"
    assert target["state"]["cached"] == article_uri(text)
    assert target["state"]["sourceDate"].endswith("Z")
    with open_project(tmp_path / "again.annotator") as again:
        add_text_article(again, text)
        assert import_w3c(again, out).imported == 1  # found by the URN
    # another tool's annotation that names only the web address
    del target["state"]
    (tmp_path / "bare.json").write_text(json.dumps([item]), "utf-8")
    with open_project(tmp_path / "url.annotator") as by_url:
        store_article(
            by_url,
            ExtractedArticle(
                text=text,
                title="Buses",
                source_kind="html",
                original_name="b.html",
                url="https://news.example/buses",
            ),
        )
        assert import_w3c(by_url, tmp_path / "bare.json").imported == 1


def test_json_round_trip_keeps_the_codebook_and_exact_times(coded: Project, tmp_path: Path) -> None:
    from datetime import datetime  # noqa: PLC0415

    from annotator.core.models import Annotation  # noqa: PLC0415

    moment = datetime(2024, 3, 1, 9, 30, 15, 123456)
    with coded.session() as session:
        for row in session.query(Annotation):
            row.created = row.modified = moment
    out = tmp_path / "out.json"
    export_w3c(coded, out)
    data = json.loads(out.read_text("utf-8"))
    book = {entry["name"]: entry for entry in data["annotator:codebook"]}
    assert book["conditional pledge"]["parent"] == "pledge"
    assert [e["name"] for e in data["annotator:codebook"]].index("pledge") < [
        e["name"] for e in data["annotator:codebook"]
    ].index("conditional pledge")
    with _fresh(tmp_path / "other.annotator") as other:
        report = import_w3c(other, out)
        assert report.new_tags == ["conditional pledge"]
        tags = {t.name: t for t in list_tags(other)}
        original = {t.name: t for t in list_tags(coded)}
        conditional = tags["conditional pledge"]
        assert conditional.parent_id == tags["pledge"].id
        assert conditional.color == original["conditional pledge"].color != "#DDDDDD"
        assert conditional.definition == original["conditional pledge"].definition
        with other.session() as session:
            assert {row.created for row in session.query(Annotation)} == {moment}
