"""Dates family rules (D001-D010): exact positions, quiet cases, leap years, year ends."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import run_rules, select_rules
from tests.conftest import SAMPLES
from tests.ruleutil import diagnose, messages

BANNER = "C O N F I D E N T I A L BAKU 000443\n"
HEAD = "O 020928Z JUN 09\nFM AMEMBASSY BAKU\n" + BANNER


def meta(created: str) -> str:
    return ("Reference ID Created Released Classification Origin\n"
            f"09BAKU443 {created} 2011-08-30 01:44 CONFIDENTIAL Embassy Baku\n")


def dated(dtg: str, *body: str) -> str:
    return f"{dtg}\nFM AMEMBASSY BAKU\n{BANNER}" + "".join(line + "\n" for line in body)


CASES = [
    # D001 invalid DTG fields, each reported at its own characters
    ("D001", dated("O 310928Z JUN 09"), [(1, 3, "D001")]),
    ("D001", dated("O 290928Z FEB 09"), [(1, 3, "D001")]),
    ("D001", dated("O 290928Z FEB 08"), []),  # leap year
    ("D001", dated("O 292400Z FEB 00"), [(1, 5, "D001")]),  # 2000 is a leap year; hour 24
    ("D001", dated("O 020960Z JUN 09"), [(1, 7, "D001")]),
    ("D001", dated("O 020928 JUN 09"), [(1, 9, "D001")]),
    ("D001", dated("O 020928Z JUX 09"), [(1, 11, "D001")]),
    ("D001", dated("O 020928Z jun 09"), []),
    # D002 wrapper created vs DTG
    ("D002", meta("2009-06-02 09:20") + HEAD, [(3, 1, "D002")]),
    ("D002", meta("2009-06-02 09:28") + HEAD, []),
    ("D002", meta("2009-06-02 09:09") + HEAD, []),  # the %H:%I page bug: hour agrees
    ("D002", meta("2009-06-02 10:10") + HEAD, [(3, 1, "D002")]),  # bug, but the hour differs
    ("D002", HEAD, []),
    # D003 Julian day: DTG day or up to two days later, wrapping at the year end
    ("D003", "DE RUEHKB #0443/01 1500928\n" + HEAD, [(1, 20, "D003")]),
    ("D003", "DE RUEHKB #0443/01 1550928\n" + HEAD, []),
    ("D003", "DE RUEHKB #0443/01 1560928\n" + HEAD, [(1, 20, "D003")]),
    ("D003", "DE RUEHKB #0443/01 0011530\n" + dated("O 311420Z DEC 08"), []),
    ("D003", "DE RUEHKB #0443/01 0021530\n" + dated("O 311420Z DEC 08"), []),
    ("D003", "DE RUEHKB #0443/01 3661530\n" + dated("O 311420Z DEC 08"), []),  # leap: 366
    ("D003", "DE RUEHKB #0443/01 3661530\n" + dated("O 311420Z DEC 09"), [(1, 20, "D003")]),
    ("D003", "DE RUEHKB #0443/01 0601530\n" + dated("O 291420Z FEB 08"), []),
    ("D003", "DE RUEHKB #0443/01 0601530\n" + dated("O 281420Z FEB 09"), []),
    ("D003", "DE RUEHKB #0443/01 0731503\n" + dated("O 131503Z MAR 08"), []),  # 08TRIPOLI220
    ("D003", "DE RUEHKB #0443/01 0721503\n" + dated("O 131503Z MAR 08"), [(1, 20, "D003")]),
    # D004 DE time before DTG time on the same day
    ("D004", "DE RUEHKB #0443/01 1530915\n" + HEAD, [(1, 23, "D004")]),
    ("D004", "DE RUEHKB #0443/01 1530928\n" + HEAD, []),
    ("D004", "DE RUEHKB #0443/01 1540001\n" + HEAD, []),
    # D005 Cablegate period; the wrapper date is used without a DTG
    ("D005", dated("O 020928Z JUN 11"), [(1, 1, "D005")]),
    ("D005", dated("O 020928Z MAR 10"), [(1, 1, "D005")]),
    ("D005", dated("O 011200Z MAR 10"), []),
    ("D005", dated("O 011200Z DEC 66"), []),
    ("D005", meta("1965-06-02 09:28") + BANNER, [(2, 11, "D005")]),
    ("D005", BANNER, []),
    # D006 E.O. order in force, with about a year of overlap
    ("D006", dated("O 020928Z JUN 09", "E.O. 12356: DECL: OADR"), [(4, 6, "D006")]),
    ("D006", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2019"), []),
    ("D006", dated("O 020928Z JUN 95", "E.O. 12356: DECL: OADR"), []),
    ("D006", dated("O 020928Z JUN 96", "E.O. 12356: DECL: OADR"), []),
    ("D006", dated("O 020928Z JUN 97", "E.O. 12356: DECL: OADR"), [(4, 6, "D006")]),
    ("D006", dated("O 020928Z JUN 09", "E.O. 1295: DECL: 06/02/2019"), []),  # unknown order
    # D007 DECL not after the cable date
    ("D007", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2008"), [(4, 19, "D007")]),
    ("D007", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2009"), [(4, 19, "D007")]),
    ("D007", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/03/2009"), []),
    ("D007", dated("O 020928Z JUN 09", "E.O. 12958: N/A"), []),
    ("D007", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 6/30/08"), [(4, 19, "D007")]),
    ("D007", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 6/30/19"), []),
    # 1966 and 2066 are both impossible: the parser's reading (1966) is kept
    ("D007", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 6/30/66"), [(4, 19, "D007")]),
    ("D007", meta("2009-06-02 09:28") + BANNER + "E.O. 12958: DECL: 06/02/2008\n",
     [(4, 19, "D007")]),
    # D008 more than 25 years (one day of slack for the local date)
    ("D008", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2049"), [(4, 19, "D008")]),
    ("D008", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2034"), []),
    ("D008", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/03/2034"), []),
    ("D008", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/04/2034"), [(4, 19, "D008")]),
    ("D008", dated("O 292200Z FEB 08", "E.O. 12958: DECL: 03/01/2033"), []),
    # D009 two-digit DECL year
    ("D009", dated("O 020928Z JUN 98", "E.O. 12958: DECL: 6/30/08"), [(4, 19, "D009")]),
    ("D009", dated("O 020928Z JUN 98", "E.O. 12958: DECL: 06/30/2008"), []),
    ("D009", dated("O 020928Z JUN 98", "E.O. 12958: DECL: X1, X5"), []),
    # D010 reason section era
    ("D010", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2019",
                   "Classified By: Ambassador Anne E. Derse, for reasons 1.5 (b,d)."),
     [(5, 54, "D010")]),
    ("D010", dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2019",
                   "Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d)."), []),
    ("D010", dated("O 020928Z JUN 99", "E.O. 12958: DECL: 06/02/2009",
                   "Classified By: Ambassador John Smith, for reasons 1.5 (b,d)."), []),
    ("D010", dated("O 020928Z JUN 90", "E.O. 12356: DECL: OADR",
                   "Classified By: Ambassador John Smith, for reasons 1.4 (b,d)."),
     [(5, 51, "D010")]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_dates_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_dtg_invalid_reports_each_field() -> None:
    text = dated("O 322461 JUN 09")
    assert [c for _, c, _ in diagnose(text, "D001")] == [3, 5, 7, 9]
    assert messages(dated("O 310928Z JUN 09"), "D001") == [
        "day 31 of the date-time group (DTG) does not exist in JUN 2009: expected 01-30"]


def test_messages() -> None:
    (msg,) = messages("DE RUEHKB #0443/01 1500928\n" + HEAD, "D003")
    assert msg == ("day of the year 150 on the DE line (FL3) does not match the date-time group "
                   "(DTG) date 2009-06-02 (day 153): "
                   "expected day 153 to 155")
    (msg,) = messages(meta("2009-06-02 09:20") + HEAD, "D002")
    assert "2009-06-02 09:28" in msg and "2009-06-02 09:20" in msg
    (msg,) = messages(dated("O 020928Z JUN 98", "E.O. 12958: DECL: 6/30/08"), "D009")
    assert "06/30/2008" in msg


def test_two_digit_year_keeps_a_plausible_century() -> None:
    text = dated("O 020928Z JUN 98", "E.O. 12958: DECL: 6/30/08")
    assert diagnose(text, "D007") == diagnose(text, "D008") == []
    text = dated("O 020928Z JUN 09", "E.O. 12958: DECL: 6/30/66")
    assert diagnose(text, "D008") == []
    assert messages(text, "D009") == [
        ("declassification date (DECL) '6/30/66' has a two-digit year: expected MM/DD/YYYY "
         "(06/30/1966)")]


def test_severities() -> None:
    text = dated("O 020928Z JUN 09", "E.O. 12958: DECL: 6/30/08")
    found = run_rules(cableformat.parse(text), select_rules(["D007", "D009"]))
    assert {d.code: d.severity for d in found} == {"D007": Severity.ERROR,
                                                    "D009": Severity.INFO}


def test_reference_cable_has_no_date_errors() -> None:
    # the reference cable of the corpus, shipped in samples/: runs without the corpus
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    found = run_rules(cableformat.parse(text), select_rules(["D0"]))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert found == []


@pytest.mark.parametrize(("dtg", "section", "fires"), [
    # 1.5 until E.O. 13292 took effect on 2003-03-25, 1.4 from the original E.O. 12958
    # (1995-10-14) on: the cut-over days themselves are in force
    ("O 251200Z MAR 03", "1.5", False),
    ("O 260001Z MAR 03", "1.5", True),
    ("O 241200Z FEB 03", "1.5", False),
    ("O 141200Z OCT 95", "1.4", False),
    ("O 131200Z OCT 95", "1.4", True),
    ("O 131200Z NOV 95", "1.4", False),
    ("O 131200Z SEP 95", "1.4", True),
    ("O 131200Z SEP 95", "1.5", False),
    ("O 131200Z SEP 05", "1.6", False),
])
def test_reason_section_cut_over_dates(dtg: str, section: str, fires: bool) -> None:
    text = dated(dtg, "E.O. 12958: DECL: 06/02/2019",
                 f"Classified By: Ambassador John Smith, for reasons {section} (b,d).")
    found = diagnose(text, "D010")
    assert bool(found) is fires
    if fires:
        assert found == [(5, 51, "D010")]


def test_reason_section_message_names_the_section_and_the_date() -> None:
    text = dated("O 260001Z MAR 03", "E.O. 12958: DECL: 06/02/2019",
                 "Classified By: Ambassador John Smith, for reasons 1.5 (b,d).")
    (msg,) = messages(text, "D010")
    assert msg.startswith("reason section 1.5 on a cable of 2003-03-26: expected 1.4")
    text = dated("O 131200Z OCT 95", "E.O. 12958: DECL: 06/02/2019",
                 "Classified By: Ambassador John Smith, for reasons 1 . 4 (b,d).")
    assert diagnose(text, "D010") == [(5, 51, "D010")]


@pytest.mark.parametrize(("dtg", "order", "fires"), [
    # E.O. 12356 until 1995-10-14, plus 366 days of overlap
    ("O 141200Z OCT 96", "12356", False),
    ("O 151200Z OCT 96", "12356", True),
    # E.O. 13526 from 2009-12-29, 366 days of overlap before
    ("O 281200Z DEC 08", "13526", False),
    ("O 271200Z DEC 08", "13526", True),
    ("O 011200Z JAN 72", "11652", False),
    ("O 011200Z JAN 71", "11652", True),
])
def test_eo_order_tolerance(dtg: str, order: str, fires: bool) -> None:
    found = diagnose(dated(dtg, f"E.O. {order}: DECL: OADR"), "D006")
    assert found == ([(4, 6, "D006")] if fires else [])


def test_eo_order_message_names_the_orders_in_force() -> None:
    (msg,) = messages(dated("O 020928Z JUN 09", "E.O. 12356: DECL: OADR"), "D006")
    assert msg == ("executive order (E.O.) 12356 was not in force on the cable date 2009-06-02 "
                   "(in force "
                   "1982-08-01 to 1995-10-14): expected E.O. 12958 or E.O. 13292")


def test_eo_line_recording_the_release_is_not_checked() -> None:
    text = dated("O 020928Z JUN 79", "E.O. 12958: DECLASSIFIED BY NARA 09/02/2009")
    assert diagnose(text, "D006") == []
    assert diagnose(dated("O 020928Z JUN 79", "E.O. 12958: DECL: OADR"), "D006")


@pytest.mark.parametrize(("created", "dtg", "fires"), [
    # Dec 2010 - Apr 2011 pages show the hour on a 12-hour clock as the minute
    ("2009-06-02 12:12", "O 021215Z JUN 09", False),
    ("2009-06-02 00:12", "O 020015Z JUN 09", False),
    ("2009-06-02 13:01", "O 021344Z JUN 09", False),
    ("2009-06-02 13:01", "O 021444Z JUN 09", True),  # the hour differs
    ("2009-06-02 13:13", "O 021344Z JUN 09", True),  # 13 is no 12-hour clock minute
    ("2009-06-03 09:09", "O 020944Z JUN 09", True),  # the date differs
    ("2009-06-02 09:28", "O 020928Z JUN 09", False),
    ("2009-06-02 09:29", "O 020928Z JUN 09", True),
])
def test_created_hour_as_minute(created: str, dtg: str, fires: bool) -> None:
    assert bool(diagnose(meta(created) + dated(dtg), "D002")) is fires


@pytest.mark.parametrize(("created", "amount"), [
    ("2009-06-02 09:27", "by 1 minutes"),
    ("2009-06-02 11:28", "by 2.0 hours"),
    ("2009-06-05 09:28", "by 3 days"),
])
def test_created_mismatch_amount(created: str, amount: str) -> None:
    (msg,) = messages(meta(created) + HEAD, "D002")
    assert msg.endswith(amount) or amount + " (" in msg


def test_two_digit_decl_year_takes_the_next_century_when_that_fits() -> None:
    # a cable dated 2060 (two-digit DTG year 60) with DECL 6/30/70: 1970 is before the
    # cable, 2070 within 25 years after it
    text = dated("O 020928Z JUN 60", "E.O. 12958: DECL: 6/30/70")
    assert diagnose(text, "D007") == []
    (msg,) = messages(text, "D009")
    assert msg.endswith("(06/30/2070)")
    text = dated("O 020928Z JUN 60", "E.O. 12958: DECL: 6/30/90")  # 2090: too far, kept
    assert diagnose(text, "D007") == [(4, 19, "D007")]
    text = dated("O 020928Z JUN 60", "E.O. 12958: DECL: 6/3/85")  # 2085-06-03: the limit
    assert diagnose(text, "D007") == []
    text = dated("O 020928Z JUN 60", "E.O. 12958: DECL: 6/4/85")
    assert diagnose(text, "D007") == [(4, 19, "D007")]


@pytest.mark.parametrize(("dtg", "jday", "fires"), [
    ("O 311420Z DEC 08", "0021530", False),  # two days after, across the year end
    ("O 311420Z DEC 08", "0031530", True),
    ("O 021420Z JAN 09", "0041530", False),
    ("O 021420Z JAN 09", "0051530", True),
])
def test_julian_day_window(dtg: str, jday: str, fires: bool) -> None:
    found = diagnose(f"DE RUEHKB #0443/01 {jday}\n" + dated(dtg), "D003")
    assert bool(found) is fires


def test_de_time_on_another_day_is_not_compared() -> None:
    assert diagnose("DE RUEHKB #0443/01 1540800\n" + HEAD, "D004") == []
    assert diagnose("DE RUEHKB #0443/01 1530927\n" + HEAD, "D004") == [(1, 23, "D004")]
    (msg,) = messages("DE RUEHKB #0443/01 1530927\n" + HEAD, "D004")
    assert msg == ("transmission time 0927 on the DE line (FL3) is before the date-time group "
                   "(DTG) time 0928 on the same day (day 153): "
                   "expected 0928 or later")


def test_decl_too_far_message() -> None:
    (msg,) = messages(dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2049"), "D008")
    assert msg == ("declassification date (DECL) 2049-06-02 is 40.0 years after the cable date "
                   "2009-06-02: "
                   "expected at most 25 years (2034-06-02)")


def test_out_of_range_message_and_wrapper_position() -> None:
    (msg,) = messages(dated("O 020928Z JUN 11"), "D005")
    assert msg == ("cable date 2011-06-02 is outside the Cablegate period: expected "
                   "1966-12-01 to 2010-03-01")
    assert diagnose(dated("O 301200Z NOV 66"), "D005") == [(1, 1, "D005")]


def _covered(text: str, code: str) -> list[str]:
    """The text each diagnostic of ``code`` covers."""
    cable = cableformat.parse(text)
    return [text[d.start:d.end] for d in run_rules(cable, select_rules([code])) if d.code == code]


def test_diagnostics_cover_the_faulty_characters() -> None:
    assert _covered(dated("O 020928 JUN 09"), "D001") == [" "]  # where the Z belongs
    assert _covered(dated("O 320928Z JUX 09"), "D001") == ["32", "JUX"]
    assert _covered("DE RUEHKB #0443/01 1500928\n" + HEAD, "D003") == ["150"]
    assert _covered("DE RUEHKB #0443/01 1530915\n" + HEAD, "D004") == ["0915"]
    assert _covered(dated("O 020928Z JUN 09", "E.O. 12356: DECL: OADR"), "D006") == ["12356"]
    assert _covered(dated("O 020928Z JUN 09", "E.O. 12958: DECL: 06/02/2008"), "D007") == [
        "06/02/2008"]


@pytest.mark.parametrize("dtg", ["O 010928Z JUN 09", "O 022359Z JUN 09", "O 312359Z JAN 09"])
def test_dtg_edges_are_valid(dtg: str) -> None:
    assert diagnose(dated(dtg), "D001") == []


def test_eo_order_message_without_an_order_in_force() -> None:
    (msg,) = messages(dated("O 020928Z JUN 60", "E.O. 12356: DECL: OADR"), "D006")
    assert msg.endswith("expected E.O. 13526")
    (msg,) = messages(dated("O 020928Z JAN 67", "E.O. 12958: DECL: OADR"), "D006")
    assert msg.endswith("expected E.O. 10501")


def test_more_date_edges() -> None:
    # 29 February + 25 years is 1 March (one day of slack on top)
    assert diagnose(dated("O 292200Z FEB 08", "E.O. 12958: DECL: 03/02/2033"), "D008") == []
    assert diagnose(dated("O 292200Z FEB 08", "E.O. 12958: DECL: 03/03/2033"), "D008") == [
        (4, 19, "D008")]
    # exactly two days apart is counted in days
    (msg,) = messages(meta("2009-06-04 09:28") + HEAD, "D002")
    assert msg.endswith("by 2 days")
    # a DE line without a DTG, a dated cable without E.O. line: nothing to compare
    assert diagnose("DE RUEHKB #0443/01 1500928\nFM AMEMBASSY BAKU\n" + BANNER, "D003") == []
    assert diagnose(dated("O 020928Z JUN 09"), "D007") == []
    # the first day of an order is in force
    (msg,) = messages(dated("O 171200Z APR 95", "E.O. 12065: DECL: OADR"), "D006")
    assert msg.endswith("expected E.O. 12356 or E.O. 12958")
    # before the first order known (a wrapper date)
    (msg,) = messages(meta("1950-06-02 09:28") + BANNER + "E.O. 12958: DECL: OADR\n", "D006")
    assert msg.endswith("expected another order")


@pytest.mark.parametrize("dtg", ["O 010928 JUN 09", "O 022359 JUN 09"])
def test_only_the_missing_z_of_an_edge_dtg_is_reported(dtg: str) -> None:
    # D001 looks at the fields only when the DTG is invalid: day 01 and hour 23 are fine
    assert _covered(dated(dtg), "D001") == [" "]
