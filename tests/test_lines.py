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


def test_only_lines_with_markup_get_a_clean_view_of_their_own() -> None:
    text = "AT&T AND R&D\nSEE <b>PARA</b> 2\nplain line\nESCAPED\\\n"
    doc = Doc(text)
    # a bare ampersand removes nothing: the line stays raw, with no column map
    assert doc.clean[0] == "AT&T AND R&D" and doc.maps[0] is None
    assert doc.clean[1] == "SEE PARA 2" and doc.maps[1] is not None
    assert doc.clean[2] == "plain line" and doc.maps[2] is None
    assert doc.clean[3] == "ESCAPED" and doc.maps[3] is None
    assert not doc.plain  # line 1 and 3 differ from their raw text
    assert text[doc.offset(1, doc.clean[1].index("PARA")) :].startswith("PARA</b>")
    assert Doc("AT&T\nR&D\n").plain  # nothing to clean anywhere: the fast paths apply
    assert Doc("x\n").lines_holding(["x"]) == {0}
    assert Doc("ab\ncd\nab\n").lines_holding(["b", "d"], "AB\nCD\nAB\n".lower()) == {0, 1, 2}


def test_named_entity_annotation_is_markup() -> None:
    """Annotated 1970s corpora wrap entities as ``[[TEXT || N]]`` (nested, spaces vary)."""
    text = ("1. [[LOCAL LEADER OF [[ISKCON ||1]], [[AMERICAN || 2]] CITIZEN || 3]] CAME\n"
            "TO [[ IT|| 3 ]] AND [[X ||]] [[Y ||  ]]. A [LIST] OF [[NOTHING\n")
    doc = Doc(text)
    assert doc.clean[0] == "1. LOCAL LEADER OF ISKCON, AMERICAN CITIZEN CAME"
    assert doc.clean[1] == "TO  IT AND X Y. A [LIST] OF NOTHING"
    col = doc.clean[0].index("CITIZEN")
    assert text[doc.offset(0, col) :].startswith("CITIZEN || 3]]")
    assert Doc("A [B] C]\n").plain  # single brackets are text
