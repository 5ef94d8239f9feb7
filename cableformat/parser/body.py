"""Layer L2: banner, captions, head fields (keyword-driven) and the text.

Head fields are found by keyword, not by line: E.O., TAGS, SUBJECT, REF and Classified By
may share a line, be glued to a passing line or wrap over several lines, and continuation
headers may stand inside them.  A field runs from its keyword to the next keyword, a blank
line (REF excepted: its items may be split by blank lines) or the first paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_not

from cableformat import grammar as g
from cableformat.model import (
    Body,
    Caption,
    ContinuationHeader,
    Heading,
    Marker,
    Paragraph,
    RawField,
    SyntaxIssue,
    build,
)
from cableformat.parser import fields as f
from cableformat.parser import text_zone as tz
from cableformat.parser.lines import Doc

_NOISE_KINDS = frozenset({"blank", "continuation", "page", "stray"})
# Kinds of the line before a line of words and a rule that make it a heading line
_BEFORE_HEADING = frozenset({"blank", "heading", "continuation", "page", "distribution"})
_CAPTION_WORDS = re.compile(
    r"^\s*(?:" + "|".join(re.escape(c) for c in g.CAPTIONS) + r"|C O R R E C T E D)\b", re.I
)
_CLOSES_AT_BLANK = frozenset({"eo", "tags", "subject"})
_REASON_START = re.compile(r"^\s*(?:1\s?[.,]\s?[0-9]|\(?[a-hA-H]\)|[a-z]{1,6}\b|S:)")
_HAS_REASON = re.compile(r"1\s?[.,]\s?[0-9]")
_REF_ITEM_START = re.compile(
    r"^\s*(?:[(\[]?[A-Z][.):\]]|\([0-9]{1,2}\)|[0-9]{2,4}\s+[A-Z]|[A-Z]{3,})"
)
_HEADING_WORD = re.compile(r"\s*(?:SUMMARY|COMMENT|BACKGROUND|INTRODUCTION)\b\W*$", re.I)
_MARKER_LEAD = re.compile(
    r"\s*(?:BEGIN\s+)?(?:SUMMARY|COMMENT|BACKGROUND|INTRODUCTION)\s*[.:\-]", re.I
)
"""A text paragraph opening with its marker (``SUMMARY. The three-day ...``)."""
_ELLIPSES = ("...", "\u2026")
_CORRECTION = re.compile(r"^\s*(?:C O R R E C T E D|CORRECTED COPY)", re.I)
_SIPDIS = re.compile(r"^\s*SIPDIS\s*$", re.I)
_GLUED_SIPDIS = re.compile(r"(?:SIPDIS){1,4}(?=[A-Z])")
_RECORD_START = re.compile(r"^\s*id:\s*[0-9]+\s*$")
"""``id: 79146``: the full record that follows a truncated preview begins."""
_RECORD_ROW = re.compile(r"^\s*[0-9]{3,7}\s*$")
_RECORD_DATE = re.compile(r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\b")
_RECORD_CSV = re.compile(r"^\s*[0-9]{3,7},[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2},")
"""``204075,4/24/2009 16:29,09THEHAGUE271,...``: the record as a cables.csv row."""
_RECORD_HEADS = "i0123456789 \t"
_RECORD_SPAN = 150
"""How far (lines) the record's banner may stand after its first line."""
_WHITESPACE = re.compile(r"\s+")
# First letters of a classification line (grammar.RE_CLASS_ALONE, any case)
_CLASS_HEADS = "TUCSLtucslſ"  # ſ: re.I takes the long s for an s
# Last letters of a classification line (TOP SECRET, UNCLAS, UNCLASSIFIED, CONFIDENTIAL,
# LIMITED OFFICIAL USE), any case
_CLASS_TAILS = frozenset("TSDLEtsdleſ")
# ``END SUMMARY``, not the end of a compound (``a year-end summary``)
_END_MARKER = re.compile(r"(?<!-)\bEND\s+(?P<name>SUMMARY|COMMENT|TEXT|QUOTE|FYI)\b", re.I)
_BEGIN_MARKER = re.compile(
    r"\s*(?:BEGIN\s+)?(?P<name>SUMMARY|COMMENT|TEXT|FYI)(?=[\s:.\-]|$)", re.I
)


_PORTION_BEFORE = re.compile(r"\((?:U|C|S|SBU|TS|[A-Z]{1,3}/{1,2}[A-Z]{1,6})\)\s*$")


def _field_start(seg: str, m: re.Match[str]) -> int:
    """Where the field of keyword match ``m`` starts: ``(U) Classified by`` includes the
    portion mark that stands before the keyword."""
    if m.lastgroup == "classified":
        pm = _PORTION_BEFORE.search(seg, max(0, m.start() - 16), m.start())
        if pm is not None:
            return pm.start()
    return m.start()


_SWALLOW = 160
_HEAD_TEXT_KINDS = frozenset({"ref", "classified_by", "subject", "eo", "tags"})
"""Head line kinds that a reflowed text may run on in."""
"""A head field longer than any telegram line may hold the text run on after it (reflowed)."""

_MARKER_WORDS = ("SUMMARY", "COMMENT", "TEXT", "FYI", "QUOTE")


def _has_marker(line: str) -> bool:
    """Does ``line`` hold a marker word (any case)?"""
    up = line.upper()
    return any(word in up for word in _MARKER_WORDS)


def _lines_with_words(doc: Doc, words: tuple[str, ...]) -> set[int] | None:
    """Lines whose raw text holds one of ``words`` (ASCII, any case), found in one pass per
    word over the upper-cased cable text; None when upper-casing moves offsets."""
    text = doc.text
    if not text.isascii() and "\u00df" not in text:
        # str.upper() is slow on non-ASCII text.  Within Latin-1 it maps no character but
        # the ASCII letters to ASCII and changes no length but that of "\u00df" (to "SS"),
        # so the ASCII-only bytes.upper() of the Latin-1 bytes puts the words at the same
        # offsets.  Wider text (which raises here) keeps str.upper().
        try:
            up_bytes = text.encode("latin-1").upper()
        except UnicodeEncodeError:
            pass
        else:
            return doc.lines_holding([w.encode("ascii") for w in words], up_bytes)
    up = text.upper()
    return doc.lines_holding(words, up) if len(up) == len(doc.text) else None


def _marker_lines(doc: Doc, i: int, marked: set[int] | None) -> set[int]:
    """Lines ``i``.. holding a marker word: ``marked`` (from the raw text) for the lines
    whose clean view is their raw text, :func:`_has_marker` of the clean view for the
    others (all of them when ``marked`` is None)."""
    clean = doc.clean
    if marked is None:
        return {k for k in range(i, doc.count) if _has_marker(clean[k])}
    if doc.plain:  # no line was cleaned: every clean view is its raw text
        return marked
    maps = doc.maps
    cleaned = compress(range(i, doc.count), map(is_not, maps[i : doc.count], repeat(None)))
    out = {k for k in marked if maps[k] is None}
    out.update(k for k in cleaned if _has_marker(clean[k]))
    return out


@dataclass(slots=True)
class _Open:
    """A head field being collected."""

    name: str
    keyword: str
    joined: f.Joined
    kw_len: int


