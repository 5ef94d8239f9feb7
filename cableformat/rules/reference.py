"""Reference family: checks that need the reference tables of :mod:`cableformat.reference`.

TAGS against the TAGS and FIPS 10-4 tables (spec 2.6 T3/T4, 3.3), the reference ID, DE line,
FM address and WikiLeaks origin against the posts and routing-indicator tables (spec 2.1
R1/R7/R8, 3.6).  The lexical TAGS checks are in the ``tags`` family, the ID-format checks in
``refid``.
"""

from __future__ import annotations

import re
from functools import cache

from cableformat import reference as ref
from cableformat.diagnostics import Severity
from cableformat.model import Cable, RawField, Tag
from cableformat.rules.registry import Emitter, per_cable, rule

_ID = re.compile(r"^(?P<yy>[0-9]{2})(?P<origin>[A-Z]{3,17})(?P<serial>[1-9][0-9]{0,6})$")
_CODE_LIKE = re.compile(r"^[A-Z][A-Z0-9&'/\-]{1,11}$")
_NOISE = frozenset({
    "SIPDIS", "TAGS", "PAGE", "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "NOFORN",
    "EXDIS", "NODIS", "LIMDIS", "SUBJECT", "OF", "E.O.", "REF", "SUBJ", "EO",
})


def _tag_known(value: str) -> bool:
    """Whether a TAG is in the tables (K tokens are program TAGS by definition)."""
    if ref.tag_info(value) is not None or ref.country(value) is not None:
        return True
    return len(value) == 4 and value.isalpha() and value[0] == "K"


@per_cable
def _checked_tags(cable: Cable) -> tuple[Tag, ...]:
    """The single-token TAGS worth checking against the tables.

    Not when newlines were lost (the list runs on into the text), not person or free-text
    TAGS, not noise the ``tags`` family reports (T006), not tokens with digits only.
    """
    tags = cable.body.tags
    if tags is None or cable.line_structure_lost:
        return ()
    first = tags.span.line
    by_line: dict[int, list[Tag]] = {}
    in_name = False  # tokens after OVIP NAME up to the next known TAG: the rest of a name
    for tag in tags.items:
        value = tag.value
        if tag.kind == "person" or value.startswith("OVIP"):
            in_name = True
            continue
        if in_name and not _tag_known(value):
            continue
        in_name = False
        if tag.kind in ("free", "noise") or value.rstrip(":") in _NOISE:
            continue
        if not _CODE_LIKE.match(value) and len(tag.canonical) < 2:
            continue  # a long run-together token (KFRDCVISCMGT...) is still checked
        by_line.setdefault(tag.span.line, []).append(tag)
    out: list[Tag] = []
    for line, items in by_line.items():
        known = sum(1 for t in items if _tag_known(t.value))
        if line != first and known * 2 < len(items):
            continue  # a continuation line that is mostly not TAGS: prose taken for TAGS
        out.extend(items)
    return tuple(out)


def _wrapper_id(cable: Cable) -> str | None:
    return cable.wrapper.reference_id if cable.wrapper and cable.wrapper.reference_id else None


def _origin(cable: Cable) -> str | None:
    """The office of the cable: from the canonical reference ID, else the banner."""
    rid = _wrapper_id(cable)
    if rid:
        canonical, _ = ref.canonical_reference_id(rid)
        m = _ID.match(canonical or "")
        return m.group("origin") if m else None
    banner = cable.body.banner
    return ref.canonical_office(banner.office) if banner and banner.office else None


def _id_where(cable: Cable, rid: str) -> RawField | tuple[int, int]:
    """Where the reference ID stands: its text in the metadata lines, else the banner."""
    head = cable.text[: cable.body.banner.span.start] if cable.body.banner else cable.text
    at = head.find(rid)
    if at >= 0:
        return (at, at + len(rid))
    return cable.body.banner if cable.body.banner is not None else (0, 0)


