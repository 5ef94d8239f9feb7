"""Text-zone helpers of the body parser: sub-headings, run-in paragraphs, wrapped numbers and
signatures glued to the last paragraph (spec 1.4.10, 1.4.11).

Press versions of cables were reflowed: paragraphs, sub-headings and the signature were
glued into long lines (``... end of para 7. 8. (SBU) Next ...``, ``... would. CAULFIELD``).
Wrapped text, the other way round, can start a line with a date or a cross-reference that
looks like a paragraph number (``on June\\n5.``).  The functions here tell these apart from
the line text alone; ``parser.body`` applies them.  Every pattern is anchored or bounded.
"""

from __future__ import annotations

import re
from typing import Final

from cableformat import grammar as g

# A paragraph number inside a line (RE_PARAGRAPH without its ``^\s*``), tried at one column
RE_RUN_IN: Final = re.compile(
    r"""(?P<number>[0-9]{1,3})\ ?\.
    (?=\s|\(|[A-Z])\s*
    (?:\((?P<portion>[A-Z/]{1,12})\))?
    \s*
    (?P<marker>(?i:(?:BEGIN\ )?SUMMARY|COMMENT|ACTION\ REQUEST|BACKGROUND)(?=\W|$))?
    """,
    re.X,
)
# A paragraph numbered ``1)`` instead of ``1.``: only with a portion mark after it (a list
# item ``1) text`` has none)
RE_PAREN_PARAGRAPH: Final = re.compile(
    r"""^\s*
    (?P<number>[0-9]{1,3})\)\s*
    \((?P<portion>U|SBU|C|S|TS|LOU|[CSU]B?U?/{1,2}[A-Z]{1,8})\)
    \s*
    (?P<marker>(?i:(?:BEGIN\ )?SUMMARY|COMMENT|ACTION\ REQUEST|BACKGROUND)(?=\W|$))?
    """,
    re.X,
)
# A paragraph number without its full stop or with a comma for it, only with a portion mark
# (``15 (SBU) He also called ...``, ``5, (S/NF) This ...``) and where it goes on with the
# numbering
RE_UNDOTTED_PARAGRAPH: Final = re.compile(
    r"""^\s*
    (?P<number>[0-9]{1,3})(?:\ ?,\ {0,3}|\ {1,3})
    \((?P<portion>U|SBU|C|S|TS|LOU|[CSU]B?U?/{1,2}[A-Z]{1,8})\)
    \s*
    (?P<marker>(?i:(?:BEGIN\ )?SUMMARY|COMMENT|ACTION\ REQUEST|BACKGROUND)(?=\W|$))?
    """,
    re.X,
)
# A sub-heading run into the first line of the paragraph it heads (``HAITI 5. (SBU) ...``):
# words without a sentence end, then a number with a portion mark
RE_HEADED_PARAGRAPH: Final = re.compile(
    r"""^\s*(?P<heading>[A-Z"\u201c][^.!?:;]{0,100}?)\s+
    (?P<number>[0-9]{1,3})\ ?\.\s*
    \((?P<portion>U|SBU|C|S|TS|LOU|[CSU]B?U?/{1,2}[A-Z]{1,8})\)
    \s*
    (?P<marker>(?i:(?:BEGIN\ )?SUMMARY|COMMENT|ACTION\ REQUEST|BACKGROUND)(?=\W|$))?
    """,
    re.X,
)
# What may stand right before a run-in paragraph number: a sentence end or a rule's end
_RUN_IN_AFTER = frozenset('.!?"\')]\u201d-=')

# Last word of a line that makes a number at the start of the next line a date, a figure or
# a cross-reference rather than a paragraph number (``June\n5.``, ``para\n3.``)
_WRAP_WORDS_TEXT = """
    jan jan. january feb feb. february mar mar. march apr apr. april may jun jun. june jul
    jul. july aug aug. august sep sep. sept sept. september oct oct. october nov nov. november
    dec dec. december para para. paras paras. paragraph paragraphs no. nos. nr. number numbers
    item items section sections article articles chapter page pages point points annex ref
    reftel reftels tel telegram see and or of to than the about from ($ approximately
    roughly nearly over under by"""
