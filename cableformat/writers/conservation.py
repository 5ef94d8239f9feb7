"""Text conservation: are the words of an output the words of the cable, in order?

A *word* is a whitespace-separated token with the punctuation at its edges taken off
(``"(C)"`` -> ``C``, ``"end."`` -> ``end``; tokens of punctuation only are not words), so
that an output may normalise punctuation around a field without failing, while two words
run together (``end.2.`` or ``WASHDCINFO``) still differ from the cable's two words.

The cable's words are those of its text, minus page chrome (``chrome`` and ``metadata``
lines) and minus the page markup the grammar reads through (``<a>`` tags, ``¶`` anchors,
entities): the words a person reading the cable sees.  :func:`compare` says where an output's
word sequence first differs and which words it lost or glued.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from lxml import etree

from cableformat import grammar as g
from cableformat.model import Cable, RawField

#: Line kinds that are not this cable's text: page chrome, and the text of another cable
#: that a page appends (read as a cable of its own).
CHROME_KINDS = frozenset({"chrome", "metadata", "appended"})
# the markup the parser's clean view removes (cableformat.parser.lines): tags, entities, ¶
_MARKUP = g.RE_MARKUP
_WORD = re.compile(r"\w(?:\S*\w)?")
_NON_WORD = re.compile(r"\W+")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f\ufffe\uffff\ud800-\udfff]")
_TEI_NS = "http://www.tei-c.org/ns/1.0"
_TEI_TEXT = "{" + _TEI_NS + "}text"
#: ``@resp`` of what the TEI writer supplies in ``<text>`` (not words of the cable).
SUPPLIED_BY = "#cableformat"
# fields written before a node's ``text``, in reading order (Paragraph, Subject, ClassifiedBy)
_LEAD_FIELDS = ("number", "keyword", "portion", "marker", "run_in")


def clean(text: str) -> str:
    """``text`` with page markup removed and entities decoded (the grammar's clean view)."""
    if ("<" not in text and "&" not in text and "¶" not in text and "\ufeff" not in text
            and "]]" not in text and "[[" not in text):
        return text
    return _MARKUP.sub(_unmark, text)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Where the page markup of ``text`` stands: ``(start, end)`` of each tag or entity."""
    return [m.span() for m in _MARKUP.finditer(text)]


def _unmark(m: re.Match[str]) -> str:
    token = m.group()
    return html.unescape(token) if token.startswith("&") else ""


def words(text: str) -> list[str]:
    """The words of ``text``: whitespace tokens without edge punctuation, in order.

    Control characters that are not whitespace (and that XML cannot hold) are not part of
    a word: ``A\x1bB`` is the word ``AB``.
    """
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return _WORD.findall(text)


def cable_words(cable: Cable) -> list[str]:
    """The words of the cable text a reader sees (no chrome, no page markup)."""
    return cable_words_and_kinds(cable)[0]


def cable_words_and_kinds(cable: Cable) -> tuple[list[str], list[str]]:
    """:func:`cable_words` and, for each word, the kind of the line it stands on."""
    kinds, starts, text = cable.line_kinds, cable.line_starts, cable.text
    ends = [*starts[1:], len(text)]
    out: list[str] = []
    out_kinds: list[str] = []
    for kind, start, end in zip(kinds, starts, ends, strict=False):
        if kind not in CHROME_KINDS:
            found = words(clean(text[start:end]))
            out += found
            out_kinds += [kind] * len(found)
    return out, out_kinds


def tei_text(document: str | bytes | etree._Element) -> str:
    """The plain text of a TEI document's ``<text>`` (XPath ``string()``), after the page's
    lines that the TEI moves out of it as editorial notes about the source.

    Those are the notes ``teiHeader//sourceDesc//note[@subtype='transcribed']`` (partial-
    extract notice, preview, copied record: :data:`cableformat.writers.tei.SOURCE_NOTES`):
    lines of the page, transcribed word for word, that are not part of the transmission.
    They read first, as they stand before the text on the page; only those notes count, so
    a word the TEI loses from ``<text>`` is still lost.  Conversely, what the converter
    supplies in ``<text>`` (elements with ``@resp='#cableformat'``: the FRUS-style dateline
    and source note) is not the cable's and is left out.
    """
    root = _element(document)
    text = root if root.tag == _TEI_TEXT else root.find(_TEI_TEXT)
    notes = [] if root.tag == _TEI_TEXT else root.xpath(
        "t:teiHeader//t:sourceDesc//t:note[@subtype='transcribed']",
        namespaces={"t": _TEI_NS})
    moved = ["".join(note.itertext()) + "\n" for note in notes]
    return "".join(moved) + ("" if text is None else "".join(_transcribed(text)))


def _transcribed(elem: etree._Element) -> list[str]:
    """The text of ``elem`` without the parts the converter supplied (``@resp``)."""
    if elem.get("resp") == SUPPLIED_BY:
        return []
    out = [elem.text or ""]
    for child in elem:
        out += _transcribed(child)
        out.append(child.tail or "")
    return out


def _element(document: str | bytes | etree._Element) -> etree._Element:
    if isinstance(document, etree._Element):
        return document
    data = document.encode("utf-8") if isinstance(document, str) else document
    return etree.fromstring(data, parser=etree.XMLParser(huge_tree=True, no_network=True))


def node_texts(cable: Cable) -> list[tuple[int, int, str]]:
    """The text of every node of the model as ``(start, end, text)``, by position.

    A node with a ``text`` field gives that text after its lead fields (number, keyword,
    portion, marker); any other node its ``raw`` (an address after its FM/TO/INFO keyword,
    which the ``role`` field holds).  Nodes inside a node read as ``raw``
    (the tags of TAGS, say) are left out: their words are already there.
    """
    found: list[tuple[int, int, str, bool]] = []
    for node in (cable.header, cable.body):
        if node is not None:
            _collect(node, found, cable.text)
    for block in cable.blocks:
        _add(block, found, cable.text)
    marks = ({(m.span.start, m.span.end) for m in cable.body.portions}
             if cable.body is not None else set())
    found.sort(key=lambda n: (n[0], -n[1]))
    out: list[tuple[int, int, str]] = []
    raw_end = text_end = -1
    for start, end, text, is_raw in found:
        if end <= raw_end and start < raw_end:
            continue
        if start < text_end and (start, end) in marks:
            continue  # a portion mark inside a paragraph: its portion, or words of its text
        out.append((start, end, text))
        if is_raw:
            raw_end = max(raw_end, end)
        else:
            text_end = max(text_end, end)
    return out


def _collect(node: Any, found: list[tuple[int, int, str, bool]], cable_text: str) -> None:
    for value in node.__dict__.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, RawField):
                    _add(item, found, cable_text)
        elif isinstance(value, RawField):
            _add(value, found, cable_text)


def _add(node: RawField, found: list[tuple[int, int, str, bool]], cable_text: str) -> None:
    values = node.__dict__
    text = values.get("text")
    span = node.span
    if isinstance(text, str):
        lead = [v for f in _LEAD_FIELDS if isinstance(v := values.get(f), str)]
        found.append((span.start, span.end, " ".join([*lead, text]), False))
    else:
        raw = node.raw
        role = values.get("role")  # an address: FM/TO/INFO/XMT is its ``role`` field
        if isinstance(role, str) and not raw.upper().startswith(role.upper()):
            before = cable_text[max(0, span.start - 8) : span.start].split()
            if before and before[-1].upper() == role.upper():
                raw = f"{before[-1]} {raw}"
        found.append((span.start, span.end, raw, True))
    _collect(node, found, cable_text)


def json_words(cable: Cable) -> list[str]:
    """The words of the JSON text nodes (head fields, paragraphs, headings ...) by position."""
    return words(clean(" ".join(text for _s, _e, text in node_texts(cable))))


@dataclass
class Comparison:
    """How an output's words differ from the cable's: first difference, lost, glued words."""

    equal: bool
    first: str = ""
    lost: list[str] = field(default_factory=list)
    glued: list[str] = field(default_factory=list)
    added: int = 0
    lost_at: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no word is lost or glued (words added or moved are tolerated)."""
        return not self.lost and not self.glued


