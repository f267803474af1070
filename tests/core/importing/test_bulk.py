from pathlib import Path

from annotator.core.articles import get_article, list_articles
from annotator.core.importing.service import ImportOptions, Outcome, import_files
from annotator.core.project import Project


def _mixed_files(corpus: Path) -> list[Path]:
    return [
        *sorted((corpus / "html").glob("*.html"))[:4],
        corpus / "pdf" / "dmca.pdf",
        corpus / "pdf" / "issue-297.pdf",
        corpus / "pdf" / "libreoffice-writer-password.pdf",
        corpus / "txt" / "medianama-facial-recognition-2020.txt",
    ]


def test_worker_processes_give_the_same_results_in_file_order(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    files = _mixed_files(corpus)
    pooled = list(import_files(project, files, ImportOptions(workers=2)))
    assert [r.path for r in pooled] == files
    assert [r.outcome for r in pooled] == [Outcome.IMPORTED] * 6 + [
        Outcome.FAILED,
        Outcome.IMPORTED,
    ]
    assert pooled[6].needs_password
    from annotator.core.project import open_project  # noqa: PLC0415

    with open_project(tmp_path / "single.annotator") as single:
        alone = list(import_files(single, files, ImportOptions(workers=1)))
        texts = [get_article(single, r.article_id).text for r in alone if r.article_id]
    assert [r.outcome for r in alone] == [r.outcome for r in pooled]
    assert texts == [get_article(project, r.article_id).text for r in pooled if r.article_id]


def test_a_password_opens_the_protected_pdf(project: Project, corpus: Path) -> None:
    path = corpus / "pdf" / "libreoffice-writer-password.pdf"
    [result] = import_files(project, [path], ImportOptions(password="openpassword"))
    assert result.outcome is Outcome.IMPORTED


def test_pdf_pages_are_stored(project: Project, corpus: Path) -> None:
    from annotator.core.pages import page_map  # noqa: PLC0415

    [result] = import_files(project, [corpus / "pdf" / "naacl06-shinyama.pdf"])
    assert result.article_id is not None
    pages = page_map(project, result.article_id)
    text = get_article(project, result.article_id).text
    where = text.index("1 Background")
    assert pages.label(where, where + 12) == "1"
    assert pages.label(0, len(text)) == "1–8"


def test_stopping_keeps_what_finished_and_nothing_half_written(
    project: Project, corpus: Path
) -> None:
    files = sorted((corpus / "html").glob("*.html"))[:8]
    running = import_files(project, files, ImportOptions(workers=2))
    done = [next(running), next(running), next(running)]
    running.close()
    assert [r.outcome for r in done] == [Outcome.IMPORTED] * 3
    assert len(list_articles(project)) == 3


def test_the_browser_text_is_trimmed_and_the_original_kept(project: Project, corpus: Path) -> None:
    from annotator.core.models import ArticleFile  # noqa: PLC0415

    path = corpus / "txt" / "medianama-facial-recognition-2020.txt"
    [auto] = import_files(project, [path])
    assert "trimmed to characters" in auto.detail
    assert auto.article_id is not None
    article = get_article(project, auto.article_id)
    assert article.title.startswith("Microsoft will not sell facial recognition tech")
    with project.session() as session:
        original = session.get(ArticleFile, auto.article_id)
        assert original is not None and original.data == path.read_bytes()
    [whole] = import_files(project, [path], ImportOptions(trim="none"))
    assert whole.outcome is Outcome.IMPORTED  # a different canonical text, so a new article
    [chosen] = import_files(project, [path], ImportOptions(cuts={str(path): (69, 200)}))
    assert chosen.article_id is not None
    assert get_article(project, chosen.article_id).text == (
        path.read_text("utf-8")[69:200].strip("\n") + "\n"
    )


def test_too_large_and_unreadable_files_fail_with_the_limit(
    project: Project, tmp_path: Path, monkeypatch: object
) -> None:
    import annotator.core.importing.service as service  # noqa: PLC0415

    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    setattr(service, "MAX_FILE_BYTES", 1000)  # noqa: B010
    try:
        [result] = import_files(project, [big])
    finally:
        setattr(service, "MAX_FILE_BYTES", 50 * 1024 * 1024)  # noqa: B010
    assert result.outcome is Outcome.FAILED
    assert "file too large" in result.detail and "the limit is 0 MB" in result.detail
