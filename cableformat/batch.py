"""The batch engine: map a per-cable task over a corpus with N worker processes.

Inputs (files, directories, ``-``) are planned into *units* in the parent: a small file is a
unit the worker reads itself (only its path crosses the process boundary); a CSV or JSON
file, a large file or standard input is streamed by the parent record by record, each record
a unit carrying its :class:`~cableformat.source.Source`.  Units are grouped into batches
(``batch_size`` units or ``batch_bytes`` bytes, whichever comes first) and each batch runs in
a worker: read, parse, check, and send back the task's compact result per cable.

Guarantees:

* **Streaming, bounded memory**: at most ``jobs * 4`` batches are planned ahead of the
  oldest unfinished one, so a 1 GB CSV never sits in memory; results start at once.
* **Stable order**: results come out in input order whatever the number of workers.
* **Nothing lost**: every unit yields at least one result.  A read failure becomes the
  task's :meth:`CableTask.unreadable` result, an exception in the task its
  :meth:`CableTask.crashed` result; a worker that dies (segfault, ``kill -9``, out of memory)
  is replaced, its batch is re-run one unit at a time, and the unit it dies on again is
  reported as crashed.  The run goes on.

The task is any picklable object following :class:`CableTask`; :class:`CheckTask` (validate)
returns :class:`CompactResult`, a :class:`~cableformat.diagnostics.CableResult` whose source
and cable are replaced by the located positions and excerpt lines the reporters need.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.source import ReadError, Source

if TYPE_CHECKING:
    from cableformat.model import Cable
    from cableformat.readers.csv import CsvRow
    from cableformat.rules import Rule

__all__ = [
    "Batch",
    "BatchRunner",
    "CableTask",
    "CheckTask",
    "CompactResult",
    "LocatedText",
    "Unit",
    "default_jobs",
    "iter_batches",
    "iter_units",
    "map_cables",
]

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

#: Files with these suffixes are streamed by the parent, one record per unit.
STREAM_SUFFIXES = (".csv", ".json", ".jsonl", ".ndjson")
#: Files at least this large are streamed by the parent too (they may hold many records).
STREAM_MIN_BYTES = 8 << 20
DEFAULT_BATCH_SIZE = 48
DEFAULT_BATCH_BYTES = 4 << 20
#: Batches planned ahead of the oldest unfinished one, per worker.
WINDOW_PER_WORKER = 4


class CableTask(Protocol[R_co]):
    """A picklable per-cable job run in the workers.

    ``__call__`` handles one readable cable; ``unreadable`` and ``crashed`` turn a read error
    and a failure (an exception in ``__call__``, a dead worker) into a result of the same
    type, so every input ends up as a result.
    """

    def __call__(self, path: str, source: Source) -> R_co:
        """Process one cable read from ``path``."""
        ...

    def unreadable(self, path: str, error: ReadError) -> R_co:
        """The result for an input that could not be read."""
        ...

    def crashed(self, path: str, message: str) -> R_co:
        """The result for a cable whose processing failed (``message`` says how)."""
        ...


@dataclass(slots=True)
class Unit:
    """One piece of work: a path the worker reads, or a record the parent already read."""

    path: str
    #: ``None``: the worker reads ``path`` (it may hold several cables); else the record
    #: (a CSV row still undecoded: the worker decodes it).
    source: Source | ReadError | CsvRow | None = None
    #: Approximate size in bytes, for batching and progress.
    size: int = 0


@dataclass(slots=True)
class Batch:
    """Consecutive units, numbered in input order."""

    index: int
    units: list[Unit]

    @property
    def size(self) -> int:
        """Total bytes of the units."""
        return sum(u.size for u in self.units)


class BatchRunner(Protocol):
    """Runs the engine's batches somewhere else (a cluster), yielding them back in order.

    Handed to :func:`map_cables` by its caller (the CLI's ``--scheduler`` passes
    :func:`cableformat.dask.run_batches_on_cluster` bound to the address), so the engine
    does not import :mod:`cableformat.dask`.
    """

    def __call__(
        self, task: CableTask[R], batches: Iterator[Batch], input_format: str | None
    ) -> Iterator[tuple[Batch, list[list[R]]]]:
        """Each batch with its results per unit, in batch order."""
        ...


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# -- planning ------------------------------------------------------------------------------


def iter_units(paths: Iterable[str], *, input_format: str | None = None) -> Iterator[Unit]:
    """Plan the inputs into units, in the order :func:`~cableformat.readers.iter_inputs` reads.

    Directories are walked (sorted, hidden entries skipped); an empty directory or a missing
    path becomes a unit for the worker, whose reader reports ``X007``/``X008``.
    """
    for path in paths:
        if path != "-" and os.path.isdir(path):
            from cableformat.readers import _walk  # same order as iter_inputs

            found = False
            for file in _walk(path, set()):
                found = True
                yield from _file_units(file, input_format)
            if not found:
                yield Unit(path)
        else:
            yield from _file_units(path, input_format)


def _file_units(path: str, input_format: str | None) -> Iterator[Unit]:
    """One unit for a small file; one unit per record for a streamed one."""
    size = _stat_size(path)
    if path == "-" or _streamed(path, size, input_format):
        from cableformat.readers import iter_deferred_inputs

        # CSV rows come undecoded: the parent finds the rows, the workers decode them
        try:
            for name, item in iter_deferred_inputs([path], input_format=input_format):
                yield Unit(name, item, _record_size(item))
        except Exception as exc:  # isolated: one input's failure is one error, the run goes on
            message = " ".join(str(exc).split())[:200]
            yield Unit(path, ReadError(path, "X012", f"cannot read: {type(exc).__name__}: "
                                       f"{message}"), 0)
    else:
        yield Unit(path, None, size)


def _streamed(path: str, size: int, input_format: str | None) -> bool:
    """Whether the parent should stream ``path`` record by record."""
    fmt = (input_format or "").lower()
    if fmt in ("csv", "mongo-json", "json"):
        return True
    return path.lower().endswith(STREAM_SUFFIXES) or size >= STREAM_MIN_BYTES


def _stat_size(path: str) -> int:
    try:
        return os.stat(path).st_size if path != "-" else 0
    except OSError:
        return 0


def _record_size(item: Source | ReadError | CsvRow) -> int:
    if isinstance(item, ReadError):
        return 0
    if not isinstance(item, Source):  # a CsvRow
        return len(item.raw)
    return len(item.file_text if item.file_text is not None else item.text)


def iter_batches(
    units: Iterable[Unit],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
) -> Iterator[Batch]:
    """Group units into batches of at most ``batch_size`` units or about ``batch_bytes``."""
    current: list[Unit] = []
    size = 0
    index = 0
    for unit in units:
        current.append(unit)
        size += unit.size
        if len(current) >= batch_size or size >= batch_bytes:
            yield Batch(index, current)
            index += 1
            current, size = [], 0
    if current:
        yield Batch(index, current)


# -- running units (in the workers, or in-process) ------------------------------------------


def run_unit(task: CableTask[R], unit: Unit, input_format: str | None = None) -> list[R]:
    """Read (if needed) and process one unit; never raises on content or task errors."""
    # ``from package.module import name`` (not ``from package import module``): resolved
    # through sys.modules, like the serial path, so a substituted reader module is honoured.
    from cableformat.readers import iter_inputs
    from cableformat.readers.csv import CsvRow

    out: list[R] = []
    try:
        items: Iterable[tuple[str, Source | ReadError]]
        if unit.source is None:
            items = iter_inputs([unit.path], input_format=input_format)
        else:
            items = ((unit.path, unit.source),)
        for name, item in items:
            if isinstance(item, CsvRow):
                item = item.resolve()
            if isinstance(item, ReadError):
                out.append(task.unreadable(name, item))
                continue
            try:
                out.append(task(name, item))
            except Exception as exc:  # a bug on one cable must not stop the batch
                out.append(task.crashed(name, _describe(exc)))
    except Exception as exc:  # a reader bug: report the unit, keep what was done
        out.append(task.crashed(unit.path, _describe(exc)))
    return out


def run_batch(task: CableTask[R], units: Sequence[Unit], input_format: str | None) -> list[list[R]]:
    """The results of each unit of a batch."""
    return [run_unit(task, unit, input_format) for unit in units]


def _describe(exc: BaseException) -> str:
    message = " ".join(str(exc).split())[:300]
    return f"internal error: {type(exc).__name__}: {message}"


# -- the ordered parallel map ---------------------------------------------------------------


def map_cables(
    task: CableTask[R],
    paths: Iterable[str],
    *,
    input_format: str | None = None,
    jobs: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    skip: Callable[[Unit], bool] | None = None,
    on_unit: Callable[[Unit], None] | None = None,
    runner: BatchRunner | None = None,
) -> Iterator[R]:
    """Run ``task`` on every cable of ``paths``; results in input order, one or more per unit.

    ``jobs`` worker processes (default: the cores; 1 runs in this process); a run that fits
    in one batch always runs in-process.  ``skip(unit)`` drops a unit before it is sent (for
    ``--resume``); ``on_unit(unit)`` is called in this process as each unit's results are
    yielded (for progress).  ``runner`` runs the batches elsewhere instead, e.g. on a Dask
    cluster (see :class:`BatchRunner` and :mod:`cableformat.dask`).
    """
    units = iter_units(paths, input_format=input_format)
    if skip is not None:
        units = (u for u in units if not skip(u))
    batches = iter_batches(units, batch_size=batch_size, batch_bytes=batch_bytes)
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    if runner is not None:
        done = runner(task, batches, input_format)
    else:
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None)
        if jobs == 1 or second is None:
            rest = chain([first], [second] if second else [], batches)
            done = ((b, run_batch(task, b.units, input_format)) for b in rest)
        else:
            pool = WorkerPool(task, input_format, jobs)
            done = pool.run(chain([first, second], batches))
    for batch, results in done:
        for unit, unit_results in zip(batch.units, results, strict=True):
            yield from unit_results
            if on_unit is not None:
                on_unit(unit)


class WorkerPool(Generic[R]):
    """``jobs`` worker processes (a :class:`ProcessPoolExecutor`) fed batches in order.

    At most ``jobs * WINDOW_PER_WORKER`` batches are in flight; results are yielded in
    batch order.  A worker that dies breaks the executor: a new one is started, the batch
    being collected is re-run one unit at a time (the unit that kills a worker again is
    reported through ``task.crashed``), and the other lost batches are submitted again.
    """

    def __init__(self, task: CableTask[R], input_format: str | None, jobs: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers inherit the imported modules (and tasks defined anywhere); Python
        # 3.11's executor forks every worker before it starts its own threads.
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._task = task
        self._fmt = input_format
        self._size = jobs
        self._executor: ProcessPoolExecutor | None = None
        self._procs: list[Any] = []
        #: Number of times the workers were restarted after one died (for tests, reports).
        self.restarts = 0

    @property
    def _workers(self) -> list[Any]:
        """The live worker processes (empty when the pool is closed)."""
        if self._executor is None:
            return []
        return list(getattr(self._executor, "_processes", {}).values())

    def _start(self) -> ProcessPoolExecutor:
        self._executor = ProcessPoolExecutor(
            max_workers=self._size, mp_context=self._ctx, initializer=_worker_init,
            initargs=(os.getpid(),),
        )
        return self._executor

    def _submit(self, units: Sequence[Unit]) -> Future[list[list[R]]]:
        executor = self._executor or self._start()
        try:
            future = executor.submit(run_batch, self._task, units, self._fmt)
            if not self._procs:  # fork: the workers exist once the first batch is submitted
                self._procs = list(getattr(executor, "_processes", {}).values())
            return future
        except BrokenProcessPool:
            self._restart()
            return self._submit(units)

    def run(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[list[R]]]]:
        """Yield ``(batch, results per unit)`` in batch order."""
        window = self._size * WINDOW_PER_WORKER
        inflight: deque[tuple[Batch, Future[list[list[R]]]]] = deque()
        try:
            self._start()
            for batch in batches:
                inflight.append((batch, self._submit(batch.units)))
                while len(inflight) >= window:
                    yield self._finish(inflight)
            while inflight:
                yield self._finish(inflight)
        except BaseException:
            self.close()  # interrupted or abandoned: stop the workers where they are
            raise
        self.close(graceful=True)

    def _finish(
        self, inflight: deque[tuple[Batch, Future[list[list[R]]]]]
    ) -> tuple[Batch, list[list[R]]]:
        """Wait for the oldest batch; recover when a worker died."""
        batch, future = inflight.popleft()
        try:
            return batch, future.result()
        except BrokenProcessPool:
            pass
        # A worker died.  Every batch still running is lost with it: isolate the culprit in
        # this batch first, with nothing else running, then resubmit the other lost ones.
        self._restart()
        results = [self._run_alone(unit) for unit in batch.units]
        for i, (other, fut) in enumerate(inflight):
            if fut.done() and fut.exception() is None:
                continue
            inflight[i] = (other, self._submit(other.units))
        return batch, results

    def _run_alone(self, unit: Unit) -> list[R]:
        """Run one unit on a fresh worker; a dead worker means this unit killed it."""
        try:
            return self._submit([unit]).result()[0]
        except BrokenProcessPool:
            how = _death(_exit_codes(self._procs))
            self._restart()
            return [self._task.crashed(
                unit.path, f"worker process died while processing this input ({how})")]

    def _restart(self) -> None:
        self.restarts += 1
        self.close()
        self._start()

    def close(self, *, graceful: bool = False) -> None:
        """Stop the workers and wait for them to exit.

        ``graceful`` (every batch collected): the workers read their shutdown sentinels and
        exit on their own.  Otherwise running batches are abandoned: the workers are stopped
        first, then killed, so that none is signalled half-way through reading a message
        from the shared call queue (one that unwound there released the queue's lock, and
        the next worker read the rest of the message as a length: ``EOFError: Ran out of
        input`` on stderr).
        """
        executor, self._executor = self._executor, None
        self._procs = []
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        if graceful:
            executor.shutdown(wait=True)
            return
        executor.shutdown(wait=False, cancel_futures=True)
        alive = [proc for proc in processes if proc.is_alive()]
        for proc in alive:  # freeze them all before any dies holding the queue's lock
            with contextlib.suppress(OSError):
                os.kill(proc.pid, signal.SIGSTOP)
        for proc in alive:
            proc.terminate()
            with contextlib.suppress(OSError):
                os.kill(proc.pid, signal.SIGCONT)
        for proc in processes:
            proc.join(timeout=2)
            if proc.is_alive():
                proc.kill()
                proc.join()
        executor.shutdown(wait=True)


def _worker_init(parent: int | None = None) -> None:
    """Worker set-up: Ctrl-C is the parent's business; the worker dies with the parent.

    SIGTERM keeps its default action (the worker ends at once: workers write no files, and
    unwinding from inside a queue read would release the queue's lock half-way through a
    message).  A worker whose parent dies (``kill -9``, a crash) is killed by the kernel
    (Linux ``PR_SET_PDEATHSIG``) or, elsewhere, exits within a second of noticing.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent is None:
        return
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                     name="cableformat-parent-watch").start()


