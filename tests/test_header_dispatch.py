"""The first-character guards of the header parser admit every line its productions match."""

from __future__ import annotations

import re
import sys

import pytest

from cableformat import grammar as g
from cableformat.parser import header as h

ALL = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]


def _opening(pattern: str, flags: int = 0) -> set[str]:
    """Every character that ``pattern`` (one character class) accepts under ``flags``."""
    rx = re.compile(pattern, flags)
    return {c for c in ALL if rx.match(c)}


def test_leading_space_is_what_lstrip_strips() -> None:
    """``^\\s*`` in a pattern skips exactly what ``str.lstrip()`` removes."""
    assert _opening(r"\s") == {c for c in ALL if c.isspace()}


@pytest.mark.parametrize(("opening", "flags", "heads"), [
    ("[TUCSL]", re.I, h._CLASS_HEADS),  # RE_BANNER, RE_CLASS_ALONE
    ("[T]", re.I, "Tt"),  # RE_PARTIAL
    ("[MTWFS]", 0, h._PAGE_DATE_HEADS),  # RE_PAGE_DATE
    ("[ZOPR]", re.I, h._DTG_HEADS),  # RE_DTG
])
def test_heads_cover_the_opening_character(opening: str, flags: int, heads: str) -> None:
    assert _opening(opening, flags) <= set(heads)


@pytest.mark.parametrize(("pattern", "example", "heads"), [
    (g.RE_BANNER, "CONFIDENTIAL BAKU 000443", h._CLASS_HEADS),
    (g.RE_BANNER, "UNCLAS BAKU 000443", h._CLASS_HEADS),
    (g.RE_BANNER, "LIMITED OFFICIAL USE BAKU 000443", h._CLASS_HEADS),
    (g.RE_BANNER, "TOP SECRET BAKU 000443", h._CLASS_HEADS),
    (g.RE_BANNER, "SECRET BAKU 000443", h._CLASS_HEADS),
    (g.RE_CLASS_ALONE, "SECRET", h._CLASS_HEADS),
    (g.RE_PARTIAL, "This record is a partial extract of the original cable", "Tt"),
    (g.RE_PAGE_DATE, "Monday, 1 June 2009, 09:28", h._PAGE_DATE_HEADS),
    (g.RE_PAGE, "PAGE 02 ROME 03067 211833Z", "P"),
    (g.RE_TID, "VZCZCXRO8143", "V"),
    (g.RE_DE, "DE RUEHKB #0443/01 1530928", "D"),
    (g.RE_DE_ANY, "DE RUEHKB", "D"),
    (g.RE_DTG, "O 020928Z JUN 09", h._DTG_HEADS),
    (g.RE_ROUTING, "OO RUEHAG RUEHDBU", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    (g.RE_FM, "FM AMEMBASSY BAKU", "F"),
    (g.RE_TO, "TO RUEHC/SECSTATE WASHDC", "T"),
    (g.RE_INFO, "INFO RUCNCIS/CIS COLLECTIVE", "I"),
    (g.RE_XMT, "XMT AMEMBASSY SOFIA", "X"),
])
def test_no_other_first_character_matches(pattern: re.Pattern[str], example: str,
                                          heads: str) -> None:
    """The example matches; with another first character (Latin, Greek, letter-likes and
    every character that case-folds to ASCII) it does not."""
    assert pattern.match("  " + example)
    rest = example[1:]
    for c in ALL[:0x2200]:
        if c not in heads and not c.isspace():
            assert pattern.match(c + rest) is None, (pattern.pattern[:30], c)
