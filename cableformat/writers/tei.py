"""TEI P5: one cable as a ``TEI`` document that validates against the official ``tei_all``.

The encoding follows ``spec/tei-mapping.md`` (pure TEI, no custom namespace):

* ``teiHeader``: cable ID as ``idno``, DTG as ``creation/date/@when``, FM/TO/INFO in
  ``correspDesc``, classification / precedence / caveat taxonomies with ``catRef``, TAGS
  as ``keywords/term``, the wrapper metadata in ``sourceDesc/bibl``;
* ``front``: the transmission block (``div[@type='transmission']``, one ``ab`` per header
  line or address block) and the classification block (banner as ``fw``; captions, passing
  lines, E.O., TAGS, REF and Classified By as typed ``ab``), each line verbatim;
* ``body/div[@type='telegram']``: the subject as ``head``, numbered paragraphs as
  ``p[@n]`` with ``label`` and ``seg[@type='portionMarking']``, sub-headings as
  ``div[@type='section']``, continuation headers as ``milestone`` + ``fw``, old page
  headers as ``pb`` + ``fw``, the signature as ``closer/signed``.

Characters that XML 1.0 forbids are written as ``<g type="control" n="U+XXXX"/>``.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from cableformat import grammar as g
from cableformat.model import Address, Cable, Line, Paragraph, RawField
from cableformat.writers.tei_header import (
    PRECEDENCES,
    TEI_NS,
    XML_NS,
    iso,
    level_code,
    ncname,
    tei_header,
)
from cableformat.writers.tei_header import append_text as _append_text
from cableformat.writers.tei_header import el as _el

_T = "{" + TEI_NS + "}"
_HEADER_KINDS = {"tid": "channel", "routing": "relay", "de": "originator",
                 "security": "securityWarning", "dtg": "dtg", "fm": "from", "to": "to",
                 "info": "info", "xmt": "xmt", "distribution": "distribution",
                 "preamble": "preamble", "partial": "partial", "unknown": "unknown"}
_HEAD_KINDS = {"caption": "caveat", "passing": "distribution", "eo": "declassification",
               "tags": "tags", "ref": "ref", "refs": "ref", "classified_by": "classifiedBy",
               "head": "head"}
_SKIP = frozenset({"chrome", "metadata", "blank", "subject", "wrapper", "preview", "appended"})


def to_tei(cable: Cable) -> str:
    """One cable as a TEI P5 document (UTF-8 declaration, indented header)."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + etree.tostring(to_tei_element(cable), encoding="unicode") + "\n")


def to_tei_element(cable: Cable) -> etree._Element:
    """One cable as an lxml ``TEI`` element."""
    ident = ncname(cable.reference_id or "unknown")
    tei = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    tei.set(XML_NS + "id", "cable-" + ident)
    tei.set(XML_NS + "lang", "en")
    tei.append(tei_header(cable))
    text = _el(tei, "text")
    front = _front(cable)
    if len(front):
        text.append(front)
    text.append(_body(cable))
    return tei


# --- front --------------------------------------------------------------------------------


def _front(cable: Cable) -> etree._Element:
    front = _el(None, "front")
    marks = _marks(cable)
    trans: etree._Element | None = None
    block: etree._Element | None = None
    last: tuple[str, etree._Element] | None = None
    for line in cable.lines:
        kind = line.kind
        if kind in _HEADER_KINDS:
            if trans is None:
                trans = _el(front, "div", type="transmission")
            if last is not None and last[0] == kind and kind in ("to", "info", "xmt"):
                _el(last[1], "lb")
            else:
                last = (kind, _el(trans, "ab", type=_HEADER_KINDS[kind]))
            _markup(last[1], line, marks)
            continue
        if kind != "banner" and kind not in _HEAD_KINDS:
            continue
        last = None
        if block is None:
            block = _el(front, "div", type="classificationBlock")
        if kind == "banner":
            _banner(block, cable, line)
        else:
            _markup(_el(block, "ab", type=_HEAD_KINDS[kind]), line, marks)
    return front


def _banner(block: etree._Element, cable: Cable, line: Line) -> None:
    text = _content(line)
    banner = cable.body.banner
    word = banner.classification_raw if banner is not None else None
    stripped = text.strip()
    if word and stripped.startswith(word):
        _el(block, "fw", word, type="classification")
        rest = stripped[len(word):].strip()
        if rest:
            _el(block, "fw", rest, type="sectionHeader")
    elif stripped:
        _el(block, "fw", stripped, type="classification")


def _content(line: Line) -> str:
    return line.raw.rstrip("\r\n")


Mark = tuple[int, int, str, dict[str, str]]


def _marks(cable: Cable) -> list[Mark]:
    """Inline markup of header and head fields: (start, end, tag, attributes), by offset."""
    out: list[Mark] = []
    header, body = cable.header, cable.body
    if header is not None:
        dtg = header.dtg
        if dtg is not None and dtg.precedences:
            out += _find(dtg, dtg.precedences[0], "seg", type="precedence",
                         **_prec_ana(dtg.precedences[0]))
            when = iso(cable)
            m = re.search(r"[0-9]{6}Z.*", dtg.raw)
            if m and when:
                out.append((dtg.span.start + m.start(), dtg.span.start + m.end(), "date",
                            {"when": when}))
        addrs = [*header.to, *header.info, *header.xmt]
        for addr in addrs:
            out += _address(addr)
        if header.fm is not None:
            out += _find(header.fm, header.fm.address, "orgName")
    if body.eo is not None and body.eo.decl_raw:
        attrs = {"when": body.eo.decl_date.isoformat()} if body.eo.decl_date else {}
        out += _find(body.eo, body.eo.decl_raw, "date", type="declassify", **attrs)
    if body.tags is not None:
        out += [(t.span.start, t.span.end, "term", {"key": t.value}) for t in body.tags.items]
    cb = body.classified_by
    if cb is not None and cb.classifier:
        out += _find(cb, cb.classifier, "persName")
    out.sort()
    return out


