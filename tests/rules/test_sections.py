"""Sections family rules (S001-S006): exact positions, page suffixes, quiet cases."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import run_rules, select_rules
from tests.conftest import SAMPLES
from tests.ruleutil import diagnose, messages


def banner(section: str = "SECTION 01 OF 03 ") -> str:
    return f"C O N F I D E N T I A L {section}BAKU 000443\n"


def sections(*headers: str, head: str = "", first: str | None = None) -> str:
    """A cable whose text is split by ``headers``, one paragraph after each."""
    text = head + (first if first is not None else banner()) + "1. (C) First.\n"
    for n, header in enumerate(headers, start=2):
        text += f"{header}\n{n}. (C) More text.\n"
    return text + "DERSE\n"


HEADER = "DE RUEHKB #0443/{} 1530928\nO 020928Z JUN 09\nFM AMEMBASSY BAKU\n"

CASES = [
    # S001 banner SECTION numbers
    ("S001", banner("SECTION 03 OF 02 "), [(1, 33, "S001")]),
    ("S001", banner("SECTION 00 OF 02 "), [(1, 33, "S001")]),
    ("S001", banner("SECTION 02 OF 03 "), [(1, 33, "S001")]),
    ("S001", banner("SECTION 01 OF 01 "), []),
    ("S001", banner(""), []),
    # S002 DE-line section vs banner
    ("S002", HEADER.format("02") + banner(), [(1, 17, "S002")]),
    ("S002", HEADER.format("01") + banner(), []),
    ("S002", HEADER.format("1") + banner(), []),
    ("S002", HEADER.replace("/{}", "") + banner(), []),
    ("S002", HEADER.format("01") + banner(""), []),
    # S003 sections accounted for by continuation headers
    ("S003", sections("BAKU 00000443  002 OF 003", "BAKU 00000443  003 OF 003"), []),
    ("S003", sections("BAKU 00000443  003 OF 003"), [(1, 39, "S003")]),
    ("S003", sections("BAKU 00000443  001.2 OF 003", "BAKU 00000443  003 OF 003"),
     [(1, 39, "S003")]),  # a page of section 1 does not start section 2
    ("S003", sections("BAKU 00000443  001.2 OF 003", "BAKU 00000443  002 OF 003",
                      "BAKU 00000443  002.2 OF 003", "BAKU 00000443  003 OF 003"), []),
    ("S003", sections("BAKU 00000443  002.2 OF 003", "BAKU 00000443  003 OF 003"), []),
    ("S003", sections("BAKU 00000443  002 OF 003", "BAKU 00000443  003 OF 004"),
     [(5, 23, "S003")]),
    ("S003", sections("BAKU 00000443  003 OF 003", "BAKU 00000443  002 OF 003"),
     [(5, 16, "S003")]),
    ("S003", sections("BAKU 00000443  002 OF 003", "BAKU 00000443  002 OF 003",
                      "BAKU 00000443  003 OF 003"), [(5, 16, "S003")]),
    ("S003", banner() + "1. (C) Only the first section, signed.\nDERSE\n", []),
    ("S003", banner() + "1. (C) Only the first section, cut off\n", [(1, 39, "S003")]),
    ("S003", sections("BAKU 00000443  002 OF 002", first=banner("")), []),
    # S004 continuation header for section 2+ without SECTION on the banner
    ("S004", sections("BAKU 00000443  002 OF 002", first=banner("")), [(3, 16, "S004")]),
    ("S004", sections("BAKU 00000443  001.2 OF 001", first=banner("")), []),
    ("S004", sections("BAKU 00000443  002 OF 002"), []),
    # S005 office and serial of continuation headers
    ("S005", sections("BAKU 00000434  002 OF 002", first=banner("SECTION 01 OF 02 ")),
     [(3, 6, "S005")]),
    ("S005", sections("BAKO 00000443  002 OF 002", first=banner("SECTION 01 OF 02 ")),
     [(3, 1, "S005")]),
    ("S005", sections("PORT AU PR 00002230 001.2 OF 002", "PORT AU PR 00002230  002 OF 002",
                      first="UNCLAS SECTION 01 OF 02 PORT AU PRINCE 002230\n"), []),
    ("S005", sections("DUBAI 00000316  002 OF 002",
                      first="UNCLAS SECTION 01 OF 02 RPO DUBAI 000316\n"), []),
    ("S005", sections("USUN NEW Y 00000316  002 OF 002",
                      first="UNCLAS SECTION 01 OF 02 USUN NEW YORK 000316\n"), []),
    # S006 old PAGE headers
    ("S006", "CONFIDENTIAL ROME 03067\n1. Page one.\nPAGE 02        ROME  03067  211833Z\n"
     "text\nPAGE 04        ROME  03067  211833Z\ntext\n", [(5, 1, "S006")]),
    ("S006", "CONFIDENTIAL ROME 03067\n1. Page one.\nPAGE 02        ROME  03067  211833Z\n"
     "text\nPAGE 03        ROME  03067  211833Z\ntext\n", []),
    ("S006", "CONFIDENTIAL ROME 03067\n1. Page one.\nPAGE 02        ROME  03067  211833Z\n"
     "text\nPAGE 02        ROME  03067  211833Z\ntext\n", [(5, 1, "S006")]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_sections_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_continuation_severities() -> None:
    missing = sections("BAKU 00000443  003 OF 003")
    odd = sections("BAKU 00000443  003 OF 003", "BAKU 00000443  002 OF 003")
    found = run_rules(cableformat.parse(missing), select_rules(["S003"]))
    assert [d.severity for d in found] == [Severity.ERROR]
    found = run_rules(cableformat.parse(odd), select_rules(["S003"]))
    assert [d.severity for d in found] == [Severity.WARNING]


def test_messages() -> None:
    assert messages(sections("BAKU 00000443  003 OF 003"), "S003") == [
        "banner announces 03 sections but no continuation header starts section 002: "
        "expected a header 'BAKU 00000443  002 OF 003'"]
    assert messages(HEADER.format("02") + banner(), "S002") == [
        "section number /02 on the DE line (FL3) does not match the banner SECTION 01: "
        "expected /01"]


def test_reference_cable_has_no_section_errors() -> None:
    # the reference cable of the corpus, shipped in samples/: runs without the corpus
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    found = run_rules(cableformat.parse(text), select_rules(["S0"]))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert found == []


# --- S005 office truncation and S006 section restarts (mutation testing, issue 15) ---


@pytest.mark.parametrize(
    "banner_line",
    ["UNCLAS SECTION 01 OF 02 PORT AU PRINCE 002230",  # office cut to 10 characters
     "UNCLAS SECTION 01 OF 02 USDEL PORT AU PRINCE 002230"],  # prefix word dropped, then cut
)
def test_s005_accepts_the_office_cut_to_ten_characters(banner_line: str) -> None:
    text = (f"{banner_line}\n1. First section.\nPORT AU PR 00002230  002 OF 002\n"
            "2. Second section.\n")
    assert diagnose(text, "S005") == []
    # ten letters of the office without its spaces are accepted too
    letters = text.replace("PORT AU PR 0", "PORTAUPRIN 0")
    expected = [] if "USDEL" not in banner_line else [(3, 1, "S005")]
    assert diagnose(letters, "S005") == expected
    wrong = text.replace("PORT AU PR 0", "PORT AU PX 0")
    assert diagnose(wrong, "S005") == [(3, 1, "S005")]


def test_s005_is_quiet_without_a_banner_serial_or_office() -> None:
    text = sections("BAKU 00000434  002 OF 003", "BAKU 00000443  003 OF 003")
    cable = cableformat.parse(text)
    assert cable.body.banner is not None
    rules = select_rules(["S005"])
    serial_at = text.index("00000434")
    assert [(d.code, d.start, d.end) for d in run_rules(cable, rules)] == [
        ("S005", serial_at, serial_at + 8)]
    for field in ("serial", "office"):
        bare = cable.body.banner.model_copy(update={field: ""})
        body = cable.body.model_copy(update={"banner": bare})
        assert run_rules(cable.model_copy(update={"body": body}), rules) == []


def test_s006_page_numbers_restart_in_every_section() -> None:
    text = ("CONFIDENTIAL ROME 01196\n1. Page one.\n"
            "PAGE 05        ROME  01196  01 OF 02  211833Z\ntext\n"
            "PAGE 02        ROME  01196  02 OF 02  211833Z\ntext\n")
    assert diagnose(text, "S006") == []
    same = text.replace("02 OF 02", "01 OF 02")  # the same section: page 02 after 05
    assert diagnose(same, "S006") == [(5, 1, "S006")]


def test_s006_hint_tells_a_missing_page_from_a_repeated_one() -> None:
    page = "PAGE {}        ROME  03067  211833Z\ntext\n"
    text = "CONFIDENTIAL ROME 03067\n1. Page one.\n" + page.format("02") + page.format("{}")
    rules = select_rules(["S006"])
    for later, hint in (("04", "a page is missing"), ("02", "pages are repeated or out of order"),
                        ("05", "a page is missing")):
        found = run_rules(cableformat.parse(text.format(later)), rules)
        assert [(d.message, d.hint) for d in found] == [
            (f"PAGE {later} follows PAGE 02: expected PAGE 03", hint)]
