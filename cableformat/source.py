"""What readers hand to the parser: cable text, where it came from, and how to map it back.

A :class:`Source` is the contract between the readers (formats in) and the parser.  Its
``text`` is the cable text the parser sees.  For a plain text file that is the file itself;
for a WikiLeaks HTML page it is the decoded content of the ``<pre>`` blocks; for a CSV row it
is the header and body columns.  ``offsets`` maps every offset of ``text`` back to an offset of
the input file's own text, so diagnostics point at lines and columns of the file the user has.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate


class LineIndex:
    """Converts character offsets of one text into 1-based (line, column) pairs.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; columns count code points.
    """

    __slots__ = ("_backwards", "_cr", "_last", "_len", "_starts", "_text")

    #: Locates that go backwards before the table of line starts is built.  Until then a
    #: locate counts line breaks from the previous one: diagnostics come sorted, so the few
    #: of a cable in a file of thousands of lines (an HTML page) cost one scan of the file.
    BACKWARD_LOCATES = 16

    def __init__(self, text: str) -> None:
        self._text = text
        self._len = len(text)
        self._cr = "\r" in text  # looked up once: every locate needs to know
        self._backwards = 0
        self._last = (0, 1)
        self._starts: list[int] | None = None

    def _table(self) -> list[int]:
        if self._starts is None:
            text = self._text
            # cumulative line lengths by C-level split/accumulate (no per-line find)
            parts = text.split("\n")
            starts = [c + i for i, c in enumerate(accumulate(map(len, parts), initial=0))]
            starts[-1:] = []  # the entry after the last part is the end of the text
            if "\r" in text:
                starts = _with_lone_cr(text, starts)
            self._starts = starts
        return self._starts

    @property
    def line_count(self) -> int:
        """Number of lines (a final line without terminator counts)."""
        return len(self._table())

    def locate(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, self._len))
        if self._starts is None and self._backwards < self.BACKWARD_LOCATES:
            text = self._text
            base, line = self._last
            if offset < base:
                self._backwards += 1
                base, line = 0, 1
            # A line starts after every terminator at base..offset-1 (as in the table: after
            # each \n, and after each \r not followed by \n).
            breaks = text.count("\n", base, offset)
            start = text.rfind("\n", 0, offset)
            if self._cr:
                breaks += text.count("\r", base, offset) - text.count("\r\n", base, offset)
                cr = text.rfind("\r", 0, offset)
                if 0 < offset < self._len and cr == offset - 1 and text[offset] == "\n":
                    # the \r of a \r\n pair whose \n is at offset: no break (yet); any
                    # earlier \r is lone, since no \n stands between it and offset
                    if base < offset:
                        breaks -= 1
                    cr = text.rfind("\r", 0, cr)
                start = max(start, cr)
            line += breaks
            self._last = (offset, line)
            return line, offset - start
        starts = self._table()
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        starts = self._table()
        return starts[max(0, min(line - 1, len(starts) - 1))]


def _with_lone_cr(text: str, starts: list[int]) -> list[int]:
    """Add line starts after every ``\\r`` not followed by ``\\n``."""
    extra = []
    pos = text.find("\r")
    while pos != -1:
        if pos + 1 >= len(text) or text[pos + 1] != "\n":
            extra.append(pos + 1)
        pos = text.find("\r", pos + 1)
    return sorted(set(starts).union(extra))


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Piecewise map from offsets in extracted text to offsets in the file text.

    Segment ``i`` starts at ``text_starts[i]`` in the extracted text and at ``file_starts[i]``
    in the file.  Its kind (``literal[i]``) says how it maps: ``1`` (literal) character for
    character; ``0`` (a decoded entity, a joined line) every character to the segment's file
    start; ``2`` (a newline run) character for character, except that every ``\n`` of
    ``text`` stood for the 8-character entity ``&#x000A;`` in the file.
    """

    text_starts: tuple[int, ...]
    file_starts: tuple[int, ...]
    literal: tuple[int, ...]
    text: str = ""

    def to_file(self, offset: int) -> int:
        """Map an offset of the extracted text to an offset of the file text."""
        i = bisect_right(self.text_starts, offset) - 1
        if i < 0:
            return self.file_starts[0] if self.file_starts else offset
        kind = self.literal[i]
        if kind == 1:
            return self.file_starts[i] + (offset - self.text_starts[i])
        if kind == 2:
            start = self.text_starts[i]
            newlines = self.text.count("\n", start, offset)
            return self.file_starts[i] + (offset - start) + 7 * newlines
        return self.file_starts[i]


class OffsetMapBuilder:
    """Accumulates segments of an :class:`OffsetMap` while a reader extracts text."""

    __slots__ = ("_file", "_lit", "_text", "length")

    def __init__(self) -> None:
        self._text: list[int] = []
        self._file: list[int] = []
        self._lit: list[int] = []
        self.length = 0

    def literal(self, file_start: int, length: int) -> None:
        """Record ``length`` characters copied verbatim from ``file_start``."""
        if length <= 0:
            return
        if self._lit and self._lit[-1] == 1:
            prev_len = self.length - self._text[-1]
            if self._file[-1] + prev_len == file_start:
                self.length += length
                return
        self._push(file_start, 1)
        self.length += length

    def newline_run(self, file_start: int, length: int) -> None:
        """Record ``length`` characters copied from ``file_start`` where every newline was
        written ``&#x000A;`` in the file (the WikiLeaks ``<pre>`` convention)."""
        if length <= 0:
            return
        self._text.append(self.length)
        self._file.append(file_start)
        self._lit.append(2)
        self.length += length

    def replaced(self, file_start: int, length: int) -> None:
        """Record ``length`` characters that stand for the markup at ``file_start``."""
        if length <= 0:
            return
        self._push(file_start, 0)
        self.length += length

    def _push(self, file_start: int, literal: int) -> None:
        self._text.append(self.length)
        self._file.append(file_start)
        self._lit.append(literal)

    def build(self, text: str = "") -> OffsetMap:
        """Freeze the recorded segments (``text``: the extracted text, for newline runs)."""
        return OffsetMap(tuple(self._text), tuple(self._file), tuple(self._lit), text)