def _prec_ana(word: str) -> dict[str, str]:
    code = g.PRECEDENCE_WORDS.get(word.upper(), word[:1])
    return {"ana": f"#prec.{code}"} if code in PRECEDENCES else {}


def _find(node: RawField, needle: str | None, tag: str, after: int = 0, **attrs: str
          ) -> list[Mark]:
    if not needle:
        return []
    at = node.raw.find(needle, after)
    if at < 0:
        return []
    start = node.span.start + at
    return [(start, start + len(needle), tag, attrs)]


def _address(addr: Address) -> list[Mark]:
    out: list[Mark] = []
    pos = 0
    parts = [(addr.route, "idno", {"type": "routingIndicator"}), (addr.address, "orgName", {}),
             (addr.precedence, "seg", {"type": "precedence", **_prec_ana(addr.precedence or "")}),
             (addr.mcn, "num", {"type": "serial"})]
    for needle, tag, attrs in parts:
        found = _find(addr, needle, tag, pos, **attrs)
        if found:
            pos = found[0][1] - addr.span.start
            out += found
    return out


def _markup(elem: etree._Element, line: Line, marks: list[Mark]) -> None:
    """Append the line's text to ``elem``, wrapping the marked parts in elements."""
    text = _content(line)
    start, end = line.start, line.start + len(text)
    pos = start
    for a, b, tag, attrs in marks:
        if a < pos or b > end:
            continue
        _append_text(elem, text[pos - start : a - start])
        _el(elem, tag, text[a - start : b - start], **attrs)
        pos = b
    _append_text(elem, text[pos - start :])


# --- body ---------------------------------------------------------------------------------


def _body(cable: Cable) -> etree._Element:
    body = _el(None, "body")
    div = _el(body, "div", type="telegram", xml_id="d1")
    if cable.body.subject is not None:
        _el(div, "head", f"SUBJECT: {cable.body.subject.text}", type="subject")
    paragraphs = {p.span.start: p for p in cable.body.paragraphs}
    container, p, p_end, blank = div, None, -1, False
    count, closer_lines, trailer_lines = 0, [], []
    for line in cable.lines:
        kind, text = line.kind, _content(line)
        if kind == "blank":
            blank = True
            continue
        if kind in _SKIP or kind in _HEADER_KINDS or kind in _HEAD_KINDS or kind == "banner":
            continue
        if kind == "signature":
            closer_lines.append(text.strip())
            continue
        if kind == "trailer":
            trailer_lines.append(text.strip())
            continue
        if kind == "heading":
            if text.strip().strip("-_="):
                container = _el(div, "div", type="section")
                _el(container, "head", text.strip())
                p = None
            continue
        if kind in ("continuation", "page"):
            inside = p is not None and line.start < p_end
            target = p if inside and p is not None else container
            if not inside:
                p = None
            _break(target, kind, text.strip(), cable, line)
            continue
        para = _paragraph_at(paragraphs, line)
        if para is not None:
            count += 1
            p = _start_paragraph(container, para, line, count)
            p_end = para.span.end
        elif p is None or (blank and line.start >= p_end):
            count += 1
            p = _el(container, "p", xml_id=f"p{count}")
            p_end = -1
            _append_text(p, text.strip())
        else:
            _append_text(p, "\n" + text.strip())
        blank = False
    if not len(div) or (len(div) == 1 and div[0].tag == _T + "head"):
        _el(div, "p")
    if closer_lines:
        signed = _el(_el(div, "closer"), "signed", closer_lines[0])
        for extra in closer_lines[1:]:
            _el(signed, "lb")
            _append_text(signed, extra)
    if trailer_lines:
        _el(_el(div, "postscript"), "p", "\n".join(trailer_lines))
    return body


def _paragraph_at(paragraphs: dict[int, Paragraph], line: Line) -> Paragraph | None:
    lead = len(line.raw) - len(line.raw.lstrip())
    return paragraphs.get(line.start + lead) or paragraphs.get(line.start)


def _start_paragraph(container: etree._Element, para: Paragraph, line: Line,
                     count: int) -> etree._Element:
    attrs: dict[str, Any] = {"xml_id": f"p{count}"}
    if para.number:
        attrs["n"] = para.number
    code = level_code(para.portion)
    if code is not None:
        attrs["ana"] = f"#cls.{code}"
    p = _el(container, "p", **attrs)
    text = _content(line).strip()
    pos = 0
    if para.number:
        m = re.match(r"\(?" + re.escape(para.number) + r"\s?[.)]?", text)
        if m and m.end() > 0:
            _el(p, "label", m.group())
            pos = m.end()
    if para.portion:
        mark = f"({para.portion})"
        at = text.find(mark, pos)
        if at >= 0 and not text[pos:at].strip():
            _append_text(p, text[pos:at])
            _el(p, "seg", mark, type="portionMarking")
            pos = at + len(mark)
    _append_text(p, text[pos:])
    return p


def _break(target: etree._Element, kind: str, text: str, cable: Cable, line: Line) -> None:
    if kind == "continuation":
        conts = [c for c in cable.body.continuations if c.span.start >= line.start]
        n = str(conts[0].section) if conts else None
        _el(target, "milestone", unit="section", **({"n": n} if n else {}))
        _el(target, "fw", text, type="sectionHeader")
    else:
        pages = [pg for pg in cable.body.pages if pg.span.start >= line.start]
        _el(target, "pb", **({"n": str(pages[0].page)} if pages else {}))
        _el(target, "fw", text, type="pageHeader")