_WRAP_WORDS: Final = frozenset(_WRAP_WORDS_TEXT.split())
_STRONG_WRAP_TEXT = """
    jan. january feb. february mar. march apr. april june jul. july aug. august sep.
    sept. september oct. october nov. november dec. december para para. paras paras.
    paragraph paragraphs fy"""
_STRONG_WRAP_WORDS: Final = frozenset(_STRONG_WRAP_TEXT.split())
_SENTENCE_END = frozenset('.!?:;"\')]\u201d')

# Glued or dated signature at the end of the last text line: after a sentence end (or at
# the line start), one or two capitalised surnames, an optional date (with a record row's
# flag before it: ``STEVENS 0 12/23/2007``), as the last tokens
RE_GLUED_SIGNATURE: Final = re.compile(
    r"""(?:^|(?<=[.!?"')\]\u201d*])\s|(?<=XXXX)\s|\s\s)\s*
    (?P<name>[A-Z][A-Za-z'\-]{1,30}(?:\ [A-Z][A-Za-z'\-]{1,30})?)
    \.?\ ?[\#"\\]*(?:\s{1,3}(?:[0-9]\ {1,3})?[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4})?\s*$""",
    re.X,
)
# Words that end cable text but are no surnames
_NOT_SIGNATURE_TEXT = """
    END BEGIN TEXT COMMENT COMMENTS SUMMARY QUOTE UNQUOTE NOTE FYI SIPDIS NNNN NNN MINIMIZE
    CONSIDERED SENSITIVE UNCLASSIFIED UNCLAS CONFIDENTIAL SECRET LIMITED OFFICIAL USE NOFORN
    EXDIS NODIS LIMDIS STADIS CORRECTION CORRECTED COPY FOLLOW FOLLOWS CABLE ACTION INFO
    REF REFTEL SEPTEL TEL TELS BREAK STOP PARA PARAS GOOD LUCK THANKS REGARDS AND THE OF
    XXXXXXXXXXXX"""
_NOT_SIGNATURE_WORDS: Final = frozenset(_NOT_SIGNATURE_TEXT.split())
# A heading between two rules inside a reflowed line (``... End summary. ----- EU "UNBUNDLING"
# ----- 2. (SBU) ...``) or making up a whole line; the words hold no run of rule characters
RE_INLINE_HEADING: Final = re.compile(
    r"""(?:^\s*|(?<=[.!?:"')\u201d0-9])\s+)
    (?P<open>[-=]{3,}(?:\ [-=]{1,60})?(?:\ [-=]{1,60})?(?:\ [-=]{1,60})?)\s+
    (?P<text>[^-=\s](?:[^-=]|[-=](?![-=])){0,100}?)
    \s+(?P<close>[-=]{3,}(?:\ [-=]{1,60})?(?:\ [-=]{1,60})?(?:\ [-=]{1,60})?)(?=\s|$)""",
    re.X,
)
# A run of rule characters inside a line (``----- -``: a rule broken by a wrap)
RE_RULE_RUN: Final = re.compile(r"[-=]{3,}(?:\ [-=]{1,60})?")
# A trailer line besides grammar.RE_TRAILER: an old end-of-message ``NNN``, a preview's
# ``...``, the query line of a database dump (``SELECT * FROM `cable` WHERE ...``), an
# OASYS record's marks (``> @@@OASYS@@@``, ``>  2002ROME01196 - Classification: ...``)
RE_EXTRA_TRAILER: Final = re.compile(
    r"""^\s*(?:N{3}|\.{3}|SELECT\ \*\ FROM\ .*
    |>?\ *(?:@@@OASYS@@@|[0-9]{4}[A-Z]{3,12}[0-9]{5}\ -\ Classification:.*))\s*$""",
    re.X,
)
# Lines of a message header that a page repeats after the text (VZCZC..., routing, DE, ZNY,
# DTG, FM, TO, INFO, addressees) and the ``Telegram...`` label opening such a block
_HEADER_LINES: Final = (g.RE_TID, g.RE_TRAILER, g.RE_ROUTING, g.RE_DE, g.RE_DE_ANY,
                        g.RE_SECURITY, g.RE_FM, g.RE_TO, g.RE_INFO, g.RE_XMT,
                        g.RE_ADDRESSEE_ROUTE, g.RE_ADDRESS_NOTE)
