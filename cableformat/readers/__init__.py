"""Readers: input files (text, WikiLeaks/PlusD HTML pages, cables.csv, mongo JSON) to Sources.

Reader codes (``ReadError.code`` or the code of a ``Source.notes`` entry):

====  =====================================================================================
X001  binary file (error)
X002  empty file (error)
X003  not a cable page (error when the page has nothing; note when it has no cable text)
X004  truncated HTML (note)
X005  malformed CSV row: end of file inside a quoted field, wrong column count (error)
X006  line structure lost: the export stripped newlines (note)
X007  empty directory: no cable file in it (see CABLE_SUFFIXES, DEFAULT_EXCLUDE) (error)
X008  no such file (error)
X009  decoding note, e.g. "not valid UTF-8; decoded as Windows-1252" (note)
X010  not a cable: the parser found no header, banner or head fields (error)
X011  irregularity tolerated by a reader: stray quote, junk after a JSON object... (note)
X012  the file cannot be read (permissions, I/O error...) (error)
X013  malformed JSON record (error, one per line)
====  =====================================================================================
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from cableformat.readers.csv import CsvRow, read_csv
from cableformat.readers.decode import _looks_binary, _sniff_utf16, decode_bytes
from cableformat.readers.html import read_html
from cableformat.readers.jsonl import read_jsonl
from cableformat.readers.native import looks_native, read_native
from cableformat.source import ReadError, Source

__all__ = ["FORMATS", "detect_format", "iter_inputs", "iter_sources"]

#: Names accepted by ``--input-format`` (``None`` = detect from the content).
FORMATS = ("text", "wikileaks-html", "plusd-html", "csv", "mongo-json", "cableformat-json",
           "cableformat-xml")
FORMAT_ALIASES = {"html": "wikileaks-html", "json": "mongo-json", "txt": "text"}
_HEAD_SIZE = 1 << 16
_CHUNK_SIZE = 1 << 20
_PLUSD_LEAD = 16384
_CSV_FIRST_LINE = re.compile(
    r'"[^"\r\n]{0,40}","[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}","'
)
_CSV_LOOSE = re.compile(r'"[^"\r\n]{0,40}","[^"\r\n]{0,40}","')
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

#: File-name endings a directory walk reads (case-insensitive; a trailing ``~`` of a backup
#: copy is ignored).  A file without any extension is read when its start looks like a
#: cable input (:func:`looks_like_cable_input`: a MongoDB export, a cable text...); other
#: files are skipped.  A file named on the command line is always read.
CABLE_SUFFIXES = (".txt", ".text", ".htm", ".html", ".csv", ".json", ".jsonl", ".ndjson",
                  ".xml")
#: Glob patterns a directory walk skips by default (file or directory names, or paths
#: relative to the walked directory): project files and this tool's TEI output.
DEFAULT_EXCLUDE = ("README*", "LICENSE*", "CHANGELOG*", "*.tei.xml")
#: The patterns in force (see :func:`walk_exclusions`).
_EXCLUDE: list[tuple[str, ...]] = [DEFAULT_EXCLUDE]
#: Whether walks follow links to directories outside the tree (innermost setting last).
_FOLLOW_LINKS: list[bool] = [False]


def detect_format(data_head: bytes, name: str) -> str:
    """Guess the format of a file from its first bytes (and its name); one of :data:`FORMATS`."""
    raw = data_head[:_HEAD_SIZE]
    native = looks_native(raw)
    if native is not None:  # this tool's own JSON/XML output
        return native
    if raw.startswith((b"\xef\xbb\xbf", *_UTF16_BOMS)) or raw.find(b"\x00", 0, 4096) >= 0:
        head, _note = decode_bytes(raw, lenient=True)
    else:  # ASCII markers only: a cheap decode is enough
        head = raw[:4096].decode("latin-1")
    stripped = head.lstrip("\ufeff \t\r\n")
    start = stripped[:2048]
    # lower() maps "<", "!", "?" and lower-case letters to themselves, so a marker written
    # in lower case (as pages write them) is found without lowering the first 2 KB
    if _html_start(start) or _html_start(start.lower()):
        # PlusD marks its pages in the head (script paths) and in the first table; a scan
        # of the whole 64 KB head three times cost a WikiLeaks page more than decoding it
        # (find with an end bound: no copy of the lead)
        if (
            raw.find(b"/plusd/", 0, _PLUSD_LEAD) >= 0
            or raw.find(b"Canonical ID", 0, _PLUSD_LEAD) >= 0
            or raw.find(b'class="s_key"', 0, _PLUSD_LEAD) >= 0
        ):
            return "plusd-html"
        return "wikileaks-html"
    if stripped.startswith('"'):
        first = stripped[:300]
        if _CSV_FIRST_LINE.match(first) or (
            name.lower().endswith(".csv") and _CSV_LOOSE.match(first)
        ):
            return "csv"
    if stripped.startswith("{") and '"_id"' in stripped[:1000]:
        return "mongo-json"
    return "text"


def _html_start(start: str) -> bool:
    """True when the (lower-case) start of a file is that of an HTML or XML page."""
    return start.startswith(("<!doctype", "<html", "<?xml", "<head")) or "<html" in start


def iter_sources(
    path_or_file: str | os.PathLike[str] | IO[bytes] | IO[str], *, input_format: str | None = None
) -> Iterator[Source | ReadError]:
    """Yield the cables of one input (path, ``"-"`` for stdin, or an open file object).

    A file yields one :class:`Source` (text, HTML page) or one per record (CSV row, JSON
    line); what cannot be read is yielded as a :class:`ReadError`, never raised.  CSV and
    JSON inputs are streamed: a record is yielded before the rest of the file is read.
    """
    return _sources(path_or_file, input_format, deferred=False)  # type: ignore[return-value]


def _sources(
    path_or_file: str | os.PathLike[str] | IO[bytes] | IO[str],
    input_format: str | None,
    *,
    deferred: bool,
) -> Iterator[Source | ReadError | CsvRow]:
    """:func:`iter_sources`; ``deferred`` leaves CSV rows undecoded (:class:`CsvRow`)."""
    fmt = FORMAT_ALIASES.get(input_format, input_format) if input_format else None
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; expected one of {FORMATS}")
    if isinstance(path_or_file, str | os.PathLike):
        path = os.fspath(path_or_file)
        if path == "-":
            if sys.stdin is None:  # the process was started with standard input closed
                yield ReadError("<stdin>", "X012", "cannot read: standard input is closed")
                return
            yield from _isolated(_read_stream(sys.stdin.buffer, "<stdin>", fmt, deferred),
                                 "<stdin>")
            return
        stream = _open_regular(path)
        if isinstance(stream, ReadError):
            yield stream
            return
        with stream:
            yield from _isolated(_read_stream(stream, path, fmt, deferred), path)
        return
    name = getattr(path_or_file, "name", None)
    label = name if isinstance(name, str) else "<stream>"
    yield from _isolated(_read_stream(path_or_file, label, fmt, deferred), label)


def _isolated(
    items: Iterator[Source | ReadError | CsvRow], name: str
) -> Iterator[Source | ReadError | CsvRow]:
    """``items``, with a failure of the reader (a bug, a hostile input: a number of 5,000
    digits, nesting 200,000 deep) turned into one ``X012`` error for this input."""
    try:
        yield from items
    except (Exception, RecursionError) as exc:
        message = " ".join(str(exc).split())[:200]
        yield ReadError(name, "X012", f"cannot read: {type(exc).__name__}: {message}")


#: Open flags of an input: never block (a FIFO without a writer), no leak into children.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_S_ISREG = stat.S_ISREG
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
)


def _open_regular(path: str) -> IO[bytes] | ReadError:
    """``path`` opened for reading if it is a regular file (never blocks on a FIFO)."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return ReadError(path, "X008", "no such file")
    except OSError as err:
        return ReadError(path, "X012", f"cannot read: {err.strerror or err}")
    try:
        mode = os.fstat(fd).st_mode
        if not _S_ISREG(mode):
            if stat.S_ISDIR(mode):
                what = "cannot list directory"
                try:
                    os.listdir(path)
                except OSError as err:
                    what = f"cannot list directory: {err.strerror or err}"
                return ReadError(path, "X012", what)
            kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a file")
            return ReadError(path, "X012", f"skipped: {kind}, not a regular file")
        # O_NONBLOCK changes nothing for a regular file: it stays (two syscalls saved)
        stream = open(fd, "rb")  # noqa: SIM115 - closed by the caller
    except BaseException:
        os.close(fd)
        raise
    return stream


