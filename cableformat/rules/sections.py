"""Rules of the sections family: banner SECTION numbers, continuation and PAGE headers.

Format-spec 1.4.1, 1.4.2 and 2.4 (S1-S6).  Multi-section cables carry ``SECTION nn OF mm``
on the banner and a continuation header ``OFFICE SERIAL  kkk[.p] OF ttt`` at the start of
every further section (and, with a ``.p`` suffix, at page breaks inside a section).
"""

from __future__ import annotations

import re
from itertools import pairwise

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Banner, Cable, ContinuationHeader
from cableformat.rules.registry import Emitter, rule
from cableformat.rules.text import ends_with_caps_name

_BANNER_SECTION = re.compile(r"SECTION\s+(?P<nn>[0-9]{1,3})\s+OF\s+(?P<mm>[0-9]{1,3})", re.I)
_CONT_PARTS = re.compile(r"(?P<serial>[0-9]{8})\s+(?P<section>[0-9]{3}(?:\.[0-9])?)\s+OF\s+"
                         r"(?P<total>[0-9]{3})")
_PAGE_SECTION = re.compile(r"\b([0-9]{2})\s+OF\s+[0-9]{2}\b")
"""The section ``NN OF MM`` of an old PAGE header."""
_DE_SECTION = re.compile(r"/(?P<section>[0-9]{1,3})\b")


def _banner_part(banner: Banner, group: str) -> tuple[int, int]:
    m = _BANNER_SECTION.search(banner.raw)
    if m is None:
        return banner.span.start, banner.span.end
    return banner.span.start + m.start(group), banner.span.start + m.end(group)


def _cont_part(header: ContinuationHeader, group: str) -> tuple[int, int]:
    m = _CONT_PARTS.search(header.raw)
    if m is None:
        return header.span.start, header.span.end
    return header.span.start + m.start(group), header.span.start + m.end(group)


def _has_continuations(cable: Cable) -> bool:
    """Whether there is a continuation header (S004 and S005 check only those)."""
    return bool(cable.body.continuations)


def _has_page_break(cable: Cable) -> bool:
    """Whether there are two PAGE headers to compare (S006)."""
    return len(cable.body.pages) > 1


def _label(header: ContinuationHeader) -> str:
    page = f".{header.page}" if header.page is not None else ""
    return f"{header.section:03d}{page} OF {header.total:03d}"


@rule("S001", "banner-section-invalid", Severity.ERROR)
def banner_section_invalid(cable: Cable, emit: Emitter) -> None:
    """The banner's ``SECTION nn OF mm`` is impossible or does not start at section 01.

    The banner opens the text, so it carries section 01; nn must lie between 1 and mm.

    Fails:
        C O N F I D E N T I A L SECTION 03 OF 02 BAKU 000443

    Passes:
        C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443
    """
    banner = cable.body.banner
    if banner is None or banner.section is None or banner.sections is None:
        return
    nn, mm = banner.section, banner.sections
    if nn < 1 or nn > mm:
        emit(_banner_part(banner, "nn"), f"banner SECTION {nn:02d} OF {mm:02d}: expected a "
             f"section number from 01 to {mm:02d}")
    elif nn != 1:
        emit(_banner_part(banner, "nn"), f"banner SECTION {nn:02d} OF {mm:02d} opens the "
             "text: expected SECTION 01", hint="the text of the earlier sections is missing")


@rule("S002", "de-section-mismatch", Severity.WARNING)
def de_section_mismatch(cable: Cable, emit: Emitter) -> None:
    """The DE line's section number differs from the banner's section number.

    A multi-section cable is transmitted section by section and WikiLeaks keeps the header
    of the section that opens the text, so the DE line's ``/NN`` is the banner's SECTION nn.

    Fails:
        DE RUEHKB #0443/02 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443

    Passes:
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443
    """
    h = cable.header
    banner = cable.body.banner
    if h is None or h.de is None or not h.de.section or banner is None:
        return
    if banner.section is None:
        return
    de_section = int(h.de.section)
    if de_section == banner.section:
        return
    m = _DE_SECTION.search(h.de.raw)
    where = (h.de.span.start + m.start("section"), h.de.span.start + m.end("section")) if m \
        else h.de
    emit(where, f"section number /{h.de.section} on the DE line (FL3) does not match the "
         f"banner SECTION "
         f"{banner.section:02d}: expected /{banner.section:02d}")


