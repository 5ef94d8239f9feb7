"""Text family rules: the glued-signature search of B015 starts late, with the same match."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from cableformat.rules.text import _GLUED_SIGNATURE, _glued_search_start

# Characters the pattern cares about, and some it does not (``\u00a0`` and ``\x1c`` are
# whitespace to both ``\s`` and ``str.isspace``).
_ALPHABET = " \t\n\r\x1c\u00a0.#<>!?\"\u201d)/'-AZQbzx19"
_NAMES = st.sampled_from(["DERSE", "Clinton", "Van Voorst", "A" * 31, "b" * 31, "AB", "X-Y",
                          "Mc'Kay", "END", "Q", ""])
_TAGS = st.builds(lambda n, c: "<" + c * n + ">", st.integers(0, 305),
                  st.sampled_from(["p", " ", "\n", "<", ">", "a b"]))
_PIECES = st.one_of(st.text(_ALPHABET, max_size=12), _NAMES, _TAGS,
                    st.sampled_from([". ", ".  ", "   ", "#", "##", ".#", "\n", " \u00a0"]))
_HOSTILE = st.lists(_PIECES, max_size=40).map("".join)


def _same(text: str) -> None:
    old = _GLUED_SIGNATURE.search(text)
    new = _GLUED_SIGNATURE.search(text, _glued_search_start(text))
    assert (new and (new.span(), new.groupdict())) == (old and (old.span(), old.groupdict()))


@given(_HOSTILE)
@example("1. The talks went well.  DERSE")
@example("went well. Van Voorst <br> <p>" + "<" + "x" * 300 + ">")
@example("went well. " + "A" * 31 + " " + "B" * 31 + "  .## \n")
@example("went well.\n\n" + " " * 70 + "DERSE")
@example("x  ab" + " " * 80 + "<" + "x" * 301 + ">")
def test_glued_search_start_keeps_the_match(text: str) -> None:
    _same(text)


@given(st.text(_ALPHABET, max_size=200))
def test_glued_search_start_keeps_the_match_on_any_text(text: str) -> None:
    _same(text)


def test_isspace_is_regex_whitespace() -> None:
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(i))) == chr(i).isspace() for i in range(0x110000))
