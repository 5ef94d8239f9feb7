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


# --- exact line starts, offsets and spans (mutation testing, issue 15) ---


def test_split_soft_lines_breaks_after_newlines_and_space_runs() -> None:
    from cableformat.parser.lines import split_soft_lines

    assert split_soft_lines("a\r\nb  c") == [0, 3, 6, 7]  # CRLF is one break
    assert split_soft_lines("a  b  ") == [0, 3, 6]  # a break at the end opens no line
    assert Doc("a\r\nb  c", soft=True).starts == [0, 3, 6, 7]


def test_lines_holding_finds_every_line_with_a_needle() -> None:
    doc = Doc("x\nx\nx\n")
    assert doc.lines_holding(["x"]) == {0, 1, 2}
    doc = Doc("ab\ncd\nef\n")
    assert doc.lines_holding(["c", "f"]) == {1, 2}
    assert doc.lines_holding(["b", "d"]) == {0, 1}


def test_offsets_of_clean_columns_map_back_over_markup() -> None:
    doc = Doc("a <b>x</b> &zz; y\n")  # tags go, an unknown entity stays as written
    assert doc.clean == ["a x &zz; y"]
    assert [doc.offset(0, c) for c in range(12)] == [0, 1, 5, 10, 11, 12, 13, 14, 15, 16,
                                                     17, 17]
    doc = Doc("a &amp; b\n")
    assert doc.clean == ["a & b"]
    assert doc.offset(0, 100) == 9  # past the end: the line's end


def test_span_on_field_on_and_line_of_name_the_line() -> None:
    from cableformat.model import TextBlock

    doc = Doc("ab\ncd\nef\n")
    span = doc.span_on(2, 7, 8)
    assert (span.start, span.end, span.line, span.column) == (7, 8, 3, 2)
    node = doc.field_on(TextBlock, 2, 6, 8, kind="text", text="ef")
    assert (node.raw, node.span.line, node.span.column) == ("ef", 3, 1)
    assert [doc.line_of(o) for o in (0, 2, 3, 8)] == [0, 0, 1, 2]
