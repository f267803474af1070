from pathlib import Path

from annotator.core.importing.trim import apply_trim, propose_trim

MEDIANAMA = "txt/medianama-facial-recognition-2020.txt"


def test_browser_saved_article_is_cut_to_headline_and_body(corpus: Path) -> None:
    text = (corpus / MEDIANAMA).read_text("utf-8")
    kept = apply_trim(text, propose_trim(text))
    assert kept.startswith(
        "Microsoft will not sell facial recognition tech to police in the US without federal law"
    )
    assert kept.rstrip().endswith("ample room for discrimination and persecution.")
    for chrome in (
        "wordpress blog stats",
        "Connect with us",
        "Written By",
        "You May Also Like",
        "Subscribe to our daily newsletter",
        "Mixed Bag Media",
        "Advertisement",
    ):
        assert chrome not in kept


def test_clean_articles_are_left_whole(corpus: Path) -> None:
    for path in sorted((corpus / "txt").glob("*.txt")):
        if path.name == Path(MEDIANAMA).name:
            continue
        text = path.read_text("utf-8")
        assert apply_trim(text, propose_trim(text)) == text, path.name


def test_text_without_prose_is_left_whole() -> None:
    text = "Menu\n\nHome\n\nShort note.\n"
    assert propose_trim(text) == (0, len(text))
    assert apply_trim(text, (5, 2)) == text  # an impossible cut changes nothing
