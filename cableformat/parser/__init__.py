"""The parser: :class:`~cableformat.source.Source` in, :class:`~cableformat.model.Cable` out.

Steps, each linear in the size of the text:

1. cut the text into lines with clean views (:mod:`.lines`);
2. mark page chrome and the WikiLeaks metadata table (:func:`.header.find_metadata`);
3. find the classification banner, the anchor between header and body;
4. read the transmission header before it (:class:`.header.HeaderParser`);
5. read banner, captions, head fields and text (:class:`.body.BodyParser`);
6. assemble the cable with its lossless line stream.

``parse_source`` never raises on content: an internal failure becomes an ``X999`` issue on
a cable that still renders back to the input.
"""

from __future__ import annotations

import re

from cableformat import grammar as g
from cableformat.model import Body, Cable, SyntaxIssue, Wrapper, build
from cableformat.parser.annotation import entity_list_end
from cableformat.parser.blocks import text_blocks
from cableformat.parser.body import BodyParser
from cableformat.parser.header import (
    HeaderParser,
    find_metadata,
    header_in_text,
    parse_created,
)
from cableformat.parser.kinds import (
    RE_BANNER_LEAD,
    RE_RECORD,
    RE_WRAPPER_LINE,
    PageFacts,
    Record,
    archival_copy,
    cable_dated,
    classify,
    page_issue,
    record_markers,
    reference_key,
    reflowed_lines,
    same_cable,
)
from cableformat.parser.lines import Doc
from cableformat.reference import office_id
from cableformat.source import Source, WrapperMeta

__all__ = ["parse_source"]


def parse_source(source: Source, *, blocks: bool = True) -> Cable:
    """Parse one cable; never raises on content.

    ``blocks=False`` leaves :attr:`Cable.blocks` empty (the text no field node holds): the
    rules never read it, so a validation run need not gather it.
    """
    try:
        return _parse(source, blocks)
    except Exception as exc:  # a parser bug must not lose the input or stop a batch
        doc = Doc(source.text)
        return build(Cable,
            reference_id=source.wrapper.reference_id if source.wrapper else None,
            source_name=source.name,
            input_format=source.input_format,
            wrapper=_wrapper(source.wrapper),
            header=None,
            body=build(Body),
            partial=False,
            line_structure_lost=source.line_structure_lost,
            text=source.text,
            line_kinds=doc.kinds,
            line_starts=doc.starts[:-1],
            syntax=[build(SyntaxIssue,
                code="X999", start=0, end=0,
                message=f"internal parser error: {type(exc).__name__}: {exc}", hint=None)],
        )


