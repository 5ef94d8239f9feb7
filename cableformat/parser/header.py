"""Layers L0 and L1: page chrome, the WikiLeaks metadata table and the transmission header.

The header is read line by line: every line is tried against the header productions of the
grammar in order; addressee lines continue the TO/INFO/XMT block they follow.  The header
ends at the classification banner (or at the first line that is no header production once
the header has begun).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from cableformat import grammar as g
from cableformat.model import Address, Header, PageHeader, RawField, SyntaxIssue, Wrapper, build
from cableformat.parser import fields as f
from cableformat.parser.lines import Doc

_ISO_MINUTE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2})$")
_US_MINUTE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}) ([0-9]{1,2}):([0-9]{2})\Z")
_ADDRESSEE_LINE = re.compile(r"^\s*[A-Z0-9][^a-z\t]{1,150}$")

# First characters that can open a header production once ``^\s*`` has matched (the guards
# of HeaderParser._line; tests/test_header_dispatch.py checks them over all code points)
_CLASS_HEADS = "TUCSLtucsl\u017f"
"""RE_BANNER, RE_CLASS_ALONE: a classification word, any case (re.I folds long s to s)."""
_PAGE_DATE_HEADS = "MTWFS"
"""RE_PAGE_DATE: Mon|Tues|Wednes|Thurs|Fri|Satur|Sun."""
_DTG_HEADS = "ZOPRzopr"
"""RE_DTG: a precedence letter [ZOPR], any case."""
_ADDRESS_HEADS = {"F": ("fm", g.RE_FM), "T": ("to", g.RE_TO), "I": ("info", g.RE_INFO),
                  "X": ("xmt", g.RE_XMT)}
"""RE_FM, RE_TO, RE_INFO, RE_XMT by their first letter."""
_NO_ADDRESS: tuple[str, re.Pattern[str] | None] = ("", None)


def find_metadata(doc: Doc) -> tuple[int, Wrapper | None]:
    """Mark chrome and the WikiLeaks metadata table; return the first line after them."""
    for i in range(doc.count):
        clean = doc.clean[i]
        if len(clean) > 200 or not g.RE_METADATA_HEAD.match(clean):
            if i > 400:
                break
            continue
        for k in range(i):
            doc.kinds[k] = "chrome"
        doc.kinds[i] = "metadata"
        wrapper = None
        j = i + 1
        if j < doc.count:
            m = g.RE_METADATA_ROW.match(doc.clean[j])
            if m:
                doc.kinds[j] = "metadata"
                wrapper = _wrapper_from_row(m)
                j += 1
        while j < doc.count and (
            doc.clean[j].startswith(("Appears in these articles", "http://", "https://"))
        ):
            doc.kinds[j] = "metadata"
            j += 1
        return j, wrapper
    return 0, None


def _wrapper_from_row(m: re.Match[str]) -> Wrapper:
    """Wrapper metadata from the value row of a WikiLeaks page text dump."""
    return build(Wrapper,
        kind="wikileaks-text",
        reference_id=m.group("reference_id"),
        created=parse_created(m.group("created")),
        created_raw=m.group("created"),
        released=m.group("released"),
        classification=m.group("classification"),
        origin=m.group("origin"),
    )


def parse_created(value: str | None) -> datetime | None:
    """A wrapper 'created' value (``YYYY-MM-DD HH:MM`` or ``M/D/YYYY H:MM``) as UTC."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_MINUTE.match(value)
    if m:  # the WikiLeaks table's form, by far the most common: no strptime
        try:
            return datetime(*map(int, m.groups()), tzinfo=UTC)  # type: ignore[misc]
        except ValueError:
            return None
    m = _US_MINUTE.match(value)
    if m:  # cables.csv's form: no strptime either (an impossible date falls through to it)
        mo, d, y, h, mi = (int(x) for x in m.groups())
        try:
            return datetime(y, mo, d, h, mi, tzinfo=UTC)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M", "%Y %b %d, %H:%M"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