@rule("S003", "continuation-sections", Severity.ERROR)
def continuation_sections(cable: Cable, emit: Emitter) -> None:
    """Continuation headers do not account for every section the banner announces.

    With ``SECTION 01 OF mm`` on the banner, sections 002 to mm each start with a header
    ``kkk OF mm`` (no ``.p`` page suffix); a missing section or a different total is an
    error, headers out of order or repeated are a warning.  A section whose opening header
    was lost but whose page header ``kkk.2 OF mm`` is there counts as present, and a signed
    text without any continuation header (all headers stripped, as in the merged sections
    of declassified 1970s cables, whose surname may stand before a release review stamp)
    is not counted, nor is a reflowed press version (K001), which strips continuation
    headers but keeps the text.

    Fails:
        C O N F I D E N T I A L SECTION 01 OF 03 BAKU 000443
        1. (C) First section.
        BAKU 00000443  003 OF 003
        2. (C) Third section.

    Passes:
        C O N F I D E N T I A L SECTION 01 OF 03 BAKU 000443
        1. (C) First section.
        BAKU 00000443  001.2 OF 003
        2. (C) Second page of the first section.
        BAKU 00000443  002 OF 003
        3. (C) Second section.
        BAKU 00000443  003 OF 003
        4. (C) Third section.
    """
    banner = cable.body.banner
    if banner is None or banner.sections is None or banner.section is None:
        return
    mm = banner.sections
    if banner.section < 1 or banner.section > mm:
        return  # S001
    headers = cable.body.continuations
    for header in headers:
        if header.total != mm:
            emit(_cont_part(header, "total"), f"continuation header {_label(header)} has "
                 f"total {header.total:03d}: expected {mm:03d} as on the banner "
                 f"SECTION {banner.section:02d} OF {mm:02d}")
    last = 0
    seen: set[int] = set()
    present = {header.section for header in headers}
    for header in headers:
        key = header.section
        if key < last:
            emit(_cont_part(header, "section"), f"continuation header {_label(header)} "
                 f"follows section {last:03d}: expected non-decreasing section numbers",
                 severity=Severity.WARNING)
        elif header.page is None and key in seen:
            emit(_cont_part(header, "section"), f"continuation header {_label(header)} "
                 f"repeats section {key:03d}: expected each section once",
                 severity=Severity.WARNING)
        last = max(last, key)
        if header.page is None:
            seen.add(key)
    if cable.line_structure_lost or cable.cut_short:
        return  # headers cannot be found without line breaks; a partial extract lacks text
    if not headers and (cable.body.signature is not None or ends_with_caps_name(cable)):
        return  # every header was stripped from a complete (signed) text: nothing to count
    if cable.page_kind == "reflowed":
        return  # a press version strips continuation headers, not text (K001 says so)
    # WikiLeaks texts often lose the ``kkk OF ttt`` header that opens a section but keep its
    # page headers ``kkk.2 OF ttt``: those prove the section is there.
    missing = [k for k in range(banner.section + 1, mm + 1) if k not in present]
    if missing:
        listed = ", ".join(f"{k:03d}" for k in missing)
        noun = "section" if len(missing) == 1 else "sections"
        emit(_banner_part(banner, "mm"), f"banner announces {mm:02d} sections but no "
             f"continuation header starts {noun} {listed}: expected a header "
             f"'{banner.office or 'OFFICE'} {int(banner.serial or 0):08d}  "
             f"{missing[0]:03d} OF {mm:03d}'",
             hint="the text of the missing section(s) was lost")


@rule("S004", "continuation-without-section", Severity.WARNING, when=_has_continuations)
def continuation_without_section(cable: Cable, emit: Emitter) -> None:
    """A continuation header starts section 2 or later but the banner has no SECTION.

    Only multi-section cables have sections after the first, and their banner says
    ``SECTION 01 OF mm``; without it the banner or the header is wrong.

    Fails:
        C O N F I D E N T I A L BAKU 000443
        1. (C) First section.
        BAKU 00000443  002 OF 002
        2. (C) Second section.

    Passes:
        C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443
        1. (C) First section.
        BAKU 00000443  002 OF 002
        2. (C) Second section.
    """
    banner = cable.body.banner
    if banner is None or banner.section is not None:
        return
    later = [h for h in cable.body.continuations if h.section >= 2]
    if not later:
        return
    first = later[0]
    emit(_cont_part(first, "section"), f"continuation header {_label(first)} starts section "
         f"{first.section:03d} but the banner has no SECTION: expected SECTION 01 OF "
         f"{first.total:02d} on the banner")


