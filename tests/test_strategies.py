"""The strategies themselves: fields match the grammar, options are honoured, coverage."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cableformat
from cableformat import grammar as g
from cableformat.rules import RULES
from cableformat.strategies import (
    ERAS,
    MALFORMATIONS,
    UNPROVOKABLE,
    addressee_lines,
    banners,
    cables,
    classified_by_lines,
    continuation_headers,
    de_lines,
    drafts,
    dtgs,
    eo_lines,
    malformed_cables,
    ref_items,
    routing_lines,
    security_lines,
    subject_lines,
    tags_lines,
    tid_lines,
)
from cableformat.strategies import vocab as v
from cableformat.strategies.fields import GrammarDrift, banner_text, dtg_text
from tests.conftest import examples

_LENIENT = [HealthCheck.too_slow, HealthCheck.filter_too_much]
FIELD_PATTERNS = [
    (tid_lines(), g.RE_TID),
    (routing_lines(), g.RE_ROUTING),
    (de_lines(), g.RE_DE),
    (security_lines(), g.RE_SECURITY),
    (dtgs(), g.RE_DTG),
    (banners(), g.RE_BANNER),
    (continuation_headers(), g.RE_CONTINUATION),
]


@pytest.mark.parametrize(("strategy", "pattern"), FIELD_PATTERNS,
                         ids=["tid", "routing", "de", "security", "dtg", "banner", "continuation"])
@settings(max_examples=examples(0.5))
@given(data=st.data())
def test_line_strategies_match_their_grammar_pattern(strategy, pattern, data) -> None:  # type: ignore[no-untyped-def]
    line = data.draw(strategy)
    m = pattern.match(line)
    assert m is not None and m.end() == len(line), line


@settings(max_examples=examples(0.5))
@given(eo_lines())
def test_eo_lines_read_back(line: str) -> None:
    m = g.RE_EO_BODY.match(line)
    assert m is not None and m.group("order") in g.EO_ORDERS
    assert g.RE_HEAD_KEYWORD.match(line).lastgroup == "eo"  # type: ignore[union-attr]


@settings(max_examples=examples(0.5))
@given(tags_lines())
def test_tags_lines_have_a_subject_or_program_tag(line: str) -> None:
    cable = cableformat.parse(f"UNCLAS BAKU 000443\n\nE.O. 12958: N/A\n{line}\nSUBJECT: X\n")
    assert cable.body.tags is not None
    assert any(t.kind in ("subject", "program") for t in cable.body.tags.items)
    assert cableformat.validate(cable, select=["T"]) == []


@settings(max_examples=examples(0.5))
@given(classified_by_lines(), st.sampled_from(sorted(k for k in ERAS if k >= "12958")))
def test_classified_by_lines_give_reasons(line: str, era: str) -> None:
    m = g.RE_HEAD_KEYWORD.match(line)
    assert m is not None and m.lastgroup == "classified"
    assert g.RE_REASONS.search(line)


@settings(max_examples=examples(0.5))
@given(ref_items(label="A"))
def test_ref_items_are_labelled(item: str) -> None:
    assert g.RE_REF_LABEL.match(item)


@settings(max_examples=examples(0.5))
@given(subject_lines(level="CONFIDENTIAL"), addressee_lines())
def test_subject_and_addressee_lines(subject: str, addressee: str) -> None:
    assert g.RE_HEAD_KEYWORD.match(subject).lastgroup == "subject"  # type: ignore[union-attr]
    assert g.RE_TO.match("TO " + addressee)


def test_builders_refuse_what_the_grammar_does_not_read() -> None:
    with pytest.raises(GrammarDrift):
        banner_text("CONFIDENTIAL", efto=False, section=None, sections=None, office="baku 1",
                    serial=443)
    with pytest.raises(GrammarDrift):
        dtg_text("X", None, datetime(2009, 6, 2, 9, 28, tzinfo=UTC))


@pytest.mark.parametrize("era", sorted(ERAS))
@settings(max_examples=examples(0.1), suppress_health_check=_LENIENT)
@given(data=st.data())
def test_options_are_honoured(era: str, data: st.DataObject) -> None:
    level = data.draw(st.sampled_from(g.LEVELS))
    sections = data.draw(st.integers(1, 12))
    d = data.draw(drafts(era=era, classification=level, sections=sections, header=True))
    cable = cableformat.parse(d.text())
    assert d.text().isascii()
    assert ERAS[era].first <= d.day <= ERAS[era].last
    assert cable.header is not None and cable.header.dtg is not None
    assert cable.header.dtg.value is not None and cable.header.dtg.value.date() == d.day
    banner = cable.body.banner
    assert banner is not None
    expected = "UNCLASSIFIED" if level == "SBU" else level
    assert banner.classification == expected
    assert (banner.sections or 1) == sections
    assert len([c for c in cable.body.continuations if c.page is None]) == sections - 1
    eo = cable.body.eo
    if ERAS[era].eo_line:
        assert eo is not None and eo.order == ERAS[era].order
    else:
        assert eo is None


def test_eras_lie_inside_their_order_and_the_period() -> None:
    for key, era in ERAS.items():
        since, until = (date.fromisoformat(x) for x in g.EO_ORDERS[era.order])
        assert key == era.order
        assert since <= era.first <= era.last <= until
        assert era.first >= v.FIRST_DAY and era.last <= v.LAST_DAY


def test_vocabulary_agrees_with_the_reference_tables() -> None:
    ref = pytest.importorskip("cableformat.reference")
    for office in v.OFFICES:
        post = ref.posts()[ref.canonical_office(office.banner)]
        assert (post.banner, post.pla, post.origin) == (office.banner, office.fm, office.origin)
        assert office.ri in post.ris
    for tag in (*v.SUBJECT_TAGS, *v.PROGRAM_TAGS, *v.ORG_TAGS):
        assert ref.tag_info(tag) is not None, tag
    for code in v.GEO_TAGS:
        assert ref.country(code) is not None, code


def test_malformations_cover_every_rule_that_text_can_provoke() -> None:
    covered = set(MALFORMATIONS)
    unprovokable = set(UNPROVOKABLE)
    assert not covered & unprovokable
    missing = sorted(set(RULES) - covered - unprovokable - NOT_YET_COVERED)
    assert not missing, f"rules without a malformation: {missing}"
    assert covered <= set(RULES)


NOT_YET_COVERED: frozenset[str] = frozenset()
"""Rules added after the malformations were written (none at present)."""


def test_malformed_cables_rejects_unprovokable_codes() -> None:
    with pytest.raises(ValueError, match="X001"):
        malformed_cables("X001")


def test_cables_rejects_impossible_options() -> None:
    @given(cables(classification="TOP SECRET", wrapper=True))
    def draw(text: str) -> None:
        raise AssertionError("drawn")

    with pytest.raises(ValueError, match="TOP SECRET"):
        draw()


@settings(max_examples=examples(0.3), suppress_health_check=_LENIENT)
@given(malformed_cables())
def test_malformed_cables_name_a_line_of_their_text(case) -> None:  # type: ignore[no-untyped-def]
    assert 1 <= case.line <= case.text.count("\n") + 1
    assert case.code in MALFORMATIONS
