"""Plain text: a cable rendered back to the exact text it was parsed from.

For a text input that is the input file itself (wrapper lines included); for an HTML page
it is the cable text of the ``<pre>`` blocks; for a CSV row or JSON record, the cable text
the reader built.  :func:`text_bytes` re-encodes with the input's own encoding when the
reader recorded one (an ``X009`` note: Windows-1252 or Latin-1), so a text file comes back
byte for byte.
"""

from __future__ import annotations

from cableformat.model import Cable

_ENCODINGS = (("decoded as Windows-1252", "cp1252"), ("decoded as Latin-1", "latin-1"))


def to_text(cable: Cable) -> str:
    """The cable text, exactly as parsed."""
    return cable.text


def source_encoding(cable: Cable) -> str:
    """The encoding the input was decoded from (``utf-8`` unless a reader noted another)."""
    for issue in cable.syntax:
        if issue.code == "X009":
            for phrase, encoding in _ENCODINGS:
                if phrase in issue.message:
                    return encoding
    return "utf-8"


def text_bytes(cable: Cable) -> bytes:
    """The cable text encoded as its input was (lone surrogates kept as their bytes)."""
    encoding = source_encoding(cable)
    try:
        return cable.text.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        return cable.text.encode("utf-8", "surrogateescape")
