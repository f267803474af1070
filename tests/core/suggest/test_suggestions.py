"""Suggestions from a project: exact code-point offsets after emoji and in Swedish text,
rejections remembered as counter-examples, accepted suggestions as ordinary annotations with
their score, the reliability sample kept blind, and the command line's contract."""

import csv
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.cli.main import main
from annotator.core.annotation_writes import Draft, writing
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.export.csv_export import export_csv
from annotator.core.models import Annotation, SuggestionDecision
from annotator.core.project import Project
from annotator.core.suggest.decisions import accept, accepted_scores, reject
from annotator.core.suggest.model import Quality
from annotator.core.suggest.policy import BLIND, allow_in_sample
from annotator.core.suggest.service import TooFewExamples, suggest, train
from annotator.core.team.reliability import draw_sample
from tests.helpers import add_text_article
from tests.suggest_texts import english, swedish


def _pledge_tag(project: Project) -> int:
    return next(t.id for t in list_tags(project) if t.name == "pledge")


def _code_pledges(
    project: Project, coder_id: int, article_id: int, text: str, pledges: list[str]
) -> None:
    tag = _pledge_tag(project)
    with writing(project) as writer:
        for sentence in pledges:
            start = text.index(sentence)
            writer.add(Draft(article_id, tag, coder_id, start, start + len(sentence)))


def _setup(project: Project, make=english) -> tuple[int, int, str, list[str]]:  # type: ignore[no-untyped-def]
    """One article coded (21 pledges) and one not: (coded id, new id, new text, its pledges)."""
    coder = ensure_coder(project, "Ann")
    text, pledges = make(0, 63)
    coded = add_text_article(project, text, "coded.txt").article_id
    _code_pledges(project, coder.id, coded, text, pledges)
    new_text, new_pledges = make(5, 30)
    new = add_text_article(project, new_text, "new.txt").article_id
    return coded, new, new_text, new_pledges


