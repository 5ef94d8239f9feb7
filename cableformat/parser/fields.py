"""Field recognisers: turn the text of one production into its model node.

Each ``parse_<production>`` takes the :class:`~cableformat.parser.lines.Doc`, and the match
or joined text of the field, and returns the model node with raw text, span and normalised
values.  Nothing here decides whether a value is acceptable: rules do that on the model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import pairwise

from cableformat import grammar as g
from cableformat.model import (
    DTG,
    Address,
    Banner,
    ClassifiedBy,
    ContinuationHeader,
    DELine,
    EOLine,
    PageHeader,
    RawField,
    Reference,
    Refs,
    RoutingLine,
    SecurityLine,
    Subject,
    Tag,
    Tags,
)
from cableformat.parser.lines import Doc
from cableformat.reference import (
    canonical_office,
    country,
    country_code_by_name,
    iso_to_fips,
    known_office,
    office_id,
    split_tags,
    suggest_tag,
    tag_info,
)

_WS = re.compile(r"\s+")
_SPACE_TOKEN = re.compile(r"[^\s,;]+")
_COMMA_ITEM = re.compile(r"[^,;]+")
_PAREN_GROUP = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"\([^()]*\)|[^\s(]+")
"""A word of a TAGS item: a parenthesised group (a person's name) or a run of non-space."""
_CODE_OR_GROUP = re.compile(r"(?:[A-Za-z0-9]{2,5}|\([^()]*\))$")
"""A word that is a tag code or a parenthesised name: such words are separate tags."""
_SIGNAL = re.compile(r"Z[A-Z]{2}")
_SPACED = re.compile(r"[A-Za-z] [A-Za-z] [A-Za-z]")
_LEADING_PORTION = re.compile(r"^\s*\((?P<mark>[A-Z/]{1,12})\)\s*")
_REF_LABEL = re.compile(
    r"(?<![A-Za-z0-9'])(?:\((?P<a>[A-Za-z]|[0-9]{1,2})\)|(?P<b>[A-Za-z])(?:\.\)|[.):])"
    r"|\[(?P<c>[A-Za-z])\])"
    r"(?=\s|[A-Z0-9(])(?![A-Z]\.)"
)
_LEVEL_WORDS = {
    "UNCLAS": "UNCLASSIFIED",
    "UNCLASSIFIED": "UNCLASSIFIED",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "SECRET": "SECRET",
    "TOPSECRET": "TOP SECRET",
    "LIMITEDOFFICIALUSE": "LIMITED OFFICIAL USE",
}


class JoinedMap:
    """Maps offsets of a :class:`Joined` text back to cable-text offsets, piece by piece.

    Nothing is computed per character: a lookup finds the piece by bisection and asks the
    document for the offset of that clean column (separators map to their piece's start).
    """

    __slots__ = ("_doc", "_pieces", "_starts", "first_line")

    def __init__(self, doc: Doc, pieces: list[tuple[int, int, int, int]]) -> None:
        self._doc = doc
        self._pieces = pieces
        self._starts = [p[0] for p in pieces]
        # the line where the text starts: a hint for Doc.field_on, which checks it
        self.first_line = pieces[0][1] if pieces else 0

    def to_file(self, offset: int) -> int:
        """Cable-text offset of joined-text ``offset``."""
        pieces = self._pieces
        if not pieces:
            return 0
        # one piece (a field on one line, the common case): the search would find piece 0
        k = max(0, bisect_right(self._starts, offset) - 1) if len(pieces) > 1 else 0
        start, line, col, length = pieces[k]
        return self._doc.offset(line, col + max(0, min(offset - start, length)))

    def line_gaps(self) -> list[int]:
        """Joined-text offsets of pieces that follow a skipped (blank) line."""
        pieces = self._pieces
        return [p[0] for q, p in pairwise(pieces) if p[1] > q[1] + 1]


class Joined:
    """Text of a field that spans several lines, with a map back to cable-text offsets."""

    __slots__ = ("_doc", "_len", "_pieces", "parts", "text")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._pieces: list[tuple[int, int, int, int]] = []
        self._len = 0
        self._doc: Doc | None = None
        self.text = ""

    def add(self, doc: Doc, i: int, col: int, end_col: int, sep: str = " ") -> None:
        """Append clean columns ``col``..``end_col`` of line ``i``."""
        piece = doc.clean[i][col:end_col]
        if not piece:
            return
        self._doc = doc
        if self.parts and sep:
            self.parts.append(sep)
            self._len += len(sep)
        self.parts.append(piece)
        self._pieces.append((self._len, i, col, len(piece)))
        self._len += len(piece)

    def finish(self) -> JoinedMap:
        """Freeze: set :attr:`text` and return the offset map."""
        self.text = "".join(self.parts)
        assert self._doc is not None or not self._pieces
        return JoinedMap(self._doc, self._pieces)  # type: ignore[arg-type]


def two_digit_year(yy: int) -> int:
    """Expand a two-digit cable year: 66-99 -> 19YY, else 20YY."""
    return 1900 + yy if yy >= 66 else 2000 + yy


def parse_routing(doc: Doc, m: re.Match[str], i: int, cont: list[int]) -> RoutingLine:
    """FL2 with its continuation lines ``cont``."""
    ris = m.group("ris").split()
    for k in cont:
        ris.extend(doc.clean[k].split())
    end = doc.content_end[cont[-1]] if cont else doc.content_end[i]
    return doc.field_on(
        RoutingLine, i, doc.starts[i], end, prosign=m.group("prosign"), indicators=ris
    )


def parse_de(doc: Doc, m: re.Match[str] | None, i: int) -> DELine:
    """FL3; an unmatched DE line keeps only its raw text."""
    start, end = doc.starts[i], doc.content_end[i]
    if m is None:
        return doc.field_on(DELine, i, start, end)
    return doc.field_on(
        DELine,
        i,
        start,
        end,
        station=m.group("station"),
        ssn=m.group("ssn"),
        section=m.group("section"),
        julian_day=int(m.group("jday")),
        time=m.group("time"),
    )


def parse_security(doc: Doc, m: re.Match[str], i: int) -> SecurityLine:
    """FL4."""
    return doc.field_on(
        SecurityLine,
        i,
        doc.starts[i],
        doc.content_end[i],
        secop=m.group("secop"),
        letters=m.group("letters"),
        specat=m.group("specat"),
        signals=_SIGNAL.findall(m.group("signals")),
        note=m.group("note").strip() or None,
    )


def dtg_datetime(day: int, hour: int, minute: int, month: str, year: int) -> datetime | None:
    """The DTG as an aware UTC datetime, or None if the fields do not make a date."""
    mon = month.upper()
    if mon not in g.MONTHS:
        return None
    try:
        return datetime(year, g.MONTHS.index(mon) + 1, day, hour, minute, tzinfo=UTC)
    except ValueError:
        return None


def parse_dtg(doc: Doc, m: re.Match[str], i: int) -> DTG:
    """FL5."""
    year = int(m.group("year"))
    year = two_digit_year(year) if year < 100 else year
    day, hour, minute = int(m.group("day")), int(m.group("hour")), int(m.group("minute"))
    precs = [p.upper() for p in (m.group("prec"), m.group("prec2")) if p]
    return doc.field_on(
        DTG,
        i,
        doc.starts[i],
        doc.content_end[i],
        precedences=precs,
        value=dtg_datetime(day, hour, minute, m.group("month"), year) if m.group("zulu") else None,
        day=day,
        hour=hour,
        minute=minute,
        month=m.group("month"),
        year=year,
        signal=(m.group("signal") or "").strip() or None,
    )


def parse_address(doc: Doc, i: int, col: int, role: str) -> Address:
    """An addressee (or FM) from clean column ``col`` of line ``i`` to the end of the line."""
    clean = doc.clean[i]
    text = clean[col:].rstrip()
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    start = doc.offset(i, col + lead)
    end = doc.offset(i, col + lead + len(text))
    route = None
    m = g.RE_ADDRESSEE_ROUTE.match(text)
    if m:
        route = m.group("route")
        text = text[m.end() :]
    words = text.split()
    mcn = prec = garble = None
    if len(words) >= 2 and words[-1].isdigit() and len(words[-1]) <= 5:
        mcn = words.pop()
    if len(words) >= 2 and words[-2] == "NIACT" and words[-1] == "IMMEDIATE":
        prec = "NIACT IMMEDIATE"
        words = words[:-2]
    elif len(words) >= 2 and (
        words[-1] in g.PRECEDENCE_WORDS or words[-1] in g.PRECEDENCE_MISSPELLINGS
    ):
        prec = words.pop()
    for k in range(2, len(words)):  # LA PAZ SEP 8254, LA PAZ NOV LIMA 4449: a relay garble
        if words[k] in g.MONTHS and words[k - 1].isalpha():
            garble = " ".join(words[k:])
            del words[k:]
            break
    return doc.field_on(
        Address, i, start, end, route=route, address=" ".join(words), precedence=prec, mcn=mcn,
        role=role, garble=garble,
    )


def classification_level(word: str) -> str | None:
    """Normalised level of a banner word (spaced or not, any case)."""
    return _LEVEL_WORDS.get(word.replace(" ", "").upper())


def parse_banner(doc: Doc, m: re.Match[str], i: int) -> Banner:
    """The banner line up to the MRN serial; what follows is kept in ``trailing``."""
    cls = m.group("cls")
    start = doc.offset(i, m.start("cls"))
    end = doc.offset(i, m.end())
    trailing = doc.clean[i][m.end() :].strip() or None
    section = m.group("section")
    sections = m.group("sections")
    return doc.field_on(
        Banner,
        i,
        start,
        end,
        classification=classification_level(cls),
        classification_raw=cls,
        spaced=_SPACED.search(cls) is not None,
        efto=bool(m.group("efto")),
        section=int(section) if section else None,
        sections=int(sections) if sections else None,
        office=_WS.sub(" ", m.group("office").upper()),
        serial=m.group("serial"),
        trailing=trailing,
    )


def parse_continuation(
    doc: Doc, m: re.Match[str], i: int, inline: bool = False
) -> ContinuationHeader | None:
    """A section continuation header (a whole line, or run into a text line).

    The office is the longest run of words (at most 10 characters, same case) before the
    serial; prose run into the header is left out.
    """
    page = m.group("page")
    before = doc.clean[i][: m.start("serial")].rstrip()
    words = before[-40:].split()
    if not words:
        return None
    office = words.pop()
    upper = office.isupper()
    while words and words[-1].isupper() == upper and len(words[-1]) + 1 + len(office) <= 10:
        office = words.pop() + " " + office
    start = doc.offset(i, len(before) - len(office)) if inline or words else doc.starts[i]
    end = doc.offset(i, m.end()) if inline else doc.content_end[i]
    return doc.field_on(
        ContinuationHeader,
        i,
        start,
        end,
        office=office,
        serial=m.group("serial"),
        section=int(m.group("section")),
        page=int(page) if page else None,
        total=int(m.group("total")),
    )


def parse_page(doc: Doc, m: re.Match[str], i: int) -> PageHeader:
    """An old PAGE header."""
    office = m.group("office")
    return doc.field_on(
        PageHeader,
        i,
        doc.starts[i],
        doc.content_end[i],
        page=int(m.group("page")),
        office=office.strip() if office else None,
        serial=m.group("serial"),
    )


def _span_of(doc: Doc, omap: JoinedMap, a: int, b: int) -> tuple[int, int]:
    """Cable-text offsets of joined-text columns ``a``..``b``."""
    start = omap.to_file(a)
    end = omap.to_file(b - 1) + 1 if b > a else start
    return start, end


def field_bounds(omap: JoinedMap, text: str) -> tuple[int, int]:
    """Cable-text offsets covering the whole joined ``text``."""
    if not text:
        s = omap.to_file(0)
        return s, s
    return omap.to_file(0), omap.to_file(len(text) - 1) + 1


def parse_eo(doc: Doc, text: str, omap: JoinedMap) -> EOLine:
    """The E.O. line from its joined text."""
    start, end = field_bounds(omap, text.rstrip())
    m = g.RE_EO_BODY.match(text)
    keyword = m.group("keyword") if m else text[:4]
    order = m.group("order") if m else None
    rest = (m.group("rest") if m else "").strip()
    kind, value, when = _decl(rest)
    return doc.field_on(
        EOLine, omap.first_line, start, end, keyword=keyword, order=order, decl_raw=value,
        decl_kind=kind, decl_date=when,
    )


def _decl(rest: str) -> tuple[str | None, str | None, date | None]:
    """Classify the declassification part of an E.O. line: kind, value, date."""
    if not rest:
        return None, None, None
    if rest.upper().replace(" ", "").rstrip(".") in ("N/A", "NA"):  # N/ A (typed spaced)
        return "na", rest, None
    m = g.RE_DECL.match(rest)
    value = (m.group("value") if m else rest).strip()
    if not value:
        return "missing", rest, None
    token = value.split()[0].rstrip(".,;")
    d = g.RE_DATE_MDY.match(token)
    if d:
        return "date", value, _make_date(d.group("y"), d.group("m"), d.group("d"))
    d = g.RE_DATE_YMD.match(token)
    if d:
        return "date-ymd", value, _make_date(d.group("y"), d.group("m"), d.group("d"))
    if g.RE_DECL_EXEMPT.match(value.upper()):
        return "exemption", value, None
    if g.RE_DECL_SCHEDULE.match(value):
        return "schedule", value, None
    if value.upper().replace(" ", "").rstrip(".") in ("N/A", "NA"):
        return "na", value, None
    return "other", value, None


def _make_date(y: str, m: str, d: str) -> date | None:
    """A date from string parts; two-digit years expand like cable years."""
    year = int(y)
    if year < 100:
        year = two_digit_year(year) if year >= 66 else 2000 + year
    try:
        return date(year, int(m), int(d))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def tag_kind(token: str) -> str:
    """Which kind of TAG a normalised token is."""
    if " " in token:
        return "person" if token.startswith("OVIP") else "free"
    if token.startswith("OVIP"):
        return "person"
    if len(token) == 2 and token.isalpha():
        return "geographic"
    if token == "EUN":
        return "geographic"
    if len(token) == 4 and token.isalpha():
        known = tag_info(token)  # the TAGS table knows OSCE is an organisation, PGOV not
        if known is not None and known.kind in ("subject", "program", "organization"):
            return known.kind
        return "program" if token[0] == "K" else "subject" if token[0] in "ABCELMOPST" else "org"
    return "organization" if token.replace("-", "").replace("/", "").isalnum() else "free"


def parse_tags(doc: Doc, keyword: str, text: str, omap: JoinedMap, kw_end: int) -> Tags:
    """The TAGS field: keyword and its items, each with its own span and canonical TAGS.

    An item is what the writer wrote as one TAG: a code, a run-together token (``PHUMBA``),
    ``OVIP`` with the person's name, a free-text phrase (``IRAQI FREEDOM``), or a piece of
    noise (a page header, SIPDIS).  Its ``canonical`` list says which TAGS it stands for;
    :attr:`Tags.canonical` is the cleaned list of the whole field.
    """
    start, end = field_bounds(omap, text.rstrip())
    line = omap.first_line  # most tags stand on the keyword's line
    items: list[Tag] = []
    body = text[kw_end:]
    comma_list = "," in _PAREN_GROUP.sub("", body)  # a person's "(NAME, GIVEN)" is no list
    canonical: list[str] = []
    have: set[str] = set()
    for n, (a0, b0, role) in enumerate(_tag_parts(body, comma_list)):
        a = kw_end + a0
        b = kw_end + b0
        raw = text[a:b]
        value = _WS.sub(" ", raw.strip().upper()).strip(".")
        if not value:
            continue
        s, e = _span_of(doc, omap, a, b)
        kind = tag_kind(value)
        parts, kind, suggestion = _canonical_tag(value, role, kind, n < _SUGGEST_ITEMS)
        items.append(doc.field_on(
            Tag, line, s, e, value=value, kind="organization" if kind == "org" else kind,
            canonical=list(parts), suggestion=suggestion,
        ))
        for part in parts:
            if part not in have:
                have.add(part)
                canonical.append(part)
    return doc.field_on(Tags, line, start, end, keyword=keyword, items=items,
                        canonical=canonical)


_SUGGEST_ITEMS = 40
"""Did-you-mean suggestions only for the first items: a longer list has run on into prose."""
_TAG_NOISE = frozenset({
    "SIPDIS", "TAGS", "PAGE", "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "NOFORN",
    "EXDIS", "NODIS", "LIMDIS", "SUBJECT", "SUBJ", "E.O", "E.O.", "EO", "REF",
})
"""Words that are never a TAG: SIPDIS, classification and caption words, other keywords."""
_TAG_PAGE_BITS = re.compile(r"(?:[0-9]+|[0-9]{6}Z|OF|[0-9]{2,3} OF [0-9]{2,3})$")
"""Tokens of a page header: page, serial and section numbers, the DTG, OF."""
_PAGE_HEADER_IN_TAGS = re.compile(
    r"(?:(?:UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+)?PAGE\s+[0-9]{2,3}"
    r"\s+[A-Z]{2,17}(?:\s+[A-Z]{2,12})?\s+[0-9]{3,6}(?:\s+[0-9]{2,3}\s+OF\s+[0-9]{2,3})?"
    r"(?:\s+[0-9]{6}Z)?",
    re.I,
)
"""A page header that a page break put into the TAGS list (``SECRET PAGE 02 ROME 03067 ...``)."""
_ALPHA_WORD = re.compile(r"[A-Z][A-Z'\-]*[A-Z]$")
"""A word of letters (hyphen, apostrophe inside): part of a name or of a free-text TAG."""
_NAME_GROUP = re.compile(r"\([^()]*\)$")


@lru_cache(maxsize=8192)
def _known_tag(word: str) -> bool:
    """Whether ``word`` (upper case) is in the TAGS tables (K + 3 letters is a program TAG)."""
    if tag_info(word) is not None or country(word) is not None:
        return True
    return len(word) == 4 and word[0] == "K" and word.isalpha()


@lru_cache(maxsize=8192)
def _tag_like(word: str) -> bool:
    """A TAG in another spelling: known, an ISO code, several run together, a country name."""
    return (_known_tag(word) or (len(word) == 2 and iso_to_fips(word) is not None)
            or split_tags(word) is not None or country_code_by_name(word) is not None)


@lru_cache(maxsize=4096)
def _name_word(word: str) -> bool:
    """A word of a person's name after OVIP: ``(NAME, GIVEN)`` or a word that is no TAG."""
    if _NAME_GROUP.match(word):
        return True
    return bool(_ALPHA_WORD.match(word)) and not _tag_like(word)


def _office(word: str) -> bool:
    """Whether ``word`` names an office (``USEU``, ``BRUSSELS``): no TAG and no phrase word."""
    return known_office(canonical_office(word))


@lru_cache(maxsize=8192)
def _phrase_word(word: str) -> bool:
    """A word of a free-text TAG (``IRAQI FREEDOM``): letters, no TAG, no misspelt code."""
    if len(word) < 3 or not _ALPHA_WORD.match(word) or _tag_like(word) or _office(word):
        return False
    return len(word) > 5 or suggest_tag(word) is None


@lru_cache(maxsize=8192)
def _canonical_tag(
    value: str, role: str, kind: str, suggest: bool
) -> tuple[tuple[str, ...], str, str | None]:
    """The TAGS an item stands for, its kind, and a did-you-mean (never applied).

    Cached: the same TAGS recur on every cable of a corpus.
    """
    words = value.split()
    if role == "noise" or words[0].rstrip(":") in _TAG_NOISE or _TAG_PAGE_BITS.match(value):
        return (), "noise", None
    if role == "person" or (words[0] == "OVIP" and len(words) > 1):
        name = value[4:].strip(" ,")
        if name.startswith("(") and name.endswith(")"):
            name = _WS.sub(" ", name[1:-1]).strip(" ,")
        elif "," not in name and " " in name:
            surname, given = name.split(" ", 1)
            name = f"{surname}, {given}"
        return (("OVIP", name) if name else ("OVIP",)), "person", None
    if role == "phrase":
        return (value,), "free", None
    if " " in value or _known_tag(value):
        return (value,), kind, None
    parts = split_tags(value)
    if parts:
        return tuple(parts), kind, None
    if not suggest or not _CODE_LIKE.match(value):
        return (value,), kind, None
    if len(value) == 2:
        return (value,), kind, iso_to_fips(value)
    code = country_code_by_name(value)
    if code is not None:
        return (value,), "geographic", code
    if _office(value):
        return (value,), kind, None
    return (value,), kind, suggest_tag(value)


_CODE_LIKE = re.compile(r"[A-Z][A-Z0-9&'/\-]{1,11}$")


def _tag_parts(body: str, comma_list: bool) -> list[tuple[int, int, str]]:
    """Column ranges of the TAGS items in ``body``, each with its role (see :func:`_group`)."""
    if "(" not in body:  # the common case: tokens found by one pattern, no character loop
        if not comma_list:
            return _group(body, [m.span() for m in _SPACE_TOKEN.finditer(body)])
        items = []
        for m in _COMMA_ITEM.finditer(body):
            words = [w.span() for w in _WORD.finditer(body, m.start(), m.end())]
            if len(words) > 1 and _separate_words(body, words):
                items.extend(words)
            elif words:
                items.append((words[0][0], words[-1][1]))
        return _group(body, items)
    parts: list[tuple[int, int]] = []
    i, n = 0, len(body)
    seps = ",;" if comma_list else ",; \t"
    while i < n:
        while i < n and (body[i] in seps or body[i].isspace()):
            i += 1
        if i >= n:
            break
        j = i
        depth = 0
        while j < n:
            ch = body[j]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and (ch in seps or (not comma_list and ch.isspace())):
                break
            j += 1
        k = j
        while k > i and body[k - 1].isspace():
            k -= 1
        words = [(w.start(), w.end()) for w in _WORD.finditer(body, i, k)] if comma_list else []
        if len(words) > 1 and _separate_words(body, words):
            parts.extend(words)
        else:
            parts.append((i, k))
        i = j
    return _group(body, parts)


def _separate_words(body: str, words: list[tuple[int, int]]) -> bool:
    """Whether the words of one comma item are separate TAGS: codes, or half known TAGS.

    ``PGOV PREL`` and ``OVIP RICE CONDOLEEZZA KISL PGOV`` are several TAGS (names are joined
    again by :func:`_group`); ``HUMAN RIGHTS`` and ``GOI EXTERNAL`` are one, and so is prose
    (``AS LINKS TO THE PAGE``: English words that happen to be codes).
    """
    item = _PAREN_GROUP.sub("", body[words[0][0] : words[-1][1]])
    if not item.isupper() and not item.islower():
        return False  # ``ECON Development``, ``Dawa Party``: mixed case is prose, not codes
    if all(_CODE_OR_GROUP.match(body, a, b) for a, b in words):
        return True
    return item.isupper() and sum(_known_tag(body[a:b].upper()) for a, b in words) * 2 >= len(words)


_GROUP_ITEMS = 60
"""Words grouped into names and phrases only among the first tokens (a list is short)."""


def _group(body: str, parts: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Join tokens that make one TAG; role ``person``, ``phrase``, ``noise`` or ``""``.

    ``OVIP`` takes the name words after it (``OVIP BIDEN JOSEPH``, ``OVIP (NAME, GIVEN)``);
    two or more words that are no TAG, one of them six letters or more, make one free-text
    TAG (``IRAQI FREEDOM``); a page header run into the list (``SECRET PAGE 02 ROME 03067
    211833Z``) is one item of noise.  Only tokens separated by spaces are joined.
    """
    upper = body.upper()
    headers = [m.span() for m in _PAGE_HEADER_IN_TAGS.finditer(body)] if "PAGE" in upper else []
    out: list[tuple[int, int, str]] = []
    n = len(parts)
    k = 0
    h = 0  # the next page header (tokens and headers both run left to right: linear)
    while k < n:
        a, b = parts[k]
        while h < len(headers) and headers[h][1] <= a:
            h += 1
        header = headers[h] if h < len(headers) and headers[h][0] <= a else None
        if header is not None:
            j = k
            while j < n and parts[j][0] < header[1]:
                j += 1
            out.append((a, max(parts[j - 1][1], a), "noise"))
            k = j
            continue
        if k >= _GROUP_ITEMS:
            out.append((a, b, ""))
            k += 1
            continue
        word = upper[a:b]
        j = k + 1
        if word == "OVIP":
            while j < n and j - k <= 3 and _spaced(body, parts[j - 1][1], parts[j][0]) \
                    and _name_word(upper[parts[j][0] : parts[j][1]]):
                j += 1
            if j > k + 1:
                out.append((a, parts[j - 1][1], "person"))
                k = j
                continue
        elif _phrase_word(word):
            longest = len(word)
            while j < n and _spaced(body, parts[j - 1][1], parts[j][0]) \
                    and _phrase_word(upper[parts[j][0] : parts[j][1]]):
                longest = max(longest, parts[j][1] - parts[j][0])
                j += 1
            if j > k + 1 and longest >= 6:
                out.append((a, parts[j - 1][1], "phrase"))
                k = j
                continue
        out.append((a, b, ""))
        k += 1
    return out


def _spaced(body: str, end: int, start: int) -> bool:
    """Whether only whitespace separates two tokens (no comma or semicolon)."""
    return not body[end:start].strip()


HANDLING = re.compile(r"\s*(?:ENTIRE\s+TEXT\s+)?SEN[A-Z]{3,6}\s+BUT\s+UNCLASSIFIED\b", re.I)
"""The handling sentence of SBU cables (``SENSTIVE`` too), which may follow the subject."""
_HANDLING_IN = re.compile(r"\s(?:ENTIRE\s+TEXT\s+)?SEN[A-Z]{3,6}\s+BUT\s+UNCLASSIFIED\b", re.I)


_UNDERLINE_IN = re.compile(r"\s-{4,}")
"""A heading's underline run into the subject line (the subject ends before it)."""


_REDACTED_KEYWORD = re.compile(r"[ \t]*X{4,}[ \t]?:(?=[ \t]+\S)")


def redacted_subject(seg: str) -> int:
    """Where the keyword ends when head line ``seg`` opens with a redacted keyword
    (``XXXXXXXXXXXX: MILITARY WILL ENSURE TRANSFER OF POWER``, after TAGS and before any
    SUBJECT): the subject whose keyword was redacted.  0 otherwise."""
    if seg.lstrip()[:1] != "X":
        return 0
    m = _REDACTED_KEYWORD.match(seg)
    return m.end() if m is not None else 0


def parse_subject(doc: Doc, keyword: str, text: str, omap: JoinedMap, kw_end: int) -> Subject:
    """The SUBJECT field; a handling sentence or a heading glued after it is left out."""
    handling = _HANDLING_IN.search(text, kw_end) if "NCLASSIFIED" in text.upper() else None
    if handling is not None and text[kw_end : handling.start()].strip():
        text = text[: handling.start()]
    underline = _UNDERLINE_IN.search(text, kw_end) if "----" in text else None
    if underline is not None and text[kw_end : underline.start()].strip():
        text = text[: underline.start()]  # ... RADICALIZATION ------- Summary -------
    start, end = field_bounds(omap, text.rstrip())
    body = text[kw_end:]
    portion = None
    m = _LEADING_PORTION.match(body)
    if m and g.RE_PORTION_MARK.match(m.group("mark")):
        portion = m.group("mark")
        body = body[m.end() :]
    return doc.field_on(
        Subject, omap.first_line, start, end, keyword=keyword, portion=portion,
        text=_WS.sub(" ", body).strip(),
    )


_REF_LEAD = re.compile(r"[:.]?[ \t]*(?:REF(?:TEL)?S?\b[ \t]*[:.]?[ \t]*)*", re.I)
"""A REF keyword repeated after an item label: ``A. REF: KATHMANDU 2282``."""
_GLUED_WORD = re.compile(r"(?<=[0-9])(?=[A-Z][a-z])")
"""A capitalised word glued to a serial (``CAIRO 1725Classified By``): the item ends there."""
_MORE_REF = re.compile(r"[ \t\n]*(?:AND|&|,|;|/)[ \t\n]*")
"""A connector before a further reference in one item: ``BRASILIA 2799 AND 2764``."""
_CUT_OFF = re.compile(r"((?:[0-9]{2} ?)?[A-Z][A-Z ]{1,30}?) ?\.\.\.")
"""An item cut off after its office (``C. LIMA ...``, a truncated preview)."""
_BARE_SERIAL = re.compile(r"(?P<serial>[0-9]{1,7})(?=[ \t\n]*(?:$|[,;&()]|AND\b))")
_NON_CABLE_WORDS = frozenset((
    "EMAIL", "EMAILS", "E-MAIL", "E-MAILS", "MAIL", "TELCON", "TELCONS", "TELECON", "MEMCON",
    "MEMO", "MEMORANDUM", "IIR", "REPORT", "REPORTS", "LETTER", "FAX", "DAILY", "INCSR",
    "MEETING", "CONVERSATION", "PHONE", "WEBSITE", "TD", "DIRECTIVE", "AIRGRAM", "UNSCR",
    "RESOLUTION", "DIPNOTE", "OSC", "SIPRNET",
))
"""Words that make a REF item a non-cable reference (e-mails, telcons, memos, IIRs ...)."""


def _label_rank(label: str) -> int:
    """Position of a REF label in its sequence: A and 1 are 1."""
    return int(label) if label.isdigit() else ord(label.upper()) - ord("A") + 1


def _same_kind(label: str, prev: str) -> bool:
    """Whether two labels belong to one sequence: both numbers, capitals or small letters."""
    return label.isdigit() == prev.isdigit() and label.isupper() == prev.isupper()


def _ref_cuts(body: str) -> list[tuple[int, str | None, int]]:
    """Item starts of a REF body: (start, label, content start), labels kept in sequence.

    A label counts only where a careful reader would see one: the first at the start of the
    field or as A/1, each later one the next label (``a.`` then ``B.``) or one of the same
    kind (number, capital, small letter) at most two steps on (``F. Evans`` inside an item
    is a name, ``I. Key Objectives`` a heading); ``(08)`` and ``(99)`` are years, ``E.O.``
    an abbreviation.  A label repeated
    right after its twin (``A. A: PANAMA 933``, ``A. (A) 03 BRASILIA 2313``) is one label.
    """
    cuts: list[tuple[int, str | None, int]] = []
    lead = len(body) - len(body.lstrip())  # a label at or before this is the field's first
    for m in _REF_LABEL.finditer(body):
        label = m.group("a") or m.group("b") or m.group("c")
        if label.startswith("0"):
            continue  # (08): a year, labels are not zero-padded
        rank = _label_rank(label)
        if not cuts:
            if rank != 1 and (m.start() > lead or (label.isdigit() and rank > 3)):
                continue  # (99) ROME 2196: a year, not a label
            cuts.append((m.start(), label, m.end()))
            continue
        start, prev, content = cuts[-1]
        assert prev is not None
        if (rank == _label_rank(prev) and m.start() - content <= 8
                and not body[content : m.start()].strip()):
            cuts[-1] = (start, prev, m.end())  # doubled label
            continue
        step = rank - _label_rank(prev)
        if not (step == 1 and label.isdigit() == prev.isdigit()) and (
                not _same_kind(label, prev) or not 0 < step <= 2):
            continue
        cuts.append((m.start(), label, m.end()))
    if not cuts or (cuts[0][0] > 0 and body[: cuts[0][0]].strip()):
        cuts.insert(0, (0, None, 0))
    return cuts


def parse_refs(
    doc: Doc, keyword: str, text: str, omap: JoinedMap, kw_end: int, own_year: int | None,
    banner: Banner | None = None, de_serial: int | None = None,
) -> Refs:
    """The REF field, split into labelled items; cable references resolved to IDs.

    ``banner`` (the citing cable's own office and serial) settles the year of a reference
    written without one: the citing cable's year, or the year before when that would make
    a serial above the citing cable's own from the same office.  ``de_serial`` (the DE
    line's station serial number) stands for a banner serial that lost a digit.
    """
    start, end = field_bounds(omap, text.rstrip())
    body = text[kw_end:]
    own = _OwnCable.of(banner, own_year, de_serial)
    gaps = omap.line_gaps()  # an item ends at a blank line: prose may follow
    cuts = _ref_cuts(body)
    items: list[Reference] = []
    for k, (a, label, content) in enumerate(cuts):
        b = cuts[k + 1][0] if k + 1 < len(cuts) else len(body)
        pieces = [(a, content, b)]
        if label is None:  # unlabelled: STATE 272523; USUN 6028
            pieces, at = [], a
            for semi in _SEMICOLON.finditer(body, a, b):
                pieces.append((at, at, semi.start()))
                at = semi.end()
            pieces.append((at, at, b))
        for p_start, p_content, p_end in pieces:
            stripped = body[p_start:p_end].rstrip(" ,;\n\t")
            if not stripped.strip():
                continue
            lead = len(stripped) - len(stripped.lstrip()) if label is None else 0
            s, e = _span_of(doc, omap, kw_end + p_start + lead, kw_end + p_start + len(stripped))
            items += _references(doc, omap, kw_end, (s, e), label, body, p_content, p_end, own,
                                 gaps)
    return doc.field_on(Refs, omap.first_line, start, end, keyword=keyword, items=items)


_SEMICOLON = re.compile(r";")

_PROSE_LEAD = re.compile(
    r"[ \t]*(?:(?P<number>[1-9])\.[ \t]*)?"
    r"(?:\((?P<portion>U|SBU|C|S|[CSU]//?[A-Z][A-Z/ ,]{0,20})\)[ \t]*)?"
    r"(?P<first>[A-Z][A-Za-z'\-]*[,.:]?)(?=[ \t])"
)
"""A sentence's first word, after an optional paragraph number and portion mark: ``(SBU) On
October 19, we``, ``1.  In response to``, ``1.The following``."""
_PROSE_WORDS = 12
_REF_ENDS_ITEM = re.compile(r"(?:[0-9][0-9)'.,]{0,3}|(?i:AND PREVIOUS)\.?)[ \t]*$")
"""REF text that ends with a reference's serial (``STATE 236869``, ``(08)``, ``1234.``, ``600
and previous``)."""
_SERIAL_END = re.compile(r"(?:[0-9](?:\)|[.,](?![0-9]))?|(?i:AND PREVIOUS)\.?)(?=[ \t])")
_LEAD_ALONE = re.compile(
    r"[ \t]*(?:\((?:U|SBU|[CSU]//?[A-Z][A-Z/ ,]{0,20})\)|(?i:SUMMARY|COMMENT|BACKGROUND)[.:])"
    r"[ \t]*$"
)
"""A portion mark or a marker alone on a line (a text that lost its newlines broke there)."""
_PROSE_SCAN = 20
"""Serial ends tried for prose after them in one REF line (bounded: the scan stays linear)."""


def prose_at(text: str, pos: int = 0, labelled: bool = False) -> re.Match[str] | None:
    """The sentence start at ``pos`` of ``text`` when prose begins there: a capitalised
    word, then (within twelve words) at least two words in small letters (``On November 5,
    Poloff delivered our demarche``, ``EMBOFFS delivered reftel``, ``(U) In response to``;
    a word in capitals must be followed by one in small letters), and no cable reference
    (``PARIS 234 and 235 of the``).  With ``labelled`` (the REF has
    item labels) a ``(C)`` or ``(S)`` is a label, not a portion mark."""
    m = _PROSE_LEAD.match(text, pos)
    if m is None or (labelled and m.group("portion") in ("C", "S")):
        return None
    first = m.group("first")
    word = first.rstrip(",.:")
    if len(word) == 1 or word in ("REF", "REFS", "REFTEL") or _reference_at(text, m, word):
        return None  # a label, a keyword, an office and its serial (a further item)
    words = text[m.end() : m.end() + 120].split()[:_PROSE_WORDS]
    if first.isupper() and not (words and words[0].islower()):
        return None  # capitals go on (LONDON 00000092 001.3 OF 012): a header, an item
    lower = 0
    for word in words:
        word = word.strip(",.;:")
        if len(word) >= 2 and word.isalpha() and word.islower():
            lower += 1
            if lower == 2:
                return m
    return None


def _reference_at(text: str, m: re.Match[str], word: str) -> bool:
    """Whether a cable reference starts at the word of sentence match ``m``: an office in
    capitals and a serial (``PARIS 234``), or in small letters and a serial of three digits
    or more that is no year (``State 124006``, not ``On November 5`` nor ``In 2008``)."""
    at = m.start("first")
    if word.isupper():
        return g.RE_REF_CABLE.match(text, at, at + 60) is not None
    found = g.RE_REF_CABLE.match(text[at : at + 60].upper())
    if found is None:
        return False
    serial = found.group("serial")
    return len(serial) >= 3 and not (len(serial) == 4 and serial[:2] in ("19", "20"))


def ref_prose_line(ref_text: str, seg: str) -> bool:
    """Whether head line ``seg``, after REF text ``ref_text`` (the field so far) that ends with
    a reference's serial, is prose: the text has begun (``REF: STATE 236869`` then ``On
    November 5, Poloff delivered ...``, a line of its own in a text that lost its newlines,
    or after a blank line)."""
    if not _REF_ENDS_ITEM.search(ref_text[-40:]):
        return False
    return (_LEAD_ALONE.match(seg) is not None
            or prose_at(seg, 0, _REF_LABEL.search(ref_text) is not None) is not None)


def ref_prose_start(seg: str, a: int, b: int) -> re.Match[str] | None:
    """Where prose begins after a reference in REF columns ``a``..``b`` of a long head line
    (``REF: STATE 106225 (SBU) On October 19, we delivered ...``: a reflowed text run on
    after REF): the sentence start after the first serial that prose follows."""
    labelled = _REF_LABEL.search(seg, a, min(b, a + 80)) is not None
    for tries, end in enumerate(_SERIAL_END.finditer(seg, a, min(b, a + g.MAX_FIELD_LINE))):
        m = prose_at(seg, end.end(), labelled)
        if m is not None or tries >= _PROSE_SCAN:
            return m
    return None


class _OwnCable:
    """The citing cable's year, office (as in its ID) and serial, for the year rule."""

    __slots__ = ("office", "serial", "year")

    def __init__(self, year: int | None, office: str | None, serial: int | None) -> None:
        self.year, self.office, self.serial = year, office, serial

    @classmethod
    def of(cls, banner: Banner | None, year: int | None, de_serial: int | None = None
           ) -> _OwnCable:
        """From the banner's office and serial and the cable's year."""
        if banner is None or not banner.office or not banner.serial:
            return cls(year, None, None)
        serial = banner.serial.strip()
        if serial.startswith("0") and len(serial) < 6:
            # zero-padded but short: a digit was probably lost (REYKJAVIK 00040 for 000401);
            # the DE line's serial (#0401) gives it back when it begins with what is left
            lost = de_serial is not None and str(de_serial).startswith(serial.lstrip("0") or "-")
            return cls(year, office_id(banner.office), de_serial if lost else None)
        return cls(year, office_id(banner.office), int(serial))


def _references(
    doc: Doc, omap: JoinedMap, kw_end: int, span: tuple[int, int], label: str | None,
    body: str, content: int, end: int, own: _OwnCable, gaps: list[int],
) -> list[Reference]:
    """One REF item; a cable reference gets year, office, serial and reference ID.

    Further references joined to the first by AND, a comma or a slash
    (``BRASILIA 2799 AND 2764``) become unlabelled items of their own.
    """
    s, e = span
    chunk = body[content:end]
    offset = content + (len(chunk) - len(chunk.lstrip()))
    offset = _REF_LEAD.match(body, offset, end).end()  # type: ignore[union-attr]
    twin = _REF_LABEL.match(body, offset, end) if label else None
    if twin and _label_rank(twin.group("a") or twin.group("b") or twin.group("c")) == _label_rank(
            label or "A"):  # A. REF: A. STATE 55370
        offset = twin.end()
    offset += len(body[offset:end]) - len(body[offset:end].lstrip())
    chunk = body[offset:end]
    gap = bisect_right(gaps, kw_end + offset)
    cut = gaps[gap] - kw_end - offset if gap < len(gaps) and gaps[gap] < kw_end + end else None
    chunk = chunk[:cut] if cut is not None else chunk
    glued = _GLUED_WORD.search(chunk)
    chunk = chunk[: glued.start()] if glued else chunk
    upper = chunk[: g.MAX_FIELD_LINE].upper()
    m = g.RE_REF_CABLE.match(upper)
    if m is None and cut is not None:  # BRASILIA, a blank line, 2314: one item after all
        m = g.RE_REF_CABLE.match(body[offset:end][: g.MAX_FIELD_LINE].upper())
        if m is not None:
            chunk = body[offset:end][: m.end()]
            upper = chunk.upper()
    if cut is not None or glued:  # the item ends where prose runs on: the span stops there too
        kept = chunk.rstrip(" ,;\n\t")
        e = max(s, _span_of(doc, omap, kw_end + offset, kw_end + offset + len(kept))[1])
    if m is None:
        cut_off = _CUT_OFF.match(upper)
        if cut_off and known_office(office_id(cut_off.group(1))):  # C. LIMA ...: a preview
            e = _span_of(doc, omap, kw_end + offset, kw_end + offset + cut_off.end())[1]
            return [doc.field(Reference, s, e, label=label, kind="cable",
                              office=chunk[: len(cut_off.group(1))])]
        return [doc.field(Reference, s, e, label=label, kind="other")]
    if not _cable_words(chunk, upper, m):
        return [doc.field(Reference, s, e, label=label, kind="other")]
    if upper.startswith("...", m.end()):  # D) MOSCOW 240...: cut off, serial unknown
        return [doc.field(Reference, s, e, label=label, kind="cable",
                          office=m.group("office"), serial=m.group("serial"))]
    first = _cable(doc, s, e, label, m, own, None)
    found = [first]
    at = m.end()
    while at < len(upper) and len(found) < 20:
        join = _MORE_REF.match(upper, at)
        if join is None:
            break
        more = g.RE_REF_CABLE.match(upper, join.end())
        if more is not None and not known_office(office_id(more.group("office"))):
            more = None
        bare = _BARE_SERIAL.match(upper, join.end()) if more is None else None
        if more is None and bare is None:
            break
        hit = more or bare
        assert hit is not None
        ms, me = _span_of(doc, omap, kw_end + offset + hit.start(), kw_end + offset + hit.end())
        found.append(_cable(doc, ms, me, None, hit, own, first))
        at = hit.end()
    return found


def _cable_words(chunk: str, upper: str, m: re.Match[str]) -> bool:
    """Whether a match of RE_REF_CABLE reads as a cable: no e-mail, telcon, memo, date ...

    The office words and the word after the serial are checked (``EVANS EMAILS 8``,
    ``HANKINS JUNE 18 E-MAIL``, ``KUBISKE-MCMULLEN 9/11 TELCON``, an agency named ``X OF Y``
    that is no office: ``DEPARTMENT OF ENERGY 0118-07``); words in small letters running
    on in small letters are prose (``while in 2006 only twenty``, ``In 2003, there``).
    """
    if not chunk[: m.end()].isupper() and _PROSE_AFTER.match(chunk, m.end()):
        return False
    words = m.group("office").split()
    if _MONTHS.intersection(words):
        return False  # a date, not an office: HANKINS JUNE 18 E-MAIL
    if "OF" in words[1:-1] and not known_office(office_id(m.group("office"))):
        return False  # another agency's number: DEPARTMENT OF ENERGY 0118-07 (PORT OF SPAIN
        # and DEPT OF STATE are offices)
    after = _NEXT_WORD.match(upper, m.end())
    if after:
        words.append(after.group(1))
    return not _NON_CABLE_WORDS.intersection(words)


_PROSE_AFTER = re.compile(r"[ \t\n,;:]*[a-z]{2,}|\.[ \t]+\(")
"""Small-letter words, or a paragraph start (``Distribution. 1. (SBU)``), after a serial."""
_NEXT_WORD = re.compile(r"[ \t\n]*([A-Z][A-Z\-]*)")
_MONTHS = frozenset((
    "JAN", "JANUARY", "FEB", "FEBRUARY", "MAR", "MARCH", "APR", "APRIL", "MAY", "JUN", "JUNE",
    "JUL", "JULY", "AUG", "AUGUST", "SEP", "SEPT", "SEPTEMBER", "OCT", "OCTOBER", "NOV",
    "NOVEMBER", "DEC", "DECEMBER",
))


def _abbreviates(short: str, office: str) -> bool:
    """Whether ``short`` (2-4 letters, no known office) abbreviates ``office``: same first
    letter, the other letters in order (KL for KUALALUMPUR, TGG for TEGUCIGALPA)."""
    if not 2 <= len(short) <= 4 or short[0] != office[0] or short == office:
        return False
    if known_office(short):
        return False
    rest = iter(office[1:])
    return all(ch in rest for ch in short[1:])


def _cable(
    doc: Doc, s: int, e: int, label: str | None, m: re.Match[str], own: _OwnCable,
    first: Reference | None,
) -> Reference:
    """A cable reference from a match of RE_REF_CABLE (or a bare serial after ``first``)."""
    groups = m.groupdict()
    serial = m.group("serial")
    office = (groups.get("office") or "").strip() or (first.office if first else None) or ""
    written = groups.get("year") or groups.get("year_mid") or groups.get("year_after") \
        or groups.get("year_paren") or groups.get("year_last") \
        or (groups.get("year_o") or "").replace("O", "0")
    year: int | None = None
    source = None
    if written:
        y = int(written.strip("'()"))
        year, source = (two_digit_year(y) if y < 100 else y), "written"
    elif first is not None and first.year is not None and first.year_source == "written":
        year, source = first.year, "written"
    elif own.year:
        year, source = own.year, "citing"
    office_key = office_id(office)
    if own.office and _abbreviates(office_key, own.office):
        office_key = own.office  # KL in a Kuala Lumpur cable, TGG in a Tegucigalpa one
    if (source == "citing" and year is not None and office_key == own.office
            and own.serial is not None and int(serial) > own.serial):
        year, source = year - 1, "previous"
    ref_id = None
    if year is not None and 3 <= len(office_key) <= 17:
        ref_id = f"{year % 100:02d}{office_key}{int(serial)}"
    return doc.field(
        Reference, s, e, label=label, kind="cable", year=year, office=office,
        serial=serial, reference_id=ref_id, year_source=source,
    )


_CLASSIFIER_TAIL = re.compile(
    r"(?i)[\s,;:.]*(?:\b(?:for|per|under|due\s+to|based\s+on)\b[\s,;:.]*)?"
    r"(?:\bR\s?E\s?A\s?S\s?O\s?N\s?(?:S\b|\(S\))?[\s,;:.]*)?$"
)
"""What may stand between the classifier and the reasons: ``per``, ``FOR REAS ONS``."""


_ANY_SPACE = re.compile(r"\s")
_AND_WORD = re.compile(r"\band\b")
_AND_WORD_ANY_CASE = re.compile(r"\band\b", re.I)
_REASONS_WORD = re.compile(
    r"(?i),?\s*\b(?:for|per|under|due to|based on)?\s*reasons?\b|\breason\(s\)"
)
"""Where the classifier ends: ``, for reasons``, ``reason(s)`` (compiled once)."""
_BARE_REASONS = re.compile(
    r",\s*(?P<letters>\(?[a-h]\)?(?:\s*(?:,|and|&|/)\s*\(?[a-h]\)?){0,7})\s*\.?\s*$"
)
"""Reason letters written without their section at the end of the line (lower case)."""


def parse_classified_by(
    doc: Doc, keyword: str, text: str, omap: JoinedMap, kw_end: int
) -> ClassifiedBy:
    """The classification authority: classifier, reason section and letters."""
    start, end = field_bounds(omap, text.rstrip())
    body = _WS.sub(" ", text[kw_end:]).strip()
    window = body[:1000]
    section = None
    reasons: list[str] = []
    m = g.RE_REASONS.search(window)
    classifier_end = len(window)
    if m:
        section = _ANY_SPACE.sub("", m.group("section")).replace(",", ".")
        letters = _AND_WORD_ANY_CASE.sub(" ", m.group("letters"))
        found = [ch for ch in letters if ch.isalpha()]
        # the letters are of one case: "(b) and (d) (C) HMG ..." runs into a portion mark
        cut = next((k for k, ch in enumerate(found) if ch.islower() != found[0].islower()),
                   len(found))
        reasons = [ch.lower() for ch in found[:cut]]
        classifier_end = m.start()
    else:
        bare = _BARE_REASONS.search(window)
        if bare is not None:  # "Derived from DSCG 05-01, b and d": letters without 1.4
            reasons = [ch for ch in _AND_WORD.sub(" ", bare.group("letters"))
                       if ch.isalpha()]
            classifier_end = bare.start()
    classifier = _REASONS_WORD.split(window[:classifier_end], maxsplit=1)[0]
    tail = _CLASSIFIER_TAIL.search(classifier)
    if tail is not None:
        classifier = classifier[: tail.start()]
    classifier = classifier.strip(" ,.;:") or None
    return doc.field_on(
        ClassifiedBy, omap.first_line, start, end, keyword=keyword, text=body,
        classifier=classifier, section=section, reasons=reasons,
        portion=_portion_before(text[: kw_end - len(keyword)]),
    )


_LEAD_PORTION = re.compile(r"\s*\((?P<mark>[A-Za-z]{1,3}(?://?[A-Za-z]{1,8}){0,3})\)\s*$")
"""A portion mark alone before a field's keyword: ``(U)`` of ``(U) Classified by``."""


def _portion_before(lead: str) -> str | None:
    """The portion mark (without parentheses) that ``lead`` consists of, if any."""
    m = _LEAD_PORTION.match(lead) if lead.strip() else None
    return m.group("mark") if m else None


def portion_field(doc: Doc, i: int, m: re.Match[str], group: str) -> RawField:
    """A portion mark (with its parentheses) found in line ``i``."""
    s = doc.offset(i, m.start(group) - 1)
    e = doc.offset(i, m.end(group)) + 1
    return doc.field_on(RawField, i, s, e)


def drop_list_labels(portions: list[RawField], line_marks: list[int], labels: set[str]) -> None:
    """Remove one-letter marks that are list labels: (C) between (B) and (D) lines.

    ``line_marks`` index one-letter marks that open a line without a paragraph number;
    ``labels`` holds the letters of all ``(X)`` labels that open lines.  A mark whose
    neighbouring letter labels a line too belongs to a lettered list (a questionnaire's
    answers, a REF list), not to the portion marks.
    """
    drop = set()
    for k in line_marks:
        letter = portions[k].raw.strip("()").upper()
        if chr(ord(letter) - 1) in labels or chr(ord(letter) + 1) in labels:
            drop.add(k)
    if drop:
        portions[:] = [p for k, p in enumerate(portions) if k not in drop]
