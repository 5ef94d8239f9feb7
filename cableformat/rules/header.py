"""Rules of the header family: the transmission header (FL2-FL9) and its precedences.

Format-spec 1.3 (routing, DE, security and DTG lines, addressees) and 2.5 (precedence
consistency, P1-P7).  A rule that compares fields does nothing when one of them is absent.
"""

from __future__ import annotations

import difflib
import re

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Address, Cable, Header
from cableformat.rules.registry import Emitter, rule

_RANK = {"Z": 4, "O": 3, "P": 2, "R": 1}
_VALID_LETTERS = ("UUUUU", "EEEEE", "CCCCC", "SSSSS", "TTTTT")
_SECOPS = ("ZNR", "ZNY")
_NUMBER_GROUP = re.compile(r"(?<![\w/])([0-9]+)\s*$")
_BANNERISH = re.compile(
    r"(?:\b[A-Z] ){3,}[A-Z]\b|\b(?:UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|SECTION)\b", re.I
)
_SIGNALS_ONLY = re.compile(r"^Z[A-Z]{2}[0-9]?(?:\s+Z[A-Z]{2}[0-9]?)*$")
"""Operating signals alone after a DTG (``ZDK``, ``ZDS ZDK``): no note to report."""
_DTG_PRECS = re.compile(r"^\s*(?P<prec>[A-Za-z])(?:\s+(?P<prec2>[A-Za-z]))?\s")


def _header(cable: Cable) -> Header | None:
    return cable.header


def correct_spelling(word: str) -> str | None:
    """The precedence word a misspelling stands for (PRIOITY -> PRIORITY)."""
    if word in g.PRECEDENCE_WORDS:
        return word
    close = difflib.get_close_matches(word, list(g.PRECEDENCE_WORDS), n=1, cutoff=0.6)
    return close[0] if close else None


def address_precedence(addr: Address) -> str | None:
    """The precedence word of an addressee as written (misspellings included).

    The parser leaves the precedence inside the address when a malformed MCN follows it
    (``SECSTATE WASHDC IMMEDIATE 129``); it is looked for behind that number too.
    """
    if addr.precedence:
        return addr.precedence
    words = addr.address.split()
    if words and words[-1].isdigit():
        words.pop()
    if len(words) >= 3 and words[-2:] == ["NIACT", "IMMEDIATE"]:
        return "NIACT IMMEDIATE"
    if len(words) >= 2 and (
        words[-1] in g.PRECEDENCE_WORDS or words[-1] in g.PRECEDENCE_MISSPELLINGS
    ):
        return words[-1]
    return None


def precedence_letter(word: str | None) -> str:
    """Letter of a precedence word (NIACT IMMEDIATE = O); no word means routine (R)."""
    if not word:
        return "R"
    fixed = correct_spelling(word)
    return g.PRECEDENCE_WORDS.get(fixed or "", "R")


def _highest(addresses: list[Address]) -> tuple[str, Address | None]:
    """Highest precedence letter of ``addresses`` and the first addressee that has it."""
    best, who = "R", None
    for addr in addresses:
        letter = precedence_letter(address_precedence(addr))
        if who is None or _RANK[letter] > _RANK[best]:
            best, who = letter, addr
    return best, who


def _word_span(addr: Address, word: str) -> tuple[int, int]:
    """Offsets of the last occurrence of ``word`` in the addressee's raw text."""
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in word.split()) + r"\b"
    found = list(re.finditer(pattern, addr.raw))
    if not found:
        return addr.span.start, addr.span.end
    m = found[-1]
    return addr.span.start + m.start(), addr.span.start + m.end()


def _name(letter: str) -> str:
    return f"{letter} ({g.PRECEDENCE_LETTERS.get(letter, '?')})"


def _dtg_prec_span(cable: Cable, which: str) -> tuple[int, int] | None:
    """Offsets of the action (``prec``) or info (``prec2``) precedence letter of the DTG."""
    h = cable.header
    if h is None or h.dtg is None:
        return None
    m = _DTG_PRECS.match(h.dtg.raw)
    if m is None or m.group(which) is None:
        return h.dtg.span.start, h.dtg.span.end
    return h.dtg.span.start + m.start(which), h.dtg.span.start + m.end(which)


