import codecs
from pathlib import Path

import pytest

from annotator.core.articles import get_article, list_articles
from annotator.core.importing.plaintext import extract_plain_text
from annotator.core.importing.service import ImportOptions, Outcome, import_files
from annotator.core.project import Project
from annotator.core.text import article_uri
from tests.helpers import write

WHOLE = ImportOptions(trim="none")


def _corpus_texts(corpus: Path) -> list[Path]:
    files = sorted((corpus / "txt").glob("*.txt"))
    assert len(files) >= 40
    return files


def test_every_corpus_text_imports_exactly(project: Project, corpus: Path) -> None:
    files = _corpus_texts(corpus)
    results = list(import_files(project, files, WHOLE))
    assert [r.outcome for r in results] == [Outcome.IMPORTED] * len(files)
    for path, result in zip(files, results, strict=True):
        assert result.article_id is not None
        article = get_article(project, result.article_id)
        expected = path.read_text("utf-8")
        assert article.text == expected
        assert article.uri == article_uri(expected)
        first_line = " ".join(next(ln for ln in expected.split("\n") if ln.strip()).split())
        assert article.title and first_line.startswith(article.title.rstrip("…"))


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_each_common_encoding_gives_the_same_text(
    project: Project, corpus: Path, tmp_path: Path, encoding: str
) -> None:
    """Every corpus text that the encoding can hold, re-encoded, imports as the original."""
    checked = non_ascii = 0
    for source in _corpus_texts(corpus):
        text = source.read_text("utf-8")
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        if encoding == "utf-16":
            assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        target = write(tmp_path / encoding / source.name, data)
        [result] = import_files(project, [target], WHOLE)
        assert result.outcome in (Outcome.IMPORTED, Outcome.DUPLICATE), result.line()
        assert result.article_id is not None
        assert get_article(project, result.article_id).text == text, source.name
        checked += 1
        non_ascii += not text.isascii()
    assert checked >= 5
    assert non_ascii >= 2  # the encodings' own characters were exercised


def test_windows_1252_typography_is_read_right(project: Project, tmp_path: Path) -> None:
    text = "“Smart quotes” – dashes — and 50 € for Zoë’s café.\n"
    path = write(tmp_path / "cp1252.txt", text.encode("cp1252"))
    [result] = import_files(project, [path])
    assert result.article_id is not None
    assert get_article(project, result.article_id).text == text


