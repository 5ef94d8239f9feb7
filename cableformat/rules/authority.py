"""Rules of the authority family: Classified By and the SIPDIS caption (spec 1.4.3, 1.4.9, 2.3).

The classification authority line of classified cables (C013, C014, C010) and the era and
compatibility of the SIPDIS caption (C011, C012, C015).
"""

from __future__ import annotations

import re
from datetime import date

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable
from cableformat.rules.classification import (
    _WORD_SIPDIS,
    banner_level,
    cable_day,
    cable_text,
    cancelled,
    head_captions,
    is_classified,
    sipdis_places,
)
from cableformat.rules.registry import Emitter, rule

_RESTRICTIVE = re.compile(r"\b(?:" + "|".join(g.RESTRICTIVE_CAPTIONS) + r")\b")


_CLASSIFIED_AGAIN = re.compile(r"\s*CLASSI?FIED\s+BY\b", re.I)
# Reasons on the lines after the Classified By line (``REASONS:`` / blank / ``1.4 (B) AND
# (D).``, or past a PAGE header): the parsed field ends at its line, the reasons follow
_REASONS_AFTER = re.compile(r"\b1\s?\.\s?[45]\s?\.?\s?\(?\s?[A-Ha-h]\b")


_E012958 = date(1995, 4, 17)


_SIPDIS_SINCE = date(2002, 1, 1)


_SIPDIS_EXPECTED = date(2006, 1, 1)


_POST_1995_ORDERS = ("12958", "13292", "13526")
_CLASSIFIED_BY_SINCE = date.fromisoformat(g.CLASSIFIED_BY_SINCE)
"""E.O. 12958 in force: telegrams name their classifier from then on (C013)."""


def _order_before(order: str | None, day: date) -> bool:
    """Whether executive order ``order`` (a known one) had lapsed by ``day``."""
    span = g.EO_ORDERS.get(order or "")
    return span is not None and span[1] <= day.isoformat()


@rule("C013", "classified-by-missing", Severity.WARNING)
def classified_by_missing(cable: Cable, emit: Emitter) -> None:
    """A classified cable has no Classified By line.

    Classified cables name who classified them and why (``Classified By: Ambassador Anne E.
    Derse, for reasons 1.4 (b,d).``).  Partial extracts and cables from before E.O. 12958 took
    effect (14 October 1995) are not checked, nor telegrams cancelled by the operating
    signal ZFR (the line is often what the cancellation cut off): under the older orders a
    telegram seldom carried the line (one of the corpus's 40 classified cables of 1982-1994
    has it).

    Fails:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        1. (C) Text.

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).

        1. (C) Text.
    """
    level = banner_level(cable)
    if (not is_classified(level) or cable.cut_short or cable.body.classified_by is not None
            or cancelled(cable)):
        return
    day = cable_day(cable)
    if day is not None and day < _CLASSIFIED_BY_SINCE:
        return
    eo = cable.body.eo
    if day is None and eo is not None and _order_before(eo.order, _CLASSIFIED_BY_SINCE):
        return  # undated, but the E.O. line names an older order (E.O. 12356: DECL: OADR)
    emit(cable.body.banner, f"expected a Classified By line in a {level} cable, found none",
         hint="add Classified By: name, title, reasons 1.4 (x)")


@rule("C014", "reasons-missing", Severity.WARNING)
def reasons_missing(cable: Cable, emit: Emitter) -> None:
    """A Classified By line gives no classification reason.

    The authority line must cite the reason category: ``for reasons 1.4 (b,d)``.  Without
    it the classification is not justified.  Reasons written on the lines after it, before
    the first paragraph (``REASONS:`` / ``1.4 (B) AND (D).``), or with a stray dot
    (``Reason 1.4.(b) and (d)``) count.

    Fails:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        Classified By: Ambassador Anne E. Derse.

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).
    """
    cb = cable.body.classified_by
    if cb is None or cb.reasons:
        return
    if banner_level(cable) == "UNCLASSIFIED":
        return  # C008 already reports the line itself
    if not cb.text.strip() and _CLASSIFIED_AGAIN.match(cable_text(cable), cb.span.end):
        return  # "Classified By: Classified by ..." (B011): the reasons follow the repeat
    if cb.text.rstrip().endswith(("...", "\u2026")):
        return  # truncated (B019): the reasons were cut away with the end of the line
    if _REASONS_AFTER.search(cb.raw) or _REASONS_AFTER.search(
            _before_first_paragraph(cable, cb.span.end)):
        return  # reasons the field's parse missed (``1.4.(b)``) or on the next lines
    emit(cb, "expected reasons 1.4 (x) in the Classified By line, found none",
         hint="add the reason letters, e.g. for reasons 1.4 (b) and (d)")


def _before_first_paragraph(cable: Cable, start: int) -> str:
    """The text from ``start`` to the first paragraph after it (at most 300 characters)."""
    end = start + 300
    for para in cable.body.paragraphs:
        if para.span.start >= start:
            end = min(end, para.span.start)
            break
    return cable_text(cable)[start:end]