@rule("T003", "unknown-tag", Severity.WARNING)
def unknown_tag(cable: Cable, emit: Emitter) -> None:
    """A TAG is in none of the TAGS tables (subject, program, geographic, organisation).

    TAGS are a controlled vocabulary (5 FAH-3); a token that is none of them is usually a
    typo (``POGOV`` for PGOV, ``MOPPS`` for MOPS).  The TAG one edit away (a swapped, extra,
    changed or missing letter) is suggested when there is exactly one; a country written out
    (``AFGHANISTAN``) gets its code.  Free-text TAGS (``IRAQI FREEDOM``) and persons after
    OVIP are not checked; unknown words next to each other (``POL MIL``) are one report.
    ISO country codes (T004) and run-together TAGS (T008) are reported by their own rules.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: POGOV PREL AJ

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ
    """
    tags = cable.body.tags
    position = {id(t): k for k, t in enumerate(tags.items)} if tags is not None else {}
    runs: list[list[Tag]] = []  # unknown words next to each other: one reading, one report
    for tag in _checked_tags(cable):
        value = tag.value
        if _tag_known(value) or ref.iso_to_fips(value) or len(tag.canonical) > 1:
            continue
        if ref.known_office(ref.canonical_office(value)):
            emit(tag, f"expected a known subject or country code (TAG), found {value!r} "
                      "(an office, not a TAG)")
            continue
        guess = tag.suggestion
        if guess is not None and ref.country_code_by_name(value) == guess:
            emit(tag, f"expected a known subject or country code (TAG), found {value!r}, "
                      f"a country name (TAG {guess})",
                 hint=f"write {guess}")
            continue
        if runs and position[id(runs[-1][-1])] + 1 == position[id(tag)]:
            runs[-1].append(tag)
        else:
            runs.append([tag])
    for run in runs:
        guesses = [(t.value, t.suggestion) for t in run if t.suggestion]
        hint = "did you mean " + ", ".join(g for _, g in guesses) + "?" if guesses else None
        if len(run) == 1:
            guess = run[0].suggestion
            found = f"{run[0].value!r}, perhaps {guess}" if guess else repr(run[0].value)
            emit(run[0], f"expected a known subject or country code (TAG), found {found}",
                 hint=hint)
            continue
        words = " ".join(t.value for t in run)
        perhaps = "".join(f", perhaps {g} for {v}" for v, g in guesses)
        emit((run[0].span.start, run[-1].span.end),
             f"expected known subject or country codes (TAGS), found {len(run)} unknown "
             f"in a row ({words!r}{perhaps})",
             hint=hint or "one free-text TAG or a line that is not TAGS?")


@rule("T004", "iso-country-code", Severity.WARNING)
def iso_country_code(cable: Cable, emit: Emitter) -> None:
    """A geographic TAG is an ISO 3166 code where TAGS use the FIPS 10-4 code.

    Geographic TAGS are FIPS 10-4 codes: Russia is ``RS`` (ISO ``RU``), Turkey ``TU`` (ISO
    ``TR``), Germany ``GM`` (ISO ``DE``).  Only codes that are not also a FIPS code are
    reported (``AU`` is Austria in FIPS, Australia in ISO: no way to tell).

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV MARR PREL AJ RU IR TR

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV MARR PREL AJ RS IR TU
    """
    for tag in _checked_tags(cable):
        value = tag.value
        if len(value) != 2 or ref.country(value) is not None:
            continue
        fips = tag.suggestion or ref.iso_to_fips(value)
        if fips is None or fips not in ref.countries():
            continue
        name = ref.countries()[fips].name
        emit(tag, f"expected a FIPS 10-4 code, found {value}, the ISO 3166 code of {name} "
                  f"(FIPS {fips})", hint=f"write {fips} if {name} is meant")


@rule("T008", "run-together-tags", Severity.WARNING)
def run_together_tags(cable: Cable, emit: Emitter) -> None:
    """Several TAGS are written together without a separator (``PHUMBA``).

    A lost space or comma glues TAGS into one token (``ECONEFIN``, ``KNNPMNUC``); the token is
    split into known TAGS, with at least one subject or program TAG among them.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PHUMBA

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PHUM BA
    """
    seen: set[str] = set()
    for tag in _checked_tags(cable):
        parts = tag.canonical
        if len(parts) < 2 or _tag_known(tag.value) or tag.value in seen:
            continue  # a repeat of the same token is one fault (T005 counts repeats)
        seen.add(tag.value)
        emit(tag, f"expected subject and country codes (TAGS) separated by spaces or "
                  f"commas, found {tag.value!r} "
                  f"({' '.join(parts)} run together)", hint=f"write {', '.join(parts)}")


@rule("R007", "de-station-not-origin", Severity.WARNING)
def de_station_not_origin(cable: Cable, emit: Emitter) -> None:
    """The DE line's routing indicator is not the originating post's.

    Format line 3 names the transmitting station by its routing indicator (``DE RUEHKB`` for
    Embassy Baku, ACP 117).  A known RI of another post means the header and the cable do
    not belong together, or the post transmitted through another station.  Unknown RIs are
    P004's business.

    Fails:
        DE RUEHAK #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

    Passes:
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443
    """
    de = cable.header.de if cable.header else None
    office = _origin(cable)
    if de is None or not de.station or not office:
        return
    post = ref.posts().get(office)
    if post is None or not post.ris or de.station in post.ris:
        return
    others = ref.post_by_ri(de.station)
    if not others:
        return  # not a post's RI (relay, agency) or unknown
    names = ", ".join(p.pla for p in others[:2])
    emit(de, f"expected the routing indicator of {post.pla} ({'/'.join(post.ris)}), found "
             f"{de.station} ({names})")


