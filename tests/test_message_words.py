"""Messages lead with plain words: no diagnostic starts with a bare abbreviation of the
glossary (``cableformat explain TERM``); the abbreviation follows in brackets (issue 14.6)."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.glossary import TERMS
from cableformat.rules import RULES, run_rules
from cableformat.rules.syntax import READER_CODES

# Glossary keys that are ordinary English words, not abbreviations a historian must look up.
_PLAIN_WORDS = frozenset({"TO", "INFO", "REASON", "SERIAL", "PORTION", "BANNER", "CAPTION",
                          "SECTION", "SUBJECT"})


def _compact(word: str) -> str:
    return word.replace(".", "").replace(" ", "").upper()


# Every short all-capitals key of the glossary (names and aliases): DE, SSN, MRN, DTG, FL3,
# PLA, RI, TID, ZNR, ZNY, EO (E.O.), DECL, TAGS, SBU, NOFORN ...
JARGON = frozenset(
    _compact(key) for term in TERMS for key in (term.name, *term.aliases)
    if key == key.upper() and len(_compact(key)) <= 7 and key not in _PLAIN_WORDS)

TEXT_RULES = sorted(code for code in RULES if code not in READER_CODES and code not in (
    "X006", "X009", "X999"))


def leading_jargon(message: str) -> str | None:
    """The glossary abbreviation ``message`` starts with (``DTG``, ``DE-line``), or None."""
    first = message.split(maxsplit=1)[0].strip("'\"(:,") if message.strip() else ""
    for word in (first, first.split("-")[0], first.split("/")[0]):
        if word and word == word.upper() and word != word.lower() and _compact(word) in JARGON:
            return word
    return None


def test_the_jargon_list_comes_from_the_glossary() -> None:
    assert {"DE", "FL3", "SSN", "MRN", "DTG", "PLA", "RI", "TID", "ZNR", "ZNY", "EO", "DECL",
            "TAGS", "SBU"} <= JARGON
    assert not {"TO", "INFO", "REASON"} & JARGON


@pytest.mark.parametrize(("message", "jargon"), [
    ("DTG hour 24 is invalid: expected 00-23", "DTG"),
    ("DE-line serial #0444 does not match", "DE"),
    ("E.O. 12356 was not in force", "E.O."),
    ("TAGS: missing", "TAGS"),
    ("hour 24 of the date-time group (DTG) is invalid: expected 00-23", None),
    ("the DE line (FL3) 'DE RUEHKB' cannot be read", None),
    ("banner serial 443 does not match", None),
    ("PAGE 03 follows PAGE 01: expected PAGE 02", None),
])
def test_leading_jargon(message: str, jargon: str | None) -> None:
    assert leading_jargon(message) == jargon


@pytest.mark.parametrize("code", TEXT_RULES)
def test_fails_example_message_leads_with_plain_words(code: str) -> None:
    rule = RULES[code]
    found = [d for d in run_rules(cableformat.parse(rule.fails), [rule]) if d.code == code]
    assert found, f"{code} did not fire on its Fails example"
    for d in found:
        assert leading_jargon(d.message) is None, f"{code}: {d.message!r}"
