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
from cableformat.model import (
    DTG,
    Address,
    Header,
    PageHeader,
    RawField,
    SyntaxIssue,
    Wrapper,
    build,
)
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
        released_at=parse_created(m.group("released")),
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
                if not (self.preamble and not self.started and i + 1 < end):
                    return i
                doc.kinds[i] = "unknown"  # a post's routing slip repeats the banner before
                i += 1  # the header; the banner that opens the text is at ``end``
                continue
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
                self.block_role = name
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


_TOKEN = re.compile(r"\S+")
_BLOCK_TIME = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{2})Z$")
_BLOCK_SIGNAL = re.compile(r"^Z[A-Z]{2}[0-9]?$")
_BLOCK_LINES = 30
"""Lines after the distribution mark that may hold the DTG and the addressees."""
_BLOCK_TOKENS = 400
_ROLE_WORDS = {"TO": "to", "INFO": "info", "XMT": "xmt"}
# (word, line index, start column, end column, opens a line)
_Token = tuple[str, int, int, int, bool]


def header_in_text(doc: Doc, start: int, header: Header | None) -> Header | None:
    """DTG and addressees from an old-format distribution block inside the text.

    Old cables (and the later copies of them in WikiLeaks partial extracts) carry the office
    distribution list, a rule ``------------------70C954 071049Z /38`` and then the DTG, FM,
    TO and INFO lines; reflowed pages run them into one line.  When the page has no DTG in
    its header, the first such block from line ``start`` on supplies it: the header that is
    returned (``header`` filled in, or a new one) has ``in_text`` set.  Linear: ``str.find``
    goes from dash run to dash run, one marker search per line that holds one, a bounded
    token walk per marker.
    """
    if (header is not None and header.dtg is not None) or start >= doc.count:
        return None
    text = doc.text
    pos = doc.starts[start]
    while True:  # str.find skips the lines without a dash run at C speed
        at = text.find("------", pos)
        if at < 0:
            return None
        i = doc.line_of(at)
        pos = doc.starts[i + 1]
        clean = doc.clean[i]
        mark = g.RE_DISTRIBUTION_MARK.search(clean) if len(clean) <= 4 * g.MAX_FIELD_LINE \
            else None
        if mark is None:
            continue
        found = _read_block(doc, _block_tokens(doc, i, mark.end()))
        if found is None:
            continue
        dtg, fm, roles = found
        h = header if header is not None else build(Header, to=[], info=[], xmt=[])
        h.dtg = dtg
        h.fm = h.fm or fm
        for role, addresses in roles.items():
            if not getattr(h, role):
                setattr(h, role, addresses)
        h.in_text = True
        return h


def _block_tokens(doc: Doc, i: int, col: int) -> list[_Token]:
    """Words after the distribution mark, up to a blank line, the banner or a bound."""
    tokens: list[_Token] = []
    k = i
    while k < doc.count and k < i + _BLOCK_LINES and len(tokens) < _BLOCK_TOKENS:
        clean = doc.clean[k]
        if k > i and (not clean.strip() or g.RE_BANNER.match(clean)):
            break
        first = True
        for m in _TOKEN.finditer(clean, col if k == i else 0):
            tokens.append((m.group(), k, m.start(), m.end(), first and k > i))
            first = False
            if len(tokens) >= _BLOCK_TOKENS:
                break
        k += 1
    return tokens


def _read_block(
    doc: Doc, tokens: list[_Token]
) -> tuple[DTG, Address | None, dict[str, list[Address]]] | None:
    """DTG, FM and addressees from the words of a block; None unless a DTG and FM open it."""
    n = len(tokens)
    k = 0
    precs = []
    while k < n and len(precs) < 2 and tokens[k][0] in g.PRECEDENCE_LETTERS:
        precs.append(tokens[k][0])
        k += 1
    if not precs or k + 3 > n:
        return None
    time = _BLOCK_TIME.match(tokens[k][0])
    month, year = tokens[k + 1][0], tokens[k + 2][0]
    if time is None or month not in g.MONTHS or not (year.isdigit() and len(year) == 2):
        return None
    last = k + 2
    while last + 1 < n and _BLOCK_SIGNAL.match(tokens[last + 1][0]):
        last += 1
    if last + 1 >= n or tokens[last + 1][0] != "FM":
        return None
    day, hour, minute = (int(x) for x in time.groups())
    full_year = f.two_digit_year(int(year))
    first_tok, end_tok = tokens[0], tokens[last]
    signal = " ".join(t[0] for t in tokens[k + 3 : last + 1]) or None
    dtg = _field(doc, first_tok, end_tok, DTG, precedences=precs, day=day, hour=hour,
                 minute=minute, month=month, year=full_year, signal=signal,
                 value=f.dtg_datetime(day, hour, minute, month, full_year))
    role, groups = "fm", {"fm": [], "to": [], "info": [], "xmt": []}
    current: list[_Token] = []
    for tok in tokens[last + 2 :]:
        word = tok[0]
        if word in _ROLE_WORDS and (role == "fm" or _ROLE_WORDS[word] != role):
            _flush(groups[role], current)
            role = _ROLE_WORDS[word]
            continue
        if current and role != "fm" and (tok[4] or _opens_address(word, current)):
            _flush(groups[role], current)
        current.append(tok)
    _flush(groups[role], current)
    fm = _address(doc, groups["fm"][0], "fm") if groups["fm"] else None
    roles = {r: [_address(doc, toks, r) for toks in groups[r]] for r in ("to", "info", "xmt")}
    return dtg, fm, roles  # type: ignore[return-value]


def _opens_address(word: str, current: list[_Token]) -> bool:
    """Whether ``word`` starts a new addressee after the words in ``current``."""
    prev = current[-1][0]
    if word in g.PLA_HEADS:
        return True
    if prev == "COLLECTIVE" or (prev.isdigit() and len(prev) == 4):
        return True
    return prev in g.PRECEDENCE_WORDS and not word.isdigit()


def _flush(group: list[list[_Token]], current: list[_Token]) -> None:
    """Close the addressee being collected (only words on one line make one addressee)."""
    if current:
        group.append(current[:])
        current.clear()


def _field(doc: Doc, first: _Token, last: _Token, cls: type, **values: object) -> object:
    """Node ``cls`` from token ``first`` to token ``last`` (cut at the end of first's line)."""
    line = first[1]
    end_col = last[3] if last[1] == line else len(doc.clean[line].rstrip())
    return doc.field_on(cls, line, doc.offset(line, first[2]), doc.offset(line, end_col),
                        **values)


def _address(doc: Doc, toks: list[_Token], role: str) -> Address:
    """An addressee from its words: precedence word and MCN apart, as on a TO line."""
    words = [t[0] for t in toks]
    mcn = prec = None
    if len(words) >= 2 and words[-1].isdigit() and len(words[-1]) <= 5:
        mcn = words.pop()
    if len(words) >= 3 and words[-2:] == ["NIACT", "IMMEDIATE"]:
        prec = "NIACT IMMEDIATE"
        del words[-2:]
    elif len(words) >= 2 and words[-1] in g.PRECEDENCE_WORDS:
        prec = words.pop()
    return _field(doc, toks[0], toks[-1], Address, route=None,  # type: ignore[return-value]
                  address=" ".join(words), precedence=prec, mcn=mcn, role=role)