@rule("R008", "wrapper-origin-mismatch", Severity.WARNING)
def wrapper_origin_mismatch(cable: Cable, emit: Emitter) -> None:
    """The WikiLeaks 'Origin' does not name the office of the reference ID.

    The metadata table says where the cable came from (``Embassy Baku``); it must name the
    post of the reference ID (``09BAKU443``).  A different origin means the metadata belong
    to another cable or the ID is corrupted.

    Fails:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Ankara
        UNCLAS BAKU 000443

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        UNCLAS BAKU 000443
    """
    wrapper = cable.wrapper
    if wrapper is None or not wrapper.origin or not wrapper.reference_id:
        return
    office = _origin(cable)
    if not office:
        return
    if _origin_matches(wrapper.origin, office):
        return
    post = ref.posts().get(office)
    expected = f" ({post.origin})" if post else ""
    emit(_id_where(cable, wrapper.reference_id),
         f"expected the origin of {office}{expected}, found {wrapper.origin!r}")


def _letters(text: str) -> str:
    """The letters of ``text``, upper case."""
    return "".join(ch for ch in text.upper() if ch.isalpha())


@cache
def _posts_by_origin() -> dict[str, tuple[ref.Post, ...]]:
    """Posts indexed by the letters of their WikiLeaks origin name (built once)."""
    index: dict[str, list[ref.Post]] = {}
    for post in ref.posts().values():
        index.setdefault(_letters(post.origin), []).append(post)
    return {k: tuple(v) for k, v in index.items()}


def _origin_matches(origin: str, office: str) -> bool:
    """Whether a WikiLeaks origin text names ``office``."""
    letters = _letters(origin)
    post = ref.posts().get(office)
    if post is not None:
        for other in _posts_by_origin().get(letters, ()):  # the origin name of this post or
            if other is post or set(other.ris) & set(post.ris):  # of one sharing an RI
                return True
        place = "".join(ch for ch in post.banner.upper() if ch.isalpha())
        if place and place in letters:
            return True
    if office in letters or letters.endswith(office):
        return True
    if office == "STATE":
        return "STATE" in letters
    words = [w for w in re.split(r"[^A-Z]+", origin.upper()) if len(w) > 2]
    return bool(words) and ref.canonical_office(words[-1]) == office


@rule("R009", "unknown-office", Severity.WARNING)
def unknown_office(cable: Cable, emit: Emitter) -> None:
    """The office of the reference ID is not a known post or originating agency.

    The origin part of the ID (``BAKU`` in ``09BAKU443``) is one of about 300 offices
    (embassies, consulates, missions, ``STATE``, agencies); anything else is a misspelt
    office or a corrupted ID.

    Fails:
        Reference ID Created Released Classification Origin
        09BKAUX443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        UNCLAS BKAUX 000443

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        UNCLAS BAKU 000443
    """
    rid = _wrapper_id(cable)
    if not rid:
        return
    canonical, _ = ref.canonical_reference_id(rid)
    m = _ID.match(canonical or "")
    if m is None or ref.known_office(m.group("origin")):
        return
    office = m.group("origin")
    guess = ref.did_you_mean(office, ref.posts(), cutoff=0.75)
    emit(_id_where(cable, rid), f"expected a known office in the reference ID, found {office}",
         hint=f"did you mean {guess}?" if guess else None)


@rule("R010", "reference-id-canonical", Severity.WARNING)
def reference_id_canonical(cable: Cable, emit: Emitter) -> None:
    """The reference ID is malformed but recognisable; its canonical form is given.

    WikiLeaks derived IDs from the banner line, and a corrupted banner gave IDs with the
    section text, EFTO, the PLA or a caveat in them, a misspelt office or text after the
    serial (format-spec 3.6).  Cite the cable by its canonical ID.

    Fails:
        Reference ID Created Released Classification Origin
        08SCTION02OF02SAOPAULO335 2008-03-26 10:00 2011-08-30 01:44 UNCLASSIFIED Consulate Sao Paulo
        UNCLAS SECTION 02 OF 02 SAO PAULO 000335

    Passes:
        Reference ID Created Released Classification Origin
        08SAOPAULO335 2008-03-26 10:00 2011-08-30 01:44 UNCLASSIFIED Consulate Sao Paulo
        UNCLAS SAO PAULO 000335
    """
    rid = _wrapper_id(cable)
    if not rid:
        return
    canonical, reason = ref.canonical_reference_id(rid)
    if canonical is None or canonical == rid:
        return
    emit(_id_where(cable, rid), f"expected a canonical reference ID, found {rid!r} "
                                f"(canonical: {canonical}; {reason})",
         hint=f"cite the cable as {canonical}")


@rule("P004", "unknown-routing-indicator", Severity.INFO)
def unknown_routing_indicator(cable: Cable, emit: Emitter) -> None:
    """The DE line's routing indicator is not in the routing-indicator table (ACP 117).

    Not every RI is in the Allied Routing Indicator Book (cabledrum notes RIs that are not),
    so this is only noted; an unknown RI cannot be checked against the originating post.

    Fails:
        DE RUEHQQQ #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

    Passes:
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443
    """
    de = cable.header.de if cable.header else None
    if de is None or not de.station:
        return
    if ref.routes(de.station) or ref.post_by_ri(de.station):
        return
    emit(de, f"routing indicator {de.station} is not in the routing-indicator table")
