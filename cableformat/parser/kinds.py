"""Page kinds: what sort of page a cable was read from, found from facts of the parse.

A careful archivist names the page before reading it: an ordinary telegram page, a press
version whose lines were reflowed, a WikiLeaks partial extract, a truncated preview followed
by the full record, a page holding two cables, a page with wrapper lines (record rows,
datelines, ``Cable dated:``) before the banner, a PlusD page of the 1970s.  Each kind but
``ordinary`` gets one ``K`` diagnostic (:mod:`cableformat.rules.pages`) that says what it
is; the parser reads the page accordingly, so that one misreading gives one diagnostic.

Everything here is linear: one literal scan for the lines that may open a record, one
anchored match at each, one look at each line's length for reflowed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import compress
from operator import sub
from typing import Final

from cableformat import grammar as g
from cableformat.model import Body, Cable, SyntaxIssue, build
from cableformat.parser.lines import Doc
from cableformat.source import OffsetMap, Source

__all__ = ["KINDS", "PageFacts", "Record", "archival_copy", "cable_dated", "classify",
           "page_issue", "record_markers", "split_page"]

KINDS: Final = ("ordinary", "reflowed", "partial", "preview+record", "two-cables",
                "wrapper-lines", "plusd-1970s", "annotated", "other")
"""Every value of :attr:`cableformat.model.Cable.page_kind`."""

_ID = r"[0-9]{2}[A-Z][A-Z\-]{1,24}[0-9]{1,7}(?:_[a-z])?"
_DATE = (r"(?:[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}(?:\ [0-9]{1,2}:[0-9]{2})?"
         r"|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[\ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?)")
_DOTTED = r"[0-9]{2}\.[0-9]{2}\.[0-9]{4}(?:\ [0-9]{1,2}:[0-9]{2})?"
RE_RECORD: Final = re.compile(
    r"^(?:(?:refid|ORIGIN):[\ \t]*(?P<kv>" + _ID + r")[\ \t\r]*$"  # id:/date:/refid: keys
    + r"|\"?(?:[0-9]{1,7}[\t ,]+\"?)?" + _DATE                   # cables.csv row, pasted
    + r"\"?[\t ,]+\"?(?P<row>" + _ID + r")(?![0-9A-Za-z])"
    + r"|(?:" + _DATE + "|" + _DOTTED + r")[\ \t\r]*\n(?:[\ \t\r]*\n){0,2}"  # bare rows
    + r"[\ \t]*(?P<bare>" + _ID + r")[\ \t\r]*$)",
    re.M,
)
"""A record of the full-release data pasted into a page: the line naming its reference ID."""
_RECORD_HEADS: Final = frozenset('0123456789"rO')
_RECORD_HINT: Final = re.compile(
    r'\n(?=[0-9]{1,7}[\t ,]|[0-9]{1,2}/|[0-9]{4}-|[0-9]{2}\.[0-9]|"|refid:|ORIGIN:)'
)
"""A line that may open a record (what RE_RECORD can match first): a record id and a
separator, a date (``1/2/2009``, ``2009-01-12``, ``12.01.2009``), a quote, ``refid:`` or
``ORIGIN:``; not a paragraph number (``1. (C)``)."""
_RECORD_LEAD: Final = re.compile(
    r"[\ \t]*(?:(?:id|ID):[\ \t]*[0-9]{1,7}|(?:date|DATE):[^\n]{0,30}|<{0,2}[0-9]{1,7}>{0,2}"
    r"|NYT\ [A-Z]{2,10}:[^\n]*"
    r"|[0-9]{1,7}[\t ]+[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\b[^\n]*)[\ \t\r]*$"
)
"""Lines of a record before its reference ID: record id, date, a summary row."""
RE_WRAPPER_LINE: Final = re.compile(
    r"""\s*(?:
      Cable\ dated:                                         # press version's date line
    | <<[0-9]{1,7}>>                                        # record number
    | (?:ID|DATE|ORIGIN|SOURCE|CLASSIFICATION|MISC|DESTINATION|NYT\ [A-Z]{2,10}):
    | (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\ [0-9]{1,2}\ [A-Z][a-z]+\ [0-9]{4}  # dateline
    | (?:id|date|refid|origin|classification|destination|header):   # record keys
    | -{5,}\ header\ ends\ -{5,}
    | [0-9]{1,7}\s*$                                        # record id alone
    | [0-9]{4}-[0-9]{2}-[0-9]{2}\b                          # record date
    | [0-9]{1,7}[\t\ ,]+"?[0-9]{1,4}[/-][0-9]{1,2}[/-][0-9]{1,4}  # record row
    | "?\s*,\s*"                                            # CSV quote debris
    )""",
    re.X,
)
"""A wrapper line before the banner: dated lines, record rows and keys, CSV debris."""
RE_BANNER_LEAD: Final = re.compile(
    r"""\s*(?:Cable\ dated:\s?[0-9T:\-]{10,19})?[\]"',.\ 0-9]{1,12}(?=[UCSLT])""", re.X
)
"""Junk glued before a banner: a record number, ``","``, a dot, ``Cable dated:...]``."""

