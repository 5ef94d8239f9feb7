"""Rules of the classification family (format-spec 2.3, 1.4.3, 1.4.9, 3.7).

Cross-field checks between the FL4 security line, the banner, the wrapper metadata, the
captions, the portion marks, the E.O. line and the classification authority line.  Every rule
is silent when a field it compares is absent (spec 5.5); the absence itself is reported by the
body family (B001, B003) or here only where the spec makes absence the finding (C013, C012).
"""

from __future__ import annotations

import re
from datetime import date

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable, RawField, Span
from cableformat.rules.registry import Emitter, per_cable, rule

# Rank of a level for the "is it classified, and how high" comparisons: the administrative
# controls (SBU, FOUO, LIMITED OFFICIAL USE) are not classification levels.
_RANK = {
    "UNCLASSIFIED": 0,
    "SBU": 0,
    "LIMITED OFFICIAL USE": 0,
    "CONFIDENTIAL": 1,
    "SECRET": 2,
    "TOP SECRET": 3,
}
_PORTION_LEVEL = {
    "U": "UNCLASSIFIED",
    "SBU": "SBU",
    "LOU": "LIMITED OFFICIAL USE",
    "C": "CONFIDENTIAL",
    "S": "SECRET",
    "TS": "TOP SECRET",
}
_PORTION_LETTER = {v: k for k, v in _PORTION_LEVEL.items()}
_MARK_IN_TEXT = {letter: re.compile(rf"(?<![A-Za-z])[(\[]{letter}(?:/|-NF\b|[)\]])")
                 for letter in ("C", "S", "TS")}
"""A portion mark of a level anywhere in the text: (C), (S//NF), [S/NF], (S-NF), not
OFFICIAL(S) nor (C-130)."""
PORTION_MARKING_SINCE = date.fromisoformat(g.EO_ORDERS["12065"][0])
"""E.O. 12065 (in force December 1978) first required portion marks."""
_NOFORN_PORTION = re.compile(r"/(?:NF|N|NOFORN)\b")
_SBU_PORTION = re.compile(r"^\(?(?:SBU|U//?FOUO)\b")
_WORD_SIPDIS = re.compile(r"\bSIPDIS\b")
_WORD_NOFORN = re.compile(r"\bNOFORN\b")
_WORD_SENSITIVE = re.compile(r"\bSENSITIVE\b|\bSBU\b|\bFOR OFFICIAL USE ONLY\b")
_ENTIRE_TEXT = re.compile(r"ENTIRE\s+TEXT", re.I)
# The spec (and grammar.SIPDIS_SINCE) date SIPDIS from December 2005, but the caption is on
# nearly every Cablegate cable from 2002 on (corpus: 5/6 in 2002, 22/22 in 2003, 71/72 in
# 2004, 168/176 in Jan-Nov 2005); only a SIPDIS before 2002 is anachronistic.


# --- helpers ------------------------------------------------------------------------------


def banner_level(cable: Cable) -> str | None:
    """The banner's normalised level, or None without a banner."""
    banner = cable.body.banner
    return banner.classification if banner is not None else None


def cancelled(cable: Cable) -> bool:
    """Whether the header carries the operating signal ZFR (cancel this telegram), after the
    DTG (``P 261955Z OCT 09 ZFR``) or on the security line (``ZNY CCCCC ZZH ZFR``): the
    cable was withdrawn, often cut off, and what it lacks is no finding of its own."""
    header = cable.header
    if header is None:
        return False
    dtg, security = header.dtg, header.security
    return bool((dtg is not None and dtg.signal and "ZFR" in dtg.signal.upper())
                or (security is not None and "ZFR" in security.signals))


def is_classified(level: str | None) -> bool:
    """True for CONFIDENTIAL, SECRET and TOP SECRET."""
    return _RANK.get(level or "", 0) > 0


def portion_level(mark: str) -> str | None:
    """The level of a portion mark such as ``(S//NF)``, ``C``, ``(SBU/N)``; None if unknown."""
    base = mark.strip().strip("()").strip().upper().split("/", 1)[0].strip()
    return _PORTION_LEVEL.get(base)


def subject_portion(cable: Cable) -> tuple[str, tuple[int, int]] | None:
    """The SUBJECT's portion mark and its offsets in the cable text, if it has one."""
    subject = cable.body.subject
    if subject is None or not subject.portion:
        return None
    needle = f"({subject.portion})"
    at = subject.raw.find(needle)
    if at < 0:
        return subject.portion, (subject.span.start, subject.span.end)
    start = subject.span.start + at
    return subject.portion, (start, start + len(needle))


