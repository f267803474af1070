"""Sentences as exact code-point spans: abbreviations and initials in English and Swedish,
emoji and other characters outside the Basic Multilingual Plane, line breaks and lists."""

from annotator.core.suggest.sentences import sentence_spans


def _expected(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Each sentence's span found by its own text, in order."""
    spans, at = [], 0
    for sentence in sentences:
        start = text.index(sentence, at)
        at = start + len(sentence)
        spans.append((start, at))
    return spans


def test_english_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    sentences = [
        "Dr. Smith met J. Doe (e.g. at 5 p.m.) in St. Albans.",
        "Then he left!",
        "Did the council agree?",
        "“We will build 20 new schools.”",
        "It costs £3.5 million, i.e. more than planned…",
        "Nobody knows.",
    ]
    text = " ".join(sentences)
    assert sentence_spans(text) == _expected(text, sentences)


def test_swedish_abbreviations_do_not_end_a_sentence() -> None:
    sentences = [
        "Vi ska t.ex. sänka skatten för bl.a. pensionärer.",
        "Det gäller fr.o.m. nästa år, dvs. 2027.",
        "Älvdalen och Åre får nya bussar, s.k. elbussar.",
        "Ökade kostnader?",
        "Ja!",
    ]
    text = "  ".join(sentences)
    assert sentence_spans(text) == _expected(text, sentences)


def test_offsets_after_emoji_count_code_points() -> None:
    sentences = ["🚌🚌 Buses first.", "We will add 🚲 bike lanes.", "Then 👩‍👩‍👧 families 😀 ride."]
    text = "🗳️ Vote now. " + " ".join(sentences)
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["🗳️ Vote now.", *sentences]
    assert spans[1:] == _expected(text, sentences)


def test_line_breaks_end_sentences_and_empty_lines_are_left_out() -> None:
    text = "Our pledges\n\n• Cut taxes\n• Build 20 schools\n\n— and more —\n  \n...\n"
    sentences = ["Our pledges", "• Cut taxes", "• Build 20 schools", "— and more —"]
    assert sentence_spans(text) == _expected(text, sentences)


def test_a_full_stop_before_a_lower_case_word_does_not_end_a_sentence() -> None:
    text = "The plan costs 3.5 bn. and more. And then ends."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The plan costs 3.5 bn. and more.",
        "And then ends.",
    ]


def test_no_ends_a_sentence_unless_a_number_follows() -> None:
    sentences = ["See No. 5 and nr. 3 of the plan.", "They said no.", "Then they left."]
    text = " ".join(sentences)
    assert sentence_spans(text) == _expected(text, sentences)


def test_a_numbered_item_is_one_sentence_with_its_number() -> None:
    sentences = [
        "2. We will cut taxes for families.",
        "13. We will build 20 schools.",
        "iv. Vi ska sänka skatten.",
        "b. Roads come next.",
        "It cost 2. Million more than planned.",  # not a label: words come before it
    ]
    # items with a small letter or numeral begin lines, as in a list
    text = " ".join(sentences[:2]) + "\n" + "\n".join(sentences[2:])
    spans = sentence_spans(text)
    assert spans[:4] == _expected(text, sentences[:4])
    assert [text[s:e] for s, e in spans[4:]] == ["It cost 2.", "Million more than planned."]


def test_a_line_with_no_letter_is_no_sentence() -> None:
    text = "Our pledges\n12.\n2030\n• 45 %\nWe will act."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Our pledges", "We will act."]
