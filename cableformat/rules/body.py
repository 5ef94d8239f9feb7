"""Rules of the body family: lexical checks of banner, head fields and text (spec 1.4, 3.2-3.10).

Absence rules (banner, E.O., TAGS, SUBJECT, signature) are relaxed for partial extracts
(spec 1.3.8), the banner excepted; they never fire on text that is not a cable at all (X010).
"""

from __future__ import annotations

import re
from datetime import date

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable, RawField, Span
from cableformat.rules.classification import (
    cable_day,
    cable_text,
    is_classified,
)
from cableformat.rules.registry import Emitter, rule

_EO_SINCE = date(1972, 6, 1)
_STRICT_SINCE = date(2003, 1, 1)
# A TAGS field run into the E.O. line of a text whose newlines were stripped (``E.O. 12958:
# N/ATAGS: PGOV``): the parser reads it as part of the E.O. value
_GLUED_TAGS = re.compile(r"TAGS\s?:")
# The order number after the E.O. keyword, past stray colons and spaces
_ORDER_AFTER = re.compile(r"[\s:.]{0,4}(?P<order>[0-9]{5})\b")
# The release review's stamp written as an E.O. line of an old cable (``E.O. 12958: AS
# AMENDED; DECLASSIFIED JUNE 21, 2006``, ``DECLASSIFIED BY NARA``): no DECL field to check
_RELEASE_STAMP = re.compile(r"(?:AS\s+AMENDED\b.*)?DECLASSIFIED\b", re.I)
_EO_CANONICAL = re.compile(
    r"^E\.O\. [0-9]{5}: +(?:N/A|DECL: +\S.*|(?:X?GDS|RDS|XDS)\b.*)$", re.S
)
"""The canonical E.O. line: N/A, DECL: value, or the GDS/XGDS/RDS/XDS schedules of the
1972-1982 orders (format-spec 1.4.5)."""
_CLASSIFIED_KW = re.compile(r"^(?:Classified By|CLASSIFIED BY):?$")
_REPEATED_KW = re.compile(r"^\s*(?:[0-9]+\.\s*(?:\([A-Z/]+\)\s*)?)?CLASS?I?F?I?ED\s+BY\b", re.I)
_TEXT_KINDS = frozenset({"paragraph", "text", "heading", "signature"})


def _x010(cable: Cable) -> bool:
    return any(issue.code == "X010" for issue in cable.syntax)


def _headless(cable: Cable) -> bool:
    """The text has no head at all (no banner, E.O., TAGS, SUBJECT or Classified By): a
    body excerpt.  B001 says so once; the other absence rules would only echo it."""
    body = cable.body
    return (body.banner is None and body.eo is None and body.tags is None
            and body.subject is None and body.classified_by is None)


def _anchor(cable: Cable) -> RawField | Span | tuple[int, int]:
    """Where to report something missing: the banner, the first head field, the first line."""
    body = cable.body
    if body.banner is not None:
        return body.banner
    fields = [x for x in (body.eo, body.tags, body.subject, body.refs, body.classified_by) if x]
    if fields:
        return min(fields, key=lambda x: x.span.start)
    for line in cable.lines:
        if (line.kind not in ("chrome", "metadata", "blank") and line.raw.strip()
                and (cable.header is None or line.kind in _TEXT_KINDS)):
            text = line.raw.rstrip("\r\n")
            lead = len(text) - len(text.lstrip())
            return (line.start + lead, line.start + len(text.rstrip()))
    return (0, 0)


# A banner the parser could not read: spaced classification letters, perhaps one lost
# (``O N F I D E N T I A L BAGHDAD 000290``), or a classification word, then an office and a
# serial run together or garbled (``S E C R E T SECTION 02 OF 03QRIPOLI 000583``)
_DAMAGED_BANNER = re.compile(
    r"(?:[A-Z] ){4,}[A-Z]\b[^\n]{0,60}?[0-9]{3,6}\b"
    r"|\b(?:UNCLAS(?:SIFIED)?|SECRET|CONFIDENTIAL)\b[^\n]{0,60}?[A-Z]{3,}[^\n]{0,30}?[0-9]{3,6}\b"
)


