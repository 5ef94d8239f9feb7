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

from cableformat import grammar as g
from cableformat.model import Body, Caption, Marker, Paragraph, RawField, SyntaxIssue, build
from cableformat.parser import fields as f
from cableformat.parser.lines import Doc

_NOISE_KINDS = frozenset({"blank", "continuation", "page", "stray"})
_CAPTION_WORDS = re.compile(
    r"^\s*(?:" + "|".join(re.escape(c) for c in g.CAPTIONS) + r"|C O R R E C T E D)\b", re.I
)
_CLOSES_AT_BLANK = frozenset({"eo", "tags", "subject"})
_REASON_START = re.compile(r"^\s*(?:1\s?[.,]\s?[0-9]|\(?[a-hA-H]\)|[a-z]{1,6}\b|S:)")
_HAS_REASON = re.compile(r"1\s?[.,]\s?[0-9]")
_REF_ITEM_START = re.compile(
    r"^\s*(?:[(\[]?[A-Z][.):\]]|\([0-9]{1,2}\)|[0-9]{2,4}\s+[A-Z]|[A-Z]{3,})"
)
_CORRECTION = re.compile(r"^\s*(?:C O R R E C T E D|CORRECTED COPY)", re.I)
_SIPDIS = re.compile(r"^\s*SIPDIS\s*$", re.I)
_WHITESPACE = re.compile(r"\s+")
# First letters of a classification line (grammar.RE_CLASS_ALONE, any case)
_CLASS_HEADS = "TUCSLtucslſ"  # ſ: re.I takes the long s for an s
_END_MARKER = re.compile(r"\bEND\s+(?P<name>SUMMARY|COMMENT|TEXT|QUOTE|FYI)\b", re.I)
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


@dataclass(slots=True)
class _Open:
    """A head field being collected."""

    name: str
    keyword: str
    joined: f.Joined
    kw_len: int


