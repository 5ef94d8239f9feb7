"""The full-release ``cables.csv``: a streaming reader for its backslash-escaped CSV dialect.

Rows have no header line and 8 quoted columns (id, created, reference id, origin,
classification, references, header, body); fields span lines; a quote, an apostrophe or a
backslash inside a field is escaped with a backslash (``\\"``, ``\\'``, ``\\\\``), never by
doubling.  Lines end with LF or CRLF.

The file is tokenized in chunks (bytes; the structural characters are ASCII), so memory stays
flat for a 1.7 GB file: a row is held only while it is being read.  Each row's ``Source``
carries the raw text of that row as ``file_text`` and the number of lines before it as
``line_offset``, so located positions are lines and columns of the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from cableformat.readers.decode import decode_record
from cableformat.source import OffsetMapBuilder, ReadError, Source, WrapperMeta

CHUNK_SIZE = 1 << 20
COLUMNS = ("record_id", "created", "reference_id", "origin", "classification", "references")
_N_COLUMNS = 8
_ESCAPED = re.compile(r"""\\(["'\\])""")

T = TypeVar("T", str, bytes)


@dataclass(frozen=True, slots=True)
class _Syntax(Generic[T]):
    """The dialect's structural characters as ``str`` or ``bytes`` (the scanner serves both)."""

    quote: T
    backslash: T
    comma: T
    cr: T
    lf: T
    crlf: T
    unquoted_end: re.Pattern[T]


_BYTES = _Syntax(
    b'"', b"\\", b",", b"\r", b"\n", b"\r\n", re.compile(rb"[,\r\n]")
)
_STR = _Syntax(
    '"', "\\", ",", "\r", "\n", "\r\n", re.compile(r"[,\r\n]")
)


@dataclass(slots=True)
class _Record:
    """One row found by :func:`_scan`: offsets into the scanned buffer."""

    start: int
    end: int  # end of the row's content (its line terminator excluded)
    next: int  # start of the next row
    fields: list[tuple[int, int, bool]]  # (content start, content end, quoted)
    stray_quotes: list[int]
    error: str | None = None


def _scan(buf: T, start: int, eof: bool, syn: _Syntax[T]) -> _Record | None:
    """Tokenize the row starting at ``buf[start]``; ``None`` when more data is needed."""
    n = len(buf)
    p = start
    fields: list[tuple[int, int, bool]] = []
    stray: list[int] = []
    after_comma = False
    while True:
        if p >= n:
            if not eof:
                return None
            if after_comma:
                fields.append((p, p, False))
            return _Record(start, n, n, fields, stray)
        if buf[p : p + 1] == syn.quote:
            q = p + 1
            while True:
                i = _next_quote(buf, q, syn)
                if i < 0:  # the data ends inside the field
                    if not eof:
                        return None
                    fields.append((p + 1, n, True))
                    return _Record(start, n, n, fields, stray, "end of file inside a quoted field")
                if i + 1 >= n:  # the quote is the last character read
                    if not eof:
                        return None
                    break
                follower = buf[i + 1 : i + 2]
                if follower in (syn.comma, syn.cr, syn.lf):
                    break
                stray.append(i)  # an unescaped quote inside the field: taken literally
                q = i + 1
            fields.append((p + 1, i, True))
            p = i + 1
        else:
            m = syn.unquoted_end.search(buf, p)
            if m is None:
                if not eof:
                    return None
                fields.append((p, n, False))
                p = n
                after_comma = False
                continue
            fields.append((p, m.start(), False))
            p = m.start()
        if p >= n:
            after_comma = False
            continue
        c = buf[p : p + 1]
        if c == syn.comma:
            p += 1
            after_comma = True
            continue
        if c == syn.cr:
            if p + 1 >= n and not eof:
                return None
            term = 2 if buf[p + 1 : p + 2] == syn.lf else 1
            return _Record(start, p, p + term, fields, stray)
        return _Record(start, p, p + 1, fields, stray)  # LF


def _next_quote(buf: T, q: int, syn: _Syntax[T]) -> int:
    """Index of the first quote at or after ``q`` that no backslash escapes, or -1.

    ``find`` (memchr) for the quote, then for a backslash before it: one step per escape,
    where a character-class scan would go one character at a time.
    """
    quote, backslash = syn.quote, syn.backslash
    at = buf.find(quote, q)
    while at >= 0:
        b = buf.find(backslash, q, at)
        if b < 0:
            return at
        q = b + 2  # the escaped character is skipped
        if q > at:  # it was this quote
            at = buf.find(quote, q)
    return -1


def _line_breaks(data: bytes) -> int:
    """Line breaks in ``data`` as :class:`~cableformat.source.LineIndex` counts them."""
    lf = data.count(b"\n")
    if b"\r" not in data:
        return lf
    return lf + data.count(b"\r") - data.count(b"\r\n")


@dataclass(slots=True)
class CsvRow:
    """A row found in the file but not yet decoded: raw bytes and field offsets into them.

    A parallel run's parent only finds the rows and hands these to the workers, which
    decode them with :meth:`resolve`: cheaper to send than a :class:`Source`, and the
    decoding is done on all cores.
    """

    raw: bytes
    fields: list[tuple[int, int, bool]]  # (content start, content end, quoted) in ``raw``
    stray_quotes: list[int]
    error: str | None
    name: str
    line: int  # line of the file the row starts on

    def resolve(self) -> Source | ReadError:
        """The row's :class:`Source`, or an ``X005`` error for a malformed row."""
        return _row_source(self)


def _byte_chunks(stream: object, first: bytes = b"") -> Iterator[bytes]:
    """Chunks of a binary or text file object (text is re-encoded as UTF-8)."""
    if first:
        yield first
    read = stream.read  # type: ignore[attr-defined]
    while True:
        chunk = read(CHUNK_SIZE)
        if not chunk:
            return
        yield chunk.encode("utf-8", "surrogatepass") if isinstance(chunk, str) else chunk


def read_csv(
    chunks: Iterable[bytes], name: str, *, deferred: bool = False
) -> Iterator[Source | ReadError | CsvRow]:
    """Yield a :class:`Source` per row of a ``cables.csv`` stream (``X005`` error per bad row).

    ``chunks`` are successive pieces of the file's bytes; rows are yielded as soon as they
    are complete, so the whole file is never held in memory.  ``deferred`` yields each row
    as a :class:`CsvRow`, to be decoded later (by a worker process).
    """
    it = iter(chunks)
    buf = b""
    pos = 0
    eof = False
    line = 1
    while True:
        rec = _scan(buf, pos, eof, _BYTES) if (pos < len(buf) or not eof) else None
        if rec is None:
            if eof:
                return
            buf = buf[pos:]
            pos = 0
            more = [buf]
            # Double the unfinished row's buffer before scanning it again: linear overall.
            wanted, have = max(2 * len(buf), 1), len(buf)
            while have < wanted:
                chunk = next(it, None)
                if chunk is None:
                    eof = True
                    break
                more.append(chunk)
                have += len(chunk)
            buf = b"".join(more)
            continue
        base = rec.start
        pos = rec.next
        row_line = line
        line += _line_breaks(buf[base : rec.next])
        if len(rec.fields) == 1 and rec.fields[0][0] == rec.fields[0][1] and not rec.fields[0][2]:
            continue  # a blank line between rows
        row = CsvRow(
            buf[base : rec.end],
            [(a - base, b - base, q) for a, b, q in rec.fields],
            [i - base for i in rec.stray_quotes],
            rec.error,
            name,
            row_line,
        )
        yield row if deferred else _row_source(row)


def _row_source(row: CsvRow) -> Source | ReadError:
    """Turn one tokenized row into a :class:`Source` (or a ``ReadError`` for a bad row)."""
    name, line, raw = row.name, row.line, row.raw
    if row.error is not None:
        return ReadError(name, "X005", f"line {line}: malformed CSV row: {row.error}")
    if len(row.fields) != _N_COLUMNS:
        return ReadError(
            name, "X005", f"line {line}: malformed CSV row: {len(row.fields)} columns, expected 8"
        )
    text, note = decode_record(raw)
    if len(text) == len(raw):  # ASCII, or one character per byte: byte offsets are offsets
        fields, stray = row.fields, row.stray_quotes
    else:
        again = _scan(text, 0, True, _STR)
        assert again is not None
        fields, stray = again.fields, again.stray_quotes
    notes: list[tuple[str, str, int]] = []
    if note:
        notes.append(("X009", note, 0))
    notes.extend(
        ("X011", "unescaped quote inside a quoted CSV field taken literally", s) for s in stray
    )
    values: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for column, (s, e, _q) in zip(COLUMNS, fields, strict=False):
        if e > s:
            values[column] = _ESCAPED.sub(r"\1", text[s:e])
            spans[column] = (s, e)
    out: list[str] = []
    builder = OffsetMapBuilder()
    hs, he, _ = fields[6]
    _unescape(text, hs, he, out, builder)
    if builder.length and not out[-1].endswith("\n"):
        out.append("\n")
        builder.replaced(he, 1)
    body_start = builder.length
    bs, be, _ = fields[7]
    _unescape(text, bs, be, out, builder)
    return Source(
        text="".join(out),
        name=name,
        input_format="csv",
        wrapper=WrapperMeta(kind="csv", spans=spans, **values),
        file_text=text,
        offsets=builder.build(),
        notes=notes,
        line_offset=line - 1,
        body_start=body_start if body_start else None,
    )


def _unescape(text: str, start: int, end: int, out: list[str], builder: OffsetMapBuilder) -> None:
    """Append ``text[start:end]`` with ``\\"``, ``\\'`` and ``\\\\`` unescaped."""
    pos = start
    while True:
        i = text.find("\\", pos, end)
        if i < 0 or i + 1 >= end:
            break
        if text[i + 1] in "\"'\\":
            if i > pos:
                out.append(text[pos:i])
                builder.literal(pos, i - pos)
            out.append(text[i + 1])
            builder.literal(i + 1, 1)
            pos = i + 2
        else:
            i += 1
            out.append(text[pos:i])
            builder.literal(pos, i - pos)
            pos = i
    if end > pos:
        out.append(text[pos:end])
        builder.literal(pos, end - pos)
