"""Names and titles shown on a terminal: nothing in them acts on it or breaks the line."""

from annotator.core.display import printable


def test_terminal_controls_and_line_breaks_are_shown_as_escapes() -> None:
    assert printable("evil\x1b[31mred\x1b[0m\nname\r.txt") == "evil\\e[31mred\\e[0m\\nname\\r.txt"
    assert printable("bell\x07 tab\t del\x7f c1\x9b") == "bell\\x07 tab\\t del\\x7f c1\\x9b"
    assert printable("right\u202eto left \u2028 line") == "right\\u202eto left \\u2028 line"


def test_ordinary_text_is_left_alone() -> None:
    text = "Études · 😀 “quoted” — 北京 ü"
    assert printable(text) is text
