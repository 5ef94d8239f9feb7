"""Page kinds: each page type is named once (K001-K005) and read as a careful reader would.

The texts are short excerpts shaped like the corpus pages cited in each test (06ZAGREB815,
06BOGOTA8663, 07MANAMA1067, 73TEHRAN2077, 08LAPAZ751, 09CAIRO549, 08LONDON2197,
02BOGOTA3281); they do not need the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cableformat
from cableformat.cli import main
from cableformat.parser import parse_source
from cableformat.parser.kinds import KINDS, record_markers, split_page
from cableformat.source import Source, WrapperMeta

HEAD = """\
C O N F I D E N T I A L SECTION 01 OF 02 ZAGREB 000815
E.O. 12958: DECL: 07/06/2016
TAGS: ECON EINV HR
SUBJECT: BARR LABS IN BIDDING WAR
"""

REFLOWED = HEAD + (
    "1. (C) The first paragraph was unwrapped by the press version of the page, so it no "
    "longer keeps the telegram's line breaks at all. 2. (C) The second paragraph is glued "
    "to it, and so is the signature. DELAWIE\n"
)

PREVIEW = """\
C O N F I D E N T I A L BOGOTA 008663
E.O. 12958: DECL: 09/18/2016
TAGS: PGOV PREL
SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES
Classified By: Political Counselor, John S. Cream...


id: 79146
date: 9/20/2006 17:32
refid: 06BOGOTA8663
origin: Embassy Bogota
classification: CONFIDENTIAL
destination:
header:
P 201732Z SEP 06
FM AMEMBASSY BOGOTA

----------------- header ends ----------------

C O N F I D E N T I A L BOGOTA 008663
E.O. 12958: DECL: 09/18/2016
TAGS: PGOV PREL
SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES
Classified By: Political Counselor, John S. Creamer
Reasons: 1.4 (b) and (d)

1. (C) Vice Foreign Minister Camilo Reyes told us.
"""

FIRST = """\
C O N F I D E N T I A L TBILISI 002280
E.O. 12958: DECL: 09/10/2017
TAGS: PREL GG
SUBJECT: FIRST CABLE

1. (C) The first cable's only paragraph.
TEFFT
"""
SECOND = """\
121752\t2007-09-11 12:50:00\t07TBILISI2290\tEmbassy Tbilisi\tCONFIDENTIAL\t\t\
C O N F I D E N T I A L TBILISI 002290
E.O. 12958: DECL: 09/11/2017
TAGS: PGOV GG
SUBJECT: SECOND CABLE