_CABLE_DATED: Final = re.compile(
    r"Cable\ dated:\s?([0-9]{4})-([0-9]{2})-([0-9]{2})[T\ ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
)
_DATED_WITHIN: Final = 4000
"""How far into the text (characters) a ``Cable dated:`` wrapper line is looked for."""
_ARCHIVAL: Final = re.compile(r"^[ \t]*Copy\ from\ the\ National\ Archives\b", re.M)
"""The note of a telegram re-keyed from a National Archives copy (a 1960s cable)."""


def cable_dated(text: str) -> datetime | None:
    """The date of a ``Cable dated:2005-08-17T21:24:00`` wrapper line near the start of
    ``text`` (a press version's or partial extract's date line), as UTC; None without one."""
    at = text.find("Cable dated:", 0, _DATED_WITHIN)
    m = _CABLE_DATED.match(text, at) if at >= 0 else None
    if m is None:
        return None
    try:
        return datetime(*(int(x or 0) for x in m.groups()), tzinfo=UTC)  # type: ignore[misc]
    except ValueError:
        return None


def archival_copy(text: str) -> str | None:
    """Why a page is of no standard kind when it holds a telegram re-keyed from a National
    Archives copy (``Copy from the National Archives`` / ``RG 59 ...``), else None."""
    if "National Archives" not in text or _ARCHIVAL.search(text) is None:
        return None
    return "a telegram re-keyed from a National Archives copy, with the archive's notes"


#: Reflowed: a telegram line holds at most 69 characters; a press version's paragraph
#: glued into one line is far longer.
REFLOW_LINE: Final = 160
_SKIP_KINDS: Final = frozenset(("wrapper", "preview", "appended", "metadata", "chrome"))


@dataclass(slots=True)
class Record:
    """A record of the full-release data found in a page: where it starts and whose it is."""

    first: int
    """Offset where the record starts (its record id or date line)."""
    line: int
    """Offset of the line naming the reference ID."""
    reference_id: str


@dataclass(slots=True)
class PageFacts:
    """What the parser found about the page, for :func:`classify`."""

    preview: tuple[int, int] | None = None
    """Offsets of the truncated preview before the full record."""
    record_id: str | None = None
    """Reference ID of the record the body was read from (preview, wrapper rows)."""
    other_id: str | None = None
    """Reference ID of another cable: appended, or whose body the page shows."""
    other_at: int | None = None
    """Offset where the other cable's part starts."""
    swapped: bool = False
    """The body under the header is another cable's."""
    wrapper: list[tuple[int, int]] = field(default_factory=list)
    """Offsets of wrapper line runs before the banner (and junk glued before it)."""
    reflowed: int = 0
    """Lines longer than any telegram line."""
    unusual: str | None = None
    """Why the page is of no standard kind (a malformed reference ID)."""
    annotated: tuple[int, int] | None = None
    """Offsets of a named-entity list before the text (:mod:`.annotation`)."""