_HEADER_LABEL: Final = re.compile(r"^\s*Telegram")


def repeated_header(lines: list[str], last: int, lo: int) -> int:
    """First line of a message header repeated after the text that ends at line ``last``
    (``STEVENS`` / blank / ``VZCZCXRO2010`` / ``DE RUEHFR #0988/01 1441337`` / ``O 231337Z MAY
    08`` / ``FM AMEMBASSY PARIS`` / ``TO ...``), or -1: unbroken header lines holding a DTG and
    an FM line (and perhaps a ``Telegram...`` label above them), down to ``last``."""
    j = last
    dtg = fm = False
    while j >= lo:
        line = lines[j]
        if not line.strip():
            break
        if g.RE_DTG.match(line):
            dtg = True
        elif g.RE_FM.match(line):
            fm = True
        elif not any(p.match(line) for p in _HEADER_LINES):
            break
        j -= 1
    if not (dtg and fm):
        return -1
    if j >= lo and _HEADER_LABEL.match(lines[j]):
        j -= 1
    return j + 1


def is_rule(line: str) -> bool:
    """Whether ``line`` is only a ``-----``/``=====`` rule (also ``- - - -`` and
    ``----- ----``: dashes broken by spaces), with at least three rule characters."""
    body = line.strip()
    return not body.strip("-= \t") and (body.count("-") + body.count("=")) >= 3


def rule_split(line: str) -> tuple[str, int, str]:
    """A line that ends in a rule: ``(lead, text_start, text)`` where ``lead`` is a rule
    standing before the text on the same line ("" if none), ``text`` the words between and
    ``text_start`` their column; ``text`` is "" for a line that is only a rule."""
    body = line.rstrip()
    text = body.rstrip("-= \t")
    start = len(text) - len(text.lstrip())
    words = text.lstrip()
    lead = ""
    if words[:3] in ("---", "===") or words[:5] in ("- - -", "= = ="):
        bare = words.lstrip("-= \t")
        lead = words[: len(words) - len(bare)]
        start += len(lead)
        words = bare
    return lead, start, words


