"""Value sets of the strategies that the grammar module does not hold: eras, offices, words.

Everything that the grammar *does* hold (levels, captions, months, precedences, executive
orders, prosigns, security letters) is taken from :mod:`cableformat.grammar`; this module
only adds what a generator needs on top: the date window of each era, offices with their
originator addresses, and word lists that no head keyword or marker can be read in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from cableformat import grammar as g

FIRST_DAY: Final = date(1966, 12, 1)
"""First day of the Cablegate period (rule D005)."""
LAST_DAY: Final = date(2010, 3, 1)
"""Last day of the Cablegate period (rule D005)."""


@dataclass(frozen=True, slots=True)
class Era:
    """A classification era: the executive order in force and the cable dates it covers.

    ``order`` is a key of :data:`cableformat.grammar.EO_ORDERS`; ``first``/``last`` bound
    the cable dates drawn for it (inside both the order's time in force and the Cablegate
    period).  ``eo_line`` is False for E.O. 10501 cables, which have no E.O. line.
    """

    order: str
    first: date
    last: date
    eo_line: bool = True

    def reason_section(self, day: date) -> str | None:
        """The classification reason section in use on ``day`` (None: no reasons cited)."""
        if self.order in ("10501", "11652"):
            return None
        if self.order in ("12065", "12356"):
            return "1.3"
        return "1.5" if day <= date(2003, 3, 25) else "1.4"

    def reason_letters(self, day: date) -> str:
        """The reason letters allowed on ``day``."""
        return "abcdefgh" if self.reason_section(day) == "1.4" else "abcdefg"


def _in_force(order: str) -> tuple[date, date]:
    since, until = g.EO_ORDERS[order]
    return date.fromisoformat(since), date.fromisoformat(until)


def _era(order: str, first: date, last: date, *, eo_line: bool = True) -> Era:
    """An era, clipped to the order's time in force and to the Cablegate period."""
    since, until = _in_force(order)
    return Era(order, max(first, since, FIRST_DAY), min(last, until, LAST_DAY), eo_line)


ERAS: Final = {
    "10501": _era("10501", FIRST_DAY, date(1972, 5, 31), eo_line=False),
    "11652": _era("11652", date(1972, 6, 1), date(1978, 11, 30)),
    "12065": _era("12065", date(1978, 12, 1), date(1982, 7, 31)),
    # E.O. 12958 (1995-04-17) checks reasons against 1.4/1.5: older reasons stop there.
    "12356": _era("12356", date(1982, 8, 1), date(1995, 4, 16)),
    "12958": _era("12958", date(1995, 4, 17), LAST_DAY),
    "13526": _era("13526", date(2009, 12, 29), LAST_DAY),
}
"""The eras by executive order; every cable date of the period falls in one of them."""
DEFAULT_ERAS: Final = tuple(ERAS)
"""Eras drawn when none is pinned (all of them)."""

SIPDIS_REQUIRED: Final = date(2006, 1, 1)
SIPDIS_ALLOWED: Final = date(2002, 1, 1)

SBU: Final = "SBU"
RANK: Final = {"UNCLASSIFIED": 0, "SBU": 0, "LIMITED OFFICIAL USE": 0, "CONFIDENTIAL": 1,
               "SECRET": 2, "TOP SECRET": 3}
"""Rank of each level of :data:`cableformat.grammar.LEVELS` (administrative controls: 0)."""