def record_markers(text: str) -> list[Record]:
    """Every pasted full-release record of ``text``, in order.

    Only a line starting with a digit, a quote, ``refid:`` or ``ORIGIN:`` can open a
    record: one scan for newlines before those (a literal search), then one anchored match
    at each.
    """
    global _last_markers
    last_text, last_found = _last_markers
    if text is last_text:  # the reader's split_page and the parser look at the same text
        return list(last_found)
    found = []
    match = RE_RECORD.match
    starts = [0] if text[:1] in _RECORD_HEADS else []
    starts.extend(hit.end() for hit in _RECORD_HINT.finditer(text))
    for start in starts:
        m = match(text, start)
        if m is None:
            continue
        ref = m.group("kv") or m.group("row") or m.group("bare")
        line = m.start() if not m.group("bare") else text.rfind("\n", 0, m.start("bare")) + 1
        found.append(Record(_record_start(text, m.start()), line, ref))
    _last_markers = (text, tuple(found))
    return found


_last_markers: tuple[str | None, tuple[Record, ...]] = (None, ())
"""The text :func:`record_markers` read last and what it found (one entry: the same page
is looked at twice in a row, by the reader and by the parser)."""


def _record_start(text: str, at: int) -> int:
    """Back up from the reference-ID line over the record's id, date and summary lines."""
    start = at
    for _ in range(8):
        if start == 0:
            break
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev:start]
        if not line.strip():
            if prev == start:
                break
            start = prev
            continue
        if not _RECORD_LEAD.match(line):
            break
        start = prev
    while start < at and text[start] in "\r\n":
        start += 1
    return start


_REFERENCE_KEY: Final = re.compile(
    r"(?:19|20)?([0-9]{2})([A-Z][A-Z\-]*?)0*([0-9]{1,7})(?:_[a-z])?$"
)


def reference_key(ref: str | None) -> tuple[str, str, int] | None:
    """``(yy, office, serial)`` of a reference ID, for comparing IDs written differently."""
    if not ref:
        return None
    m = _REFERENCE_KEY.match(ref)
    if m is None:
        return None
    return m.group(1), m.group(2).replace("-", ""), int(m.group(3))


def same_cable(ref: str, own: str | None, banner: re.Match[str] | None) -> bool:
    """Whether record ``ref`` is the page's own cable (``own`` ID, else the banner's)."""
    key = reference_key(ref)
    if key is None:
        return True
    own_key = reference_key(own)
    if own_key is not None:
        return key == own_key or key[1:] == own_key[1:]
    if banner is not None and banner.group("serial"):
        from cableformat.reference import office_id

        office = office_id(banner.group("office") or "")
        return key[2] == int(banner.group("serial")) and (not office or office == key[1])
    return True


def split_page(source: Source) -> list[Source]:
    """The page's cables: ``[source]``, or its own part and an appended cable's part.

    A record of another cable pasted after the page's own text (a tab row, a CSV row, an
    ``id:``/``refid:`` record) starts a cable of its own: the page's source is cut there
    and the rest becomes a second source, whose offsets still point into the page.
    """
    text = source.text
    if source.line_structure_lost:
        return [source]
    markers = record_markers(text)
    if not markers:
        return [source]
    own = source.wrapper.reference_id if source.wrapper else None
    banner = _first_banner(text)
    own_record = 0
    for record in markers:
        if banner is None or banner.start() >= record.first:
            continue  # no cable text before the record: nothing to cut off
        if same_cable(record.reference_id, own, banner):
            own_record = record.first
            continue
        if own_record and _first_banner(text[own_record:record.first]) is None:
            continue  # a reference in the own record's rows, before its text

        if g.RE_BANNER.search(text, record.first, record.first + 4000) is None:
            return [source]  # a record without cable text: the parser marks it appended
        if own is None:
            own = _banner_id(banner)
        first = replace(source, text=text[: record.first], appended_id=record.reference_id,
                        _index=None,
                        notes=list(source.notes))
        second = _tail(source, record.first, record.reference_id, own)
        return [first, second]
    return [source]