# A banner whose classification, office and serial are all there (run into a line or with
# doubled spaces): not damaged, only out of place
_COMPLETE_BANNER = re.compile(
    r"(?:C O N F I D E N T I A L|S E C R E T|T O P S E C R E T|UNCLAS(?:SIFIED)?(?: E F T O)?"
    r"|SECRET|CONFIDENTIAL)(?: SECTION [0-9]{1,2} OF [0-9]{1,2})? [A-Z][A-Z ]{1,30} [0-9]{3,6}"
)


def _damaged_banner(cable: Cable, before: int) -> tuple[int, int] | None:
    """The span of the last banner-like line before ``before`` (the first head field)."""
    found = None
    for m in _DAMAGED_BANNER.finditer(cable.text, 0, before):
        found = m
    return found.span() if found is not None else None


def _strict_severity(cable: Cable, emit: Emitter) -> Severity | None:
    """ERROR in strict mode for cables from 2003 on, else the rule's default."""
    day = cable_day(cable)
    if emit.ctx.strict and day is not None and day >= _STRICT_SINCE:
        return Severity.ERROR
    return None


@rule("B001", "banner-missing", Severity.ERROR)
def banner_missing(cable: Cable, emit: Emitter) -> None:
    """The cable has no classification banner line.

    The banner (``C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443``) gives the cable's
    classification, office and serial; it is mandatory, even in partial extracts.  A banner
    line that is there but cannot be read (``O N F I D E N T I A L BAGHDAD 000290``, ``SECTION
    02 OF 03QRIPOLI 000583``) is reported where it stands; a complete one run into other text
    or spaced apart (``12:11S E C R E T SECTION 01 OF 03 BAKU 000478``) is a warning.

    Fails:
        E.O. 12958: DECL: 06/02/2019
        TAGS: PGOV PREL AJ
        SUBJECT: TEST

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        TAGS: PGOV PREL AJ
        SUBJECT: TEST
    """
    if cable.body.banner is not None or _x010(cable) or cable.page_kind == "annotated":
        return  # an annotated excerpt is a body without its head: K007 says so
    if _headless(cable):
        emit(_anchor(cable), "expected a banner (classification office serial) and the head "
             "fields, found neither: the text is a body without its head",
             hint="the E.O., TAGS and SUBJECT checks are skipped for such a text")
        return
    anchor = _anchor(cable)
    start = anchor[0] if isinstance(anchor, tuple) else anchor.span.start
    damaged = _damaged_banner(cable, start)
    if damaged is not None:
        found = cable.text[damaged[0] : damaged[1]]
        if _COMPLETE_BANNER.fullmatch(" ".join(found.split())):
            emit(damaged, "expected a banner (classification office serial) on a line of its "
                 f"own, found a complete one run into other text or spaced apart: "
                 f"{found[:60]!r}", hint="its classification, office and serial are there",
                 severity=Severity.WARNING)
            return
        emit(damaged, f"expected a banner (classification office serial), found one that "
             f"cannot be read: {found[:60]!r}",
             hint="a letter, a space or a line break in or around it is lost")
        return
    emit(anchor, "expected a banner (classification office serial) before the head "
         "fields, found none", hint="e.g. C O N F I D E N T I A L BAKU 000443")


@rule("B002", "banner-mixed-case", Severity.WARNING)
def banner_mixed_case(cable: Cable, emit: Emitter) -> None:
    """The banner line is not written in capitals.

    Banners are upper case (``SECRET NAIROBI 001938``); ``S e c r e t nairobi 001938`` is a
    re-typed or press-extracted banner.

    Fails:
        S e c r e t nairobi 001938

    Passes:
        S E C R E T NAIROBI 001938
    """
    banner = cable.body.banner
    if banner is None or banner.raw == banner.raw.upper():
        return
    emit(banner, f"expected the banner in capitals, found {banner.raw.strip()!r}",
         hint=f"write {banner.raw.strip().upper()}")


@rule("B003", "eo-missing", Severity.ERROR)
def eo_missing(cable: Cable, emit: Emitter) -> None:
    """The cable has no E.O. (declassification) line.

    From June 1972 (E.O. 11652) every cable states the executive order and its
    declassification (``E.O. 12958: DECL: 06/02/2019``, ``E.O. 12958: N/A``).  Older cables
    and partial extracts are not checked.

    Fails:
        C O N F I D E N T I A L BAKU 000443

        TAGS: PGOV PREL AJ
        SUBJECT: TEST

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        TAGS: PGOV PREL AJ
        SUBJECT: TEST
    """
    body = cable.body
    if body.eo is not None or cable.cut_short or _x010(cable) or _headless(cable):
        return
    day = cable_day(cable)
    if day is not None and day < _EO_SINCE:
        return
    emit(_anchor(cable), "expected a declassification line (E.O. 12958: DECL: ... or N/A), "
         "found none",
         hint="add the E.O. line after the captions")


