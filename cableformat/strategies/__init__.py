"""Hypothesis strategies for cables, drawn from the grammar the parser uses.

Public API, for this project's tests and for other projects that consume cables::

    from hypothesis import given
    from cableformat.strategies import cables, malformed_cables

    @given(cables(era="12958", classification="SECRET"))
    def test_my_tool_reads_cables(text: str) -> None: ...

    @given(malformed_cables())
    def test_my_tool_reports(case) -> None:
        text, code, line = case.text, case.code, case.line

:func:`cables` draws the text of well-formed cables: every value comes from the value sets
of :mod:`cableformat.grammar` (levels, captions, months, precedences, prosigns, executive
orders) and every generated field is checked against the grammar's pattern for it, so that
the generator and the parser share one description of the format.  A generated cable
parses and validates without any diagnostic.

:func:`malformed_cables` applies one known malformation to such a cable and says which rule
must report it on which line.  The field strategies (:func:`dtgs`, :func:`routing_lines`,
:func:`eo_lines`, :func:`tags_lines`, :func:`banners`, :func:`ref_items`,
:func:`classified_by_lines` ...) draw single lines.
"""

from __future__ import annotations

from hypothesis import strategies as st

from cableformat.strategies.draft import DLine, Draft, drafts
from cableformat.strategies.fields import (
    GrammarDrift,
    addressee_lines,
    banners,
    classified_by_lines,
    continuation_headers,
    de_lines,
    dtgs,
    eo_lines,
    ref_items,
    routing_lines,
    security_lines,
    subject_lines,
    tags_lines,
    tid_lines,
)
from cableformat.strategies.malform import (
    MALFORMATIONS,
    UNPROVOKABLE,
    Malformation,
    MalformedCable,
    malformed,
)
from cableformat.strategies.vocab import ERAS, Era

__all__ = [
    "ERAS",
    "MALFORMATIONS",
    "UNPROVOKABLE",
    "DLine",
    "Draft",
    "Era",
    "GrammarDrift",
    "Malformation",
    "MalformedCable",
    "addressee_lines",
    "banners",
    "cables",
    "classified_by_lines",
    "continuation_headers",
    "de_lines",
    "drafts",
    "dtgs",
    "eo_lines",
    "malformed_cables",
    "ref_items",
    "routing_lines",
    "security_lines",
    "subject_lines",
    "tags_lines",
    "tid_lines",
]


def cables(
    *,
    era: str | None = None,
    classification: str | None = None,
    sections: int | None = None,
    header: bool | None = None,
    wrapper: bool | None = None,
    newline: str | None = None,
) -> st.SearchStrategy[str]:
    """Texts of well-formed cables.

    Each option pins one property; ``None`` lets hypothesis choose:

    * ``era``: a key of :data:`ERAS`, the executive order in force (``"10501"`` for
      1966-1972 cables without E.O. line, ``"11652"``, ``"12065"``, ``"12356"``,
      ``"12958"``, ``"13526"``); the date, the E.O. line, the declassification value, the
      reason section, SIPDIS and the Secretary's signature follow it;
    * ``classification``: a level of :data:`cableformat.grammar.LEVELS` (``"SBU"`` is an
      UNCLAS banner with a SENSITIVE caption); portion marks never exceed it and at least one
      paragraph carries a classified cable's own level;
    * ``sections``: 1-99; sections 2.. start with continuation headers ``kkk OF mm``;
    * ``header``: with or without a transmission header (FL1-FL9);
    * ``wrapper``: with or without the WikiLeaks metadata table (not for LOU / TOP SECRET);
    * ``newline``: the line terminator (``"\\n"`` or ``"\\r\\n"``; default: either).

    Raises :class:`ValueError` (when drawing) for impossible combinations.
    """
    return drafts(era=era, classification=classification, sections=sections, header=header,
                  wrapper=wrapper, newline=newline).map(Draft.text)


def malformed_cables(codes: str | list[str] | tuple[str, ...] | None = None,
                     ) -> st.SearchStrategy[MalformedCable]:
    """Cables with one malformation, as ``MalformedCable(text, code, line, description)``.

    ``code`` is the rule that must report the malformation and ``line`` the 1-based line of
    ``text`` where its diagnostic must start.  ``codes`` restricts the rules (default: every
    rule of :data:`MALFORMATIONS`, i.e. every rule that cable text can provoke; the others
    are listed with the reason in :data:`UNPROVOKABLE`).
    """
    if codes is None:
        chosen = tuple(sorted(MALFORMATIONS))
    else:
        chosen = (codes,) if isinstance(codes, str) else tuple(codes)
    unknown = [c for c in chosen if c not in MALFORMATIONS]
    if unknown:
        raise ValueError(f"no malformation for {unknown}: "
                         f"{[UNPROVOKABLE.get(c, 'unknown code') for c in unknown]}")
    return malformed(chosen)
