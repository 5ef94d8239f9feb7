"""A progress bar for corpus runs: cables, cables/s, errors so far, ETA (by bytes read).

Shown only on a terminal (standard error is a TTY) and never with ``--quiet``; otherwise
:class:`RunProgress` does nothing at all.  The bar is redrawn from the consuming loop, at
most ten times a second, with no background thread (worker processes are forked while it
runs, and a fork must not copy a lock held by another thread).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from cableformat.diagnostics import CableResult, Severity

__all__ = ["RunProgress", "progress_enabled"]

REFRESH_SECONDS = 0.1


def progress_enabled(quiet: bool, stream: TextIO | None = None) -> bool:
    """Whether to draw a bar: not ``quiet`` and ``stream`` (default stderr) is a terminal."""
    if quiet:
        return False
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


class RunProgress:
    """Counts results as they stream past and draws the bar when enabled.

    Use as a context manager; wrap the results with :meth:`watch` and report the bytes of
    each finished input with :meth:`advance_bytes` (the engine's ``on_unit`` hook).
    """

    def __init__(
        self, enabled: bool, total_bytes: int | None = None, *, stream: TextIO | None = None
    ) -> None:
        self.enabled = enabled
        self.cables = 0
        self.errors = 0
        self._bytes = 0
        self._start = time.perf_counter()
        self._last = 0.0
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if enabled:
            console = Console(file=stream if stream is not None else sys.stderr)
            self._progress = Progress(
                TextColumn("[bold]{task.fields[cables]:,}[/] cables"),
                BarColumn(),
                TextColumn("{task.fields[rate]:,.0f} cables/s"),
                TextColumn("[red]{task.fields[errors]:,} errors"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                auto_refresh=False,
                transient=True,
                redirect_stdout=True,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task(
                "check", total=total_bytes or None, cables=0, rate=0.0, errors=0
            )

    def __enter__(self) -> RunProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._refresh(force=True)
            self._progress.stop()

    def watch(self, results: Iterable[CableResult]) -> Iterator[CableResult]:
        """Yield ``results`` unchanged, counting cables and errors."""
        for result in results:
            self.cables += 1
            self.errors += sum(
                1 for d in result.diagnostics if Severity(d.severity) is Severity.ERROR
            )
            if self._progress is not None:
                self._refresh()
            yield result

    def advance_bytes(self, size: int) -> None:
        """Record that ``size`` more input bytes are done."""
        self._bytes += size

    @property
    def rate(self) -> float:
        """Cables per second so far."""
        elapsed = time.perf_counter() - self._start
        return self.cables / elapsed if elapsed > 0 else 0.0

    def _refresh(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last < REFRESH_SECONDS:
            return
        self._last = now
        assert self._progress is not None and self._task is not None
        self._progress.update(
            self._task, completed=self._bytes, cables=self.cables, rate=self.rate,
            errors=self.errors,
        )
        self._progress.refresh()


def total_bytes(paths: Iterable[str]) -> int | None:
    """Sum of the sizes of the files named or found under directories (for the ETA)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if not name.startswith("."):
                        with contextlib.suppress(OSError):
                            total += os.stat(os.path.join(root, name)).st_size
        else:
            with contextlib.suppress(OSError):
                total += os.stat(path).st_size
    return total
