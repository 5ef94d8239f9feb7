"""Tags family rules (T002, T005-T007): exact positions, quiet cases, corner cases."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.diagnostics import Severity
from cableformat.rules import RULES, run_rules, select_rules
from tests.conftest import SAMPLES
from tests.ruleutil import diagnose, messages

HEAD = "UNCLAS BAKU 000443\n\nE.O. 12958: N/A\n"

CASES = [
    # T002 no subject/program tag
    ("T002", HEAD + "TAGS: AJ RU NATO\n", [(4, 1, "T002")]),
    ("T002", HEAD + "TAGS: PGOV AJ\n", []),
    ("T002", HEAD + "TAGS: KDEM AJ\n", []),
    ("T002", HEAD + "TAGS: OVIP (STEINBERG, JAMES B.), PREL, AJ\n", []),
    ("T002", HEAD + "SUBJECT: TEST\n", []),  # no TAGS: B006's business
    ("T002", HEAD + "TAGS: ETRDEINVECINPGOVCS\n", []),  # run together: ETRD ... PGOV CS
    ("T002", HEAD + "TAGS: OVIP (CLINTON, HILLARY), UAE\n", []),  # OVIP is a subject TAG
    # T005 duplicates (info), each repeat reported
    ("T005", HEAD + "TAGS: PGOV PREL AJ PGOV\n", [(4, 20, "T005")]),
    ("T005", HEAD + "TAGS: PREL, PHUM, IS, PHUM, IS\n", [(4, 23, "T005")]),  # one run
    ("T005", HEAD + "TAGS: PREL, PHUM, IS, PHUM, EG, IS\n", [(4, 23, "T005"), (4, 33, "T005")]),
    # 02VATICAN3692: the list written twice is one fault
    ("T005", HEAD + "TAGS: PREL PGOV PHUM KIRF RS PGOV PHUM KIRF RS VT\n", [(4, 30, "T005")]),
    ("T005", HEAD + "TAGS: PGOV PREL AJ\n", []),
    # one repeated TAG is one fault, however often it is repeated (02ROME1196)
    ("T005", HEAD + "TAGS PHUM, OPRC, OPRC, OPRC, OPRC, IT\n", [(4, 18, "T005")]),
    ("T005", HEAD + "TAGS: PGOV SIPDIS PREL SIPDIS\n", []),  # noise: T006's business
    # T006 noise in the list
    ("T006", HEAD + "TAGS: PGOV PREL CA MX SIPDIS\n", [(4, 23, "T006")]),
    ("T006", HEAD + "TAGS: EFIN, BA, CONFIDENTIAL\n", [(4, 17, "T006")]),
    ("T006", HEAD + "TAGS: PINR, PE, SECRET PAGE 02 LIMA 02475 01 OF 03 251228Z\n",
     [(4, 17, "T006")]),
    ("T006", HEAD + "TAGS: PGOV PREL CA MX\n", []),
    # a page header inside a space-separated list is one item, reported once
    ("T006", HEAD + "TAGS: PREL IT SECRET PAGE 02 ROME 03067 211833Z PGOV\n",
     [(4, 15, "T006")]),
    ("T006", HEAD + "TAGS: UNGA/C-6, ZANU-PF, G-8, PREL\n", []),
    # T007 lower case, once per line
    ("T007", HEAD + "Tags: prel, pgov, pins, tu\n", [(4, 7, "T007")]),
    ("T007", HEAD + "TAGS: PREL, OVIP (Clinton, Hillary)\n", [(4, 13, "T007")]),
    ("T007", HEAD + "TAGS: PREL, PGOV, PINS, TU\n", []),
    ("T007", HEAD + "Tags: PREL, PGOV\n", []),  # keyword case is B007's business
    # free-text TAGS of a post, as written (04NEWDELHI6983, Baghdad's "Media Reaction")
    ("T007", HEAD + "TAGS: PREL, IN, BM, India-Burma, Media Reaction\n", []),
    ("T007", HEAD + "TAGS: PREL, IN, India-Burma, pgov\n", [(4, 30, "T007")]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_tags_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_severities() -> None:
    assert RULES["T005"].severity is Severity.INFO
    for code in ("T002", "T006", "T007"):
        assert RULES[code].severity is Severity.WARNING, code


def test_messages_name_expected_and_found() -> None:
    assert messages(HEAD + "TAGS: PGOV PREL CA MX SIPDIS\n", "T006") == [
        "expected only subject and country codes (TAGS) in the list, found SIPDIS ('SIPDIS')"
    ]
    (msg,) = messages(HEAD + "Tags: prel, pgov, pins, tu\n", "T007")
    assert "4 not in capitals" in msg and "prel" in msg
    (msg,) = messages(HEAD + "TAGS PHUM, OPRC, OPRC, OPRC, OPRC\n", "T005")
    assert msg == "expected each subject or country code (TAG) once, found OPRC 4 times"
    (msg,) = messages(HEAD + "TAGS: PREL PGOV PHUM PGOV PHUM\n", "T005")
    assert msg == ("expected each subject or country code (TAG) once, found PGOV PHUM again (the "
                   "list repeats)")
    (msg,) = messages(HEAD + "TAGS: PREL SECRET PAGE 02 ROME 03067 211833Z PGOV\n", "T006")
    assert "a page header" in msg
    (msg,) = messages(HEAD + "TAGS: AJ RU\n", "T002")
    assert "AJ, RU" in msg and not msg.endswith(".")


FAMILY = [code for code, r in RULES.items() if r.family == "tags"]


def test_reference_cable_has_no_tags_errors() -> None:
    # the reference cable of the corpus, shipped in samples/: runs without the corpus
    text = (SAMPLES / "09BAKU443.txt").read_text(encoding="utf-8")
    found = run_rules(cableformat.parse(text), select_rules(FAMILY))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert found == []


@pytest.mark.parametrize("word", [
    "SIPDIS", "TAGS", "TAGS:", "PAGE", "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET",
    "NOFORN", "EXDIS", "NODIS", "LIMDIS", "SUBJECT",
])
def test_noise_word_in_the_list_is_named(word: str) -> None:
    # the message says which caption or classification word got into the list
    text = HEAD + f"TAGS: PGOV, PREL, {word}, MX\n"
    assert diagnose(text, "T006") == [(4, 19, "T006")]
    (msg,) = messages(text, "T006")
    assert f"found {word.rstrip(':')} (" in msg


@pytest.mark.parametrize(("fragment", "columns"), [
    ("01 OF 03", [19, 22, 25]),  # section NN OF NN of a page header, word by word
    ("251228Z", [19]),  # the page header's time
    ("12345", [19]),  # a serial
    ("E.O.", [19]),
])
def test_page_header_fragments_in_the_list(fragment: str, columns: list[int]) -> None:
    text = HEAD + f"TAGS: PGOV, PREL, {fragment}, MX\n"
    found = diagnose(text, "T006")
    assert found and found[0] == (4, 19, "T006")
    assert {col for _, col, _ in found} <= set(columns)
    assert all("page header" in m for m in messages(text, "T006"))


def test_tags_noise_is_quiet_when_the_line_structure_is_lost() -> None:
    # a page whose newlines were lost: the TAGS field runs on, its end is unknown
    from cableformat.parser import parse_source
    from cableformat.source import Source

    text = HEAD + "TAGS: PGOV, PREL, SIPDIS\n"
    assert diagnose(text, "T006")
    source = Source(text=text, name="x", input_format="text", line_structure_lost=True)
    cable = parse_source(source)
    assert cable.line_structure_lost
    assert run_rules(cable, select_rules(["T006"])) == []


@pytest.mark.parametrize(("line", "fires"), [
    ("TAGS: KDEMAJ", False),  # run together: KDEM (a program TAG) and AJ
    ("TAGS: KXYZ AJ", False),  # K + three letters is a program TAG, known or not
    ("TAGS: KXYZZ AJ", True),
    ("TAGS: XKDE AJ", True),
    ("TAGS: AJ", True),
])
def test_subject_or_program_tag(line: str, fires: bool) -> None:
    assert bool(diagnose(HEAD + line + "\n", "T002")) is fires


def test_no_subject_tag_message_names_at_most_six_tags_or_an_empty_list() -> None:
    (msg,) = messages(HEAD + "TAGS: AJ RU IR TU GG AM UP\n", "T002")
    assert "AJ, RU, IR, TU, GG, AM" in msg and "UP" not in msg
    (msg,) = messages(HEAD + "TAGS:\n", "T002")
    assert "found an empty list" in msg


@pytest.mark.parametrize(("line", "found"), [
    ("Tags: PREL, kxyz", "kxyz"),  # an unknown program TAG is a code
    ("TAGS: PREL, Iran, pgov", "pgov"),  # Iran is written as a name: the post's free text
    ("TAGS: PREL, Iran", None),
    ("TAGS: PREL, kxyza", None),  # no code: free text
])
def test_lowercase_codes_not_names(line: str, found: str | None) -> None:
    got = messages(HEAD + line + "\n", "T007")
    if found is None:
        assert got == []
    else:
        (msg,) = got
        assert msg.endswith(f"found 1 not in capitals: {found}")


def test_eo_line_run_into_the_list_is_named() -> None:
    text = HEAD + "TAGS: PGOV, E.O. 12958, PREL\n"
    assert diagnose(text, "T006") == [(4, 13, "T006")]
    assert messages(text, "T006") == [
        "expected only subject and country codes (TAGS) in the list, found E.O. ('E.O. 12958')"]


def test_a_tag_repeated_apart_is_one_fault() -> None:
    text = HEAD + "TAGS: PGOV PREL PGOV AJ PGOV\n"
    assert diagnose(text, "T005") == [(4, 17, "T005")]
    assert messages(text, "T005") == ["expected each subject or country code (TAG) once, found "
                                      "PGOV 3 times"]
    assert messages(HEAD + "TAGS: PGOV PREL AJ PGOV\n", "T005") == [
        "expected each subject or country code (TAG) once, found PGOV again"]


def test_lowercase_message_names_at_most_four() -> None:
    (msg,) = messages(HEAD + "Tags: prel, pgov, pins, tu, ecin\n", "T007")
    assert msg == ("expected subject and country codes (TAGS) in capitals, found 5 not in "
                   "capitals: prel, pgov, pins, tu")


@pytest.mark.parametrize(("item", "fires"), [
    ("Prel", False),  # written as a name: the post's free text, even though PREL is a TAG
    ("PRel", True),  # a code in mixed case
])
def test_name_case_or_code_case(item: str, fires: bool) -> None:
    assert bool(diagnose(HEAD + f"TAGS: PGOV, {item}\n", "T007")) is fires
