"""Classification-authority rules (C010-C015 in rules/authority.py): era boundaries, corners.

The basic positions of these rules are in test_classification.py (the classification
family); here: the dates where a rule starts or stops applying, and the orders it checks.
"""

from __future__ import annotations

import pytest

from tests.ruleutil import diagnose

CONF = "C O N F I D E N T I A L BAKU 000443\n"
DECL = "E.O. 12958: DECL: 06/02/2019\n"


def head(dtg: str) -> str:
    return f"O {dtg}\nFM AMEMBASSY BAKU\n"


CASES = [
    # C013 Classified By expected from 14 October 1995 (E.O. 12958 in force)
    ("C013", head("140000Z OCT 95") + CONF + "\nSUBJECT: TEST\n", [(3, 1, "C013")]),
    ("C013", head("130000Z OCT 95") + CONF + "\nSUBJECT: TEST\n", []),
    # C012 SIPDIS expected from 1 January 2006
    ("C012", head("010000Z JAN 06") + CONF + "\n" + DECL, [(3, 1, "C012")]),
    ("C012", head("311200Z DEC 05") + CONF + "\n" + DECL, []),
    # a SIPDIS collective addressee before the banner is no SIPDIS caption
    ("C012", head("020928Z JUN 09") + "TO RUEHZL/SIPDIS COLLECTIVE\n" + CONF + "\n" + DECL,
     [(4, 1, "C012")]),
    # C015 SIPDIS too early: before 1 January 2002
    ("C015", head("311200Z DEC 01") + CONF + "\nSIPDIS\n", [(5, 1, "C015")]),
    ("C015", head("010000Z JAN 02") + CONF + "\nSIPDIS\n", []),
    # C010 checks reasons under the orders of 1995 on, by the order the E.O. line names
    ("C010", head("020928Z JUN 90") + CONF + "\n" + DECL + "SUBJECT: TEST\n\n"
     "Classified By: Amb X, reasons 1.3 (a)\n", [(8, 1, "C010")]),
    ("C010", CONF + "\nE.O. 13526: DECL: 06/02/2019\nSUBJECT: TEST\n\n"
     "Classified By: Amb X, reasons 1.3 (a)\n", [(6, 1, "C010")]),
    ("C010", CONF + "\nE.O. 12356: DECL: OADR\nSUBJECT: TEST\n\n"
     "Classified By: Amb X, reasons 1.3 (a)\n", []),
    # section 1.5 (before 2003) had letters a-g
    ("C010", head("020928Z JUN 02") + CONF + "\n" + DECL + "SUBJECT: TEST\n\n"
     "Classified By: Amb X, reasons 1.5 (a)\n", []),
    ("C010", head("020928Z JUN 02") + CONF + "\n" + DECL + "SUBJECT: TEST\n\n"
     "Classified By: Amb X, reasons 1.5 (g)\n", []),
    # C010 needs reason letters to check
    ("C010", CONF + "\n" + DECL + "SUBJECT: TEST\n\n1. (C) Text.\n", []),
    ("C010", CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Glyn T. Davies\n", []),
    # C014 a line cut short (an ellipsis) lost its reasons; two dots are no ellipsis
    ("C014", CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Glyn T. Davies, Amb...\n", []),
    ("C014", CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Glyn T. Davies, Amb\u2026\n",
     []),
    ("C014", CONF + "\n" + DECL + "SUBJECT: TEST\n\nClassified By: Glyn T. Davies, Amb..\n",
     [(6, 1, "C014")]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_authority_rule_boundaries(code: str, text: str, expected: list) -> None:
    assert diagnose(text, code) == expected
