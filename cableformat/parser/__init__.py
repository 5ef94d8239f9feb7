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

from cableformat import grammar as g
from cableformat.model import Body, Cable, SyntaxIssue, Wrapper, build
from cableformat.parser.body import BodyParser
from cableformat.parser.fields import office_id
from cableformat.parser.header import (
    HeaderParser,
    find_metadata,
    header_in_text,
    parse_created,
)
from cableformat.parser.lines import Doc
from cableformat.source import Source, WrapperMeta

__all__ = ["parse_source"]


def parse_source(source: Source) -> Cable:
    """Parse one cable; never raises on content."""
    try:
        return _parse(source)
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


def _parse(source: Source) -> Cable:
    doc = Doc(source.text, soft=source.line_structure_lost)
    issues: list[SyntaxIssue] = []
    # only a text dump of a page holds the metadata table; readers of wrapped formats
    # (HTML, CSV, JSON) hand over the cable text alone
    start, text_wrapper = find_metadata(doc) if source.wrapper is None else (0, None)
    wrapper = _wrapper(source.wrapper) or text_wrapper
    body_line = _body_line(doc, source.body_start)
    banner_idx, banner = _find_banner(doc, start if body_line is None else body_line)
    if banner_idx is None and body_line is not None:
        banner_idx, banner = _find_banner(doc, start)
    hp = HeaderParser(doc, issues, preamble=banner_idx is not None)
    header_end = banner_idx if banner_idx is not None else doc.count
    if body_line is not None and body_line > start:
        header_end = min(header_end, body_line)
    body_idx = hp.run(start, header_end)
    header = hp.result()
    if banner_idx is not None:
        _unrecognised(doc, issues, start, banner_idx)
        body_idx = banner_idx
    elif body_line is not None and body_line > start:
        body_idx = body_line
    own_year = _own_year(header, wrapper)
    body = BodyParser(doc, issues, own_year).run(body_idx, banner)
    if header is None or header.dtg is None:  # an old distribution block in the text
        header = header_in_text(doc, body_idx, header) or header
    if hp.pages:
        body.pages[:0] = hp.pages
    for code, message, _offset in source.notes:
        issues.append(build(SyntaxIssue,
            code=code, start=0, end=0, message=message, hint=None))
    if (header is None and body.banner is None and not _has_head_fields(body)
            and not body.paragraphs):
        issues.append(build(SyntaxIssue,
            code="X010", start=0, end=min(len(source.text), 80),
            message="not a cable: no transmission header, banner or head fields found",
            hint="check that the file is a cable (text, WikiLeaks page, cables.csv, JSON)"))
    return build(Cable,
        reference_id=(wrapper.reference_id if wrapper and wrapper.reference_id
                      else _derived_id(body, own_year)),
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
    )


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
    return None, None


def _unrecognised(doc: Doc, issues: list[SyntaxIssue], a: int, b: int) -> None:
    """Runs of lines between the header's end and the banner that no production accepts."""
    run: list[int] = []
    for i in range(a, b + 1):
        if i < b and doc.kinds[i] in ("text", "unknown") and doc.clean[i].strip():
            doc.kinds[i] = "unknown"
            run.append(i)
            continue
        if i < b and doc.kinds[i] == "blank" and run:
            continue
        if run:
            first = doc.clean[run[0]].strip()[:40]
            more = f" (and {len(run) - 1} more lines)" if len(run) > 1 else ""
            issues.append(build(SyntaxIssue,
                code="H100", start=doc.starts[run[0]], end=doc.content_end[run[-1]],
                message=f"unrecognised header line {first!r}{more}: expected a header line "
                        "(TID, routing, DE, ZNY/ZNR, DTG, FM, TO, INFO, XMT) or the banner",
                hint=None))
            run = []


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
        classification=meta.classification,
        origin=meta.origin,
    )
