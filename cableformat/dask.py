"""Dask: validate or convert a corpus on a cluster (``pip install 'cableformat[dask]'``).

Dask is imported lazily: ``import cableformat`` never needs it, and this module imports it
only when one of its functions runs.

A corpus becomes a Dask bag of *raw records* (see :mod:`cableformat.cli.shard`): either
JSON Lines shards written by ``cableformat shard`` (:func:`read_shards`; the right input for
a big cables.csv, whose records span lines) or the files of a corpus on a filesystem every
worker sees (:func:`read_corpus`).  Partitions hold many cables; each partition is read,
parsed and checked on a worker by the same code as ``validate --jobs``
(:func:`cableformat.batch.run_unit` semantics: read errors and crashes become results).

    from dask.distributed import Client
    import cableformat.dask as cd

    client = Client("tcp://scheduler:8786")
    records = cd.read_shards("s3://bucket/shards/*.jsonl")
    results = cd.validate(records, select=["C", "D"])
    frame = cd.diagnostics_frame(results)          # a Dask DataFrame, one row per diagnostic
    frame.groupby("code").size().compute()
    cd.summarize(results)                           # the run's Summary (counts add up)
    cd.write_jsonl(cd.diagnostic_records(results), "out/diagnostics")
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from cableformat.batch import Batch, CableTask, CheckTask, CompactResult, Unit, run_batch
from cableformat.source import ReadError

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd

    from cableformat.writers.report import Summary

__all__ = [
    "DIAGNOSTIC_COLUMNS",
    "diagnostic_records",
    "diagnostics_frame",
    "map_task",
    "read_corpus",
    "read_shards",
    "run_batches_on_cluster",
    "summarize",
    "validate",
    "write_jsonl",
]

R = TypeVar("R")

#: Columns of :func:`diagnostics_frame` (and keys of :func:`diagnostic_records`).
DIAGNOSTIC_COLUMNS: dict[str, str] = {
    "path": "object",
    "cable": "object",
    "code": "object",
    "name": "object",
    "severity": "object",
    "message": "object",
    "line": "int64",
    "column": "int64",
    "end_line": "int64",
    "end_column": "int64",
}


def _bag() -> Any:
    try:
        import dask.bag
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "cableformat.dask needs Dask: pip install 'cableformat[dask]'"
        ) from exc
    return dask.bag


def read_shards(urlpath: str | Sequence[str], *, blocksize: str | int = "64MiB") -> db.Bag:
    """A bag of the records of JSON Lines shards (local paths, globs or any fsspec URL).

    Shards split safely at any line, so each file is cut into blocks of ``blocksize``.
    """
    return _bag().read_text(urlpath, blocksize=blocksize).map(_shard_record)


def _shard_record(line: str) -> dict[str, Any]:
    """One shard line as a record that carries its text: a record naming a local file
    (``{"path": "/etc/passwd", "file": true}``) becomes an error record, never a read."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        return {"path": "<shard>", "error": {"code": "X013",
                                             "message": f"malformed shard line: {exc}"}}
    if not isinstance(record, dict):
        return {"path": "<shard>", "error": {"code": "X013",
                                             "message": "a shard line is not a JSON object"}}
    if record.get("file"):
        path = str(record.get("path", "<shard>"))
        return {"path": path, "error": {"code": "X012", "message": "a shard record names a "
                                        "file instead of carrying its text: not read"}}
    return record


def read_corpus(
    paths: Iterable[str], *, input_format: str | None = None, partition_size: int = 256
) -> db.Bag:
    """A bag of the records of a corpus on a filesystem the workers share.

    Small files travel as their path (the worker reads them); CSV and JSON files are read
    here record by record, so for a big cables.csv write shards first (``cableformat
    shard``) and use :func:`read_shards`.
    """
    from cableformat.batch import iter_units
    from cableformat.cli.shard import unit_record

    records = [
        unit_record(unit, input_format, inline_files=False)
        for unit in iter_units(paths, input_format=input_format)
    ]
    return _bag().from_sequence(records, partition_size=partition_size)


def _run_records(records: Iterable[dict[str, Any]], task: CableTask[R]) -> list[R]:
    """Run ``task`` on every cable of a partition's records (never raises on content)."""
    from cableformat.cli.shard import record_items

    out: list[R] = []
    for record in records:
        path = str(record.get("path", "<shard>"))
        try:
            for name, item in record_items(record):
                if isinstance(item, ReadError):
                    out.append(task.unreadable(name, item))
                    continue
                try:
                    out.append(task(name, item))
                except Exception as exc:
                    out.append(task.crashed(name, f"internal error: {type(exc).__name__}: {exc}"))
        except Exception as exc:  # a reader bug or a malformed record
            out.append(task.crashed(path, f"internal error: {type(exc).__name__}: {exc}"))
    return out


def map_task(records: db.Bag, task: CableTask[R]) -> db.Bag:
    """A bag of ``task``'s results, one or more per record (e.g. a convert task)."""
    return records.map_partitions(_run_records, task)


