"""Strategies for single fields of a cable, and the builders the cable strategy shares.

Each ``*_text`` builder writes one production from its values and checks the result against
the grammar's pattern for it (:mod:`cableformat.grammar`), raising :class:`GrammarDrift` when
the two disagree: the strategies and the parser share one description of the format, and a
change of the grammar that the generator does not follow fails loudly instead of producing
cables the parser reads differently.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from hypothesis import strategies as st

from cableformat import grammar as g
from cableformat.strategies import vocab as v

__all__ = [
    "GrammarDrift",
    "addressee_lines",
    "banners",
    "classified_by_lines",
    "continuation_headers",
    "de_lines",
    "dtgs",
    "eo_lines",
    "ref_items",
    "routing_lines",
    "security_lines",
    "subject_lines",
    "tags_lines",
    "tid_lines",
]


class GrammarDrift(AssertionError):  # noqa: N818 (an assertion, not an error)
    """A generated field does not match the grammar production it was written for."""


def _checked(pattern: re.Pattern[str], text: str, name: str, *, whole: bool = True) -> str:
    """``text`` if ``pattern`` matches it (all of it when ``whole``), else GrammarDrift."""
    m = pattern.match(text)
    if m is None or (whole and m.end() != len(text)):
        raise GrammarDrift(f"generated {name} {text!r} does not match grammar {pattern.pattern!r}")
    return text


def _keyword(text: str, group: str) -> str:
    """``text`` if it starts with the head keyword ``group`` of RE_HEAD_KEYWORD."""
    m = g.RE_HEAD_KEYWORD.match(text)
    if m is None or m.lastgroup != group:
        raise GrammarDrift(f"generated {group} field {text!r} does not start with its keyword")
    return text


# --- builders ------------------------------------------------------------------------------


def tid_text(chan: str, seq: str) -> str:
    """FL1: ``VZCZC`` + channel + sequence."""
    return _checked(g.RE_TID, f"VZCZC{chan}{seq}", "tid")


def routing_text(prosign: str, indicators: list[str]) -> str:
    """FL2: doubled prosign and routing indicators."""
    return _checked(g.RE_ROUTING, " ".join([prosign, *indicators]), "routing")


def routing_cont_text(indicators: list[str]) -> str:
    """An FL2 continuation line: routing indicators only."""
    return _checked(g.RE_ROUTING_CONT, " ".join(indicators), "routing continuation")


def de_text(station: str, serial: int, section: int | None, when: datetime) -> str:
    """FL3: ``DE`` station ``#``SSN[``/``section] DDDHHMM (SSN: serial modulo 10,000)."""
    sec = f"/{section:02d}" if section is not None else ""
    jday = when.timetuple().tm_yday
    return _checked(g.RE_DE, f"DE {station} #{serial % 10000:04d}{sec} {jday:03d}"
                    f"{when.hour:02d}{when.minute:02d}", "de")


def security_text(secop: str, letter: str, signals: str = " ZZH") -> str:
    """FL4: ZNR/ZNY, the classification letter five times, operating signals."""
    return _checked(g.RE_SECURITY, f"{secop} {letter * 5}{signals}", "security")


def dtg_text(prec: str, prec2: str | None, when: datetime, *, long_year: bool = False) -> str:
    """FL5: precedence(s) and DDHHMMZ MON YY."""
    year = f"{when.year:04d}" if long_year else f"{when.year % 100:02d}"
    precs = f"{prec} {prec2}" if prec2 else prec
    return _checked(g.RE_DTG, f"{precs} {when.day:02d}{when.hour:02d}{when.minute:02d}Z "
                    f"{g.MONTHS[when.month - 1]} {year}", "dtg")


def address_text(route: str | None, address: str, word: str | None, mcn: str | None) -> str:
    """An addressee: [RI/]address [precedence] [MCN]."""
    text = " ".join(x for x in ((f"{route}/" if route else "") + address, word, mcn) if x)
    if route:
        _checked(g.RE_ADDRESSEE_ROUTE, text, "addressee route", whole=False)
    if mcn:
        _checked(g.RE_MCN, mcn, "mcn")
    return text


def banner_text(word: str, *, efto: bool, section: int | None, sections: int | None,
                office: str, serial: int, sep: str = " ") -> str:
    """The banner: classification [EFTO] [SECTION nn OF mm] office serial."""
    parts = [word]
    if efto:
        parts.append("E F T O")
    if sections is not None and section is not None:
        parts.append(f"SECTION {section:02d} OF {sections:02d}")
    parts += [office, f"{serial:06d}"]
    return _checked(g.RE_BANNER, sep.join(parts), "banner")


