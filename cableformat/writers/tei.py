"""TEI P5: one cable as a ``TEI`` document that validates against the official ``tei_all``.

The encoding follows ``spec/tei-mapping.md`` (pure TEI, no custom namespace):

* ``teiHeader``: cable ID as ``idno``, DTG as ``creation/date/@when``, FM/TO/INFO in
  ``correspDesc``, classification / precedence / caveat taxonomies with ``catRef``, TAGS
  as ``keywords/term``, the wrapper metadata in ``sourceDesc/bibl``;
* ``front``: the transmission block (``div[@type='transmission']``, one ``ab`` per header
  line or address block) and the classification block (banner as ``fw``; captions, passing
  lines, E.O., TAGS, REF and Classified By as typed ``ab``, lines of one field joined by
  ``lb``), each line verbatim;
* ``body/div[@type='telegram']``: the subject as ``head``, then the FRUS-style ``opener``
  the converter supplies (``@resp='#cableformat'``: ``dateline`` with the sender's place and
  the DTG, ``note[@type='source']``), numbered paragraphs as ``p[@n]`` (``xml:id`` ``p`` +
  the number) with ``label`` and ``seg[@type='portionMarking']``, sub-headings as
  ``div[@type='section']``, continuation headers as ``milestone`` + ``fw``, old page
  headers as ``pb`` (once per page) + ``fw``, the signature as ``closer/signed/persName``;
* names linked into ``standOff`` and cited cables as ``ref[@target='cable:ID']``
  (:mod:`cableformat.writers.tei_links`); redactions as ``gap[@reason='redacted']`` with the
  mark in ``desc``;
* the lines about the source (partial-extract notice, preview, copied full-release record)
  as notes of ``sourceDesc/bibl`` (``@subtype='transcribed'``), not in ``<text>``.

The text follows the cable word for word (``cableformat.writers.conservation`` checks it,
reading the transcribed source notes and leaving out what the converter supplies):
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
    long_date,
    ncname,
    source_note,
    tag_glosses,
    tag_id,
    tei_header,
)
from cableformat.writers.tei_header import append_text as _append_text
from cableformat.writers.tei_header import el as _el
from cableformat.writers.tei_links import Links, cable_uri

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
    links = Links(cable)
    writer = _TextWriter(cable, links)
    front, body = writer.write()
    header = tei_header(cable, links)
    tei.append(header)
    bibl = header.find(f"{_T}fileDesc/{_T}sourceDesc/{_T}bibl")
    for note in writer.notes:  # partial-extract notice, preview, copied record
        bibl.append(note)
    _opener(body[0], cable, links)  # before standOff: the dateline may add the place
    stand_off = links.stand_off()
    if stand_off is not None:
        tei.append(stand_off)
    text = _el(tei, "text")
    if len(front):
        text.append(front)
    text.append(body)
    redaction_gaps(text)
    for elem in tei[:-1]:
        etree.indent(elem, space=_INDENT, level=1)
        elem.tail = "\n" + _INDENT
    tei.text = "\n" + _INDENT
    text.tail = "\n"
    layout(text, 1)
    return tei


def _opener(div: etree._Element, cable: Cable, links: Links) -> None:
    """FRUS-style front matter of the telegram, supplied by the converter: a dateline (place
    of the sender, date of the DTG or the wrapper) and the source note."""
    opener = _el(None, "opener", resp="#cableformat")
    place = links.sender_place()
    when, label = _dateline_date(cable)
    if place is not None or when is not None:
        dateline = _el(opener, "dateline")
        if place is not None:
            _el(dateline, "placeName", place[1], ref=place[0])
        if when is not None:
            if place is not None:
                _append_text(dateline, ", ")
            _el(dateline, "date", label, when=when)
        _append_text(dateline, ".")
    _el(opener, "note", source_note(cable), type="source")
    at = 1 if len(div) and div[0].tag == _T + "head" else 0
    div.insert(at, opener)


def _dateline_date(cable: Cable) -> tuple[str | None, str]:
    """``(when, text)`` of the dateline: ``June 2, 2009, 0928Z`` from the DTG, else the day
    of the wrapper's Created date."""
    when = iso(cable)
    value = cable.date
    if value is None:
        return None, ""
    month = long_date(value).split()[1]
    if when is not None:
        return when, f"{month} {value.day}, {value.year}, {value:%H%M}Z"
    return value.date().isoformat(), f"{month} {value.day}, {value.year}"