def compare(expected: list[str], got: list[str], *, context: int = 4) -> Comparison:
    """Compare word sequences: the first difference, lost words and glued words.

    A word is *lost* when it is missing from ``got`` and not found elsewhere in it (a moved
    word is not lost); words are *glued* when ``got`` has one word made of several expected
    ones (``end.2`` for ``end.`` ``2``).
    """
    if expected == got:
        return Comparison(True)
    n = 0
    limit = min(len(expected), len(got))
    while n < limit and expected[n] == got[n]:
        n += 1
    first = (f"word {n}: expected {' '.join(expected[n : n + context]) or '(end)'!r}, "
             f"got {' '.join(got[n : n + context]) or '(end)'!r} "
             f"after {' '.join(expected[max(0, n - context) : n])!r}")
    tail = 0
    while (tail < limit - n and expected[len(expected) - 1 - tail] == got[len(got) - 1 - tail]):
        tail += 1
    a = expected[n : len(expected) - tail]
    b = got[n : len(got) - tail]
    deleted: list[int] = []
    inserted: Counter[str] = Counter()
    glued: list[str] = []
    # autojunk: frequent words do not seed matches (fast on long texts) but still extend them
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=True).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and _letters("".join(a[i1:i2])) == _letters("".join(b[j1:j2])):
            if i2 - i1 > j2 - j1:  # fewer words, the same letters: words run together
                glued += [w for w in b[j1:j2] if w not in a[i1:i2]]
            continue  # more words, the same letters: split at punctuation ("1.(U)" -> 1 U)
        deleted += range(n + i1, n + i2)
        inserted.update(b[j1:j2])
    moved = Counter(expected[i] for i in deleted) & inserted
    # the pieces of the other inserted words, split at punctuation (S/NF -> S, NF)
    loose = Counter(p for w, n in (inserted - moved).items() for p in _pieces(w) * n)
    lost_at = []
    for i in deleted:
        word = expected[i]
        if moved[word]:
            moved[word] -= 1
            continue
        # split at punctuation and moved ("2.(S/NF" written as number 2 and portion S/NF)
        pieces = Counter(_pieces(word))
        if len(pieces) > 1 and not pieces - loose:
            loose -= pieces
            continue
        lost_at.append(i)
    return Comparison(False, first, [expected[i] for i in lost_at], glued,
                      len(b) - len(a) + len(lost_at), lost_at)


def _pieces(word: str) -> list[str]:
    """``word`` split at punctuation: ``2.(S/NF`` -> ``2``, ``S``, ``NF``."""
    return _NON_WORD.sub(" ", word).split()


def _letters(text: str) -> str:
    return _NON_WORD.sub("", text)
