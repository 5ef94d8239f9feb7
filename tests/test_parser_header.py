"""parser/header.py: the WikiLeaks metadata table, the transmission header and the old-format
distribution block, production by production (each case is a few lines of a real header).

The mutants of ``cableformat/parser/header.py`` are judged by this file (scripts/mutation.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import cableformat
from cableformat.parser.header import parse_created
from cableformat.rules import run_rules, select_rules

BANNER = "C O N F I D E N T I A L BAKU 000443\n"
BODY = "\nE.O. 12958: DECL: 06/02/2019\nTAGS: PGOV\nSUBJECT: TEST\n"
HEADER = (
    "VZCZCXRO8143\n"
    "OO RUEHAG RUEHDBU\n"
    "DE RUEHKB #0443/01 1530928\n"
    "ZNY CCCCC ZZH\n"
    "O 020928Z JUN 09\n"
    "FM AMEMBASSY BAKU\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n"
    "INFO RUCNCIS/CIS COLLECTIVE IMMEDIATE\n"
    "RUEHAK/AMEMBASSY ANKARA IMMEDIATE 3411\n"
)
META = ("Reference ID Created Released Classification Origin\n"
        "09BAKU443 2009-06-02 09:28 2011-08-30 01:44 CONFIDENTIAL Embassy Baku\n")


def _cable(header: str) -> cableformat.Cable:
    return cableformat.parse(header + BANNER + BODY)


def _kinds(cable: cableformat.Cable) -> list[str]:
    return [line.kind for line in cable.lines]


def test_every_production_of_a_full_header() -> None:
    cable = _cable(HEADER)
    h = cable.header
    assert h is not None and not h.partial and not h.in_text
    assert h.tid is not None and h.tid.raw == "VZCZCXRO8143"
    assert h.routing is not None and h.routing.prosign == "OO"
    assert h.routing.indicators == ["RUEHAG", "RUEHDBU"]
    assert h.de is not None and (h.de.station, h.de.julian_day, h.de.time) == (
        "RUEHKB", 153, "0928")
    assert h.security is not None and h.security.raw == "ZNY CCCCC ZZH"
    assert h.dtg is not None and h.dtg.value == datetime(2009, 6, 2, 9, 28, tzinfo=UTC)
    assert h.fm is not None and h.fm.address == "AMEMBASSY BAKU" and h.fm.role == "fm"
    assert [(a.address, a.precedence, a.mcn) for a in h.to] == [
        ("SECSTATE WASHDC", "IMMEDIATE", "1297")]
    assert [(a.address, a.role) for a in h.info] == [
        ("CIS COLLECTIVE", "info"), ("AMEMBASSY ANKARA", "info")]
    assert h.xmt == []
    assert _kinds(cable)[:10] == ["tid", "routing", "de", "security", "dtg", "fm", "to",
                                  "info", "info", "banner"]


def test_each_node_span_holds_its_raw_text() -> None:
    text = HEADER + BANNER + BODY
    h = cableformat.parse(text).header
    assert h is not None
    for node in (h.tid, h.routing, h.de, h.security, h.dtg, h.fm, *h.to, *h.info):
        assert node is not None
        assert text[node.span.start:node.span.end] == node.raw


def test_routing_continuation_lines_belong_to_the_routing_line() -> None:
    # a long routing line wraps: the next line of indicators only is not an addressee
    cable = _cable(HEADER.replace("OO RUEHAG RUEHDBU\n", "OO RUEHAG RUEHDBU\nRUEHROV RUEHSR\n"))
    h = cable.header
    assert h is not None and h.routing is not None
    assert h.routing.indicators == ["RUEHAG", "RUEHDBU", "RUEHROV", "RUEHSR"]
    assert _kinds(cable)[:4] == ["tid", "routing", "routing", "de"]
    assert h.de is not None and h.de.station == "RUEHKB"


def test_routing_continuation_stops_at_the_de_line() -> None:
    cable = _cable("OO RUEHAG RUEHDBU\nDE RUEHKB #0443/01 1530928\nO 020928Z JUN 09\n"
                   "FM AMEMBASSY BAKU\n")
    h = cable.header
    assert h is not None and h.de is not None and h.routing is not None
    assert h.routing.indicators == ["RUEHAG", "RUEHDBU"]


def test_a_second_dtg_does_not_overwrite_the_first() -> None:
    cable = _cable(HEADER.replace("O 020928Z JUN 09\n", "O 020928Z JUN 09\nP 030101Z JUL 08\n"))
    h = cable.header
    assert h is not None and h.dtg is not None
    assert h.dtg.value == datetime(2009, 6, 2, 9, 28, tzinfo=UTC)
    assert h.dtg.precedences == ["O"]


def test_a_second_tid_does_not_overwrite_the_first() -> None:
    cable = _cable(HEADER.replace("VZCZCXRO8143\n", "VZCZCXRO8143\nVZCZCXYZ999\n"))
    h = cable.header
    assert h is not None and h.tid is not None and h.tid.raw == "VZCZCXRO8143"


def test_routing_after_the_dtg_is_no_routing_line() -> None:
    cable = _cable("O 020928Z JUN 09\nOO RUEHAG RUEHDBU\nFM AMEMBASSY BAKU\n")
    h = cable.header
    assert h is not None and h.routing is None and h.fm is not None


def test_fm_closes_the_addressee_block() -> None:
    # an addressee line after FM is not one more TO addressee
    cable = _cable("O 020928Z JUN 09\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n"
                   "FM AMEMBASSY BAKU\nAMEMBASSY ANKARA\n")
    h = cable.header
    assert h is not None and h.fm is not None and h.fm.address == "AMEMBASSY BAKU"
    assert [a.address for a in h.to] == ["SECSTATE WASHDC"]


def test_a_blank_line_closes_the_addressee_block() -> None:
    cable = _cable("O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC 1297\n\n"
                   "AMEMBASSY ANKARA\n")
    h = cable.header
    assert h is not None and [a.address for a in h.to] == ["SECSTATE WASHDC"]


def test_plain_addressee_lines_continue_the_block_they_follow() -> None:
    cable = _cable("O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO SECSTATE WASHDC 1297\n"
                   "AMEMBASSY ANKARA\nXMT AMEMBASSY ROME\nAMCONSUL MILAN\n")
    h = cable.header
    assert h is not None
    assert [(a.address, a.role) for a in h.to] == [("SECSTATE WASHDC", "to"),
                                                    ("AMEMBASSY ANKARA", "to")]
    assert [(a.address, a.role) for a in h.xmt] == [("AMEMBASSY ROME", "xmt"),
                                                     ("AMCONSUL MILAN", "xmt")]
    assert _kinds(cable)[2:6] == ["to", "to", "xmt", "xmt"]


def test_grnc_handling_note_is_no_addressee_and_closes_the_block() -> None:
    cable = _cable("O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO SECSTATE WASHDC 1297\n"
                   "STATE GRNC\nAMEMBASSY ANKARA\n")
    h = cable.header
    assert h is not None and [a.address for a in h.to] == ["SECSTATE WASHDC"]
    assert _kinds(cable)[3] == "distribution"
    assert _kinds(cable)[4] != "to"


@pytest.mark.parametrize("role", ["TO", "INFO"])
def test_page_header_inside_the_addressee_block_is_h101(role: str) -> None:
    text = ("O 020928Z JUN 09\nFM AMEMBASSY BAKU\n"
            f"{role} PAGE 02 BAKU 00443 020928Z\nRUEHAK/AMEMBASSY ANKARA 3411\n")
    cable = _cable(text)
    found = [d for d in run_rules(cable, select_rules(["H101"])) if d.code == "H101"]
    assert len(found) == 1
    col = len(role) + 2
    assert (found[0].start, found[0].end) == (text.index("PAGE"),
                                              text.index("020928Z\nRUEHAK") + 7)
    assert found[0].start - text.index(f"{role} PAGE") == col - 1
    h = cable.header
    assert h is not None
    # the block stays open: the next addressee line is the role's
    assert [a.address for a in getattr(h, role.lower())] == ["AMEMBASSY ANKARA"]


def test_info_before_the_dtg_and_fm_is_a_distribution_line() -> None:
    cable = _cable("INFO OCT-01 ADS-00 /001 W\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n")
    h = cable.header
    assert h is not None and h.info == [] and _kinds(cable)[0] == "distribution"


def test_partial_extract_note_and_page_chrome() -> None:
    cable = _cable("This record is a partial extract of the original cable. The full text "
                   "of the original cable is not available.\n"
                   "Tuesday, 02 June 2009, 09:28\n"
                   "PAGE 02 BAKU 00443 020928Z\n"
                   "CONFIDENTIAL\n"
                   "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n")
    h = cable.header
    assert h is not None and h.partial
    assert _kinds(cable)[:4] == ["partial", "chrome", "page", "page"]
    assert h.dtg is not None and h.fm is not None


def test_partial_note_alone_is_a_header() -> None:
    cable = cableformat.parse("This record is a partial extract of the original cable.\n"
                              + BANNER + BODY)
    assert cable.header is not None and cable.header.partial


def test_no_header_production_gives_no_header() -> None:
    assert cableformat.parse(BANNER + BODY).header is None


def test_metadata_table_and_chrome_before_it() -> None:
    cable = cableformat.parse("WikiLeaks logo\n\n" + META + "http://example.org/x\n"
                              + HEADER + BANNER + BODY)
    assert _kinds(cable)[:5] == ["chrome", "chrome", "metadata", "metadata", "metadata"]
    w = cable.wrapper
    assert w is not None and w.reference_id == "09BAKU443"
    assert w.created == datetime(2009, 6, 2, 9, 28, tzinfo=UTC)
    assert w.created_raw == "2009-06-02 09:28" and w.classification == "CONFIDENTIAL"
    assert cable.header is not None and cable.header.tid is not None


@pytest.mark.parametrize(("value", "expected"), [
    ("2009-06-02 09:28", datetime(2009, 6, 2, 9, 28, tzinfo=UTC)),
    ("6/2/2009 9:28", datetime(2009, 6, 2, 9, 28, tzinfo=UTC)),  # month first
    ("12/1/2009 23:05", datetime(2009, 12, 1, 23, 5, tzinfo=UTC)),
    (" 2009-06-02 09:28 ", datetime(2009, 6, 2, 9, 28, tzinfo=UTC)),
    ("2009-06-02 09:28:11", datetime(2009, 6, 2, 9, 28, 11, tzinfo=UTC)),
    ("2009-06-02 9:28", datetime(2009, 6, 2, 9, 28, tzinfo=UTC)),  # one-digit hour
    ("2009 Jun 02, 09:28", datetime(2009, 6, 2, 9, 28, tzinfo=UTC)),
    ("13/2/2009 9:28", None),  # no month 13: month comes first
    ("2009-02-30 09:28", None),
    ("", None),
    (None, None),
    ("yesterday", None),
])
def test_parse_created(value: str | None, expected: datetime | None) -> None:
    assert parse_created(value) == expected


def test_header_lines_too_long_end_the_header() -> None:
    cable = _cable("O 020928Z JUN 09\nFM AMEMBASSY BAKU\n" + "X" * 400 + "\n")
    assert "fm" in _kinds(cable)
    assert _kinds(cable)[2] != "to"


TEXT_TOP = ("C O N F I D E N T I A L ROME 001196\n\nE.O. 12958: DECL: 03/05/2007\n"
            "TAGS: PHUM\nSUBJECT: TEST\n\n1. (C) SUMMARY: TEXT.\n")
# 02ROME1196: the distribution list, its closing rule, DTG, FM, TO and INFO in the text
MARK = "INFO LOG-00 NP-00 AID-00 /008W  ------------------70C954 071049Z /38"
BLOCK = ("O R 071013Z MAR 02 ZFF4\nFM AMEMBASSY ROME\n"
         "TO SECSTATE WASHDC NIACT IMMEDIATE 2620\nAMEMBASSY PARIS\n"
         "INFO AMEMBASSY LONDON PRIORITY\nAMCONSUL MILAN 1234\n")
OLD = TEXT_TOP + MARK + "\n" + BLOCK + "\n2. (C) MORE.\n"


@pytest.mark.parametrize("text", [OLD, TEXT_TOP + MARK + " " + BLOCK.replace("\n", " ") + "\n"],
                         ids=["lines", "run-in"])
def test_old_format_distribution_block_supplies_dtg_and_addressees(text: str) -> None:
    h = cableformat.parse(text).header
    assert h is not None and h.in_text
    assert h.dtg is not None and h.dtg.value == datetime(2002, 3, 7, 10, 13, tzinfo=UTC)
    assert h.dtg.precedences == ["O", "R"] and h.dtg.signal == "ZFF4"
    assert h.dtg.raw == "O R 071013Z MAR 02 ZFF4"
    assert text[h.dtg.span.start:h.dtg.span.end] == h.dtg.raw
    assert h.fm is not None and h.fm.address == "AMEMBASSY ROME"
    assert [(a.address, a.precedence, a.mcn) for a in h.to] == [
        ("SECSTATE WASHDC", "NIACT IMMEDIATE", "2620"), ("AMEMBASSY PARIS", None, None)]
    assert [(a.address, a.precedence, a.mcn) for a in h.info] == [
        ("AMEMBASSY LONDON", "PRIORITY", None), ("AMCONSUL MILAN", None, "1234")]
    for a in (h.fm, *h.to, *h.info):
        assert text[a.span.start:a.span.end] == a.raw


@pytest.mark.parametrize("broken", [
    "O R 071013Z MAR 02 ZFF4\nTO AMEMBASSY ROME\n",  # no FM after the DTG
    "071013Z MAR 02\nFM AMEMBASSY ROME\n",  # no precedence
    "O R 071013Z MRZ 02\nFM AMEMBASSY ROME\n",  # no month
    "O R 071013Z MAR 2002\nFM AMEMBASSY ROME\n",  # four-digit year
    "O R 071013 MAR 02\nFM AMEMBASSY ROME\n",  # no Z
    "O R 071013Z MAR\n",  # cut short
])
def test_old_format_block_needs_precedence_dtg_and_fm(broken: str) -> None:
    text = TEXT_TOP + MARK + "\n" + broken + "\n2. (C) MORE.\n"
    h = cableformat.parse(text).header
    assert h is None or h.dtg is None


def test_the_mark_must_close_a_distribution_list() -> None:
    text = OLD.replace("70C954 071049Z /38", "70C954 071049Z")
    h = cableformat.parse(text).header
    assert h is None or h.dtg is None


def test_header_with_a_dtg_ignores_the_old_format_block() -> None:
    h = cableformat.parse("O 020928Z JUN 09\nFM AMEMBASSY BAKU\n" + OLD).header
    assert h is not None and not h.in_text and h.dtg is not None and h.dtg.year == 2009


def test_old_format_block_fills_a_header_without_dtg() -> None:
    h = cableformat.parse("VZCZCXRO8143\nFM AMEMBASSY BAKU\n" + OLD).header
    assert h is not None and h.in_text and h.tid is not None
    assert h.fm is not None and h.fm.address == "AMEMBASSY BAKU"  # the header's own FM
    assert h.dtg is not None and h.dtg.year == 2002 and len(h.to) == 2


def test_lines_before_the_header_are_its_preamble() -> None:
    cable = _cable("ROUTING NOTE: for the front office only\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n")
    assert _kinds(cable)[:3] == ["preamble", "dtg", "fm"]
    h = cable.header
    assert h is not None and h.dtg is not None and h.fm is not None


def test_old_format_block_addressees_split_by_line_and_dash_rules_skipped() -> None:
    # a heading's dashed underline before the distribution mark is no mark; in the block each
    # line opens an addressee even without a PLA word (EUROPEAN POLITICAL COLLECTIVE)
    block = BLOCK.replace("INFO AMEMBASSY LONDON PRIORITY\n",
                          "INFO AMEMBASSY LONDON\nEUROPEAN POLITICAL COLLECTIVE\n")
    text = TEXT_TOP + "HEADING\n-------\n" + MARK + "\n" + block + "\n2. (C) MORE.\n"
    h = cableformat.parse(text).header
    assert h is not None and h.in_text
    assert [a.address for a in h.info] == ["AMEMBASSY LONDON", "EUROPEAN POLITICAL COLLECTIVE",
                                           "AMCONSUL MILAN"]


def test_old_format_block_run_in_addressees_split_after_mcn_and_collective() -> None:
    # run into one line: an addressee ends at a four-digit MCN or after COLLECTIVE; the FM
    # address is one address even with a PLA word inside (USMISSION USNATO)
    text = (TEXT_TOP + MARK + " O 071013Z MAR 02 FM USMISSION USNATO TO SECSTATE WASHDC 2620 "
            "USDAO ROME INFO EUROPEAN POLITICAL COLLECTIVE USDAO PARIS\n\n2. (C) MORE.\n")
    h = cableformat.parse(text).header
    assert h is not None and h.fm is not None and h.fm.address == "USMISSION USNATO"
    assert [(a.address, a.mcn) for a in h.to] == [("SECSTATE WASHDC", "2620"),
                                                  ("USDAO ROME", None)]
    assert [a.address for a in h.info] == ["EUROPEAN POLITICAL COLLECTIVE", "USDAO PARIS"]


def test_the_first_complete_old_format_block_is_used() -> None:
    # a mark whose block has no DTG and FM is passed over for the next one
    text = (TEXT_TOP + MARK + "\nSOMETHING ELSE\n\n2. (C) TEXT.\n"
            + MARK.replace("70C954", "70C958") + "\n" + BLOCK + "\n3. (C) MORE.\n")
    h = cableformat.parse(text).header
    assert h is not None and h.in_text and h.dtg is not None and h.dtg.raw == (
        "O R 071013Z MAR 02 ZFF4")