@rule("C010", "reason-letter-invalid", Severity.WARNING)
def reason_letter_invalid(cable: Cable, emit: Emitter) -> None:
    """A classification reason is not a valid section and letter.

    Under E.O. 12958 the reasons are section 1.4 (as amended in 2003) or 1.5 (original 1995
    wording) with letters a-h (a-g under 1.5); a letter given twice, a letter outside the
    list or another section number (``1.2``, ``1,4``) is a typo.  Cables under older orders
    (before 1995, with a pre-12958 E.O. line) used other numbering and are not checked.

    Fails:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        Classified By: Ambassador Anne E. Derse, for reasons 1.2 (b,b).

    Passes:
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019
        SUBJECT: TEST

        Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).
    """
    cb = cable.body.classified_by
    if cb is None or not cb.reasons or cb.section is None:
        return
    day = cable_day(cable)
    eo = cable.body.eo
    order = eo.order if eo is not None else None
    if day is not None and day < _E012958 and order not in _POST_1995_ORDERS:
        return
    if day is None and order is not None and order not in _POST_1995_ORDERS:
        return
    m = g.RE_REASONS.search(cb.text)
    raw_section = m.group("section") if m else cb.section
    if cb.section not in ("1.4", "1.5"):
        emit(cb, f"expected reason section 1.4, found {raw_section.strip()}",
             hint="E.O. 12958 reasons are section 1.4 (1.5 before 2003)")
    elif "," in raw_section:
        emit(cb, f"expected reason section {cb.section}, found {raw_section.strip()}",
             hint=f"write {cb.section}")
    allowed = "abcdefg" if cb.section == "1.5" else "abcdefgh"
    bad = [ch for ch in cb.reasons if ch not in allowed]
    if bad:
        emit(cb, f"expected reason letters a-{allowed[-1]} under section {cb.section}, found "
             f"({', '.join(bad)})", hint="check the reason letters")
    dups = sorted({ch for ch in cb.reasons if cb.reasons.count(ch) > 1})
    if dups:
        emit(cb, f"expected each reason letter once, found ({', '.join(dups)}) repeated",
             hint="remove the repeated letter (or correct the typo)")


@rule("C011", "sipdis-with-nodis", Severity.WARNING)
def sipdis_with_nodis(cable: Cable, emit: Emitter) -> None:
    """The SIPRNet distribution caption (SIPDIS) is combined with NODIS or EXDIS.

    SIPDIS allows posting a cable to SIPRNet for wide distribution; NODIS and EXDIS restrict
    distribution to named offices.  The two contradict each other.

    Fails:
        S E C R E T STATE 000443

        NODIS
        SIPDIS

    Passes:
        S E C R E T STATE 000443

        NOFORN
        SIPDIS
    """
    sipdis = sipdis_places(cable)
    if not sipdis:
        return
    restrictive = [(m.group(), at) for t, at in head_captions(cable)
                   for m in [_RESTRICTIVE.search(t)] if m]
    if restrictive:
        emit(sipdis[0], f"expected no SIPRNet distribution caption (SIPDIS) with the "
             f"restrictive caption {restrictive[0][0]}, found both",
             hint="NODIS/EXDIS traffic is not distributed on SIPRNet")


@rule("C012", "sipdis-absent", Severity.INFO)
def sipdis_absent(cable: Cable, emit: Emitter) -> None:
    """A cable from 2006 or later has no SIPDIS caption.

    From December 2005 cables meant for SIPRNet distribution carry the SIPDIS caption; many
    cables legitimately lack it, so this is informational only.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

        E.O. 12958: DECL: 06/02/2019

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

        SIPDIS

        E.O. 12958: DECL: 06/02/2019
    """
    day = cable_day(cable)
    if day is None or day < _SIPDIS_EXPECTED or cable.body.banner is None:
        return
    if sipdis_places(cable) or _WORD_SIPDIS.search(_body_text(cable).upper()):
        return
    emit(cable.body.banner, f"expected a SIPRNet distribution caption (SIPDIS) in a cable of "
         f"{day.year}, found none")


def _body_text(cable: Cable) -> str:
    """Cable text from the banner on (SIPDIS may stand anywhere in it)."""
    banner = cable.body.banner
    text = cable_text(cable)
    return text[banner.span.start :] if banner is not None else text


@rule("C015", "sipdis-too-early", Severity.WARNING)
def sipdis_too_early(cable: Cable, emit: Emitter) -> None:
    """A cable dated before 2002 carries a SIPDIS caption.

    SIPDIS marks cables distributed on SIPRNet; the spec dates the caption from December
    2005 (05STATE226504), but Cablegate cables carry it from 2002 on, so only an earlier
    SIPDIS caption is reported: the cable's date is wrong or the caption was added later.

    Fails:
        O 020928Z JUN 99
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

        SIPDIS

    Passes:
        O 020928Z JUN 04
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

        SIPDIS
    """
    day = cable_day(cable)
    if day is None or day >= _SIPDIS_SINCE:
        return
    places = sipdis_places(cable)
    if places:
        emit(places[0], f"expected no SIPRNet distribution caption (SIPDIS) before "
             f"{_SIPDIS_SINCE}, found SIPDIS in a cable dated {day.isoformat()}",
             hint="check the cable date")