def _read_stream(
    stream: IO[bytes] | IO[str], name: str, fmt: str | None, deferred: bool = False
) -> Iterator[Source | ReadError | CsvRow]:
    """Read an open file: sniff its head, then stream records or decode the whole file."""
    try:
        head = stream.read(_HEAD_SIZE)
    except OSError as err:
        yield ReadError(name, "X012", f"cannot read: {err.strerror or err}")
        return
    if isinstance(head, str):
        head = head.encode("utf-8", "surrogatepass")
    if fmt is None:
        fmt = detect_format(head, name) if head else "text"
    if len(head) >= _HEAD_SIZE and fmt not in ("csv", "mongo-json") and _binary_head(head):
        # binary: X001 now, without reading the rest (a 1 GB file of NULs, /dev/zero); a
        # file that fits in the head is checked by decode_bytes as it is decoded
        yield ReadError(name, "X001", "binary file: NUL or control bytes, not text")
        return
    try:
        if fmt in ("csv", "mongo-json") and head:
            chunks = _chunks(stream, head)
            if head.startswith(_UTF16_BOMS) or (b"\x00" in head[:4096]):
                # UTF-16/32 (or binary): decode whole, then stream the UTF-8 re-encoding.
                text, _note = decode_bytes(b"".join(chunks), name=name)
                chunks = iter((text.encode("utf-8", "surrogatepass"),))
            if fmt == "csv":
                yield from read_csv(chunks, name, deferred=deferred)
            else:
                yield from read_jsonl(chunks, name)
            return
        data = b"".join(_chunks(stream, head))
        text, note = decode_bytes(data, name=name)
    except ReadError as err:
        yield err
        return
    except OSError as err:
        yield ReadError(name, "X012", f"cannot read: {err.strerror or err}")
        return
    notes = [("X009", note, 0)] if note else []
    if fmt in ("cableformat-json", "cableformat-xml"):
        yield from read_native(text, name, fmt)
        return
    if fmt in ("wikileaks-html", "plusd-html"):
        try:
            source = read_html(text, name)
        except ReadError as err:
            yield err
            return
        source.notes[:0] = notes
        yield from _cables_of(source)
        return
    yield from _cables_of(Source(text=text, name=name, input_format="text", notes=notes))