def continuation_text(office: str, serial: int, section: int, total: int,
                      page: int | None = None) -> str:
    """A continuation header: office (10 characters) serial (8 digits) NNN[.p] OF TTT."""
    label = f"{section:03d}" + (f".{page}" if page is not None else "")
    return _checked(g.RE_CONTINUATION, f"{office[:10].rstrip()} {serial:08d}  {label} OF "
                    f"{total:03d}", "continuation")


def page_text(page: int, office: str, serial: int, when: datetime) -> str:
    """An old page header ``PAGE NN office serial DDHHMMZ``."""
    return _checked(g.RE_PAGE, f"PAGE {page:02d}        {office[:6]}  {serial % 100000:05d}  "
                    f"{when.day:02d}{when.hour:02d}{when.minute:02d}Z", "page")


def eo_text(order: str, decl: str) -> str:
    """The E.O. line ``E.O. NNNNN: DECL: value`` / ``E.O. NNNNN: N/A`` (``decl`` as given:
    1970s schedules are written without DECL, ``E.O. 11652: GDS``)."""
    text = f"E.O. {order}: {decl}"
    _keyword(text, "eo")
    m = g.RE_EO_BODY.match(text)
    if m is None or m.group("order") != order:
        raise GrammarDrift(f"generated E.O. line {text!r} does not give its order")
    return text


def tags_text(tags: list[str], *, comma: bool, keyword: str = "TAGS:") -> str:
    """The TAGS line: keyword and tags separated by spaces or commas."""
    return _keyword(f"{keyword} {(', ' if comma else ' ').join(tags)}", "tags")


def subject_text(words: str, portion: str | None) -> str:
    """The first SUBJECT line: keyword, [portion mark] and text."""
    if portion is not None:
        _checked(g.RE_PORTION_MARK, portion, "subject portion mark")
    mark = f"({portion}) " if portion else ""
    return _keyword(f"SUBJECT: {mark}{words}", "subject")


def ref_item_text(label: str | None, year: int | None, office: str, serial: int) -> str:
    """A cable REF item: [label] [year] office serial."""
    yy = f"{year % 100:02d} " if year is not None else ""
    chunk = f"{yy}{office} {serial}"
    m = g.RE_REF_CABLE.match(chunk)
    if m is None or m.group("serial") != str(serial):
        raise GrammarDrift(f"generated REF item {chunk!r} does not read as a cable reference")
    if label is None:
        return chunk
    text = f"{label}. {chunk}"
    _checked(g.RE_REF_LABEL, text, "REF label", whole=False)
    return text


def classified_by_text(body: str) -> str:
    """A Classified By line whose reasons, if any, the grammar reads."""
    text = _keyword(body, "classified")
    return text


def reasons_text(section: str, letters: list[str], style: int) -> str:
    """Reasons ``1.4 (b,d)`` in one of the styles of format-spec 1.4.9."""
    if style == 0:
        out = f"{section} ({','.join(letters)})"
    elif style == 1:
        out = f"{section} " + " and ".join(f"({x})" for x in letters)
    elif style == 2:
        out = f"{section} " + ", ".join(f"({x})" for x in letters)
    else:
        out = f"{section} ({'/'.join(x.upper() for x in letters)})"
    m = g.RE_REASONS.search(out)
    found = [ch.lower() for ch in re.sub(r"\band\b", " ", m.group("letters"), flags=re.I)
             if ch.isalpha()] if m else []
    if found != letters:
        raise GrammarDrift(f"generated reasons {out!r} read as {found}, not {letters}")
    return out


# --- strategies of single fields -----------------------------------------------------------

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _word(min_size: int, max_size: int, prefix: str = "") -> st.SearchStrategy[str]:
    return st.text(_LETTERS, min_size=min_size - len(prefix),
                   max_size=max_size - len(prefix)).map(lambda s: prefix + s)


def indicators() -> st.SearchStrategy[str]:
    """Routing indicators: ``RU``/``RH`` + 2-5 letters (RUEHKB, RHMFISS)."""
    return st.builds(lambda p, s: p + s, st.sampled_from(["RUEH", "RUE", "RH", "RUC"]),
                     st.text(_LETTERS, min_size=2, max_size=3))