def _parse(source: Source, blocks: bool = True) -> Cable:
    doc = Doc(source.text, soft=source.line_structure_lost)
    issues: list[SyntaxIssue] = []
    facts = PageFacts()
    # only a text dump of a page holds the metadata table; readers of wrapped formats
    # (HTML, CSV, JSON) hand over the cable text alone
    start, text_wrapper = find_metadata(doc) if source.wrapper is None else (0, None)
    annotated = entity_list_end(doc, start)
    if annotated is not None:  # an annotator's entity list stands before the text
        facts.annotated = (doc.starts[start], doc.starts[annotated])
        start = annotated
    wrapper = _wrapper(source.wrapper) or text_wrapper
    body_line = _body_line(doc, source.body_start)
    banner_idx, banner = _find_banner(doc, start if body_line is None else body_line)
    if banner_idx is None and body_line is not None:
        banner_idx, banner = _find_banner(doc, start)
    if annotated is not None and banner_idx is not None and _text_before(
            doc, start, banner_idx, banner):
        banner_idx, banner = None, None  # a later section's banner inside an excerpt's text
    header_end = banner_idx if banner_idx is not None else doc.count
    if annotated is not None and banner_idx is None:
        header_end = start  # an excerpt's text has no routing header ("TO ... FROM" is text)
    record = _record(doc, facts, source, wrapper, banner_idx, banner)
    if record is not None:  # the body is read from a pasted record: header ends before it
        header_end = min(header_end, doc.line_of(record.first))
        if facts.preview is not None or facts.swapped:
            banner_idx, banner = _find_banner(doc, doc.line_of(record.line))
    hp = HeaderParser(doc, issues, preamble=banner_idx is not None)
    if body_line is not None and body_line > start:
        header_end = min(header_end, body_line)
    body_idx = hp.run(start, header_end)
    header = hp.result()
    if banner_idx is not None:
        _mark_record(doc, facts, record, banner_idx)
        _unrecognised(doc, issues, start, banner_idx, facts)
        _banner_lead(doc, facts, banner_idx, banner)
        body_idx = banner_idx
    elif body_line is not None and body_line > start:
        body_idx = body_line
    own_year = _own_year(header, wrapper)
    count = doc.count
    if facts.other_at is not None and not facts.swapped:  # an appended cable: not this body
        doc.count = max(body_idx, doc.line_of(facts.other_at))
    try:
        parser = BodyParser(doc, issues, own_year)
        parser.de_serial = _de_serial(header)
        body = parser.run(body_idx, banner)
        if header is None or header.dtg is None:  # an old distribution block in the text
            header = header_in_text(doc, body_idx, header) or header
    finally:
        doc.count = count
    if facts.other_at is not None and not facts.swapped:
        for i in range(doc.line_of(facts.other_at), count):
            doc.kinds[i] = "appended"
    if hp.pages:
        body.pages[:0] = hp.pages
    for code, message, _offset in source.notes:
        issues.append(build(SyntaxIssue,
            code=code, start=0, end=0, message=message, hint=None))
    if (header is None and body.banner is None and not _has_head_fields(body)
            and not body.paragraphs and annotated is None):
        issues.append(build(SyntaxIssue,
            code="X010", start=0, end=min(len(source.text), 80),
            message="not a cable: no transmission header, banner or head fields found",
            hint="check that the file is a cable (text, WikiLeaks page, cables.csv, JSON)"))
    reference_id = (wrapper.reference_id if wrapper and wrapper.reference_id
                    else _derived_id(body, own_year))
    page_kind = _page_kind(doc, source, wrapper, header, body, facts)
    page_issue(issues, page_kind, facts, source, reference_id, body, doc)
    return build(Cable,
        reference_id=reference_id,
        source_name=source.name,
        input_format=source.input_format,
        wrapper=wrapper,
        header=header,
        body=body,
        partial=bool(header and header.partial),
        line_structure_lost=source.line_structure_lost,
        text=source.text,
        line_kinds=doc.kinds,
        line_starts=doc.starts[:-1],
        syntax=issues,
        page_kind=page_kind,
        dated=cable_dated(source.text),
        blocks=text_blocks(doc, header, body) if blocks else [],
    )


def _record(doc: Doc, facts: PageFacts, source: Source, wrapper: Wrapper | None,
            banner_idx: int | None, banner: re.Match[str] | None) -> Record | None:
    """The pasted full-release record the body is read from, if the page holds one.

    After a banner, a record of the same cable means the text before it was a truncated
    preview; a record of another cable was appended (its text is not this body).  Before
    the banner, record rows are wrapper lines; another cable's record there means the page
    shows that cable's body under its own header.
    """
    if source.line_structure_lost:
        return None
    own = wrapper.reference_id if wrapper else None
    markers = record_markers(doc.text)
    for j, record in enumerate(markers):
        same = same_cable(record.reference_id, own, banner)
        if banner_idx is not None and doc.starts[banner_idx] < record.first:
            if not same:
                facts.other_id, facts.other_at = record.reference_id, record.first
                return None
            again, match = _find_banner(doc, doc.line_of(record.line))
            if again is None:
                break  # no banner after this record: none after a later one either
            facts.preview = (doc.starts[banner_idx], record.first)
            if _glued_head(doc, again, match):
                return None  # the record's head is run together: read the preview's
            body_at = doc.starts[again]
        elif not same:
            facts.other_id, facts.other_at = record.reference_id, record.first
            facts.swapped = True
            facts.record_id = record.reference_id
            return record
        else:
            body_at = doc.starts[banner_idx] if banner_idx is not None else record.first
        facts.record_id = record.reference_id
        for later in markers[j + 1:]:  # a record of another cable after this one's text
            if later.first > body_at and not same_cable(later.reference_id, own, banner):
                facts.other_id, facts.other_at = later.reference_id, later.first
                break
        return record
    return _repeated_banner(doc, facts, banner_idx, banner)


