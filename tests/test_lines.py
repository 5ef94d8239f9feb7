"""The line layer: line starts, clean views and spans agree with the reference LineIndex."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from cableformat.parser.lines import Doc
from cableformat.source import LineIndex

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _expected_lines(text: str) -> list[str]:
    return [m.group() for m in _LINE.finditer(text) if m.group()] or [""]


@given(st.text(alphabet=st.sampled_from("ab <&;¶\\\r\n\t")))
@example("a\n\nb\n")
@example("x\r\ny\rz")
@example("trailing backslash\\\nnext")
def test_lines_cover_the_text_and_spans_match_line_index(text: str) -> None:
    doc = Doc(text)
    lines = [text[doc.starts[i] : doc.starts[i + 1]] for i in range(doc.count)]
    assert "".join(lines) == text
    assert lines == _expected_lines(text)
    index = LineIndex(text)
    for offset in {0, len(text) // 2, len(text)}:
        span = doc.span(offset, offset)
        assert (span.line, span.column) == index.locate(offset)
    for i, raw in enumerate(lines):
        content = raw.rstrip("\r\n")
        assert doc.content_end[i] == doc.starts[i] + len(content)
        if not any(ch in content for ch in "<&¶\\"):
            assert doc.clean[i] == content


def test_markup_is_removed_from_clean_views_and_mapped_back() -> None:
    text = "TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> &amp; X\\\n"
    doc = Doc(text)
    assert doc.clean[0] == "TAGS: PGOV & X"
    col = doc.clean[0].index("PGOV")
    assert text[doc.offset(0, col) : doc.offset(0, col) + 4] == "PGOV"
