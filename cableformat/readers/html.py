"""WikiLeaks cable pages (Cablegate 2010-11 template) and 1970s PlusD pages.

Everything is done with ``str.find`` and anchored regexes over the page text (no DOM):

* Cablegate page: metadata table ``<table class='cable'>`` (``<th>`` names, one ``<td>`` row),
  then one or two ``<code><pre>`` blocks (header, body; a single block is the body).
* PlusD page: ``s_key``/``s_val`` metadata divs and the "Raw content" pane, which holds the
  whole telegram (header and text) as real lines.

Inside the cable text, tags are dropped (link text kept), ``¶`` paragraph anchors are dropped
whole, entities are decoded (``&#x000A;`` is the newline), ``<br>`` counts as a line break only
when no newline follows it.  Every character of the extracted text maps back to the page.

Choice for pages without a cable: a page with neither a cable table, a ``<pre>`` block nor a
PlusD content pane raises :class:`ReadError` ``X003``; a page with metadata but no cable text
(or cut before it) gives a :class:`Source` with empty text and a note (``X003``/``X004``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape

from cableformat.source import OffsetMapBuilder, ReadError, Source, WrapperMeta

_TABLE = re.compile(r"""<table\s+class\s*=\s*['"]?cable\b""", re.I)
_TABLE_END = re.compile(r"</table\s*>", re.I)
_PRE = re.compile(r"<pre\b", re.I)
_PRE_END = re.compile(r"</pre\s*>", re.I)
_TH = re.compile(r"<th\b", re.I)
_TH_END = re.compile(r"</th\s*>", re.I)
_TD = re.compile(r"<td\b", re.I)
_TD_END = re.compile(r"</td\s*>", re.I)
_A_END = re.compile(r"</a\s*>", re.I)
#: The most text a paragraph anchor dropped as a "¶" anchor may hold (``&#182;``, spaces);
#: bounds the work per anchor on hostile pages.
_ANCHOR_TEXT_MAX = 200
_DIV_END = re.compile(r"</div\s*>", re.I)
_TAG_RUN = re.compile(r"\s*<[^<>]*>\s*")
_NL = "&#x000A;"  # how WikiLeaks pages write a newline inside <pre>
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});")
_PAR_ATTR = re.compile(r"""(?:\bid|\bname)\s*=\s*['"]?par[0-9]|\bhref\s*=\s*['"]?#par[0-9]""", re.I)
_NEWLINE_AFTER = re.compile(r"[ \t]*(?:\r|\n|&#[xX]0*[aA];|&#0*10;)")
_PLUSD_RAW = re.compile(
    r"""<div\s+class="pane-header">\s*Raw content\s*</div>\s*<div\s+class="pane-content">"""
    r"""\s*<div\s+class="text-content">""",
    re.I,
)
_PLUSD_HEADER = re.compile(r"""<div\s+class="text-header[^"]*">""", re.I)
_PLUSD_BODY = re.compile(r"""<div\s+id="tagged-text">""", re.I)
_PLUSD_KEY = re.compile(r'<div\s+class="s_key">\s*<a\s+class="i"\s+title="([^"<>]*)"', re.I)
_PLUSD_VAL = re.compile(r"""<div\s+class="s_val"[\s>]""", re.I)
_PLUSD_META = re.compile(r"""<div\s+class="pane-header">\s*Metadata\s*</div>""", re.I)
_PLUSD_REFERENCE = re.compile(r"^Reference: ([^\r\n<]*)", re.M)