#: How far after the banner a truncated preview head may end (lines).
PREVIEW_HEAD = 40


def _repeated_banner(doc: Doc, facts: PageFacts, banner_idx: int | None,
                     banner: re.Match[str] | None) -> Record | None:
    """A head cut off with ``...`` and followed by the banner again: a preview, then the
    full record without record rows (the record reflowed, say)."""
    if banner_idx is None or banner is None:
        return None
    for i in range(banner_idx + 1, min(doc.count, banner_idx + PREVIEW_HEAD)):
        clean = doc.clean[i].rstrip()
        if g.RE_PARAGRAPH.match(clean):
            return None  # the text has begun: no preview
        if not clean.endswith("..."):
            continue
        j, again = _find_banner(doc, i + 1)
        if (j is None or again is None or j > i + 3
                or again.group("serial") != banner.group("serial")
                or again.group("office") != banner.group("office")):
            return None
        first = doc.starts[i + 1] if i + 1 < j else doc.starts[j]
        facts.preview = (doc.starts[banner_idx], first)
        if _glued_head(doc, j, again):
            return None  # the record's head is run together: read the preview's
        return Record(first, doc.starts[j], "")
    return None


#: More than this after the banner on its line: the head fields are run together there.
GLUED_HEAD = 40


def _glued_head(doc: Doc, i: int, banner: re.Match[str] | None) -> bool:
    """Whether the record's banner line also holds its head fields, run together.

    The head is then read from the preview (complete up to its cut), not from the record.
    """
    rest = doc.clean[i][banner.end():] if banner is not None else ""
    return len(rest.strip()) > GLUED_HEAD


def _mark_record(doc: Doc, facts: PageFacts, record: Record | None, banner_idx: int) -> None:
    """Mark the preview and the record's wrapper lines before the banner the body uses."""
    if record is None:
        return
    first = doc.line_of(record.first)
    if facts.preview is not None:
        for i in range(doc.line_of(facts.preview[0]), first):
            doc.kinds[i] = "preview"
    if first < banner_idx:
        for i in range(first, banner_idx):
            doc.kinds[i] = "wrapper"
        facts.wrapper.append((record.first, doc.content_end[banner_idx - 1]))


def _banner_lead(doc: Doc, facts: PageFacts, banner_idx: int, banner: object) -> None:
    """Junk glued before the banner on its line (a record number, ``","``) is wrapper text."""
    at = getattr(banner, "start", None)
    if at is None:
        return
    clean = doc.clean[banner_idx]
    col = at()
    if col == 1 and clean[:1] == clean[1:2]:
        return  # a doubled first letter is a misspelt banner, not wrapper text
    if col and clean[:col].strip():
        start = doc.starts[banner_idx]
        facts.wrapper.append((start, start + col))