@rule("B004", "eo-malformed", Severity.WARNING)
def eo_malformed(cable: Cable, emit: Emitter) -> None:
    """The declassification line (E.O.) names an unknown order or a non-standard value.

    The order is one of 11652, 12065, 12356, 12958, 13292, 13526; the value is N/A, a date
    MM/DD/YYYY, an exemption (X1, 1.6X1, 25X1) or a schedule (OADR, GDS).  A mistyped order
    (``E.O. 1295``), a date in year-first order (``2020/02/23``) or free text (``after
    korean unification``) cannot be read reliably; a known order after a stray colon or
    space (``E.O.: 12958:``) is no missing order, ``N.A.`` is N/A.  Two values are no
    declassification field: the release review's stamp (``E.O. 12958: AS AMENDED;
    DECLASSIFIED JUNE 21, 2006``) and a TAGS field run into the line when the newlines were
    stripped (``N/ATAGS: PGOV``: only ``N/A`` is the value).

    Fails:
        UNCLAS BAKU 000443

        E.O. 1295: N/A
        SUBJECT: TEST

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        SUBJECT: TEST
    """
    eo = cable.body.eo
    if eo is None:
        return
    written = _order_written(eo.raw, eo.keyword) if eo.order is None else None
    if written is not None:  # the parser missed the order after a stray colon or space
        rest = written[1]
        if not _readable_decl(rest):
            emit(eo, "expected a declassification date (DECL), exemption or N/A, found "
                 f"{rest[:40]!r}",
                 hint="event-based declassification cannot be checked")
        return
    if eo.order is None:
        emit(eo, f"expected an executive order number after {eo.keyword}, found none",
             hint="e.g. E.O. 12958")
    elif eo.order not in g.EO_ORDERS:
        emit(eo, f"expected a known executive order ({', '.join(g.EO_ORDERS)}), found "
             f"{eo.order}", hint="check the order number (12958?)")
    if eo.decl_kind == "date-ymd":
        emit(eo, f"expected a declassification date (DECL) MM/DD/YYYY, found {eo.decl_raw}",
             hint="write the date month first")
    elif eo.decl_kind == "other" and not _stamp_or_glued(eo.decl_raw or "") and not (
            _readable_decl(eo.decl_raw or "")):
        emit(eo, f"expected a declassification date (DECL), exemption or N/A, found "
             f"{(eo.decl_raw or '')[:40]!r}",
             hint="event-based declassification cannot be checked")
    elif eo.decl_kind in (None, "missing") and not is_classified(
        cable.body.banner.classification if cable.body.banner else None
    ):
        emit(eo, "expected N/A or a declassification instruction (DECL) on the "
             "declassification line (E.O.), found none",
             hint="write E.O. 12958: N/A for an unclassified cable")


def _order_written(raw: str, keyword: str) -> tuple[str, str] | None:
    """The known order number written after the keyword in a form the parser does not read
    (``E.O.: 12958:``, ``E.O.  12958:``) and the value after it, or None."""
    m = _ORDER_AFTER.match(raw, len(keyword)) if raw.startswith(keyword) else None
    if m is None or m.group("order") not in g.EO_ORDERS:
        return None
    return m.group("order"), raw[m.end() :].strip(" \t\r\n:")


def _readable_decl(value: str) -> bool:
    """Whether an E.O. value is N/A, a DECL date, an exemption or a schedule."""
    decl = g.RE_DECL.match(value)
    value = (decl.group("value") if decl else value).strip().rstrip(".")
    return value.upper().replace(".", "").replace(" ", "") in ("N/A", "NA") or any(
        p.match(value) for p in (g.RE_DATE_MDY, g.RE_DECL_EXEMPT, g.RE_DECL_SCHEDULE))


def _stamp_or_glued(value: str) -> bool:
    """Whether an unreadable E.O. value is a release stamp or a well-formed value with a
    TAGS field run into it (``N/ATAGS: PGOV``)."""
    if _RELEASE_STAMP.match(value.strip()):
        return True
    glued = _GLUED_TAGS.search(value)
    if glued is None:
        return False
    head = value[: glued.start()].strip().upper()
    decl = g.RE_DECL.match(head)
    head = decl.group("value").strip() if decl else head
    return head in ("N/A", "NA") or g.RE_DATE_MDY.match(head) is not None


