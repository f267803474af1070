import json
from collections import Counter
from pathlib import Path

import pytest

from annotator.core.errors import ImportFailure
from annotator.core.importing.html import extract_html
from annotator.core.importing.mhtml import extract_mhtml
from tests.core.importing.builders import mhtml


def token_f1(predicted: str, truth: str) -> float:
    """Token-level F1 after whitespace normalisation, as the extraction benchmark scores it."""
    p, t = predicted.split(), truth.split()
    common = sum((Counter(p) & Counter(t)).values())
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(t)
    return 2 * precision * recall / (precision + recall)


def test_main_text_of_every_corpus_page_matches_the_ground_truth(corpus: Path) -> None:
    truth = json.loads((corpus / "html" / "ground-truth.json").read_text("utf-8"))
    assert len(truth) == 40
    scores = {}
    for key, expected in truth.items():
        path = corpus / "html" / f"{key}.html"
        article = extract_html(path, path.read_bytes())
        scores[key] = token_f1(article.text, expected["articleBody"])
    mean = sum(scores.values()) / len(scores)
    assert mean >= 0.90, sorted(scores.items(), key=lambda kv: kv[1])[:5]
    assert min(scores.values()) >= 0.70


def test_paragraphs_are_separated_by_blank_lines_and_metadata_is_read(corpus: Path) -> None:
    path = next((corpus / "html").glob("c7e39ac49fa1*.html"))  # BBC
    article = extract_html(path, path.read_bytes())
    assert "\n\n" in article.text and "\n\n\n" not in article.text
    assert "<" not in article.text and "function(" not in article.text
    assert article.title == "Sweden drops Assange rape investigation"
    assert article.published.startswith("2019-11")
    assert article.url.startswith("https://www.bbc.com/")
    assert article.outlet
    assert article.source_kind == "html"
    assert article.original_bytes == path.read_bytes()


def test_the_declared_charset_decides(tmp_path: Path) -> None:
    body = "<p>Le café coûte 3 €, dit-elle. " * 20 + "</p>"
    html = (
        '<html><head><meta charset="windows-1252"><title>Prix</title></head>'
        f"<body><article><h1>Prix</h1>{body}</article></body></html>"
    )
    article = extract_html(tmp_path / "p.html", html.encode("cp1252"))
    assert "café coûte 3 €" in article.text


def test_a_byte_order_mark_decides(tmp_path: Path) -> None:
    body = "<p>Zoë’s “report” says 40% — twice. " * 20 + "</p>"
    html = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    article = extract_html(tmp_path / "p.html", b"\xff\xfe" + html.encode("utf-16-le"))
    assert "Zoë’s “report” says 40% — twice." in article.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(256)) * 20, "binary file"),
        (b"just words, no markup at all " * 10, "no HTML markup"),
        (
            b"<html><head><script>var a = 1;</script></head><body><img src=x></body></html>",
            "no article text",
        ),
    ],
)
def test_pages_without_an_article_fail_with_a_reason(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    with pytest.raises(ImportFailure, match=reason):
        extract_html(tmp_path / "bad.html", data)


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_single_file_pages_give_the_same_text_and_their_url(
    corpus: Path, tmp_path: Path, encoding: str
) -> None:
    page = next((corpus / "html").glob("d1c57d7821e5*.html"))
    html = page.read_bytes()
    url = "https://spacenews.com/nasa-adds-five-companies/"
    saved = mhtml(html, url, encoding)
    from_mhtml = extract_mhtml(tmp_path / "page.mhtml", saved)
    from_html = extract_html(page, html)
    assert from_mhtml.text == from_html.text
    assert from_mhtml.url == url
    assert from_mhtml.source_kind == "mhtml"
    assert from_mhtml.original_bytes == saved


def test_a_single_file_page_in_latin_1(tmp_path: Path) -> None:
    body = "<p>Cette décision était attendue depuis des mois. " * 15 + "</p>"
    html = (
        f"<html><head><title>Décision</title></head><body><article>{body}</article></body></html>"
    )
    saved = mhtml(html.encode("latin-1"), "https://example.org/a", "base64", "iso-8859-1")
    article = extract_mhtml(tmp_path / "p.mht", saved)
    assert "Cette décision était attendue" in article.text


def test_a_file_that_is_not_a_single_file_page_fails(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="not a single-file web page"):
        extract_mhtml(tmp_path / "x.mhtml", b"<html>plain page</html>")
