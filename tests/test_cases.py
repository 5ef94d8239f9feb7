"""Case files, tomli style: ``tests/cases/<code>/fails/NAME.txt`` with ``NAME.expected`` beside
it (every diagnostic of ``<code>`` on the case: ``line:column code message``, in order), and
``passes/NAME.txt`` on which ``<code>`` stays quiet.

To add a case, write the cable text and the diagnostics a careful reader expects; never copy
the tool's output without checking each line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cableformat
from cableformat.rules import RULES, run_rules, select_rules
from cableformat.source import LineIndex

CASES = Path(__file__).resolve().parent / "cases"
FAILS = sorted(CASES.glob("*/fails/*.txt"))
PASSES = sorted(CASES.glob("*/passes/*.txt"))


def _case_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def _found(path: Path) -> list[str]:
    """``line:column code message`` of the diagnostics of the case's code."""
    code = path.parent.parent.name
    text = path.read_text(encoding="utf-8")
    index = LineIndex(text)
    out = []
    for d in run_rules(cableformat.parse(text), select_rules([code])):
        if d.code == code:
            line, col = index.locate(d.start)
            out.append(f"{line}:{col} {d.code} {d.message}")
    return out


def _expected(path: Path) -> list[str]:
    lines = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def test_case_files_are_well_formed() -> None:
    assert len({p.parent.parent.name for p in FAILS}) >= 15
    for code_dir in CASES.iterdir():
        assert code_dir.name in RULES, f"{code_dir.name}: no such rule"
        assert (code_dir / "fails").is_dir() and (code_dir / "passes").is_dir(), code_dir
    for path in FAILS:
        expected = _expected(path)
        assert expected, f"{_case_id(path)}: a failing case expects at least one diagnostic"
        code = path.parent.parent.name
        assert all(ln.split()[1] == code for ln in expected), _case_id(path)
    for path in CASES.glob("*/*/*.expected"):
        assert path.with_suffix(".txt").exists(), f"{path}: no case text beside it"
        assert path.parent.name == "fails", f"{path}: passing cases expect nothing"


@pytest.mark.parametrize("path", FAILS, ids=_case_id)
def test_failing_case(path: Path) -> None:
    assert _found(path) == _expected(path)


@pytest.mark.parametrize("path", PASSES, ids=_case_id)
def test_passing_case(path: Path) -> None:
    assert _found(path) == []