def datetimes(first: date = v.FIRST_DAY, last: date = v.LAST_DAY) -> st.SearchStrategy[datetime]:
    """UTC datetimes to the minute between ``first`` and ``last``."""
    return st.builds(
        lambda d, h, m: datetime.combine(d, time(h, m), tzinfo=UTC),
        st.dates(first, last), st.integers(0, 23), st.integers(0, 59),
    )


def tid_lines() -> st.SearchStrategy[str]:
    """FL1 transmission identifications (``VZCZCXRO8143``)."""
    return st.builds(tid_text, st.sampled_from(["XRO", "XYZ", "XX", "ABCD"]),
                     st.from_regex(r"\A[0-9]{4}\Z"))


def routing_lines(prosign: str | None = None) -> st.SearchStrategy[str]:
    """FL2 routing lines: a doubled prosign from ``grammar.PROSIGNS`` and 1-6 indicators."""
    return st.builds(routing_text,
                     st.just(prosign) if prosign else st.sampled_from(g.PROSIGNS),
                     st.lists(indicators(), min_size=1, max_size=6))


def de_lines() -> st.SearchStrategy[str]:
    """FL3 DE lines (``DE RUEHKB #0443/01 1530928``)."""
    return st.builds(de_text, indicators(), st.integers(1, 999999),
                     st.none() | st.integers(1, 20), datetimes())


def security_lines(level: str | None = None) -> st.SearchStrategy[str]:
    """FL4 security lines consistent with a level of ``grammar.LEVELS``."""
    levels = st.just(level) if level else st.sampled_from(g.LEVELS)
    return levels.map(lambda lv: security_text(
        "ZNR" if v.SECURITY_LETTER[lv] == "U" else "ZNY", v.SECURITY_LETTER[lv]))


def dtgs(first: date = v.FIRST_DAY, last: date = v.LAST_DAY) -> st.SearchStrategy[str]:
    """FL5 date-time groups with valid dates between ``first`` and ``last``."""
    precs = st.sampled_from(sorted(g.PRECEDENCE_LETTERS))
    return st.builds(dtg_text, precs, st.none() | precs, datetimes(first, last),
                     long_year=st.booleans())


def addressee_lines() -> st.SearchStrategy[str]:
    """Addressees ``[RI/]address [precedence] [MCN]`` (a TO/INFO line without keyword)."""
    return st.builds(address_text, st.none() | indicators(), st.sampled_from(v.ADDRESSES),
                     st.none() | st.sampled_from(sorted(g.PRECEDENCE_WORDS)),
                     st.none() | st.from_regex(r"\A[0-9]{4}\Z"))


@st.composite
def banners(draw: st.DrawFn, level: str | None = None) -> str:
    """Banner lines for a level of ``grammar.LEVELS``, spaced or not, with or without
    SECTION nn OF mm and EFTO."""
    lv = level or draw(st.sampled_from(g.LEVELS))
    word = draw(st.sampled_from(v.BANNER_WORDS[lv]))
    sections = draw(st.none() | st.integers(2, 99))
    return banner_text(
        word, efto=lv == "UNCLASSIFIED" and draw(st.booleans()),
        section=1 if sections else None, sections=sections,
        office=draw(st.sampled_from(v.OFFICES)).banner, serial=draw(st.integers(1, 999999)),
        sep=draw(st.sampled_from([" ", "  "])),
    )


def continuation_headers() -> st.SearchStrategy[str]:
    """Continuation headers ``BAKU 00000443  002 OF 003`` (with ``.p`` page suffixes)."""
    return st.builds(
        lambda office, serial, total, k, page: continuation_text(
            office.banner, serial, min(k, total), total, page),
        st.sampled_from(v.OFFICES), st.integers(1, 999999), st.integers(2, 999),
        st.integers(1, 999), st.none() | st.integers(2, 9),
    )


def decl_values(era: v.Era, day: date, classified: bool) -> st.SearchStrategy[str]:
    """The declassification part of the E.O. line for a cable of ``day`` in ``era``."""
    if not classified:
        return st.just("N/A")
    date_decl = st.integers(1, 25 * 365).map(
        lambda n: "DECL: " + v.add_days(day, n).strftime("%m/%d/%Y"))
    if era.order == "11652":  # the schedules of format-spec 1.4.5, written as in the cables
        return st.sampled_from(["GDS", "XGDS-1", "XGDS-2", "DECL: GDS"])
    if era.order == "12065":
        review = st.integers(365, 20 * 365).map(lambda n: v.add_days(day, n)).map(
            lambda r: f"{r.month}/{r.day}/{r.year % 100:02d}")
        return st.builds(lambda s, r: f"{s} {r}", st.sampled_from(["GDS", "RDS-3", "XDS-1"]),
                         review) | st.sampled_from(["XDS-1", "DECL: GDS"]) | date_decl
    if era.order == "12356":
        return st.just("DECL: OADR") | date_decl
    if era.order == "12958":
        return date_decl | st.sampled_from(["DECL: 1.6X1", "DECL: 1.6X5, X6", "DECL: X1"])
    return date_decl


