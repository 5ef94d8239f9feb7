"""Reference data: TAGS, FIPS 10-4 country codes, routing indicators, posts, canonical IDs.

The tables are CSV files in ``cableformat/data`` (each names its source, licence and version
in a ``#`` header, see ``data/README.md``).  They are read lazily, once, on first use, so
``import cableformat`` stays fast; every loader is cached.

Lookups:

* :func:`tag_info`, :func:`tags` - subject, program and organisation TAGS;
* :func:`country`, :func:`countries`, :func:`iso_to_fips` - geographic TAGS (FIPS 10-4);
* :func:`routes`, :func:`routing_indicators` - routing indicator -> plain-language address;
* :func:`post`, :func:`posts`, :func:`post_by_ri` - the posts that originate cables;
* :func:`canonical_office` - an office as written (``SECSTATE``, ``SAO PAULO``) -> ID origin;
* :func:`canonical_reference_id` - a malformed WikiLeaks ID -> its canonical form and why;
* :func:`split_tags` - a run-together TAGS token (``PHUMBA``) -> its TAGS;
* :func:`did_you_mean` - the closest known value of a misspelt one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

__all__ = [
    "Country",
    "Post",
    "Route",
    "TagInfo",
    "canonical_office",
    "canonical_reference_id",
    "countries",
    "country",
    "country_code_by_name",
    "did_you_mean",
    "iso_to_fips",
    "known_office",
    "office_aliases",
    "office_id",
    "post",
    "post_by_ri",
    "posts",
    "routes",
    "routing_indicators",
    "split_tags",
    "suggest_tag",
    "tag_info",
    "tags",
]

_ID = r"^(?P<yy>[0-9]{2})(?P<origin>[A-Z]{3,17})(?P<serial>[1-9][0-9]{0,6})$"
_ID_GREEDY = r"^(?P<yy>[0-9]{2,4})(?P<body>[A-Z0-9\-]*[A-Z])0*(?P<serial>[1-9][0-9]{0,6})$"
_ID_TAIL = (r"^(?P<yy>[0-9]{2,4})(?P<body>[A-Z\-]+)0*(?P<serial>[1-9][0-9]{0,6})"
            r"(?P<tail>[A-Z].*)$")
_PLUSD_ID = r"^(?:19|20)[0-9]{2}[A-Z]{3,17}[0-9]{1,7}(?:_[a-z][0-9]?)?$"
_SECTION = r"^(?P<word>[A-Z]{0,8}?)(?P<n>[0-9Q]{1,2})(?P<of>[A-Z0]?F)(?P<m>[0-9]{1,2})"
_PREFIXES = (  # text captured before the office when the ID was derived from the banner
    ("AMEMBASSY", "PLA prefix"), ("AMCONSUL", "PLA prefix"), ("USMISSION", "PLA prefix"),
    ("EMBASSY", "PLA prefix"), ("EFTO", "EFTO captured"), ("NOFORN", "caveat captured"),
    ("SIPDIS", "caveat captured"), ("LIMDIS", "caveat captured"), ("EXDIS", "caveat captured"),
    ("NODIS", "caveat captured"), ("CONFIDENTIAL", "classification captured"),
    ("UNCLASSIFIED", "classification captured"), ("UNCLAS", "classification captured"),
    ("SECRET", "classification captured"), ("CLASSIFIED", "classification fragment captured"),
    ("SSIFIED", "classification fragment captured"), ("SIFIED", "classification fragment captured"),
    ("IFIED", "classification fragment captured"),
)
_SERIES = ("TOSEC", "SECTO")


class TagInfo(NamedTuple):
    """A subject, program or organisation TAG."""

    tag: str
    kind: str
    category: str
    description: str
    valid_from: int | None
    valid_to: int | None


class Country(NamedTuple):
    """A geographic TAG: FIPS 10-4 code (or TAGS-only / regional code)."""

    code: str
    iso: str
    name: str
    kind: str
    valid_from: int | None
    valid_to: int | None


class Route(NamedTuple):
    """A routing indicator and one plain-language address it stands for."""

    ri: str
    address: str
    note: str


class Post(NamedTuple):
    """An office that originates cables, with every name it goes by."""

    office: str
    banner: str
    pla: str
    ris: tuple[str, ...]
    origin: str
    country: str
    kind: str


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of data file ``name`` (``#`` comment lines skipped) as dicts."""
    import csv
    from importlib import resources

    text = resources.files("cableformat").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    yield from csv.DictReader(lines)