class BodyParser:
    """Parses the body from the banner (or the first body line) to the end."""

    _dashed: tuple[int, ...] | list[int] = ()  # text lines holding a rule run (sorted)

    def __init__(self, doc: Doc, issues: list[SyntaxIssue], own_year: int | None) -> None:
        self.doc = doc
        self.issues = issues
        self.own_year = own_year
        #: The DE line's station serial number, for a banner serial that lost a digit.
        self.de_serial: int | None = None
        self.body = build(Body,
            captions=[], passing=[], paragraphs=[], markers=[], continuations=[], pages=[],
            redactions=[], portions=[],
        )
        self.seen: set[str] = set()
        self.noise_lines: list[int] = []
        self.cur: _Open | None = None
        self.ref_weak = False
        self.hole: tuple[int, int] | None = None  # continuation header inside a head line
        self.hole_header: ContinuationHeader | None = None
        self.record = False  # reading the full record after a preview's truncated head
        self.record_banner_line = -1
        self.record_scanned = 0  # lines before this were looked at for a record's banner
        self.truncated = False  # a head field ended in "..." (a preview page)
        self.text_start: _Start | None = None  # paragraph 1 run into a head line (reflowed)

    # -- head zone ---------------------------------------------------------------------

    def run(self, i: int, banner: re.Match[str] | None) -> Body:
        """Parse lines ``i``.. (``i`` is the banner line when ``banner`` is given)."""
        doc = self.doc
        col = 0
        if banner is not None:
            self.body.banner = f.parse_banner(doc, banner, i)
            doc.kinds[i] = "banner"
            col = banner.end()
        i = self._head(i, col)
        self._close()
        self._text(i)
        return self.body

    def _head(self, i: int, col: int) -> int:
        """Collect head fields from clean column ``col`` of line ``i``; return text start."""
        doc = self.doc
        first = True
        while i < doc.count:
            clean = doc.clean[i]
            seg = clean[col:] if first else clean
            start_col = col if first else 0
            first = False
            if not seg.strip():
                if doc.kinds[i] != "banner" and doc.kinds[i] != "chrome":  # rest of a banner
                    doc.kinds[i] = "blank"
                self._blank()
                i += 1
                continue
            if self._noise(i, seg, start_col):
                i += 1
                continue
            if (start_col == 0 and self.truncated and not self.record
                    and seg.lstrip()[:1] in _CLASS_HEADS):
                banner = g.RE_BANNER.match(seg)
                if banner is not None:  # a truncated head, then the whole head again
                    self.record_banner_line = i
                    i, col, first = self._enter_record(i, banner), banner.end(), True
                    continue
            if start_col == 0 and not self.record and seg[:1] in _RECORD_HEADS:
                banner = self._record_banner(i, seg)
                if banner is not None:  # a truncated preview, then the full record
                    i, col, first = self._enter_record(i, banner), banner.end(), True
                    continue
                if self.seen and _RECORD_START.match(seg):
                    return i
            if start_col == 0 and g.RE_PARAGRAPH.match(seg) and (
                self.seen or not (g.may_hold_head_keyword(seg[:40])
                                  and g.RE_HEAD_KEYWORD.search(seg[:40]))
            ):
                return i
            taken = self._head_line(i, seg, start_col)
            if self.hole_header is not None:  # recorded once the line is a head line
                if taken:
                    self.body.continuations.append(self.hole_header)
                self.hole_header = None
            if not taken:
                return i
            if self.text_start is not None:  # the text runs on in this head line
                return i + 1
            i += 1
        return i

    def _record_banner(self, i: int, seg: str) -> re.Match[str] | None:
        """If line ``i`` starts the full record that follows a preview page's truncated head
        (``id: 79146`` / ``date: ...``, bare rows ``179235`` / ``2008-11-20``, or a csv row),
        the banner match of the record's banner line (looked for in the next lines only)."""
        doc = self.doc
        if not (_RECORD_START.match(seg) or _RECORD_CSV.match(seg) or (
            _RECORD_ROW.match(seg) and i + 1 < doc.count and _RECORD_DATE.match(doc.clean[i + 1])
        )):
            return None
        end = min(doc.count, i + _RECORD_SPAN)
        start, self.record_scanned = max(i + 1, self.record_scanned), end  # each line once
        for k in range(start, end):
            line = doc.clean[k]
            rest = line.lstrip(' ",')  # a csv record's body field opens with '","'
            if rest[:1] in _CLASS_HEADS:
                m = g.RE_BANNER.match(line, len(line) - len(rest))
                if m is not None:
                    self.record_banner_line = k
                    return m
        return None

    def _enter_record(self, i: int, banner: re.Match[str]) -> int:
        """Lines ``i``.. up to the record's banner line are page material (``chrome``); the
        head is read again from the banner on, filling what the preview lacks or cut (the
        banner too, when the page had none before the record)."""
        self._close()
        doc = self.doc
        k = self.record_banner_line
        for j in range(i, k + 1):
            doc.kinds[j] = "chrome" if doc.clean[j].strip() else "blank"
        if self.body.banner is None:
            self.body.banner = f.parse_banner(doc, banner, k)
            doc.kinds[k] = "banner"
        self.record = True
        self.seen = set()
        return k

    def _noise(self, i: int, seg: str, col: int) -> bool:
        """Continuation/page headers, repeated classification lines: recorded, skipped."""
        doc = self.doc
        if col or len(seg) > 120:
            return False
        m = g.RE_CONTINUATION.match(seg) if " OF " in seg or " of " in seg else None
        cont = f.parse_continuation(doc, m, i) if m else None
        if cont is not None:
            doc.kinds[i] = "continuation"
            self.noise_lines.append(i)
            self.body.continuations.append(cont)
            return True
        m = g.RE_PAGE.match(seg) if "PAGE" in seg[:12] else None
        if m:
            doc.kinds[i] = "page"
            self.noise_lines.append(i)
            self.body.pages.append(f.parse_page(doc, m, i))
            return True
        # a classification line counts once a head field was seen; it opens with a letter
        # of _CLASS_HEADS (after ``\s*``)
        if self.seen and seg.lstrip()[:1] in _CLASS_HEADS and g.RE_CLASS_ALONE.match(seg):
            doc.kinds[i] = "page"
            self.noise_lines.append(i)
            return True
        return False

    def _head_line(self, i: int, seg: str, col: int) -> bool:
        """One line of the head zone; False when the text has begun."""
        doc = self.doc
        self.hole = None
        # a run-in continuation header's serial has 8 digits: 00000443, 00123456
        if (" OF " in seg or " of " in seg) and "00" in seg:
            self._find_continuation(i, seg, col)
        keys: list[re.Match[str]] = []
        names: set[str] = set()
        for m in g.RE_HEAD_KEYWORD.finditer(seg) if g.may_hold_head_keyword(seg) else ():
            if m.lastgroup not in names and self._accept(m, seg, not keys):
                keys.append(m)
                names.add(m.lastgroup or "")
        if not self.seen and _CORRECTION.match(seg):
            # C O R R E C T E D COPY (SUBJECT LINE): the notice names fields; an E.O. run on
            # after it (... MISSPELLING IN SUBJECT SIPDIS E.O. 12958: ...) is the field
            keys = [m for m in keys if m.lastgroup == "eo"]
        red = f.redacted_subject(seg) if self.seen and "subject" not in self.seen else 0
        if red and keys and _field_start(seg, keys[0]) < red:
            red = 0
        if red:  # XXXXXXXXXXXX: MILITARY WILL ENSURE ... (the SUBJECT keyword was redacted)
            lead = len(seg) - len(seg.lstrip())
            end = _field_start(seg, keys[0]) if keys else len(seg.rstrip())
            self._open("subject", seg[lead:red], i, col + lead, col + end, red - lead)
            doc.kinds[i] = "subject"
            if not keys:
                return True
        if not keys:
            if self.cur is not None and self.cur.name == "subject" and self._subject_ends(seg):
                self._close()
                if not f.HANDLING.match(seg):
                    return False
                self._caption_or_passing(i, col, seg)  # SENSITIVE BUT UNCLASSIFIED ...
                return True
            if (self.cur is not None and i > 0 and len(doc.clean[i - 1]) > _SWALLOW
                    and len(seg) <= 40 and seg.strip().isupper() and g.RE_SIGNATURE.match(seg)):
                return False  # the signature of a text run on in the head line above
            if (self.cur is not None and self.cur.name == "ref"
                    and f.ref_prose_line(self.cur.joined.parts[-1], seg)):
                return False  # REF: STATE 236869 / On November 5, Poloff delivered ...
            if self.cur is not None and not (self.ref_weak and not self._continues(seg)):
                self.ref_weak = False
                self._add(self.cur.joined, i, col, col + len(seg.rstrip()))
                doc.kinds[i] = self._kind(self.cur.name)
                return True
            if self.seen:
                if "subject" in self.seen or not self._subject_follows(i):
                    return False
                lead = len(seg) - len(seg.lstrip())  # a subject without its keyword
                self._open("subject", "", i, col + lead, col + len(seg.rstrip()), 0)
                doc.kinds[i] = "subject"
                return True
            self._caption_or_passing(i, col, seg)
            return True
        starts = [_field_start(seg, m) for m in keys]
        first = starts[0]
        if first > 0 and seg[:first].strip() and not red:
            if self.cur is not None:
                self._add(self.cur.joined, i, col, col + first)
            elif not self.seen:
                self._caption_or_passing(i, col, seg[:first])
        doc.kinds[i] = self._kind(keys[0].lastgroup or "head")
        for k, m in enumerate(keys):
            end = starts[k + 1] if k + 1 < len(keys) else len(seg.rstrip())
            if k + 1 == len(keys) and (end - starts[k] > _SWALLOW or (
                m.lastgroup == "ref" and " 1" in seg[m.end() : end]
            )):
                end = self._text_in_head(i, seg, col, m.end(), end, m.lastgroup == "ref")
            self._open(m.lastgroup or "", m.group(), i, col + starts[k], col + end,
                       m.end() - starts[k])
        return True

    def _text_in_head(self, i: int, seg: str, col: int, a: int, b: int, ref: bool = False) -> int:
        """Where the text starts in a long head line (a reflowed page runs the whole text on
        after REF or Classified By): paragraph 1 with a portion mark, found from column
        ``a``, or (``ref``) the prose after a reference (``REF: STATE 106225 (SBU) On October
        19, we ...``: an unnumbered paragraph, ``1.  In response ...``: paragraph 1); the
        field ends there.  ``b`` (the field's end) when none is found."""
        find = tz.find_run_in
        m = find(seg, a, 1)
        if m is None:  # "REF: STATE 69691 1. (SBU)": after the last reference's serial
            find = tz.find_glued_first
            m = find(seg, a, 1)
        if m is None or not m.group("portion"):
            prose = f.ref_prose_start(seg, a, b) if ref else None
            if prose is None:
                return b
            if m is None or m.end() > prose.end() or seg[m.end() : prose.start()].strip():
                return self._prose_in_head(i, seg, col, prose)
        t = m.start("number")
        marker = m.group("marker") or None
        line = self.doc.clean[i]
        mm = find(line, col + t, 1)  # the same match, in the line's columns
        if mm is None or mm.start("number") != col + t:
            return b
        if mm.group("portion"):
            self.body.portions.append(f.portion_field(self.doc, i, mm, "portion"))
        self.text_start = _Start(i, col + t, tz.text_col(line, mm.end(), marker),
                                 mm.group("number"), mm.group("portion"), marker, True, col + t)
        return t

    def _prose_in_head(self, i: int, seg: str, col: int, prose: re.Match[str]) -> int:
        """An unnumbered paragraph starts at sentence match ``prose`` of head line ``i``
        (columns of ``seg``, which starts at clean column ``col``); return its column."""
        t = len(seg) - len(seg[prose.start() :].lstrip())
        portion = prose.group("portion")
        if portion:  # the same match in the line's columns, for the portion's span
            pm = f.prose_at(self.doc.clean[i], col + prose.start())
            if pm is not None:
                self.body.portions.append(f.portion_field(self.doc, i, pm, "portion"))
        self.text_start = _Start(i, col + t, col + prose.start("first"),
                                 prose.group("number") or "", portion, None, True, col + t)
        return t

    def _find_continuation(self, i: int, seg: str, col: int) -> None:
        """A continuation header run into head line ``i`` (``... CONGRESS NEW DELHI 00007273
        001.2 OF 003``) is recorded, and its columns are left out of the fields (hole)."""
        doc = self.doc
        c = g.RE_CONTINUATION_INLINE.search(doc.clean[i], col)
        if c is None:
            return
        cont = f.parse_continuation(doc, c, i, True)
        if cont is None:
            return
        before = doc.clean[i][: c.start("serial")].rstrip()
        office_col = len(before) - len(cont.office)
        if (office_col <= col or not cont.office.replace(" ", "").isupper()
                or not seg[: office_col - col].strip()):
            return  # the office in capitals, after some field text
        self.hole_header = cont
        self.hole = (office_col, c.end())

    def _add(self, joined: f.Joined, i: int, a: int, b: int) -> None:
        """Add clean columns ``a``..``b`` of line ``i`` to a field, less the hole."""
        hole = self.hole
        if hole is None or b <= hole[0] or a >= hole[1]:
            joined.add(self.doc, i, a, b)
            return
        if a < hole[0]:
            joined.add(self.doc, i, a, hole[0])
        if hole[1] < b:
            joined.add(self.doc, i, hole[1], b)

    def _accept(self, m: re.Match[str], seg: str, first: bool) -> bool:
        """A keyword counts when its field has not been seen, or it starts the line.

        A keyword without a colon in the middle of a line that no field runs on (``first``:
        no keyword before it on the line) is a word of prose (``... MISSPELLING IN SUBJECT``).
        """
        name = m.lastgroup or ""
        if (first and name != "eo" and self.cur is None and not m.group().endswith(":")
                and seg[: m.start()].strip()):
            return False
        if name not in self.seen:
            return True
        return not seg[: m.start()].strip() and self.cur is not None and self.cur.name != name

    def _open(self, name: str, keyword: str, i: int, a: int, b: int, kw_len: int) -> None:
        """Start field ``name`` at clean columns ``a``..``b`` of line ``i`` (its keyword
        ends ``kw_len`` columns after ``a``)."""
        self._close()
        joined = f.Joined()
        self._add(joined, i, a, b)
        self.cur = _Open(name, keyword, joined, kw_len)
        self.seen.add(name)
        self.ref_weak = False

    def _blank(self) -> None:
        """A blank line closes most fields; REF may go on with another item, and Classified
        By with its reasons when they have not come yet."""
        cur = self.cur
        if cur is None:
            return
        if cur.name == "subject" and cur.joined.parts[-1].rstrip().endswith(","):
            self.ref_weak = True  # SUBJECT: ... THE MIDDLE EAST, / (blank) / WESTERN BALKANS
            return
        if cur.name in _CLOSES_AT_BLANK or (
            cur.name == "classified" and _HAS_REASON.search("".join(cur.joined.parts))
        ) or cur.joined.parts[-1].rstrip().endswith(_ELLIPSES):  # a truncated field ends
            self._close()
        else:
            self.ref_weak = True

    def _continues(self, seg: str) -> bool:
        """After a blank line: does ``seg`` continue the open REF or Classified By?"""
        assert self.cur is not None
        if self.cur.name == "subject":  # the subject line ended on a comma
            return (not g.RE_PARAGRAPH.match(seg) and not f.HANDLING.match(seg)
                    and not _HEADING_WORD.match(seg) and not g.RE_UNDERLINE.match(seg))
        if self.cur.name == "ref":  # not a handling sentence, caption or SUMMARY heading
            return (_REF_ITEM_START.match(seg) is not None and not f.HANDLING.match(seg)
                    and not _CAPTION_WORDS.match(seg) and not _HEADING_WORD.match(seg)
                    and not _MARKER_LEAD.match(seg))
        if g.RE_PARAGRAPH.match(seg):
            return False
        return bool(_REASON_START.match(seg) or _HAS_REASON.search(seg)
                    or "REASON" in seg.upper())

    def _subject_follows(self, i: int) -> bool:
        """Is line ``i`` (after E.O./TAGS, no keyword) a SUBJECT without its keyword: are
        it and its wrapped lines followed, after a blank line, by REF or Classified By?"""
        doc = self.doc
        blank = False
        for k in range(i + 1, min(doc.count, i + 8)):
            line = doc.clean[k]
            if not line.strip():
                blank = True
                continue
            m = (g.RE_HEAD_KEYWORD.match(line.lstrip())
                 if g.may_hold_head_keyword(line[:40]) else None)
            if m is not None:
                return blank and m.lastgroup in ("ref", "classified")
            if blank or g.RE_PARAGRAPH.match(line):
                return False
        return False

    def _subject_ends(self, seg: str) -> bool:
        """Does line ``seg`` end the open SUBJECT: a handling sentence (``SENSITIVE BUT
        UNCLASSIFIED. PLEASE HANDLE ACCORDINGLY.``), or prose (more lower-case letters than
        capitals) under a subject written in capitals?"""
        assert self.cur is not None
        if f.HANDLING.match(seg):
            return True
        lower = sum(ch.islower() for ch in seg)
        if lower <= sum(ch.isupper() for ch in seg):  # a few words in lower case: no prose
            return False
        first = self.cur.joined.parts[0][self.cur.kw_len :]
        return any(ch.isupper() for ch in first) and not any(ch.islower() for ch in first)

    def _kind(self, name: str) -> str:
        return "classified_by" if name == "classified" else name

    def _caption_or_passing(self, i: int, col: int, seg: str) -> None:
        """A line (or line part) before the head fields: caption or passing line."""
        doc = self.doc
        text = seg.strip()
        a = col + (len(seg) - len(seg.lstrip()))
        glued = _GLUED_SIPDIS.match(text) if text[:6] == "SIPDIS" else None
        if glued is not None:  # SIPDISSIPDISSTATE FOR WHA/CAR: newlines were stripped
            for k in range(0, glued.end(), 6):
                s, e = doc.offset(i, a + k), doc.offset(i, a + k + 6)
                self.body.captions.append(doc.field_on(Caption, i, s, e, value="SIPDIS"))
            self._caption_or_passing(i, a + glued.end(), text[glued.end() :])
            return
        if self.record and self._repeats(text):
            doc.kinds[i] = "chrome"  # the record repeats the preview's caption or passing line
            return
        start, end = doc.offset(i, a), doc.offset(i, a + len(text))
        if _CAPTION_WORDS.match(text):
            doc.kinds[i] = "caption"
            value = _WHITESPACE.sub(" ", text.upper())
            self.body.captions.append(doc.field_on(Caption, i, start, end, value=value))
        else:
            doc.kinds[i] = "passing"
            self.body.passing.append(doc.field_on(RawField, i, start, end))

    def _repeats(self, text: str) -> bool:
        """Does the preview already hold caption or passing line ``text`` (its words: the
        record may run ``SENSITIVE SIPDIS`` together on one line)?"""
        held = {w for c in self.body.captions for w in c.raw.upper().split()}
        held.update(w for p in self.body.passing for w in p.raw.upper().split())
        return set(text.upper().split()) <= held

    def _close(self) -> None:
        """Finish the open head field and store its model node."""
        cur = self.cur
        if cur is None:
            return
        self.cur = None
        doc = self.doc
        omap = cur.joined.finish()
        text = cur.joined.text
        if text.rstrip().endswith(_ELLIPSES):
            self.truncated = True
        kw = cur.keyword
        body = self.body
        if cur.name == "eo":
            if self._takes(body.eo):
                body.eo = f.parse_eo(doc, text, omap)
        elif cur.name == "tags":
            if self._takes(body.tags):
                body.tags = f.parse_tags(doc, kw, text, omap, cur.kw_len)
        elif cur.name == "subject":
            if self._takes(body.subject):
                body.subject = f.parse_subject(doc, kw, text, omap, cur.kw_len)
        elif cur.name == "ref":
            if self._takes(body.refs):
                body.refs = f.parse_refs(doc, kw, text, omap, cur.kw_len, self.own_year,
                                         banner=body.banner, de_serial=self.de_serial)
        elif cur.name == "classified" and self._takes(body.classified_by):
            body.classified_by = f.parse_classified_by(doc, kw, text, omap, cur.kw_len)

    def _takes(self, field: RawField | None) -> bool:
        """Does a head field read now fill the slot of ``field``: the slot is empty, or the
        full record replaces the preview's truncated field?"""
        return field is None or (self.record and field.raw.rstrip().endswith(_ELLIPSES))

    # -- text zone ------------------------------------------------------------------------

    def _text(self, i: int) -> None:
        """Paragraphs, headings, markers, portion marks, redactions, signature."""
        doc = self.doc
        paras: list[_Start] = []
        rules: list[int] = []  # lines that are only a ----- rule
        dashed: list[int] = []  # other lines holding a rule (glued headings)
        plain: list[int] = []  # short lines between blank lines: plain-line headings?
        headed: list[tuple[int, int, int]] = []  # headings run into a paragraph's first line
        last_text = -1
        last_number = 0
        kinds = doc.kinds
        marked = _lines_with_words(doc, _MARKER_WORDS)
        labels: set[str] = set()  # letters of (A) (b) labels opening lines
        line_marks: list[int] = []  # indexes of one-letter portion marks opening lines
        clean_lines = doc.clean
        markers = _marker_lines(doc, i, marked)
        for k in range(i, doc.count):
            clean = clean_lines[k]
            words = clean.lstrip()
            if not words:
                kinds[k] = "blank"
                continue
            head = words[0]
            has_of = " OF " in clean or " of " in clean
            if (
                len(clean) <= 120
                and not head.islower()
                # what _noise can accept: a continuation or PAGE header, a classification
                # (once a head field was seen; it ends in a class word's last letter)
                and (has_of or clean.find("PAGE", 0, 12) >= 0
                     or (head in _CLASS_HEADS and self.seen
                         and words.rstrip()[-1] in _CLASS_TAILS))
                and self._noise(k, clean, 0)
            ):
                continue
            if head in "Ss" and _SIPDIS.match(clean):
                kinds[k] = "stray"
                self.noise_lines.append(k)
                continue
            if head in "-=" and tz.is_rule(clean):
                kinds[k] = "heading"
                rules.append(k)
                continue
            if "---" in clean or "===" in clean:
                dashed.append(k)
            above = last_text
            last_text = k
            if has_of and "00" in clean:
                for c in g.RE_CONTINUATION_INLINE.finditer(clean):
                    cont = f.parse_continuation(doc, c, k, True)
                    if cont is not None:
                        self.body.continuations.append(cont)
            if head.isdigit():
                m = g.RE_PARAGRAPH.match(clean)
                if m is None and clean.find(")", 0, 16) >= 0:
                    m = tz.RE_PAREN_PARAGRAPH.match(clean)  # 1) (U) text
                    if m is None:
                        m = tz.RE_UNDOTTED_PARAGRAPH.match(clean)  # 15 (SBU) text
                        if m is not None and m.group("number") != str(last_number + 1):
                            m = None
            elif (paras and head.isupper() and kinds[k - 1] == "blank"
                  and (clean.find(". (", 0, 130) >= 0 or clean.find(".(", 0, 130) >= 0)):
                m = tz.RE_HEADED_PARAGRAPH.match(clean)  # HAITI 5. (SBU) text
                if m is not None and m.group("number") == str(last_number + 1):
                    headed.append((k, m.start("heading"), m.end("heading")))
                else:
                    m = None
            else:
                m = None
            if m and paras and above >= i and tz.is_wrapped_number(
                doc.clean[above], m.group("number"), m.group("portion"), last_number,
                adjacent=above == k - 1, bare=not clean[m.end() :].strip(),
            ):
                # a date or cross-reference wrapped to the line start (also across blank
                # lines, where a WikiLeaks anchor put it)
                m = None
            if m:
                kinds[k] = "paragraph"
                number = m.group("number")
                marker = m.group("marker") or None
                paras.append(_Start(
                    k, m.start("number"),
                    tz.text_col(clean, m.end(), marker),
                    number, m.group("portion"), marker,
                    m.re is tz.RE_HEADED_PARAGRAPH,  # after a heading on its line: run in
                ))
                if number.isdigit():
                    last_number = int(number)
                if m.group("portion"):
                    self.body.portions.append(f.portion_field(doc, k, m, "portion"))
                elif "(" in clean[m.end() - 1 : m.end() + 2]:  # (s), (S//REL TO USA, AUS)
                    pm = g.RE_PORTION_START.match(clean)
                    if pm:
                        self.body.portions.append(f.portion_field(doc, k, pm, "portion"))
                self._classified_in_text(k, clean)
            else:
                if clean.find("(", 0, 12) >= 0:
                    pm = g.RE_PORTION_START.match(clean)
                    if pm:
                        self.body.portions.append(f.portion_field(doc, k, pm, "portion"))
                        if len(pm.group("portion")) == 1:
                            line_marks.append(len(self.body.portions) - 1)
                if head == "(":
                    label = g.RE_LIST_LABEL.match(clean)
                    if label:
                        labels.add(label.group("label").upper())
                if not paras:
                    self._classified_in_text(k, clean)
                elif k > i and kinds[k - 1] == "blank" and len(clean) <= 100:
                    plain.append(k)
            if k in markers:
                col = (m.start("marker") if m.group("marker") else m.end()) if m else 0
                self._markers(k, clean, col, clean.upper())
            if "XXXXXX" in clean:
                for r in g.RE_REDACTION.finditer(clean):
                    s, e = doc.offset(k, r.start()), doc.offset(k, r.end())
                    self.body.redactions.append(doc.span_on(k, s, e))
        if line_marks and labels:
            f.drop_list_labels(self.body.portions, line_marks, labels)
        head_start = self.text_start
        if head_start is not None:
            paras.insert(0, head_start)
        end, end_col = self._signature(i if head_start is None else head_start.line)
        cuts: dict[int, list[tuple[int, int]]] = {}
        skip = self.noise_lines
        if head_start is not None and "---" in doc.clean[head_start.line]:
            dashed.insert(0, head_start.line)  # text run on in a head line: its headings
        if rules or dashed or plain or headed:
            heading_lines = self._headings(i, rules, dashed, plain, cuts, headed)
            skip = sorted(set(skip).union(rules, heading_lines))  # the lines of kind heading
        if paras or cuts:
            paras = self._run_ins(i, paras, end, end_col, cuts)
        self._paragraphs(paras, end, end_col, cuts, skip)

    def _headings(self, i: int, rules: list[int], dashed: list[int], plain: list[int],
                  cuts: dict[int, list[tuple[int, int]]],
                  headed: list[tuple[int, int, int]]) -> list[int]:
        """Sub-headings: lines over or under a ----- rule, headings and rules glued into a
        line, short lines standing alone before a paragraph.  Heading lines get the kind
        "heading" (left out of paragraph text) and are returned (the rule lines aside, which
        have it already); words cut from a longer line go to ``cuts`` (clean column ranges
        per line)."""
        doc = self.doc
        kinds, clean, count = doc.kinds, doc.clean, doc.count
        self._dashed = dashed  # where paragraph text may hold a rule no heading took
        found: list[tuple[int, int, int, int]] = []  # first line, start column, last line, end
        marked: list[int] = []  # lines given the kind "heading" here
        found.extend((k, a, k, b) for k, a, b in headed)

        def texty(j: int) -> bool:  # a short text line holding no heading yet
            return (i <= j < count and kinds[j] == "text" and len(clean[j].strip()) <= 120
                    and j not in cuts)

        def take(j: int, last: int | None = None) -> None:
            last = j if last is None else last
            for x in range(j, last + 1):
                kinds[x] = "heading"
                marked.append(x)
            a = len(clean[j]) - len(clean[j].lstrip())
            found.append((j, a, last, len(clean[last].rstrip())))

        head_start = self.text_start
        for j in dashed:
            # the text's first words may stand on a head line (SUBJECT ... run on)
            head_col = (head_start.text_col if head_start is not None and j == head_start.line
                        and kinds[j] not in ("text", "paragraph") else -1)
            if kinds[j] not in ("text", "paragraph") and head_col < 0:
                continue
            line = clean[j]
            if head_col < 0 and self._distribution(i, j, marked):
                continue
            if kinds[j] == "text" and self._wrapped_heading(j, found, cuts, marked):
                continue
            done = max(head_col, 0)
            whole = False
            for hm in tz.RE_INLINE_HEADING.finditer(line, done):
                text = hm.group("text")
                if text.strip().lower() == "header ends":
                    done = hm.end()  # WikiLeaks' rule between the routing header and text
                    continue
                found.append((j, hm.start("text"), j, hm.start("text") + len(text.rstrip())))
                if hm.start() == 0 and not line[hm.end():].strip():
                    whole = True
                else:
                    cuts.setdefault(j, []).append((hm.start("open"), hm.end("close")))
                done = hm.end()
            if whole:
                kinds[j] = "heading"
                marked.append(j)
                continue
            body = line.rstrip()
            words = body.rstrip("-= \t")
            if (not done and body[-3:] in ("---", "===") and kinds[j] == "text"
                    and len(words.strip()) <= 150
                    and (j == i or kinds[j - 1] in _BEFORE_HEADING
                         or clean[j - 1].rstrip()[-1:] in '.!?"):')):
                # words and a rule after a blank line or a sentence end: a heading line
                kinds[j] = "heading"
                marked.append(j)
                a = len(words) - len(words.lstrip())
                glued = self._glued_heading_start(i, j, words.strip(), body[len(words) :])
                if glued is None:
                    found.append((j, a, j, len(words)))
                else:  # the heading's first word was glued to the paragraph before
                    up, col = glued
                    found.append((up, col, j, len(words)))
                    cuts.setdefault(up, []).append((col, len(clean[up])))
                continue
            floor = done  # a heading starts after the number of the paragraph on the line
            if kinds[j] == "paragraph":
                pm = g.RE_PARAGRAPH.match(line)
                floor = max(floor, pm.end() if pm else 0)
            for rm in tz.RE_RULE_RUN.finditer(line, done):
                if rm.start() <= floor:
                    if done == 0 and kinds[j] == "text" and not line[: rm.start()].strip():
                        self._heading_ending_above(i, j, rm, found, cuts)
                    continue
                rule = rm.group()
                p = tz.underline_heading(line, rm.start(), rule.count("-") + rule.count("="))
                e = tz.last_char(line, rm.start()) + 1
                if (p <= floor and kinds[j] == "paragraph" and 0 < e - floor <= 100
                        and line[e - 1] not in ".;," and not line[rm.end() :].strip()
                        and tz.underline_heading(line[floor:], rm.start() - floor,
                                                 len(rule.replace(" ", ""))) == 0):
                    p = floor  # the paragraph's words are only a heading over its text
                if p < 0 and done == 0 and kinds[j] == "text":
                    up = self._heading_above(i, j, rm)
                    if up >= 0:  # the heading's first words wrapped to the line above
                        kinds[j - 1] = "heading"
                        marked.append(j - 1)
                        found.append((j - 1, up, j, e))
                        cuts.setdefault(j, []).append((0, rm.end()))
                        done = floor = rm.end()
                        continue
                    if tz.heading_opens_line(line, rm) and (
                            j == i or kinds[j - 1] in _BEFORE_HEADING
                            or clean[j - 1].rstrip()[-1:] in '.!?"):'):
                        p = len(line) - len(line.lstrip())  # a heading over a rule longer than it
                if (p > floor or (p == floor == 0 and kinds[j] == "text")
                        or (p == floor and kinds[j] == "paragraph"
                            and not line[rm.end() :].strip())) and line[p:e].strip("X "):
                    # an underlined heading inside a reflowed line (or opening it)
                    found.append((j, p, j, e))
                    cuts.setdefault(j, []).append((p, rm.end()))
                    done = floor = rm.end()
        rule_set = set(rules)
        used: set[int] = set()
        for r in rules:
            if r in used:
                continue
            if texty(r + 1) and r + 2 in rule_set:  # overlined and underlined
                take(r + 1)
                used.add(r + 2)
            elif texty(r - 1):  # underlined, perhaps over two lines
                if (texty(r - 2) and clean[r - 2].rstrip()[-1:] not in ".:;,"
                        and (r - 3 < i or kinds[r - 3] in ("blank", "heading"))):
                    take(r - 2, r - 1)
                else:
                    take(r - 1)
            elif texty(r + 1) and (r + 2 >= count or kinds[r + 2] in ("blank", "paragraph")):
                take(r + 1)  # overlined only
        for k in plain:
            if kinds[k] != "text" or k + 1 >= count or k in cuts:
                continue
            nxt = k + 1
            while nxt < count and kinds[nxt] == "blank":
                nxt += 1
            if nxt == k + 1 or nxt >= count or kinds[nxt] != "paragraph":
                continue
            if tz.is_plain_heading(clean[k]):
                take(k)
        found.sort()
        heads = self.body.headings
        banner = self.body.banner
        after = banner.span.end if banner is not None else 0
        for j, a, last, b in found:
            s, e = doc.offset(j, a), doc.offset(last, b)
            if s < after:
                continue  # page decoration before the banner (``--- header ends ---``)
            text = _fold([clean[j][a:], *clean[j + 1 : last], clean[last][:b]]
                         if last > j else [clean[j][a:b]])
            if "-----" in text or "=====" in text:
                text = tz.drop_rules(text)
            if text:
                heads.append(doc.field_on(Heading, j, s, e, text=text))
        return marked

    def _heading_ending_above(self, i: int, j: int, rule: re.Match[str],
                              found: list[tuple[int, int, int, int]],
                              cuts: dict[int, list[tuple[int, int]]]) -> None:
        """A rule opening text line ``j`` (``----- 4. (C) The Ambassador ...``) that
        underlines the heading ending the line above after a sentence end (``... programs.
        Kudos for DEA Support``): the heading goes to ``found``, its words and the rule to
        ``cuts``."""
        doc = self.doc
        kinds, clean = doc.kinds, doc.clean
        up = j - 1
        if up < i or kinds[up] not in ("text", "paragraph") or up in cuts:
            return
        above = clean[up]
        if not clean[j][rule.end() :].strip():
            return  # a rule line of its own: the rule-line pass reads it
        end = len(above.rstrip())
        p = tz.underline_heading(above, end, rule.group().count("-") + rule.group().count("="))
        if p <= 0 or p == len(above) - len(above.lstrip()) or above[end - 1] in ".;,":
            return
        found.append((up, p, up, end))
        cuts.setdefault(up, []).append((p, len(above)))
        cuts.setdefault(j, []).append((0, rule.end()))

    def _heading_above(self, i: int, j: int, rule: re.Match[str]) -> int:
        """Column where a heading underlined by ``rule`` on line ``j`` starts on the line
        above, or -1: the words before the rule open line ``j`` and are too short for it, and
        the line above (a short text line after a sentence end) makes up the difference
        (``Iranian Intentions Clear:`` / ``Stall for Time ------------------------- 4.``,
        a heading wrapped where a page lost its newlines)."""
        doc = self.doc
        kinds, clean = doc.kinds, doc.clean
        if j - 1 < i or kinds[j - 1] != "text":
            return -1
        line = clean[j]
        words = line[: rule.start()].strip()
        above = clean[j - 1].strip()
        if (not words or not above or len(above) + len(words) > 100 or above[-1] in ".;,"
                or not (above[0].isupper() or above[0] in '"\u201c')):
            return -1
        rule_len = rule.group().count("-") + rule.group().count("=")
        if abs(len(above) + len(words) + 1 - rule_len) > 2:
            return -1
        if j - 2 >= i and kinds[j - 2] not in _BEFORE_HEADING and (
                clean[j - 2].rstrip()[-1:] not in '.!?"):'):
            return -1
        return len(clean[j - 1]) - len(clean[j - 1].lstrip())

    def _wrapped_heading(self, j: int, found: list[tuple[int, int, int, int]],
                         cuts: dict[int, list[tuple[int, int]]], marked: list[int]) -> bool:
        """A heading between rules wrapped over two lines (``----- PAKISTAN:`` / ``ISRAEL
        WORRIED ABOUT MUSHARRAF -----``, or its closing rule opening the next line before
        the text goes on): line ``j`` opens with a rule and holds words but no other rule,
        the next text line holds a rule.  The heading goes to ``found``, its lines (or the
        rule cut from the next line) are left out of paragraph text."""
        doc = self.doc
        kinds, clean = doc.kinds, doc.clean
        line = clean[j]
        a = len(line) - len(line.lstrip())
        if line[a : a + 3] not in ("---", "==="):
            return False
        lead = tz.RE_RULE_RUN.match(line, a)
        if lead is None:
            return False
        rest = line[lead.end() :]
        words = rest.strip()
        nxt = j + 1
        if (not words or len(words) > 100 or "---" in rest or "===" in rest
                or g.RE_PARAGRAPH.match(words)
                or nxt >= doc.count or kinds[nxt] != "text"):
            return False
        below = clean[nxt]
        at = min((x for x in (below.find("---"), below.find("===")) if x >= 0), default=-1)
        if at < 0:
            return False
        close = tz.RE_RULE_RUN.match(below, at)
        before = below[:at].strip()
        if close is None or len(before) > 100 or (before and before[-1] in ".;,"):
            return False
        start = lead.end() + len(rest) - len(rest.lstrip())
        kinds[j] = "heading"
        marked.append(j)
        if not before:  # the closing rule opens the next line
            found.append((j, start, j, len(line.rstrip())))
        else:
            found.append((j, start, nxt, tz.last_char(below, at) + 1))
        if below[close.end() :].strip():
            cuts.setdefault(nxt, []).append((0, close.end()))
        else:
            kinds[nxt] = "heading"
            marked.append(nxt)
        return True

    def _distribution(self, i: int, j: int, marked: list[int]) -> bool:
        """Whether line ``j`` is the distribution line of an old telegram page (``INFO
        LOG-00 ... /009W ------------------71B573 082032Z /38``, repeated on each page of a
        1970s-2002 telegram): then it, the distribution lines above it and the header lines
        after it (FM, TO ...) get the kind "distribution" (no paragraph's words: a text
        block) and go to ``marked``.  A distribution line glued to the end of a text line
        leaves the line to the text, but the header lines after it are marked all the same."""
        doc = self.doc
        kinds, clean, count = doc.kinds, doc.clean, doc.count
        line = clean[j]
        if " /" not in line:  # every distribution line ends in a count: " /38"
            return False
        whole = None
        for rm in tz.RE_RULE_RUN.finditer(line):
            whole = tz.routing_rule(line, rm)
            if whole is not None:
                break
        if whole is None:
            return False
        whole = whole and kinds[j] == "text"
        if whole:
            kinds[j] = "distribution"
            marked.append(j)
            up = j - 1
            while up >= i and kinds[up] == "text" and tz.RE_DISTRIBUTION_ABOVE.match(clean[up]):
                kinds[up] = "distribution"
                marked.append(up)
                up -= 1
        down = j + 1
        while down < count and kinds[down] == "blank":
            down += 1
        while down < count and kinds[down] == "text" and tz.is_header_line(clean[down]):
            kinds[down] = "distribution"
            marked.append(down)
            down += 1
        return whole

    def _glued_heading_start(self, i: int, j: int, words: str,
                             rule: str) -> tuple[int, int] | None:
        """An underlined heading ``words`` at line ``j`` whose ``rule`` is longer than its
        words: the line and column of its first word, left at the end of the last paragraph
        line before (after a sentence end), when it fills the gap (gold README)."""
        missing = rule.count("-") + rule.count("=") - len(words)
        if missing < 2:
            return None
        doc = self.doc
        up = j - 1
        while up >= i and doc.kinds[up] == "blank":
            up -= 1
        if up < i or up == j - 1 or doc.kinds[up] not in ("text", "paragraph"):
            return None
        line = doc.clean[up].rstrip()
        col = line.rfind(" ") + 1
        before = line[:col].rstrip()
        if (col <= 0 or abs(len(line) - col + 1 - missing) > 1 or not before
                or before[-1] not in ".!?\"')"):
            return None
        return up, col

    def _classified_in_text(self, k: int, clean: str) -> None:
        """1990s layout: ``1. (U) CLASSIFIED BY ...`` inside the first paragraph."""
        if self.body.classified_by is not None or "LASSIFIED" not in clean.upper():
            return
        m = re.search(r"(?i)\bCLASSIFIED\s+BY\b:?", clean)
        if not m:
            return
        joined = f.Joined()
        joined.add(self.doc, k, m.start(), len(clean.rstrip()))
        j = k + 1
        while j < self.doc.count and self.doc.clean[j].strip() and not g.RE_PARAGRAPH.match(
            self.doc.clean[j]
        ):
            joined.add(self.doc, j, 0, len(self.doc.clean[j].rstrip()))
            j += 1
        omap = joined.finish()
        self.body.classified_by = f.parse_classified_by(
            self.doc, m.group(), joined.text, omap, len(m.group())
        )

    def _markers(self, k: int, clean: str, col: int, up: str) -> None:
        """SUMMARY/COMMENT begin markers at paragraph start, END markers anywhere (``up`` is
        the line upper-cased)."""
        doc = self.doc
        m = _BEGIN_MARKER.match(clean, col) if col else _BEGIN_MARKER.match(clean)
        if m and not _END_MARKER.match(clean, m.start()):
            name = m.group("name").upper()
            s, e = doc.offset(k, m.start("name")), doc.offset(k, m.end("name"))
            self.body.markers.append(doc.field_on(Marker, k, s, e, name=name, end=False))
        if "END" not in up:
            return
        for e_m in self._end_markers(clean, up):
            s, e = doc.offset(k, e_m.start()), doc.offset(k, e_m.end())
            name = e_m.group("name").upper()
            self.body.markers.append(doc.field_on(Marker, k, s, e, name=name, end=True))

    @staticmethod
    def _end_markers(clean: str, up: str) -> list[re.Match[str]]:
        """``_END_MARKER.finditer(clean)``, trying the pattern only where ``up`` (``clean``
        upper-cased) holds "END": a marker line can be a whole paragraph long, and a search
        tries the pattern at every column."""
        if len(up) != len(clean):
            return list(_END_MARKER.finditer(clean))
        # same columns, and only e/E, n/N, d/D match E, N, D under re.I (and upper-case to
        # them): every match starts at an "END" of ``up``
        found = []
        pos = up.find("END")
        while pos >= 0:
            e_m = _END_MARKER.match(clean, pos)  # \b still sees the column before pos
            if e_m is not None:
                found.append(e_m)
                pos = up.find("END", e_m.end())
            else:
                pos = up.find("END", pos + 1)
        return found

    def _signature(self, i: int) -> tuple[int, int]:
        """Find the signature and trailer; return where the text ends: (line, clean column),
        column 0 meaning the start of that line."""
        doc = self.doc
        k = doc.count - 1
        swallowed = self._swallowing_head_line(i)
        lo = i if swallowed < 0 else swallowed
        header = False  # looked for a message header repeated after the text
        while k >= lo:
            clean = doc.clean[k]
            kind = doc.kinds[k]
            if kind in _NOISE_KINDS or not clean.strip():
                k -= 1
                continue
            if (g.RE_TRAILER.match(clean) or g.RE_CLASS_ALONE.match(clean)
                    or tz.RE_EXTRA_TRAILER.match(clean)):
                doc.kinds[k] = "trailer"
                k -= 1
                continue
            if not header and kind == "text":
                header = True
                top = tz.repeated_header(doc.clean, k, lo)
                if top >= 0:
                    for j in range(top, k + 1):
                        doc.kinds[j] = "trailer"
                    k = top - 1
                    continue
            break
        run_on = (self.text_start is not None and k == self.text_start.line) or k == swallowed
        if k < lo or (kind not in ("text", "paragraph") and not run_on):
            return k + 1, 0
        if len(clean) <= 60 and kind == "text" and not run_on:
            m = g.RE_SIGNATURE.match(clean)
            if m and not (clean.lstrip()[:1].islower() and self._runs_on(k)):
                doc.kinds[k] = "signature"
                s, e = doc.offset(k, m.start("name")), doc.offset(k, m.end("name") - 1) + 1
                self.body.signature = doc.field_on(RawField, k, s, e)  # no markup after it
                return k, 0
        gm = tz.glued_signature(clean)
        if gm is not None:
            a = gm.start("name")
            # the offset after the name's last character: markup after it stays out
            s, e = doc.offset(k, a), doc.offset(k, gm.end("name") - 1) + 1
            self.body.signature = doc.field_on(RawField, k, s, e)
            if not clean[:a].strip() and not run_on:  # a dated signature: BASSETT 1/21/2009
                doc.kinds[k] = "signature"
                return k, 0
            return k, a
        return k + 1, 0

    def _swallowing_head_line(self, i: int) -> int:
        """The last head line, when the text zone from line ``i`` is empty and that line is
        longer than any telegram line: a reflowed text run on in a head field (REF, Classified
        By ...), whose end may carry the signature.  -1 otherwise."""
        doc = self.doc
        if doc.soft:
            return -1  # a text that lost its newlines: its "lines" are guesses
        j = doc.count - 1
        while j >= i:
            if doc.clean[j].strip() and doc.kinds[j] not in _NOISE_KINDS:
                return -1  # the text zone has lines of its own
            j -= 1
        while j >= 0 and not doc.clean[j].strip():
            j -= 1
        if j < 0 or doc.kinds[j] not in _HEAD_TEXT_KINDS or len(doc.clean[j]) <= _SWALLOW:
            return -1
        return j

    def _runs_on(self, k: int) -> bool:
        """Whether line ``k`` ends a sentence wrapped from the line above: a long line of
        prose (several words, not a URL) that stops on a lower-case letter or a comma, as in
        ``... as a high priority`` / ``issue``."""
        if k == 0:
            return False
        above = self.doc.clean[k - 1].rstrip().rstrip("\\").rstrip()
        return (len(above) >= 40 and above.count(" ") >= 4
                and (above[-1].islower() or above[-1] == ","))

    def _run_ins(self, i: int, paras: list[_Start], end: int, end_col: int,
                 cuts: dict[int, list[tuple[int, int]]]) -> list[_Start]:
        """Add the paragraphs run into the lines of others (reflowed text): ``n+1.`` after a
        sentence end inside paragraph ``n``, as long as the numbering goes on."""
        doc = self.doc
        kinds, clean = doc.kinds, doc.clean
        if not paras:
            # a reflowed text may hold paragraph 1 after a heading glued into its first line
            first = self._first_run_in(i, end, cuts)
            if first is None:
                return paras
            paras = [first]
        out: list[_Start] = []
        for n, st in enumerate(paras):
            out.append(st)
            if not st.number.isdigit():
                continue
            want = int(st.number) + 1
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            limit = int(nxt.number) if nxt is not None and nxt.number.isdigit() else 0
            if limit and limit <= want:
                continue  # the next paragraph goes on with the numbering (or restarts)
            stop = nxt.line if nxt is not None else end
            j = st.line
            col = st.text_col
            digits = str(want)  # a line without them holds no run-in paragraph ``want``
            while j <= stop and j < doc.count:
                if j != st.line and kinds[j] not in ("text", "paragraph"):
                    j += 1
                    col = 0
                    continue
                line = clean[j]
                if j == stop and nxt is None and end_col:
                    line = line[:end_col]
                elif j == stop and nxt is not None:
                    break
                m = tz.find_run_in(line, col, want) if line.find(digits, col) >= 0 else None
                if m is None:
                    j += 1
                    col = 0
                    continue
                marker = m.group("marker") or None
                out.append(_Start(j, m.start("number"),
                                  tz.text_col(line, m.end(), marker),
                                  m.group("number"), m.group("portion"), marker, True,
                                  m.start("number")))
                if m.group("portion"):
                    self.body.portions.append(f.portion_field(doc, j, m, "portion"))
                want += 1
                digits = str(want)
                col = m.end()
                if limit and want >= limit:
                    break
        if len(out) > len(paras):
            self.body.portions.sort(key=lambda p: p.span.start)
        return out

    def _first_run_in(self, i: int, end: int,
                      cuts: dict[int, list[tuple[int, int]]]) -> _Start | None:
        """Paragraph 1 run into a line of a text without numbered lines: right after a
        heading glued into the line, or with a portion mark."""
        doc = self.doc
        for j in range(i, min(end + 1, doc.count)):
            if doc.kinds[j] != "text":
                continue
            line = doc.clean[j]
            m = tz.find_run_in(line, 0, 1)
            if m is None or not (m.group("portion") or j in cuts):
                continue
            marker = m.group("marker") or None
            if m.group("portion"):
                self.body.portions.append(f.portion_field(doc, j, m, "portion"))
            return _Start(j, m.start("number"),
                          tz.text_col(line, m.end(), marker),
                          m.group("number"), m.group("portion"), marker, True,
                          m.start("number"))
        return None

    def _paragraphs(self, paras: list[_Start], end: int, end_col: int,
                    cuts: dict[int, list[tuple[int, int]]], skip: list[int]) -> None:
        """Build paragraph nodes from their starts up to the next paragraph (or the end of
        the text: line ``end``, clean column ``end_col``), leaving out noise and heading
        lines (``skip``, sorted) and the column ranges in ``cuts``."""
        doc = self.doc
        kinds = doc.kinds
        clean = doc.clean
        # clean views of a plain text are its lines: look for whitespace breaks once
        breaks = not doc.plain or any(c in doc.text for c in _ASCII_BREAKS)
        dashed = self._dashed
        for n, st in enumerate(paras):
            k = st.line
            if n + 1 < len(paras):
                nxt = paras[n + 1]
                stop, stop_col = nxt.line, nxt.prev_end
            else:
                stop, stop_col = end, end_col
            # the lines after a paragraph's first are text, heading, blank or noise lines
            # (continuation, page, stray: noise_lines); it ends at its last line of another kind
            if stop_col and stop >= k:
                last = stop
            else:
                last = stop - 1
                while last > k and (kinds[last] in _NOISE_KINDS or kinds[last] == "heading"):
                    last -= 1
                stop_col = 0
            lines = clean[k : last + 1]
            if stop_col:
                lines[-1] = lines[-1][:stop_col]
            lines[0] = lines[0][st.text_col :]
            if cuts:
                for j in range(k, last + 1):
                    if j in cuts:
                        lines[j - k] = _cut(clean[j], cuts[j], st.text_col if j == k else 0,
                                            stop_col if j == last and stop_col else None)
            a, b = bisect_right(skip, k), bisect_left(skip, last)
            for j in reversed(skip[a:b]):  # leave noise and heading lines out
                del lines[j - k]
            s = doc.offset(k, st.number_col)
            if stop_col:
                e = doc.offset(last, len(clean[last][:stop_col].rstrip()))
            else:
                e = doc.content_end[last]
            text = _fold(lines, breaks)
            at = bisect_left(dashed, k) if dashed else 0
            if (at < len(dashed) and dashed[at] <= last
                    and ("-----" in text or "=====" in text)):  # a rule no heading took
                text = tz.drop_rules(text)
            self.body.paragraphs.append(doc.field_on(
                Paragraph, k, s, max(e, s), number=st.number, portion=st.portion,
                marker=st.marker, text=text, run_in=st.run_in,
            ))


