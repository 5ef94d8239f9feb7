"""Head zone fidelity (issue 11): one misreading gives one diagnostic, built from corpus lines."""

from __future__ import annotations

from tests.ruleutil import diagnose

META = "Reference ID Created Released Classification Origin\n"


def _row(ref_id: str, origin: str) -> str:
    return f"{META}{ref_id} 2010-02-10 08:15 2011-08-30 01:44 CONFIDENTIAL {origin}\n"


# 10TRIPOLI112: the banner lost a digit of its serial (00011 for 000112)
_SHORT_BANNER = "DE RUEHTRO #0112 0410815\nO 100815Z FEB 10\nFM AMEMBASSY TRIPOLI\n" \
    "C O N F I D E N T I A L TRIPOLI 00011\n"


def test_r004_quiet_when_the_banner_serial_is_the_odd_one_out() -> None:
    text = _row("10TRIPOLI112", "Embassy Tripoli") + _SHORT_BANNER
    assert [c for *_, c in diagnose(text, "R00")] == ["R003"]


def test_r004_fires_when_the_de_serial_differs_from_both() -> None:
    text = _row("10TRIPOLI112", "Embassy Tripoli") + _SHORT_BANNER.replace("#0112", "#0113")
    assert "R004" in [c for *_, c in diagnose(text, "R004")]


def test_r006_compares_a_malformed_id_by_its_canonical_origin() -> None:
    head = ("DE RUEHLO #2521 3101730\nR 061730Z NOV 09\nFM AMEMBASSY LONDON\n"
            "UNCLAS E F T O LONDON 002521\n")
    assert diagnose(_row("09EFTOLONDON2521", "Embassy London") + head, "R006") == []
    wrong = head.replace("FM AMEMBASSY LONDON", "FM AMEMBASSY PARIS")
    assert [c for *_, c in diagnose(_row("09EFTOLONDON2521", "Embassy London") + wrong,
                                    "R006")] == ["R006"]


def test_r006_accepts_the_plain_language_address_of_a_delegation() -> None:
    head = ("DE RUCNAI #0009/01 0612041\nO 022041Z MAR 06\nFM USDEL SECRETARY\n"
            "C O N F I D E N T I A L SECTION 01 OF 02 PARTO 000009\n")
    assert diagnose(_row("06PARTO9", "Secretary of State") + head, "R006") == []
    assert diagnose(_row("06PARTO9", "Secretary of State")
                    + head.replace("USDEL SECRETARY", "AMEMBASSY BEIRUT"), "R006") != []


# 09TRIPOLI694: a telegram cancelled by ZFR on its security line, cut off after its head
_CANCELLED = """\
DE RUEHTRO #0694/01 2381525
ZNY CCCCC ZZH ZFR
P R 261525Z AUG 09
FM AMEMBASSY TRIPOLI
C O N F I D E N T I A L TRIPOLI 000694

E.O. 12958: DECL: 8/26/2019
TAGS: PREL PGOV PHUM LY
SUBJECT: LIBYA: TEST

1. Text.
"""


def test_cancelled_telegram_is_not_checked_for_what_it_lacks() -> None:
    assert diagnose(_CANCELLED, "C013") == []
    assert diagnose(_CANCELLED, "C007") == []
    # 09BRASILIA1263: the signal after the DTG
    after_dtg = _CANCELLED.replace(" ZZH ZFR", " ZZH").replace("AUG 09", "AUG 09 ZFR")
    assert diagnose(after_dtg, "C013") == []


def test_uncancelled_telegram_still_needs_classified_by_and_marks() -> None:
    text = _CANCELLED.replace(" ZZH ZFR", " ZZH")
    assert [c for *_, c in diagnose(text, "C013")] == ["C013"]
    assert [c for *_, c in diagnose(text, "C007")] == ["C007"]


def test_bracketed_and_dashed_portion_marks_count_for_c007() -> None:
    # 09RPODUBAI46 (a mongo/JSON source): "2. [S/NF] Up Against Twenty Billion ..."
    head = "S E C R E T RPO DUBAI 000046\n\nE.O. 12958: DECL: 06/02/2019\nSUBJECT: TEST\n\n"
    assert diagnose(head + "2. [S/NF] Up Against Twenty Billion Dollars.\n", "C007") == []
    assert diagnose(head + "1. (S-NF) A shipment of tanks.\n", "C007") == []
    assert [c for *_, c in diagnose(head + "1. The C-130 (C-130) landed.\n", "C007")] == ["C007"]


