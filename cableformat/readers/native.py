"""Read this tool's own outputs back: JSON documents, JSON Lines and XML documents.

A document holds the full model of a cable; the reader turns it back into the
:class:`~cableformat.source.Source` the cable was parsed from (its exact text, wrapper
metadata, reader notes and the "line structure lost" flag), so ``validate`` and
``convert`` treat a converted cable exactly as the original input.  Offsets point into
the cable text (the original file's other bytes, e.g. HTML markup, are not kept).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from cableformat.model import Cable
from cableformat.source import ReadError, Source, WrapperMeta

__all__ = ["NATIVE_JSON_MARK", "NATIVE_XML_MARK", "looks_native", "read_native", "to_source"]

#: Substrings that identify a native document in the first bytes of a file.
NATIVE_JSON_MARK = b'"https://cableformat.example.org/schemas/cable/'
NATIVE_XML_MARK = b"urn:cableformat:cable:"
#: Reader notes (``Source.notes`` codes) carried over from the original reading.
_NOTE_CODES = frozenset({"X003", "X004", "X006", "X009", "X011"})


def looks_native(head: bytes) -> str | None:
    """``"cableformat-json"`` or ``"cableformat-xml"`` when ``head`` starts such a document."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:400]
    if start.startswith(b"{") and b'"$schema"' in start and NATIVE_JSON_MARK in start:
        return "cableformat-json"
    if start.startswith(b"<") and NATIVE_XML_MARK in start:
        return "cableformat-xml"
    return None


def to_source(cable: Cable, name: str) -> Source:
    """The source a cable was parsed from, as far as the model keeps it."""
    wrapper = cable.wrapper
    meta = None
    if wrapper is not None:
        meta = WrapperMeta(kind=wrapper.kind, reference_id=wrapper.reference_id,
                           created=wrapper.created_raw, released=wrapper.released,
                           classification=wrapper.classification, origin=wrapper.origin)
    notes = [(s.code, s.message, 0) for s in cable.syntax if s.code in _NOTE_CODES]
    return Source(text=cable.text, name=name, input_format=cable.input_format or "text",
                  wrapper=meta, line_structure_lost=cable.line_structure_lost, notes=notes)


def read_native(text: str, name: str, fmt: str) -> Iterator[Source | ReadError]:
    """The sources of a native document: one per JSON document, JSON line or XML document.

    A record that is not a valid cable document is an ``X013`` error (one per record).
    """
    if fmt == "cableformat-xml":
        from cableformat.writers.xml import from_xml

        try:
            yield to_source(from_xml(text), name)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            # pydantic's ValidationError is a ValueError; a hostile or hand-edited document
            # (an entity left unexpanded, an element missing) breaks the reading elsewhere
            yield ReadError(name, "X013", f"malformed cableformat XML: {_short(exc)}")
        return
    from cableformat.writers.json import from_json

    stripped = text.strip()
    try:  # one (possibly indented) document
        yield to_source(from_json(stripped), name)
        return
    except json.JSONDecodeError:
        pass
    except (ValueError, RecursionError) as exc:
        yield ReadError(name, "X013", f"malformed cableformat JSON: {_short(exc)}")
        return
    for number, line in enumerate(text.split("\n"), 1):  # JSON Lines (not splitlines: U+2028)
        if not line.strip():
            continue
        label = f"{name}:{number}"
        try:
            source = to_source(from_json(line), label)
        except (ValueError, RecursionError) as exc:
            yield ReadError(label, "X013", f"malformed cableformat JSON record: {_short(exc)}")
            continue
        yield source


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
