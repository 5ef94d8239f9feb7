"""CSV: one row per cable for spreadsheets (header row first, lists joined with ``;``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from cableformat import grammar as g
from cableformat.diagnostics import Diagnostic, Severity
from cableformat.model import Cable
from cableformat.writers.tei_header import caveats_of, iso

#: The columns, in order.
COLUMNS = ("reference_id", "office", "created", "precedence", "classification", "caveats",
           "from", "to", "info", "eo", "declassify_on", "tags", "subject", "references",
           "classified_by", "reasons", "sections", "paragraphs", "signature", "errors",
           "warnings")
_SBU = re.compile(r"\bSENSITIVE\b|\bSBU\b|\bFOR OFFICIAL USE ONLY\b")


def classification(cable: Cable) -> str:
    """The cable's level, one of ``grammar.LEVELS`` (UNCLASSIFIED with a SENSITIVE/SBU mark
    is ``SBU``): banner, else security letters, else wrapper; empty when unknown."""
    banner = cable.body.banner
    level = banner.classification if banner is not None else None
    security = cable.header.security if cable.header is not None else None
    if not level and security is not None and security.letters:
        level = g.SECURITY_LETTERS.get(security.letters[:1])
    wrapper = (cable.wrapper.classification or "").upper() if cable.wrapper else ""
    if not level and wrapper:
        level = wrapper.split("//", 1)[0].strip().replace("UNCLAS ", "UNCLASSIFIED ")
    if level == "UNCLASSIFIED":
        marks = [c.value for c in cable.body.captions]
        if banner is not None:
            marks += [banner.raw.upper()]
        if any(_SBU.search(m) for m in [*marks, wrapper]):
            level = "SBU"
    return level if level in g.LEVELS else ""


def cable_row(cable: Cable, diagnostics: Sequence[Diagnostic] = ()) -> dict[str, str]:
    """The CSV row of one cable (column name -> value); counts from ``diagnostics``."""
    header, body = cable.header, cable.body
    m = g.RE_REFERENCE_ID.match(cable.reference_id or "")
    dtg = header.dtg if header is not None else None
    created = iso(cable)
    if created is None and cable.wrapper is not None and cable.wrapper.created is not None:
        created = cable.wrapper.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    eo = body.eo
    decl = ""
    if eo is not None:
        decl = eo.decl_date.isoformat() if eo.decl_date else (eo.decl_raw or "")
    sections = body.banner.sections if body.banner is not None else None
    if sections is None and body.continuations:
        sections = max(c.total for c in body.continuations)
    cb = body.classified_by
    refs = body.refs.items if body.refs is not None else []
    return {
        "reference_id": cable.reference_id or "",
        "office": m.group("origin") if m else "",
        "created": created or "",
        "precedence": ";".join(dtg.precedences) if dtg is not None else "",
        "classification": classification(cable),
        "caveats": ";".join(caveats_of(cable)),
        "from": header.fm.address if header is not None and header.fm is not None else "",
        "to": ";".join(a.address for a in header.to) if header is not None else "",
        "info": ";".join(a.address for a in header.info) if header is not None else "",
        "eo": (eo.order or "") if eo is not None else "",
        "declassify_on": decl,
        "tags": ";".join(body.tags.canonical) if body.tags is not None else "",
        "subject": " ".join(body.subject.text.split()) if body.subject is not None else "",
        "references": ";".join(r.reference_id for r in refs if r.reference_id),
        "classified_by": (cb.classifier or "") if cb is not None else "",
        "reasons": ";".join(cb.reasons) if cb is not None else "",
        "sections": str(sections) if sections is not None else "",
        "paragraphs": str(len(body.paragraphs)),
        "signature": body.signature.raw.strip() if body.signature is not None else "",
        "errors": str(sum(d.severity == Severity.ERROR for d in diagnostics)),
        "warnings": str(sum(d.severity == Severity.WARNING for d in diagnostics)),
    }


def to_csv(rows: Iterable[dict[str, str]], *, header: bool = True) -> str:
    """Rows of :func:`cable_row` as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
