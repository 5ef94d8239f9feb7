"""Malformations: one known defect applied to a drawn cable, with the rule and line to report.

Each :class:`Malformation` names the rule code it provokes, the draft options under which it
applies, and a function that changes the :class:`~.draft.Draft` and returns the line on
which the rule must report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from hypothesis import assume
from hypothesis import strategies as st

from cableformat.strategies import fields as f
from cableformat.strategies.draft import DLine, Draft, drafts

Apply = Callable[[st.DrawFn, Draft], DLine]
_PARA = re.compile(r"^(?P<num>[0-9]+)\.(?P<sep>\s+)(?:\((?P<mark>[A-Z/]+)\)\s)?(?P<rest>.*)$")


class MalformedCable(NamedTuple):
    """A cable text with one malformation: the rule ``code`` must report on ``line``."""

    text: str
    code: str
    line: int
    description: str


@dataclass(frozen=True, slots=True)
class Malformation:
    """How to provoke rule ``code`` from text."""

    code: str
    description: str
    apply: Apply
    options: dict[str, Any] = field(default_factory=dict)


MALFORMATIONS: dict[str, Malformation] = {}


def _m(code: str, description: str, **options: Any) -> Callable[[Apply], Apply]:
    def register(fn: Apply) -> Apply:
        MALFORMATIONS[code] = Malformation(code, description, fn, options)
        return fn
    return register


# --- helpers -------------------------------------------------------------------------------


def _need(line: DLine | None) -> DLine:
    assume(line is not None)
    assert line is not None
    return line


def _after_header(d: Draft) -> DLine:
    """The last header line (the banner follows)."""
    banner = _need(d.find("banner"))
    return d.lines[d.index(banner) - 1]


def _ensure_tid(d: Draft) -> DLine:
    tid = d.find("tid")
    if tid is None:
        first = next(ln for ln in d.lines if ln.role not in ("meta_head", "meta_row"))
        tid = DLine(f.tid_text("XRO", "1234"), "tid")
        d.insert_before(first, tid)
    return tid


def _ensure_de(d: Draft) -> DLine:
    de = d.find("de")
    if de is None:
        tid = _ensure_tid(d)
        de = DLine(f.de_text(d.office.ri, d.serial, 1 if d.sections > 1 else None, d.when), "de")
        d.insert_after(d.find("routing_cont") or d.find("routing") or tid, de)
    return de


def _ensure_security(d: Draft) -> DLine:
    sec = d.find("security")
    if sec is None:
        sec = DLine(f.security_text("ZNR", "U"), "security")
        d.insert_before(_need(d.find("dtg")), sec)
    return sec


def _ensure_routing(d: Draft) -> DLine:
    routing = d.find("routing")
    if routing is None:
        tid = _ensure_tid(d)
        routing = DLine(f.routing_text(str(d.extra["action"]) * 2, ["RUEHAG"]), "routing")
        d.insert_after(tid, routing)
    return routing


def _set_dtg(d: Draft, prec: str, prec2: str | None, when: datetime) -> DLine:
    dtg = _need(d.find("dtg"))
    dtg.text = f.dtg_text(prec, prec2, when)
    return dtg


def _wrapper_value(d: Draft) -> str:
    value = {"SBU": "UNCLASSIFIED//FOR OFFICIAL USE ONLY"}.get(d.level, d.level)
    return value + ("//NOFORN" if d.noforn else "")


def _set_row(d: Draft, *, ref_id: str | None = None, created: datetime | None = None,
             value: str | None = None) -> DLine:
    row = _need(d.find("meta_row"))
    row.text = (f"{ref_id or d.reference_id} {(created or d.when).strftime('%Y-%m-%d %H:%M')} "
                f"2011-08-30 01:44 {value or _wrapper_value(d)} {d.office.origin}")
    return row


def _para_lines(d: Draft) -> list[DLine]:
    return d.all("para")


def _set_mark(line: DLine, mark: str | None) -> None:
    m = _PARA.match(line.text)
    assert m is not None, line.text
    new = f"({mark}) " if mark else ""
    line.text = f"{m.group('num')}.{m.group('sep')}{new}{m.group('rest')}"


def _replace_refs(d: Draft, items: list[str]) -> list[DLine]:
    """Replace the REF block by ``items``; return their lines."""
    old = d.all("ref")
    if old:
        after = d.lines[d.index(old[-1]) + 1]
        d.remove(*old)
        anchor = after
    else:
        last = d.find("subject_cont") or _need(d.find("subject"))
        anchor = d.lines[d.index(last) + 1]  # the blank after the SUBJECT
        d.insert_after(anchor, DLine("", "blank"))
        anchor = d.lines[d.index(anchor) + 1]
    new = [DLine(("REF: " if k == 0 else "     ") + item, "ref") for k, item in enumerate(items)]
    d.insert_before(anchor, *new)
    return new


def _eo(d: Draft) -> DLine:
    return _need(d.find("eo"))


def _decl(d: Draft, value: str) -> DLine:
    eo = _eo(d)
    eo.text = f.eo_text(d.era.order, value)
    return eo


def _cb(d: Draft) -> DLine:
    return _need(d.find("cb"))


def _tags(d: Draft) -> DLine:
    return _need(d.find("tags"))


UNPROVOKABLE: dict[str, str] = {
    "X001": "binary input is refused by the byte readers; parse() decodes it leniently",
    "X002": "an empty file is refused by the file readers before parsing",
    "X003": "HTML reader: a page without a cable",
    "X004": "HTML reader: a page truncated inside <pre>",
    "X005": "CSV reader: a malformed cables.csv row",
    "X006": "JSON reader: newline-stripped exports (Source.line_structure_lost)",
    "X007": "command line: an empty directory",
    "X008": "command line: a path that does not exist",
    "X009": "byte readers: the encoding was guessed (parse() on text never guesses)",
    "X011": "readers: a tolerated irregularity of the wrapper format",
    "X012": "command line: an unreadable file",
    "X013": "JSON reader: a malformed record",
    "X999": "an internal error: any input that provokes it is a bug, not a malformation",
}
"""Rule codes that no cable text can provoke through :func:`cableformat.parse`, and why."""


@st.composite
def malformed(draw: st.DrawFn, codes: tuple[str, ...]) -> MalformedCable:
    """Draw one of ``codes``, a draft it applies to, and apply it."""
    code = draw(st.sampled_from(codes))
    mal = MALFORMATIONS[code]
    d = draw(drafts(**mal.options))
    line = mal.apply(draw, d)
    return MalformedCable(d.text(), code, d.number(line), mal.description)


# Importing the family modules registers their malformations.
from cableformat.strategies import malform_body as _body  # noqa: E402
from cableformat.strategies import malform_header as _header  # noqa: E402
from cableformat.strategies import malform_pages as _pages  # noqa: E402

__all__ = ["MALFORMATIONS", "UNPROVOKABLE", "Malformation", "MalformedCable", "malformed"]
del _body, _header, _pages