class BodyParser:
    """Parses the body from the banner (or the first body line) to the end."""

    def __init__(self, doc: Doc, issues: list[SyntaxIssue], own_year: int | None) -> None:
        self.doc = doc
        self.issues = issues
        self.own_year = own_year
        self.body = build(Body,
            captions=[], passing=[], paragraphs=[], markers=[], continuations=[], pages=[],
            redactions=[], portions=[],
        )
        self.seen: set[str] = set()
        self.noise_lines: list[int] = []
        self.cur: _Open | None = None
        self.ref_weak = False

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
                if doc.kinds[i] != "banner":
                    doc.kinds[i] = "blank"
                self._blank()
                i += 1
                continue
            if self._noise(i, seg, start_col):
                i += 1
                continue
            if start_col == 0 and g.RE_PARAGRAPH.match(seg) and (
                self.seen or not (g.may_hold_head_keyword(seg[:40])
                                  and g.RE_HEAD_KEYWORD.search(seg[:40]))
            ):
                return i
            if not self._head_line(i, seg, start_col):
                return i
            i += 1
        return i

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
        keys: list[re.Match[str]] = []
        names: set[str] = set()
        for m in g.RE_HEAD_KEYWORD.finditer(seg) if g.may_hold_head_keyword(seg) else ():
            if m.lastgroup not in names and self._accept(m, seg):
                keys.append(m)
                names.add(m.lastgroup or "")
        if not self.seen and _CORRECTION.match(seg):
            keys = []
        if not keys:
            if self.cur is not None and not (self.ref_weak and not self._continues(seg)):
                self.ref_weak = False
                self.cur.joined.add(doc, i, col, col + len(seg.rstrip()))
                doc.kinds[i] = self._kind(self.cur.name)
                return True
            if self.seen:
                return False
            self._caption_or_passing(i, col, seg)
            return True
        starts = [_field_start(seg, m) for m in keys]
        first = starts[0]
        if first > 0 and seg[:first].strip():
            if self.cur is not None:
                self.cur.joined.add(doc, i, col, col + first)
            elif not self.seen:
                self._caption_or_passing(i, col, seg[:first])
        doc.kinds[i] = self._kind(keys[0].lastgroup or "head")
        for k, m in enumerate(keys):
            end = starts[k + 1] if k + 1 < len(keys) else len(seg.rstrip())
            self._open(m.lastgroup or "", m.group(), i, col + starts[k], col + end,
                       m.end() - starts[k])
        return True

    def _accept(self, m: re.Match[str], seg: str) -> bool:
        """A keyword counts when its field has not been seen, or it starts the line."""
        name = m.lastgroup or ""
        if name not in self.seen:
            return True
        return not seg[: m.start()].strip() and self.cur is not None and self.cur.name != name

    def _open(self, name: str, keyword: str, i: int, a: int, b: int, kw_len: int) -> None:
        """Start field ``name`` at clean columns ``a``..``b`` of line ``i`` (its keyword
        ends ``kw_len`` columns after ``a``)."""
        self._close()
        joined = f.Joined()
        joined.add(self.doc, i, a, b)
        self.cur = _Open(name, keyword, joined, kw_len)
        self.seen.add(name)
        self.ref_weak = False

    def _blank(self) -> None:
        """A blank line closes most fields; REF may go on with another item, and Classified
        By with its reasons when they have not come yet."""
        cur = self.cur
        if cur is None:
            return
        if cur.name in _CLOSES_AT_BLANK or (
            cur.name == "classified" and _HAS_REASON.search("".join(cur.joined.parts))
        ):
            self._close()
        else:
            self.ref_weak = True

    def _continues(self, seg: str) -> bool:
        """After a blank line: does ``seg`` continue the open REF or Classified By?"""
        assert self.cur is not None
        if self.cur.name == "ref":
            return _REF_ITEM_START.match(seg) is not None
        if g.RE_PARAGRAPH.match(seg):
            return False
        return bool(_REASON_START.match(seg) or _HAS_REASON.search(seg)
                    or "REASON" in seg.upper())

    def _kind(self, name: str) -> str:
        return "classified_by" if name == "classified" else name

    def _caption_or_passing(self, i: int, col: int, seg: str) -> None:
        """A line (or line part) before the head fields: caption or passing line."""
        doc = self.doc
        text = seg.strip()
        a = col + (len(seg) - len(seg.lstrip()))
        start, end = doc.offset(i, a), doc.offset(i, a + len(text))
        if _CAPTION_WORDS.match(text):
            doc.kinds[i] = "caption"
            value = _WHITESPACE.sub(" ", text.upper())
            self.body.captions.append(doc.field_on(Caption, i, start, end, value=value))
        else:
            doc.kinds[i] = "passing"
            self.body.passing.append(doc.field_on(RawField, i, start, end))

    def _close(self) -> None:
        """Finish the open head field and store its model node."""
        cur = self.cur
        if cur is None:
            return
        self.cur = None
        doc = self.doc
        omap = cur.joined.finish()
        text = cur.joined.text
        kw = cur.keyword
        body = self.body
        if cur.name == "eo":
            if body.eo is None:
                body.eo = f.parse_eo(doc, text, omap)
        elif cur.name == "tags":
            if body.tags is None:
                body.tags = f.parse_tags(doc, kw, text, omap, cur.kw_len)
        elif cur.name == "subject":
            if body.subject is None:
                body.subject = f.parse_subject(doc, kw, text, omap, cur.kw_len)
        elif cur.name == "ref":
            if body.refs is None:
                body.refs = f.parse_refs(doc, kw, text, omap, cur.kw_len, self.own_year)
        elif cur.name == "classified" and body.classified_by is None:
            body.classified_by = f.parse_classified_by(doc, kw, text, omap, cur.kw_len)

    # -- text zone ------------------------------------------------------------------------

    def _text(self, i: int) -> None:
        """Paragraphs, headings, markers, portion marks, redactions, signature."""
        doc = self.doc
        paras: list[tuple[int, re.Match[str]]] = []
        last_text = -1
        marked = _lines_with_words(doc, _MARKER_WORDS)
        labels: set[str] = set()  # letters of (A) (b) labels opening lines
        line_marks: list[int] = []  # indexes of one-letter portion marks opening lines
        for k in range(i, doc.count):
            clean = doc.clean[k]
            if not clean.strip():
                doc.kinds[k] = "blank"
                continue
            head = clean.lstrip()[:1]
            if (
                len(clean) <= 120
                and not head.islower()
                # what _noise can accept: a continuation or PAGE header, a classification
                and (head in _CLASS_HEADS or " OF " in clean or " of " in clean
                     or "PAGE" in clean[:12])
                and self._noise(k, clean, 0)
            ):
                continue
            if head in "Ss" and _SIPDIS.match(clean):
                doc.kinds[k] = "stray"
                self.noise_lines.append(k)
                continue
            if head in "-=" and g.RE_UNDERLINE.match(clean):
                doc.kinds[k] = "heading"
                if last_text >= 0 and doc.kinds[last_text] == "text":
                    doc.kinds[last_text] = "heading"
                continue
            last_text = k
            if (" OF " in clean or " of " in clean) and "0000" in clean:
                for c in g.RE_CONTINUATION_INLINE.finditer(clean):
                    cont = f.parse_continuation(doc, c, k, True)
                    if cont is not None:
                        self.body.continuations.append(cont)
            m = g.RE_PARAGRAPH.match(clean) if head.isdigit() else None
            if m:
                doc.kinds[k] = "paragraph"
                paras.append((k, m))
                if m.group("portion"):
                    self.body.portions.append(f.portion_field(doc, k, m, "portion"))
                elif "(" in clean[m.end() - 1 : m.end() + 2]:  # (s), (S//REL TO USA, AUS)
                    pm = g.RE_PORTION_START.match(clean)
                    if pm:
                        self.body.portions.append(f.portion_field(doc, k, pm, "portion"))
                self._classified_in_text(k, clean)
            else:
                pm = g.RE_PORTION_START.match(clean) if "(" in clean[:12] else None
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
            if (k in marked) if (marked is not None and doc.maps[k] is None) else _has_marker(
                clean
            ):
                col = (m.start("marker") if m.group("marker") else m.end()) if m else 0
                self._markers(k, clean, col, clean.upper())
            if "XXXXXX" in clean:
                for r in g.RE_REDACTION.finditer(clean):
                    s, e = doc.offset(k, r.start()), doc.offset(k, r.end())
                    self.body.redactions.append(doc.span_on(k, s, e))
        if line_marks and labels:
            f.drop_list_labels(self.body.portions, line_marks, labels)
        end = self._signature(i)
        self._paragraphs(paras, end)

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

    def _signature(self, i: int) -> int:
        """Find the signature and trailer; return the line index where the text ends."""
        doc = self.doc
        k = doc.count - 1
        while k >= i:
            clean = doc.clean[k]
            kind = doc.kinds[k]
            if kind in _NOISE_KINDS or not clean.strip():
                k -= 1
                continue
            if g.RE_TRAILER.match(clean) or g.RE_CLASS_ALONE.match(clean):
                doc.kinds[k] = "trailer"
                k -= 1
                continue
            break
        if k >= i and kind in ("text", "paragraph") and len(clean) <= 60:
            m = g.RE_SIGNATURE.match(clean)
            if m and kind == "text" and not (clean.lstrip()[:1].islower() and self._runs_on(k)):
                doc.kinds[k] = "signature"
                s = doc.offset(k, m.start("name"))
                self.body.signature = doc.field_on(RawField, k, s, doc.offset(k, m.end("name")))
                return k
        return k + 1

    def _runs_on(self, k: int) -> bool:
        """Whether line ``k`` ends a sentence wrapped from the line above: a long line of
        prose (several words, not a URL) that stops on a lower-case letter or a comma, as in
        ``... as a high priority`` / ``issue``."""
        if k == 0:
            return False
        above = self.doc.clean[k - 1].rstrip().rstrip("\\").rstrip()
        return (len(above) >= 40 and above.count(" ") >= 4
                and (above[-1].islower() or above[-1] == ","))

    def _paragraphs(self, paras: list[tuple[int, re.Match[str]]], end: int) -> None:
        """Build paragraph nodes from their first lines up to the next paragraph."""
        doc = self.doc
        noise = self.noise_lines
        kinds = doc.kinds
        clean = doc.clean
        # clean views of a plain text are its lines: look for whitespace breaks once
        breaks = not doc.plain or any(c in doc.text for c in _ASCII_BREAKS)
        for n, (k, m) in enumerate(paras):
            stop = paras[n + 1][0] if n + 1 < len(paras) else end
            # the lines after a paragraph's first are text, heading, blank or noise lines
            # (continuation, page, stray: noise_lines); it ends at its last line of another kind
            last = stop - 1
            while last > k and kinds[last] in _NOISE_KINDS:
                last -= 1
            lines = clean[k : last + 1]
            lines[0] = lines[0][m.end() :]
            a, b = bisect_right(noise, k), bisect_left(noise, last)
            for j in reversed(noise[a:b]):  # leave noise lines out
                del lines[j - k]
            s = doc.offset(k, m.start("number"))  # RE_PARAGRAPH: \s* then the number
            e = doc.content_end[last]
            self.body.paragraphs.append(doc.field_on(
                Paragraph, k, s, max(e, s), number=m.group("number"), portion=m.group("portion"),
                marker=(m.group("marker") or None), text=_fold(lines, breaks),
            ))


# Whitespace that str.split() splits at in ASCII text, besides the space and line ends
_ASCII_BREAKS = ("\t", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f")


def _fold(lines: list[str], breaks: bool = True) -> str:
    """The words of ``lines`` joined by single spaces: ``" ".join(" ".join(lines).split())``.

    Splitting makes an object per word; most text needs only its lines stripped (blank ones
    dropped) and joined, which gives the same string when the result is ASCII and holds
    no other whitespace than single spaces.  ``breaks=False`` says that the lines hold none
    of ``_ASCII_BREAKS``.
    """
    text = " ".join(filter(None, map(str.strip, lines)))
    if text.isascii() and not (breaks and any(c in text for c in _ASCII_BREAKS)):
        for _ in range(3):  # runs of 2..8 spaces inside lines ("end.  Next")
            if "  " not in text:
                return text
            text = text.replace("  ", " ")
    return " ".join(text.split())