BANNER_WORDS: Final = {
    "UNCLASSIFIED": ("UNCLAS", "UNCLASSIFIED"),
    "SBU": ("UNCLAS",),
    "LIMITED OFFICIAL USE": ("LIMITED OFFICIAL USE", "L I M I T E D  O F F I C I A L  U S E"),
    "CONFIDENTIAL": ("C O N F I D E N T I A L", "CONFIDENTIAL"),
    "SECRET": ("S E C R E T", "SECRET"),
    "TOP SECRET": ("T O P  S E C R E T", "TOP SECRET"),
}
SECURITY_LETTER: Final = {"UNCLASSIFIED": "U", "SBU": "U", "LIMITED OFFICIAL USE": "U",
                          "CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "T"}
PORTIONS: Final = {
    # level: portion marks a paragraph of a cable of that level may carry
    "UNCLASSIFIED": ("U",),
    "SBU": ("U", "SBU"),
    "LIMITED OFFICIAL USE": ("U", "LOU"),
    "CONFIDENTIAL": ("U", "SBU", "C"),
    "SECRET": ("U", "SBU", "C", "S"),
    "TOP SECRET": ("U", "C", "S", "TS"),
}
OWN_PORTION: Final = {"CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "TS"}
NOFORN_PORTIONS: Final = {"C": ("C//NF", "C/NF"), "S": ("S//NF", "S/NF", "S//NOFORN")}
WRAPPER_LEVELS: Final = ("UNCLASSIFIED", "SBU", "CONFIDENTIAL", "SECRET")
"""Levels that the WikiLeaks metadata table can state (format-spec 1.2)."""


@dataclass(frozen=True, slots=True)
class Office:
    """An originating office: banner name, FM address, station RI and WikiLeaks origin
    (as in the posts table of :mod:`cableformat.reference`)."""

    banner: str
    fm: str
    ri: str
    origin: str


OFFICES: Final = (
    Office("BAKU", "AMEMBASSY BAKU", "RUEHKB", "Embassy Baku"),
    Office("STATE", "SECSTATE WASHDC", "RUEHC", "Secretary of State"),
    Office("TEL AVIV", "AMEMBASSY TEL AVIV", "RUEHTV", "Embassy Tel Aviv"),
    Office("SAO PAULO", "AMCONSUL SAO PAULO", "RUEHSO", "Consulate Sao Paulo"),
    Office("USUN NEW YORK", "USMISSION USUN NEW YORK", "RUCNDT", "USUN New York"),
    Office("PORT AU PRINCE", "AMEMBASSY PORT AU PRINCE", "RUEHPU", "Embassy Port Au Prince"),
    Office("ANKARA", "AMEMBASSY ANKARA", "RUEHAK", "Embassy Ankara"),
    Office("ROME", "AMEMBASSY ROME", "RUEHRO", "Embassy Rome"),
    Office("BRASILIA", "AMEMBASSY BRASILIA", "RUEHBR", "Embassy Brasilia"),
    Office("GENEVA", "USMISSION GENEVA", "RUEHGV", "US Mission Geneva"),
    Office("NEW DELHI", "AMEMBASSY NEW DELHI", "RUEHNE", "Embassy New Delhi"),
    Office("ADDIS ABABA", "AMEMBASSY ADDIS ABABA", "RUEHDS", "Embassy Addis Ababa"),
)
REF_OFFICES: Final = ("STATE", "BAKU", "ANKARA", "MOSCOW", "TEL AVIV", "LONDON", "PARIS",
                      "USNATO", "SECDEF", "BRASILIA")

ADDRESSES: Final = (
    "SECSTATE WASHDC", "AMEMBASSY ANKARA", "AMEMBASSY MOSCOW", "CIS COLLECTIVE",
    "EU MEMBER STATES", "CDR USEUCOM VAIHINGEN GE", "CIA WASHINGTON DC", "DIA WASHDC",
    "JOINT STAFF WASHDC", "NSC WASHDC", "USMISSION USOSCE", "AMEMBASSY LONDON",
    "AMEMBASSY PARIS", "AMCONSUL ISTANBUL", "USMISSION USNATO", "AMEMBASSY BERLIN",
)
XMT_ADDRESSES: Final = ("AMEMBASSY SOFIA", "AMCONSUL ADANA", "AMEMBASSY TIRANA")
PASSING: Final = ("DEPT FOR EUR/CARC", "STATE FOR G/TIP", "DEPARTMENT FOR WHA, M, T",
                  "USDOC FOR BIS/OUS/RCUPITT", "PASS TO USTR")

SECRETARIES: Final = (
    # surname, first day in office: STATE cables are signed by the Secretary of State
    ("RUSK", date(1961, 1, 21)), ("ROGERS", date(1969, 1, 22)),
    ("KISSINGER", date(1973, 9, 22)), ("VANCE", date(1977, 1, 23)),
    ("MUSKIE", date(1980, 5, 8)), ("HAIG", date(1981, 1, 22)),
    ("SHULTZ", date(1982, 7, 16)), ("BAKER", date(1989, 1, 25)),
    ("EAGLEBURGER", date(1992, 12, 8)), ("CHRISTOPHER", date(1993, 1, 20)),
    ("ALBRIGHT", date(1997, 1, 23)), ("POWELL", date(2001, 1, 20)),
    ("RICE", date(2005, 1, 26)), ("CLINTON", date(2009, 1, 21)),
)
SURNAMES: Final = ("DERSE", "WILSON", "KEEGAN PAAL", "MCCARTHY", "O'BRIEN", "SMITH-JONES",
                   "FINN", "CRETZ", "SOBEL", "BRYZA")
CLASSIFIERS: Final = (
    ("Ambassador", "Anne E. Derse"), ("DCM", "Liz Dibble"), ("Charge d'Affaires", "Gene A. Cretz"),
    ("Political Counselor", "Robert P. Finn"), ("Deputy Chief of Mission", "Jane Q. Example"),
)
CLASSIFIER_ORGS: Final = ("US Embassy Tripoli", "US Mission Geneva", "Embassy Baku")

SUBJECT_TAGS: Final = ("PREL", "PGOV", "PHUM", "ECON", "ETRD", "EFIN", "MARR", "MOPS", "PTER",
                       "SNAR", "ASEC", "AMGT", "CASC", "CVIS", "TSPL", "SENV", "SOCI", "EPET",
                       "OREP", "OEXC", "OIIP", "PINR", "PARM", "ENRG", "BEXP")
PROGRAM_TAGS: Final = ("KDEM", "KCRM", "KNNP", "KPAO", "KIRF", "KWMN", "KTIP", "KJUS")
GEO_TAGS: Final = ("AJ", "RS", "TU", "GM", "UK", "CH", "JA", "KS", "KN", "IZ", "IS", "SP", "BR",
                   "EG", "VT", "UP", "EUN")
ORG_TAGS: Final = ("NATO", "UNSC", "ZANU-PF", "G-8", "OSCE", "IAEA", "UNGA/C-6", "EU")
PERSONS: Final = (("STEINBERG", "JAMES B."), ("CLINTON", "HILLARY"), ("BIDEN", "JOSEPH"))

SUBJECT_WORDS: Final = (
    "AZERBAIJAN", "PRESIDENT", "EXPRESSES", "INTEREST", "IN", "ADDITIONAL", "TROOP",
    "CONTRIBUTIONS", "TO", "AFGHANISTAN", "MINISTER", "DISCUSSES", "ENERGY", "SECURITY",
    "ELECTIONS", "BORDER", "TRADE", "TALKS", "ON", "THE", "NEW", "GOVERNMENT", "AND",
    "PIPELINE", "VISIT", "OF", "DELEGATION", "HUMAN", "RIGHTS", "UPDATE", "BUDGET", "PLANS",
)
PROSE_WORDS: Final = (
    "the", "minister", "said", "government", "would", "continue", "to", "support",
    "regional", "cooperation", "and", "discussed", "plans", "for", "economic", "reform",
    "embassy", "officials", "noted", "that", "election", "preparations", "remain", "on",
    "track", "ambassador", "met", "with", "parliament", "leaders", "border", "trade",
    "energy", "pipeline", "talks", "president", "stressed", "new", "agreement", "was",
    "reached", "after", "long", "negotiations", "in", "capital", "week", "both", "sides",
)
HEADINGS: Final = ("On Nagorno Karabakh", "On Regional Security", "Energy Cooperation",
                   "Next Steps")
OTHER_REFS: Final = ("SECDEF R162245Z OCT 08", "EMBASSY-DEPARTMENT TELCON")


def days(first: date, last: date) -> int:
    """Number of days from ``first`` to ``last``."""
    return (last - first).days


def add_days(day: date, n: int) -> date:
    """``day`` plus ``n`` days."""
    return day + timedelta(days=n)


def era_of(day: date) -> Era:
    """The era a cable date belongs to (the latest order whose window holds it)."""
    found = [e for e in ERAS.values() if e.first <= day <= e.last and e.order != "13526"]
    return found[-1] if found else ERAS["12958"]


def secretary(day: date) -> str:
    """The Secretary of State in office on ``day`` (signs STATE cables)."""
    name = SECRETARIES[0][0]
    for surname, since in SECRETARIES:
        if since <= day:
            name = surname
    return name


def _check_words() -> None:
    """No word of the lists can be read as a head keyword, a marker or a classification."""
    import re

    bad = re.compile(r"SUMMARY|COMMENT|TEXT|QUOTE|FYI|CLASSIF|SECRET|CONFIDENTIAL|UNCLAS|"
                     r"SIPDIS|PAGE|END|BEGIN|XXX", re.I)
    for word in (*SUBJECT_WORDS, *PROSE_WORDS, *HEADINGS):
        if g.RE_HEAD_KEYWORD.search(word + ": x") or bad.search(word):
            raise AssertionError(f"vocabulary word {word!r} reads as a keyword")


_check_words()
