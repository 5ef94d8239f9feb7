"""The telegram format as data: one record per production of format-spec section 1.

Every production names its layer, its compiled pattern (``re.VERBOSE``, commented part by
part, anchored, free of nested quantifiers so matching is linear in the line length), a
description, the spec section and a canonical example.  The parser walks these records, the
validator quotes their descriptions as "expected ..." in messages, ``cableformat grammar``
prints them, and the hypothesis strategies are checked against them.

Patterns are applied to one line at a time (or one keyword-delimited segment), and never to
lines longer than :data:`MAX_FIELD_LINE` characters except :data:`RE_HEAD_KEYWORD`, a plain
alternation that is scanned once over the head zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

MAX_FIELD_LINE: Final = 600
"""Lines longer than this are never tried against a field production (they are text)."""

# --- value sets -------------------------------------------------------------------------

MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
PRECEDENCE_LETTERS: Final = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
PRECEDENCE_WORDS: Final = {
    "FLASH": "Z",
    "NIACT IMMEDIATE": "O",
    "IMMEDIATE": "O",
    "PRIORITY": "P",
    "ROUTINE": "R",
}
PRECEDENCE_MISSPELLINGS: Final = (
    "PRIOITY", "PIORITY", "PRIORTY", "IMMEDIAT", "IMMEDAITE", "ROUTIN",
)
PROSIGNS: Final = ("ZZ", "OO", "PP", "RR")
SECURITY_LETTERS: Final = {"U": "UNCLASSIFIED", "E": "UNCLASSIFIED", "C": "CONFIDENTIAL",
                           "S": "SECRET", "T": "TOP SECRET"}
EO_ORDERS: Final = {
    # order: (in force from, in force until) as ISO dates; see format-spec 1.4.5
    "10501": ("1953-12-15", "1972-06-01"),
    "11652": ("1972-06-01", "1978-12-01"),
    "12065": ("1978-12-01", "1982-08-01"),
    "12356": ("1982-08-01", "1995-10-14"),
    "12958": ("1995-04-17", "2010-06-27"),
    "13292": ("2003-03-25", "2010-06-27"),
    "13526": ("2009-12-29", "2099-12-31"),
}
CLASSIFIED_BY_SINCE: Final = EO_ORDERS["12356"][1]
"""E.O. 12958 in force (it replaced E.O. 12356): telegrams name their classifier from then on."""
LEVELS: Final = ("UNCLASSIFIED", "SBU", "LIMITED OFFICIAL USE", "CONFIDENTIAL", "SECRET",
                 "TOP SECRET")
"""Classification levels in increasing order (format-spec 2.3)."""

CAPTIONS: Final = (
    "SIPDIS", "NOFORN", "SENSITIVE BUT UNCLASSIFIED", "SENSITIVE", "NODIS", "EXDIS", "LIMDIS",
    "STADIS", "ROGER CHANNEL", "CHEROKEE", "DISSENT CHANNEL", "EFTO", "INFORM CONSULS",
    "WEBGRAM EXCLUDED ONLY", "AGRÉMENT CHANNEL", "AGREMENT CHANNEL", "MED CHANNEL",
    "DS CHANNEL", "SPECIAL HANDLING", "FOR OFFICIAL USE ONLY", "CORRECTED COPY",
)
RESTRICTIVE_CAPTIONS: Final = ("NODIS", "EXDIS")
SIPDIS_SINCE: Final = "2005-12-01"

# --- patterns -----------------------------------------------------------------------------

_CLS_SPACED = r"""
    (?P<cls>
        T\ ?O\ ?P\ +S\ ?E\ ?C\ ?R\ ?E\ ?T
      | U\ ?N\ ?C\ ?L\ ?A\ ?S(?:\ ?S\ ?I\ ?F\ ?I\ ?E\ ?D)?
      | C\ ?O\ ?N\ ?F\ ?I\ ?D\ ?E\ ?N\ ?T\ ?I\ ?A\ ?L
      | S\ ?E\ ?C\ ?R\ ?E\ ?T
      | L\ ?I\ ?M\ ?I\ ?T\ ?E\ ?D\ +O\ ?F\ ?F\ ?I\ ?C\ ?I\ ?A\ ?L\ +U\ ?S\ ?E
    )"""

RE_TID: Final = re.compile(
    r"""^\s*
    VZCZC (?P<chan>[A-Z]{2,4}) (?P<seq>[0-9]{2,6})  # channel start, channel, sequence
    \s*$""",
    re.X,
)
RE_ROUTING: Final = re.compile(
    r"""^\s*
    (?P<prosign>ZZ|OO|PP|RR|[A-Z]{2})            # doubled precedence prosign
    (?P<ris>(?:\ +[A-Z]{4,7})+)                  # routing indicators
    \s*$""",
    re.X,
)
RE_ROUTING_CONT: Final = re.compile(
    r"""^\s*
    [A-Z]{4,7}(?:\ +[A-Z]{4,7})*                 # a line of routing indicators only
    \s*$""",
    re.X,
)
RE_DE: Final = re.compile(
    r"""^\s*DE\ +
    (?P<station>[A-Z]{3,8})\ +                   # originating station routing indicator
    \#?(?P<ssn>[0-9]{1,6})                       # station serial number
    (?:/(?P<section>[0-9]{1,3}))?                # section of this transmission
    \ +(?P<jday>[0-9]{3})(?P<time>[0-9]{4})      # Julian day and time (UTC)
    \s*$""",
    re.X,
)
RE_DE_ANY: Final = re.compile(r"^\s*DE\ +[A-Z]{3,8}\b", re.X)
RE_SECURITY: Final = re.compile(
    r"""^\s*
    (?P<secop>ZN[A-Z])\ +                        # ZNR or ZNY
    (?P<letters>[A-Z]{3,6})                      # classification letter times five
    (?:/(?P<specat>[A-Z]{5}))?                   # special category
    (?P<signals>(?:\ *Z[A-Z]{2})*)               # operating signals (ZZH, ZZHZDF run together)
    (?P<note>.*)$                                # relay annotation (CCY ...) or service note
    """,
    re.X,
)
RE_DTG: Final = re.compile(
    r"""^\s*
    (?P<prec>[ZOPR])(?:\ +(?P<prec2>[ZOPR]))?\ +  # action [and info] precedence
    (?P<day>[0-9]{2})(?P<hour>[0-9]{2})(?P<minute>[0-9]{2})\ ?(?P<zulu>Z?)\ +  # DDHHMMZ
    (?P<month>[A-Z]{3})\ +                       # month
    (?P<year>[0-9]{2}|[0-9]{4})                  # year
    (?:\ +(?P<signal>/*Z[A-Z]{2}[0-9]?\b.*))?     # operating signal (ZDK, ZFF4) and its note
    \s*$""",
    re.X | re.I,
)
RE_FM: Final = re.compile(r"^\s*FM\ +(?P<rest>\S.*?)\s*$", re.X)
RE_TO: Final = re.compile(r"^\s*TO(?:\ +|(?=[A-Z0-9]{4,8}/))(?P<rest>\S.*?)\s*$", re.X)
RE_INFO: Final = re.compile(r"^\s*INFO(?:\ +|(?=[A-Z0-9]{4,8}/))(?P<rest>\S.*?)\s*$", re.X)
"""TO and INFO lines; the keyword may be run into a routing indicator (TORUEHC/SECSTATE)."""
RE_XMT: Final = re.compile(r"^\s*XMT[\ /]+(?P<rest>\S.*?)\s*$", re.X)
RE_ADDRESSEE_ROUTE: Final = re.compile(
    r"""^(?P<route>[A-Z0-9]{4,8})/                # routing indicator and slash
    """,
    re.X,
)
RE_ADDRESS_NOTE: Final = re.compile(r"^\s*(?:[A-Z]{2,10}\ +)?GRNC\s*$", re.X)
"""A handling note closing an old addressee list (``STATE GRNC``): no addressee."""
RE_DISTRIBUTION_MARK: Final = re.compile(
    r"""(?<!-)-{6,}[0-9A-F]{6}\ +[0-9]{6}Z\ +/[0-9]{2}(?![0-9])  # ---------70C954 071049Z /38""",
    re.X,
)
"""The rule that closes the office distribution list of an old-format cable; the DTG, FM,
TO and INFO lines follow it (run together on one line in reflowed pages)."""
PLA_HEADS: Final = frozenset({
    "AMEMBASSY", "AMCONSUL", "AMCONGEN", "AMEMB", "USMISSION", "SECSTATE", "USDEL", "USINT",
    "USEU", "USNATO", "USOFFICE", "USLO", "USCINCEUR", "USCINCPAC", "SECDEF", "CIA", "NSC",
})
"""Words that open a plain-language address: they separate addressees run into one line."""
RE_MCN: Final = re.compile(r"^[0-9]{4}$")
RE_PARTIAL: Final = re.compile(
    r"^\s*This\ record\ is\ a\ partial\ extract\ of\ the\ original\ cable", re.X | re.I
)
RE_BANNER: Final = re.compile(
    r"""\s*"""
    + _CLS_SPACED
    + r"""
    (?P<efto>\s+E\ ?F\ ?T\ ?O)?                  # EFTO, only after UNCLAS
    (?:\s+SECTION\s+(?P<section>[0-9]{1,3})\s+OF\s+(?P<sections>[0-9]{1,3}))?
    \s+(?P<office>[A-Z][A-Z.'\-]*(?:\ [A-Z][A-Z.'\-]*){0,4})   # banner office, 1-5 words
    \s+(?P<serial>[0-9]{3,8})(?![0-9])           # MRN serial, zero padded
    """,
    re.X | re.I,
)
RE_CLASS_ALONE: Final = re.compile(r"^\s*" + _CLS_SPACED + r"\s*$", re.X | re.I)
RE_CONTINUATION: Final = re.compile(
    r"""^\s*
    (?P<office>[A-Z][A-Z.'\-]*(?:\ [A-Z.'\-]+){0,3})\ +   # office, at most 10 characters
    (?P<serial>[0-9]{8})\ +                      # serial padded to 8 digits
    (?P<section>[0-9]{3})(?:\.(?P<page>[0-9]))?\ +OF\ +(?P<total>[0-9]{3})  # NNN[.p] OF TTT
    \s*$""",
    re.X | re.I,
)
RE_CONTINUATION_INLINE: Final = re.compile(
    r"""(?<![0-9])(?P<serial>[0-9]{8})\ +        # serial padded to 8 digits
    (?P<section>[0-9]{3})(?:\.(?P<page>[0-9]))?\ +(?:OF|of|Of)\ +(?P<total>[0-9]{3})(?![0-9])""",
    re.X,
)
"""A continuation header run into a text line; the office is the word(s) before it."""
RE_PAGE: Final = re.compile(
    r"""^\s*PAGE\ +(?P<page>[0-9]{2,3})           # page number
    (?:\ +(?P<office>[A-Z][A-Z ]{0,12}?))?       # office (6 characters)
    (?:\ +(?P<serial>[0-9]{4,6}))?               # serial
    (?:\ +[0-9]{2}\ +OF\ +[0-9]{2})?             # section NN OF NN
    (?:\ +[0-9]{6}Z)?                            # DDHHMMZ
    \s*$""",
    re.X,
)
RE_HEAD_KEYWORD: Final = re.compile(
    r"""
    (?=[ETASURC])   # every keyword starts with one of these: the scan skips other offsets fast
    (?:(?P<eo>(?:E\.\ ?O\.?|\bEO\b)\ {0,3}(?=[0-9]{4,5}|:)  # E.O. 12958 / EO 12958 / E.o.:
             |E\.0\.\ {0,3}(?=[0-9]{4,5}))       # E.0. 12958: a zero for the O
  | (?P<tags>\b(?:TAGS|TAGES|TABS|TAG|TGS|TAS)(?:\s*[:;,]|\ (?=[A-Z]{2,}))|(?<![A-Z])AGS:
             |(?<=[0-9])(?-i:TAGS):)                # glued to a date: 08/16/2015TAGS:
  | (?P<subject>\b(?:SUBJECT|SUBJ|UBJECT)(?:\s*:|\ (?=\S))|SUBJECT\ ?:)  # or glued: TUSUBJECT:
  | (?P<ref>\b(?:REF(?:TEL)?S?|REF\(S\)|REFERENCES?)(?:\s*[:.]|\ (?=[A-Z(]\W))
             |(?<=[A-Z])(?-i:REF):(?=\ ?[A-Z0-9(]))  # glued to a word: ... UK PRIMEREF: A.
  | (?P<classified>\b(?:CLASSIFIED|CLASSFIED)\ +BY\b:?
             |(?-i:Classified\ By|CLASSIFIED\ BY):))  # glued: VISIT TO CAIROClassified By:
    """,
    re.X | re.I,
)
_HEAD_KEYWORD_CORES: Final = ("E.O", "EO", "E. O", "E.0", "TAG", "TGS", "TAS", "TABS", "AGS:",
                               "SUBJ", "UBJECT", "REF", "CLASSI", "CLASSF")


def may_hold_head_keyword(text: str) -> bool:
    """Cheap pre-check: can :data:`RE_HEAD_KEYWORD` match anywhere in ``text``?

    Every keyword alternative contains one of these cores (case aside), and a substring test
    is far cheaper than trying the keyword pattern at every position of a line.
    """
    up = text.upper()
    # the tests of _HEAD_KEYWORD_CORES, spelt out (a generator costs more than the tests);
    # tests/test_grammar_docs.py checks that the two lists agree
    return ("E.O" in up or "EO" in up or "E. O" in up or "E.0" in up or "TAG" in up or "TGS" in up
            or "TAS" in up or "TABS" in up or "AGS:" in up or "SUBJ" in up or "UBJECT" in up
            or "REF" in up or "CLASSI" in up or "CLASSF" in up)


RE_PARAGRAPH: Final = re.compile(
    r"""^\s*
    (?P<number>[0-9]{1,3}[A-Za-z]?)\ ?\.         # paragraph number: 1. 11. 2a.
    (?=\s|\(|$|[A-Z])\s*
    (?:\((?P<portion>[A-Z/]{1,12})\))?           # portion mark (C) (S//NF)
    \s*
    (?P<marker>(?i:(?:BEGIN\ )?SUMMARY|COMMENT|ACTION\ REQUEST|BACKGROUND)(?=\W|$))?
    """,
    re.X,
)
_PORTION_CONTROL = r"(?:NF|N|NOFORN|REL(?:\ [A-Z ,]{1,60})?|FOUO|SBU|FGI|ORCON|PROPIN)"
"""A dissemination control after a portion level: (S//NF), (S//REL TO USA, AUS), (S/REL UK)."""
RE_PORTION_START: Final = re.compile(
    r"""^\s*(?:[0-9]{1,3}[A-Za-z]?\ ?\.\s*)?          # paragraph number, if any
    (?:[A-Z]\.\s+|--\s*|-\s+|\([a-z]\)\s+)?        # optional list label
    \((?P<portion>(?i:U|SBU|C|S|TS|LOU)(?=\))|U//FOUO
    | [SCU]B?U?/{1,2}""" + _PORTION_CONTROL + r"""(?:/{1,2}""" + _PORTION_CONTROL + r""")?
    )\)""",
    re.X,
)
"""A portion mark opening a text line (after a paragraph number or a list label, if any):
upper or lower case levels, CAPCO marks with up to two dissemination controls."""
RE_PORTION_MARK: Final = re.compile(
    r"""^(?:U|SBU|C|S|TS|LOU|U//FOUO
    | (?:U|C|S|SBU|TS)/{1,2}""" + _PORTION_CONTROL + r"""(?:/{1,2}""" + _PORTION_CONTROL
    + r""")?)$""",
    re.X,
)
RE_LIST_LABEL: Final = re.compile(r"^\s*\((?P<label>[A-Za-z])\)\s")
"""A single-letter label opening a line: ``(B) Police are ...``, ``(c) BAKU 443``."""
RE_MARKER: Final = re.compile(
    r"""(?P<end>\bEND\ +)?(?P<begin>\bBEGIN\ +)?
    (?P<name>SUMMARY|COMMENT|TEXT|QUOTE|FYI)\b""",
    re.X,
)
RE_UNDERLINE: Final = re.compile(r"^\s*(?:-{3,}|={3,})\s*$")
RE_HTML_TAG: Final = re.compile(r"<[^<>\n]{0,300}>")
"""An HTML tag left in cable text by a page dump (``<a href=...>``, ``<code><pre>``)."""
RE_MARKUP: Final = re.compile(
    RE_HTML_TAG.pattern
    + r"|&\#?[A-Za-z0-9]{1,10};|¶|\ufeff"      # entities, WikiLeaks anchors, byte order mark
    + r"|\[\[|\ {0,3}\|\|\ {0,3}[0-9]{0,4}\ {0,3}\]\]"  # named-entity marks [[TEXT || 9]]
)
"""Markup that clean views read through: page markup and named-entity annotation."""


def without_markup(text: str) -> str:
    """``text`` with :data:`RE_MARKUP` taken out (entities are left as written)."""
    return RE_MARKUP.sub(lambda m: m.group() if m.group().startswith("&") else "", text)


RE_REDACTION: Final = re.compile(r"X{6,}")
RE_SIGNATURE: Final = re.compile(
    r"""^\s*
    (?P<name>[A-Za-z][A-Za-z'\-]{1,30}(?:\ [A-Za-z][A-Za-z'\-]{1,30})?)   # one or two surnames
    (?:\.?\#*|\ ?\.{3}|\ ?\u2026)\s*$           # a full stop, ##, or cut off: CHACON ...""",
    re.X,
)
RE_TRAILER: Final = re.compile(
    r"""^\s*(?:NNNN|\#[0-9]{4}|=+\s*CABLE\ ENDS\s*=+
    | NOTE\ BY\ OC/T:.* | NOTE:\ NOT\ PASSED.* | Declassified/Released\ .*
    | [0-9]{4}[A-Z]{3,6}[0-9]{5}\ -\ [A-Z ]+
    | \*{3}\ {0,4}Current\ [A-Za-z ]{1,40}?\ {0,4}\*{3}.*   # *** Current Classification ***
    | [A-Z]{0,8}VZCZ[A-Z]{0,8}                      # the next message's channel start
    | "?Visit\ [A-Za-z' ]{1,40}\ Classified\ Web\ Site\b.*   # a post's web-site footer
    )\s*$""",
    re.X,
)
RE_PAGE_DATE: Final = re.compile(
    r"""^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\ [0-9]{1,2}\ [A-Z][a-z]+\ [0-9]{4},
    \ [0-9]{2}:[0-9]{2}\s*$""",
    re.X,
)
"""Date line that some WikiLeaks page templates put in the header block (page chrome)."""
RE_CABLE_DATED: Final = re.compile(r"\s*Cable\ dated:\s?[0-9T:\-]{10,19}", re.X)
"""Prefix that one WikiLeaks page template glues before the banner (page chrome)."""
RE_METADATA_HEAD: Final = re.compile(
    r"^\s*Reference\ ID\s+Created\s+(?:Released\s+)?Classification\s+Origin\s*$", re.X
)
RE_METADATA_ROW: Final = re.compile(
    r"""^\s*(?P<reference_id>\S+)\s+
    (?P<created>[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2})\s+
    (?:(?P<released>[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2})\s+)?
    (?P<classification>UNCLASSIFIED//FOR\ OFFICIAL\ USE\ ONLY|[A-Z]+(?:\ [A-Z]+)*?(?://NOFORN)?)
    \s+(?P<origin>\S.*?)\s*$""",
    re.X,
)
RE_EO_BODY: Final = re.compile(
    r"""^(?P<keyword>E\.?\ ?O\.?|E\.0\.)\ ?(?P<order>[0-9]{4,5})?\s*:?\s*  # E.O. 12958:
    (?P<rest>.*?)\s*$""",
    re.X | re.I | re.S,
)
RE_DECL: Final = re.compile(r"^(?:DECL(?:ASSIFY)?\b\s*:?\s*)(?P<value>.*)$", re.I | re.S)
RE_DATE_MDY: Final = re.compile(
    r"^(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/(?P<y>[0-9]{2}|[0-9]{4})\.?$"
)
RE_DATE_YMD: Final = re.compile(r"^(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})\.?$")
RE_DECL_EXEMPT: Final = re.compile(
    r"""^(?:1\.6\ ?X[0-9](?:\s*,\s*X[0-9])*|X[0-9](?:\s*,\s*X[0-9])*
    |25X[0-9](?:-[A-Z]+)?|50X1-HUM)\.?$""", re.X
)
RE_DECL_SCHEDULE: Final = re.compile(r"^(?:OADR|GDS|XGDS|RDS|XDS)\b", re.I)
RE_REASONS: Final = re.compile(
    r"""(?P<section>[0-9]\s?[.,]\s?[0-9])           # 1.4 / 1.5 (and typos 1,4)
    \s*(?P<letters>(?:\(?\s*[A-Ha-h](?![A-Za-z]{2})    # a letter, not a word (and, HMG)
    \s*\)?\s*[,/&+]?\s*(?:(?:and|AND)(?![A-Za-z]))?\s*){1,8})  # then ", and" / "/" / " "
    """,
    re.X,
)
RE_REF_LABEL: Final = re.compile(
    r"""^\s*(?:\(?(?P<label>[A-Z]|[0-9]{1,2})(?:\.\)|[.):\]]|\ -)|\[(?P<blabel>[A-Z])\])""",
    re.X,
)
RE_REF_CABLE: Final = re.compile(
    r"""(?:(?:(?P<year>'?[0-9]{2}|[0-9]{4}|\([0-9]{2}\))|(?P<year_o>O[0-9]))\ *)?
                      # year: 08, '08, 2008, (99), O8 (letter O for zero); 09BOGOTA1506
    (?P<office>[A-Z][A-Z.'\-]*(?<!-)(?:\ +[A-Z][A-Z.'\-]*(?<!-)){0,3})   # office
    (?:\ +\((?P<year_mid>[0-9]{2})\))?             # STATE (01) 201265
    (?:\ +-?|(?<=[A-Z]))                            # separator: STATE -097844, BOGOTA2050
    (?P<serial>[0-9]{1,7})                          # serial
    (?:(?:/|-|\ ?')(?P<year_after>[0-9]{2})(?![0-9/])    # year after: 00933/08, 4525-91
      |\ ?\((?P<year_paren>[0-9]{2})\)                   # 701 (08)
      |\ (?P<year_last>[0-9]{2})(?=\ *(?:$|[,;])))?       # 07718 99 (item ends)
    (?=$|[\s,;:.()&]|/(?![0-9]{1,2}/|[0-9]{4}\b)|AND|--)   # not 12/14/07, not 201/2006
    """,
    re.X,
)
RE_REFERENCE_ID: Final = re.compile(
    r"^(?P<yy>[0-9]{2})(?P<origin>[A-Z]{3,17})(?P<serial>[1-9][0-9]{0,6})$"
)

# --- productions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Production:
    """One production of the telegram grammar."""

    name: str
    layer: str
    pattern: re.Pattern[str] | None
    description: str
    spec: str
    example: str
    required: bool = False
    repeatable: bool = False


PRODUCTIONS: Final = (
    Production("chrome", "L0", None, "WikiLeaks page chrome line", "1.1", "Browse by origin"),
    Production("metadata", "L0", RE_METADATA_HEAD, "metadata table: Reference ID Created "
               "Released Classification Origin and its value row", "1.2",
               "Reference ID Created Released Classification Origin"),
    Production("tid", "L1", RE_TID, "transmission identification VZCZC + channel + sequence",
               "1.3.1", "VZCZCXRO8143"),
    Production("routing", "L1", RE_ROUTING, "doubled precedence prosign (ZZ, OO, PP, RR) and "
               "routing indicators of 4-7 letters", "1.3.2", "OO RUEHAG RUEHDBU"),
    Production("de", "L1", RE_DE, "DE + station RI + '#' SSN ['/' section] + Julian day and "
               "time (DDDHHMM)", "1.3.3", "DE RUEHKB #0443/01 1530928"),
    Production("security", "L1", RE_SECURITY, "ZNR/ZNY + classification letter five times "
               "+ operating signals", "1.3.4", "ZNY CCCCC ZZH"),
    Production("dtg", "L1", RE_DTG, "precedence [precedence] DDHHMMZ MON YY", "1.3.5",
               "O 020928Z JUN 09", required=True),
    Production("fm", "L1", RE_FM, "FM + plain-language address", "1.3.6", "FM AMEMBASSY BAKU",
               required=True),
    Production("to", "L1", RE_TO, "TO + [RI/]address [precedence] [MCN]", "1.3.7",
               "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297", repeatable=True),
    Production("info", "L1", RE_INFO, "INFO + [RI/]address [precedence] [MCN]", "1.3.7",
               "INFO RUCNCIS/CIS COLLECTIVE IMMEDIATE", repeatable=True),
    Production("xmt", "L1", RE_XMT, "XMT + excluded address", "1.3.7", "XMT AMEMBASSY SOFIA",
               repeatable=True),
    Production("partial", "L1", RE_PARTIAL, "partial extract note", "1.3.8",
               "This record is a partial extract of the original cable."),
    Production("banner", "L2", RE_BANNER, "classification banner [EFTO] [SECTION nn OF mm] "
               "office serial", "1.4.1", "C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443",
               required=True),
    Production("continuation", "L2", RE_CONTINUATION, "continuation header: office (10 "
               "characters) serial (8 digits) NNN[.p] OF TTT", "1.4.2",
               "BAKU 00000443  002 OF 002", repeatable=True),
    Production("page", "L2", RE_PAGE, "old page header PAGE NN office serial DDHHMMZ", "1.4.1",
               "PAGE 02        ROME  03067  211833Z", repeatable=True),
    Production("caption", "L2", None, "caption or special handling (SIPDIS, NOFORN, NODIS ...)",
               "1.4.3", "SIPDIS", repeatable=True),
    Production("passing", "L2", None, "passing or action line", "1.4.4", "DEPT FOR EUR/CARC",
               repeatable=True),
    Production("eo", "L2", RE_EO_BODY, "E.O. NNNNN: DECL: MM/DD/YYYY | N/A | exemption",
               "1.4.5", "E.O. 12958: DECL: 06/02/2019", required=True),
    Production("tags", "L2", None, "TAGS: subject, program, geographic, organisation and "
               "person tags", "1.4.6", "TAGS: PGOV MARR PREL AJ", required=True),
    Production("subject", "L2", None, "SUBJECT: [portion mark] text", "1.4.7",
               "SUBJECT: AZERBAIJAN: PRESIDENT EXPRESSES INTEREST", required=True),
    Production("ref", "L2", None, "REF: labelled list of cable and other references", "1.4.8",
               "REF: A. STATE 12345 B. BAKU 443"),
    Production("classified_by", "L2", None, "Classified By: name, title, reasons 1.4 (x,y)",
               "1.4.9", "Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d)."),
    Production("paragraph", "L2", RE_PARAGRAPH, "numbered paragraph N. (portion mark) text",
               "1.4.10", "1.   (C) SUMMARY:  On May 5, ...", repeatable=True),
    Production("heading", "L2", RE_UNDERLINE, "sub-heading underlined with --- or ===",
               "1.4.10", "On Nagorno Karabakh", repeatable=True),
    Production("signature", "L2", RE_SIGNATURE,
               "signature: one or two surnames, not the end of a wrapped sentence", "1.4.11",
               "DERSE"),
    Production("trailer", "L2", RE_TRAILER, "trailer: NNNN, notes, declassification stamps",
               "1.4.11", "NNNN"),
)
PRODUCTIONS_BY_NAME: Final = {p.name: p for p in PRODUCTIONS}


def production_names() -> list[str]:
    """Names of all productions, in document order."""
    return [p.name for p in PRODUCTIONS]


def expected(name: str) -> str:
    """The description of production ``name``, for "expected ..." in messages."""
    return PRODUCTIONS_BY_NAME[name].description