@rule("B005", "eo-variant", Severity.INFO)
def eo_variant(cable: Cable, emit: Emitter) -> None:
    """The declassification line (E.O.) differs in punctuation, spacing or case from the norm.

    Variants such as ``EO 12958 DECL:``, ``E.o. 12958: decl:`` or ``E.O. 12958:N/A`` are read
    correctly but are not the canonical form.

    Fails:
        UNCLAS BAKU 000443

        E.o. 12958: decl: 07/01/2034
        SUBJECT: TEST

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: DECL: 07/01/2034
        SUBJECT: TEST
    """
    eo = cable.body.eo
    if eo is None or eo.order is None or eo.decl_kind in (None, "missing"):
        return
    raw = " ".join(eo.raw.split())  # = re.sub(r"\s+", " ", raw.strip()): same whitespace
    if _EO_CANONICAL.match(raw):
        return
    emit(eo, f"expected the declassification line (E.O.) written E.O. {eo.order}: "
         f"{'N/A' if eo.decl_kind == 'na' else 'DECL: ...'}, found {raw[:50]!r}",
         hint="canonical form: E.O. 12958: DECL: MM/DD/YYYY")


@rule("B006", "tags-missing", Severity.WARNING)
def tags_missing(cable: Cable, emit: Emitter) -> None:
    """The cable has no TAGS line.

    TAGS are mandatory by Department rule (about 5% of the corpus lack them); an error in
    strict mode for cables from 2003 on.  Partial extracts are not checked, nor is a text
    whose newlines were stripped and whose E.O. line holds the TAGS (``N/ATAGS: PGOV``).

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        SUBJECT: TEST

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ
        SUBJECT: TEST
    """
    if cable.body.tags is not None or cable.cut_short or _x010(cable) or _headless(cable):
        return
    eo = cable.body.eo
    if eo is not None and _GLUED_TAGS.search(eo.raw):
        return  # the TAGS are there, run into the E.O. line (a parser misreading)
    emit(_anchor(cable), "expected a line of subject and country codes (TAGS), found none",
         hint="add TAGS: after the E.O. line",
         severity=_strict_severity(cable, emit))


@rule("B007", "tags-keyword-variant", Severity.WARNING)
def tags_keyword_variant(cable: Cable, emit: Emitter) -> None:
    """The keyword of the subject and country codes (TAGS) is not written ``TAGS:``.

    Variants (``Tags:``, ``TAGS`` without colon, ``TAGS,``, ``TAGES:``, ``TABS:``, ``TGS:``,
    ``AGS:``) are recognised, but each is a deviation from the format.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGES: PGOV PREL AJ

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ
    """
    tags = cable.body.tags
    if tags is None or tags.keyword == "TAGS:":
        return
    start = tags.span.start
    emit((start, start + len(tags.keyword)), f"expected the keyword TAGS: (subject and "
         f"country codes), found {tags.keyword.strip()!r}",
         hint="write TAGS:")


@rule("B008", "subject-missing", Severity.WARNING)
def subject_missing(cable: Cable, emit: Emitter) -> None:
    """The cable has no SUBJECT line.

    Every cable has a subject (8 Cablegate cables lack it); an error in strict mode for
    cables from 2003 on.  Partial extracts are not checked.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ
        SUBJECT: TEST
    """
    if cable.body.subject is not None or cable.cut_short or _x010(cable) or _headless(cable):
        return
    emit(_anchor(cable), "expected a SUBJECT line, found none",
         hint="add SUBJECT: after the TAGS line", severity=_strict_severity(cable, emit))


@rule("B009", "subject-keyword-variant", Severity.WARNING)
def subject_keyword_variant(cable: Cable, emit: Emitter) -> None:
    """The SUBJECT keyword is misspelt, has no colon or is missing.

    ``SUBJECT:`` (and the abbreviation ``SUBJ:``) is the keyword; ``UBJECT:`` or ``SUBJECT``
    without a colon are transcription errors.  A subject line without the keyword (after
    TAGS, before REF or Classified By, 09CAIRO544) is read as the subject and reported here.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        UBJECT: TEST

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        SUBJ: TEST
    """
    subject = cable.body.subject
    if subject is None:
        return
    kw = re.sub(r"\s+", "", subject.keyword).upper()
    if kw in ("SUBJECT:", "SUBJ:") or kw.rstrip(":").strip("X") == "" < kw:
        return  # (XXXXXXXXXXXX: the keyword was redacted, which B017 reports)
    if not kw:
        emit(subject, f"expected SUBJECT: before the subject, found "
             f"{subject.text[:40]!r} without it", hint="write SUBJECT:")
        return
    start = subject.span.start
    emit((start, start + len(subject.keyword)), f"expected SUBJECT:, found "
         f"{subject.keyword.strip()!r}", hint="write SUBJECT:")


