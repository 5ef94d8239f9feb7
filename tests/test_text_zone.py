"""Fast paths of the text zone (parser.body) give what their plain forms give."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

import cableformat
from cableformat.parser import body

# words, spaces of every kind (ASCII breaks, NBSP, ideographic space), case-folding oddities
_ALPHABET = st.sampled_from(
    ["a", "E", "e", "N", "n", "D", "d", "END", "end", " ", "  ", "\t", "\x0b", "\x1c", "\xa0",
     "\u3000", "ß", "ſ", "İ", "x", ".", "SUMMARY", "Comment", "\x7f"]
)
_LINE = st.lists(_ALPHABET, max_size=12).map("".join)


@given(st.lists(_LINE, max_size=6), st.booleans())
@example(["1. end.  Next   one ", "", "  two\tthree "], True)
@example(["a      b         c"], False)
def test_fold_is_split_and_join(lines: list[str], breaks: bool) -> None:
    if not breaks and any(c in line for line in lines for c in body._ASCII_BREAKS):
        breaks = True  # breaks=False promises there are none
    assert body._fold(lines, breaks) == " ".join(" ".join(lines).split())


@given(_LINE)
@example("x END SUMMARY and end comment; endend text, END  FYI")
@example("ß END TEXT")
def test_end_markers_are_those_finditer_finds(line: str) -> None:
    want = [(m.start(), m.end()) for m in body._END_MARKER.finditer(line)]
    got = [(m.start(), m.end()) for m in body.BodyParser._end_markers(line, line.upper())]
    assert got == want


def test_paragraph_text_leaves_out_page_noise_and_folds_spaces() -> None:
    text = (
        "UNCLAS SECTION 01 OF 02 BAKU 000443\n\nSUBJECT: X\n\n"
        "1. (U) First  line \nsecond\tline\n\n"
        "BAKU 00000443  002 OF 002\n\n"
        "third line. END SUMMARY\n\n2. Next.\n"
    )
    paras = cableformat.parse(text).body.paragraphs
    assert [p.text for p in paras] == ["First line second line third line. END SUMMARY", "Next."]
