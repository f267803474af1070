"""W3C JSON from outside: each malformed annotation gets its own reason, never a traceback,
and what is stored is what both backends (SQLite and PostgreSQL) accept."""

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.cli.main import main
from annotator.core.annotations import article_annotations
from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.errors import AnnotatorError
from annotator.core.interchange.w3c import import_w3c
from annotator.core.project import Project, open_project
from annotator.core.text import article_uri
from tests.helpers import add_text_article

TEXT = "The council pledges 200 new buses by 2030, critics doubt the budget."
NUL = "\0"


def _annotation(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "creator": {"type": "Person", "name": "Ada"},
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "pledge"}],
        "target": {
            "source": article_uri(TEXT),
            "selector": [{"type": "TextQuoteSelector", "exact": "pledges 200 new buses"}],
        },
    }
    item.update(changes)
    return item


def _tagged(tag: str, note: str = "") -> dict[str, Any]:
    body = [{"type": "TextualBody", "purpose": "tagging", "value": tag}]
    if note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": note})
    return _annotation(body=body)


CASES: list[tuple[Any, str | None]] = [
    (_annotation(creator=42), "its creator is a int, not a person or a name"),
    (
        _annotation(creator=[{"name": "Ada"}, {"name": "Bo"}]),
        "2 creators; an annotation here has one coder",
    ),
    (_annotation(creator={"name": ["A", "B"]}), "its creator's name is not text"),
    (_annotation(body=[{"purpose": "tagging", "value": 7}]), "no tagging body with a tag name"),
    (_annotation(target="urn:x"), "no target source"),
    (_tagged("t" * 201), "the tag name is longer than 200 characters (201)"),
    (_tagged("pledge", note="half \ud83d of a face"), "a lone surrogate"),
    (_tagged("lone \udc00 tag"), "a lone surrogate"),
    ("just a string", "not an annotation (a JSON str)"),
    (_annotation(creator=[{"name": "Bo"}]), None),  # one creator in a list is fine
    (_tagged(f"nul{NUL}tag", note=f"a{NUL}note"), None),
]


def _write(path: Path, items: list[Any]) -> Path:
    path.write_text(json.dumps(items, ensure_ascii=True), "utf-8")
    return path


def _check(project: Project, tmp_path: Path) -> None:
    add_text_article(project, TEXT)
    report = import_w3c(project, _write(tmp_path / "in.json", [case for case, _ in CASES]))
    expected = [(n, reason) for n, (_c, reason) in enumerate(CASES, start=1) if reason]
    assert len(report.orphans) == len(expected)
    for (number, reason), orphan in zip(expected, report.orphans, strict=True):
        assert orphan.startswith(f"#{number}: ") and reason in orphan, orphan
    assert report.imported == 2
    [article] = list_articles(project)
    notes = {a.note for a in article_annotations(project, article.id)}
    assert notes == {"", "a\ufffdnote"}
    assert "nul\ufffdtag" in {t.name for t in list_tags(project)}


def test_each_bad_annotation_has_its_reason_on_sqlite(project: Project, tmp_path: Path) -> None:
    _check(project, tmp_path)


@pytest.mark.postgres
def test_each_bad_annotation_has_its_reason_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    with open_project(pg_url) as project:
        _check(project, tmp_path)


def test_json_nested_too_deeply_is_refused_in_plain_words(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(AnnotatorError, match="nested too deeply"):
        import_w3c(project, deep)
    location = project.location
    project.close()
    assert main(["import-annotations", location, str(deep)]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and "Traceback" not in err