#: Elements whose content cannot hold a ``gap`` (their text stays as written).
_NO_GAP = frozenset(_T + n for n in ("idno", "g", "desc", "gap"))


def redaction_gaps(root: etree._Element) -> None:
    """Redactions (``XXXXXXXXXXXX``, :data:`grammar.RE_REDACTION`) as ``gap[@reason=
    'redacted']`` whose ``desc`` keeps the mark as written, so that the text keeps its words."""
    for elem in list(root.iter(_T + "*")):
        if elem.text and elem.tag not in _NO_GAP and g.RE_REDACTION.search(elem.text):
            parts = g.RE_REDACTION.split(elem.text)
            marks = g.RE_REDACTION.findall(elem.text)
            elem.text = parts[0]
            for i, (mark, tail) in enumerate(zip(marks, parts[1:], strict=True)):
                elem.insert(i, _gap(mark, tail))
        parent = elem.getparent()
        if (elem.tail and parent is not None and parent.tag not in _NO_GAP
                and g.RE_REDACTION.search(elem.tail)):
            parts = g.RE_REDACTION.split(elem.tail)
            marks = g.RE_REDACTION.findall(elem.tail)
            elem.tail = parts[0]
            at = parent.index(elem)
            for i, (mark, tail) in enumerate(zip(marks, parts[1:], strict=True)):
                parent.insert(at + 1 + i, _gap(mark, tail))


def _gap(mark: str, tail: str) -> etree._Element:
    gap = _el(None, "gap", reason="redacted")
    _el(gap, "desc", mark)
    gap.tail = tail or None
    return gap


_INDENT = "  "
_CONTAINERS = frozenset(_T + n for n in ("text", "front", "body", "div", "closer", "postscript",
                                         "opener"))
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
        if not before or not before[-1].isspace():
            if prev is None:
                elem.text = (before or "") + pad
            else:
                prev.tail = (before or "") + pad
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


#: What frames a telegram's text (a div holding only these needs an empty ``p``).
_FRAME = frozenset(_T + n for n in ("head", "closer", "postscript"))

#: Line kinds that are about the source, not the transmission: ``note[@type]`` of
#: ``sourceDesc/bibl`` with ``@subtype`` :data:`TRANSCRIBED` (their words are the page's).
SOURCE_NOTES = {"partial": "partialExtract", "preview": "preview", "wrapper": "record"}
TRANSCRIBED = "transcribed"

_MERGED = frozenset({"to", "info", "xmt", "ref", "refs", "classified_by", "tags", "eo",
                     "subject", "partial", "preamble", "distribution", "heading", "signature"})


class _TextWriter:
    """Writes ``front`` and ``body`` from the pieces of the cable, every word in its order."""

    def __init__(self, cable: Cable, links: Links) -> None:
        self.cable = cable
        self.links = links
        self.marks = _marks(cable, links)
        self.notes: list[etree._Element] = []  # editorial notes about the source
        self.ids: set[str] = set()
        self.pages: set[int] = set()  # pages whose pb is written
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
        if all(child.tag in _FRAME for child in div):  # a div needs a block of text
            bottom = [i for i, child in enumerate(div) if child.tag != _T + "head"]
            p = _el(None, "p")
            div.insert(bottom[0] if bottom else len(div), p)
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
        if kind in SOURCE_NOTES:
            self._source_note(piece, last)
        elif kind in ("continuation", "page"):
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

    def _source_note(self, piece: _Piece, last: tuple[str, etree._Element] | None) -> None:
        """A line about the source (partial-extract notice, preview, copied record): a note
        of ``sourceDesc/bibl``, lines of one run joined by ``lb``."""
        if last is not None:  # the header is indented by etree.indent: no layout() here
            _append_text(last[1], "\n")
            _el(last[1], "lb")
            _append_text(last[1], "\n")
            elem = last[1]
        else:
            elem = _el(None, "note", type=SOURCE_NOTES[piece.kind], subtype=TRANSCRIBED)
            self.notes.append(elem)
        _markup(elem, piece, [])
        self.last = (piece.kind, elem)

    def unique(self, base: str) -> str:
        """``base``, or ``base_2``, ``base_3`` ... when an element already has it."""
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}_{n}"
        self.ids.add(ident)
        return ident

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
        signed = _el(self.bottom, "signed")
        ref = self.links.person(text)
        _el(signed, "persName", text, **({"ref": ref} if ref else {}))
        self.last = ("signature", signed)

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
            base = f"p{ncname(para.number)}" if para.number else f"pu{self.count}"
            self.p = _start_paragraph(self.container, para, text, self.unique(base))
            self.p_end = para.span.end
        elif self.p is None or (self.blank and piece.start >= self.p_end):
            self.count += 1
            self.p = _el(self.container, "p", text, xml_id=self.unique(f"pu{self.count}"))
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
        _break(target, piece.kind, text, self.cable, piece.start, self.pages)


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