def _first_banner(text: str) -> re.Match[str] | None:
    """The first banner of ``text``: at a line start, or after junk glued before it."""
    for at in _line_starts(text):
        lead = RE_BANNER_LEAD.match(text, at)
        for pos in (at, lead.end()) if lead else (at,):
            b = g.RE_BANNER.match(text, pos)
            if b is not None and "\n" not in b.group().strip("\n"):
                return b
    return None


_LINE_HEAD: Final = re.compile(r"[ \t]*[UCSLT0-9\"',\]]")
_LINE_OPEN: Final = re.compile(r"\n(?=[ \t]*[UCSLT0-9\"',\]])")
"""A line that may hold a banner (or junk before one): its first non-blank character."""


def _line_starts(text: str) -> Iterator[int]:
    """Offsets of the lines of ``text`` that may hold a banner, in order (a search for the
    newline before each: a literal, where a search for the line start tries every offset)."""
    if _LINE_HEAD.match(text):
        yield 0
    for m in _LINE_OPEN.finditer(text):
        yield m.end()


def _banner_id(banner: re.Match[str]) -> str | None:
    from cableformat.reference import office_id

    office = office_id(banner.group("office") or "")
    return f"{office} {int(banner.group('serial'))}" if office else None


def _tail(source: Source, cut: int, ref: str, own: str | None) -> Source:
    """The source of the cable appended at offset ``cut`` of ``source``."""
    from cableformat.source import WrapperMeta

    offsets = _shifted(source.offsets, cut, source.text) if source.offsets is not None else None
    kind = source.wrapper.kind if source.wrapper else "record"
    return Source(
        text=source.text[cut:], name=source.name, input_format=source.input_format,
        wrapper=WrapperMeta(kind=kind, reference_id=ref),
        file_text=source.file_text if source.file_text is not None else source.text,
        offsets=offsets, base_offset=source.base_offset + cut if offsets is None else 0,
        line_structure_lost=False, body_start=None, appended_to=own,
        line_offset=source.line_offset,
    )


def _shifted(omap: OffsetMap, cut: int, text: str) -> OffsetMap:
    """``omap`` for the text from offset ``cut`` on."""
    from bisect import bisect_right

    i = max(0, bisect_right(omap.text_starts, cut) - 1)
    first = omap.to_file(cut) if omap.literal[i] != 0 else omap.file_starts[i]
    return OffsetMap(
        (0, *(t - cut for t in omap.text_starts[i + 1:])),
        (first, *omap.file_starts[i + 1:]),
        omap.literal[i:],
        text[cut:],
    )


def reflowed_lines(kinds: list[str], starts: list[int], ends: list[int]) -> int:
    """How many text lines are longer than any telegram line (paragraphs glued in one)."""
    lengths = list(map(sub, ends, starts))  # in C: most pages have no long line at all
    if not lengths or max(lengths) <= REFLOW_LINE:
        return 0
    # the kinds of the long lines only, picked in C (a reflowed page has a few)
    long_kinds = compress(kinds, map(REFLOW_LINE.__lt__, lengths))
    return sum(1 for k in long_kinds if k not in _SKIP_KINDS and k != "partial")


def classify(*, plusd: bool, partial: bool, facts: PageFacts, reflowed: int,
             run_in: int) -> str:
    """The page kind, most telling first: a page has one kind (see :data:`KINDS`)."""
    if plusd:
        return "plusd-1970s"
    if facts.annotated is not None:  # a research corpus's excerpt: its text is all it has
        return "annotated"
    if facts.other_id is not None:
        return "two-cables"
    if partial:  # a partial extract may carry a preview or wrapper lines too: named here
        return "partial"
    if facts.preview is not None:
        return "preview+record"
    if facts.wrapper:
        return "wrapper-lines"
    if reflowed or run_in:
        return "reflowed"
    if facts.unusual:
        return "other"
    return "ordinary"


CODES: Final = {
    "reflowed": "K001",
    "preview+record": "K002",
    "two-cables": "K003",
    "wrapper-lines": "K004",
    "partial": "K005",
    "plusd-1970s": "K006",
    "annotated": "K007",
    "other": "K009",
}
"""The ``K`` code that names each page kind but ``ordinary`` (PlusD pages: none yet)."""