@rule("H103", "routing-prosign-invalid", Severity.WARNING)
def routing_prosign_invalid(cable: Cable, emit: Emitter) -> None:
    """The routing line does not begin with a doubled precedence prosign ZZ, OO, PP or RR.

    FL2 starts with the transmission precedence written twice (ZZ flash, OO immediate, PP
    priority, RR routine), followed by the routing indicators.  Any other pair of letters is
    a transmission or extraction error.

    Fails:
        VZCZCXRO8143
        OP RUEHAG RUEHDBU
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443

    Passes:
        VZCZCXRO8143
        OO RUEHAG RUEHDBU
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is not None and h.routing is not None:
        prosign = h.routing.prosign
        if prosign and prosign not in g.PROSIGNS:
            start = h.routing.span.start + h.routing.raw.index(prosign)
            emit((start, start + 2), f"precedence {prosign!r} on the routing line (FL2) "
                 "is not ZZ, OO, PP or RR",
                 hint="the prosign is the precedence letter written twice")


@rule("H104", "de-line-malformed", Severity.WARNING)
def de_line_malformed(cable: Cable, emit: Emitter) -> None:
    """A DE line whose station, serial number or Julian day and time cannot be read.

    FL3 is ``DE`` + originating routing indicator + ``#`` station serial number [``/``
    section] + Julian day and time (DDDHHMM).  A DE line in another shape is reported; the
    date checks that need it are skipped.

    Fails:
        VZCZCXRO8143
        OO RUEHAG
        DE RUEHKB 0443 153/0928Z
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        VZCZCXRO8143
        OO RUEHAG
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is None or h.de is None or h.de.station is not None:
        return
    emit(h.de, f"the DE line (FL3) {h.de.raw.strip()[:40]!r} cannot be read: expected "
         f"{g.expected('de')}", hint="e.g. DE RUEHKB #0443/01 1530928")


@rule("H105", "security-line-invalid", Severity.ERROR)
def security_line_invalid(cable: Cable, emit: Emitter) -> None:
    """The security line is not ZNR/ZNY followed by one classification letter five times.

    FL4 is ``ZNR`` or ``ZNY`` and then UUUUU, EEEEE, CCCCC, SSSSS or TTTTT.  Anything else
    is an error; a mix of a classification letter and special-category letters (``SSSAA``)
    is a known real-world variant and only a warning, as is a letter lost or doubled
    (``CCCC``).

    Fails:
        DE RUEHKB #0443/01 1530928
        ZNY XXXXX ZZH
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        DE RUEHKB #0443/01 1530928
        ZNY CCCCC ZZH
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is None or h.security is None:
        return
    sec = h.security
    if sec.secop and sec.secop not in _SECOPS:
        start = sec.span.start + sec.raw.index(sec.secop)
        emit((start, start + len(sec.secop)),
             f"security signal {sec.secop!r} on the security line (FL4) is not ZNR or ZNY",
             hint="ZNR for unclassified traffic, ZNY for EFTO and classified traffic")
    letters = sec.letters
    if not letters or letters in _VALID_LETTERS:
        return
    start = sec.span.start + sec.raw.index(letters, len(sec.secop or ""))
    where = (start, start + len(letters))
    first = letters[0]
    if letters == first * len(letters) and first in g.SECURITY_LETTERS:
        emit(where, f"classification letters {letters!r} on the security line (FL4) have "
             f"{len(letters)} letters: expected "
             f"{first * 5}", hint="a letter was lost or doubled in transmission",
             severity=Severity.WARNING)
        return
    run = len(letters) - len(letters.lstrip(first))
    if first in g.SECURITY_LETTERS and run >= 3 and set(letters[run:]) <= {"A", "B"}:
        emit(where, f"classification letters {letters!r} on the security line (FL4) mix "
             f"classification letter {first} with "
             "special-category letters: expected one letter five times",
             hint=f"expected {first * 5}", severity=Severity.WARNING)
        return
    emit(where, f"classification letters {letters!r} on the security line (FL4) are not UUUUU, "
             "EEEEE, CCCCC, SSSSS or TTTTT",
         hint="the classification letter written five times")


# A DTG line without its precedence prosign (``061601Z MAY 78``): the DTG is there
_BARE_DTG = re.compile(r"[ \t]*(?P<dtg>[0-9]{6}Z[ \t]+[A-Z]{3}[ \t]+[0-9]{2})[ \t]*\r?\n")


@rule("H106", "dtg-missing", Severity.ERROR)
def dtg_missing(cable: Cable, emit: Emitter) -> None:
    """A transmission header with an originator or addressees has no date-time group.

    FL5, the DTG, is mandatory whenever a header exists: it is the time of origin of the
    cable.  A header with FM or TO lines but no DTG line lost it in transmission or
    extraction.  A DTG line without its precedence (``061601Z MAY 78``) is there: that is
    reported as a warning on it.

    Fails:
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is None or h.dtg is not None or cable.cut_short:
        return  # a partial extract's head is cut (K005 says so)
    first = h.fm or (h.to[0] if h.to else None)
    if first is None:
        return
    text = cable.text
    line_start = text.rfind("\n", 0, first.span.start) + 1
    prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    bare = _BARE_DTG.match(text, prev_start, line_start)
    if line_start and bare is not None:
        emit(bare.span("dtg"), f"date-time group (DTG) {bare.group('dtg')!r} has no precedence: "
             f"expected {g.expected('dtg')}", hint="e.g. R 061601Z MAY 78",
             severity=Severity.WARNING)
        return
    emit(first, f"header has {'an originator line (FM)' if h.fm else 'addressee lines (TO)'} "
         "but no date-time group (DTG): "
         f"expected {g.expected('dtg')} before it", hint="e.g. O 020928Z JUN 09")


