"""Words of the cable format, for ``cableformat explain TERM``: a glossary for historians.

Each entry gives the abbreviation, the words it stands for, a plain explanation and the
section of the format specification (``docs``/spec ``format-spec.md``) that defines it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry."""

    name: str
    stands_for: str
    meaning: str
    example: str = ""
    spec: str = ""
    aliases: tuple[str, ...] = ()

    def text(self) -> str:
        """The entry as ``explain`` prints it."""
        lines = [f"{self.name}: {self.stands_for}", "", textwrap.fill(self.meaning, 88)]
        if self.example:
            lines += ["", "Example:", "", "    " + self.example.replace("\n", "\n    ")]
        if self.spec:
            lines += ["", f"Format specification: {self.spec}"]
        return "\n".join(lines) + "\n"


TERMS: tuple[Term, ...] = (
    Term("DE", "the DE line (the sending station's line, format line 3)",
         "Names the station that put the cable on the wire (its routing indicator), the "
         "station serial number (SSN, the last four digits of the cable's serial) with the "
         "section number, and the day of the year and time of transmission.",
         "DE RUEHKB #0443/01 1530928", "1.3.3 FL3 - DE line", ("FL3",)),
    Term("SSN", "station serial number",
         "The serial number on the DE line: the last four digits of the cable's serial "
         "number (MRN), zero padded.", "#0443 for 09BAKU443", "1.3.3 FL3 - DE line"),
    Term("MRN", "message reference number (the cable's serial)",
         "The number the sending office gave the cable, shown on the banner line after the "
         "office name (six digits, zero padded).  With the year and office it makes the "
         "reference ID used by WikiLeaks (09BAKU443).", "CONFIDENTIAL BAKU 000443",
         "1.4.1 Banner and 2.1 Reference ID / MRN", ("SERIAL", "REFERENCE ID", "REFID")),
    Term("DTG", "date-time group (format line 5)",
         "When the cable was filed: precedence letter, day, hour and minute in UTC (Z), "
         "month and two-digit year.", "O 020928Z JUN 09", "1.3.5 FL5 - date-time group"),
    Term("FL1", "format line 1: transmission identification",
         "VZCZC followed by a channel and a sequence number; it identifies a "
         "transmission, not a cable.", "VZCZCXRO8143", "1.3.1 FL1", ("TID", "VZCZC")),
    Term("FL2", "format line 2: routing line",
         "Doubled precedence letters (ZZ flash, OO immediate, PP priority, RR routine) and "
         "the routing indicators (RI) of the relay stations.", "OO RUEHAG RUEHDBU",
         "1.3.2 FL2 - routing line"),
    Term("FL4", "format line 4: security line",
         "ZNR or ZNY followed by the classification letter written five times (UUUUU "
         "unclassified, EEEEE unclassified 'encrypt for transmission only', CCCCC "
         "confidential, SSSSS secret, TTTTT top secret) and an operating signal such as ZZH.",
         "ZNY CCCCC ZZH", "1.3.4 FL4 - security line", ("SECOP", "ZNY", "ZNR")),
    Term("FL5", "format line 5: the date-time group", "See DTG.", "O 020928Z JUN 09",
         "1.3.5"),
    Term("FL6", "format line 6: originator (FM line)",
         "FM followed by the plain-language address (PLA) of the sending office.",
         "FM AMEMBASSY BAKU", "1.3.6 FL6 - originator", ("FM",)),
    Term("FL7", "format lines 7 and 8: addressees (TO and INFO lines)",
         "TO lists the offices asked to act, INFO those informed; each addressee may carry "
         "a routing indicator, a precedence word and a message continuity number (MCN).",
         "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297", "1.3.7 FL7/FL8 - addressees",
         ("FL8", "TO", "INFO", "ADDRESSEE")),
    Term("PLA", "plain-language address",
         "An office named in words: office type and place, as on the FM, TO and INFO "
         "lines.", "AMEMBASSY BAKU, SECSTATE WASHDC, USMISSION USUN NEW YORK",
         "1.3.6 FL6 - originator"),
    Term("RI", "routing indicator",
         "The four-to-seven-letter code of a communications station (RUEHKB = Baku); the "
         "routing line and addressees use them.", "RUEHC/SECSTATE WASHDC",
         "1.3.2 FL2 and 4. Reference data", ("ROUTING INDICATOR",)),
    Term("MCN", "message continuity number",
         "The four-digit count after an addressee: how many cables that office has received "
         "from the sender on this channel.", "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297",
         "1.3.7 FL7/FL8 - addressees"),
    Term("PRECEDENCE", "how urgent the cable is",
         "Flash (Z), immediate (O), priority (P) or routine (R); NIACT IMMEDIATE is State's "
         "night-action immediate.", "O 020928Z JUN 09 (immediate)",
         "1.3.2, 1.3.5, 2.5", ("NIACT", "PREC")),
    Term("BANNER", "the banner line (classification and message reference line)",
         "First line of the cable text: classification, the office and the serial number "
         "(MRN), perhaps the section (SECTION 01 OF 02).", "C O N F I D E N T I A L BAKU "
         "000443", "1.4.1 Banner"),
    Term("SECTION", "section of a long cable",
         "A long cable was sent in sections; each later section starts with a continuation "
         "header repeating the office and serial.", "SECTION 01 OF 02",
         "1.4.2 Continuation headers and 2.4"),
    Term("CAPTION", "caption and special-handling line",
         "Words between the banner and the E.O. line that restrict or mark distribution: "
         "SIPDIS, NOFORN, SENSITIVE, NODIS, EXDIS, LIMDIS...", "NOFORN, SIPDIS",
         "1.4.3 Captions"),
    Term("SIPDIS", "SIPRNet distribution caption",
         "Marks a cable that may be posted to the SIPRNet network; introduced in December "
         "2005, so older cables legitimately lack it; never combined with NODIS or EXDIS.",
         "SIPDIS", "1.4.3 Captions"),
    Term("NOFORN", "not releasable to foreign nationals", "A caption restricting "
         "distribution (also NF in portion marks).", "NOFORN", "1.4.3 Captions", ("NF",)),
    Term("NODIS", "no distribution (beyond the addressee)", "A restrictive distribution "
         "caption; EXDIS (exclusive distribution) and LIMDIS (limited) are milder.",
         "NODIS", "1.4.3 Captions", ("EXDIS", "LIMDIS", "STADIS")),
    Term("SBU", "sensitive but unclassified",
         "An unclassified cable under administrative control (caption SENSITIVE); WikiLeaks "
         "lists it as UNCLASSIFIED//FOR OFFICIAL USE ONLY.", "SENSITIVE",
         "1.4.3 Captions", ("SENSITIVE", "FOUO")),
    Term("EFTO", "encrypt for transmission only",
         "An unclassified cable sent encrypted (UNCLAS E F T O; EEEEE on the security line).",
         "UNCLAS E F T O", "1.4.1 Banner, 1.3.4 FL4"),
    Term("UNCLAS", "unclassified", "The lowest classification; the levels are "
         "UNCLASSIFIED < LIMITED OFFICIAL USE < CONFIDENTIAL < SECRET < TOP SECRET.",
         "UNCLAS STATE 000001", "2.3 Classification", ("CLASSIFICATION",)),
    Term("EO", "the E.O. line (declassification instructions)",
         "Names the executive order governing classification (E.O. 12958...) and when the "
         "cable may be declassified (DECL: a date, an exemption such as 1.6X1, OADR) or N/A "
         "for unclassified cables.", "E.O. 12958: DECL: 06/02/2019",
         "1.4.5 E.O. line", ("E.O.", "DECL", "OADR")),
    Term("TAGS", "the TAGS line (subject and country codes)",
         "Codes filing the cable by subject (PREL political relations, ECON...) and by "
         "country (two letters, FIPS 10-4: AJ Azerbaijan).", "TAGS: PREL, PGOV, AJ",
         "1.4.6 TAGS line and 2.6"),
    Term("SUBJECT", "the SUBJECT line", "The cable's title.",
         "SUBJECT: AZERBAIJAN: ...", "1.4.7 SUBJECT line"),
    Term("REF", "the REF line (references)", "Earlier cables or documents the cable "
         "answers, labelled A., B., ...", "REF: A. 09BAKU123 B. STATE 45678",
         "1.4.8 REF line and 2.7"),
    Term("CLASSIFIED BY", "the classification authority line",
         "Who classified the cable, and the reasons (letters of section 1.4 of E.O. 12958).",
         "Classified By: Ambassador Anne E. Derse, Reasons 1.4 (b) and (d)",
         "1.4.9 Classification authority", ("AUTHORITY", "REASON")),
    Term("PORTION MARK", "paragraph classification mark",
         "The classification of one paragraph in brackets: (U), (SBU), (C), (S), (C/NF).",
         "1. (C) Summary: ...", "1.4.10 Text", ("PORTION",)),
    Term("JULIAN DAY", "day of the year (001-366)",
         "The DE line gives the transmission day as the day of the year.",
         "153 = 2 June 2009", "1.3.3 FL3 - DE line", ("JDAY",)),
    Term("REFLOWED", "a page whose line breaks are not the telegram's",
         "Some copies (press versions, exports) glued the telegram's short lines into long "
         "paragraphs: line-based checks are less certain there.", "",
         "3.11 WikiLeaks-layer artefacts"),
)

_INDEX = {key.replace(".", "").replace(" ", "").upper(): term for term in TERMS
          for key in (term.name, *term.aliases)}


def find_term(word: str) -> Term | None:
    """The entry named ``word`` (case, dots and spaces ignored), or None."""
    key = word.replace(".", "").replace(" ", "").upper()
    if key == "TERMS":
        return Term("terms", "the words 'cableformat explain' knows",
                    ", ".join(t.name for t in TERMS) + ".")
    return _INDEX.get(key)