def _die_with_parent() -> None:
    """Ask Linux to send this process SIGKILL when its parent exits (a no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _watch_parent(parent: int) -> None:
    """Exit once the parent is gone (re-parented processes see another parent id)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _exit_codes(procs: list[Any], wait: float = 2.0) -> list[int | None]:
    """Exit codes of a broken pool's processes.

    The executor's own thread reaps dead workers too; when it wins the race our ``join``
    returns early and the code appears a moment later on the shared process object.
    """
    deadline = time.monotonic() + wait
    for proc in procs:
        proc.join(timeout=max(0.0, deadline - time.monotonic()))
    while any(p.exitcode is None for p in procs) and time.monotonic() < deadline:
        time.sleep(0.01)
    return [p.exitcode for p in procs]


def _death(exit_codes: list[int | None]) -> str:
    """How a worker died, from the exit codes of the broken pool's processes."""
    for code in exit_codes:  # a signal other than the SIGTERM the executor sends the rest
        if code is not None and code < 0 and code != -signal.SIGTERM:
            return f"killed by signal {-code}"
    for code in exit_codes:
        if code is not None and code < 0:
            return f"killed by signal {-code}"
    for code in exit_codes:
        if code:
            return f"exit status {code}"
    return "it exited"


# -- the validate task -----------------------------------------------------------------------


