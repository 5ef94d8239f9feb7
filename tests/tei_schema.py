"""The official TEI P5 ``tei_all`` for the tests: compiled at most once per session.

The schema is the copy in ``../shared/schemas/tei/`` (or ``$CABLEFORMAT_TEI_ALL``); tests
that need it skip when it is absent.  Compiling it takes 15-30 s on two cores, so
:class:`TeiAll` compiles lazily, once per process, and remembers the SHA-256 of every
document it found valid in a small file in the temporary directory (keyed by the schema's
own hash): a later run whose outputs did not change compiles nothing.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent


def tei_all_path() -> Path | None:
    """The official ``tei_all.rng``, or None when it is not beside the project."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from generate_tei_subset import tei_all_path as locate
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    try:
        return locate()
    except FileNotFoundError:
        return None


class TeiAll:
    """Validates against ``tei_all``; compiles on the first document it has not seen valid."""

    def __init__(self, path: Path) -> None:
        self.path = path
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        self.cache = Path(os.environ.get("CABLEFORMAT_TEI_CACHE") or tempfile.gettempdir()
                          ) / f"cableformat-tei_all-{digest}.valid"
        try:
            self.known = set(self.cache.read_text(encoding="ascii").split())
        except OSError:
            self.known = set()
        self._schema: etree.RelaxNG | None = None
        self.error = ""

    @property
    def schema(self) -> etree.RelaxNG:
        if self._schema is None:
            self._schema = etree.RelaxNG(etree.parse(str(self.path)))
        return self._schema

    def validate(self, root: etree._Element) -> bool:
        """True when ``root`` is valid; else :attr:`error` says why."""
        key = hashlib.sha256(etree.tostring(root, method="c14n")).hexdigest()
        if key in self.known:
            return True
        if not self.schema.validate(root):
            self.error = str(self.schema.error_log.last_error)
            return False
        self.known.add(key)
        try:
            with self.cache.open("a", encoding="ascii") as out:
                out.write(key + "\n")
        except OSError:
            pass
        return True


@cache
def _tei_all() -> TeiAll | None:
    path = tei_all_path()
    return None if path is None else TeiAll(path)


def tei_all_or_skip() -> TeiAll:
    """The session's :class:`TeiAll`; skips the test when ``tei_all.rng`` is absent."""
    found = _tei_all()
    if found is None:
        pytest.skip("tei_all.rng not found (../shared/schemas/tei or $CABLEFORMAT_TEI_ALL)")
    return found