def _office_key(office: str) -> str:
    # split() drops the same whitespace as re's \s+ (both use str.isspace), without the regex
    return "".join(office.upper().split())


@rule("S005", "continuation-office-serial", Severity.WARNING, when=_has_continuations)
def continuation_office_serial(cable: Cable, emit: Emitter) -> None:
    """A continuation header's office or serial differs from the banner's.

    A continuation header repeats the banner office (truncated to 10 characters, a leading
    prefix word such as RPO may be dropped) and the MRN serial padded to 8 digits; a
    different office or serial is a copy error or a header spliced in from another cable.
    A header run into a text line may carry the word before it (``HM LONDON``): an office
    that ends in the banner office is accepted.  A serial that differs from the banner's but
    agrees with the reference ID is left to R003, which reports the banner.

    Fails:
        C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443
        1. (C) First section.
        BAKU 00000434  002 OF 002
        2. (C) Second section.

    Passes:
        UNCLAS SECTION 01 OF 02 PORT AU PRINCE 002230
        1. First section.
        PORT AU PR 00002230  002 OF 002
        2. Second section.
    """
    banner = cable.body.banner
    if banner is None or not banner.office or not banner.serial:
        return
    office = banner.office
    if g.RE_REDACTION.fullmatch(_office_key(office)):
        office = ""  # the banner office was redacted: only the serial can be compared
    accepted = {_office_key(office), _office_key(office[:10]), _office_key(office)[:10]}
    words = office.split()
    # Some posts drop an organisational prefix in the header (RPO DUBAI -> DUBAI).
    accepted.update(_office_key(" ".join(words[k:])[:10]) for k in range(1, len(words)))
    serial = int(banner.serial)
    wrapper = cable.wrapper
    m = g.RE_REFERENCE_ID.match(wrapper.reference_id or "") if wrapper is not None else None
    id_serial = int(m.group("serial")) if m else serial
    for header in cable.body.continuations:
        key = _office_key(header.office)
        # a header run into text takes the word before it too (HM LONDON, NGO MANAMA)
        if office and key not in accepted and not any(a and key.endswith(a) for a in accepted):
            emit((header.span.start, header.span.start + len(header.raw.rstrip())),
                 f"continuation header office {header.office!r} does not match the banner "
                 f"office {office!r}: expected {office[:10]!r}")
        elif int(header.serial) != serial and int(header.serial) != id_serial:
            # (a header that agrees with the reference ID leaves the banner to R003)
            emit(_cont_part(header, "serial"), f"continuation header serial {header.serial} "
                 f"does not match the banner serial {banner.serial}: expected "
                 f"{serial:08d}")


@rule("S006", "page-order", Severity.WARNING, when=_has_page_break)
def page_order(cable: Cable, emit: Emitter) -> None:
    """Old ``PAGE nn`` headers do not increase by one.

    Old (pre-2005) cables repeat a page header at every page break: PAGE 02, PAGE 03 ...
    A skipped or repeated number means a lost or duplicated page.  Numbering restarts in
    every section (``PAGE 02 ROME 01196 02 OF 02`` may follow ``PAGE 05 ... 01 OF 02``).

    Fails:
        CONFIDENTIAL ROME 03067
        1. Text of page one.
        PAGE 02        ROME  03067  211833Z
        text of page two
        PAGE 04        ROME  03067  211833Z
        text of page four

    Passes:
        CONFIDENTIAL ROME 03067
        1. Text of page one.
        PAGE 02        ROME  03067  211833Z
        text of page two
        PAGE 03        ROME  03067  211833Z
        text of page three
    """
    pages = cable.body.pages
    for prev, cur in pairwise(pages):
        if cur.page == prev.page + 1 or cur.page == 1:
            continue  # PAGE 01 opens a new section
        a, b = _PAGE_SECTION.search(prev.raw), _PAGE_SECTION.search(cur.raw)
        if a and b and a.group(1) != b.group(1):
            continue  # numbering restarts in every section (PAGE 05 ... 01 OF 02, PAGE 02 ...)
        emit(cur, f"PAGE {cur.page:02d} follows PAGE {prev.page:02d}: expected PAGE "
             f"{prev.page + 1:02d}",
             hint="a page is missing" if cur.page > prev.page + 1 else "pages are repeated "
             "or out of order")