@rule("B011", "classified-by-keyword-variant", Severity.WARNING)
def classified_by_keyword_variant(cable: Cable, emit: Emitter) -> None:
    """The Classified By keyword is misspelt or repeated.

    ``Classified By:`` (``CLASSIFIED BY:`` in older cables) introduces the authority;
    ``Classfied By:`` or ``Classified By: Classified by DCM ...`` are typing errors.

    Fails:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        Classified By: Classified by DCM Liz Dibble, reasons 1.4 (b,d).

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        Classified By: DCM Liz Dibble, reasons 1.4 (b,d).
    """
    cb = cable.body.classified_by
    if cb is None:
        return
    kw = re.sub(r"\s+", " ", cb.keyword.strip())
    start = cb.span.start
    if "CLASSFIED" in kw.upper():
        emit((start, start + len(cb.keyword)), f"expected Classified By:, found {kw!r}",
             hint="write Classified By:")
    elif _REPEATED_KW.match(cb.text) or (
        not cb.text.strip()
        and _REPEATED_KW.match(cable_text(cable)[cb.span.end : cb.span.end + 80])
    ):
        emit(cb, f"expected the Classified By keyword once, found it repeated: "
             f"{cb.raw.strip()[:50]!r}", hint="remove the repeated keyword")


@rule("B018", "head-field-order", Severity.WARNING)
def head_field_order(cable: Cable, emit: Emitter) -> None:
    """The subject and country codes (TAGS) or Classified By come before the E.O. line.

    The head fields stand in the order E.O., TAGS, SUBJECT, REF, Classified By; TAGS before
    E.O. (04ABUDHABI1445) or Classified By before E.O. is a re-ordered head (the fields are
    read all the same).

    Fails:
        UNCLAS BAKU 000443

        TAGS: PGOV PREL AJ
        E.O. 12958: N/A
        SUBJECT: TEST

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ
        SUBJECT: TEST
    """
    body = cable.body
    if body.eo is None:
        return
    if body.tags is not None and body.tags.span.start < body.eo.span.start:
        emit(body.tags, "expected the subject and country codes (TAGS) after the declassification "
         "line (E.O.), found them before",
             hint="order: E.O., TAGS, SUBJECT, REF, Classified By")
    cb = body.classified_by
    if cb is not None and cb.span.start < body.eo.span.start:
        emit(cb, "expected Classified By after the declassification line (E.O.), found it before",
             hint="order: E.O., TAGS, SUBJECT, REF, Classified By")


@rule("B019", "head-field-truncated", Severity.WARNING)
def head_field_truncated(cable: Cable, emit: Emitter) -> None:
    """A head field (SUBJECT, REF, Classified By) ends in an ellipsis: it was truncated.

    ``SUBJECT: RUSSIAN SCIEN...`` lost the end of the subject (07MOSCOW1704); preview pages
    cut ``Classified By: Political Counselor, John S. Cream...`` (06BOGOTA8663) and REF
    lists the same way.  One diagnostic per truncated field.

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: RUSSIAN SCIEN...

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: RUSSIAN SCIENTISTS
    """
    body = cable.body
    subject = body.subject
    if subject is not None and truncated(subject.text):
        emit(subject, f"expected a complete subject, found one ending in "
             f"{subject.text.rstrip()[-20:]!r}", hint="the subject was truncated")
    for name, fld in (("REF", body.refs), ("Classified By", body.classified_by)):
        if fld is not None and truncated(fld.raw):
            emit(fld, f"expected a complete {name} field, found one ending in "
                 f"{fld.raw.rstrip()[-20:]!r}", hint=f"the {name} field was truncated")


def truncated(text: str) -> bool:
    """Does a field's text end in an ellipsis (``...`` or the one-character form)?"""
    return text.rstrip().endswith(("...", "\u2026"))
