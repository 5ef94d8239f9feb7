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
    sipdis_places,
)
from cableformat.rules.registry import Emitter, rule

_EO_SINCE = date(1972, 6, 1)
_STRICT_SINCE = date(2003, 1, 1)
_EO_CANONICAL = re.compile(r"^E\.O\. \d{5}: +(?:N/A|DECL: +\S.*)$", re.S)
_CLASSIFIED_KW = re.compile(r"^(?:Classified By|CLASSIFIED BY):?$")
_REPEATED_KW = re.compile(r"^\s*(?:\d+\.\s*(?:\([A-Z/]+\)\s*)?)?CLASS?I?F?I?ED\s+BY\b", re.I)
_DOTTED_SUB = re.compile(r"^\s*\d{1,3}\s?\.\s?(?:[A-Za-z]|\d{1,2})\s?\.")  # 28.B. / 2.1.
_SUB_NUMBER = re.compile(r"^(?P<n>\d+)(?P<sub>[A-Za-z]?)$")
_BAD_PORTION = re.compile(
    r"^\s*\d{1,3}[A-Za-z]?\s?\.\s*(?P<mark>(?:U|C|S|SBU|TS|LOU)(?:/{1,2}[A-Z]+)?\))"
)
_BEGIN_WORD = {
    "SUMMARY": re.compile(r"(?<![A-Z])(?<!END )(?<!END)SUMMARY\b", re.I),
    "COMMENT": re.compile(r"(?<![A-Z])(?<!END )(?<!END)COMMENT\b", re.I),
}
_UNBALANCED = ("SUMMARY", "COMMENT")
_MARKUP = re.compile(r"<[^<>\n]{0,300}>")
_LETTER = re.compile(r"[A-Za-z]")
_CABLE_ENDS = re.compile(r"^=+\s*CABLE ENDS\s*=+$")
_NAME_LINE = re.compile(
    r"^(?:(?:van|von|de|del|da|di|le|la)\s)?[A-Z][A-Za-z'\-]{1,30}"
    r"(?:\s[A-Za-z][A-Za-z'\-]{1,30}){0,2}\s*\.?#*$"
)
_GLUED_SIGNATURE = re.compile(
    r"(?:[.!?\"\u201d)/]\s|\s\s)\s*(?P<name>[A-Z][A-Za-z'\-]{1,30}(?:\s[A-Z][A-Za-z'\-]{1,30})?)\s*\.?#*\s*"
    r"(?:<[^<>\n]{0,300}>\s*)*$"
    r"|\s(?P<caps>[A-Z][A-Z'\-]{2,30})\s*(?:<[^<>\n]{0,300}>\s*)*$"
)
_NOT_NAMES = frozenset({"END", "END COMMENT", "END SUMMARY", "COMMENT", "SUMMARY", "UNQUOTE",
                        "SIPDIS", "NNNN", "END TEXT", "TEXT"})
_TEXT_KINDS = frozenset({"paragraph", "text", "heading", "signature"})


