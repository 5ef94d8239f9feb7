"""Text blocks: the stretches of a cable's text that no field node holds.

After the header and body are parsed, every line that no node's span reaches (unnumbered
text, wrapper and preview lines, notes, trailers, a head line repeated later ...) and every
stray line (a SIPDIS inside the text) is gathered into :class:`~cableformat.model.TextBlock`
nodes, one per run of lines of the same kind.  With them, every word of the cable belongs to
a node of the model, and a writer that renders the nodes renders the whole cable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from cableformat.grammar import without_markup
from cableformat.model import Body, Header, RawField, TextBlock
from cableformat.parser.lines import Doc

NOT_TEXT: Final = frozenset({"blank", "chrome", "metadata", "appended"})
"""Line kinds that hold no cable text (page chrome, another cable's text)."""
ALWAYS_BLOCKS: Final = frozenset({"stray", "distribution"})
"""Line kinds that no node holds even where a paragraph's span covers them."""
NOISE_KINDS: Final = frozenset({"page", "continuation"})
"""Line kinds with a node of their own, but for repeated classification lines (``page``)."""


MARKS: Final = frozenset({"markers", "portions"})
"""Body fields that mark words inside other text (SUMMARY, (C)): they hold no line."""


def _spans(node: Any) -> Iterable[tuple[int, int]]:
    """``(start, end)`` of every node held by ``node`` (one level: fields and lists)."""
    for name, value in node.__dict__.items():
        if name in MARKS:
            continue
        if isinstance(value, RawField):
            yield value.span.start, value.span.end
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, RawField):
                    yield item.span.start, item.span.end


def text_blocks(doc: Doc, header: Header | None, body: Body) -> list[TextBlock]:
    """The text blocks of a parsed cable, in text order.

    A line no node reaches is a block line; on a line that nodes only partly hold, the text
    before the first node and after the last one (``Cable dated:...`` before a banner, a
    date after a signature) is a block of its own.
    """
    count = doc.count
    # 1: a node starts or ends on the line; 2: a node covers the line's start (it began on an
    # earlier line); 4: a node covers the line's end (it goes on to a later line)
    held = bytearray(count)
    first_at = [-1] * count  # where the first node starting on the line starts
    last_at = [-1] * count  # where the last node ending on the line ends
    for node in (header, body):
        if node is None:
            continue
        for start, end in _spans(node):
            first = doc.line_of(start)
            last = doc.line_of(max(start, end - 1))
            held[first] |= 1
            held[last] |= 1
            if first_at[first] < 0 or start < first_at[first]:
                first_at[first] = start
            if end > last_at[last]:
                last_at[last] = end
            for j in range(first + 1, last + 1):
                held[j] |= 2
            for j in range(first, last):
                held[j] |= 4
    clean = doc.clean
    blocks: list[TextBlock] = []
    run: list[int] = []
    run_kind = ""
    for i, kind in enumerate(doc.kinds):
        if kind in NOT_TEXT:
            if run:
                blocks.append(_block(doc, run))
                run = []
            continue
        h = held[i]
        if h and kind not in ALWAYS_BLOCKS and not (kind in NOISE_KINDS and first_at[i] < 0):
            if run:
                blocks.append(_block(doc, run))
                run = []
            if h & 6 != 6:  # text before the first node or after the last one on the line?
                _edges(doc, i, -1 if h & 2 else first_at[i], -1 if h & 4 else last_at[i],
                       blocks)
            continue
        if not clean[i].strip():
            continue
        if run and kind != run_kind:
            blocks.append(_block(doc, run))
            run = []
        run.append(i)
        run_kind = kind
    if run:
        blocks.append(_block(doc, run))
    return blocks


def _edges(doc: Doc, i: int, first: int, last: int, blocks: list[TextBlock]) -> None:
    """Blocks for the text of line ``i`` before offset ``first`` and after ``last``."""
    line_start, line_end = doc.starts[i], doc.content_end[i]
    text = doc.text
    for a, b in ((line_start, first), (last, line_end)):
        if a < 0 or b <= a or not without_markup(text[a:b]).strip():
            continue
        words = " ".join(without_markup(text[a:b]).split())
        if not any(ch.isalnum() for ch in words):
            continue  # a heading's ----- rule, a full stop: no words
        lead = len(text[a:b]) - len(text[a:b].lstrip())
        blocks.append(doc.field_on(TextBlock, i, a + lead, b, kind="part", text=words))


def _block(doc: Doc, lines: list[int]) -> TextBlock:
    first, last = lines[0], lines[-1]
    lead = len(doc.clean[first]) - len(doc.clean[first].lstrip())
    start = doc.offset(first, lead)
    end = doc.content_end[last]
    text = " ".join(" ".join(doc.clean[i] for i in lines).split())
    return doc.field_on(TextBlock, first, start, max(start, end), kind=doc.kinds[first],
                        text=text)
