"""The grammar drives the docs: docs/grammar.md is the output of ``cableformat grammar``."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cableformat import grammar as g
from cableformat.cli import main
from cableformat.cli.grammar import render_grammar

DOC = Path(__file__).resolve().parent.parent / "docs" / "grammar.md"


def test_grammar_doc_is_generated_from_the_grammar() -> None:
    assert DOC.read_text(encoding="utf-8") == render_grammar("markdown"), (
        "docs/grammar.md is stale: run `cableformat grammar --format markdown > docs/grammar.md`"
    )


def test_production_names_in_document_order() -> None:
    assert g.production_names()[:3] == ["chrome", "metadata", "tid"]
    assert g.production_names().index("dtg") < g.production_names().index("banner")
    assert g.production_names().index("banner") < g.production_names().index("paragraph")


def test_every_example_matches_its_production_pattern() -> None:
    for p in g.PRODUCTIONS:
        if p.pattern is not None and p.name not in ("heading",):
            assert p.pattern.match(p.example), f"{p.name}: example {p.example!r} does not match"


def test_grammar_command_json(capsys) -> None:
    assert main(["grammar", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == g.production_names()
    assert next(r for r in rows if r["name"] == "dtg")["required"] is True


@given(st.lists(st.sampled_from(["E.O. ", "EO 12958", "e.o.", "TAGS:", "tags", "Tags ", "AGS:",
                                 "SUBJECT:", "subj ", "UBJECT:", "REF:", "Refs.", "REFTEL ",
                                 "Classified By", "CLASSFIED BY:", "x", " ", "A) ", ":", "1",
                                 "PGOV", "\t"]), max_size=12).map("".join))
def test_head_keyword_prefilter_never_hides_a_match(line: str) -> None:
    if g.RE_HEAD_KEYWORD.search(line):
        assert g.may_hold_head_keyword(line)


_CORES = g._HEAD_KEYWORD_CORES


@given(st.lists(st.sampled_from([*_CORES, *(c.lower() for c in _CORES),
                                 "E", "O", ".", "T", "A", "G", "S", "x", " ", ":"]),
                max_size=8).map("".join))
def test_head_keyword_prefilter_tests_exactly_the_listed_cores(line: str) -> None:
    """may_hold_head_keyword spells its substring tests out (for speed): they must stay the
    cores that _HEAD_KEYWORD_CORES lists."""
    expected = any(core in line.upper() for core in _CORES)
    assert g.may_hold_head_keyword(line) == expected
