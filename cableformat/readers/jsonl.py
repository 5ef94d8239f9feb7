"""MongoDB exports of cables: one JSON object per line, newlines stripped from the text.

Records look like ``{ "_id" : "...", "origin" : "...", "date_time" : "...",
"classification" : "...", "body" : "..." }`` (some exports add ``header`` and
``reference_id``).  The files named ``*~`` are not valid JSON because mongo wrote ``\\'`` for
an apostrophe, and one of them has junk after its last object; both are tolerated, as are
mongo-shell wrappers such as ``ObjectId("...")``.  Anything else that does not parse gives a
:class:`ReadError` ``X010`` for that line, and reading goes on.

Each line is scanned by a small flat-object scanner (not :mod:`json`) so that every character
of the cable text maps back to its place in the line, escapes included.

``_id``: in the exports without a ``reference_id`` field, ``_id`` holds the cable's
*references* (``""``, ``A|B``, or one ID that the body cites in its REF line), not the
cable's own ID, so it is kept as ``record_id`` only; ``reference_id`` comes from an explicit
``reference_id`` field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from cableformat.readers.decode import decode_record
from cableformat.source import OffsetMapBuilder, ReadError, Source, WrapperMeta

_WS = re.compile(r"[ \t\r\n\ufeff]*")
_STR_RUN = re.compile(r'[^"\\]*')
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WORD = re.compile(r"true\b|false\b|null\b|[A-Za-z_][A-Za-z0-9_]*")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_SIMPLE_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_WORDS = {"true": True, "false": False, "null": None}
_DECODER = json.JSONDecoder()

LOST_NOTE = "line structure lost: newlines were stripped in this export"
_FIELDS = {
    "_id": "record_id",
    "reference_id": "reference_id",
    "date_time": "created",
    "origin": "origin",
    "classification": "classification",
}


class _BadRecordError(Exception):
    """A line that is not a JSON object we can read; ``pos`` is the offset in the line."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