@per_cable
def all_portions(cable: Cable) -> tuple[tuple[str, tuple[int, int]], ...]:
    """Every portion mark of the cable (SUBJECT's included) with its offsets."""
    found = [(p.raw, (p.span.start, p.span.end)) for p in cable.body.portions]
    subj = subject_portion(cable)
    if subj is not None:
        found.append(subj)
    found.sort(key=lambda item: item[1][0])
    return tuple(found)


@per_cable
def wrapper_level(cable: Cable) -> tuple[str, str] | None:
    """(base level, full value) of the wrapper classification, or None."""
    wrapper = cable.wrapper
    if wrapper is None or not wrapper.classification:
        return None
    value = re.sub(r"\s+", " ", wrapper.classification.strip().upper())
    base = value.split("//", 1)[0].strip()
    if base == "UNCLAS":
        base = "UNCLASSIFIED"
    return base, value


@per_cable
def head_captions(cable: Cable) -> tuple[tuple[str, tuple[int, int]], ...]:
    """Caption texts in the head (caption lines and captions on the banner line)."""
    out = [(c.value, (c.span.start, c.span.end)) for c in cable.body.captions]
    banner = cable.body.banner
    if banner is not None and banner.trailing:
        out.append((banner.trailing.upper(), (banner.span.start, banner.span.end)))
    return tuple(out)


def cable_text(cable: Cable) -> str:
    """The cable text (all source lines)."""
    return cable.text


def _anchor(cable: Cable) -> RawField | Span | tuple[int, int]:
    """Where to report a cable-level finding: the banner, else the first head field."""
    body = cable.body
    if body.banner is not None:
        return body.banner
    fields = [x for x in (body.eo, body.tags, body.subject, body.classified_by) if x]
    if fields:
        return min(fields, key=lambda x: x.span.start)
    return (0, 0)


# --- rules --------------------------------------------------------------------------------


def cable_day(cable: Cable) -> date | None:
    """The cable's date (DTG, else wrapper created) as a date, or None."""
    when = cable.date
    return when.date() if when is not None else None


@per_cable
def sipdis_places(cable: Cable) -> tuple[tuple[int, int], ...]:
    """Offsets of every SIPDIS caption in the head (caption lines, banner line)."""
    places: list[tuple[int, int]] = []
    for c in cable.body.captions:
        raw = c.raw.upper()
        for m in _WORD_SIPDIS.finditer(raw):
            if raw.endswith(("ADDED ", "ADD "), 0, m.start()):
                continue  # a correction notice: C O R R E C T E D COPY - ADDED SIPDIS
            places.append((c.span.start + m.start(), c.span.start + m.end()))
    banner = cable.body.banner
    if banner is not None and banner.trailing:
        text = cable_text(cable)
        end = text.find("\n", banner.span.end)
        segment = text[banner.span.end : end if end >= 0 else len(text)]
        up = segment.upper()
        for m in _WORD_SIPDIS.finditer(up):
            if not up.endswith(("ADDED ", "ADD "), 0, m.start()):
                places.append((banner.span.end + m.start(), banner.span.end + m.end()))
    # a caption on the banner line is both a caption and banner trailing: count it once
    return tuple(dict.fromkeys(places))


@rule("C001", "security-banner-mismatch", Severity.ERROR)
def security_banner_mismatch(cable: Cable, emit: Emitter) -> None:
    """The classification letters of the security line (FL4) disagree with the banner.

    The security line repeats the classification letter five times (``ZNY CCCCC ZZH``): U or
    E for an unclassified message (E only for an ``UNCLAS E F T O`` banner), C for
    CONFIDENTIAL, S for SECRET and T for TOP SECRET.  A disagreement means that one of the two
    was altered or mis-transcribed, and the cable's real classification is in doubt.

    Fails:
        ZNY SSSSS ZZH
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443

    Passes:
        ZNY CCCCC ZZH
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443
    """
    header = cable.header
    level = banner_level(cable)
    banner = cable.body.banner
    if header is None or header.security is None or banner is None or level is None:
        return
    letters = header.security.letters
    if not letters:
        return
    letter = letters[0]
    meant = g.SECURITY_LETTERS.get(letter)
    if meant is None:
        return
    sec = header.security
    if letter == "E" and level == "UNCLASSIFIED" and not banner.efto:
        emit(sec, f"security line (FL4) {letters} (encrypt for transmission only, EFTO) but "
             f"the banner is {banner.classification_raw} without EFTO",
             hint="EEEEE is used only with an UNCLAS E F T O banner")
        return
    same = meant == level or (_RANK.get(level, -1) == 0 and letter in "UE")
    if not same:
        emit(sec, f"security line (FL4) {letters} means {meant} but the banner is {level}",
             hint=f"expected {_letters_for(level)} for a {level} banner")


