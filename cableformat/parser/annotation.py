"""Annotated excerpts: a named-entity list standing before the cable text.

Research corpora of 1970s cables (HistoryLab's NER training set) give each cable body as a
numbered list of the entities it names, each with its type (``3. GREGORY SCHARF   PER.IND``),
a separator line ``@@@``, and then the text with the entities marked ``[[TEXT || 3]]``.  The
list is the annotator's, not the telegram's: it must not be read as numbered paragraphs.  The
inline marks are removed from clean views by the line layer (:mod:`.lines`).
"""

from __future__ import annotations

import re
from typing import Final

from cableformat.parser.lines import Doc

RE_ENTRY: Final = re.compile(r"^\s*[0-9]{1,3}(?:\.|\s|$)")
"""An entry's number: "3. ", "3<TAB>", "3  " (the entry may lack a type, or be empty)."""
RE_ENTITY_TYPE: Final = re.compile(r"\s(?:PER|ORG|GPE|LOC|PRE|OR)(?:\.[A-Z]{2,12})?\s*$")
"""The entity type ending an entry: PER.IND, ORG.GOV, GPE.NATION, LOC ..."""
MAX_ENTRY: Final = 120
"""Entries are names, not prose: a longer numbered line ends the list (unless it is typed)."""
MAX_TYPED_ENTRY: Final = 300
RE_COMMENT: Final = re.compile(r"^\s*//")
"""The annotator's notes in the list (``//POSSIBLE ENTITIES: ...``, source URLs)."""
RE_SEPARATOR: Final = re.compile(r"^\s*@{3,8}\s*$")
MIN_TYPED_WITHOUT_SEPARATOR: Final = 3
"""Without the ``@@@`` separator, this many typed entries make a list."""


def entity_list_end(doc: Doc, start: int) -> int | None:
    """The line after the entity list (and its separator) that opens at line ``start``.

    Marks the list's lines ``annotation``; None (and nothing marked) when no list opens there.
    """
    typed = 0
    i = start
    while i < doc.count:
        line = doc.clean[i].strip("\ufeff \t\r")
        if not line or (len(line) <= 300 and RE_COMMENT.match(line)):
            i += 1
            continue
        if len(line) > MAX_TYPED_ENTRY or RE_ENTRY.match(line) is None:
            break
        has_type = RE_ENTITY_TYPE.search(line) is not None
        if not has_type and len(line) > MAX_ENTRY:
            break
        typed += has_type
        i += 1
    separated = i < doc.count and RE_SEPARATOR.match(doc.clean[i]) is not None
    if not separated and typed < MIN_TYPED_WITHOUT_SEPARATOR:
        return None
    end = i + 1 if separated else i
    for k in range(start, end):
        doc.kinds[k] = "annotation" if doc.clean[k].strip("\ufeff \t\r") else "blank"
    return end
