from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap


def test_positions_after_an_emoji_shift_by_one_unit() -> None:
    text = "Go 😀 green: pledge"
    offsets = OffsetMap(text)
    start = text.index("green")
    assert offsets.to_utf16(start) == start + 1
    assert offsets.to_code_point(start + 1) == start
    assert offsets.utf16_length == len(text.encode("utf-16-le")) // 2


def test_a_position_inside_a_surrogate_pair_moves_to_the_character_start() -> None:
    offsets = OffsetMap("a😀b")
    assert offsets.to_code_point(2) == 1  # between the two halves of the emoji
    assert offsets.to_code_point(3) == 2


def test_text_without_astral_characters_maps_to_itself() -> None:
    offsets = OffsetMap("plain ascii and ünïcödé")
    assert [offsets.to_utf16(i) for i in range(5)] == list(range(5))


@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "😀", "𝔸", "\n", "中"]), max_size=60))
def test_round_trip_matches_python_utf16_encoding(text: str) -> None:
    offsets = OffsetMap(text)
    for i in range(len(text) + 1):
        expected = len(text[:i].encode("utf-16-le")) // 2
        assert offsets.to_utf16(i) == expected
        assert offsets.to_code_point(expected) == i
