"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, Windows-1252 fallback, binary refusal."""

from __future__ import annotations

import codecs

from cableformat.source import ReadError

_BOMS: tuple[tuple[bytes, str, str | None], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "decoded as UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "decoded as UTF-32"),
    (codecs.BOM_UTF8, "utf-8", None),
    (codecs.BOM_UTF16_LE, "utf-16-le", "decoded as UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "decoded as UTF-16"),
)

#: Control bytes that never occur in text (everything below 0x20 but TAB LF VT FF CR ESC).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_SAMPLE = 8192
_CP1252_NOTE = "not valid UTF-8; decoded as Windows-1252"
_LATIN1_NOTE = "not valid UTF-8; decoded as Latin-1"


def decode_bytes(data: bytes, *, lenient: bool = False, name: str = "") -> tuple[str, str | None]:
    """Decode the bytes of an input file; return ``(text, note)``.

    ``note`` is ``None`` for plain UTF-8 (with or without BOM), otherwise a short message
    saying how the bytes were decoded.  Raises :class:`ReadError` ``X001`` for binary data
    (NUL bytes, mostly control bytes) and ``X002`` for empty data, unless ``lenient``: then
    binary data is decoded as UTF-8 with replacement characters and empty data gives ``""``.
    ``name`` only labels the error.
    """
    if not data:
        if lenient:
            return "", None
        raise ReadError(name, "X002", "empty file")
    if data.startswith(codecs.BOM_UTF8):
        # keep the UTF-8 byte order mark as U+FEFF: the text then renders back byte for byte
        # (the parser's clean view of the first line leaves it out)
        try:
            return data.decode("utf-8"), None
        except UnicodeDecodeError:
            return data.decode("utf-8", errors="replace"), "invalid UTF-8; bad bytes replaced"
    for bom, encoding, note in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding), note
            except UnicodeDecodeError:
                text = body.decode(encoding, errors="replace")
                return text, f"invalid {encoding.upper()} after its BOM; bad bytes replaced"
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), "no byte order mark; decoded as UTF-16"
    if _looks_binary(data):
        if lenient:
            return data.decode("utf-8", errors="replace"), "binary data; decoded leniently as UTF-8"
        raise ReadError(name, "X001", "binary file: NUL or control bytes, not text")
    return decode_record(data)


def decode_record(data: bytes) -> tuple[str, str | None]:
    """Decode one record (a CSV row, a JSON line) of a stream: UTF-8, else Windows-1252.

    Never raises: a record is part of a file already accepted as text.
    """
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), _CP1252_NOTE
    except UnicodeDecodeError:
        return data.decode("latin-1"), _LATIN1_NOTE


def _sniff_utf16(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NULs fill one byte of most pairs, else ``None``."""
    if data.find(b"\x00", 0, _SAMPLE) < 0:  # most files: no NUL, no sample copied
        return None
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    """True when ``data`` has a NUL byte or its start is more than 30% control bytes."""
    if b"\x00" in data:
        return True
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > 0.3 * len(sample)