_TABLE_FIELDS = {
    "reference id": "reference_id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}
#: The header row of every Cablegate page's table, and the names _cells reads from it.
_CABLEGATE_HEAD = (
    "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n"
    "<th>Classification</th>\n<th>Origin</th>\n</tr>"
)
_CABLEGATE_NAMES = ("reference id", "created", "released", "classification", "origin")
_PLUSD_FIELDS = {
    "canonical id": "reference_id",
    "date": "created",
    "original classification": "classification",
    "from": "origin",
}


class _Extract:
    """Decoded text pieces plus their offset map, built while scanning page markup."""

    __slots__ = ("_a_end", "builder", "parts", "truncated")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.builder = OffsetMapBuilder()
        self.truncated = False
        #: The last ``</a>`` search: (where it started and ended, what it found).  Anchors come
        #: in page order, so a later anchor before that ``</a>`` reuses it.
        self._a_end: tuple[int, int, re.Match[str] | None] = (-1, -1, None)

    def text(self) -> str:
        """The text extracted so far."""
        return "".join(self.parts)

    def add_literal(self, page: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append(page[start:end])
            self.builder.literal(start, end - start)

    def add_replaced(self, value: str, file_start: int) -> None:
        if value:
            self.parts.append(value)
            self.builder.replaced(file_start, len(value))

    def decode(self, page: str, start: int, end: int) -> None:
        """Append the text of ``page[start:end]``: tags dropped, entities decoded."""
        # Hot loop (hundreds of lines a page): jump from tag to tag with str.find; the text
        # between two tags is mostly one run of plain text and "&#x000A;" newlines.
        find = page.find
        pos = start
        while pos < end:
            lt = find("<", pos, end)
            if lt < 0:
                lt = end
            if lt > pos:
                self._text(page, pos, lt)
                if lt == end:
                    return
            pos = self._tag(page, lt, end)
            if pos < 0:  # the page is cut inside this tag
                self.truncated = True
                return

    def _text(self, page: str, pos: int, stop: int) -> None:
        """Append ``page[pos:stop]`` (no ``<`` in it): newline runs, literals and entities."""
        chunk = page[pos:stop]
        if "&" not in chunk:
            self.parts.append(chunk)
            self.builder.literal(pos, len(chunk))
            return
        piece = chunk.replace(_NL, "\n")
        if "&" not in piece:
            # every "&" started an encoded newline, so the chunk is a single run, as the
            # scan below would find it
            self.parts.append(piece)
            self.builder.newline_run(pos, len(piece))
            return
        # Rare: another "&" (an entity, a bare "&") ends the run.  Each "&" is looked at once.
        find = page.find
        startswith = page.startswith
        while pos < stop:
            amp = find("&", pos, stop)
            while amp >= 0 and startswith(_NL, amp, stop):
                amp = find("&", amp + 8, stop)
            if amp < 0:
                amp = stop
            if amp > pos:
                run = page[pos:amp]
                if _NL in run:
                    piece = run.replace(_NL, "\n")
                    self.parts.append(piece)
                    self.builder.newline_run(pos, len(piece))
                else:
                    self.parts.append(run)
                    self.builder.literal(pos, len(run))
            if amp == stop:
                return
            pos = self._entity(page, amp, stop)  # an entity holds no "<": stop bounds it

    def _entity(self, page: str, i: int, end: int) -> int:
        em = _ENTITY.match(page, i, end)
        if em is not None:
            raw = em.group()
            value = unescape(raw)
            if value != raw:
                self.add_replaced(value, i)
                return em.end()
        self.add_literal(page, i, i + 1)
        return i + 1

    def _tag(self, page: str, i: int, end: int) -> int:
        """Handle markup at ``page[i] == '<'``; return where to go on (-1: cut mid-tag)."""
        # Links are most of the markup in a cable: "</a>" and "<a " are taken as _TAG
        # would read them (name "a", closing or opening) without the regex.
        if page.startswith("</a>", i, end):
            return i + 4
        if page.startswith("<a ", i, end):
            name, opening, after = "a", True, i + 2
        else:
            tm = _TAG.match(page, i, end)
            if tm is None:
                if page.startswith("<!--", i):
                    close = page.find("-->", i + 4, end)
                    return -1 if close < 0 else close + 3
                if page.startswith(("<!", "<?"), i):
                    gt = page.find(">", i, end)
                    return -1 if gt < 0 else gt + 1
                self.add_literal(page, i, i + 1)  # "<<223100>>", "< /a>": text, as in a browser
                return i + 1
            name, opening, after = tm.group(2).lower(), not tm.group(1), tm.end()
        gt = page.find(">", after, end)
        if gt < 0:
            return -1
        if (
            name == "a"
            and opening
            and "par" in page[after:gt].lower()  # cheap: every _PAR_ATTR match holds it
            and _PAR_ATTR.search(page, after, gt)
        ):
            if page.startswith("¶</a>", gt + 1, end):  # the usual anchor: text "¶" only
                return gt + 6
            close = self._next_a_end(page, gt + 1, end)
            if close is None:
                return -1
            if close.start() - gt - 1 <= _ANCHOR_TEXT_MAX:  # longer: not a "¶" anchor
                inner = page[gt + 1 : close.start()]
                if not unescape(inner).strip(" \t\r\n¶"):
                    return close.end()  # the whole "¶" anchor goes
        elif name == "br" and opening and not _NEWLINE_AFTER.match(page, gt + 1, end):
            self.add_replaced("\n", i)
        return gt + 1

    def _next_a_end(self, page: str, start: int, end: int) -> re.Match[str] | None:
        """The first ``</a>`` in ``page[start:end]``; each stretch of the page is searched
        once, however many anchors share one far-away ``</a>`` (linear on hostile pages)."""
        searched_from, searched_to, found = self._a_end
        if searched_to == end and 0 <= searched_from <= start and (
            found is None or found.start() >= start
        ):
            return found
        found = _A_END.search(page, start, end)
        self._a_end = (start, end, found)
        return found


def _cell_value(page: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The text of a table cell or div (tags dropped, stripped) and its span in the page."""
    raw = page[start:end]
    if "&" not in raw:  # fast path: the value is one run of text between tags
        value = _TAG_RUN.sub(" ", raw).strip()
        at = raw.find(value) if value and "  " not in value else -1
        if at >= 0:
            return value, (start + at, start + at + len(value))
        if not value:
            return None
    ex = _Extract()
    ex.decode(page, start, end)
    text = ex.text()
    value = text.strip()
    if not value:
        return None
    lead = len(text) - len(text.lstrip())
    omap = ex.builder.build(text)
    return value, (omap.to_file(lead), omap.to_file(lead + len(value) - 1) + 1)


def _cells(
    page: str, start: int, end: int, opener: re.Pattern[str], closer: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    """Yield the (content_start, content_end) of each ``<th>``/``<td>`` in ``page[start:end]``."""
    pos = start
    while True:
        m = opener.search(page, pos, end)
        if m is None:
            return
        gt = page.find(">", m.end(), end)
        if gt < 0:
            return
        close = closer.search(page, gt + 1, end)
        cend = close.start() if close else end
        yield gt + 1, cend
        if close is None:
            return
        pos = close.end()


def _table_meta(page: str, start: int) -> tuple[dict[str, str], dict[str, tuple[int, int]], int]:
    """Read the ``<table class='cable'>`` at ``start``: values, spans, end of the table."""
    close = _TABLE_END.search(page, start)
    end = close.end() if close else len(page)
    head_end = start + len(_CABLEGATE_HEAD)
    names: Iterable[str]
    if page.startswith(_CABLEGATE_HEAD, start) and _TH.search(page, head_end, end) is None:
        # The template's header row (it holds no "</table", so it ends before ``end``) and
        # no <th> after it: these are the names the cell scan below would read.
        names = _CABLEGATE_NAMES
    else:
        names = []
        for cs, ce in _cells(page, start, end, _TH, _TH_END):
            cell = _cell_value(page, cs, ce)
            names.append(cell[0].lower() if cell else "")
    values: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for name, (cs, ce) in zip(names, _cells(page, start, end, _TD, _TD_END), strict=False):
        field = _TABLE_FIELDS.get(name)
        cell = _cell_value(page, cs, ce) if field else None
        if field and cell:
            values[field], spans[field] = cell
    return values, spans, end


def _pre_blocks(page: str, start: int) -> list[tuple[int, int, bool]]:
    """``(content_start, content_end, closed)`` of every ``<pre>`` block after ``start``."""
    blocks = []
    pos = start
    while True:
        m = _PRE.search(page, pos)
        if m is None:
            return blocks
        gt = page.find(">", m.end())
        if gt < 0:
            return blocks
        close = _PRE_END.search(page, gt + 1)
        if close is None:
            blocks.append((gt + 1, len(page), False))
            return blocks
        blocks.append((gt + 1, close.start(), True))
        pos = close.end()


def read_html(page: str, name: str) -> Source:
    """Extract the cable of a decoded WikiLeaks (or PlusD) page as a :class:`Source`.

    Raises :class:`ReadError` ``X003`` when the page holds no cable at all.
    """
    found = page.find("<table class='cable'")
    table = _TABLE.search(page, found) if found >= 0 else _TABLE.search(page)
    if table is None and (_PLUSD_RAW.search(page) or _PLUSD_KEY.search(page)):
        return _read_plusd(page, name)
    values: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    start = 0
    if table is not None:
        values, spans, start = _table_meta(page, table.start())
    blocks = _pre_blocks(page, start)
    if table is None and not blocks:
        raise ReadError(name, "X003", "not a cable page: no metadata table and no <pre> block")
    wrapper = WrapperMeta(kind="wikileaks-html", spans=spans, **values) if table else None
    notes: list[tuple[str, str, int]] = []
    ex = _Extract()
    if len(blocks) >= 2:
        hs, he, closed = blocks[0]
        ex.decode(page, hs, he)
        if ex.parts and not ex.parts[-1].endswith("\n"):
            ex.add_replaced("\n", he)
        blocks = blocks[1:]
    if len(blocks) > 1:
        notes.append(("X011", f"{len(blocks) + 1} <pre> blocks; the first two were used", 0))
    body_start = sum(len(p) for p in ex.parts) if ex.parts else None
    if blocks:
        bs, be, closed = blocks[0]
        ex.decode(page, bs, be)
        ex.truncated = ex.truncated or not closed
    if ex.truncated:
        notes.append(("X004", "truncated HTML: the page ends inside the cable text", len(page)))
    elif not blocks and not _has_end(page):
        notes.append(("X004", "truncated HTML: the page ends before the cable text", len(page)))
    elif not blocks:
        notes.append(("X003", "no cable text: the page has no <pre> block", start))
    text = ex.text()
    return Source(
        text=text,
        name=name,
        input_format="wikileaks-html",
        wrapper=wrapper,
        file_text=page,
        offsets=ex.builder.build(text),
        notes=notes,
        body_start=body_start,
    )


def _has_end(page: str) -> bool:
    return page.rstrip()[-7:].lower() == "</html>"


def _read_plusd(page: str, name: str) -> Source:
    """A PlusD page: metadata divs and the "Raw content" pane (header and text as lines)."""
    values: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    while (key := _PLUSD_KEY.search(page, pos)) is not None:
        pos = key.end()
        field = _PLUSD_FIELDS.get(key.group(1).strip().lower())
        val = _PLUSD_VAL.search(page, pos)
        if val is None:
            break
        if field is None or field in values:
            continue
        gt = page.find(">", val.end())
        close = _DIV_END.search(page, gt + 1) if gt >= 0 else None
        if close is None:
            break
        cell = _cell_value(page, gt + 1, close.start())
        if cell:
            values[field], spans[field] = cell
        pos = close.end()
    meta = _PLUSD_META.search(page)
    if meta is not None:
        ref = _PLUSD_REFERENCE.search(page, meta.end())
        if ref is not None and ref.group(1).strip().lower() not in ("", "n/a"):
            values["references"] = ref.group(1).strip()
            spans["references"] = (ref.start(1), ref.start(1) + len(values["references"]))
    ex = _Extract()
    notes: list[tuple[str, str, int]] = []
    raw = _PLUSD_RAW.search(page)
    if raw is not None:
        _decode_div(page, raw.end(), ex)
    else:
        head = _PLUSD_HEADER.search(page)
        body = _PLUSD_BODY.search(page)
        if head is not None:
            head_end = _decode_div(page, head.end(), ex)
            if ex.parts and not ex.parts[-1].endswith("\n"):
                ex.add_replaced("\n", head_end)
        if body is not None:
            _decode_div(page, body.end(), ex)
        if head is None and body is None:
            notes.append(("X003", "no cable text: no content pane in the PlusD page", 0))
    if ex.truncated:
        notes.append(("X004", "truncated HTML: the page ends inside the cable text", len(page)))
    text = ex.text()
    return Source(
        text=text,
        name=name,
        input_format="plusd-html",
        wrapper=WrapperMeta(kind="plusd-html", spans=spans, **values),
        file_text=page,
        offsets=ex.builder.build(text),
        notes=notes,
    )


def _decode_div(page: str, start: int, ex: _Extract) -> int:
    """Decode a PlusD text div from ``start`` to its ``</div>``; return where the text ends."""
    close = _DIV_END.search(page, start)
    end = close.start() if close else len(page)
    ex.truncated = ex.truncated or close is None
    ex.decode(page, start, end)
    return end