@pytest.mark.parametrize("make", [english, swedish], ids=["english", "swedish"])
def test_suggestions_are_the_uncoded_pledges_at_exact_offsets(project: Project, make) -> None:  # type: ignore[no-untyped-def]
    _coded, new, text, pledges = _setup(project, make)
    trained = train(project, _pledge_tag(project))
    found = suggest(project, trained, [new])
    # Each suggestion is exactly one of the pledge sentences, found by its own text: the
    # offsets count code points, so the emoji before them must not shift them.
    expected = {(text.index(p), text.index(p) + len(p)) for p in pledges}
    assert {(s.start, s.end) for s in found} == expected
    assert all(text[s.start : s.end] == s.quote for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_coded_sentences_are_not_suggested_again(project: Project) -> None:
    coded, _new, _text, _pledges = _setup(project)
    trained = train(project, _pledge_tag(project))
    assert suggest(project, trained, [coded]) == []


def test_a_rejected_suggestion_is_remembered_as_a_counter_example(project: Project) -> None:
    _coded, new, _text, _pledges = _setup(project)
    coder = ensure_coder(project, "Ann")
    trained = train(project, _pledge_tag(project))
    first = suggest(project, trained, [new])[0]
    with writing(project) as writer:
        reject(writer, first, coder.id)
    again = train(project, _pledge_tag(project))
    assert first not in suggest(project, again, [new], threshold=0.0)
    assert again.examples == trained.examples + 1  # the rejected passage, not the unread rest


def test_an_accepted_suggestion_is_an_annotation_with_its_score(project: Project) -> None:
    _coded, new, text, _pledges = _setup(project)
    coder = ensure_coder(project, "Ann")
    trained = train(project, _pledge_tag(project))
    best = suggest(project, trained, [new])[0]
    with writing(project) as writer:
        record = accept(writer, best, coder.id)
    assert record.quote == text[best.start : best.end]
    with project.session() as session:
        stored = session.scalar(sa.select(Annotation).where(Annotation.uuid == record.uuid))
        assert stored is not None and stored.coder_id == coder.id
        assert accepted_scores(session, [record.uuid]) == {record.uuid: pytest.approx(best.score)}
        assert session.scalar(sa.select(sa.func.count()).select_from(SuggestionDecision)) == 1


def test_too_few_coded_passages_are_said_plainly(project: Project) -> None:
    coder = ensure_coder(project, "Ann")
    text, pledges = english(0, 30)
    article = add_text_article(project, text).article_id
    _code_pledges(project, coder.id, article, text, pledges)
    with pytest.raises(TooFewExamples, match="at least 20 coded passages; there are 10"):
        train(project, _pledge_tag(project))


def test_no_suggestions_in_the_reliability_sample_unless_allowed(project: Project) -> None:
    _coded, new, _text, _pledges = _setup(project)
    ann = ensure_coder(project, "Ann")
    bob = ensure_coder(project, "Bob")
    draw_sample(project, "100%", [ann.id, bob.id], seed=1)
    trained = train(project, _pledge_tag(project))
    assert suggest(project, trained, [new]) == []
    allow_in_sample(project, True)
    assert suggest(project, trained, [new]) != []
    assert "blind" in BLIND


def test_the_command_line_prints_the_contracted_fields(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    _coded, new, text, pledges = _setup(project)
    location = str(project.location)
    project.close()
    status = main(
        [
            "suggest",
            location,
            "--tag",
            "pledge",
            "--article",
            str(new),
            "--top",
            "3",
            "--json",
            "--coder",
            "Ann",
        ]
    )
    assert status == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed) == 3
    for row in printed:
        assert set(row) == {"article_id", "start", "end", "quote", "score"}
        assert row["article_id"] == new
        assert text[row["start"] : row["end"]] == row["quote"] in pledges
    status = main(["suggest", location, "--tag", "pledge", "--threshold", "0.5"])
    header, *rows = capsys.readouterr().out.splitlines()
    assert status == 0 and len(rows) == len(pledges)
    assert header.split() == ["article", "start", "end", "score", "quote"]
    for row in rows:  # the columns in that order, under their names
        article, start, end, score, quote = row.split(maxsplit=4)
        assert int(article) == new and text[int(start) : int(end)] == quote in pledges
        assert 0.5 <= float(score) <= 1
        assert row.index(article) + len(article) == header.index("article") + len("article")


def test_the_command_line_says_the_quality_in_plain_words_then_the_measures(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    _setup(project)
    location = str(project.location)
    project.close()
    assert main(["suggest", location, "--tag", "pledge", "--top", "1"]) == 0
    said, figures = capsys.readouterr().err.splitlines()
    assert said.startswith("Learned from 64 sentences of 1 coded article(s), 21 of them")
    assert "Checked on sentences it did not learn from: it found" in said  # one article
    assert "it found" in said and "in 10 of the pledge sentences" in said
    assert "F1" not in said
    assert figures.startswith("In the usual measures: F1 for pledge ")
    assert "macro-F1" in figures


def test_the_quality_is_said_in_words_and_its_measures_apart() -> None:
    quality = Quality(
        examples=200,
        positives=40,
        folds=5,
        across_articles=True,
        accuracy=0.85,
        precision=0.64,
        recall=0.76,
        f1=0.6949,
        macro_f1=0.8123,
    )
    assert quality.plain("pledge") == (
        "Checked on articles it did not learn from: it found 8 in 10 of the pledge "
        "sentences, and 6 in 10 of its suggestions were pledge."
    )
    assert quality.figures("pledge") == (
        "In the usual measures: F1 for pledge 0.69 (finding them and being right, in one "
        "figure from 0 to 1); macro-F1 0.81 (agreement with the codes on every sentence, "
        "pledge or not)."
    )


def test_the_command_line_refuses_a_tag_that_does_not_exist(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(project.location)
    project.close()
    assert main(["suggest", location, "--tag", "no such tag"]) != 0
    assert "There is no tag 'no such tag'" in capsys.readouterr().err


def test_the_export_marks_accepted_suggestions_with_their_score(
    project: Project, tmp_path: Path
) -> None:
    _coded, new, _text, _pledges = _setup(project)
    coder = ensure_coder(project, "Ann")
    best = suggest(project, train(project, _pledge_tag(project)), [new])[0]
    with writing(project) as writer:
        record = accept(writer, best, coder.id)
    export_csv(project, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    marked = {r["annotation id"]: r["suggestion score"] for r in rows}
    assert float(marked.pop(record.uuid)) == pytest.approx(best.score, abs=1e-4)
    assert set(marked.values()) == {""}  # coded by hand: no score