def _marks(cable: Cable, links: Links) -> list[Mark]:
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
            out += _address(addr, links.org(addr))
        if header.fm is not None:
            out += _find(header.fm, header.fm.address, "orgName", ref=links.org(header.fm))
    if body.eo is not None and body.eo.decl_raw:
        if body.eo.decl_date is not None:  # a date; free text (N/A, OADR, 1.6X1) is a seg
            out += _find(body.eo, body.eo.decl_raw, "date", type="declassify",
                         when=body.eo.decl_date.isoformat())
        else:
            out += _find(body.eo, body.eo.decl_raw, "seg", type="declassify")
    if body.refs is not None:
        out += _ref_marks(cable)
    if body.tags is not None:
        glosses = tag_glosses(cable)
        out += [(t.span.start, t.span.end, "term",
                 {"key": t.value, **({"ref": "#" + tag_id(t.value)} if t.value in glosses
                                     else {})})
                for t in body.tags.items]
    cb = body.classified_by
    if cb is not None and cb.classifier:
        ref = links.person(cb.classifier)
        out += _find(cb, cb.classifier, "persName", **({"ref": ref} if ref else {}))
    out.sort()
    return out


def _ref_marks(cable: Cable) -> list[Mark]:
    """``ref[@target='cable:ID']`` over each REF item that resolves to a cable; an item whose
    text holds the next one (``A. BRASILIA 2799 AND 2764``) ends where that one starts, one
    written on two lines at the end of its first, one that runs into the text (a reflowed
    page) at its serial."""
    refs = cable.body.refs
    assert refs is not None
    items = sorted(refs.items, key=lambda r: r.span.start)
    starts = [p.span.start for p in cable.body.paragraphs]  # where pieces are cut
    if cable.body.signature is not None:
        starts.append(cable.body.signature.span.start)
    out: list[Mark] = []
    for k, item in enumerate(items):
        if not item.reference_id:
            continue
        end = item.span.end
        if k + 1 < len(items) and items[k + 1].span.start < end:
            end = item.span.start + len(_JOINER.sub("", cable.text[item.span.start:
                                                                    items[k + 1].span.start]))
        newline = cable.text.find("\n", item.span.start, end)
        if newline >= 0:  # an item on two lines: its first line links (a mark is in one line)
            end = item.span.start + len(cable.text[item.span.start:newline].rstrip())
        if any(item.span.start < cut < end for cut in starts):  # it ran into the text
            at = item.raw.find(item.serial or "\0", len(item.label or ""))
            end = item.span.start + at + len(item.serial or "") if at >= 0 else min(
                cut for cut in starts if cut > item.span.start)
        if end > item.span.start:
            out.append((item.span.start, end, "ref",
                        {"type": "cable", "target": cable_uri(item.reference_id)}))
    return out


_JOINER = re.compile(r"[\s,;&]*(?:\b(?:AND|and)\b)?[\s,;&]*$")


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


def _address(addr: Address, ref: str) -> list[Mark]:
    out: list[Mark] = []
    pos = 0
    parts = [(addr.route, "idno", {"type": "routingIndicator"}),
             (addr.address, "orgName", {"ref": ref}),
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
                     ident: str) -> etree._Element:
    attrs: dict[str, Any] = {"xml_id": ident}
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


def _break(target: etree._Element, kind: str, text: str, cable: Cable, start: int,
           pages: set[int]) -> None:
    """A continuation header (``milestone`` + ``fw``) or page header (``pb`` + ``fw``; one
    ``pb`` per page, a page header written on two lines gives one)."""
    if kind == "continuation":
        conts = [c for c in cable.body.continuations if c.span.start >= start]
        n = str(conts[0].section) if conts else None
        _el(target, "milestone", unit="section", **({"n": n} if n else {}))
        _el(target, "fw", text, type="sectionHeader")
    else:
        found = [pg for pg in cable.body.pages if pg.span.end > start]
        page = found[0].page if found else None
        if page is None or page not in pages:
            _el(target, "pb", **({"n": str(page)} if page is not None else {}))
            if page is not None:
                pages.add(page)
        _el(target, "fw", text, type="pageHeader")