def _page_kind(doc: Doc, source: Source, wrapper: Wrapper | None, header: object,
               body: Body, facts: PageFacts) -> str:
    if source.appended_id is not None:
        facts.other_id = source.appended_id
    plusd = wrapper is not None and wrapper.kind == "plusd-html"
    partial = bool(getattr(header, "partial", False))
    reflowed = 0 if source.line_structure_lost else reflowed_lines(
        doc.kinds, doc.starts, doc.content_end)
    facts.reflowed = reflowed
    run_in = sum(1 for p in body.paragraphs if getattr(p, "run_in", False))
    if facts.other_id is None and wrapper is not None:
        _swapped_body(facts, wrapper.reference_id, body)
    facts.unusual = _unusual(wrapper, plusd) or archival_copy(doc.text)
    if source.appended_to is not None:
        return "two-cables"
    return classify(plusd=plusd, partial=partial, facts=facts, reflowed=reflowed, run_in=run_in)


def _unusual(wrapper: Wrapper | None, plusd: bool) -> str | None:
    """Why a page is of no standard kind: the page's own reference ID is malformed."""
    ref = wrapper.reference_id if wrapper is not None else None
    if ref and not plusd and not g.RE_REFERENCE_ID.match(ref):
        return f"the page's reference ID {ref!r} is malformed (expected YYOFFICESERIAL)"
    return None


def _swapped_body(facts: PageFacts, own: str | None, body: Body) -> None:
    """A banner naming another office and serial than the page's ID: another cable's body."""
    key = reference_key(own)
    banner = body.banner
    if key is None or banner is None or not banner.office or not banner.serial:
        return
    office = office_id(banner.office)
    if office and office != key[1] and int(banner.serial) != key[2]:
        facts.other_id = f"{key[0]}{office}{int(banner.serial)}"
        facts.swapped = True


#: Non-blank lines an annotated excerpt may carry before its banner (else the banner found
#: is a later section's, inside the text).
EXCERPT_LEAD = 3


def _text_before(doc: Doc, start: int, banner_idx: int, banner: re.Match[str] | None) -> bool:
    """Whether the banner is a later section's (``SECTION 02 OF 02``) or stands after text: a
    numbered paragraph, or more than :data:`EXCERPT_LEAD` non-blank lines."""
    section = banner.group("section") if banner is not None else None
    if section is not None and int(section) > 1:
        return True
    lines = 0
    for i in range(start, banner_idx):
        clean = doc.clean[i]
        if clean.strip():
            lines += 1
            if lines > EXCERPT_LEAD or g.RE_PARAGRAPH.match(clean):
                return True
    return False


def _body_line(doc: Doc, body_start: int | None) -> int | None:
    """The line where the wrapper's body part begins, if the reader knows it."""
    if body_start is None or body_start <= 0 or body_start >= len(doc.text):
        return None
    return doc.line_of(body_start)


def _find_banner(doc: Doc, start: int) -> tuple[int | None, object]:
    """Index and match of the first banner line at or after ``start``."""
    match = g.RE_BANNER.match
    for i in range(start, doc.count):
        clean = doc.clean[i]
        if clean and clean.lstrip()[:1] in "UCSLTucslt":
            m = match(clean)
            if m:
                return i, m
        dated = g.RE_CABLE_DATED.match(clean)
        if dated:
            m = match(clean, dated.end())
            if m:
                return i, m
        tab = clean.rfind("\t")
        if tab != -1:  # a CSV row pasted into the page: the banner follows a tab
            m = match(clean, tab + 1)
            if m:
                return i, m
        if "  " in clean and clean[:1].isdigit():  # a record row: columns apart by spaces
            row = RE_RECORD.match(clean)
            if row and row.group("row"):
                for gap in _GAP.finditer(clean, row.end()):
                    m = match(clean, gap.end())
                    if m:
                        return i, m
        if clean[1:2] == clean[:1] and clean[2:3] == " " and clean[:1] in "CSTU":
            m = match(clean, 1)  # a doubled first letter: 'CC O N F I D E N T I A L'
            if m:
                return i, m
        if clean[:1] in _LEAD_HEADS:  # junk glued before it: a record number, '","'
            lead = RE_BANNER_LEAD.match(clean)
            if lead:
                m = match(clean, lead.end())
                if m:
                    return i, m
    return None, None


