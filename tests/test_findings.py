"""Parser and rule defects found by the property tests and the fuzzer (issue 4).

Each test states the correct behaviour; it failed on the code it was found on (input,
expected and actual result in the docstring) and passes since the fix (commit 7dd7a03 for
the four below).  New findings are added here failing, for the parser owner to see at once;
fixed ones stay as regression tests.
"""

from __future__ import annotations

import cableformat
from cableformat.source import LineIndex
from tests.ruleutil import cable_text


def _found(text: str) -> list[tuple[str, int]]:
    cable = cableformat.parse(text)
    index = LineIndex(text)
    return [(d.code, index.locate(d.start)[0]) for d in cableformat.validate(cable)]


def test_finding_d006_crashes_on_eo_13526() -> None:
    """D006 raises OverflowError for every dated cable with E.O. 13526.

    ``EO_ORDERS["13526"]`` ends on 9999-12-31 and the rule adds a year of tolerance to it.
    Expected: no diagnostic (13526 was signed 2009-12-29).  Actual: ``X999 internal error in
    rule D006: OverflowError: date value out of range``.
    """
    text = cable_text("""
        O 020928Z JAN 10
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443

        SIPDIS

        E.O. 13526: DECL: 01/02/2020
        TAGS: PREL AJ
        SUBJECT: TEST

        Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).

        1. (C) Text.
        DERSE
        """)
    assert _found(text) == []


def test_finding_space_separated_tags_with_person_tag_read_as_one_tag() -> None:
    """A space-separated TAGS list with ``OVIP (NAME, GIVEN)`` becomes one free-text TAG.

    The comma inside the person TAG's parentheses switches the list to comma mode (format
    spec 1.4.6 allows both separators and this PERSON form).  Expected: seven TAGS and no
    diagnostic.  Actual: one TAG ``OIIP VT ZANU-PF ASEC EPET OVIP (CLINTON, HILLARY) PREL``
    of kind free, and T002 (no subject TAG) on line 4.
    """
    text = cable_text("""
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: OIIP VT ZANU-PF ASEC EPET OVIP (CLINTON, HILLARY) PREL
        SUBJECT: TEST

        1. Text.
        DERSE
        """)
    cable = cableformat.parse(text)
    assert cable.body.tags is not None
    assert [t.value for t in cable.body.tags.items] == [
        "OIIP", "VT", "ZANU-PF", "ASEC", "EPET", "OVIP (CLINTON, HILLARY)", "PREL"]
    assert _found(text) == []


def test_finding_t002_counts_osce_as_subject_tag() -> None:
    """T002 does not fire on ``TAGS: AJ RS OSCE``: OSCE is read as a subject TAG.

    ``parser.fields.tag_kind`` classifies any four-letter TAG whose first letter is a
    subject category (A B C E L M O P S T) as a subject TAG; OSCE is an organisation TAG
    (reference table tags.csv).  Expected: T002 on line 4.  Actual: no diagnostic.
    """
    text = cable_text("""
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: AJ RS OSCE
        SUBJECT: TEST

        1. Text.
        DERSE
        """)
    assert ("T002", 4) in _found(text)


def test_finding_b005_on_the_typical_eo_11652_marking() -> None:
    """B005 (eo-variant) reports ``E.O. 11652: GDS``, the typical marking of its era.

    Format spec 1.4.5 gives ``E.O. 11652: GDS`` / ``XGDS-n`` as the typical 1972-1978
    marking; B005 measures every order against the 12958 form ``E.O. NNNNN: DECL: ...``.
    Expected: no diagnostic.  Actual: B005 on line 6 ("expected E.O. 11652: DECL: ...").
    """
    text = cable_text("""
        O 021200Z MAR 75
        FM AMEMBASSY ROME
        TO SECSTATE WASHDC IMMEDIATE 1297
        CONFIDENTIAL ROME 003067

        E.O. 11652: GDS
        TAGS: PREL IT
        SUBJECT: TEST

        1. (C) Text.
        VOLPE
        """)
    assert _found(text) == []