def _binary_head(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a binary file (see decode_bytes)."""
    if b"\x00" not in head or head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # (a text file has no NUL: one memchr, no copy)
    return _sniff_utf16(head) is None and _looks_binary(head)


def _cables_of(source: Source) -> list[Source]:
    """A page's source, or its own part and the part of a cable appended to it."""
    from cableformat.parser.kinds import split_page

    return split_page(source)


def _chunks(stream: IO[bytes] | IO[str], head: bytes) -> Iterator[bytes]:
    """``head`` then the rest of ``stream`` in chunks, as bytes."""
    yield head
    while True:
        chunk = stream.read(_CHUNK_SIZE)
        if not chunk:
            return
        yield chunk.encode("utf-8", "surrogatepass") if isinstance(chunk, str) else chunk


def iter_inputs(
    paths: Iterable[str], *, input_format: str | None = None
) -> Iterator[tuple[str, Source | ReadError]]:
    """Yield ``(path, Source or ReadError)`` for every file named or found under a directory.

    Directories are walked recursively in sorted order, skipping hidden files and
    directories; an empty directory gives ``X007``, a missing path ``X008``.  Nothing about
    the content raises.
    """
    return _inputs(paths, input_format, deferred=False)  # type: ignore[return-value]


def iter_deferred_inputs(
    paths: Iterable[str], *, input_format: str | None = None
) -> Iterator[tuple[str, Source | ReadError | CsvRow]]:
    """:func:`iter_inputs`, but CSV rows come undecoded, as :class:`CsvRow` (``.resolve()``).

    The batch engine's parent uses it: it only finds the rows; the workers decode them.
    """
    return _inputs(paths, input_format, deferred=True)


def _inputs(
    paths: Iterable[str], input_format: str | None, *, deferred: bool
) -> Iterator[tuple[str, Source | ReadError | CsvRow]]:
    for path in paths:
        if path != "-" and os.path.isdir(path):
            files = list(_walk(path, set()))
            if not files:
                yield path, ReadError(path, "X007", "empty directory (no cable files: "
                                      f"{' '.join(CABLE_SUFFIXES)})")
            for file in files:
                for item in _sources(file, input_format, deferred=deferred):
                    yield file, item
        elif path != "-" and not os.path.lexists(path):
            yield path, ReadError(path, "X008", "no such file")
        else:
            for item in _sources(path, input_format, deferred=deferred):
                yield path, item


@contextlib.contextmanager
def walk_exclusions(
    exclude: Iterable[str] | None = None, extend_exclude: Iterable[str] = (), *,
    follow_links: bool = False,
) -> Iterator[tuple[str, ...]]:
    """Directory walks inside the block skip ``exclude`` (default :data:`DEFAULT_EXCLUDE`)
    plus ``extend_exclude`` (glob patterns, ``--exclude`` and ``--extend-exclude``), and
    follow symbolic links to directories outside the walked tree only with ``follow_links``
    (``--follow-links``)."""
    patterns = (*(DEFAULT_EXCLUDE if exclude is None else exclude), *extend_exclude)
    _EXCLUDE.append(patterns)
    _FOLLOW_LINKS.append(follow_links)
    try:
        yield patterns
    finally:
        _EXCLUDE.pop()
        _FOLLOW_LINKS.pop()


def is_excluded(name: str, relative: str, patterns: Iterable[str] | None = None) -> bool:
    """Whether a walk skips the entry ``name`` (path ``relative`` to the walked folder)."""
    for pattern in _EXCLUDE[-1] if patterns is None else patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(relative, pattern):
            return True
    return False


_CABLE_MARK = re.compile(
    rb"(?m)^[ \t]*(?:VZCZC|UNCLAS|C O N F|S E C R E T|CONFIDENTIAL\b|SECRET\b|"
    rb"LIMITED OFFICIAL USE|E\.? ?O\.? ?1[0-9]{4}|TAGS\b|SUBJE?C?T?:)"
)


def is_cable_file(name: str, path: str | None = None) -> bool:
    """Whether a directory walk reads this file: a name ending in one of
    :data:`CABLE_SUFFIXES`, or (given its ``path``) no extension and a cable-like start."""
    base = name.lower().rstrip("~")
    if base.endswith(CABLE_SUFFIXES):
        return True
    if os.path.splitext(base)[1] or path is None:
        return False
    return looks_like_cable_input(path)


def looks_like_cable_input(path: str) -> bool:
    """Whether the start of the file at ``path`` is that of an input the readers know (HTML
    page, CSV, JSON export) or of a cable text (a header, banner or head-field keyword)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True  # a FIFO or a device: the reader says why it is not read
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_SIZE)
    except OSError:
        return True  # let the reader report why it cannot be read
    if not head or (head.find(b"\x00", 0, 4096) >= 0 and not head.startswith(_UTF16_BOMS)):
        return False
    if detect_format(head, path) != "text":
        return True
    return _CABLE_MARK.search(head, 0, 8192) is not None


def _walk(
    directory: str, seen: set[str], top: str | None = None, root: str | None = None
) -> Iterator[str]:
    """Cable files under ``directory`` (:func:`is_cable_file`, not hidden, not excluded),
    sorted by name at every level; no symlink loops.

    A symlink to a directory is followed only when its target lies inside the tree being
    walked (a link to ``/`` does not walk ``/proc``).  A directory that cannot be listed is
    yielded itself, so that reading it reports why (it is never skipped silently).
    """
    top = directory if top is None else top
    real = os.path.realpath(directory)
    if root is None:
        root = real
    if real in seen:
        return
    seen.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        yield directory
        return
    for entry in entries:
        if is_excluded(entry.name, os.path.relpath(entry.path, top).replace(os.sep, "/")):
            continue
        try:
            is_dir = entry.is_dir()
            if is_dir and entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.commonpath([target, root]) != root and not _FOLLOW_LINKS[-1]:
                    continue  # a link out of the tree
        except (OSError, ValueError):
            is_dir = False
        if is_dir:
            yield from _walk(entry.path, seen, top, root)
        elif is_cable_file(entry.name, entry.path):
            yield entry.path
