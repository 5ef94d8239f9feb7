"""Every rule documents itself with a failing and a passing example, and both are true."""

from __future__ import annotations

import pytest

import cableformat
from cableformat.rules import RULES, run_rules
from cableformat.rules.registry import CODE_PATTERN
from cableformat.rules.syntax import READER_CODES

TEXT_RULES = sorted(code for code in RULES if code not in READER_CODES and code not in (
    "X006", "X009", "X999"))


def test_registry_is_populated_and_well_formed() -> None:
    assert len(RULES) >= 40
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names)), "rule names must be unique"
    for code, r in RULES.items():
        assert CODE_PATTERN.match(code)
        assert r.summary and not r.summary.endswith(" "), code
        assert r.rationale, f"{code} has no rationale"
        assert r.name == r.name.lower() and " " not in r.name, code


@pytest.mark.parametrize("code", TEXT_RULES)
def test_failing_example_fires(code: str) -> None:
    rule = RULES[code]
    assert rule.fails, f"{code} has no 'Fails:' example"
    found = run_rules(cableformat.parse(rule.fails), [rule])
    assert any(d.code == code for d in found), f"{code} did not fire on its Fails example"


@pytest.mark.parametrize("code", TEXT_RULES)
def test_passing_example_is_quiet(code: str) -> None:
    rule = RULES[code]
    assert rule.passes, f"{code} has no 'Passes:' example"
    found = run_rules(cableformat.parse(rule.passes), [rule])
    assert not found, f"{code} fired on its Passes example: {found}"