def iter_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Split a stream of byte chunks into lines (without ``\\n``), holding one line at a time."""
    pending: list[bytes] = []
    for chunk in chunks:
        start = 0
        while True:
            i = chunk.find(b"\n", start)
            if i < 0:
                if start < len(chunk):
                    pending.append(chunk[start:])
                break
            pending.append(chunk[start:i])
            yield b"".join(pending)
            pending = []
            start = i + 1
    if pending:
        yield b"".join(pending)


def read_jsonl(chunks: Iterable[bytes], name: str) -> Iterator[Source | ReadError]:
    """Yield a :class:`Source` per JSON line of a mongo export (``X010`` error per bad line)."""
    for number, raw in enumerate(iter_lines(chunks), start=1):
        if not raw.strip():
            continue
        line, note = decode_record(raw)
        try:
            yield _record(line, name, number, note)
        except _BadRecordError as bad:
            yield ReadError(
                name, "X013", f"line {number}, column {bad.pos + 1}: malformed JSON record: {bad}"
            )
        except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, deep nesting
            message = " ".join(str(exc).split())[:120]
            yield ReadError(name, "X013", f"line {number}: malformed JSON record: {message}")


def _record(line: str, name: str, number: int, note: str | None) -> Source:
    """Build the :class:`Source` of one JSON line."""
    values, strings, trailing = _scan_object(line)
    body = strings.get("body")
    if body is None:
        raise _BadRecordError('no "body" string: not a cable record', 0)
    notes: list[tuple[str, str, int]] = []
    if note:
        notes.append(("X009", note, 0))
    if trailing is not None:
        notes.append(("X011", "characters after the JSON object ignored", trailing))
    out: list[str] = []
    builder = OffsetMapBuilder()
    header = strings.get("header")
    if header is not None:
        _decode_string(line, header[0], out, builder, notes)
        if builder.length and not out[-1].endswith("\n"):
            out.append("\n")
            builder.replaced(header[1], 1)
    body_start = builder.length
    _decode_string(line, body[0], out, builder, notes)
    text = "".join(out)
    lost = len(text) > body_start and "\n" not in text[body_start:]
    if lost:
        notes.append(("X006", LOST_NOTE, body[0]))
    meta: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for key, field in _FIELDS.items():
        value = values.get(key)
        if isinstance(value, str) and value:
            meta[field] = value
            if key in strings:
                spans[field] = strings[key]
    return Source(
        text=text,
        name=name,
        input_format="mongo-json",
        wrapper=WrapperMeta(kind="mongo-json", spans=spans, **meta),
        file_text=line,
        offsets=builder.build(),
        line_structure_lost=lost,
        notes=notes,
        line_offset=number - 1,
        body_start=body_start if header is not None else None,
    )


def _scan_object(line: str) -> tuple[dict[str, object], dict[str, tuple[int, int]], int | None]:
    """Scan a flat object: values, the raw (start, end) of each string value, trailing junk."""
    values: dict[str, object] = {}
    strings: dict[str, tuple[int, int]] = {}
    p = _WS.match(line).end()
    if not line.startswith("{", p):
        raise _BadRecordError("expected '{'", p)
    p = _WS.match(line, p + 1).end()
    if line.startswith("}", p):
        p += 1
    else:
        while True:
            if not line.startswith('"', p):
                raise _BadRecordError("expected a quoted key", p)
            key, p = _plain_string(line, p + 1)
            p = _WS.match(line, p).end()
            if not line.startswith(":", p):
                raise _BadRecordError("expected ':'", p)
            p = _WS.match(line, p + 1).end()
            value, span, p = _value(line, p)
            values[key] = value
            if span is not None:
                strings[key] = span
            p = _WS.match(line, p).end()
            if line.startswith(",", p):
                p = _WS.match(line, p + 1).end()
                continue
            if line.startswith("}", p):
                p += 1
                break
            raise _BadRecordError("expected ',' or '}'", p)
    rest = _WS.match(line, p).end()
    return values, strings, (rest if rest < len(line) else None)


def _value(line: str, p: int, wrapped: bool = False) -> tuple[object, tuple[int, int] | None, int]:
    """One value at ``p``: (value, raw span of a string's content or None, end)."""
    if line.startswith('"', p):
        value, end = _plain_string(line, p + 1)
        return value, (p + 1, end - 1), end
    m = _NUMBER.match(line, p)
    if m is not None:
        number = m.group()
        value = float(number) if any(c in number for c in ".eE") else int(number)
        return value, None, m.end()
    m = _WORD.match(line, p)
    if m is not None:
        word = m.group()
        if word in _WORDS:
            return _WORDS[word], None, m.end()
        q = _WS.match(line, m.end()).end()  # mongo shell: ObjectId("..."), ISODate("...")
        if not wrapped and line.startswith("(", q):
            q = _WS.match(line, q + 1).end()
            if line.startswith(")", q):
                return None, None, q + 1
            value, span, q = _value(line, q, wrapped=True)
            q = _WS.match(line, q).end()
            if line.startswith(")", q):
                return value, span, q + 1
        raise _BadRecordError(f"unexpected {word!r}", p)
    if line.startswith(("{", "["), p):
        try:
            value, end = _DECODER.raw_decode(line, p)
        except json.JSONDecodeError as err:
            raise _BadRecordError(err.msg, err.pos) from None
        except RecursionError:
            raise _BadRecordError("too deeply nested", p) from None
        return value, None, end
    raise _BadRecordError("expected a value", p)


def _plain_string(line: str, p: int) -> tuple[str, int]:
    """Decode the string whose content starts at ``p``; return it and the end after its quote."""
    out: list[str] = []
    end = _decode_string(line, p, out, None, None)
    return "".join(out), end


def _decode_string(
    line: str,
    p: int,
    out: list[str],
    builder: OffsetMapBuilder | None,
    notes: list[tuple[str, str, int]] | None,
) -> int:
    """Append the decoded string starting at ``p`` to ``out``; return the end after its quote.

    JSON escapes and mongo's ``\\'`` are decoded; an escaped character maps to itself when it
    is one (``\\"`` to the quote), else to its backslash.
    """
    n = len(line)
    while True:
        e = _STR_RUN.match(line, p).end()
        if e > p:
            out.append(line[p:e])
            if builder is not None:
                builder.literal(p, e - p)
        if e >= n:
            raise _BadRecordError("unterminated string", p)
        if line[e] == '"':
            return e + 1
        c = line[e + 1 : e + 2]
        if c and c in "\"\\/'":
            out.append(c)
            if builder is not None:
                builder.literal(e + 1, 1)
            p = e + 2
        elif c and c in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[c])
            if builder is not None:
                builder.replaced(e, 1)
            p = e + 2
        elif c == "u":
            char, p = _unicode_escape(line, e)
            out.append(char)
            if builder is not None:
                builder.replaced(e, 1)
        elif not c:
            raise _BadRecordError("unterminated string", e)
        else:  # an invalid escape such as "\x": keep the character, drop the backslash
            out.append(c)
            if builder is not None:
                builder.literal(e + 1, 1)
            if notes is not None:
                notes.append(("X011", f"invalid JSON escape '\\{c}' read as '{c}'", e))
            p = e + 2


def _unicode_escape(line: str, e: int) -> tuple[str, int]:
    """Decode ``\\uXXXX`` (and a following low surrogate) at ``e``: (character, end)."""
    if _HEX4.match(line, e + 2) is None:
        raise _BadRecordError("invalid \\u escape", e)
    cp = int(line[e + 2 : e + 6], 16)
    end = e + 6
    if (
        0xD800 <= cp < 0xDC00
        and line.startswith("\\u", end)
        and _HEX4.match(line, end + 2) is not None
    ):
        low = int(line[end + 2 : end + 6], 16)
        if 0xDC00 <= low < 0xE000:
            return chr(0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00)), end + 6
    if 0xD800 <= cp < 0xE000:
        return "\ufffd", end
    return chr(cp), end