def _letters_for(level: str) -> str:
    letter = {"UNCLASSIFIED": "U", "CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "T"}.get(
        level, "U")
    return letter * 5


@rule("C002", "secop-mismatch", Severity.WARNING)
def secop_mismatch(cable: Cable, emit: Emitter) -> None:
    """The security signal: ZNR goes with UUUUU only, ZNY with EEEEE, CCCCC, SSSSS or TTTTT.

    The first group of the security line says whether the message needs secure handling:
    ZNR for unclassified traffic (UUUUU), ZNY for EFTO and classified traffic.  A ZNR line
    with classified letters, or ZNY with UUUUU, is a transcription error in one of them.

    Fails:
        ZNR CCCCC ZZH
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        ZNY CCCCC ZZH
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    header = cable.header
    if header is None or header.security is None:
        return
    sec = header.security
    if not sec.secop or not sec.letters:
        return
    letter = sec.letters[0]
    if sec.secop == "ZNR" and letter != "U":
        emit(sec, f"expected the security signal ZNR only with UUUUU (unclassified), found "
             f"ZNR with {sec.letters}",
             hint="classified and EFTO traffic is ZNY")
    elif sec.secop == "ZNY" and letter == "U":
        emit(sec, f"expected the security signal ZNR with UUUUU (unclassified), found "
             f"ZNY with {sec.letters}",
             hint="unclassified traffic is ZNR UUUUU")


@rule("C003", "wrapper-classification-mismatch", Severity.ERROR)
def wrapper_classification_mismatch(cable: Cable, emit: Emitter) -> None:
    """The wrapper's classification (metadata table, CSV column) differs from the banner.

    WikiLeaks derived the metadata classification from the cable; its base level (before any
    ``//NOFORN``; ``UNCLASSIFIED//FOR OFFICIAL USE ONLY`` is unclassified) must equal the
    banner level.  A difference means the page and the cable text disagree on how sensitive
    the document is.

    Fails:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 SECRET Embassy Baku
        C O N F I D E N T I A L BAKU 000443

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 CONFIDENTIAL//NOFORN Embassy Baku
        C O N F I D E N T I A L BAKU 000443
    """
    level = banner_level(cable)
    wrapped = wrapper_level(cable)
    if level is None or wrapped is None:
        return
    base, value = wrapped
    if base not in _RANK or base == level:
        return
    emit(cable.body.banner, f"wrapper classification {value} has level {base} but the banner "
         f"is {level}", hint="one of the two was changed; the banner is the cable's own marking")


@rule("C004", "noforn-mismatch", Severity.WARNING)
def noforn_mismatch(cable: Cable, emit: Emitter) -> None:
    """The wrapper says ``//NOFORN`` and the cable does not, or the other way round.

    NOFORN is marked in the cable by a caption, on the banner line, or by NF portion marks
    (``(S//NF)``, ``(C/NF)``); the metadata value ``...//NOFORN`` was derived from the
    caption (in the corpus 62 of 63 cables with NF portion marks and no caption are plain
    ``SECRET``/``CONFIDENTIAL``), so only a caption the wrapper lacks is reported, and a
    wrapper ``//NOFORN`` without caption or NF portion mark.  One without the other means a
    caption was lost or added.

    Fails:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 CONFIDENTIAL//NOFORN Embassy Baku
        C O N F I D E N T I A L BAKU 000443

        SIPDIS

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 CONFIDENTIAL//NOFORN Embassy Baku
        C O N F I D E N T I A L BAKU 000443

        NOFORN
        SIPDIS
    """
    wrapped = wrapper_level(cable)
    if wrapped is None or cable.body.banner is None:
        return
    _, value = wrapped
    wrapper_nf = "NOFORN" in value
    captions = [(t, at) for t, at in head_captions(cable) if _WORD_NOFORN.search(t)]
    marks = captions + [(p, at) for p, at in all_portions(cable)
                        if _NOFORN_PORTION.search(p.upper())]
    if wrapper_nf and not marks:
        emit(cable.body.banner, f"wrapper classification is {value} but the cable has no "
             "caption or portion mark keeping it from foreign nationals (NOFORN, NF)",
             hint="a NOFORN caption may have been lost")
    elif not wrapper_nf and captions:  # NF portion marks alone never gave //NOFORN
        text, at = captions[0]
        emit(at, f"cable is marked not releasable to foreign nationals ({text.strip()}) but "
             f"the wrapper classification is "
             f"{value}", hint="expected the wrapper value to end in //NOFORN")


@rule("C005", "sbu-mismatch", Severity.WARNING)
def sbu_mismatch(cable: Cable, emit: Emitter) -> None:
    """The wrapper says FOR OFFICIAL USE ONLY and the cable has no SENSITIVE/SBU marking.

    The metadata value ``UNCLASSIFIED//FOR OFFICIAL USE ONLY`` corresponds to the caption
    SENSITIVE (or SENSITIVE BUT UNCLASSIFIED) or to (SBU) portion marks in an UNCLAS cable.
    The reverse is reported too: an UNCLAS cable captioned SENSITIVE whose wrapper is plain
    UNCLASSIFIED.

    Fails:
        Reference ID Created Classification Origin
        06STATE89712 2006-06-02 09:28 UNCLASSIFIED//FOR OFFICIAL USE ONLY Washington
        UNCLAS STATE 089712

        SIPDIS

    Passes:
        Reference ID Created Classification Origin
        06STATE89712 2006-06-02 09:28 UNCLASSIFIED//FOR OFFICIAL USE ONLY Washington
        UNCLAS STATE 089712

        SENSITIVE
        SIPDIS
    """
    wrapped = wrapper_level(cable)
    level = banner_level(cable)
    if wrapped is None or level is None:
        return
    base, value = wrapped
    wrapper_sbu = "FOR OFFICIAL USE ONLY" in value or "FOUO" in value or base == "SBU"
    marks = [(t, at) for t, at in head_captions(cable) if _WORD_SENSITIVE.search(t)]
    marks += [(p, at) for p, at in all_portions(cable) if _SBU_PORTION.match(p.upper())]
    if wrapper_sbu and not marks:
        emit(cable.body.banner, f"wrapper classification is {value} but the cable has no "
             "caption or portion mark saying sensitive but unclassified (SENSITIVE, SBU)",
             hint="expected a SENSITIVE caption below the banner")
    elif not wrapper_sbu and level == "UNCLASSIFIED" and base == "UNCLASSIFIED" and any(
        not t.startswith("(") for t, _ in marks
    ):
        text, at = next((t, a) for t, a in marks if not t.startswith("("))
        emit(at, f"cable is captioned {text.strip()[:40]} but the wrapper classification is "
             f"{value}", hint="expected UNCLASSIFIED//FOR OFFICIAL USE ONLY")


@rule("C006", "portion-above-banner", Severity.ERROR)
def portion_above_banner(cable: Cable, emit: Emitter) -> None:
    """A portion mark is more classified than the banner.

    The banner carries the highest classification of any portion of the cable, so a (C) or
    (S) paragraph in an UNCLAS cable, or an (S) paragraph in a CONFIDENTIAL cable, means the
    banner understates the cable (or the portion mark is wrong).  One finding per cable: the
    highest such mark, with the count of the others.

    Fails:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        1. (S) Text.

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        1. (C) Text.
        2. (U) Text.
    """
    level = banner_level(cable)
    if level is None or level not in _RANK:
        return
    top = _RANK[level]
    above = [(mark, at) for mark, at in all_portions(cable)
             if _RANK.get(portion_level(mark) or "", -1) > top]
    if not above:
        return
    mark, at = max(above, key=lambda item: _RANK[portion_level(item[0]) or ""])
    more = f" (and {len(above) - 1} more portion marks above it)" if len(above) > 1 else ""
    emit(at, f"paragraph classification mark (portion mark) {_paren(mark)} is above the "
         f"banner classification {level}{more}",
         hint=f"mark the portion ({_PORTION_LETTER.get(level, 'U')}) or raise the banner")


def _paren(mark: str) -> str:
    mark = mark.strip()
    return mark if mark.startswith("(") else f"({mark})"


@rule("C007", "no-portion-of-level", Severity.WARNING)
def no_portion_of_level(cable: Cable, emit: Emitter) -> None:
    """A classified cable has no portion mark of its own level.

    The banner level is the highest level of any portion, so a CONFIDENTIAL cable should have
    at least one (C) portion (or state that the entire text is classified, ``CONFIDENTIAL -
    ENTIRE TEXT``).  Partial extracts are not checked: the marked portion may be the part
    that was left out; nor are cables from before E.O. 12065 (December 1978), which first
    required portion marks (an undated cable by the order its E.O. line names), nor
    cancelled telegrams (ZFR).  A mark of the level anywhere in
    the text counts, also where the parser could not place it (paragraphs glued to the
    Classified By line, text that lost its line breaks).

    Fails:
        S E C R E T BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        1. (C) Text.

    Passes:
        S E C R E T BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        1. (C) Text.
        2. (S) More text.
    """
    level = banner_level(cable)
    if not is_classified(level) or cable.cut_short or level is None or cancelled(cable):
        return
    when = cable.date
    if when is not None and when.date() < PORTION_MARKING_SINCE:
        return
    eo = cable.body.eo
    span = g.EO_ORDERS.get(eo.order or "") if when is None and eo is not None else None
    if span is not None and span[1] <= PORTION_MARKING_SINCE.isoformat():
        return  # undated, but the E.O. line names an older order (E.O. 11652: GDS)
    top = _RANK[level]
    if any(_RANK.get(portion_level(m) or "", -1) >= top for m, _ in all_portions(cable)):
        return  # (a mark above the level is C006's finding: the banner, not the marks)
    if _ENTIRE_TEXT.search(cable_text(cable)):
        return
    letter = _PORTION_LETTER.get(level, "?")
    mark = _MARK_IN_TEXT.get(letter)
    if mark is not None and mark.search(cable_text(cable)):
        return  # a mark the parser could not place: glued paragraphs, text that lost its lines
    emit(cable.body.banner, f"expected at least one ({letter}) paragraph classification mark "
         f"(portion mark) in a {level} cable, found none",
         hint=f"mark the {level} portions ({letter}) or state ENTIRE TEXT")


@rule("C008", "unclassified-with-decl", Severity.WARNING)
def unclassified_with_decl(cable: Cable, emit: Emitter) -> None:
    """An unclassified (UNCLAS) cable carries a declassification date or a Classified By line.

    Unclassified cables have nothing to declassify: their E.O. line is ``E.O. 12958: N/A`` and
    they have no classification authority.  A DECL date or a Classified By line in an UNCLAS
    cable means the banner or the head fields are wrong.  Prose read as the field in a text
    without newlines (``... was classified by the World Bank as ...``) is not one.

    Fails:
        UNCLAS BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

    Passes:
        UNCLAS BAKU 000443

        E.O. 12958: N/A
        SUBJECT: TEST
    """
    if banner_level(cable) != "UNCLASSIFIED":
        return
    eo = cable.body.eo
    if eo is not None and eo.decl_kind in ("date", "date-ymd"):
        emit(eo, f"expected N/A on the declassification line (E.O.) of an unclassified "
             f"(UNCLAS) cable, found DECL: {eo.decl_raw}",
             hint="write N/A, or check the banner")
    cb = cable.body.classified_by
    if cb is not None and not _PROSE_CLASSIFIED.match(cb.raw):
        emit(cb, "expected no Classified By line in an unclassified (UNCLAS) cable, found one",
             hint="check the banner classification")


# "was classified by the World Bank as ..." read as the authority field in a text without
# newlines: lower case and no colon, so prose, not a Classified By line
_PROSE_CLASSIFIED = re.compile(r"classified\s+by\s+(?!:)", re.S)


@rule("C009", "classified-without-decl", Severity.ERROR)
def classified_without_decl(cable: Cable, emit: Emitter) -> None:
    """A classified cable's E.O. line is N/A or has no declassification value.

    Every classified cable must say when (or under which exemption) it is declassified:
    ``E.O. 12958: DECL: 06/02/2019``.  ``N/A`` is only for unclassified cables.

    Fails:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: N/A
        SUBJECT: TEST

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST
    """
    level = banner_level(cable)
    eo = cable.body.eo
    if not is_classified(level) or eo is None:
        return
    if eo.decl_kind == "na":
        emit(eo, f"expected a declassification instruction (DECL) in a {level} cable, found N/A",
             hint="write DECL: MM/DD/YYYY or an exemption")
    elif eo.decl_kind in (None, "missing"):
        emit(eo, f"expected a declassification instruction (DECL) in a {level} cable, found none",
             hint="write DECL: MM/DD/YYYY or an exemption")