# Where each rule reports its own Fails example: (line, column, the first 40 characters the
# diagnostic covers, how many diagnostics of the code).  One misreading gives one diagnostic.
# When a rule's Fails example changes, check the new position by eye and update its entry.
FAILS_AT: dict[str, tuple[int, int, str, int]] = {
    "B001": (1, 1, 'E.O. 12958: DECL: 06/02/2019', 1),
    "B002": (1, 1, 'S e c r e t nairobi 001938', 1),
    "B003": (1, 1, 'C O N F I D E N T I A L BAKU 000443', 1),
    "B004": (3, 1, 'E.O. 1295: N/A', 1),
    "B005": (3, 1, 'E.o. 12958: decl: 07/01/2034', 1),
    "B006": (1, 1, 'UNCLAS BAKU 000443', 1),
    "B007": (4, 1, 'TAGES:', 1),
    "B008": (1, 1, 'UNCLAS BAKU 000443', 1),
    "B009": (4, 1, 'UBJECT:', 1),
    "B011": (6, 1, 'Classified By: Classified by DCM Liz Dib', 1),
    "B012": (7, 1, '3.', 1),
    "B013": (5, 4, 'C)', 1),
    "B014": (5, 25, 'End summary', 1),
    "B015": (5, 1, '1. The talks went well, and', 1),
    "B016": (5, 1, 'SIPDIS', 1),
    "B017": (3, 4, 'XXXXXXXXXXXX', 1),
    "B018": (3, 1, 'TAGS: PGOV PREL AJ', 1),
    "B019": (3, 1, 'SUBJECT: RUSSIAN SCIEN...', 1),
    "B030": (5, 25, 'DERSE', 1),
    "C001": (1, 1, 'ZNY SSSSS ZZH', 1),
    "C002": (1, 1, 'ZNR CCCCC ZZH', 1),
    "C003": (3, 1, 'C O N F I D E N T I A L BAKU 000443', 1),
    "C004": (3, 1, 'C O N F I D E N T I A L BAKU 000443', 1),
    "C005": (3, 1, 'UNCLAS STATE 089712', 1),
    "C006": (6, 4, '(S)', 1),
    "C007": (1, 1, 'S E C R E T BAKU 000443', 1),
    "C008": (3, 1, 'E.O. 12958: DECL: 06/02/2019', 1),
    "C009": (3, 1, 'E.O. 12958: N/A', 1),
    "C010": (6, 1, 'Classified By: Ambassador Anne E. Derse,', 2),
    "C011": (4, 1, 'SIPDIS', 1),
    "C012": (3, 1, 'C O N F I D E N T I A L BAKU 000443', 1),
    "C013": (1, 1, 'C O N F I D E N T I A L BAKU 000443', 1),
    "C014": (6, 1, 'Classified By: Ambassador Anne E. Derse.', 1),
    "C015": (5, 1, 'SIPDIS', 1),
    "D001": (1, 3, '31', 1),
    "D002": (3, 1, 'O 020928Z JUN 09', 1),
    "D003": (1, 20, '150', 1),
    "D004": (1, 23, '0915', 1),
    "D005": (1, 1, 'O 020928Z JUN 11', 1),
    "D006": (4, 6, '12356', 1),
    "D007": (4, 19, '06/02/2008', 1),
    "D008": (4, 19, '06/02/2049', 1),
    "D009": (4, 19, '6/30/08', 1),
    "D010": (5, 54, '1.5', 1),
    "F001": (4, 6, 'A. 09 BAKU 0', 1),
    "F002": (6, 6, 'A. 10 BAKU 400', 1),
    "F003": (6, 6, 'A. BAKU 443', 1),
    "F004": (4, 18, 'C. BAKU 401', 1),
    "F005": (6, 6, 'A. BAKU 500', 1),
    "F006": (4, 6, 'A. O8 BAKU 400', 1),
    "H100": (4, 1, 'this is no header line at all; it is pro', 1),
    "H101": (3, 4, 'PAGE 02        STATE   015113  182333Z', 1),
    "H103": (2, 1, 'OP', 1),
    "H104": (3, 1, 'DE RUEHKB 0443 153/0928Z', 1),
    "H105": (2, 5, 'XXXXX', 1),
    "H106": (1, 4, 'AMEMBASSY BAKU', 1),
    "H107": (1, 1, 'O 020928Z JUN 09', 1),
    "H108": (3, 18, 'ZDK EACTC SVC #0128', 1),
    "H109": (4, 30, 'SEP', 1),
    "H110": (6, 1, 'O 071013Z MAR 02', 1),
    "H111": (2, 19, 'NOT DELIVERED', 1),
    "H112": (3, 1, 'TORUEHC', 1),
    "K001": (5, 1, '1. (U) The first paragraph was unwrapped', 1),
    "K002": (1, 1, 'C O N F I D E N T I A L BOGOTA 008663\nE.', 1),
    "K003": (6, 1, '', 1),
    "K004": (1, 1, 'Cable dated:2009-03-31T14:44:00', 1),
    "K005": (1, 1, 'This record is a partial extract of the ', 1),
    "K007": (1, 1, '1. GREGORY SCHARF                PER.IND', 1),
    "K009": (1, 1, '', 1),
    "P001": (1, 1, 'PP', 1),
    "P002": (1, 1, 'O', 1),
    "P003": (1, 3, 'R', 1),
    "P004": (1, 1, 'DE RUEHQQQ #0443/01 1530928', 1),
    "P005": (2, 4, 'SECSTATE WASHDC', 1),
    "P006": (3, 20, 'PRIOITY', 1),
    "P007": (3, 36, '129', 1),
    "R001": (3, 1, 'UNCLAS SECTION 02 OF 05 SAO PAULO 000335', 1),
    "R002": (3, 1, 'O 020928Z JUN 09', 1),
    "R003": (3, 1, 'UNCLAS BAKU 000443', 1),
    "R004": (1, 1, 'DE RUEHKB #0444/01 1530928', 1),
    "R005": (3, 1, 'UNCLAS ANKARA 000443', 1),
    "R006": (4, 4, 'AMEMBASSY ANKARA', 1),
    "R007": (1, 1, 'DE RUEHAK #0443/01 1530928', 1),
    "R008": (2, 1, '09BAKU443', 1),
    "R009": (2, 1, '09BKAUX443', 1),
    "R010": (2, 1, '08SCTION02OF02SAOPAULO335', 1),
    "S001": (1, 33, '03', 1),
    "S002": (1, 17, '02', 1),
    "S003": (1, 39, '03', 1),
    "S004": (3, 16, '002', 1),
    "S005": (3, 6, '00000434', 1),
    "S006": (5, 1, 'PAGE 04        ROME  03067  211833Z', 1),
    "T002": (4, 1, 'TAGS: AJ RU NATO', 1),
    "T003": (4, 7, 'POGOV', 1),
    "T004": (4, 25, 'RU', 2),
    "T005": (4, 20, 'PGOV', 1),
    "T006": (4, 23, 'SIPDIS', 1),
    "T007": (4, 7, 'prel', 1),
    "T008": (4, 12, 'PHUMBA', 1),
    "X010": (1, 1, 'Appears in these articles:\n', 1),
}


def test_every_text_rule_has_a_position() -> None:
    assert sorted(FAILS_AT) == TEXT_RULES


@pytest.mark.parametrize("code", TEXT_RULES)
def test_failing_example_position(code: str) -> None:
    from cableformat.source import LineIndex

    rule = RULES[code]
    found = [d for d in run_rules(cableformat.parse(rule.fails), [rule]) if d.code == code]
    line, column, covered, count = FAILS_AT[code]
    assert found, f"{code} did not fire on its Fails example"
    first = found[0]
    assert LineIndex(rule.fails).locate(first.start) == (line, column)
    assert rule.fails[first.start:first.end][:40] == covered
    assert len(found) == count
