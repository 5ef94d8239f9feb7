"""Rules of the text family: paragraphs, portion marks, markers, signature, repeated SIPDIS
and redactions (spec 1.4.10, 1.4.11, 3.9, 3.10).
"""

from __future__ import annotations

import re

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable, Line, Paragraph, RawField
from cableformat.rules.body import (
    _x010,
)
from cableformat.rules.classification import cable_text, sipdis_places
from cableformat.rules.registry import Emitter, rule

_DOTTED_SUB = re.compile(r"^\s*[0-9]{1,3}\s?\.\s?(?:[A-Za-z]|[0-9]{1,2})\s?\.")  # 28.B. / 2.1.


# The first sub-number of a paragraph (``27.A.``, ``27.a.``, ``4.1.``)
_FIRST_SUB = re.compile(r"^\s*[0-9]{1,3}\s?\.\s?[Aa1]\s?\.")
_SUB_NUMBER = re.compile(r"^(?P<n>[0-9]+)(?P<sub>[A-Za-z]?)$")


_BAD_PORTION = re.compile(
    r"^\s*[0-9]{1,3}[A-Za-z]?\s?\.\s*(?P<mark>(?:U|C|S|SBU|TS|LOU)(?:/{1,2}[A-Z]+)?\))"
)


_BEGIN_WORD = {
    "SUMMARY": re.compile(r"(?<![A-Z])(?<!END )(?<!END)SUMMARY\b", re.I),
    "COMMENT": re.compile(r"(?<![A-Z])(?<!END )(?<!END)COMMENT\b", re.I),
}


_UNBALANCED = ("SUMMARY", "COMMENT")


_CABLE_ENDS = re.compile(r"^=+\s*CABLE ENDS\s*=+$")
# Lines after the signature that are not cable text: the end-of-message NNNN (with the
# mirrors' "NNNN  2005ROME01593 - Classification: SECRET") and the release review stamp of
# declassified cables ("Declassified/Released US Department of State EO / Systematic Review")
_TRAILER = re.compile(
    r"^(?:NNNN\b|Declassified/Released\s+US\s+Department\s+of\s+State\b"
    r"|Systematic\s+Review\s+[0-9]{1,2}\s+[A-Z]{3}\s+[0-9]{4}$)"
)
# A post's quoted notice after the signature, perhaps wrapped over two lines (the unquoted
# London form stands before the signature and is left alone): ``"Visit
# Ankara's Classified Web Site at http://www.intelink.s / gov.gov/wiki/Portal:Turkey"``
_WEBSITE_TRAILER = re.compile(
    r"\"Visit [^\n\"]{1,60}Classified Web ?[Ss]ite[^\"<]{0,200}\"\s*(?:<[^<>\n]{0,300}>\s*)*$"
)
# A continuation header run into a reflowed paragraph: ``CAIRO 00002129 003 OF 003``
_GLUED_CONTINUATION = re.compile(
    r"\s[A-Z][A-Z ]{1,25}\s[0-9]{8}\s+[0-9]{3}(?:\.[0-9])?\s+OF\s+[0-9]{3}(?=\s)"
)
# A mirror's date stamp after the surname on the signature line: ``McGEE 0 11/30/2007``
_SIGNATURE_STAMP = re.compile(r"\s+0\s+[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$")
_LETTER = re.compile(r"[A-Za-z]")


# Deliberately more lenient than the parser's signature production (grammar.RE_SIGNATURE):
# B015 asks whether the text *ends like* a signature, the parser which line *is* one.  Giving
# the production this pattern's particles and third word was measured over the corpus: the
# parser then took "End Cable Text", "SENSITIVE BUT UNCLASSIFIED" and "CORRECTION TO FOLLOW"
# for signatures in 26 cables, so the two stay apart.
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


