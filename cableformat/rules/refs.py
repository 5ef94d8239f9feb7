"""Rules of the refs family: the REF list (spec 1.4.8, 2.7, 3.5).

Resolution here is syntactic: a cable reference must give a year, an office and a serial
that make a well-formed reference ID (``YY ORIGIN SERIAL``); checking that the office is a
known post needs the post tables and is not done here.
"""

from __future__ import annotations

import re
from itertools import pairwise

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable
from cableformat.rules.classification import cable_day
from cableformat.rules.registry import Emitter, rule

# A well-formed cable reference ``YY OFFICE SERIAL`` inside an item's text
_CABLE_REF = re.compile(r"\b[0-9]{2}\s+[A-Z]{2,}(?:\s[A-Z]{2,}){0,2}\s+[0-9]{1,6}\b")


def _has_refs(cable: Cable) -> bool:
    """Whether the cable has a REF field: every rule of the family checks it first."""
    return cable.body.refs is not None


@rule("F001", "reference-unresolved", Severity.WARNING, when=_has_refs)
def reference_unresolved(cable: Cable, emit: Emitter) -> None:
    """A cable reference in the REF list does not make a valid reference ID.

    ``OFFICE SERIAL`` with an optional year resolves to ``YY + OFFICE + SERIAL``
    (``BAKU 443`` of 2009 is 09BAKU443).  A reference whose office is too long or too short
    or whose serial is zero cannot be resolved.  A reference without a year in a cable of
    unknown date is not checked, nor is an item holding several well-formed references run
    together (``REF A 09 CAIRO 074 REF B 08 CAIRO 784``: the split was missed, not the
    references).

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. 09 BAKU 0

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. 09 BAKU 400
    """
    refs = cable.body.refs
    if refs is None:
        return
    for item in refs.items:
        if item.kind != "cable" or item.year is None:
            continue  # without the cable's own date a year-less reference cannot resolve
        rid = item.reference_id
        if rid is not None and g.RE_REFERENCE_ID.match(rid):
            continue
        if len(_CABLE_REF.findall(item.raw)) >= 2:
            continue  # several well-formed references the parser did not split (REF A .. REF B)
        what = f"{rid}" if rid else "nothing"
        emit(item, f"expected the reference {item.raw.strip()[:40]!r} to resolve to a reference "
             f"ID (YY OFFICE SERIAL), found {what}", hint="check year, office and serial")


@rule("F002", "reference-later-than-cable", Severity.WARNING, when=_has_refs)
def reference_later_than_cable(cable: Cable, emit: Emitter) -> None:
    """A referenced cable is dated after the citing cable.

    A cable can only cite earlier cables: a referenced year later than the cable's own year,
    or a higher serial from the same office in the same (written) year, is a typo in the
    reference or a wrong cable date.  A reference without a year never fires: it is read
    as of the year before when the citing year would make it later (see F005).

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. 10 BAKU 400

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. 09 BAKU 400
    """
    refs = cable.body.refs
    day = cable_day(cable)
    if refs is None or day is None:
        return
    own = g.RE_REFERENCE_ID.match(cable.reference_id or "")
    for item in refs.items:
        if item.kind != "cable" or item.year is None:
            continue
        if item.year > day.year:
            emit(item, f"expected a reference dated {day.year} or earlier, found {item.year} "
                 f"({item.raw.strip()[:40]!r})", hint="check the reference year")
            continue
        rid = g.RE_REFERENCE_ID.match(item.reference_id or "")
        if (own and rid and item.year == day.year
                and item.year_source == "written"
                and int(own.group("yy")) == day.year % 100
                and rid.group("yy") == own.group("yy")
                and rid.group("origin") == own.group("origin")
                and int(rid.group("serial")) > int(own.group("serial"))):
            emit(item, f"expected a serial below this cable's {own.group('serial')}, found "
                 f"{item.reference_id}", hint="a later cable from the same office cannot be cited")


