"""Text rules (rules/text.py: B012-B017, B030): corners of numbering and signature checks.

The positions of the common cases are in test_body.py; here the cases that decide between
two readings: what a redaction explains, what is no signature.
"""

from __future__ import annotations

import pytest

from tests.ruleutil import diagnose, messages

UNCLAS = "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n\n"
NO_SIGNATURE = "expected a signature (sender's surname) after the text, found none"


@pytest.mark.parametrize("word", ["SUMMARY", "UNQUOTE", "SIPDIS", "COMMENT"])
def test_a_marker_word_at_the_end_is_no_glued_signature(word: str) -> None:
    text = UNCLAS + f"1. The talks went well. {word}\n"
    assert diagnose(text, "B015") == [(5, 1, "B015")]
    assert messages(text, "B015") == [NO_SIGNATURE]


CASES = [
    # a redaction alone on the paragraph's last line took the missing paragraph with it
    ("B012", UNCLAS + "1. Text.\n\n2. More.\nXXXXXX\n\n4. After.\n", []),
    # a number repeated after a redacted paragraph is still a repeat
    ("B012", UNCLAS + "1. Text.\n\n2. XXXXXXXXXXXX said so.\n\n2. Again.\n", [(9, 1, "B012")]),
    # a redacted addressee in the header says nothing about paragraphs left out of the text
    ("B012", "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nINFO XXXXXXXXXXXX\n" + UNCLAS
     + "2. Text.\n\n3. More.\n", [(8, 1, "B012")]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_text_rule_positions(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected


def test_a_summary_above_the_banner_opens_no_summary_of_the_text() -> None:
    text = ("Summary: the minister agreed.\n" + UNCLAS
            + "1. Text.\n\n2. More. END SUMMARY.\n")
    assert diagnose(text, "B014") == [(8, 10, "B014")]


def test_malformed_portion_mark_messages() -> None:
    conf = "C O N F I D E N T I A L BAKU 000443\n\nSUBJECT: TEST\n\n"
    assert messages(conf + "1. (CC) Text.\n", "B013") == [
        "expected a paragraph classification mark (portion mark) such as (U), (C), (S//NF), "
            "found (CC)"]
    assert messages(conf + "1. C) Text.\n2. C) More.\n", "B013") == [
        "expected a paragraph classification mark (portion mark) in parentheses, found C) "
        "(and 1 more paragraphs)"]


def test_summary_never_ended_covers_the_word() -> None:
    import cableformat
    from cableformat.rules import run_rules, select_rules

    text = UNCLAS + "1. SUMMARY: The talks went well.\n\n2. More.\n"
    found = run_rules(cableformat.parse(text), select_rules(["B014"]))
    assert [text[d.start:d.end] for d in found] == ["SUMMARY"]
