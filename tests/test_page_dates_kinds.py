"""'Cable dated:' lines and National Archives copies (issue 11, gold: created, page_kind)."""

from __future__ import annotations

from datetime import UTC, datetime

import cableformat
from cableformat.parser.kinds import archival_copy, cable_dated

# 05LIMA3571: a partial extract whose date line is glued to the banner
_PARTIAL = ("This record is a partial extract of the original cable. The full text of the "
            "original cable is not available.\nCable dated:2005-08-17T21:24:00]C O N F I D E N "
            "T I A L SECTION 01 OF 02 LIMA 003571\n\nClassified By: Ambassador J. Curtis "
            "Struble. Reason: 1.4 (b,d)\n\n1. (SBU) Text.\n")


def test_cable_dated_line_gives_the_date_where_there_is_no_dtg() -> None:
    cable = cableformat.parse(_PARTIAL)
    when = datetime(2005, 8, 17, 21, 24, tzinfo=UTC)
    assert cable.dated == when and cable.date == when
    assert cableformat.render(cable) == _PARTIAL


def test_a_dtg_comes_before_the_dated_line_and_no_line_no_date() -> None:
    text = "P 231307Z FEB 09\nFM AMEMBASSY CAIRO\nCable dated:2009-02-23T13:07:00\n" \
        "S E C R E T CAIRO 000326\n\n1. (S) Text.\n"
    cable = cableformat.parse(text)
    assert cable.dated == datetime(2009, 2, 23, 13, 7, tzinfo=UTC)
    assert cable.date == datetime(2009, 2, 23, 13, 7, tzinfo=UTC)  # the DTG's, the same here
    assert cable_dated("UNCLAS BAKU 000443\n\nCable dated: tomorrow\n") is None
    assert cable_dated("Cable dated:2009-02-30T13:07:00\n") is None  # no such day


# 66BUENOSAIRES2481: a 1966 telegram re-keyed from a National Archives copy
_ARCHIVAL = """\
P R 281848Z DEC 66
FM AMEMBASSY BUENOS AIRES
TO SECSTATE WASHDC PRIORITY
UNCLASSIFIED BUENOS AIRES 2481

Original Telegram was Confidential but has since been
de-classified

--------------------------------------------- ----
Copy from the National Archives
RG 59: General Records of the Department of state
--------------------------------------------- ----

E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009
TAGS: EFIS PBTS AR
SUBJECT:  EXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS

1.  PRESS REPORTS CONFIRM NEW LEGISLATION.
"""


def test_national_archives_copy_is_a_page_of_its_own_kind() -> None:
    cable = cableformat.parse(_ARCHIVAL)
    assert cable.page_kind == "other"
    assert [i.code for i in cable.syntax if i.code.startswith("K")] == ["K009"]
    assert archival_copy("1. The National Archives hold a copy of the treaty.\n") is None
    ordinary = _ARCHIVAL.replace("Copy from the National Archives", "Copy for the archive")
    assert cableformat.parse(ordinary).page_kind == "ordinary"
