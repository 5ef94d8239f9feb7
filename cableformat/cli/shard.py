"""``cableformat shard PATH... --out DIR``: cut a corpus into JSON Lines shards for a cluster.

A cables.csv cannot be split at byte offsets (its quoted fields contain newlines), and a
directory of 251,287 small pages is a poor unit for a scheduler.  A shard is a ``.jsonl``
file of *raw records*, one per line; JSON escapes newlines, so shards split safely at any
line, and a cluster (``db.read_text``) can cut them into blocks by bytes.  Each record is
lossless: the raw text of one input file or of one CSV/JSON record, re-read on the worker
by the same reader.

Record keys: ``path`` (the input path diagnostics refer to), ``format`` (reader, or ``null``
to guess), ``text`` (the raw record as text) or ``base64`` (bytes that are not UTF-8),
``line`` (lines of the input file before this record), or ``error`` (``{code, message}``
for an input the reader could not read at all).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from cableformat.source import ReadError, Source

if TYPE_CHECKING:
    from cableformat.batch import Unit
    from cableformat.cli.common import Subparsers

__all__ = ["add_shard", "record_items", "shard_records", "unit_record", "write_shards"]

DEFAULT_CABLES_PER_SHARD = 2000
DEFAULT_SHARD_BYTES = 64 << 20


def add_shard(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``shard PATH... --out DIR``: JSON Lines shards of raw records."""
    p = sub.add_parser(
        "shard",
        help="cut a corpus into JSON Lines shards for a Dask cluster",
        description="Write the cables of PATH... as JSON Lines shards (one raw record per "
        "line) DIR/shard-00000.jsonl, ...; a CSV is cut between records, never inside one.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' = stdin)")
    p.add_argument("--out", required=True, metavar="DIR", help="directory for the shards")
    p.add_argument("--cables-per-shard", type=int, default=DEFAULT_CABLES_PER_SHARD,
                   metavar="N", help=f"records per shard (default {DEFAULT_CABLES_PER_SHARD})")
    p.add_argument("--shard-bytes", type=int, default=DEFAULT_SHARD_BYTES, metavar="BYTES",
                   help="start a new shard past this size (default 64 MiB)")
    p.add_argument("--input-format", metavar="NAME", help="force a reader (default: guess)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(handler=run_shard)


def run_shard(args: argparse.Namespace) -> int:
    """Write the shards; exit 0 (unreadable inputs are kept as error records)."""
    from cableformat.cli.common import UsageError

    if args.cables_per_shard < 1 or args.shard_bytes < 1:
        raise UsageError("--cables-per-shard and --shard-bytes must be positive")
    try:
        os.makedirs(args.out, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {args.out}: {exc.strerror or exc}") from None
    shards, records = write_shards(
        shard_records(args.paths, input_format=args.input_format), args.out,
        cables_per_shard=args.cables_per_shard, shard_bytes=args.shard_bytes,
    )
    if not args.quiet:
        print(f"wrote {records:,} records in {len(shards):,} shards to {args.out}",
              file=sys.stderr)
    return 0


def shard_records(
    paths: Iterable[str], *, input_format: str | None = None
) -> Iterator[dict[str, Any]]:
    """The raw records of the inputs, in the order ``validate`` reads them."""
    from cableformat.batch import iter_units

    for unit in iter_units(paths, input_format=input_format):
        yield unit_record(unit, input_format)


def unit_record(unit: Unit, input_format: str | None, *, inline_files: bool = True
                ) -> dict[str, Any]:
    """The raw record of one engine unit; ``inline_files=False`` keeps small files as paths."""
    from cableformat.batch import Unit
    from cableformat.readers.csv import CsvRow

    if isinstance(unit.source, CsvRow):
        unit = Unit(unit.path, unit.source.resolve(), unit.size)
    if isinstance(unit.source, ReadError):
        err = unit.source
        return {"path": unit.path, "error": {"code": err.code, "message": err.message}}
    if isinstance(unit.source, Source):
        src = unit.source
        raw = src.file_text if src.file_text is not None else src.text
        return {"path": unit.path, "format": src.input_format, "text": raw,
                "line": src.line_offset}
    if not inline_files:
        return {"path": unit.path, "format": input_format, "file": True}
    return _file_record(unit.path, input_format)


def _file_record(path: str, input_format: str | None) -> dict[str, Any]:
    """A whole small file as one record (read errors are left to the worker's reader)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:  # missing, a directory, unreadable: the worker reports it
        return {"path": path, "format": input_format, "file": True}
    record: dict[str, Any] = {"path": path, "format": input_format, "line": 0}
    try:
        record["text"] = data.decode("utf-8")
    except UnicodeDecodeError:
        record["base64"] = base64.b64encode(data).decode("ascii")
    return record


def write_shards(
    records: Iterable[dict[str, Any]],
    out_dir: str,
    *,
    cables_per_shard: int = DEFAULT_CABLES_PER_SHARD,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
) -> tuple[list[str], int]:
    """Write ``records`` as ``shard-NNNNN.jsonl`` files (each atomically); return names, count."""
    from cableformat.outputs import atomic_write

    names: list[str] = []
    total = 0
    lines: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal lines, size
        name = os.path.join(out_dir, f"shard-{len(names):05d}.jsonl")
        with atomic_write(name) as out:
            out.writelines(lines)
        names.append(name)
        lines, size = [], 0

    for record in records:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        lines.append(line)
        size += len(line)
        total += 1
        if len(lines) >= cables_per_shard or size >= shard_bytes:
            flush()
    if lines:
        flush()
    _remove_stale_shards(out_dir, names)
    return names, total


_SHARD_NAME = re.compile(r"shard-[0-9]{5,}\.jsonl")


def _remove_stale_shards(out_dir: str, names: list[str]) -> None:
    """Delete the shards of an earlier run that this run did not write (fewer shards now)."""
    written = {os.path.basename(name) for name in names}
    with os.scandir(out_dir) as entries:
        for entry in entries:
            if (_SHARD_NAME.fullmatch(entry.name) and entry.name not in written
                    and entry.is_file(follow_symlinks=False)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def record_items(record: dict[str, Any], *, files: bool = True
                 ) -> Iterator[tuple[str, Source | ReadError]]:
    """Re-read one shard record: ``(path, Source or ReadError)`` as ``iter_inputs`` gives.

    ``files=False`` (records from shards, which anyone may have written) refuses a record
    that names a file to read instead of carrying its text: shards carry records, not paths.
    """
    from cableformat.readers import iter_inputs, iter_sources

    path = str(record.get("path", "<shard>"))
    error = record.get("error")
    if error is not None:
        if not isinstance(error, dict):
            error = {"message": str(error)}
        yield path, ReadError(path, str(error.get("code", "X012")), str(error.get("message")))
        return
    fmt = record.get("format")
    if record.get("file"):
        if not files:
            yield path, ReadError(path, "X012", "a shard record names a file instead of "
                                  "carrying its text: not read")
            return
        yield from iter_inputs([path], input_format=fmt)
        return
    if "base64" in record:
        data = base64.b64decode(record["base64"])
    else:
        data = str(record.get("text", "")).encode("utf-8", "surrogatepass")
    stream = io.BytesIO(data)
    stream.name = path  # type: ignore[misc]  # the reader names sources after the stream
    line = int(record.get("line") or 0)
    for item in iter_sources(stream, input_format=fmt):
        if isinstance(item, Source):
            item.line_offset += line
        yield path, item
