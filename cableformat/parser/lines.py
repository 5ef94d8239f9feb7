"""The line layer: cut the cable text into lines and give each a clean view.

A *clean view* is the line with WikiLeaks decoration removed (``<a>`` tags, ``<code><pre>``,
``¶`` anchors, HTML entities, a CSV-escape backslash at the end) and named-entity annotation
(``[[AMBASSADOR LANDAU || 9]]`` in annotated 1970s corpora) so that grammar patterns see the
telegram text.  A column map takes clean columns back to raw columns, so every span
points at the exact source text.  Lines without decoration (almost all) share their raw text
and need no map.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, count
from operator import add

from cableformat import grammar as g
from cableformat.model import RawField, Span, build, new_span
from cableformat.source import LineIndex

_MARKUP = g.RE_MARKUP
_NEWLINE = re.compile(r"\r\n|\r|\n")
# A line holding one of these may need cleaning (so may one ending in a backslash)
_MARKUP_CHARS = ("<", "&", "¶", "\ufeff", "[[", "]]")
_SOFT_BREAK = re.compile(r"\r\n|\r|\n| {2,}|\t+")


def split_lines(text: str) -> list[int]:
    """Offsets where lines start, plus ``len(text)`` at the end (terminators stay on lines)."""
    n = len(text)
    if "\r" not in text:
        return _lf_starts(text, text.split("\n"))
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(text) if m.end() < n)
    starts.append(n)
    return starts


def _lf_starts(text: str, parts: list[str]) -> list[int]:
    """:func:`split_lines` of ``text`` (no CR in it) from its ``text.split("\\n")`` parts."""
    # starts[k] = the lengths of parts 0..k-1 plus their k newlines (in C: no loop per line)
    starts = list(map(add, accumulate(map(len, parts), initial=0), count()))
    n = len(text)
    starts[-1] = n
    if len(starts) > 2 and starts[-2] >= n:
        starts.pop()
    return starts


def split_soft_lines(text: str) -> list[int]:
    """Line starts for text whose newlines were stripped: break after runs of 2+ spaces."""
    starts = [0]
    for m in _SOFT_BREAK.finditer(text):
        if m.end() < len(text):
            starts.append(m.end())
    starts.append(len(text))
    return starts


class Doc:
    """The cable text cut into lines, with clean views and span helpers."""

    __slots__ = (
        "_index", "clean", "content_end", "count", "kinds", "maps", "plain", "soft", "starts",
        "text",
    )

    def __init__(self, text: str, *, soft: bool = False) -> None:
        self.text = text
        self.soft = soft
        parts = None if soft or "\r" in text else text.split("\n")
        if parts is not None:
            self.starts = _lf_starts(text, parts)
        else:
            self.starts = split_soft_lines(text) if soft else split_lines(text)
        self.count = len(self.starts) - 1
        self.kinds: list[str] = ["text"] * self.count
        self._index: LineIndex | None = None
        markup = ("<" in text or "&" in text or "¶" in text or text.startswith("\ufeff")
                  or "]]" in text)
        escaped = "\\\n" in text or text.endswith("\\")
        if parts is not None:
            # LF line ends (nearly every input): split once, then clean only the lines that
            # hold markup or end in a CSV-escape backslash
            if len(parts) > self.count:
                del parts[self.count :]
            clean = self.clean = parts
            self.maps = [None] * self.count
            self.content_end = list(map(add, self.starts, map(len, clean)))
            self.plain = True
            if markup or escaped:
                for i in sorted(self._lines_holding(_MARKUP_CHARS if markup else (), escaped)):
                    self._clean(i, clean[i], markup)
            return
        self.plain = False
        self.clean = []
        self.maps = []
        self.content_end = []
        starts = self.starts
        for i in range(self.count):
            start, end = starts[i], starts[i + 1]
            raw = text[start:end].rstrip("\r\n")
            self.content_end.append(start + len(raw))
            self.clean.append(raw)
            self.maps.append(None)
            self._clean(i, raw, markup)

    def _lines_holding(self, chars: tuple[str, ...], escaped: bool) -> set[int]:
        """Indexes of the lines holding one of ``chars`` or (``escaped``) ending in ``\\``."""
        found = self.lines_holding([*chars, "\\\n"] if escaped else chars)
        if escaped and self.text.endswith("\\") and self.count:
            found.add(self.count - 1)
        return found

    def lines_holding(
        self, needles: Iterable[str] | Iterable[bytes], text: str | bytes | None = None
    ) -> set[int]:
        """Indexes of the lines holding one of ``needles``: one ``find`` per hit line.

        ``text`` stands for the cable text when given (the upper-cased text, say, as ``str``
        or one byte per character with ``bytes`` needles); it must have the same length, so
        that offsets fall on the same lines.
        """
        text = self.text if text is None else text
        starts, count = self.starts, self.count
        found: set[int] = set()
        for needle in needles:
            pos = text.find(needle)  # type: ignore[arg-type]  # needles match text's type
            while pos >= 0:
                i = bisect_right(starts, pos) - 1
                if i < count:
                    found.add(i)
                pos = text.find(needle, starts[i + 1]) if i + 1 < len(starts) else -1
        return found

    def _clean(self, i: int, raw: str, markup: bool) -> None:
        """Set the clean view (and column map) of line ``i``, whose raw content is ``raw``."""
        if markup and ("<" in raw or "&" in raw or "¶" in raw or "\ufeff" in raw
                       or "[[" in raw or "]]" in raw):
            clean, cmap = _clean_line(raw)
            if clean == raw:  # a bare "&", say: nothing was removed or decoded
                cmap = None
        else:
            clean, cmap = raw, None
        if clean.endswith("\\") and not clean.endswith("\\\\"):
            clean = clean[:-1]
        if cmap is not None or clean != raw:
            self.clean[i] = clean
            self.maps[i] = cmap
            self.plain = False

    def offset(self, i: int, col: int) -> int:
        """Cable-text offset of clean column ``col`` of line ``i``."""
        cmap = self.maps[i]
        if cmap is None:  # starts[i] + min(col, content_end[i] - starts[i]), without a call
            at = self.starts[i] + col
            end = self.content_end[i]
            return at if at <= end else end
        return self.starts[i] + cmap[min(col, len(cmap) - 1)]

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for cable-text offsets ``start``..``end``."""
        if self.soft or start >= len(self.text) or start < 0:
            if self._index is None:
                self._index = LineIndex(self.text)
            line, col = self._index.locate(start)
        else:
            k = bisect_right(self.starts, start) - 1
            line, col = k + 1, start - self.starts[k] + 1
        return new_span(start, end, line, col)

    def field(self, cls: type[RawField], start: int, end: int, /, **values: object) -> RawField:
        """Build model node ``cls`` for cable-text offsets ``start``..``end``."""
        return build(cls, raw=self.text[start:end], span=self.span(start, end), **values)

    def span_on(self, k: int, start: int, end: int) -> Span:
        """:meth:`span` for a ``start`` the caller found on line ``k`` (no bisection)."""
        starts = self.starts
        # starts is strictly increasing and ends at len(text), so when start lies in line k
        # the bisection in span() would find k; anything else takes span()'s own path
        if not self.soft and starts[k] <= start < starts[k + 1]:
            return new_span(start, end, k + 1, start - starts[k] + 1)
        return self.span(start, end)

    def field_on(
        self, cls: type[RawField], k: int, start: int, end: int, /, **values: object
    ) -> RawField:
        """:meth:`field` for a ``start`` the caller found on line ``k`` (see :meth:`span_on`)."""
        starts = self.starts  # span_on, inlined: one node per field, the parser's hot path
        if not self.soft and starts[k] <= start < starts[k + 1]:
            span = new_span(start, end, k + 1, start - starts[k] + 1)
        else:
            span = self.span(start, end)
        return build(cls, raw=self.text[start:end], span=span, **values)

    def line_of(self, offset: int) -> int:
        """Index of the line containing cable-text ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)


def _clean_line(raw: str) -> tuple[str, list[int]]:
    """Remove markup from one line; return the clean text and its clean->raw column map."""
    out: list[str] = []
    cmap: list[int] = []
    pos = 0
    for m in _MARKUP.finditer(raw):
        if m.start() > pos:
            out.append(raw[pos : m.start()])
            cmap.extend(range(pos, m.start()))
        token = m.group()
        if token.startswith("&"):
            decoded = html.unescape(token)
            if decoded != token:
                out.append(decoded)
                cmap.extend([m.start()] * len(decoded))
            else:
                out.append(token)
                cmap.extend(range(m.start(), m.end()))
        pos = m.end()
    out.append(raw[pos:])
    cmap.extend(range(pos, len(raw)))
    cmap.append(len(raw))
    return "".join(out), cmap