def page_issue(issues: list[SyntaxIssue], kind: str, facts: PageFacts, source: Source,
               reference_id: str | None, body: Body, doc: Doc) -> None:
    """Append the one diagnostic that names the page's kind (none for an ordinary page)."""
    code = CODES.get(kind)
    if code is None or source.appended_to is not None:
        return  # an appended cable: the first cable's K003 names both
    own = reference_id or _banner_label(body)
    start, end = 0, 0
    if kind == "reflowed":
        i = _first_long(doc)
        start, end = doc.starts[i], doc.content_end[i]
        message = (f"reflowed page (press version): {facts.reflowed} line(s) longer than a "
                   f"telegram line ({REFLOW_LINE}+ characters) hold glued paragraphs; "
                   "line breaks and continuation headers are not the original's")
    elif kind == "preview+record":
        start, end = facts.preview or (0, 0)
        message = (f"page carries a truncated preview before the full record of "
                   f"{facts.record_id or own}: fields are read from the full record")
    elif kind == "two-cables":
        other = facts.other_id or "another cable"
        if facts.swapped:
            start, end = _banner_span(body)
            message = (f"page holds two cables: the header of {own}{SWAPPED} "
                       f"{other}; body fields are {other}'s")
        else:
            at = facts.other_at if facts.other_at is not None else len(doc.text)
            start, end = at, at
            message = (f"page holds two cables: {own} and {other}, appended after its "
                       f"text; {other} is not read as part of {own}")
    elif kind == "wrapper-lines":
        start, end = facts.wrapper[0]
        message = (f"page has wrapper lines before the banner ({len(facts.wrapper)} run(s): "
                   "record rows, datelines or junk); kept as wrapper text, not cable text")
    elif kind == "partial":
        i = doc.kinds.index("partial") if "partial" in doc.kinds else 0
        start, end = doc.starts[i], doc.content_end[i] if doc.count else 0
        message = ("WikiLeaks partial extract: the head of the cable (routing header, "
                   "perhaps banner and head fields) is cut")
        if facts.preview is not None:
            message += "; a truncated preview stands before the full record, which is read"
        elif facts.wrapper:
            message += "; wrapper lines before the banner are kept as wrapper text"
    elif kind == "annotated":
        start, end = facts.annotated or (0, 0)
        message = ("annotated excerpt: a named-entity list and [[entity || n]] marks stand "
                   "around the text, which has no transmission header, banner or head fields")
    elif kind == "other":
        message = f"page of no standard kind: {facts.unusual}"
    else:
        start, end = _banner_span(body)
        message = ("PlusD page of a 1970s cable: old distribution block and page "
                   "headers, text re-keyed from the archive")
    issues.append(build(SyntaxIssue, code=code, start=start, end=end, message=message,
                        hint=None))


def _first_long(doc: Doc) -> int:
    for i in range(doc.count):
        if doc.content_end[i] - doc.starts[i] > REFLOW_LINE and doc.kinds[i] not in _SKIP_KINDS:
            return i
    return 0


def _banner_label(body: Body) -> str:
    banner = body.banner
    if banner is None or not banner.office or not banner.serial:
        return "this cable"
    return f"{banner.office} {int(banner.serial)}"


def _banner_span(body: Body) -> tuple[int, int]:
    if body.banner is None:
        return 0, 0
    return body.banner.span.start, body.banner.span.end


SWAPPED: Final = " over the body of"
"""Words of the K003 message for a header over another cable's body."""
CROSS_CABLE_CODES: Final = frozenset(("R003", "R004", "R005", "C001", "C003", "C004"))
"""Checks that compare the header (or wrapper) with the banner: moot across two cables."""


def swapped_body(cable: Cable) -> bool:
    """Whether the page shows another cable's body under its header (K003 says so)."""
    return any(i.code == "K003" and SWAPPED in i.message for i in cable.syntax)