1. (C) The second cable's paragraph.
2. (C) And one more.
TEFFT
"""


def _codes(cable: cableformat.Cable) -> list[str]:
    return [d.code for d in cableformat.validate(cable)]


def test_kinds_are_the_gold_values() -> None:
    # the gold's kinds, and "annotated" for the research corpora's excerpts (not in the gold)
    assert KINDS == ("ordinary", "reflowed", "partial", "preview+record", "two-cables",
                     "wrapper-lines", "plusd-1970s", "annotated", "other")


def test_ordinary_page_has_no_page_diagnostic() -> None:
    cable = cableformat.parse(FIRST)
    assert cable.page_kind == "ordinary"
    assert not [c for c in _codes(cable) if c.startswith("K")]


def test_reflowed_page_is_named_once_and_missing_headers_are_not_reported() -> None:
    cable = cableformat.parse(REFLOWED)
    assert cable.page_kind == "reflowed"
    codes = _codes(cable)
    assert codes.count("K001") == 1
    assert "S003" not in codes  # SECTION 01 OF 02, headers stripped by the press version


def test_wrapped_section_without_headers_still_reports_s003() -> None:
    text = HEAD + "1. (C) A telegram line.\n"
    assert "S003" in _codes(cableformat.parse(text))


def test_preview_then_full_record_is_read_from_the_record() -> None:
    cable = cableformat.parse(PREVIEW)
    assert cable.page_kind == "preview+record"
    assert cableformat.render(cable) == PREVIEW
    by = cable.body.classified_by
    assert by is not None and by.text.startswith("Political Counselor, John S. Creamer")
    assert by.reasons == ["b", "d"]
    assert len(cable.body.paragraphs) == 1
    codes = _codes(cable)
    assert codes.count("K002") == 1
    assert "H100" not in codes and "B001" not in codes
    kinds = cable.line_kinds
    assert "preview" in kinds and "wrapper" in kinds


def test_appended_cable_is_cut_off_in_parse_and_stays_lossless() -> None:
    text = FIRST + "\n" + SECOND
    cable = cableformat.parse(text)
    assert cableformat.render(cable) == text
    assert cable.page_kind == "two-cables"
    assert [p.number for p in cable.body.paragraphs] == ["1"]
    k003 = [d for d in cableformat.validate(cable) if d.code == "K003"]
    assert len(k003) == 1 and "07TBILISI2290" in k003[0].message
    assert "TBILISI 2280" in k003[0].message or "07TBILISI2280" in k003[0].message


def test_read_yields_the_appended_cable_as_a_cable_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(FIRST + "\n" + SECOND, encoding="utf-8")
    first, second = cableformat.read(path)
    assert first.reference_id is None or "2290" not in first.reference_id
    assert second.reference_id == "07TBILISI2290"
    assert second.body.banner is not None and second.body.banner.serial == "002290"
    assert [p.number for p in second.body.paragraphs] == ["1", "2"]
    assert second.page_kind == "two-cables"
    assert not [c for c in _codes(second) if c.startswith("K")]  # the first names both
    assert cableformat.render(first) + cableformat.render(second) == FIRST + "\n" + SECOND


def test_cli_reports_the_second_cable_under_its_own_id(tmp_path: Path, capsys) -> None:
    path = tmp_path / "page.txt"
    path.write_text(FIRST + "\n" + SECOND, encoding="utf-8")
    main(["validate", "--format", "jsonl", "--jobs", "1", "--select", "K,B012", str(path)])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    k003 = [r for r in rows if r["code"] == "K003"]
    assert len(k003) == 1 and k003[0]["cable"] != "07TBILISI2290"
    assert not [r for r in rows if r["cable"] != "07TBILISI2290" and r["code"] == "B012"]


def test_appended_source_maps_back_into_the_file() -> None:
    text = FIRST + "\n" + SECOND
    first, second = split_page(Source(text=text, name="p", input_format="text"))
    assert first.text + second.text == text
    assert second.file_offset(0) == len(first.text)
    assert second.locate(0) == (text[: len(first.text)].count("\n") + 1, 1)


def test_record_without_cable_text_is_not_split_but_marked_appended() -> None:
    text = FIRST + '19285,7/30/2004 12:31,04THEHAGUE1916,"Embassy The Hague",CONFIDENTIAL\n'
    assert len(split_page(Source(text=text, name="p", input_format="text"))) == 1
    cable = cableformat.parse(text)
    assert cable.page_kind == "two-cables"
    assert cable.line_kinds[-1] == "appended"


LAPAZ = """\
P 071726Z APR 08
FM AMEMBASSY LA PAZ
TO RUEHC/SECSTATE WASHDC PRIORITY 7054
S E C R E T BOGOTA 004036
E.O. 12958: DECL: 11/07/2018
TAGS: PGOV PREL
SUBJECT: COLOMBIA'S RELATIONS WITH ISRAEL