def _cut(line: str, ranges: list[tuple[int, int]], a: int, b: int | None) -> str:
    """``line[a:b]`` without the column ranges ``ranges`` (a space stands for each)."""
    end = len(line) if b is None else b
    out = []
    pos = a
    for x, y in sorted(ranges):
        if y <= pos or x >= end:
            continue
        out.append(line[pos:max(x, pos)])
        pos = max(pos, y)
    out.append(line[pos:end])
    return " ".join(out)


@dataclass(slots=True)
class _Start:
    """Where a paragraph starts: line, columns of its number and of its text, and its
    number, portion mark and marker as written; ``run_in`` when it did not start its line."""

    line: int
    number_col: int
    text_col: int
    number: str
    portion: str | None
    marker: str | None
    run_in: bool = False
    prev_end: int = 0  # column where the paragraph before ends on this line (0: before it)


# Whitespace that str.split() splits at in ASCII text, besides the space and line ends
_ASCII_BREAKS = ("\t", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f")


def _fold(lines: list[str], breaks: bool = True) -> str:
    """The words of ``lines`` joined by single spaces: ``" ".join(" ".join(lines).split())``.

    Splitting makes an object per word; most text needs only its lines stripped (blank ones
    dropped) and joined, which gives the same string when the result holds no other
    whitespace than single spaces.  ``breaks=False`` says that the lines hold none
    of ``_ASCII_BREAKS``.
    """
    text = " ".join(filter(None, map(str.strip, lines)))
    if (not breaks or text.isprintable() or not any(c in text for c in _ASCII_BREAKS)
            if text.isascii() else _OTHER_SPACE.search(text) is None):
        for _ in range(3):  # runs of 2..8 spaces inside lines ("end.  Next")
            if "  " not in text:
                return text
            text = text.replace("  ", " ")
    return " ".join(text.split())


# Whitespace other than the space, as str.split() and re's \s know it (NBSP, ideographic
# space ...): a text holding none folds by collapsing its runs of spaces
_OTHER_SPACE = re.compile(r"[^\S ]")