#: Characters kept around a diagnostic's column in an excerpt line (the text report shows
#: at most 160 around the column; the rest of a long line is not sent back).
EXCERPT_BEFORE = 200
EXCERPT_AFTER = 400


@dataclass(slots=True)
class LocatedText:
    """Stands in for a Source once the worker is done: the positions and lines reporters use.

    ``lines`` maps a line number to ``(length, segments)``: the line's length and the pieces
    of it kept around diagnostics (``(column offset, text)``); :meth:`file_line` rebuilds a
    line of the same length with the kept pieces in place, so columns stay exact.
    """

    positions: dict[int, tuple[int, int]] = field(default_factory=dict)
    lines: dict[int, tuple[int, list[tuple[int, str]]]] = field(default_factory=dict)
    #: Cable-text offset -> :meth:`Source.cable_line_window` (the decoded cable line).
    cable_lines: dict[int, tuple[int, int, str]] = field(default_factory=dict)

    def cable_line_window(self, offset: int) -> tuple[int, int, str] | None:
        """The kept cable line around ``offset`` (see :meth:`Source.cable_line_window`)."""
        return self.cable_lines.get(offset)

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a cable-text offset recorded by the worker."""
        return self.positions.get(offset, (1, 1))

    def file_line(self, line: int) -> str:
        """The input file's line ``line``, as far as it was kept (spaces elsewhere)."""
        length, segments = self.lines.get(line, (0, []))
        if len(segments) == 1 and segments[0][0] == 0 and len(segments[0][1]) == length:
            return segments[0][1]
        chars = [" "] * length
        for lo, text in segments:
            chars[lo : lo + len(text)] = text
        return "".join(chars)

    def keep(self, line: int, text: str, column: int) -> None:
        """Record the part of ``text`` (line ``line``) around 0-based ``column``."""
        lo = max(0, column - EXCERPT_BEFORE)
        hi = min(len(text), column + EXCERPT_AFTER)
        if lo == 0 and hi == len(text):
            self.lines[line] = (len(text), [(0, text)])
            return
        _, segments = self.lines.setdefault(line, (len(text), []))
        if any(a <= lo and hi <= a + len(t) for a, t in segments):
            return
        segments.append((lo, text[lo:hi]))