class HeaderParser:
    """Reads FL1-FL9 from a start line; stops at the banner."""

    def __init__(self, doc: Doc, issues: list[SyntaxIssue], *, preamble: bool) -> None:
        self.doc = doc
        self.preamble = preamble
        self.issues = issues
        self.header = build(Header, to=[], info=[], xmt=[], partial=False)
        self.started = False
        self.block: list[Address] | None = None
        self.pages: list[PageHeader] = []
        self.block_role = ""

    def run(self, i: int, end: int) -> int:
        """Parse header lines ``i``..``end``; return the index of the first body line."""
        doc = self.doc
        while i < end:
            clean = doc.clean[i]
            text = clean.lstrip()  # the productions open with ``\s*``: ``text`` is the rest
            if not text:
                doc.kinds[i] = "blank"
                self.block = None  # addressee lists have no blank lines
                i += 1
                continue
            if text[0] in _CLASS_HEADS and g.RE_BANNER.match(clean):
                return i
            if len(clean) > g.MAX_FIELD_LINE:
                return i
            nxt = self._line(i, clean, text)
            if nxt is None:
                if not self.preamble:
                    return i
                self.doc.kinds[i] = "unknown"
                nxt = i + 1
            i = nxt
        return i

    def _line(self, i: int, clean: str, text: str) -> int | None:
        """Classify one header line; return the next line index, or None at header end.

        ``text`` is ``clean`` without its leading whitespace.  Productions are tried in
        order, each only when the first character of ``text`` can open it (see the
        ``_*_HEADS`` guards): a pattern skipped so would not have matched.
        """
        doc = self.doc
        h = self.header
        head = text[0]
        if self.block is not None and _routed_addressee(text):
            doc.kinds[i] = self.block_role  # RI/ADDRESSEE continuing a TO/INFO/XMT block
            self.block.append(f.parse_address(doc, i, 0, self.block_role))
            return i + 1
        if head in "Tt" and g.RE_PARTIAL.match(clean):  # "This record ...", any case
            doc.kinds[i] = "partial"
            h.partial = True
            return i + 1
        if head in _PAGE_DATE_HEADS and g.RE_PAGE_DATE.match(clean):
            doc.kinds[i] = "chrome"
            return i + 1
        page = g.RE_PAGE.match(clean) if head == "P" else None
        if page is not None:
            self.pages.append(f.parse_page(doc, page, i))
        if page is not None or (head in _CLASS_HEADS and g.RE_CLASS_ALONE.match(clean)):
            doc.kinds[i] = "page"
            return i + 1
        if head == "V":
            m = g.RE_TID.match(clean)
            if m and h.tid is None:
                return self._set(i, "tid", doc.field(RawField, doc.starts[i],
                                                     doc.content_end[i]))
        if head == "D":
            m = g.RE_DE.match(clean)
            if m or g.RE_DE_ANY.match(clean):
                return self._set(i, "de", f.parse_de(doc, m, i))
        if text.startswith("ZN"):  # a security line counts only when it starts so
            m = g.RE_SECURITY.match(clean)
            if m:
                return self._set(i, "security", f.parse_security(doc, m, i))
        if head in _DTG_HEADS:
            m = g.RE_DTG.match(clean)
            if m and h.dtg is None:
                return self._set(i, "dtg", f.parse_dtg(doc, m, i))
        if "A" <= head <= "Z":  # RE_ROUTING: prosign of two ASCII capitals
            m = g.RE_ROUTING.match(clean)
            if m and h.routing is None and h.dtg is None and h.de is None:
                cont = []
                k = i + 1
                while k < doc.count and g.RE_ROUTING_CONT.match(doc.clean[k]) and not (
                    g.RE_DE_ANY.match(doc.clean[k]) or g.RE_TID.match(doc.clean[k])
                ):
                    cont.append(k)
                    doc.kinds[k] = "routing"
                    k += 1
                self._set(i, "routing", f.parse_routing(doc, m, i, cont))
                return k
        return self._address_line(i, clean, head)

    def _set(self, i: int, name: str, node: object) -> int:
        """Store a single-line header production."""
        setattr(self.header, name, node)
        self.doc.kinds[i] = name
        self.started = True
        self.block = None
        return i + 1

    def _address_line(self, i: int, clean: str, head: str) -> int | None:
        """FM, TO, INFO, XMT lines and the addressee lines that continue them."""
        doc = self.doc
        h = self.header
        # FM, TO, INFO and XMT open with different letters: at most one can match
        name, regex = _ADDRESS_HEADS.get(head, _NO_ADDRESS)
        m = regex.match(clean) if regex is not None else None
        if m is not None:
            if name == "info" and h.dtg is None and h.fm is None:
                doc.kinds[i] = "distribution"
                return i + 1
            doc.kinds[i] = name
            self.started = True
            rest_col = m.start("rest")
            if name in ("to", "info") and g.RE_PAGE.match(clean[rest_col:]):
                self._issue(i, rest_col, "H101", "page header inside the addressee block",
                            "remove the PAGE fragment")
                self.block = getattr(h, name)
                return i + 1
            addr = f.parse_address(doc, i, rest_col, name)
            if name == "fm":
                h.fm = addr
                self.block = None
            else:
                self.block = getattr(h, name)
                self.block.append(addr)
                self.block_role = name
            return i + 1
        if self.block is not None and g.RE_ADDRESS_NOTE.match(clean):
            doc.kinds[i] = "distribution"  # STATE GRNC: a handling note, not an addressee
            self.block = None
            return i + 1
        if self.block is not None and _ADDRESSEE_LINE.match(clean):
            doc.kinds[i] = self.block_role
            self.block.append(f.parse_address(doc, i, 0, self.block_role))
            return i + 1
        if not self.started and self.preamble:
            doc.kinds[i] = "preamble"
            return i + 1
        return None

    def _issue(self, i: int, col: int, code: str, message: str, hint: str | None) -> None:
        """Record a grammar violation at clean column ``col`` of line ``i``."""
        doc = self.doc
        self.issues.append(build(SyntaxIssue,
            code=code, start=doc.offset(i, col), end=doc.content_end[i], message=message,
            hint=hint,
        ))

    def result(self) -> Header | None:
        """The header, or None when no header production was found."""
        h = self.header
        if not self.started and not h.partial:
            return None
        return h


def _routed_addressee(head: str) -> bool:
    """``RUEHAK/AMEMBASSY ANKARA ...``: a routing indicator and a slash open the line.

    ``head`` is the line without its leading whitespace.  No other header line has a slash
    in its first word (``XMT/`` excepted), so addressee lines, most of a header, skip the
    other productions' patterns.
    """
    slash = head.find("/", 0, 9)
    if slash < 4 or head.startswith("XMT"):
        return False
    space = head.find(" ", 0, slash)
    return space == -1 and head[:slash].isalnum() and head[:slash].isupper()