@dataclass(frozen=True, slots=True)
class WrapperMeta:
    """Metadata carried by a wrapper (WikiLeaks table, CSV columns), never by the cable.

    Values are kept as written; ``spans`` maps a field name to its (start, end) offsets in
    the file text, so a disagreement can be reported where the wrapper says it.
    """

    kind: str
    reference_id: str | None = None
    created: str | None = None
    released: str | None = None
    classification: str | None = None
    origin: str | None = None
    references: str | None = None
    record_id: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Source:
    """One cable's text as a reader found it, ready for :func:`cableformat.parse`.

    ``file_text`` is the whole decoded input file (or ``text`` itself when the file is the
    cable); ``offsets`` maps ``text`` offsets into ``file_text`` (``None`` = identity, plus
    ``base_offset``).  ``notes`` are reader findings (``(code, message, file_offset)``) such as
    "line structure lost" that become diagnostics of the cable.
    """

    text: str
    name: str
    input_format: str
    wrapper: WrapperMeta | None = None
    file_text: str | None = None
    offsets: OffsetMap | None = None
    base_offset: int = 0
    line_structure_lost: bool = False
    body_start: int | None = None
    """Offset in ``text`` where the wrapper's body part begins (second ``<pre>``, CSV body
    column), when the wrapper keeps header and body apart; ``None`` when unknown."""
    notes: list[tuple[str, str, int]] = field(default_factory=list)
    #: Lines of the input file before ``file_text`` (a CSV row or JSON line of a big file
    #: carries only its own record as ``file_text``); added to every located line.
    line_offset: int = 0
    #: Reference ID of a cable appended after this one on the same page (cut off into a
    #: source of its own by :func:`cableformat.parser.kinds.split_page`).
    appended_id: str | None = None
    #: Reference ID (or banner office and serial) of the cable this one was appended to.
    appended_to: str | None = None
    _index: LineIndex | None = None

    def file_offset(self, offset: int) -> int:
        """Offset in the input file of ``offset`` in :attr:`text`."""
        if self.offsets is not None:
            return self.offsets.to_file(offset)
        return self.base_offset + offset

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the input file of ``offset`` in :attr:`text`."""
        return self.locate_file(self.file_offset(offset))

    def locate_all(self, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
        """:meth:`locate` of each of ``offsets``, keyed by offset (in the order given).

        They are located in ascending file order, so the line index counts line breaks in
        one forward pass over the file, whatever the order of the offsets.
        """
        in_file = {offset: self.file_offset(offset) for offset in offsets}
        found = {at: self.locate_file(at) for at in sorted(set(in_file.values()))}
        return {offset: found[at] for offset, at in in_file.items()}

    def locate_file(self, file_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset of the input file's text."""
        if self._index is None:
            self._index = LineIndex(self.file_text if self.file_text is not None else self.text)
        line, column = self._index.locate(file_offset)
        return line + self.line_offset, column

    def line_around(self, offset: int) -> str:
        """The input-file line holding ``offset`` of :attr:`text`, without its terminator.

        Found with ``rfind``/``find`` around the offset: no table of lines is built, which
        matters for a few diagnostics in a file of thousands of lines (an HTML page).
        """
        text = self.file_text if self.file_text is not None else self.text
        at = min(max(self.file_offset(offset), 0), len(text))
        if 0 < at < len(text) and text[at] == "\n" and text[at - 1] == "\r":
            at -= 1  # the LF of a CRLF belongs to the line the pair ends
        start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
        return text[start : _line_end(text, at)]

    def cable_line_window(
        self, offset: int, before: int = 200, after: int = 400
    ) -> tuple[int, int, str]:
        """The cable line holding ``offset`` of :attr:`text` (decoded, as the parser sees it):
        ``(1-based cable line number, offset of the kept part, kept part)``; at most
        ``before``/``after`` characters are kept around ``offset``."""
        text = self.text
        at = min(max(offset, 0), len(text))
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if end > start and text[end - 1] == "\r":
            end -= 1
        lo, hi = max(start, at - before), min(end, at + after)
        return text.count("\n", 0, start) + 1, lo, text[lo:hi]

    def file_line(self, line: int) -> str:
        """The text of 1-based ``line`` of the input file, without its terminator."""
        text = self.file_text if self.file_text is not None else self.text
        if self._index is None:
            self._index = LineIndex(text)
        start = self._index.line_start(line - self.line_offset)
        return text[start : _line_end(text, start)]


def _line_end(text: str, at: int) -> int:
    """Offset of the first line break (CR or LF) at or after ``at``; the end if none."""
    end = len(text)
    for terminator in ("\n", "\r"):
        found = text.find(terminator, at, end)
        if found != -1:
            end = found
    return end


class ReadError(Exception):
    """An input could not be read as cables (binary, wrong encoding, not a cable...)."""

    def __init__(self, name: str, code: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.code = code
        self.message = message