_GAP = re.compile(r"[ \t]{2,}")
_LEAD_HEADS = frozenset('0123456789"\',.]C')


def _unrecognised(doc: Doc, issues: list[SyntaxIssue], a: int, b: int,
                  facts: PageFacts | None = None) -> None:
    """Runs of lines between the header's end and the banner that no production accepts.

    A run opened by a wrapper line (``Cable dated:``, a dateline, a record's keys or row) is
    kept as wrapper text, reported once by the page's ``K`` diagnostic, not as header noise.
    """
    run: list[int] = []
    if facts is not None:  # wrapper lines before the header (a page's dateline, say)
        for i in range(a, b):
            if doc.kinds[i] == "preamble" and RE_WRAPPER_LINE.match(doc.clean[i]):
                doc.kinds[i] = "wrapper"
                facts.wrapper.append((doc.starts[i], doc.content_end[i]))
    for i in range(a, b + 1):
        if i < b and doc.kinds[i] in ("text", "unknown") and doc.clean[i].strip():
            doc.kinds[i] = "unknown"
            run.append(i)
            continue
        if i < b and doc.kinds[i] == "blank" and run:
            continue
        if run and facts is not None and RE_WRAPPER_LINE.match(doc.clean[run[0]]):
            # opened by a record key or row: the record's rows (its header repeated, say)
            for k in run:
                doc.kinds[k] = "wrapper"
            facts.wrapper.append((doc.starts[run[0]], doc.content_end[run[-1]]))
            run = []
        if run:
            first = doc.clean[run[0]].strip()[:40]
            more = f" (and {len(run) - 1} more lines)" if len(run) > 1 else ""
            issues.append(build(SyntaxIssue,
                code="H100", start=doc.starts[run[0]], end=doc.content_end[run[-1]],
                message=f"unrecognised header line {first!r}{more}: expected a header line "
                        "(TID, routing, DE, ZNY/ZNR, DTG, FM, TO, INFO, XMT) or the banner",
                hint=None))
            run = []


def _de_serial(header: object) -> int | None:
    """The station serial number of the DE line (``DE RUEHRK #0401/01``), or None."""
    de = getattr(header, "de", None)
    ssn = getattr(de, "ssn", None)
    return int(ssn) if ssn and ssn.isdigit() else None


def _own_year(header: object, wrapper: Wrapper | None) -> int | None:
    """The cable's year: from the DTG, else the wrapper's created date or reference ID."""
    dtg = getattr(header, "dtg", None)
    if dtg is not None and dtg.year:
        return int(dtg.year)
    if wrapper is not None and wrapper.created is not None:
        return wrapper.created.year
    if wrapper is not None and wrapper.reference_id:
        m = g.RE_REFERENCE_ID.match(wrapper.reference_id)
        if m:
            yy = int(m.group("yy"))
            return 1900 + yy if yy >= 66 else 2000 + yy
    return None


def _derived_id(body: Body, year: int | None) -> str | None:
    """Reference ID derived from the banner office and serial and the cable's year."""
    banner = body.banner
    if banner is None or not banner.office or not banner.serial or year is None:
        return None
    return f"{year % 100:02d}{office_id(banner.office)}{int(banner.serial)}"


def _has_head_fields(body: Body) -> bool:
    return any((body.eo, body.tags, body.subject, body.classified_by))


def _wrapper(meta: WrapperMeta | None) -> Wrapper | None:
    """Model wrapper metadata from a reader's :class:`WrapperMeta`."""
    if meta is None:
        return None
    return build(Wrapper,
        kind=meta.kind,
        reference_id=meta.reference_id,
        created=parse_created(meta.created),
        created_raw=meta.created,
        released=meta.released,
        released_at=parse_created(meta.released),
        classification=meta.classification,
        origin=meta.origin,
    )