@dataclass(slots=True)
class CompactResult(CableResult):
    """A :class:`CableResult` small enough to cross processes: no cable, no full text.

    ``source`` is a :class:`LocatedText` (or ``None`` for unreadable and crashed inputs),
    ``cable`` is always ``None``; the reference ID, year and office are kept for reports.
    """

    ref_id: str | None = None
    year: int | None = None
    office: str | None = None
    #: Set when the cable could not be checked (task exception, dead worker): a bug.
    internal_error: str | None = None

    @property
    def reference_id(self) -> str | None:
        """The cable's reference ID, when one is known."""
        return self.ref_id

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle as plain tuples: results cross from the workers for every cable, and the
        default (slotted, frozen dataclasses, an enum per diagnostic) costs several times
        more to load in the parent."""
        located = self.source
        where = ((located.positions, located.lines, located.cable_lines)
                 if isinstance(located, LocatedText) else None)
        diags = [(d.code, d.severity.value, d.message, d.start, d.end, d.hint, d.fix)
                 for d in self.diagnostics]
        return _compact_result, (self.path, where, diags, self.read_error, self.ref_id,
                                 self.year, self.office, self.internal_error)


_SEVERITIES = {s.value: s for s in Severity}


def _compact_result(
    path: str,
    where: tuple[dict[int, tuple[int, int]], dict[int, tuple[int, list[tuple[int, str]]]],
                 dict[int, tuple[int, int, str]]] | None,
    diags: list[tuple[Any, ...]],
    read_error: str | None,
    ref_id: str | None,
    year: int | None,
    office: str | None,
    internal_error: str | None,
) -> CompactResult:
    """Rebuild a :class:`CompactResult` from :meth:`CompactResult.__reduce__`'s tuples."""
    located = LocatedText(where[0], where[1], where[2]) if where is not None else None
    sev = _SEVERITIES
    diagnostics = [Diagnostic(c, sev[s], m, a, b, h, f) for c, s, m, a, b, h, f in diags]
    return CompactResult(path, located, None, diagnostics, read_error,  # type: ignore[arg-type]
                         ref_id=ref_id, year=year, office=office, internal_error=internal_error)


