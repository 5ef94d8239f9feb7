"""Rules of the tags family: lexical checks of the TAGS list (spec 1.4.6, 2.6, 3.3).

Checks that need the TAGS reference tables (known subject tags, FIPS geo codes, organisation
acronyms) are not here; these rules look at the form of the list only.
"""

from __future__ import annotations

import re

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable, Tag
from cableformat.reference import country, tag_info
from cableformat.rules.registry import Emitter, rule

_NOISE_WORDS = frozenset({
    "SIPDIS", "TAGS", "TAGS:", "PAGE", "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET",
    "NOFORN", "EXDIS", "NODIS", "LIMDIS", "SUBJECT", "SUBJECT:", "E.O.",
})
_PAGE_FRAGMENT = re.compile(r"^(?:[0-9]{1,8}|[0-9]{6}Z|OF|[0-9]{2,3} OF [0-9]{2,3})$")
_PAGE_HEADER = re.compile(r"\bPAGE [0-9]{2,3}\b")


def _subject_or_program(value: str) -> bool:
    """Whether a canonical TAG is a subject or program TAG (K + 3 letters is a program)."""
    known = tag_info(value)
    if known is not None:
        return known.kind in ("subject", "program")
    return len(value) == 4 and value[0] == "K" and value.isalpha()


def _code_or_person(tag: Tag) -> bool:
    """Whether an item is TAG codes (``prel``, ``phumba``) or a person, not free text.

    A word written as a name (``Ba'ath``, ``Iran``) is the post's free text even when the
    tables know it.
    """
    if tag.kind == "person":
        return True
    plain = g.RE_HTML_TAG.sub("", tag.raw).strip()
    if plain[:1].isupper() and plain[1:].islower():
        return False
    return bool(tag.canonical) and all(
        tag_info(v) is not None or country(v) is not None or _subject_or_program(v)
        for v in tag.canonical
    )


@rule("T002", "no-subject-tag", Severity.WARNING)
def no_subject_tag(cable: Cable, emit: Emitter) -> None:
    """The subject and country codes (TAGS) have no subject or program code.

    By definition every cable has at least one subject TAG (four letters, first letter the
    category: PREL, PGOV, ECON ...) or program TAG (KDEM, KCRM ...); geographic and
    organisation TAGS alone do not say what the cable is about.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: AJ RU NATO

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV KDEM AJ
    """
    tags = cable.body.tags
    if tags is None:
        return
    if any(t.kind in ("subject", "program") for t in tags.items):
        return
    if any(_subject_or_program(value) for value in tags.canonical):
        return  # PHUMBA stands for PHUM, BA
    found = ", ".join(t.value for t in tags.items[:6]) or "an empty list"
    emit(tags, f"expected at least one subject code (TAG: PREL, PGOV, ECON ...), found {found}",
         hint="add the subject TAG of the cable")


@rule("T005", "tag-duplicate", Severity.INFO)
def tag_duplicate(cable: Cable, emit: Emitter) -> None:
    """A TAG is listed more than once.

    Duplicates (``PHUM, IS, EG, PHUM, IS``) add nothing; often a page break repeated the
    TAGS line.  Repeats next to each other are one fault, reported once.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ PGOV

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL AJ
    """
    tags = cable.body.tags
    if tags is None:
        return
    items = [t for t in tags.items if t.kind != "noise"]
    count: dict[str, int] = {}
    for tag in items:
        count[tag.value] = count.get(tag.value, 0) + 1
    seen: set[str] = set()
    runs: list[list[Tag]] = []  # repeats next to each other: one fault (a list written twice)
    last = -2
    for k, tag in enumerate(items):
        if tag.value in seen:
            if k == last + 1 and runs:
                runs[-1].append(tag)
            else:
                runs.append([tag])
            last = k
        seen.add(tag.value)
    reported: set[str] = set()
    for run in runs:
        values = [v for v in dict.fromkeys(t.value for t in run) if v not in reported]
        if not values:
            continue
        reported.update(values)
        where = (run[0].span.start, run[-1].span.end)
        if len(values) == 1:
            times = "again" if count[values[0]] == 2 else f"{count[values[0]]} times"
            emit(where, f"expected each subject or country code (TAG) once, found "
                        f"{values[0]} {times}",
                 hint="drop the repeats")
        else:
            emit(where, f"expected each subject or country code (TAG) once, found "
                        f"{' '.join(values)} again "
                        f"(the list repeats)", hint="drop the repeats")


@rule("T006", "tags-noise", Severity.WARNING)
def tags_noise(cable: Cable, emit: Emitter) -> None:
    """The subject and country codes (TAGS) hold SIPDIS, a classification or page-header words.

    A page break (``SECRET PAGE 02 LIMA 02475 01 OF 03 251228Z``), a SIPDIS caption or a
    repeated ``TAGS:`` keyword got into the list; they are not TAGS.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL CA MX SIPDIS

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        TAGS: PGOV PREL CA MX
    """
    tags = cable.body.tags
    if tags is None or cable.line_structure_lost:
        return  # without newlines the TAGS field runs on into the text: no reliable end
    for tag in tags.items:
        words = tag.value.split()
        first = words[0].rstrip(":") if words else ""
        if _PAGE_HEADER.search(tag.value):
            what = "a page header"
        elif first in _NOISE_WORDS or first + ":" in _NOISE_WORDS:
            what = first
        elif _PAGE_FRAGMENT.match(tag.value) or tag.kind == "noise":
            what = "page header fragment"
        else:
            continue
        emit(tag, f"expected only subject and country codes (TAGS) in the list, found {what} "
             f"({tag.value[:40]!r})",
             hint="remove it from the TAGS line")


@rule("T007", "tags-lowercase", Severity.WARNING)
def tags_lowercase(cable: Cable, emit: Emitter) -> None:
    """Subject and country codes (TAGS) are written in lower or mixed case.

    TAGS are upper-case codes (``PREL, PGOV, TU``); ``prel, pgov, pins, tu`` comes from a
    re-typed (press) version of the cable.  Reported once per TAGS line.  Only codes and
    persons count: free-text TAGS some posts add (``Media Reaction``, ``India-Nepal``) are
    kept as the post wrote them.

    Fails:
        UNCLAS ANKARA 000348

        E.O. 12958: N/A
        Tags: prel, pgov, pins, tu

    Passes:
        UNCLAS ANKARA 000348

        E.O. 12958: N/A
        TAGS: PREL, PGOV, PINS, TU
    """
    tags = cable.body.tags
    if tags is None:
        return
    plain = {id(t): g.RE_HTML_TAG.sub("", t.raw) for t in tags.items}
    lower = [t for t in tags.items
             if plain[id(t)] != plain[id(t)].upper() and _code_or_person(t)]
    if not lower:
        return
    names = ", ".join(g.RE_HTML_TAG.sub("", t.raw).strip() for t in lower[:4])
    emit(lower[0], f"expected subject and country codes (TAGS) in capitals, found {len(lower)} "
         f"not in capitals: {names}",
         hint="write TAGS in upper case")