@rule("H107", "fm-missing", Severity.WARNING)
def fm_missing(cable: Cable, emit: Emitter) -> None:
    """A transmission header with a date-time group has no FM (originator) line.

    FL6 names the originating office; it follows the DTG in every complete header.

    Fails:
        O 020928Z JUN 09
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is None or h.dtg is None or h.fm is not None:
        return
    emit(h.dtg, "header has a date-time group (DTG) but no originator line (FM): expected "
         "FM + plain-language address (PLA) after it", hint="e.g. FM AMEMBASSY BAKU")


@rule("H108", "dtg-service-note", Severity.INFO)
def dtg_service_note(cable: Cable, emit: Emitter) -> None:
    """The date-time group is followed by a service note, not by operating signals alone.

    A retransmitted cable may carry an operating signal and a note of the communications
    centre after its DTG (``ZDK CTG RUEHDO #3763``, ``ZDK DUE TO SERVICES``).  The DTG is
    read as usual and the note is kept beside it; it is reported once, for information.
    Operating signals alone (``ZDK``, ``ZDS ZDK``) are not reported.

    Fails:
        DE RUEHRK #0401/01 2991754
        ZNR UUUUU ZZH
        P 261754Z OCT 06 ZDK EACTC SVC #0128
        FM AMEMBASSY REYKJAVIK
        TO RUEHC/SECSTATE WASHDC PRIORITY 3030
        UNCLAS REYKJAVIK 000401

    Passes:
        DE RUEHRK #0401/01 2991754
        ZNR UUUUU ZZH
        P 261754Z OCT 06 ZDK
        FM AMEMBASSY REYKJAVIK
        TO RUEHC/SECSTATE WASHDC PRIORITY 3030
        UNCLAS REYKJAVIK 000401
    """
    h = _header(cable)
    if h is None or h.dtg is None or not h.dtg.signal:
        return
    note = h.dtg.signal
    if _SIGNALS_ONLY.match(note.upper()):
        return
    start = h.dtg.span.start + h.dtg.raw.rfind(note)
    emit((start, start + len(note)), f"date-time group (DTG) is followed by the service "
         f"note {note[:40]!r}: expected operating signals alone (ZDK); the DTG is read without it",
         hint="a retransmission note of the communications centre; nothing to correct")


@rule("H109", "addressee-garbled", Severity.INFO)
def addressee_garbled(cable: Cable, emit: Emitter) -> None:
    """An addressee carries a garbled word (a month name) where its precedence belongs.

    Some relays wrote a month abbreviation in the precedence slot of an addressee
    (``RUEHLP/AMEMBASSY LA PAZ SEP 8254``), at times run into the next post
    (``AMEMBASSY LA PAZ NOV LIMA 4449``).  The post is read without the month and what
    follows it, the garble is reported once per addressee; the addressee counts as routine.

    Fails:
        P 201732Z SEP 06
        FM AMEMBASSY BOGOTA
        TO RUEHC/SECSTATE WASHDC PRIORITY 9011
        INFO RUEHLP/AMEMBASSY LA PAZ SEP 8254
        C O N F I D E N T I A L BOGOTA 008663

    Passes:
        P 201732Z SEP 06
        FM AMEMBASSY BOGOTA
        TO RUEHC/SECSTATE WASHDC PRIORITY 9011
        INFO RUEHLP/AMEMBASSY LA PAZ PRIORITY 8254
        C O N F I D E N T I A L BOGOTA 008663
    """
    h = _header(cable)
    if h is None:
        return
    for addr in [*h.to, *h.info, *h.xmt]:
        if addr.garble:
            emit(_word_span(addr, addr.garble), f"addressee {addr.address!r} is followed by "
                 f"{addr.garble!r}: expected a precedence word or the message continuity "
                 "number (MCN)",
                 hint="a relay garble; the post is read without it")


@rule("H110", "header-in-text", Severity.INFO)
def header_in_text(cable: Cable, emit: Emitter) -> None:
    """The date-time group and addressees come from a distribution block inside the text.

    A page without a transmission header may still hold the old-format office distribution
    block of a later section or copy (``------------------70C954 071049Z /38`` followed by
    the DTG, FM, TO and INFO lines, often run into one line).  The DTG, originator and
    addressees are read from the first such block; this is reported once, for information.

    Fails:
        This record is a partial extract of the original cable.
        C O N F I D E N T I A L SECTION 01 OF 02 ROME 001196
        1. (C) Text of section one.
        PAGE 01 ROME 01196 02 OF 02 082031Z ACTION EUR-00
        INFO LOG-00 NP-00 /009W  ------------------71B573 082032Z /38
        O 071013Z MAR 02 FM AMEMBASSY ROME TO SECSTATE WASHDC IMMEDIATE 2621
        C O N F I D E N T I A L SECTION 02 OF 02 ROME 001196

    Passes:
        O 071013Z MAR 02
        FM AMEMBASSY ROME
        TO SECSTATE WASHDC IMMEDIATE 2621
        C O N F I D E N T I A L SECTION 01 OF 02 ROME 001196
        1. (C) Text of section one.
    """
    h = _header(cable)
    if h is None or not h.in_text or h.dtg is None:
        return
    emit(h.dtg, f"no date-time group (DTG) before the banner: {h.dtg.raw.strip()[:30]!r} read "
         "from the distribution block in the text", hint="the page lost the cable's own header")


@rule("H111", "security-line-note", Severity.INFO)
def security_line_note(cable: Cable, emit: Emitter) -> None:
    """The security line carries a note after its operating signals.

    FL4 ends with operating signals (``ZZH``), at times followed by a relay annotation in
    parentheses (``(CCY AD1B8B49 MSI7873-695)``), which is accepted.  Other text there
    (``ZDS NOT DELIVERED``, ``ZUI RUEWMCE1074 1581702``, a garbled signal ``ZH``) is a note
    of the communications centre: the line is read as usual and the note reported once.

    Fails:
        DE RUEHCG #0144 2301238
        ZNY CCCCC ZZH ZDS NOT DELIVERED
        O 181238Z AUG 09
        FM AMCONSUL CHENNAI
        C O N F I D E N T I A L CHENNAI 000144

    Passes:
        DE RUEHCG #0144 2301238
        ZNY CCCCC ZZH(CCY AD1B8B49 MSI7873-695)
        O 181238Z AUG 09
        FM AMCONSUL CHENNAI
        C O N F I D E N T I A L CHENNAI 000144
    """
    h = _header(cable)
    if h is None or h.security is None or not h.security.note:
        return
    note = h.security.note
    if note.startswith("(") and note.endswith(")"):
        return
    start = h.security.span.start + h.security.raw.rfind(note)
    emit((start, start + len(note)), f"security line (FL4) is followed by the note {note[:40]!r}: "
         "expected operating signals alone (ZZH)",
         hint="a note of the communications centre; nothing to correct")


@rule("H112", "addressee-keyword-glued", Severity.WARNING)
def addressee_keyword_glued(cable: Cable, emit: Emitter) -> None:
    """A TO or INFO keyword is run into the routing indicator that follows it.

    ``TORUEHC/SECSTATE WASHDC PRIORITY 8009`` lost the space after TO.  The addressee is
    read as usual (TO RUEHC/SECSTATE WASHDC) and the missing space reported.

    Fails:
        P 240620Z JUL 08
        FM AMEMBASSY MANAMA
        TORUEHC/SECSTATE WASHDC PRIORITY 8009
        C O N F I D E N T I A L MANAMA 000492

    Passes:
        P 240620Z JUL 08
        FM AMEMBASSY MANAMA
        TO RUEHC/SECSTATE WASHDC PRIORITY 8009
        C O N F I D E N T I A L MANAMA 000492
    """
    h = _header(cable)
    if h is None:
        return
    for addr in [*h.to, *h.info]:
        line_start = cable.text.rfind("\n", 0, addr.span.start) + 1
        before = cable.text[line_start : addr.span.start].strip()
        if before in ("TO", "INFO") and cable.text[addr.span.start - 1] not in " \t":
            emit((addr.span.start - len(before), addr.span.start + len(addr.route or "")),
                 f"keyword {before} is run into the routing indicator {addr.route!r}: "
                 f"expected {before} + space", hint=f"write {before} {addr.raw[:20]}")


@rule("P001", "prosign-precedence-mismatch", Severity.WARNING)
def prosign_precedence_mismatch(cable: Cable, emit: Emitter) -> None:
    """The routing prosign does not match the DTG action precedence.

    The doubled prosign of FL2 (ZZ, OO, PP, RR) is the transmission precedence and is
    expected to be the DTG's first precedence letter written twice (format-spec P1).

    Fails:
        PP RUEHAG RUEHDBU
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        OO RUEHAG RUEHDBU
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is None or h.routing is None or h.dtg is None or not h.dtg.precedences:
        return
    prosign = h.routing.prosign
    if prosign not in g.PROSIGNS:
        return
    action = h.dtg.precedences[0]
    if prosign[0] == action:
        return
    start = h.routing.span.start + h.routing.raw.index(prosign)
    emit((start, start + 2), f"precedence {prosign} on the routing line (FL2) does not match the "
         f"action precedence {_name(action)} of the date-time group (DTG): "
         f"expected {action * 2}", hint=f"expected {action * 2}")


@rule("P002", "action-precedence-mismatch", Severity.WARNING)
def action_precedence_mismatch(cable: Cable, emit: Emitter) -> None:
    """The action precedence of the date-time group (DTG) is not the highest of the TO addressees.

    The first DTG precedence letter is the action precedence; it is expected to equal the
    highest precedence word on the TO lines (format-spec P2).  NIACT IMMEDIATE counts as
    immediate (O) and an addressee without a precedence word is routine (R).

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC PRIORITY 1297
        C O N F I D E N T I A L BAKU 000443

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC NIACT IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is None or h.dtg is None or not h.dtg.precedences or not h.to:
        return
    action = h.dtg.precedences[0]
    if action not in _RANK:
        return
    best, who = _highest(h.to)
    if best == action:
        return
    word = address_precedence(who) if who is not None else None
    found = f"{word} ({best})" if word else "none (routine, R)"
    where = _dtg_prec_span(cable, "prec") or h.dtg.span
    emit(where, f"action precedence {_name(action)} of the date-time group (DTG) does not "
         f"match the highest precedence of the action addressees (TO): found {found}",
         hint=f"expected DTG precedence {best} or TO "
         f"precedence {g.PRECEDENCE_LETTERS[action]}")


@rule("P003", "info-precedence-mismatch", Severity.WARNING)
def info_precedence_mismatch(cable: Cable, emit: Emitter) -> None:
    """The information precedence of the date-time group (DTG) is not the INFO addressees' highest.

    When the DTG has two precedence letters, the second is the information precedence and
    is expected to equal the highest precedence word on the INFO lines (format-spec P3);
    an addressee without a precedence word is routine (R).

    Fails:
        P R 041820Z JAN 10
        FM SECSTATE WASHDC
        TO AMEMBASSY BAKU PRIORITY 1297
        INFO AMEMBASSY ANKARA PRIORITY 3411
        UNCLAS STATE 000284

    Passes:
        P R 041820Z JAN 10
        FM SECSTATE WASHDC
        TO AMEMBASSY BAKU PRIORITY 1297
        INFO AMEMBASSY ANKARA 3411
        UNCLAS STATE 000284
    """
    h = _header(cable)
    if h is None or h.dtg is None or len(h.dtg.precedences) < 2 or not h.info:
        return
    info = h.dtg.precedences[1]
    if info not in _RANK:
        return
    best, who = _highest(h.info)
    if best == info:
        return
    word = address_precedence(who) if who is not None else None
    found = f"{word} ({best})" if word else "none (routine, R)"
    where = _dtg_prec_span(cable, "prec2") or h.dtg.span
    emit(where, f"information precedence {_name(info)} of the date-time group (DTG) does not "
         f"match the highest precedence of the information addressees (INFO): found {found}",
         hint=f"expected DTG information precedence {best}")


@rule("P005", "no-action-addressee", Severity.WARNING)
def no_action_addressee(cable: Cable, emit: Emitter) -> None:
    """The transmission header has no TO (action) addressee.

    Every cable is sent for action to at least one addressee; a header with FM and INFO
    lines but no TO line is a known malformation (format-spec P5, 08STATE125686).

    Fails:
        R 182333Z FEB 09
        FM SECSTATE WASHDC
        INFO AMEMBASSY PANAMA
        UNCLAS STATE 125686

    Passes:
        R 182333Z FEB 09
        FM SECSTATE WASHDC
        TO AMEMBASSY PANAMA
        UNCLAS STATE 125686
    """
    h = _header(cable)
    if h is None or h.to or h.fm is None:
        return
    for line in cable.lines:  # a TO line that held only a PAGE fragment still counts
        if line.kind == "to":
            return
    emit(h.fm, "header has no action addressee (TO): expected at least one TO line after "
         "the originator line (FM)",
         hint="add the action addressee(s) on a TO line")


@rule("P006", "precedence-misspelled", Severity.WARNING)
def precedence_misspelled(cable: Cable, emit: Emitter) -> None:
    """An addressee's precedence word is misspelled (PRIOITY, PIORITY, IMMEDIAT ...).

    Precedence words are FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY and ROUTINE; known
    misspellings are read as the word they stand for and reported with the correct spelling.

    Fails:
        O 151856Z JAN 08
        FM AMEMBASSY BRASILIA
        TO SECSTATE WASHDC PRIOITY 0861
        UNCLAS BRASILIA 000093

    Passes:
        O 151856Z JAN 08
        FM AMEMBASSY BRASILIA
        TO SECSTATE WASHDC PRIORITY 0861
        UNCLAS BRASILIA 000093
    """
    h = _header(cable)
    if h is None:
        return
    for addr in [*h.to, *h.info]:
        word = address_precedence(addr)
        if not word or word in g.PRECEDENCE_WORDS:
            continue
        fixed = correct_spelling(word) or "a precedence word"
        emit(_word_span(addr, word), f"precedence {word!r} is misspelled: expected {fixed}",
             hint=f"write {fixed}")


@rule("P007", "mcn-malformed", Severity.WARNING)
def mcn_malformed(cable: Cable, emit: Emitter) -> None:
    """An addressee ends in a number group that is not a 4-digit message continuity number.

    The MCN after an addressee is a 4-digit per-addressee sequence number (zero padded);
    a shorter or longer group was truncated or mistyped.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 129
        C O N F I D E N T I A L BAKU 000443

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 0129
        C O N F I D E N T I A L BAKU 000443
    """
    h = _header(cable)
    if h is None:
        return
    for addr in [*h.to, *h.info]:
        if addr.mcn is not None and len(addr.mcn) == 4:
            continue
        if addr.mcn is None:
            words = addr.address.split()
            if len(words) < 2 or not words[-1].isdigit():
                continue
        if _BANNERISH.search(addr.address) or g.RE_DTG.match(addr.raw):
            continue  # a garbled banner or a repeated DTG read as an addressee
        m = _NUMBER_GROUP.search(addr.raw)
        if m is None:
            continue
        number = m.group(1)
        where = (addr.span.start + m.start(1), addr.span.start + m.end(1))
        emit(where, f"message continuity number {number!r} has {len(number)} digits: "
             "expected 4 digits", hint=f"expected a 4-digit MCN such as {number.zfill(4)[-4:]}")