@lru_cache(maxsize=8)
def _rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> list[Rule]:
    from cableformat.rules import select_rules

    return select_rules(select, ignore)


@dataclass(frozen=True, slots=True)
class CheckTask:
    """Validate: parse a cable, run the selected rules, return a :class:`CompactResult`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    #: Keep the input lines diagnostics point at (for the text report's excerpts).
    excerpts: bool = True

    def __call__(self, path: str, source: Source) -> CompactResult:
        """Parse and check one cable."""
        from cableformat.parser import parse_source
        from cableformat.rules import Context, run_rules

        cable = parse_source(source, blocks=False)  # the rules never read the text blocks
        diagnostics = run_rules(cable, _rules(self.select, self.ignore), Context(self.strict))
        return compact_result(path, source, cable, diagnostics, excerpts=self.excerpts)

    def unreadable(self, path: str, error: ReadError) -> CompactResult:
        """One error diagnostic for the input, counted as unreadable."""
        diag = Diagnostic(error.code, Severity.ERROR, error.message, 0, 0)
        return CompactResult(path, None, None, [diag], read_error=error.message)

    def crashed(self, path: str, message: str) -> CompactResult:
        """An ``X999`` error for a cable that could not be checked."""
        diag = Diagnostic("X999", Severity.ERROR, message, 0, 0)
        return CompactResult(path, None, None, [diag], internal_error=message)


def compact_result(
    path: str, source: Source, cable: Cable, diagnostics: list[Diagnostic], *, excerpts: bool
) -> CompactResult:
    """Locate every diagnostic in the input file and drop the cable and the text."""
    # Every start and end, in first-use order; located together (in file order, one pass).
    offsets = dict.fromkeys(o for d in diagnostics for o in (d.start, max(d.end, d.start)))
    located = LocatedText(source.locate_all(offsets))
    if excerpts:
        for diag in diagnostics:
            line, column = located.positions[diag.start]
            located.keep(line, source.line_around(diag.start), column - 1)
            located.cable_lines[diag.start] = source.cable_line_window(diag.start)
    year, office = cable_year_office(cable)
    return CompactResult(
        path, located, None, diagnostics,  # type: ignore[arg-type]  # LocatedText quacks
        ref_id=cable.reference_id, year=year, office=office,
    )


def cable_year_office(cable: Cable) -> tuple[int | None, str | None]:
    """The cable's year (DTG, wrapper date, reference ID) and office (reference ID, wrapper)."""
    from cableformat import grammar

    year: int | None = None
    office: str | None = None
    try:
        date = cable.date
        year = date.year if date is not None else None
    except Exception:  # an odd date must not cost the result
        year = None
    m = grammar.RE_REFERENCE_ID.match(cable.reference_id or "")
    if m:
        office = m.group("origin")
        if year is None:
            yy = int(m.group("yy"))
            year = 1900 + yy if yy >= 66 else 2000 + yy
    if office is None and cable.wrapper is not None and cable.wrapper.origin:
        office = cable.wrapper.origin.strip() or None
    if office is None and cable.body is not None and cable.body.banner is not None:
        office = cable.body.banner.office
    return year, office
