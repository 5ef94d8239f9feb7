"""CSV: one row per cable for spreadsheets (header row first, lists joined with ``;``).

The first 21 columns (:data:`BASE_COLUMNS`) keep their order and meaning; :data:`COLUMNS`
appends the wrapper's dates and origin, the input file and the declassification value as
written, and ``--with-text`` a last ``text`` column.  Dates are ISO 8601; a cell is empty
when the value is missing.  ``excel=True`` (``--excel``) writes a UTF-8 BOM and neutralises
every cell a spreadsheet would run as a formula (OWASP: a leading ``'``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from cableformat import grammar as g
from cableformat.diagnostics import Diagnostic, Severity
from cableformat.model import Cable
from cableformat.parser.header import parse_created
from cableformat.writers.tei_header import CAVEATS, caveats_of, iso

#: The original 21 columns, in order (their order and meaning are an interface).
BASE_COLUMNS = ("reference_id", "office", "created", "precedence", "classification", "caveats",
                "from", "to", "info", "eo", "declassify_on", "tags", "subject", "references",
                "classified_by", "reasons", "sections", "paragraphs", "signature", "errors",
                "warnings")
#: The columns, in order: the base columns, then the wrapper's and the input's.
COLUMNS = (*BASE_COLUMNS, "wrapper_created", "released", "origin", "source", "declassify_raw")
#: The column ``--with-text`` appends: the cable text exactly as parsed.
TEXT_COLUMN = "text"
#: First characters of a cell a spreadsheet runs as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CAVEAT_ORDER = {name: n for n, name in enumerate(CAVEATS)}
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


def _utc(value: datetime | None) -> str:
    """``value`` as ISO 8601 UTC with ``Z``, or empty."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else ""


def caveats(cable: Cable) -> list[str]:
    """The cable's handling caveats in canonical order (``tei_header.CAVEATS``)."""
    return sorted(caveats_of(cable), key=_CAVEAT_ORDER.__getitem__)


def cable_row(cable: Cable, diagnostics: Sequence[Diagnostic] = (), *,
              with_text: bool = False) -> dict[str, str]:
    """The CSV row of one cable (column name -> value); counts from ``diagnostics``.

    ``created`` is the cable's own DTG (empty without one; the wrapper's value is in
    ``wrapper_created``); caveats are in canonical order; ``with_text`` adds ``text``.
    """
    header, body, wrapper = cable.header, cable.body, cable.wrapper
    m = g.RE_REFERENCE_ID.match(cable.reference_id or "")
    dtg = header.dtg if header is not None else None
    eo = body.eo
    decl = eo.decl_date.isoformat() if eo is not None and eo.decl_date else ""
    sections = body.banner.sections if body.banner is not None else None
    if sections is None and body.continuations:
        sections = max(c.total for c in body.continuations)
    cb = body.classified_by
    refs = body.refs.items if body.refs is not None else []
    row = {
        "reference_id": cable.reference_id or "",
        "office": m.group("origin") if m else "",
        "created": iso(cable) or "",
        "precedence": ";".join(dtg.precedences) if dtg is not None else "",
        "classification": classification(cable),
        "caveats": ";".join(caveats(cable)),
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
        "wrapper_created": _utc(wrapper.created) if wrapper is not None else "",
        "released": _utc(parse_created(wrapper.released)) if wrapper is not None else "",
        "origin": (wrapper.origin or "") if wrapper is not None else "",
        "source": cable.source_name or "",
        "declassify_raw": (eo.decl_raw or "") if eo is not None else "",
    }
    if with_text:
        row[TEXT_COLUMN] = cable.text
    return row


def to_csv(rows: Iterable[dict[str, str]], *, header: bool = True, excel: bool = False,
           with_text: bool = False) -> str:
    """Rows of :func:`cable_row` as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends).

    ``with_text`` adds the ``text`` column (rows made with ``with_text=True``); ``excel``
    starts the header row with a UTF-8 BOM and neutralises formula cells (:func:`excel_safe`).
    """
    out = io.StringIO()
    fields = (*COLUMNS, TEXT_COLUMN) if with_text else COLUMNS
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    if header:
        if excel:
            out.write("\ufeff")
        writer.writeheader()
    for row in rows:
        writer.writerow({k: excel_safe(v) for k, v in row.items()} if excel else row)
    return out.getvalue()


def excel_safe(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would run it as a formula (it starts
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return), as OWASP recommends."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