def _x010(cable: Cable) -> bool:
    return any(issue.code == "X010" for issue in cable.syntax)


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
    classification, office and serial; it is mandatory, even in partial extracts.

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
    if cable.body.banner is not None or _x010(cable):
        return
    emit(_anchor(cable), "expected a banner (classification office serial) before the head "
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
    if body.eo is not None or cable.partial or _x010(cable):
        return
    day = cable_day(cable)
    if day is not None and day < _EO_SINCE:
        return
    emit(_anchor(cable), "expected an E.O. line (E.O. 12958: DECL: ... or N/A), found none",
         hint="add the E.O. line after the captions")


@rule("B004", "eo-malformed", Severity.WARNING)
def eo_malformed(cable: Cable, emit: Emitter) -> None:
    """The E.O. line names an unknown order or has a non-standard declassification value.

    The order is one of 11652, 12065, 12356, 12958, 13292, 13526; the value is N/A, a date
    MM/DD/YYYY, an exemption (X1, 1.6X1, 25X1) or a schedule (OADR, GDS).  A mistyped order
    (``E.O. 1295``), a date in year-first order (``2020/02/23``) or free text (``after
    korean unification``) cannot be read reliably.

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
    if eo.order is None:
        emit(eo, f"expected an executive order number after {eo.keyword}, found none",
             hint="e.g. E.O. 12958")
    elif eo.order not in g.EO_ORDERS:
        emit(eo, f"expected a known executive order ({', '.join(g.EO_ORDERS)}), found "
             f"{eo.order}", hint="check the order number (12958?)")
    if eo.decl_kind == "date-ymd":
        emit(eo, f"expected DECL date MM/DD/YYYY, found {eo.decl_raw}",
             hint="write the date month first")
    elif eo.decl_kind == "other":
        emit(eo, f"expected DECL date, exemption or N/A, found {(eo.decl_raw or '')[:40]!r}",
             hint="event-based declassification cannot be checked")
    elif eo.decl_kind in (None, "missing") and not is_classified(
        cable.body.banner.classification if cable.body.banner else None
    ):
        emit(eo, "expected N/A or DECL value on the E.O. line, found none",
             hint="write E.O. 12958: N/A for an unclassified cable")


@rule("B005", "eo-variant", Severity.INFO)
def eo_variant(cable: Cable, emit: Emitter) -> None:
    """The E.O. line deviates in punctuation, spacing or case from ``E.O. 12958: DECL: ...``.

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
    raw = re.sub(r"\s+", " ", eo.raw.strip())
    if _EO_CANONICAL.match(raw):
        return
    emit(eo, f"expected E.O. {eo.order}: {'N/A' if eo.decl_kind == 'na' else 'DECL: ...'}, "
         f"found {raw[:50]!r}", hint="canonical form: E.O. 12958: DECL: MM/DD/YYYY")


@rule("B006", "tags-missing", Severity.WARNING)
def tags_missing(cable: Cable, emit: Emitter) -> None:
    """The cable has no TAGS line.

    TAGS are mandatory by Department rule (about 5% of the corpus lack them); an error in
    strict mode for cables from 2003 on.  Partial extracts are not checked.

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
    if cable.body.tags is not None or cable.partial or _x010(cable):
        return
    emit(_anchor(cable), "expected a TAGS line, found none", hint="add TAGS: after the E.O. line",
         severity=_strict_severity(cable, emit))


@rule("B007", "tags-keyword-variant", Severity.WARNING)
def tags_keyword_variant(cable: Cable, emit: Emitter) -> None:
    """The TAGS keyword is not written ``TAGS:``.

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
    emit((start, start + len(tags.keyword)), f"expected TAGS:, found {tags.keyword.strip()!r}",
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
    if cable.body.subject is not None or cable.partial or _x010(cable):
        return
    emit(_anchor(cable), "expected a SUBJECT line, found none",
         hint="add SUBJECT: after the TAGS line", severity=_strict_severity(cable, emit))


@rule("B009", "subject-keyword-variant", Severity.WARNING)
def subject_keyword_variant(cable: Cable, emit: Emitter) -> None:
    """The SUBJECT keyword is misspelt or has no colon.

    ``SUBJECT:`` (and the abbreviation ``SUBJ:``) is the keyword; ``UBJECT:`` or ``SUBJECT``
    without a colon are transcription errors.

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
    if kw in ("SUBJECT:", "SUBJ:"):
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


@rule("B012", "paragraph-numbering", Severity.WARNING)
def paragraph_numbering(cable: Cable, emit: Emitter) -> None:
    """Paragraph numbers are not 1, 2, 3 ... in order.

    Numbered paragraphs count up from 1 without gaps or repeats; sub-numbers (``2a.``) stay
    with their paragraph.  A numbering that restarts at 1 (a quoted cable, a list) is
    accepted.  A gap or a repeat is often a lost or duplicated paragraph.

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. Text.

        3. More text.

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. Text.

        2. More text.

        2a. Sub-paragraph.
    """
    if cable.line_structure_lost:
        return  # paragraph starts cannot be told from wrapped text without newlines
    last = 0
    for para in cable.body.paragraphs:
        m = _SUB_NUMBER.match(para.number or "")
        if m is None:
            continue
        n = int(m.group("n"))
        if m.group("sub") or _DOTTED_SUB.match(para.raw):
            if n in (last, last + 1):
                last = n
                continue
        elif n == last + 1 or n == 1:
            last = n
            continue
        expected = f"{last + 1}" if not m.group("sub") else f"{last}x or {last + 1}x"
        emit((para.span.start, para.span.start + len(para.number or "") + 1),
             f"expected paragraph {expected}, found {para.number}",
             hint="a paragraph may be missing or duplicated")
        last = n


@rule("B013", "portion-mark-malformed", Severity.WARNING)
def portion_mark_malformed(cable: Cable, emit: Emitter) -> None:
    """A paragraph's portion mark is malformed or unknown.

    A portion mark is a level in parentheses right after the paragraph number: ``(U)``,
    ``(SBU)``, ``(C)``, ``(S//NF)``.  ``1. C) text`` lost its opening parenthesis; marks such
    as ``(CC)`` are not portion marks of the format.

    Fails:
        C O N F I D E N T I A L BAKU 000443

        SUBJECT: TEST

        1. C) Text.

    Passes:
        C O N F I D E N T I A L BAKU 000443

        SUBJECT: TEST

        1. (C) Text.
    """
    text = cable_text(cable)
    for para in cable.body.paragraphs:
        if para.portion is not None:
            if not g.RE_PORTION_MARK.match(para.portion):
                at = text.find(f"({para.portion})", para.span.start, para.span.end)
                where = (at, at + len(para.portion) + 2) if at >= 0 else para
                emit(where, f"expected a portion mark such as (U), (C), (S//NF), found "
                     f"({para.portion})", hint="check the portion mark")
            continue
        line_end = text.find("\n", para.span.start)
        first = text[para.span.start : line_end if line_end >= 0 else para.span.end]
        m = _BAD_PORTION.match(first)
        if m:
            a = para.span.start + m.start("mark")
            emit((a, a + len(m.group("mark"))), f"expected a portion mark in parentheses, "
                 f"found {m.group('mark')}", hint=f"write ({m.group('mark')}")


@rule("B014", "summary-unbalanced", Severity.WARNING)
def summary_unbalanced(cable: Cable, emit: Emitter) -> None:
    """An END SUMMARY / END COMMENT has no start, or a summary/comment is never ended.

    Summaries and comments are bracketed: ``SUMMARY:`` or ``BEGIN SUMMARY`` ... ``END
    SUMMARY``; ``COMMENT:`` ... ``END COMMENT``.  An end marker without any start before it is
    a warning (text lost or misplaced); a start that is never ended is only informational,
    since many cables leave it open.

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. The talks went well. End summary.

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. Summary: The talks went well. End summary.
    """
    body = cable.body
    text = cable_text(cable)
    zone = body.banner.span.end if body.banner is not None else 0
    for name in _UNBALANCED:
        ends = sorted((m for m in body.markers if m.end and m.name == name),
                      key=lambda m: m.span.start)
        begins = sorted(
            [m.span.start for m in body.markers if not m.end and m.name == name]
            + [p.span.start for p in body.paragraphs if p.marker and name in p.marker.upper()]
        )
        prev = zone
        for end in ends:
            if not _BEGIN_WORD[name].search(text, prev, end.span.start):
                emit(end, f"expected {name} or BEGIN {name} before END {name}, found none",
                     hint=f"the {name.lower()} start may be lost")
            prev = end.span.end
        if begins and (not ends or ends[-1].span.start < begins[-1]):
            word = _BEGIN_WORD[name].search(text, begins[-1])
            b = word.start() if word else begins[-1]
            emit((b, b + len(name)), f"expected END {name} after this {name}, found none",
                 severity=Severity.INFO)


@rule("B015", "signature-missing", Severity.WARNING)
def signature_missing(cable: Cable, emit: Emitter) -> None:
    """The cable ends without a signature.

    The last text line is the sender's surname (``DERSE``; ``CLINTON`` for Department
    cables).  A cable without one is usually truncated.  Partial extracts are not checked.

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. The talks went well, and

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. The talks went well.
        DERSE
    """
    body = cable.body
    if (body.signature is not None or cable.partial or body.banner is None or _x010(cable)
            or cable.line_structure_lost):
        return
    last = None
    for line in cable.lines:
        content = _MARKUP.sub("", line.raw).strip().rstrip("\\").strip()
        if line.kind in ("paragraph", "text", "heading") and _LETTER.search(content):
            if _CABLE_ENDS.match(content):
                continue  # WikiLeaks end-of-cable rule line: trailer, not text
            last = line
    if last is None:
        return
    content = _MARKUP.sub("", last.raw).strip().rstrip("\\\" ").strip()
    if _NAME_LINE.match(content) and content.upper() not in _NOT_NAMES:
        return  # a signature line the parser's upper-case signature production missed
    text = last.raw.rstrip("\r\n")
    lead = len(text) - len(text.lstrip())
    glued = _GLUED_SIGNATURE.search(text)
    group = "name" if glued and glued.group("name") else "caps"
    if glued and glued.group(group).upper() not in _NOT_NAMES and glued.group(group).strip("X"):
        emit((last.start + glued.start(group), last.start + glued.end(group)),
             f"expected the signature on a line of its own, found {glued.group(group)!r} at "
             "the end of the last paragraph", hint="put the signature on its own line")
        return
    emit((last.start + lead, last.start + len(text.rstrip())),
         "expected a signature (sender's surname) after the text, found none",
         hint="the cable may be truncated")


@rule("B016", "sipdis-duplicated", Severity.INFO)
def sipdis_duplicated(cable: Cable, emit: Emitter) -> None:
    """The SIPDIS caption is given more than once in the head.

    ``SIPDIS\\n\\nSIPDIS`` or ``SIPDIS SIPDIS`` is a common duplication; one is enough.

    Fails:
        UNCLAS BAKU 000443

        SIPDIS

        SIPDIS

    Passes:
        UNCLAS BAKU 000443

        SIPDIS
    """
    places = sipdis_places(cable)
    for at in places[1:]:
        emit(at, "expected SIPDIS once, found it again", hint="drop the repeated SIPDIS")


@rule("B017", "redaction", Severity.INFO)
def redaction(cable: Cable, emit: Emitter) -> None:
    """Text was redacted (``XXXXXXXXXXXX``).

    The media partners and WikiLeaks replaced names of sources by runs of X; the redacted
    span is reported so that it is not mistaken for cable text.

    Fails:
        UNCLAS BAKU 000443

        1. XXXXXXXXXXXX told us.

    Passes:
        UNCLAS BAKU 000443

        1. The minister told us.
    """
    for span in cable.body.redactions:
        emit(span, f"redacted text ({span.end - span.start} X)")


@rule("B018", "head-field-order", Severity.WARNING)
def head_field_order(cable: Cable, emit: Emitter) -> None:
    """The TAGS line comes before the E.O. line.

    The head fields stand in the order E.O., TAGS, SUBJECT, REF, Classified By; TAGS before
    E.O. (04ABUDHABI1445) is a re-ordered head.

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
    if body.tags is None or body.eo is None:
        return
    if body.tags.span.start < body.eo.span.start:
        emit(body.tags, "expected TAGS after the E.O. line, found it before",
             hint="order: E.O., TAGS, SUBJECT, REF, Classified By")


@rule("B019", "subject-truncated", Severity.WARNING)
def subject_truncated(cable: Cable, emit: Emitter) -> None:
    """The SUBJECT ends in an ellipsis: it was truncated.

    ``SUBJECT: RUSSIAN SCIEN...`` lost the end of the subject (07MOSCOW1704).

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: RUSSIAN SCIEN...

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: RUSSIAN SCIENTISTS
    """
    subject = cable.body.subject
    if subject is None:
        return
    if subject.text.rstrip().endswith(("...", "\u2026")):
        emit(subject, f"expected a complete subject, found one ending in "
             f"{subject.text.rstrip()[-20:]!r}", hint="the subject was truncated")