@rule("F003", "self-reference", Severity.INFO, when=_has_refs)
def self_reference(cable: Cable, emit: Emitter) -> None:
    """The cable lists itself in its REF list.

    A reference to the cable's own ID is meaningless (usually a typo for another serial).

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. BAKU 443

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. BAKU 400
    """
    refs = cable.body.refs
    if refs is None or not cable.reference_id:
        return
    for item in refs.items:
        if item.reference_id and item.reference_id == cable.reference_id:
            emit(item, f"expected references to other cables, found the cable itself "
                 f"({item.reference_id})", hint="drop the item or correct its serial")


@rule("F004", "ref-labels-not-consecutive", Severity.INFO, when=_has_refs)
def ref_labels_not_consecutive(cable: Cable, emit: Emitter) -> None:
    """Reference labels (REF) are not consecutive (A, B, C ... or 1, 2, 3 ...).

    A skipped or repeated label usually means a reference was lost or the list was
    re-typed.

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. BAKU 400 C. BAKU 401

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. BAKU 400 B. BAKU 401
    """
    refs = cable.body.refs
    if refs is None:
        return
    labels = [(item, item.label) for item in refs.items if item.label]
    for (_, prev), (item, label) in pairwise(labels):
        expected = _next_label(prev)
        if expected is not None and label.upper() != expected.upper():  # a. then B. is fine
            emit(item, f"expected reference label (REF) {expected} after {prev}, found {label}",
                 hint="a reference may be missing")
            return


def _next_label(label: str) -> str | None:
    """The label that follows ``label``: B after A, 3 after 2."""
    if label.isdigit():
        return str(int(label) + 1)
    if len(label) == 1 and label.isalpha() and label.upper() != "Z":
        return chr(ord(label) + 1)
    return None


@rule("F005", "reference-year-inferred", Severity.INFO, when=_has_refs)
def reference_year_inferred(cable: Cable, emit: Emitter) -> None:
    """A reference without a year is read as of the year before the citing cable's.

    A reference written without a year is taken to be of the citing cable's year, unless
    that would make it a later cable from the same office (a serial above the citing
    cable's own); then it is read as of the previous year (``BRASILIA 2684`` cited by
    05BRASILIA1922 is 04BRASILIA2684).  The reading is an inference: check it when it
    matters.  Reported once per cable, on the first such reference.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. BAKU 500

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. BAKU 400
    """
    refs = cable.body.refs
    if refs is None:
        return
    inferred = [i for i in refs.items if i.kind == "cable" and i.year_source == "previous"]
    if inferred:  # one reading, one note: the first item, and how many more
        item = inferred[0]
        more = f" (and {len(inferred) - 1} more)" if len(inferred) > 1 else ""
        emit(item, f"expected a year with {item.raw.strip()[:40]!r} (the citing year would "
             f"make it later than this cable), read it as {item.reference_id}{more}",
             hint="write the year (e.g. 08 BAKU 500) if the reading is wrong")


def _letter_year(raw: str, labelled: bool) -> str | None:
    """The year of a REF item written with the letter O for zero (``O8 TRIPOLI 993``)."""
    if labelled:
        label = g.RE_REF_LABEL.match(raw)
        raw = raw[label.end() :] if label else raw
    m = g.RE_REF_CABLE.match(raw.strip().upper()) if len(raw) <= g.MAX_FIELD_LINE else None
    return m.group("year_o") if m else None


@rule("F006", "reference-year-letter-o", Severity.WARNING, when=_has_refs)
def reference_year_letter_o(cable: Cable, emit: Emitter) -> None:
    """A reference (REF item) writes its year with the letter O for the digit zero.

    ``O8 TRIPOLI 993`` is read as ``08 TRIPOLI 993`` (08TRIPOLI993); the typo is reported
    once per item so that the reading can be checked.

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. O8 BAKU 400

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: TEST
        REF: A. 08 BAKU 400
    """
    refs = cable.body.refs
    if refs is None:
        return
    for item in refs.items:
        if item.kind != "cable" or item.year_source != "written":
            continue
        found = _letter_year(item.raw, item.label is not None)
        if found:
            emit(item, f"expected digits in the year of {item.raw.strip()[:40]!r}, found "
                 f"{found!r} (letter O); read as {item.reference_id}",
                 hint=f"write {found.replace('O', '0')}")