@st.composite
def eo_lines(draw: st.DrawFn, era: str | None = None, classified: bool | None = None) -> str:
    """E.O. lines for an era (a key of :data:`vocab.ERAS` with an E.O. line)."""
    key = era or draw(st.sampled_from([k for k, e in v.ERAS.items() if e.eo_line]))
    e = v.ERAS[key]
    day = draw(st.dates(e.first, e.last))
    cls = draw(st.booleans()) if classified is None else classified
    return eo_text(e.order, draw(decl_values(e, day, cls)))


@st.composite
def tag_lists(draw: st.DrawFn) -> list[str]:
    """A TAGS list with at least one subject or program TAG and no repeats."""
    first = draw(st.sampled_from(v.SUBJECT_TAGS + v.PROGRAM_TAGS))
    pool = st.sampled_from(v.SUBJECT_TAGS + v.PROGRAM_TAGS + v.GEO_TAGS + v.ORG_TAGS)
    more = draw(st.lists(pool, max_size=7, unique=True).filter(lambda x: first not in x))
    tags = [first, *more]
    if draw(st.integers(0, 9)) == 0:
        surname, given = draw(st.sampled_from(v.PERSONS))
        tags.append(f"OVIP ({surname}, {given})")
    return draw(st.permutations(tags))


@st.composite
def tags_lines(draw: st.DrawFn) -> str:
    """TAGS lines of subject, program, geographic, organisation and person tags."""
    return tags_text(draw(tag_lists()), comma=draw(st.booleans()))


def subject_words() -> st.SearchStrategy[str]:
    """Upper-case subject text that holds no head keyword."""
    return st.lists(st.sampled_from(v.SUBJECT_WORDS), min_size=2, max_size=9).map(" ".join)


def subject_lines(level: str | None = None) -> st.SearchStrategy[str]:
    """SUBJECT lines, with a portion mark allowed at ``level`` (any level if None)."""
    marks = sorted({m for lv, ms in v.PORTIONS.items() if level in (None, lv) for m in ms})
    return st.builds(subject_text, subject_words(), st.none() | st.sampled_from(marks))


@st.composite
def ref_items(draw: st.DrawFn, label: str | None = None, max_year: int = 2010) -> str:
    """One REF item: ``A. 08 STATE 12345`` (a cable reference) or other text."""
    lab = label if label is not None else draw(st.none() | st.sampled_from("ABCDEF"))
    if draw(st.integers(0, 5)) == 0:
        other = draw(st.sampled_from(v.OTHER_REFS))
        return f"{lab}. {other}" if lab else other
    year = draw(st.none() | st.integers(max(1966, max_year - 8), max_year))
    return ref_item_text(lab, year, draw(st.sampled_from(v.REF_OFFICES)),
                         draw(st.integers(1, 999999)))


def classified_by_body(day: date, era: v.Era, draw: st.DrawFn) -> str:
    """A Classified By line for a cable of ``day`` in ``era`` (reasons of that era)."""
    section = era.reason_section(day) or "1.4"
    letters = sorted(draw(st.lists(st.sampled_from(era.reason_letters(day)), min_size=1,
                                   max_size=3, unique=True)))
    title, name = draw(st.sampled_from(v.CLASSIFIERS))
    reasons = reasons_text(section, letters, draw(st.integers(0, 3)))
    style = draw(st.integers(0, 2))
    if style == 0:
        body = f"Classified By: {title} {name}, for reasons {reasons}."
    elif style == 1:
        org = draw(st.sampled_from(v.CLASSIFIER_ORGS))
        body = f"CLASSIFIED BY: {name}, {title}, {org}, Department of State. REASON: {reasons}"
    else:
        body = f"CLASSIFIED BY {name.upper()}, {title.upper()}. REASON: {reasons}"
    return classified_by_text(body)


@st.composite
def classified_by_lines(draw: st.DrawFn, era: str | None = None) -> str:
    """Classified By lines with reasons valid for the era (default: E.O. 12958)."""
    e = v.ERAS[era or "12958"]
    return classified_by_body(draw(st.dates(e.first, e.last)), e, draw)