def validate(
    records: db.Bag,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    strict: bool = False,
) -> db.Bag:
    """A bag of :class:`~cableformat.batch.CompactResult`, one per cable or unreadable input."""
    task = CheckTask(select=tuple(select), ignore=tuple(ignore), strict=strict, excerpts=False)
    return map_task(records, task)


def _records_of(results: Iterable[CompactResult]) -> list[dict[str, Any]]:
    from cableformat.writers.report import diagnostic_record

    out = []
    for result in results:
        for diag in result.diagnostics:
            record = diagnostic_record(result, diag)
            record.pop("hint", None)
            record.pop("fix", None)
            out.append(record)
    return out


def diagnostic_records(results: db.Bag) -> db.Bag:
    """A bag of flat diagnostic dicts (the ``jsonl`` report's records, without hint and fix)."""
    return results.map_partitions(_records_of)


def diagnostics_frame(results: db.Bag) -> dd.DataFrame:
    """A Dask DataFrame with one row per diagnostic (columns: :data:`DIAGNOSTIC_COLUMNS`)."""
    import pandas as pd

    meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in DIAGNOSTIC_COLUMNS.items()})
    return diagnostic_records(results).to_dataframe(meta=meta)


def _partial(results: Iterable[CompactResult]) -> dict[str, Any]:
    """Counts of one partition (files as a set of paths, so shared files count once)."""
    counts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    paths: set[str] = set()
    for r in results:
        paths.add(r.path)
        counts["unreadable" if r.read_error is not None else "cables"] += 1
        for d in r.diagnostics:
            counts[str(getattr(d.severity, "value", d.severity))] += 1
            rules[d.code] += 1
    return {"counts": counts, "rules": rules, "paths": paths}


def _combine(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    paths: set[str] = set()
    for part in parts:
        counts.update(part["counts"])
        rules.update(part["rules"])
        paths |= part["paths"]
    return {"counts": counts, "rules": rules, "paths": paths}


def summarize(results: db.Bag) -> Summary:
    """The run's :class:`~cableformat.writers.report.Summary`, computed on the cluster."""
    from cableformat.writers.report import Summary

    total = results.reduction(_partial, _combine).compute()
    c = total["counts"]
    return Summary(
        files=len(total["paths"]), cables=c["cables"], errors=c["error"],
        warnings=c["warning"], infos=c["info"], unreadable=c["unreadable"],
        by_rule=dict(total["rules"]),
    )


def _write_part(records: list[dict[str, Any]], path: str, resume: bool) -> str:
    from cableformat.outputs import atomic_write, is_finished

    if resume and is_finished(path):
        return path
    with atomic_write(path) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return path


def write_jsonl(bag: db.Bag, out_dir: str, *, resume: bool = False) -> list[str]:
    """Write each partition to ``out_dir/part-NNNNN.jsonl`` atomically; return the names.

    With ``resume``, partitions whose file exists (from an earlier, interrupted run over
    the same input and partitioning) are not written again.
    """
    import dask

    os.makedirs(out_dir, exist_ok=True)
    parts = [
        dask.delayed(_write_part)(part, os.path.join(out_dir, f"part-{i:05d}.jsonl"), resume)
        for i, part in enumerate(bag.to_delayed())
    ]
    return list(dask.compute(*parts))


# -- the CLI's --scheduler ------------------------------------------------------------------


def run_batches_on_cluster(
    address: str,
    task: CableTask[R],
    batches: Iterator[Batch],
    input_format: str | None,
    *,
    window: int | None = None,
) -> Iterator[tuple[Batch, list[list[R]]]]:
    """Run the engine's batches on the Dask cluster at ``address``, in order.

    At most ``window`` batches (default: 4 per worker thread) are in flight, so input is
    streamed.  A batch that fails on the cluster (a worker died too often) is re-run one
    unit at a time; a unit that fails alone becomes the task's ``crashed`` result.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise ImportError("--scheduler needs Dask: pip install 'cableformat[dask]'") from exc
    from collections import deque

    with Client(address, set_as_default=False) as client:
        if window is None:
            threads = sum(client.nthreads().values()) or 1
            window = 4 * threads
        inflight: deque[tuple[Batch, Any]] = deque()
        for batch in batches:
            inflight.append((batch, client.submit(run_batch, task, batch.units, input_format,
                                                  pure=False)))
            while len(inflight) >= window:
                yield _settle(client, task, input_format, *inflight.popleft())
        while inflight:
            yield _settle(client, task, input_format, *inflight.popleft())


def _settle(
    client: Any, task: CableTask[R], input_format: str | None, batch: Batch, future: Any
) -> tuple[Batch, list[list[R]]]:
    """The results of a submitted batch, isolating the units of a failed one."""
    try:
        return batch, future.result()
    except Exception:
        results: list[list[R]] = []
        for unit in batch.units:
            results.append(_single(client, task, input_format, unit))
        return batch, results


def _single(client: Any, task: CableTask[R], input_format: str | None, unit: Unit) -> list[R]:
    try:
        return client.submit(run_batch, task, [unit], input_format, pure=False).result()[0]
    except Exception as exc:
        return [task.crashed(unit.path, f"failed on the Dask cluster: {type(exc).__name__}: "
                                        f"{' '.join(str(exc).split())[:200]}")]
