"""Locating offsets: the forward count of line breaks agrees with the table of line starts."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cableformat.source import LineIndex, Source

_TEXT = st.text(alphabet=st.sampled_from("ab\r\n"), max_size=40)


def _table_index(text: str) -> LineIndex:
    index = LineIndex(text)
    assert index.line_count >= 1  # builds the table: every locate then bisects it
    return index


@given(_TEXT, st.lists(st.integers(-2, 42), max_size=30))
@example("x\r\ny\rz\r", [0, 1, 2, 3, 4, 5, 6, 7, 3, 2, 1])
@example("\r\n\r\r\n\n", [1, 2, 3, 4, 5, 6, 0])
def test_forward_locate_matches_the_table(text: str, offsets: list[int]) -> None:
    forward, table = LineIndex(text), _table_index(text)
    for offset in offsets:
        assert forward.locate(offset) == table.locate(offset)


@given(_TEXT, st.lists(st.integers(0, 40), max_size=12))
def test_locate_all_matches_locate(text: str, offsets: list[int]) -> None:
    source = Source(text=text, name="t", input_format="text")
    expected = {offset: _table_index(text).locate(offset) for offset in offsets}
    assert source.locate_all(offsets) == expected
    assert list(source.locate_all(offsets)) == list(dict.fromkeys(offsets))