def underline_heading(line: str, stop: int, rule_len: int) -> int:
    """Column in ``line`` where a heading underlined by a rule of ``rule_len`` dashes at
    column ``stop`` starts, or -1: the heading starts the line or follows a sentence end,
    and of such starts in the 100 columns before the rule the one whose length is nearest
    the rule's (an underline is about as long as its heading) is taken, if near enough.
    After another rule or ``End Summary`` without a full stop a heading may start too, and a
    title-case heading exactly as long as its rule (``... severely limited Shah Deniz
    Production Also Down -------------------------------``)."""
    end = last_char(line, stop) + 1
    best, best_diff = -1, max(4, rule_len // 3) + 1
    lo = max(0, end - 100)
    if lo == 0 or (lo < 200 and not line[:lo].strip(" \t")):  # the words start the line
        lead = lo
        while lead < end and line[lead] in " \t":
            lead += 1
        if lead < end and abs(end - lead - rule_len) < best_diff:
            best, best_diff = lead, abs(end - lead - rule_len)
    p = line.find(" ", max(1, lo), end)
    while 0 < p < end:
        q = p + 1
        if line[q] != " ":
            diff = abs(end - q - rule_len)
            c = last_char(line, p)
            if c >= 0 and diff < best_diff and (
                line[c] in _SENTENCE_END
                or line[max(0, c - 2) : c + 1] in ("---", "===")  # after another rule
                or line[max(0, c - 10) : c + 1].upper() in _END_MARKERS
                or (diff == 0 and _title_words(line[q:end]))
            ):
                best, best_diff = q, diff
        p = line.find(" ", q, end)
    return best


_END_MARKERS = frozenset({"END SUMMARY", "END COMMENT"})


def _title_words(words: str) -> bool:
    """Whether ``words`` read as a title: a capital first, every word of four letters or
    more capitalised."""
    return words[:1].isupper() and all(w[:1].isupper() for w in words.split() if len(w) > 3)


def is_wrapped_number(above: str, number: str, portion: str | None, last: int, *,
                      adjacent: bool = True, bare: bool = False) -> bool:
    """Whether a line starting with ``number.`` continues the line ``above`` (a date, a
    figure or a cross-reference wrapped to the line start) rather than opening a paragraph.

    ``last`` is the number of the paragraph before; ``adjacent`` says that ``above`` is the
    line right before (no blank line between), ``bare`` that nothing follows the number.  A
    portion mark always opens a paragraph.  The line above must be long (a wrapped line) and
    end in a word that asks for a number: a month, ``para``, ``FY`` even across blank lines
    (where WikiLeaks anchors put the number); ``No.``, ``see``, ``of`` and the like next to
    it or before a bare number; when the number does not go on with the numbering, also any
    line right above that ends in no sentence end.
    """
    if portion is not None:
        return False
    above = above.rstrip()
    if len(above) < 40 or " " not in above:
        return False
    word = above[above.rfind(" ") + 1 :].lower()
    if word in _STRONG_WRAP_WORDS:
        # "... STARTED TO DECLINE IN SEPT." / blank / "2. IN RELEASING ...": an
        # abbreviation ending a sentence, then the next paragraph of the numbering
        return (adjacent or bare or word[-1] != "." or word.startswith("para")
                or number != str(last + 1))
    if adjacent and above[-1] == "-" and above[-2].isalnum():
        return True  # a range or a compound broken at its hyphen: "July 1-" / "2. In ..."
    if word in _WRAP_WORDS and (adjacent or bare or number != str(last + 1)):
        return True  # "under the age of" / blank / "16. Juveniles ..." (an anchor's break)
    if not (adjacent or bare):
        return False
    if not adjacent or not number.isdigit() or int(number) == last + 1:
        return False
    return above[-1] not in _SENTENCE_END


def run_in_at(line: str, pos: int, number: int) -> re.Match[str] | None:
    """Paragraph ``number`` run into ``line`` at column ``pos`` (the number's first digit):
    after a sentence end (or a rule) and a space, followed by a capital or a portion mark."""
    if pos < 2 or line[pos - 1] not in " \t":
        return None
    q = last_char(line, pos)
    if q < 0 or line[q] not in _RUN_IN_AFTER:
        return None
    if line[q] in "-=" and line[max(0, q - 2) : q + 1] not in ("---", "==="):
        return None
    m = RE_RUN_IN.match(line, pos)
    if m is None or m.group("number") != str(number):
        return None
    rest = line[m.end() : m.end() + 1]
    if not (m.group("portion") or m.group("marker")) and not (
        rest[:1].isupper() or rest[:1] in '"(\u201c'
    ):
        return None  # "2. Summary: ..." has its marker for a capital
    return m


def find_run_in(line: str, start: int, number: int) -> re.Match[str] | None:
    """The first paragraph ``number`` run into ``line`` from column ``start`` on."""
    for needle in (f"{number}.", f"{number} ."):
        pos = line.find(needle, start)
        while pos >= 0:
            m = run_in_at(line, pos, number)
            if m is not None:
                return m
            pos = line.find(needle, pos + 1)
    return None


# Paragraph 1 with its portion mark glued to the end of a REF line, after the serial of
# the last reference (``REF: STATE 69691 1. (SBU)``)
_GLUED_FIRST: Final = re.compile(
    r"""(?<=[0-9]\ )(?P<number>1)\ ?\.\ ?
    \((?P<portion>U|SBU|C|S|TS|LOU|[CSU]B?U?/{1,2}[A-Z]{1,8})\)
    \s*
    (?P<marker>(?i:(?:BEGIN\ )?SUMMARY|COMMENT|ACTION\ REQUEST|BACKGROUND)(?=\W|$))?
    """,
    re.X,
)


def find_glued_first(line: str, start: int, number: int) -> re.Match[str] | None:
    """Paragraph ``number`` (1) with a portion mark glued after a serial in ``line`` from
    column ``start`` on (``REF: STATE 69691 1. (SBU)``), or None."""
    return _GLUED_FIRST.search(line, start) if number == 1 else None


def last_char(text: str, pos: int) -> int:
    """Index of the last character before ``pos`` that is no space or tab, or -1 (scans
    back over the spaces only: linear over the calls of a left-to-right search)."""
    q = pos - 1
    while q >= 0 and text[q] in " \t":
        q -= 1
    return q


def glued_signature(line: str) -> re.Match[str] | None:
    """A signature at the end of the last text line (``... would. CAULFIELD``,
    ``BASSETT 1/21/2009``), or None.  Upper-case surnames, or one capitalised surname after
    mixed-case text (``... this year. Scobey``); never words of a closing formula.  Besides a
    sentence end, a redaction or the URL of an embassy's web-site footer may stand before."""
    tail_from = max(0, len(line) - 90)
    m = RE_GLUED_SIGNATURE.search(line, tail_from)
    if m is not None and not m.group("name").strip("X "):
        return None
    if m is not None and m.group("name").startswith("XXXX"):  # a redaction, then the name
        m = RE_GLUED_SIGNATURE.search(line, m.start("name") + 4)
    if m is None:
        m = _AFTER_URL.search(line, tail_from)
        if m is None or not ("http" in line[tail_from:] or "www." in line[tail_from:]):
            return None
    name = m.group("name")
    words = name.split()
    if m.start("name") > 0 and line[: m.start("name")].strip():
        tail = line[m.end("name") : m.end()].strip()
        if tail.startswith("."):
            return None  # "... we agree. PLEASE ADVISE." is a sentence
    if any(w.upper() in _NOT_SIGNATURE_WORDS or not w.strip("X") for w in words):
        return None
    if _INITIAL_BEFORE.search(line, max(0, m.start("name") - 6), m.start("name")):
        return None  # "David J. Hazarian": a name in the text, not the signature
    if not name.isupper():
        # a capitalised surname only after mixed-case text and as one word
        before = line[: m.start("name")]
        if len(words) != 1 or not any(c.islower() for c in before[-60:]) or not before.strip():
            return None
    return m


# An initial right before a name: ``David J. Hazarian``
_INITIAL_BEFORE: Final = re.compile(r"(?:^|\s)[A-Z]\.\s+$")
# An upper-case surname closing a line that ends in a URL (``... Portal:Turkey SILLIMAN``)
_AFTER_URL: Final = re.compile(r"(?<=\S)\s+(?P<name>[A-Z][A-Z'\-]{1,30})\s*$")


def marker_text_start(line: str, col: int) -> int:
    """Column where a paragraph's text starts after its marker ends at ``col``: the colon,
    full stop or dash after ``SUMMARY``/``COMMENT`` belongs to the marker."""
    n = len(line)
    p = col
    while p < n and line[p] in " \t":
        p += 1
    q = p
    while q < n and line[q] in ":.-\u2013\u2014":
        q += 1
    return q if q > p else col


def text_col(line: str, col: int, marker: str | None) -> int:
    """Column where a paragraph's text starts after its number (and portion mark, marker)
    ends at ``col``: past the marker's colon or stop, and past a colon after the portion
    mark (``1. (C):  Mexican facilitator ...``), which is no text."""
    if marker:
        return marker_text_start(line, col)
    p = col
    n = len(line)
    while p < n and line[p] in " \t":
        p += 1
    return p + 1 if p < n and line[p] == ":" else col


_NOT_HEADING_START = frozenset("-(*[<>'\u2022")


def is_plain_heading(line: str) -> bool:
    """Whether a short line standing alone before a paragraph reads as a heading: it starts
    with a capital or a quote, ends in no sentence or list punctuation, holds at most twelve
    words and is no end marker, redaction or figure."""
    words = line.strip()
    if not words or len(words) > 90 or words[0] in _NOT_HEADING_START:
        return False
    if not (words[0].isupper() or words[0] in '"\u201c'):
        return False
    if words[-1] in ".,;:" or words.count(" ") > 11 or "XXXXXX" in words:
        return False
    up = words.upper()
    first = up.split(None, 1)[0]
    return first not in ("END", "BEGIN", "QUOTE", "UNQUOTE") and up not in _NOT_HEADINGS


_NOT_HEADINGS = frozenset({"SIPDIS", "NNNN", "NOFORN", "SENSITIVE", "UNCLASSIFIED", "UNCLAS",
                           "CONFIDENTIAL", "SECRET", "TEXT", "QUOTE", "UNQUOTE"})


# A run of five rule characters or more: a ``-----``/``=====`` rule left in paragraph words
_RULE_CHARS: Final = re.compile(r"[-=]{5,}")


def drop_rules(text: str) -> str:
    """``text`` (words joined by single spaces) without ``-----``/``=====`` rules: a rule
    is layout (a heading's over- or underline), never a paragraph's words.  A token that is
    only rule characters goes when it is a run of five or more or stands next to one (``-----
    - - -``: a rule broken by a wrap); a run glued to a word (``Tueller =====CABLE END``,
    ``/009W -----71B573``) leaves the word."""
    tokens = text.split(" ")
    rule = [not t.strip("-=") and len(t) >= 5 for t in tokens]
    n = len(tokens)
    for x in range(n):  # bits of rule beside a rule (one pass each way)
        if not rule[x] and not tokens[x].strip("-=") and x > 0 and rule[x - 1]:
            rule[x] = True
    for x in range(n - 2, -1, -1):
        if not rule[x] and not tokens[x].strip("-=") and rule[x + 1]:
            rule[x] = True
    kept = [t if "---" not in t and "===" not in t else _RULE_CHARS.sub(" ", t).strip()
            for t, r in zip(tokens, rule, strict=True) if not r]
    return " ".join(t for t in kept if t)


# The distribution line of an old (1970s-2002) telegram page, after its rule: a serial in
# hex and a DTG in either order, then a slash and a two-digit count
# (``------------------71B573 082032Z /38``, ``------------------042033Z 026554 /46``)
_ROUTING_TAIL: Final = re.compile(
    r"\ ?(?:[0-9A-F]{6}\ +[0-9]{6}Z|[0-9]{6}Z\ +[0-9A-F]{6})\ +/[0-9]{2}(?=\s|$)"
)
# What may stand before that rule on a distribution line: nothing, or the distribution list
# (``INFO LOG-00 COR-01 ... SAS-00 /009W``)
_DISTRIBUTION_LEAD: Final = re.compile(r"^\s*(?:(?:INFO|ACTION)\ +[A-Z]{1,6}-[0-9]{2}\b.*)?$")
_DISTRIBUTION_COUNT: Final = re.compile(r"/[0-9]{3}W\s*$")
# Lines of the distribution block above that line: the class word and the page's serial
# (``CONFIDENTIAL PTQ7827``), the first page header with the action office (``PAGE 01 ROME
# 01196 02 OF 02 082031Z ACTION EUR-00``), the distribution list (``INFO LOG-00 ...``)
RE_DISTRIBUTION_ABOVE: Final = re.compile(
    r"""^\s*(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED\ OFFICIAL\ USE)\ +PT[A-Z][0-9]{3,6}
    |PAGE\ +01\ .*\bACTION\ +[A-Z]{1,6}-[0-9]{2}|INFO\ +LOG-[0-9]{2}\b.*)\s*$""",
    re.X,
)


def routing_rule(line: str, rule: re.Match[str]) -> bool | None:
    """Whether the rule ``rule`` in ``line`` opens the distribution line of an old telegram
    page (``/009W ------------------71B573 082032Z /38``): True when the line is a
    distribution line (nothing or the distribution list before the rule), False when the
    line is text with that line glued to its end, None when the rule is no such line."""
    if rule.group().count("-") < 6 or _ROUTING_TAIL.match(line, rule.end()) is None:
        return None
    lead = line[: rule.start()]
    return bool(_DISTRIBUTION_LEAD.match(lead) or _DISTRIBUTION_COUNT.search(lead))


def is_header_line(line: str) -> bool:
    """Whether ``line`` is a line of a message header (FM, TO, INFO, DTG, routing ...)."""
    return any(p.match(line) for p in _HEADER_LINES) or g.RE_DTG.match(line) is not None


def heading_opens_line(line: str, rule: re.Match[str]) -> bool:
    """Whether the words before ``rule`` in ``line`` are a heading opening the line, whatever
    the rule's length (``Key Amendments ----------------------- 7.``): a short title
    starting with a capital or a quote, ending in no sentence or list punctuation, and a
    rule of eight characters or more (a shorter run may be a dash in a sentence)."""
    words = line[: rule.start()].strip()
    rule_len = rule.group().count("-") + rule.group().count("=")
    return (rule_len >= 8 and 0 < len(words) <= 100 and words[-1] not in ".;,"
            and (words[0].isupper() or words[0] in '"\u201c')
            and words.upper().split(None, 1)[0] not in ("END", "BEGIN"))