def _year(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


@cache
def tags() -> dict[str, TagInfo]:
    """Every subject, program and organisation TAG by its code."""
    return {
        r["tag"]: TagInfo(r["tag"], r["kind"], r["category"], r["description"],
                          _year(r["valid_from"]), _year(r["valid_to"]))
        for r in _rows("tags.csv")
    }


def tag_info(value: str) -> TagInfo | None:
    """The TAG ``value`` (upper case), or None if it is not in the tables."""
    return tags().get(value.upper())


@cache
def countries() -> dict[str, Country]:
    """Every geographic TAG (FIPS 10-4, historic, TAGS-only and regional codes) by code."""
    return {
        r["code"]: Country(r["code"], r["iso"], r["name"], r["kind"], _year(r["valid_from"]),
                           _year(r["valid_to"]))
        for r in _rows("countries.csv")
    }


def country(code: str) -> Country | None:
    """The geographic TAG ``code``, or None."""
    return countries().get(code.upper())


@cache
def _country_names() -> dict[str, str]:
    return {c.name.upper(): c.code for c in countries().values() if c.kind == "country"}


def country_code_by_name(name: str) -> str | None:
    """The FIPS code of the country called ``name`` (``AFGHANISTAN`` -> ``AF``), or None."""
    return _country_names().get(name.upper())


@cache
def _iso_map() -> dict[str, str]:
    return {c.iso: c.code for c in countries().values() if c.iso and c.kind == "country"}


def iso_to_fips(code: str) -> str | None:
    """The FIPS code of the country whose ISO 3166 code is ``code`` when they differ.

    None when ``code`` is no ISO code, or is the same in both systems (``FR``).
    """
    fips = _iso_map().get(code.upper())
    return fips if fips is not None and fips != code.upper() else None


@cache
def routing_indicators() -> dict[str, tuple[Route, ...]]:
    """Every routing indicator with the addresses it stands for (ACP 117)."""
    import csv
    from importlib import resources

    # read by csv.reader, not _rows' DictReader: the table is loaded once per process, and
    # its 1,660 rows through DictReader cost as much as parsing a few dozen cables
    text = resources.files("cableformat").joinpath("data", "routing-indicators.csv").read_text(
        encoding="utf-8")
    rows = csv.reader(line for line in text.splitlines() if line and not line.startswith("#"))
    names = next(rows, None)
    if names != ["ri", "address", "note"]:  # another layout: read it by column name
        return _routes_by_name()
    table: dict[str, list[Route]] = {}
    for row in rows:
        if not row:
            continue
        route = Route._make((*row, None, None)[:3]) if len(row) < 3 else Route(*row[:3])
        table.setdefault(route.ri, []).append(route)
    return {ri: tuple(v) for ri, v in table.items()}


def _routes_by_name() -> dict[str, tuple[Route, ...]]:
    """:func:`routing_indicators` through :func:`_rows` (columns found by name)."""
    table: dict[str, list[Route]] = {}
    for r in _rows("routing-indicators.csv"):
        table.setdefault(r["ri"], []).append(Route(r["ri"], r["address"], r["note"]))
    return {ri: tuple(v) for ri, v in table.items()}


def routes(ri: str) -> tuple[Route, ...]:
    """The addresses of routing indicator ``ri`` (empty if unknown)."""
    return routing_indicators().get(ri.upper(), ())


@cache
def posts() -> dict[str, Post]:
    """Every known office that originates cables, by its reference-ID origin."""
    return {
        r["office"]: Post(r["office"], r["banner"], r["pla"],
                          tuple(x for x in r["ris"].split("|") if x), r["origin"], r["country"],
                          r["kind"])
        for r in _rows("posts.csv")
    }


def post(office: str) -> Post | None:
    """The post whose reference-ID origin is ``office`` (any spelling :func:`canonical_office`
    resolves), or None."""
    table = posts()
    found = table.get(office)
    if found is None:
        key = canonical_office(office)
        found = table.get(key) if key else None
    return found


@cache
def _posts_by_ri() -> dict[str, tuple[Post, ...]]:
    out: dict[str, list[Post]] = {}
    for p in posts().values():
        for ri in p.ris:
            out.setdefault(ri, []).append(p)
    return {ri: tuple(v) for ri, v in out.items()}


def post_by_ri(ri: str) -> tuple[Post, ...]:
    """The posts that transmit with routing indicator ``ri``."""
    return _posts_by_ri().get(ri.upper(), ())


@cache
def office_aliases() -> dict[str, str]:
    """Office aliases and typos (letters only, upper case) -> canonical office."""
    return {r["alias"]: r["office"] for r in _rows("office-aliases.csv")}


def _letters(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalpha())


_OFFICE_PREFIXES = ("AMEMBASSY", "AMCONSUL", "USMISSION", "EMBASSY", "REFTEL")
_OFFICE_SUFFIXES = ("WASHINGTONDC", "WASHDC")


def canonical_office(name: str) -> str:
    """An office as written (``SAO PAULO``, ``SECSTATE``, ``USUN``) as an ID origin.

    Letters only, upper case, known aliases and typos resolved, a PLA or ``REFTEL`` word
    before a known office and ``WASHINGTON DC`` after one dropped; an unknown office is
    returned as its letters.  Dictionary lookups only: the parser calls this for every REF
    item.
    """
    key = _letters(name)
    found = office_aliases().get(key)
    if found is not None:
        return found
    if key.startswith(_OFFICE_PREFIXES) and key not in posts():
        for prefix in _OFFICE_PREFIXES:
            rest = key[len(prefix):]
            if key.startswith(prefix) and rest in posts():
                return rest
    if key.endswith(_OFFICE_SUFFIXES) and key not in posts():
        for suffix in _OFFICE_SUFFIXES:  # WHITE HOUSE WASHINGTON DC -> WHITEHOUSE
            rest = key[: -len(suffix)]
            if key.endswith(suffix) and rest in posts():
                return rest
    return key


@lru_cache(maxsize=8192)
def office_id(office: str) -> str:
    """An office as it appears in a reference ID: letters only, aliases and typos resolved.

    Uses the office-alias table of :mod:`cableformat.reference` (``SECSTATE`` -> ``STATE``,
    ``USUN`` -> ``USUNNEWYORK``, ``SAOPAUO`` -> ``SAOPAULO``); dictionary lookups only.
    """
    return canonical_office(office)


def known_office(office: str) -> bool:
    """Whether ``office`` (an ID origin) is a known post or originating agency."""
    return office in posts()


@cache
def _offices_sorted() -> tuple[str, ...]:
    return tuple(sorted(posts(), key=len, reverse=True))


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The candidate closest to ``word`` (difflib ratio >= ``cutoff``, ``0 < cutoff``), or None."""
    pool = candidates if isinstance(candidates, tuple) else tuple(candidates)
    return _did_you_mean(word.upper(), pool, cutoff)


@lru_cache(maxsize=4096)
def _did_you_mean(word: str, candidates: tuple[str, ...], cutoff: float) -> str | None:
    """Cached core of :func:`did_you_mean` (the same unknown TAGS recur across a corpus).

    Only the candidates whose ``quick_ratio`` (letters in common, counted with repeats,
    over the two lengths) reaches ``cutoff`` can reach it with the full ratio; they are
    found through a letter index instead of one ``SequenceMatcher`` step per candidate,
    and then tried in the pool's order, so ties go to the same candidate as before.
    """
    import difflib

    index = _letter_index(candidates)
    common: dict[int, int] = {}
    for letter in set(word):
        have = word.count(letter)
        for i, count in index.get(letter, ()):
            common[i] = common.get(i, 0) + min(have, count)
    best: tuple[float, bool, bool, str] | None = None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    for i in sorted(common):
        cand = candidates[i]
        if 2.0 * common[i] / (len(cand) + len(word)) < cutoff:
            continue  # difflib's quick_ratio, an upper bound of the ratio
        matcher.set_seq1(cand)
        ratio = matcher.ratio()
        if ratio < cutoff:
            continue  # ties: same length first, then same first letter
        key = (ratio, len(cand) == len(word), cand[:1] == word[:1], cand)
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best else None


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SUGGESTIBLE = re.compile(r"[A-Z][A-Z0-9\-]*$")


@lru_cache(maxsize=4096)
def suggest_tag(word: str) -> str | None:
    """The known TAG one edit away from ``word`` (``MOPPS`` -> ``MOPS``), or None.

    An edit is a swap of two neighbouring letters, a letter too many, a letter changed or a
    letter missing, preferred in that order; subject and program TAGS before all others,
    which are suggested for words of five characters or more (or with a digit or hyphen).
    None when no TAG is one edit away or two equally good ones are (no guessing); words of
    three to eight characters only (letters; digits and hyphens in ``AU-1``-like TAGS).
    Cost: a few hundred dictionary lookups.
    """
    word = word.upper()
    if not 3 <= len(word) <= 8 or not _SUGGESTIBLE.match(word):
        return None
    known = tags()
    n = len(word)
    letters = _LETTERS if word.isalpha() else _LETTERS + "0123456789"  # AU-I -> AU-1
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)}
    drops = {word[:i] + word[i + 1 :] for i in range(n)}
    changes = {word[:i] + c + word[i + 1 :] for i in range(n) for c in letters}
    adds = {word[:i] + c + word[i:] for i in range(n + 1) for c in letters}
    short = n < 5 and word.isalpha()  # POL is no PLO, SANC no ANC; AU-I is AU-1
    for main in (True,) if short else (True, False):
        for edits in (swaps, drops, changes, adds):
            found = sorted(
                e for e in edits - {word} if e in known and len(e) > 2
                and (known[e].kind in ("subject", "program")) == main
            )
            if len(found) == 1:
                return found[0]
            if found:
                return None
    return None


@lru_cache(maxsize=16)
def _letter_index(candidates: tuple[str, ...]) -> dict[str, list[tuple[int, int]]]:
    """Letter -> (position in ``candidates``, how often the candidate has it)."""
    index: dict[str, list[tuple[int, int]]] = {}
    for i, cand in enumerate(candidates):
        for letter in set(cand):
            index.setdefault(letter, []).append((i, cand.count(letter)))
    return index


def _fix_office(body: str, strict: bool = False) -> tuple[str, list[str]] | None:
    """The known office that ``body`` stands for, and what was done to get it.

    ``strict`` (a well-formed ID with an unknown office): only a close typo of a known
    office of about the same length counts, so that an office missing from the posts table
    is not taken for a typo of another one.
    """
    reasons: list[str] = []
    seen = 0
    while seen < 4:  # prefixes can be stacked: SECTION 01 OF 02 EFTO ...
        seen += 1
        if known_office(body):
            return body, reasons
        alias = office_aliases().get(body)
        if alias is not None and known_office(alias):
            reasons.append(f"office alias {body} -> {alias}")
            return alias, reasons
        m = re.match(_SECTION, body)
        if m and m.end() < len(body) and (
            not m.group("word") or did_you_mean(m.group("word"), ("SECTION",), 0.6)
        ):
            reasons.append(f"section fragment {body[: m.end()]!r} captured")
            body = body[m.end():]
            continue
        for prefix, why in _PREFIXES:
            if body.startswith(prefix) and len(body) > len(prefix) + 2:
                reasons.append(f"{why} ({prefix})")
                body = body[len(prefix):]
                break
        else:
            break
    if known_office(body):
        return body, reasons
    for office in _offices_sorted():  # a short prefix glued to a known office (FSCCHARLESTON)
        if len(office) >= 5 and body.endswith(office) and len(body) - len(office) <= 4:
            reasons.append(f"prefix {body[: -len(office)]!r} before the office")
            return office, reasons
    if len(body) >= 4:
        guess = did_you_mean(body, posts(), cutoff=0.85 if strict and not reasons else 0.8)
        if guess is not None and (not strict or reasons or abs(len(guess) - len(body)) <= 1):
            reasons.append(f"office typo {body} -> {guess}")
            return guess, reasons
    return None


@cache
def canonical_reference_id(ref_id: str) -> tuple[str | None, str]:
    """The canonical form of a WikiLeaks reference ID and the reason it differs.

    Returns ``(ref_id, "")`` for a well-formed ID (``09BAKU443``, also with an unknown
    office, and PlusD IDs such as ``1973STATE097844``), ``(canonical, reason)`` for a
    malformed ID whose parts can be recognised (format-spec 3.6: section, EFTO, PLA and
    caveat fragments, office typos, doubled years, text after the serial), and
    ``(None, reason)`` when it cannot be canonicalised (``092OF5``, no office).

    >>> canonical_reference_id("08SCTION02OF02SAOPAULO335")[0]
    '08SAOPAULO335'
    """
    ref = ref_id.strip()
    m = re.match(_ID, ref)
    if (m and known_office(m.group("origin"))) or re.match(_PLUSD_ID, ref):
        return ref, ""
    for pattern in (_ID_GREEDY, _ID_TAIL):
        found = re.match(pattern, ref)
        if found is None:
            continue
        result = _canonical_parts(ref, found, strict=m is not None)
        if result is not None:
            return result
    if m:
        return ref, ""  # well formed, office unknown: R009's business, not a malformed ID
    return None, "no year + known office + serial could be recognised in it"


def _canonical_parts(
    ref: str, found: re.Match[str], strict: bool
) -> tuple[str | None, str] | None:
    """Canonical ID from the year, body, serial and tail of a loose match (None: no luck)."""
    reasons: list[str] = []
    yy, body = found.group("yy"), found.group("body")
    if len(yy) > 2:
        if len(yy) == 4 and yy[:2] == yy[2:]:
            reasons.append(f"year doubled ({yy})")
        else:  # 0901OF02...: the year runs into a section fragment
            body = yy[2:] + body
        yy = yy[:2]
    tail = found.groupdict().get("tail")
    if tail:
        kind = "series number" if tail.startswith(_SERIES) else "text"
        reasons.append(f"{kind} {tail!r} after the serial")
    fixed = _fix_office(body.replace("-", ""), strict=strict and not tail and not reasons)
    if fixed is None:
        return None
    office, why = fixed
    reasons.extend(why)
    canonical = f"{yy}{office}{int(found.group('serial'))}"
    if canonical == ref:
        return ref, ""
    return canonical, "; ".join(reasons) or "leading zeros in the serial"


@cache
def _tag_pieces() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(four-letter subject/program TAGS, other TAGS, geographic codes) for splitting."""
    four = frozenset(t for t, i in tags().items() if i.kind in ("subject", "program"))
    other = frozenset(t for t, i in tags().items() if i.kind == "organization" and t.isalpha())
    geo = frozenset(c for c, i in countries().items() if i.kind != "region" or len(c) == 2)
    return four, other, geo


def split_tags(token: str) -> list[str] | None:
    """Split a run-together TAGS token (``PHUMBA`` -> ``PHUM``, ``BA``) into known TAGS.

    Only tokens of five letters or more, entirely covered by known TAGS with at least one
    subject, program or three-letter TAG (``EUN``) among them; the split with the fewest
    pieces wins.  A K + 3 letters piece missing from the tables (``KOCI``) is a program TAG
    when two known subject or program TAGS are among the pieces.  None if the token cannot
    be split so (``IRAN`` is not ``IR`` + ``AN``).
    """
    found = _split_tags(token.upper())
    return list(found) if found else None


@lru_cache(maxsize=4096)
def _split_tags(word: str) -> tuple[str, ...] | None:
    """Cached core of :func:`split_tags` (the same tokens recur across a corpus)."""
    if not 5 <= len(word) <= 64 or not word.isalpha():
        return None  # more than 64 letters (16 TAGS) is no TAGS token: keeps the split linear
    four, other, geo = _tag_pieces()
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        for size in (4, 2, 3, 5, 6, 7, 8):
            piece = word[i : i + size]
            if len(piece) != size:
                continue
            program = piece in four or (piece[0] == "K" and piece.isalpha())
            ok = (size == 4 and program) or piece in geo or (size > 2 and piece in other)
            if ok:
                cand = [*cur, piece]
                old = best[i + size]
                if old is None or len(cand) < len(old):
                    best[i + size] = cand
    found = best[n]
    if not found or len(found) < 2:
        return None
    if not any(p in four or (len(p) == 3 and p in geo) for p in found):
        return None
    if sum(p in four for p in found) < 2 and any(len(p) == 4 and p not in four for p in found):
        return None  # a K + 3 letters piece not in the tables counts with two known TAGS only
    return tuple(found)
