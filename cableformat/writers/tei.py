"""TEI P5: one cable as a ``TEI`` document that validates against the official ``tei_all``.

The encoding follows ``spec/tei-mapping.md`` (pure TEI, no custom namespace):

* ``teiHeader``: cable ID as ``idno``, DTG as ``creation/date/@when``, FM/TO/INFO in
  ``correspDesc``, classification / precedence / caveat taxonomies with ``catRef``, TAGS
  as ``keywords/term``, the wrapper metadata in ``sourceDesc/bibl``;
* ``front``: the transmission block (``div[@type='transmission']``, one ``ab`` per header
  line or address block) and the classification block (banner as ``fw``; captions, passing
  lines, E.O., TAGS, REF and Classified By as typed ``ab``, lines of one field joined by
  ``lb``), each line verbatim;
* ``body/div[@type='telegram']``: the subject as ``head``, numbered paragraphs as
  ``p[@n]`` with ``label`` and ``seg[@type='portionMarking']``, sub-headings as
  ``div[@type='section']``, continuation headers as ``milestone`` + ``fw``, old page
  headers as ``pb`` + ``fw``, the signature as ``closer/signed``.

The text follows the cable word for word (``cableformat.writers.conservation`` checks it):
the lines are written in their order, so fields the cable writes after the subject (REF,
Classified By ...) are ``ab`` after the subject ``head``, and text after the signature is a
``postscript``; page markup (``<a>`` tags, ``¶`` anchors, entities) is left out.  Newlines and
indentation stand between blocks and after ``<lb/>``, so that the plain text (XPath
``string()``) never runs two words together.

Characters that XML 1.0 forbids are written as ``<g type="control" n="U+XXXX"/>``.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from lxml import etree

from cableformat import grammar as g
from cableformat.model import Address, Cable, Paragraph, RawField
from cableformat.writers.conservation import CHROME_KINDS, clean, markup_spans
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
               "head": "head", "wrapper": "wrapper", "preview": "preview",
               "annotation": "annotation"}


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
    front, body = _TextWriter(cable).write()
    if len(front):
        text.append(front)
    text.append(body)
    etree.indent(tei[0], space=_INDENT, level=1)
    tei.text = tei[0].tail = "\n" + _INDENT
    text.tail = "\n"
    layout(text, 1)
    return tei


_INDENT = "  "
_CONTAINERS = frozenset(_T + n for n in ("text", "front", "body", "div", "closer", "postscript"))
_BREAKS = frozenset(_T + n for n in ("lb", "milestone", "pb", "fw"))


def layout(elem: etree._Element, depth: int) -> None:
    """Lay out ``elem`` so that its plain text never runs two words together.

    Block containers (``text``, ``front``, ``div`` ...) get a newline and indentation before
    each child; in mixed content (``p``, ``ab``, ``head`` ...) a line break, milestone or
    forme work has whitespace on both sides.  Only whitespace is added, never between words.
    """
    if elem.tag in _CONTAINERS:
        pad = "\n" + _INDENT * (depth + 1)
        elem.text = pad
        for child in elem:
            child.tail = pad
            layout(child, depth + 1)
        if len(elem):
            elem[-1].tail = "\n" + _INDENT * depth
        return
    for child in elem:
        if child.tag not in _BREAKS:
            continue
        pad = "\n" + _INDENT * (depth + 1)
        prev = child.getprevious()
        before = elem.text if prev is None else prev.tail
        if child.tag != _T + "lb" and before and not before[-1].isspace():
            if prev is None:
                elem.text = before + pad
            else:
                prev.tail = before + pad
        tail = child.tail
        if (tail or child.getnext() is not None) and not (tail and tail[0].isspace()):
            child.tail = pad + (tail or "")


# --- the text, in the order of the cable ----------------------------------------------------


class _Piece(NamedTuple):
    """A line, or the part of a line from a paragraph or signature that starts inside it."""

    kind: str
    start: int
    raw: str
    paragraph: Paragraph | None


def pieces(cable: Cable) -> list[_Piece]:
    """The lines of the cable, cut where a paragraph or the signature starts mid-line."""
    body = cable.body
    paragraphs = {p.span.start: p for p in body.paragraphs}
    cuts = sorted(paragraphs)
    sig = body.signature
    if sig is not None:
        cuts = sorted({*cuts, sig.span.start})
    out: list[_Piece] = []
    at = 0
    for line in cable.lines:
        end = line.start + len(line.raw)
        while at < len(cuts) and cuts[at] < line.start:
            at += 1
        start, kind, para = line.start, line.kind, None
        while at < len(cuts) and cuts[at] < end:
            cut = cuts[at]
            at += 1
            kind_at = "signature" if sig is not None and cut == sig.span.start else "paragraph"
            para_at = paragraphs.get(cut) if kind_at == "paragraph" else None
            if not clean(cable.text[start:cut]).strip():  # the piece starts here
                if start == line.start and kind_at == "signature":
                    kind = kind if kind == "signature" else kind_at
                para = para_at if para is None else para
                continue
            if kind == "signature" and kind_at == "signature":  # the text the name ends
                kind = "text"
            out.append(_Piece(kind, start, cable.text[start:cut], para))
            start, kind, para = cut, kind_at, para_at
        out.append(_Piece(kind, start, cable.text[start:end], para))
    return out


_MERGED = frozenset({"to", "info", "xmt", "ref", "refs", "classified_by", "tags", "eo",
                     "subject", "partial", "preamble", "distribution", "heading", "signature"})


class _TextWriter:
    """Writes ``front`` and ``body`` from the pieces of the cable, every word in its order."""

    def __init__(self, cable: Cable) -> None:
        self.cable = cable
        self.marks = _marks(cable)
        self.front = _el(None, "front")
        self.front_div: etree._Element | None = None
        self.body = _el(None, "body")
        self.div: etree._Element | None = None  # the telegram div, once the text has begun
        self.container: etree._Element | None = None  # telegram or section div
        self.bottom: etree._Element | None = None  # closer/postscript: the text has ended
        self.p: etree._Element | None = None
        self.p_end = -1
        self.last: tuple[str, etree._Element] | None = None  # a field lines may continue
        self.blank = False
        self.count = 0

    def write(self) -> tuple[etree._Element, etree._Element]:
        for piece in pieces(self.cable):
            self.add(piece)
        div = self._open_body()
        if not len(div) or (len(div) == 1 and div[0].tag == _T + "head"):
            _el(div, "p")
        return self.front, self.body

    def add(self, piece: _Piece) -> None:
        kind = piece.kind
        if kind in CHROME_KINDS:
            return
        text = clean(piece.raw.rstrip("\r\n")).strip()
        if kind == "blank" or not text:
            self.blank = True
            return
        prev = self.last
        last = prev if prev is not None and prev[0] == kind else None
        self.last = None
        if kind in ("continuation", "page"):
            self._break(piece, text, prev)
        elif kind in _HEADER_KINDS or kind in _HEAD_KINDS or kind == "banner":
            self._field(piece, last)
        elif kind == "subject":
            self._subject(piece, last)
        elif kind == "heading":
            self._heading(text, last)
        elif kind == "signature":
            self._signature(text, last)
        elif kind == "trailer":
            self._postscript(text, last, kind)
        else:
            self._text(piece, text)
        self.blank = False

    # containers

    def _open_body(self) -> etree._Element:
        if self.div is None:
            self.div = self.container = _el(self.body, "div", type="telegram", xml_id="d1")
        return self.div

    def _parent(self) -> etree._Element:
        """Where a block goes: the front (before the text), the section, or the postscript."""
        if self.div is None:
            return self.front
        if self.bottom is not None:
            return self._postscript_of()
        assert self.container is not None
        return self.container

    def _postscript_of(self) -> etree._Element:
        assert self.container is not None
        last = self.container[-1] if len(self.container) else None
        if last is None or last.tag != _T + "postscript":
            last = _el(self.container, "postscript")
        self.bottom = last
        return last

    # pieces

    def _field(self, piece: _Piece, last: tuple[str, etree._Element] | None) -> None:
        kind = piece.kind
        parent = self._parent()
        self.p = None
        if parent is self.front:
            group = "transmission" if kind in _HEADER_KINDS else "classificationBlock"
            if self.front_div is None or self.front_div.get("type") != group:
                self.front_div = _el(self.front, "div", type=group)
                last = None
            parent = self.front_div
        if kind == "banner":
            _banner(parent, self.cable, clean(_content_of(piece.raw)))
            return
        if last is not None and kind in _MERGED:
            _el(last[1], "lb")
            elem = last[1]
        else:
            elem = _el(parent, "ab", type=_HEADER_KINDS.get(kind) or _HEAD_KINDS[kind])
        _markup(elem, piece, self.marks)
        self.last = (kind, elem)

    def _subject(self, piece: _Piece, last: tuple[str, etree._Element] | None) -> None:
        div = self._open_body()
        self.p = None
        if last is not None:
            _el(last[1], "lb")
            elem = last[1]
        elif len(div) == 0:
            elem = _el(div, "head", type="subject")
        else:
            elem = _el(self._parent(), "ab", type="subject")
        _markup(elem, piece, self.marks)
        self.last = ("subject", elem)

    def _heading(self, text: str, last: tuple[str, etree._Element] | None) -> None:
        if not text.strip("-_=* "):  # an underline
            if last is not None:
                self.last = last
            return
        div = self._open_body()
        self.p = None
        if last is not None:
            _el(last[1], "lb")
            _append_text(last[1], text)
            self.last = last
        elif self.bottom is not None:
            self._postscript(text, None, "heading")
        else:
            self.container = _el(div, "div", type="section")
            self.last = ("heading", _el(self.container, "head", text))

    def _signature(self, text: str, last: tuple[str, etree._Element] | None) -> None:
        self._open_body()
        self.p = None
        if last is not None:
            _el(last[1], "lb")
            _append_text(last[1], text)
            self.last = last
            return
        self.container = self.div  # the signature ends the telegram, not its last section
        self.bottom = _el(self.container, "closer")
        self.last = ("signature", _el(self.bottom, "signed", text))

    def _postscript(self, text: str, last: tuple[str, etree._Element] | None, kind: str) -> None:
        self._open_body()
        if last is not None:
            _append_text(last[1], "\n" + text)
            self.last = last
            return
        self.p = _el(self._postscript_of(), "p", text)
        self.p_end = -1
        self.last = (kind, self.p)

    def _text(self, piece: _Piece, text: str) -> None:
        self._open_body()
        if self.bottom is not None:
            if self.p is not None and self.p.getparent() is self.bottom and not self.blank:
                _append_text(self.p, "\n" + text)
            else:
                self._postscript(text, None, "text")
            return
        assert self.container is not None
        para = piece.paragraph
        if para is not None:
            self.count += 1
            self.p = _start_paragraph(self.container, para, text, self.count)
            self.p_end = para.span.end
        elif self.p is None or (self.blank and piece.start >= self.p_end):
            self.count += 1
            self.p = _el(self.container, "p", text, xml_id=f"p{self.count}")
            self.p_end = -1
        else:
            _append_text(self.p, "\n" + text)

    def _break(self, piece: _Piece, text: str, prev: tuple[str, etree._Element] | None
               ) -> None:
        """A continuation or page header: inside the paragraph or field it interrupts."""
        if self.p is not None and piece.start < self.p_end and self.bottom is None:
            target = self.p
        elif prev is not None and prev[0] in _MERGED:
            target = prev[1]
            self.last = prev  # the field may go on after the header
        else:
            target = self._parent()
            if target is self.front:
                target = self.front_div if self.front_div is not None else _el(
                    self.front, "div", type="transmission")
                self.front_div = target
            self.p = None
        _break(target, piece.kind, text, self.cable, piece.start)

def _banner(block: etree._Element, cable: Cable, text: str) -> None:
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


def _content_of(raw: str) -> str:
    return raw.rstrip("\r\n")


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


def _markup(elem: etree._Element, piece: _Piece, marks: list[Mark]) -> None:
    """Append the piece's text to ``elem``, wrapping the marked parts in elements."""
    text = _content_of(piece.raw)
    start, end = piece.start, piece.start + len(text)
    pos = start
    parts: list[tuple[str, Mark | None]] = []
    inside = markup_spans(text) if clean(text) != text else []
    for mark in marks:
        a, b = mark[0], mark[1]
        if a < pos or b > end:
            continue
        if inside and any(s < x - start < e for s, e in inside for x in (a, b)):
            continue  # a mark that would cut a tag or an entity in two
        parts.append((text[pos - start : a - start], None))
        parts.append((text[a - start : b - start], mark))
        pos = b
    parts.append((text[pos - start :], None))
    parts[0] = (parts[0][0].lstrip(), parts[0][1])
    parts[-1] = (parts[-1][0].rstrip(), parts[-1][1])
    for part, mark in parts:
        if mark is None:
            _append_text(elem, clean(part))
        else:
            _el(elem, mark[2], clean(part), **mark[3])


# --- body ---------------------------------------------------------------------------------


def _start_paragraph(container: etree._Element, para: Paragraph, text: str,
                     count: int) -> etree._Element:
    attrs: dict[str, Any] = {"xml_id": f"p{count}"}
    if para.number:
        attrs["n"] = para.number
    code = level_code(para.portion)
    if code is not None:
        attrs["ana"] = f"#cls.{code}"
    p = _el(container, "p", **attrs)
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


def _break(target: etree._Element, kind: str, text: str, cable: Cable, start: int) -> None:
    if kind == "continuation":
        conts = [c for c in cable.body.continuations if c.span.start >= start]
        n = str(conts[0].section) if conts else None
        _el(target, "milestone", unit="section", **({"n": n} if n else {}))
        _el(target, "fw", text, type="sectionHeader")
    else:
        pages = [pg for pg in cable.body.pages if pg.span.start >= start]
        _el(target, "pb", **({"n": str(pages[0].page)} if pages else {}))
        _el(target, "fw", text, type="pageHeader")

