"""Field recognisers: turn the text of one production into its model node.

Each ``parse_<production>`` takes the :class:`~cableformat.parser.lines.Doc`, and the match
or joined text of the field, and returns the model node with raw text, span and normalised
values.  Nothing here decides whether a value is acceptable: rules do that on the model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import UTC, date, datetime

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
from cableformat.reference import canonical_office, tag_info

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
    r"(?<![A-Za-z0-9'])(?:\((?P<a>[A-Z]|[0-9]{1,2})\)|(?P<b>[A-Z])(?:\.\)|[.):])|\[(?P<c>[A-Z])\])"
    r"(?=\s|[A-Z0-9(])"
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
    if rest.upper().rstrip(".") in ("N/A", "NA"):
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
    if value.upper().rstrip(".") in ("N/A", "NA"):
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
    """The TAGS field: keyword and its tokens, each with its own span."""
    start, end = field_bounds(omap, text.rstrip())
    line = omap.first_line  # most tags stand on the keyword's line
    items: list[Tag] = []
    body = text[kw_end:]
    comma_list = "," in _PAREN_GROUP.sub("", body)  # a person's "(NAME, GIVEN)" is no list
    pos = kw_end
    for part in _tag_parts(body, comma_list):
        a = kw_end + part[0]
        b = kw_end + part[1]
        raw = text[a:b]
        value = _WS.sub(" ", raw.strip().upper()).strip(".")
        if not value:
            continue
        s, e = _span_of(doc, omap, a, b)
        kind = tag_kind(value)
        items.append(doc.field_on(
            Tag, line, s, e, value=value, kind="organization" if kind == "org" else kind
        ))
        pos = b
    del pos
    return doc.field_on(Tags, line, start, end, keyword=keyword, items=items)


def _tag_parts(body: str, comma_list: bool) -> list[tuple[int, int]]:
    """Column ranges of the tag tokens in ``body`` (parentheses keep person names whole)."""
    if "(" not in body:  # the common case: tokens found by one pattern, no character loop
        if not comma_list:
            return _join_ovip(body, [m.span() for m in _SPACE_TOKEN.finditer(body)])
        items = []
        for m in _COMMA_ITEM.finditer(body):
            words = [w.span() for w in _WORD.finditer(body, m.start(), m.end())]
            if len(words) > 1 and all(_CODE_OR_GROUP.match(body, a, b) for a, b in words):
                items.extend(words)
            elif words:
                items.append((words[0][0], words[-1][1]))
        return _join_ovip(body, items)
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
        if len(words) > 1 and all(_CODE_OR_GROUP.match(body, a, b) for a, b in words):
            parts.extend(words)
        else:
            parts.append((i, k))
        i = j
    return _join_ovip(body, parts)


def _join_ovip(body: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """In space-separated lists, keep ``OVIP (NAME, GIVEN)`` / ``OVIP NAME`` together."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(parts):
        a, b = parts[k]
        if body[a:b].upper() == "OVIP" and k + 1 < len(parts):
            b = parts[k + 1][1]
            k += 1
            if k + 1 < len(parts) and not body[parts[k + 1][0] : parts[k + 1][1]].isupper():
                b = parts[k + 1][1]
                k += 1
        out.append((a, b))
        k += 1
    return out


def parse_subject(doc: Doc, keyword: str, text: str, omap: JoinedMap, kw_end: int) -> Subject:
    """The SUBJECT field."""
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


def office_id(office: str) -> str:
    """An office as it appears in a reference ID: letters only, aliases and typos resolved.

    Uses the office-alias table of :mod:`cableformat.reference` (``SECSTATE`` -> ``STATE``,
    ``USUN`` -> ``USUNNEWYORK``, ``SAOPAUO`` -> ``SAOPAULO``); dictionary lookups only.
    """
    return canonical_office(office)


def parse_refs(
    doc: Doc, keyword: str, text: str, omap: JoinedMap, kw_end: int, own_year: int | None
) -> Refs:
    """The REF field, split into labelled items; cable references resolved to IDs."""
    start, end = field_bounds(omap, text.rstrip())
    body = text[kw_end:]
    cuts = [(m.start(), m.group("a") or m.group("b") or m.group("c"), m.end()) for m in
            _REF_LABEL.finditer(body)]
    if not cuts or (cuts[0][0] > 0 and body[: cuts[0][0]].strip()):
        cuts.insert(0, (0, None, 0))
    items: list[Reference] = []
    for k, (a, label, content) in enumerate(cuts):
        b = cuts[k + 1][0] if k + 1 < len(cuts) else len(body)
        stripped = body[a:b].rstrip(" ,;\n\t")
        if not stripped.strip():
            continue
        s, e = _span_of(doc, omap, kw_end + a, kw_end + a + len(stripped))
        items.append(_reference(doc, s, e, label, body[content:b].strip(" ,;\n\t"), own_year))
    return doc.field_on(Refs, omap.first_line, start, end, keyword=keyword, items=items)


def _reference(
    doc: Doc, s: int, e: int, label: str | None, chunk: str, own_year: int | None
) -> Reference:
    """One REF item; a cable reference gets year, office, serial and reference ID."""
    m = g.RE_REF_CABLE.match(chunk.upper()) if len(chunk) <= g.MAX_FIELD_LINE else None
    if m is None:
        return doc.field(Reference, s, e, label=label, kind="other")
    year_raw = m.group("year")
    year = None
    if year_raw:
        y = int(year_raw.lstrip("'"))
        year = two_digit_year(y) if y < 100 else y
    elif own_year:
        year = own_year
    office = m.group("office").strip()
    office_key = office_id(office)
    ref_id = None
    if year is not None and 3 <= len(office_key) <= 17:
        ref_id = f"{year % 100:02d}{office_key}{int(m.group('serial'))}"
    return doc.field(
        Reference, s, e, label=label, kind="cable", year=year, office=office,
        serial=m.group("serial"), reference_id=ref_id,
    )


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
        section = re.sub(r"\s", "", m.group("section")).replace(",", ".")
        letters = re.sub(r"\band\b", " ", m.group("letters"), flags=re.I)
        reasons = [ch.lower() for ch in letters if ch.isalpha()]
        classifier_end = m.start()
    classifier = re.split(r"(?i),?\s*\b(?:for|per|under|due to|based on)?\s*reasons?\b|"
                          r"\breason\(s\)", window[:classifier_end])[0]
    classifier = classifier.strip(" ,.;:") or None
    return doc.field_on(
        ClassifiedBy, omap.first_line, start, end, keyword=keyword, text=body,
        classifier=classifier, section=section, reasons=reasons,
    )


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