# 07ISLAMABAD2493: another agency's document number in a REF list
_AGENCY_REF = """\
S E C R E T ISLAMABAD 002493

E.O. 12958: DECL: 06/04/2017
TAGS: KNNP, PK, PREL, PGOV
SUBJECT: MOVING FORWARD ON NUCLEAR REGULATORY COOPERATION

REF: A. ISLAMABAD 01779
     B. DEPARTMENT OF ENERGY 0118-07

1. (S) Text.
"""


def test_f001_quiet_on_another_agencys_number() -> None:
    import cableformat

    assert diagnose(_AGENCY_REF, "F001") == []
    items = cableformat.parse(_AGENCY_REF).body.refs.items  # type: ignore[union-attr]
    assert [item.kind for item in items] == ["cable", "other"]


def test_f001_still_fires_on_an_unresolvable_office_and_keeps_port_of_spain() -> None:
    import cableformat

    assert [c for *_, c in diagnose(_AGENCY_REF.replace("DEPARTMENT OF ENERGY 0118-07",
                                                         "09 BAKU 0"), "F001")] == ["F001"]
    text = _AGENCY_REF.replace("DEPARTMENT OF ENERGY 0118-07", "07 PORT OF SPAIN 123")
    items = cableformat.parse(text).body.refs.items  # type: ignore[union-attr]
    assert items[1].reference_id == "07PORTOFSPAIN123"


# 09CAIRO1468: the SUBJECT keyword redacted, the subject run on after TAGS
_REDACTED_SUBJECT = """\
S E C R E T CAIRO 001468

E.O. 12958: DECL: 07/27/2029
TAGS: PREL PGOV KDEM EG
XXXXXXXXXXXX: MILITARY WILL ENSURE TRANSFER OF POWER REF: 08 CAIRO 2091 Classified By: \
Minister-Counselor Donald A. Blome for reasons 1.4 (b) and (d).
1. (S) Text.
"""


def test_redacted_subject_keyword_is_the_subject_not_tags() -> None:
    import cableformat

    body = cableformat.parse(_REDACTED_SUBJECT).body
    assert body.tags is not None and body.tags.canonical == ["PREL", "PGOV", "KDEM", "EG"]
    assert body.subject is not None
    assert body.subject.text == "MILITARY WILL ENSURE TRANSFER OF POWER"
    assert body.refs is not None and body.refs.raw == "REF: 08 CAIRO 2091"
    for code in ("T006", "B008", "B009"):
        assert diagnose(_REDACTED_SUBJECT, code) == []
    alone = "S E C R E T CAIRO 001468\n\nTAGS: PREL EG\nXXXXXXXXXXXX: MILITARY RULE\n\n1. (S) X.\n"
    assert cableformat.parse(alone).body.subject.text == "MILITARY RULE"  # type: ignore[union-attr]
    prose = alone.replace("TAGS: PREL EG\n", "")  # no head field before it: not a subject
    assert cableformat.parse(prose).body.subject is None


def test_tags_page_header_fragment_still_reported() -> None:
    text = _REDACTED_SUBJECT.replace("XXXXXXXXXXXX: MILITARY", "SUBJECT: MILITARY").replace(
        "TAGS: PREL PGOV KDEM EG", "TAGS: PREL PGOV KDEM EG SECRET PAGE 02 CAIRO 01468 211833Z")
    assert [c for *_, c in diagnose(text, "T006")] == ["T006"]


def test_c004_nf_portion_marks_alone_do_not_ask_for_a_noforn_wrapper() -> None:
    # 07TRIPOLI964: "1.(S/NF) Post conveyed ..." under a wrapper classification SECRET
    meta = f"{META}07TRIPOLI964 2007-07-03 10:00 2011-08-30 01:44 SECRET Embassy Tripoli\n"
    body = "S E C R E T TRIPOLI 000964\n\nSIPDIS\n\nSUBJECT: X\n\n1.(S/NF) Post conveyed ref.\n"
    assert diagnose(meta + body, "C004") == []
    captioned = body.replace("SIPDIS\n", "NOFORN\nSIPDIS\n")
    assert [c for *_, c in diagnose(meta + captioned, "C004")] == ["C004"]


def test_c007_undated_cable_under_an_older_order_is_not_checked() -> None:
    # 75TEHRAN2069 as a text file: no DTG, "E.O. 11652: GDS"
    text = ("C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069\n\nE.O. 11652: GDS\n"
            "TAGS: PINT IR\nSUBJECT: IRANIAN RESURGENCE PARTY\n\n1. SHAH'S STATEMENT.\n")
    assert diagnose(text, "C007") == []
    newer = text.replace("E.O. 11652: GDS", "E.O. 12958: DECL: 03/02/2015")
    assert [c for *_, c in diagnose(newer, "C007")] == ["C007"]