1. (S) Text.
"""


def test_header_over_another_cables_body_gives_one_diagnostic() -> None:
    source = Source(text=LAPAZ, name="p", input_format="wikileaks-html",
                    wrapper=WrapperMeta(kind="wikileaks-html", reference_id="08LAPAZ751",
                                        classification="CONFIDENTIAL"))
    cable = parse_source(source)
    assert cable.page_kind == "two-cables"
    codes = _codes(cable)
    assert codes.count("K003") == 1
    assert not {"R003", "R005", "C003"} & set(codes)
    k003 = next(i for i in cable.syntax if i.code == "K003")
    assert "08LAPAZ751" in k003.message and "08BOGOTA4036" in k003.message


@pytest.mark.parametrize("lead", [
    "Cable dated:2009-03-31T14:44:00\n",
    "22350\t2009-03-31 14:44:00\t09CAIRO549\tEmbassy Cairo\tSECRET\n",
    "id: 2745\ndate: 4/11/2002 20:44\nrefid: 09CAIRO549\nheader:\nP 311444Z MAR 09\n",
])
def test_wrapper_lines_after_the_header_are_wrapper_not_h100(lead: str) -> None:
    text = ("O 311444Z MAR 09\nFM AMEMBASSY CAIRO\nTO SECSTATE WASHDC IMMEDIATE 2058\n"
            + lead + "S E C R E T CAIRO 000549\nE.O. 12958: DECL: 03/29/2019\nTAGS: PREL\n"
            "SUBJECT: SCENESETTER\n")
    cable = cableformat.parse(text)
    assert cable.page_kind == "wrapper-lines"
    codes = _codes(cable)
    assert codes.count("K004") == 1 and "H100" not in codes
    assert "wrapper" in cable.line_kinds
    assert cable.header is not None and cable.header.fm is not None


@pytest.mark.parametrize("prefix", ["167579", '","'])
def test_junk_glued_before_the_banner_is_found(prefix: str) -> None:
    text = (prefix + "C O N F I D E N T I A L LONDON 002197\nE.O. 12958: DECL: 08/26/2018\n"
            "TAGS: OTRA UK\nSUBJECT: COUNTRY CLEARANCE\n")
    cable = cableformat.parse(text)
    assert cable.body.banner is not None and cable.body.banner.serial == "002197"
    codes = _codes(cable)
    assert "B001" not in codes and codes.count("K004") == 1
    assert cableformat.render(cable) == text


def test_partial_extract_is_named() -> None:
    text = ("This record is a partial extract of the original cable. The full text of the "
            "original cable is not available.\n" + FIRST)
    cable = cableformat.parse(text)
    assert cable.page_kind == "partial"
    assert _codes(cable).count("K005") == 1


def test_record_markers_need_a_record_shape() -> None:
    assert record_markers("REF: 08KABUL841\n1. Text 2008-11-20 and 08KABUL841\n") == []
    found = record_markers("179235\n2008-11-20\n08KABUL3025\n")
    assert [r.reference_id for r in found] == ["08KABUL3025"] and found[0].first == 0


def test_malformed_page_id_is_other() -> None:
    source = Source(text=FIRST, name="p", input_format="wikileaks-html",
                    wrapper=WrapperMeta(kind="wikileaks-html", reference_id="7575TBILISI2280"))
    cable = parse_source(source)
    assert cable.page_kind == "other"
    assert "7575TBILISI2280" in next(i.message for i in cable.syntax if i.code == "K009")


def test_preview_cut_with_dots_then_banner_again() -> None:
    text = ("C O N F I D E N T I A L BAKU 000761\nE.O. 12958: DECL: 08/10/2018\n"
            "TAGS: PREL\nSUBJECT: OIL ROUTES\n\nClassified...\n\n"
            "C O N F I D E N T I A L BAKU 000761 E.O. 12958: DECL: 08/10/2018 TAGS: PREL\n"
            "SUBJECT: OIL ROUTES\nClassified By: Acting DCM Rob Garverick, Reasons 1.4 (b)\n"
            "1. (C) Text.\n")
    cable = cableformat.parse(text)
    assert cable.page_kind == "preview+record"
    assert cable.body.banner is not None and cable.body.banner.span.start > 100
    assert cable.body.classified_by is not None
    assert _codes(cable).count("K002") == 1


def test_partial_extract_with_a_preview_is_partial_and_reads_the_record() -> None:
    text = ("This record is a partial extract of the original cable. The full text of the "
            "original cable is not available.\n" + PREVIEW)
    cable = cableformat.parse(text)
    assert cable.page_kind == "partial"
    by = cable.body.classified_by
    assert by is not None and "Creamer" in by.text
    k005 = [d for d in cableformat.validate(cable) if d.code.startswith("K")]
    assert [d.code for d in k005] == ["K005"] and "preview" in k005[0].message


def test_banner_with_a_doubled_first_letter_is_found_on_an_ordinary_page() -> None:
    text = "CC O N F I D E N T I A L SAO PAULO 000104\nE.O. 12958: DECL: 02/23/2019\n"
    cable = cableformat.parse(text + "TAGS: PREL\nSUBJECT: TEST\n")
    assert cable.body.banner is not None and cable.body.banner.serial == "000104"
    assert cable.page_kind == "ordinary"
    assert "B001" not in _codes(cable)


def test_a_cable_cut_off_after_its_banner_is_not_reported_field_by_field() -> None:
    # 04THEHAGUE1923: the page's text ends with the next cable's csv row, cut after its banner
    from cableformat.model import Body, Cable

    cut = cableformat.parse("C O N F I D E N T I A L THE HAGUE 001924\n")
    assert not cut.cut_short  # alone, a banner without anything is reported as it is
    assert {"B003", "B006", "B008"} <= set(_codes(cut))
    appended = cut.model_copy(update={"page_kind": "two-cables"})
    assert appended.cut_short
    assert not {"B003", "B006", "B008", "C007", "C013", "S003"} & set(_codes(appended))
    assert Cable(body=Body(), partial=True).cut_short


def test_a_dot_glued_before_the_banner_is_wrapper_text() -> None:
    # 09PANAMA829: the body block opens ".C O N F I D E N T I A L PANAMA 000829"
    text = (".C O N F I D E N T I A L PANAMA 000829\n\nE.O. 12958: DECL: 11/09/2019\n"
            "TAGS: PGOV PM\nSUBJECT: TEST\n\nClassified By: Ambassador, reasons 1.4 (b).\n\n"
            "1. (C) Text.\n\nSTEPHENSON\n")
    cable = cableformat.parse(text)
    assert cable.body.banner is not None and cable.body.banner.serial == "000829"
    assert "B001" not in _codes(cable) and cable.page_kind == "wrapper-lines"


def test_a_text_that_stops_in_a_cut_head_field_is_cut_short() -> None:
    # 09KABUL3423: the page stops at "Classified By: ... Pforzheimer, ..."
    text = ("O 011200Z SEP 09\nFM AMEMBASSY KABUL\nTO SECSTATE WASHDC\n"
            "C O N F I D E N T I A L SECTION 01 OF 03 KABUL 003423\n\nE.O. 12958: DECL: "
            "09/01/2019\nTAGS: PGOV AF\nSUBJECT: TEST\n\nClassified By: Annie Pforzheimer, ...\n")
    cable = cableformat.parse(text)
    assert cable.cut_short
    codes = _codes(cable)
    assert "B019" in codes and not {"S003", "C007", "C014"} & set(codes)
    whole = cableformat.parse(text.replace(", ...", ", reasons 1.4 (b)") + "\n1. (C) Text.\n")
    assert not whole.cut_short and "S003" in _codes(whole)


def test_a_partial_extract_has_no_missing_dtg_error() -> None:
    text = ("This record is a partial extract of the original cable. The full text of the "
            "original cable is not available.\nFM AMEMBASSY GABORONE\nTO SECSTATE WASHDC\n"
            "UNCLAS GABORONE 000411\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n"
            "1. (U) Text.\n")
    assert "H106" not in _codes(cableformat.parse(text))
    assert "H106" in _codes(cableformat.parse(text.split("\n", 1)[1]))


def test_a_redacted_banner_office_is_not_compared() -> None:
    meta = ("Reference ID Created Released Classification Origin\n"
            "10SHENYANG4 2010-01-08 09:13 2011-08-30 01:44 CONFIDENTIAL Consulate Shenyang\n")
    text = (meta + "C O N F I D E N T I A L XXXXXXXXXXXX 000004\n\nE.O. 12958: DECL: "
            "01/08/2020\nTAGS: PREL\nSUBJECT: TEST\n")
    assert "R005" not in _codes(cableformat.parse(text))
    assert "R005" in _codes(cableformat.parse(text.replace("XXXXXXXXXXXX", "BEIJING")))


def test_a_record_line_at_the_very_start_of_the_text_is_found() -> None:
    from cableformat.parser.kinds import Record

    assert record_markers("refid: 08KABUL3025\n") == [Record(0, 0, "08KABUL3025")]


def test_archival_copy_needs_the_copy_line() -> None:
    from cableformat.parser.kinds import archival_copy

    copy = "Copy from the National Archives\nRG 59\n"
    assert archival_copy(copy) == (
        "a telegram re-keyed from a National Archives copy, with the archive's notes")
    assert archival_copy("1. The National Archives hold it.\n") is None
    assert archival_copy("Copy from the archive\n") is None


def test_reflowed_or_run_in_lines_make_a_reflowed_page() -> None:
    from cableformat.parser.kinds import PageFacts, classify

    facts = PageFacts()
    assert classify(plusd=False, partial=False, facts=facts, reflowed=1, run_in=0) == "reflowed"
    assert classify(plusd=False, partial=False, facts=facts, reflowed=0, run_in=2) == "reflowed"
    assert classify(plusd=False, partial=False, facts=facts, reflowed=0, run_in=0) == "ordinary"
    assert classify(plusd=True, partial=True, facts=facts, reflowed=1, run_in=0) == "plusd-1970s"


def test_page_kind_codes_and_public_names() -> None:
    from cableformat.parser import kinds

    assert kinds.CODES == {"reflowed": "K001", "preview+record": "K002", "two-cables": "K003",
                           "wrapper-lines": "K004", "partial": "K005", "plusd-1970s": "K006",
                           "annotated": "K007", "other": "K009"}
    namespace: dict[str, object] = {}
    exec("from cableformat.parser.kinds import *", namespace)
    assert {"KINDS", "PageFacts", "Record", "archival_copy", "cable_dated", "classify",
            "page_issue", "record_markers", "split_page"} <= namespace.keys()