@rule("B012", "paragraph-numbering", Severity.WARNING)
def paragraph_numbering(cable: Cable, emit: Emitter) -> None:
    """Paragraph numbers are not 1, 2, 3 ... in order.

    Numbered paragraphs count up from 1 without gaps or repeats; sub-numbers (``2a.``) stay
    with their paragraph.  A numbering that restarts at 1 (a quoted cable, a letter, a list)
    is accepted, and so is the text's own numbering going on after it.  The first number may
    be above 1 when unnumbered or redacted text, or a ``1.`` glued into a head field, comes
    before it.  A gap is no fault where a range number (``4-12.``) holds the missing
    numbers, where they stand at line starts in a form the parser does not take for a
    paragraph number (``3.. (SBU)``, ``4  An increase``), where a redaction ends the
    paragraph before or stands between (the redacted paragraphs' numbers went with them),
    or after a paragraph announcing a quoted text (``Begin text``: it keeps its own
    numbers).  Replies keyed to a reference's paragraphs (``27.A.``, ``27.B.``, ``28.A.``)
    are a numbering of their own, and a number whose first digits a wrap left at the end of
    the paragraph before (``... 1`` / ``0.``) is read whole.  In a form-like text whose
    unmarked list items are numbered too (``1. PSS (40) (35)``), the portion-marked
    paragraphs alone are read as the numbering when that reading has fewer breaks.  A gap or
    a repeat is often a lost or duplicated paragraph.

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
    paras = cable.body.paragraphs
    findings = _numbering_findings(cable, paras)
    marked = [para for para in paras if para.portion is not None]
    if findings and len(marked) >= 2 and len(paras) - len(marked) >= 2:
        # a form-like text numbers its unmarked list items too (``1. PSS (40) (35)``): the
        # reading of the marked paragraphs alone is the other one; the one with fewer gaps
        # and repeats is the cable's numbering
        alternative = _numbering_findings(cable, marked)
        if len(alternative) < len(findings):
            findings = alternative
    for where, message in findings:
        emit(where, message, hint="a paragraph may be missing or duplicated")


def _numbering_findings(cable: Cable, paras: list[Paragraph]) -> list[tuple[tuple[int, int],
                                                                         str]]:
    """(span, message) of each break in the numbering of ``paras``."""
    findings: list[tuple[tuple[int, int], str]] = []
    # a text whose first paragraphs are not in the numbering (an extract, a first paragraph
    # glued to a head field, left unnumbered or redacted) may start above 1
    last = _numbering_start(cable, paras[0]) if paras else 0
    outer: list[int] = []  # numbering(s) left for an embedded one restarting at 1
    prev = None  # the paragraph before, in the numbering
    for para in paras:
        number = para.number or ""
        if number.isdigit() and number.isascii():  # plain "12" (most): _SUB_NUMBER's answer
            n, sub = int(number), ""
        else:
            m = _SUB_NUMBER.match(number)
            if m is None:
                continue
            n, sub = int(m.group("n")), m.group("sub")
        before, prev = prev, para
        if not sub and n == last + 1:
            last = n  # the next number: accepted by either branch below, whatever the raw
            continue
        if not sub and before is not None and _split_number(before.text, number, last + 1):
            last += 1  # "... PKO/HAITI --- 1" / "0. (C) ...": number 10 split over two lines
            continue
        dotted = bool(sub) or _DOTTED_SUB.match(para.raw) is not None
        if dotted and n in (last, last + 1):
            last = n
            continue
        if dotted and n > last + 1 and _FIRST_SUB.match(para.raw):
            outer.append(last)  # replies keyed to the numbers of a reference: 27.A. 27.B.
            last = n
            continue
        level = _outer_level(outer, n, dotted)
        if level >= 0:
            del outer[level:]  # the text goes on after an embedded document's own numbering
            last = n
            continue
        if not dotted and n == 1:
            if last:
                outer.append(last)  # a quoted letter or list numbers its own paragraphs
            last = n
            continue
        if before is not None and n > last + 1:
            gap = _gap_filler(cable.text, before, para, last + 1, n - 1)
            if gap == "embedded":
                outer.append(last)  # an embedded document keeps its own numbers (42-47)
            if gap:
                last = n
                continue
        expected = f"{last + 1}" if not sub else f"{last}x or {last + 1}x"
        findings.append(((para.span.start, para.span.start + len(para.number or "") + 1),
                         f"expected paragraph {expected}, found {para.number}"))
        last = n
    return findings


def _split_number(before: str, number: str, want: int) -> bool:
    """Whether paragraph number ``number`` is the end of number ``want`` whose first digits
    end the text of the paragraph before (``... Haiti 1`` / ``0. (C) ...``)."""
    head = before[before.rfind(" ") + 1 :]
    return head.isdigit() and head + number == str(want)


def _outer_level(outer: list[int], n: int, sub: bool) -> int:
    """Index of the outer numbering (left for an embedded one) that number ``n`` goes on
    with (a sub-number ``2C.`` also stays with paragraph 2), or -1."""
    for level in range(len(outer) - 1, -1, -1):
        if n == outer[level] + 1 or (sub and n == outer[level]):
            return level
    return -1


# A paragraph numbered as a range (``4-12. (U) Official data ...``) at a line start
_RANGE_NUMBER = re.compile(r"^[ \t]*(?P<a>[0-9]{1,3}) ?[-\u2013] ?(?P<b>[0-9]{1,3}) ?\.", re.M)
# Words announcing a quoted document (which keeps its own paragraph numbers)
_EMBEDDED = re.compile(r"\bBEGIN\s+(?:TEXT|QUOTE)\b|\bTEXT\s+FOLLOWS\b|\bQUOTE\s*:")
# A paragraph number at a line start that the parser did not take for one: ``3.. (SBU)``,
# ``4  An increase``, ``3 (S) ISI``
_MISSED_NUMBER = re.compile(
    r"^[ \t]*(?:<a [^<>\n]{0,80}>[^<>\n]{0,2}</a>)?(?P<n>[0-9]{1,3})"
    r"(?:\.\.|[ \t]{2,}(?=[A-Z(])|[ \t]?\.?[ \t]?\((?:U|C|S|SBU|TS)\b)",
    re.M,
)
# What a redaction leaves: ``XXXXXXXXXXXX``, ``[SOURCE REMOVED]``
_REDACTED = ("XXXXXX", "REMOVED]")


def _gap_filler(text: str, before: Paragraph, para: Paragraph, a: int, b: int) -> str:
    """Why the numbers ``a``..``b`` missing between paragraphs ``before`` and ``para`` are
    no lost paragraphs, or "": a paragraph numbered as their range (``4-12.``); a redaction
    at the end of the paragraph before or between the two (the redacted paragraphs'
    numbers went with them); a quoted document announced in the paragraph before
    ("embedded": it keeps its own numbers, the text's go on after it)."""
    stretch = text[before.span.start : para.span.start]
    for m in _RANGE_NUMBER.finditer(stretch):
        if int(m.group("a")) == a and int(m.group("b")) == b:
            return "range"
    written = {int(m.group("n")) for m in _MISSED_NUMBER.finditer(stretch)}
    if written.issuperset(range(a, b + 1)):
        return "misread"  # the paragraphs are there, numbered in a form the parser missed
    end = before.span.end - before.span.start  # the last line of the paragraph before on
    tail = stretch[max(stretch.rfind("\n", 0, max(0, end)) + 1, end - 200) :]
    if any(mark in tail for mark in _REDACTED):
        return "redacted"
    if _EMBEDDED.search(before.text[-300:].upper()):
        return "embedded"
    return ""


_GLUED_FIRST = re.compile(r"(?<![0-9.])1\s?\.\s?(?:\(|[A-Z])")


def _numbering_start(cable: Cable, first: Paragraph) -> int:
    """The number before the first paragraph's that B012 expects: 0 (the text starts at 1),
    or one below the first paragraph's number when text stands before it that may hold the
    paragraphs left out of the numbering: a partial extract, a ``1.`` glued into a head
    field, unnumbered text lines or a redaction."""
    number = first.number or ""
    if not number.isdigit() or int(number) <= 1:
        return 0
    if cable.cut_short:
        return int(number) - 1
    banner = cable.body.banner
    start = banner.span.end if banner is not None else 0
    before = cable.text[start : first.span.start]
    if _GLUED_FIRST.search(before) or "XXXXXX" in before:
        return int(number) - 1
    starts, kinds = cable.line_starts, cable.line_kinds
    for i in range(len(starts) - 1, -1, -1):
        if starts[i] >= first.span.start:
            continue
        if starts[i] < start:
            break
        if kinds[i] == "text" and _LETTER.search(cable.text[starts[i] : starts[i] + 80]):
            return int(number) - 1
    return 0


@rule("B013", "portion-mark-malformed", Severity.WARNING)
def portion_mark_malformed(cable: Cable, emit: Emitter) -> None:
    """A paragraph's portion mark is malformed or unknown.

    A portion mark is a level in parentheses right after the paragraph number: ``(U)``,
    ``(SBU)``, ``(C)``, ``(S//NF)``.  ``1. C) text`` lost its opening parenthesis; marks such
    as ``(CC)`` are not portion marks of the format.  A mark repeated on several paragraphs
    is reported once, with the count of the others.

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
    found: dict[str, list[tuple[int, int] | RawField]] = {}  # mark as written -> its places
    for para in cable.body.paragraphs:
        if para.portion is not None:
            if not g.RE_PORTION_MARK.match(para.portion):
                at = text.find(f"({para.portion})", para.span.start, para.span.end)
                where = (at, at + len(para.portion) + 2) if at >= 0 else para
                found.setdefault(f"({para.portion})", []).append(where)
            continue
        line_end = text.find("\n", para.span.start)
        first = text[para.span.start : line_end if line_end >= 0 else para.span.end]
        m = _BAD_PORTION.match(first)
        if m:
            a = para.span.start + m.start("mark")
            found.setdefault(m.group("mark"), []).append((a, a + len(m.group("mark"))))
    for mark, places in found.items():  # one finding per mark: a habit is one misreading
        more = f" (and {len(places) - 1} more paragraphs)" if len(places) > 1 else ""
        if mark.startswith("("):
            emit(places[0], f"expected a paragraph classification mark (portion mark) such "
                 f"as (U), (C), (S//NF), found {mark}{more}", hint="check the portion mark")
        else:
            emit(places[0], f"expected a paragraph classification mark (portion mark) in "
                 f"parentheses, found {mark}{more}",
                 hint=f"write ({mark}")


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
    if not body.markers and not any(p.marker for p in body.paragraphs):
        return
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
            if _begin_word(text, name, prev, end.span.start) < 0:
                emit(end, f"expected {name} or BEGIN {name} before END {name}, found none",
                     hint=f"the {name.lower()} start may be lost")
            prev = end.span.end
        if begins and (not ends or ends[-1].span.start < begins[-1]):
            b = _begin_word(text, name, begins[-1], len(text))
            b = b if b >= 0 else begins[-1]
            emit((b, b + len(name)), f"expected END {name} after this {name}, found none",
                 severity=Severity.INFO)


def _begin_word(text: str, name: str, start: int, end: int) -> int:
    """Offset of the first begin word ``name`` in ``text[start:end]`` (see ``_BEGIN_WORD``).

    A plain ``find`` in the upper-cased stretch, then the pattern's checks at each hit:
    a case-blind regex scan would try every offset.
    """
    pattern = _BEGIN_WORD[name]
    upper = text[start:end].upper()
    if len(upper) != end - start:  # a character whose upper case is longer: offsets move
        m = pattern.search(text, start, end)
        return m.start() if m else -1
    i = upper.find(name)
    while i >= 0:
        if pattern.match(text, start + i, end):
            return start + i
        i = upper.find(name, i + 1)
    return -1


@rule("B015", "signature-missing", Severity.WARNING)
def signature_missing(cable: Cable, emit: Emitter) -> None:
    """The cable ends without a signature.

    The last text line is the sender's surname (``DERSE``; ``CLINTON`` for Department
    cables).  A cable without one is usually truncated.  Partial extracts are not checked;
    trailers after the signature (``NNNN``, a release review stamp ``Declassified/Released
    US Department of State EO Systematic Review 05 JUL 2006``, a post's ``"Visit ...
    Classified Web Site ..."`` notice, a mirror's date stamp ``McGEE 0 11/30/2007``) are
    not text.

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
    if (body.signature is not None or cable.cut_short or body.banner is None or _x010(cable)
            or cable.line_structure_lost):
        return
    last = _last_text_line(cable)
    if last is None:
        return
    content = g.RE_HTML_TAG.sub("", last.raw).strip().rstrip("\\\" ").strip()
    content = _SIGNATURE_STAMP.sub("", content)
    if _NAME_LINE.match(content) and content.upper() not in _NOT_NAMES:
        return  # a signature line the parser's upper-case signature production missed
    text = last.raw.rstrip("\r\n")
    lead = len(text) - len(text.lstrip())
    # a continuation header run into the last paragraph hides the glued surname after it
    glued = _GLUED_SIGNATURE.search(_GLUED_CONTINUATION.sub(lambda m: " " * len(m[0]), text))
    group = "name" if glued and glued.group("name") else "caps"
    if glued and glued.group(group).upper() not in _NOT_NAMES and glued.group(group).strip("X"):
        emit((last.start + glued.start(group), last.start + glued.end(group)),
             f"expected the signature on a line of its own, found {glued.group(group)!r} at "
             "the end of the last paragraph", hint="put the signature on its own line")
        return
    emit((last.start + lead, last.start + len(text.rstrip())),
         "expected a signature (sender's surname) after the text, found none",
         hint="the cable may be truncated")


def _last_text_line(cable: Cable) -> Line | None:
    """The last paragraph, text or heading line with a letter (WikiLeaks' end rule aside)."""
    text, starts, kinds = cable.text, cable.line_starts, cable.line_kinds
    tail_at = max(0, len(text) - 400)
    notice = _WEBSITE_TRAILER.search(text, tail_at)
    end = text.rfind("\n", 0, notice.start()) + 1 if notice is not None else len(text)
    for i in range(len(starts) - 1, -1, -1):  # from the end: the first hit is the last line
        if kinds[i] not in ("paragraph", "text", "heading") or starts[i] >= end:
            continue
        raw = text[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(text)]
        content = g.RE_HTML_TAG.sub("", raw).strip().rstrip("\\").strip()
        if _LETTER.search(content) and not _CABLE_ENDS.match(content) and not (
                _TRAILER.match(content)):
            return Line(kinds[i], raw, i + 1, starts[i])
    return None


def ends_with_caps_name(cable: Cable) -> bool:
    """Whether the last text line (trailers aside) is an upper-case name (``HELMS``): a
    signature line the parser's signature production may have missed."""
    last = _last_text_line(cable)
    if last is None:
        return False
    content = g.RE_HTML_TAG.sub("", last.raw).strip().rstrip("\\\" ").strip()
    return (content.isupper() and _NAME_LINE.match(content) is not None
            and content.rstrip(".#") not in _NOT_NAMES)


@rule("B030", "signature-glued", Severity.INFO)
def signature_glued(cable: Cable, emit: Emitter) -> None:
    """The signature is glued to the end of the last paragraph.

    The sender's surname stands on a line of its own after the text; press versions
    reflowed it into the last paragraph (``... he almost certainly would. CAULFIELD``).
    The parser still takes it as the signature (and out of the paragraph's text).

    Fails:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. The talks went well. DERSE

    Passes:
        UNCLAS BAKU 000443

        SUBJECT: TEST

        1. The talks went well.
        DERSE
    """
    sig = cable.body.signature
    if sig is None or cable.line_structure_lost:
        return  # without line ends every signature shares a line with the text
    text = cable.text
    line_start = text.rfind("\n", 0, sig.span.start) + 1
    if g.without_markup(text[line_start : sig.span.start]).strip():
        emit(sig, f"expected the signature on a line of its own, found {sig.raw!r} at the end "
             "of the last paragraph", hint="put the signature on its own line")


@rule("B016", "sipdis-duplicated", Severity.INFO)
def sipdis_duplicated(cable: Cable, emit: Emitter) -> None:
    """The SIPRNet distribution caption (SIPDIS) is given more than once in the head.

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
        emit(at, "expected the SIPRNet distribution caption (SIPDIS) once, found it again",
             hint="drop the repeated SIPDIS")


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