def test_crlf_and_cr_line_endings_become_newlines(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.txt", b"Title line\r\n\r\nBody one.\rBody two.\r\n")
    [result] = import_files(project, [path])
    assert result.article_id is not None
    article = get_article(project, result.article_id)
    assert article.text == "Title line\n\nBody one.\nBody two.\n"
    assert article.title == "Title line"


def test_the_same_text_twice_is_a_duplicate(project: Project, tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", b"Same words.\n")
    second = write(tmp_path / "b.txt", b"\xef\xbb\xbfSame words.\r\n")  # BOM and CRLF
    results = list(import_files(project, [first, second]))
    assert [r.outcome for r in results] == [Outcome.IMPORTED, Outcome.DUPLICATE]
    assert results[1].article_id == results[0].article_id
    assert "same text as article" in results[1].detail
    assert len(list_articles(project)) == 1


def test_bad_files_fail_with_a_reason_and_the_rest_imports(
    project: Project, tmp_path: Path
) -> None:
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", b"  \n\n\t ")
    binary = write(tmp_path / "photo.txt", bytes(range(256)) * 40)
    unknown = write(tmp_path / "sheet.xyz", b"a,b,c")
    missing = tmp_path / "gone.txt"
    good = write(tmp_path / "good.txt", b"A real article.\n")
    results = list(import_files(project, [empty, blank, binary, unknown, missing, good]))
    outcomes = [r.outcome for r in results]
    assert outcomes == [Outcome.FAILED] * 5 + [Outcome.IMPORTED]
    reasons = [r.detail for r in results[:5]]
    assert reasons[0].startswith("empty file")
    assert reasons[1].startswith("empty file")
    assert reasons[2].startswith("binary file")
    assert reasons[3].startswith("unknown kind of file .xyz")
    assert reasons[4] == "no such file"
    assert all("\n" not in r.line() for r in results)
    assert [a.title for a in list_articles(project)] == ["A real article."]


def test_folders_are_searched_recursively(project: Project, tmp_path: Path) -> None:
    write(tmp_path / "in" / "one.txt", b"One.\n")
    write(tmp_path / "in" / "deeper" / "two.txt", b"Two.\n")
    write(tmp_path / "in" / "deeper" / "skip.bin", b"\x00\x01")
    results = list(import_files(project, [tmp_path / "in"]))
    assert sorted(r.detail for r in results) == ["One.", "Two."]


def test_the_original_file_is_kept(project: Project, tmp_path: Path) -> None:
    from annotator.core.models import ArticleFile  # noqa: PLC0415

    data = "Café au lait.\r\n".encode("cp1252")
    [result] = import_files(project, [write(tmp_path / "x.txt", data)])
    with project.session() as session:
        original = session.get(ArticleFile, result.article_id)
        assert original is not None
        assert original.data == data
        assert original.name == "x.txt"


FIRST_SENTENCE = (
    "The council of the city announced on Monday that every diesel bus in the municipal fleet "
    "will be replaced."
)
PARAGRAPH = (
    FIRST_SENTENCE + " A spokesperson for the mayor said later that the national grant for "
    "clean transport still has to be approved by the ministry in the spring."
)


def _title_of(project: Project, path: Path, options: ImportOptions = WHOLE) -> str:
    [result] = import_files(project, [path], options)
    assert result.article_id is not None, result.line()
    return get_article(project, result.article_id).title


def test_a_paragraph_as_first_line_is_titled_by_its_first_sentence(
    project: Project, tmp_path: Path
) -> None:
    path = write(tmp_path / "paragraph.txt", f"{PARAGRAPH}\n\nSecond paragraph.\n".encode())
    assert _title_of(project, path) == FIRST_SENTENCE


def test_a_long_first_sentence_is_cut_between_words(project: Project, tmp_path: Path) -> None:
    words = (
        "Councillors from every ward of the city met on Monday evening in the old town hall "
        "to discuss whether the municipal fleet of diesel buses should be replaced by electric "
        "ones before the end of the decade, and who should pay for it"
    )
    path = write(tmp_path / "run-on.txt", f"{words}\n".encode())
    title = _title_of(project, path)
    assert title.startswith("Councillors from every ward of the city met on Monday evening")
    assert len(title) <= 120 and title.endswith("…")
    kept = title.removesuffix("…")
    assert words.startswith(kept) and words[len(kept)] == " "  # cut between two words


def test_a_short_first_line_is_the_whole_title(project: Project, tmp_path: Path) -> None:
    heading = "Council to replace diesel buses. Electric fleet by 2030, if the grant is approved"
    path = write(tmp_path / "heading.txt", f"{heading}\n\n{PARAGRAPH}\n".encode())
    assert _title_of(project, path) == heading


def test_a_trimmed_text_is_titled_by_the_first_sentence_of_what_is_kept(
    project: Project, tmp_path: Path
) -> None:
    chrome = "Home | News | Sign in\n\n"
    path = write(tmp_path / "saved.txt", f"{chrome}{PARAGRAPH}\n".encode())
    cut = (len(chrome), len(chrome) + len(PARAGRAPH))
    options = ImportOptions(trim="none", cuts={str(path): cut})
    assert _title_of(project, path, options) == FIRST_SENTENCE


def test_a_stop_after_an_abbreviation_does_not_end_the_first_sentence(tmp_path: Path) -> None:
    sentence = (
        "A man from New York pleaded guilty on Nov. 19 to threatening Rep. Ilhan Omar in calls "
        "to her office."
    )
    text = f"{sentence} He faces up to five years in prison when he is sentenced in February.\n"
    article = extract_plain_text(tmp_path / "abbreviations.txt", text.encode())
    assert article.title == sentence
