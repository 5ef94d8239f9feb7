"""A progress bar for corpus runs: cables, cables/s, errors so far, ETA (by bytes read).

The bar goes to standard error, and only when standard error is a terminal and not with
``--quiet``; otherwise :class:`RunProgress` does nothing at all.  It appears only once a
run has lasted :data:`SHOW_AFTER` seconds (a short run needs none), is redrawn from the
consuming loop at most ten times a second (no background thread: worker processes are
forked while it runs), and is erased before anything else is written to the terminal:
wrap the report's stream with :meth:`RunProgress.clearing` so each report line first clears
the bar (it is drawn again, below the line, at the next refresh).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, TextIO

from cableformat.diagnostics import Severity

__all__ = ["RunProgress", "progress_enabled"]

REFRESH_SECONDS = 0.1
#: Seconds a run must last before the bar is shown (``CABLEFORMAT_PROGRESS_AFTER``
#: overrides it, e.g. 0 to see the bar on a short run).
SHOW_AFTER = 0.5
_BAR_CELLS = 24
_CLEAR = "\r\x1b[2K"


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
        self,
        enabled: bool,
        total_bytes: int | None = None,
        *,
        stream: TextIO | None = None,
        show_after: float | None = None,
    ) -> None:
        self.enabled = enabled
        self.cables = 0
        self.errors = 0
        self.total_bytes = total_bytes or None
        self._bytes = 0
        self._start = time.perf_counter()
        self._last = 0.0
        self._show_after = show_after if show_after is not None else _show_after()
        self._stream = stream if stream is not None else sys.stderr
        self._drawn = False  # the bar is on the screen now

    def __enter__(self) -> RunProgress:
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.clear()

    def watch(self, results: Iterable[Any]) -> Iterator[Any]:
        """Yield ``results`` unchanged, counting cables and errors."""
        for result in results:
            self.cables += 1
            self.errors += sum(
                1 for d in getattr(result, "diagnostics", ())
                if Severity(d.severity) is Severity.ERROR
            )
            if self.enabled:
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

    def clear(self) -> None:
        """Erase the bar if it is on the screen (it comes back at the next refresh)."""
        if self._drawn:
            with contextlib.suppress(OSError, ValueError):
                self._stream.write(_CLEAR)
                self._stream.flush()
            self._drawn = False

    def clearing(self, out: TextIO) -> TextIO:
        """``out``, but every write first erases the bar (for the report's stream)."""
        return _Clearing(out, self) if self.enabled else out  # type: ignore[return-value]

    def line(self) -> str:
        """The bar's text: cables, a bar by bytes, cables/s, errors, elapsed, ETA."""
        elapsed = time.perf_counter() - self._start
        parts = [f"{self.cables:,} cables"]
        eta = ""
        if self.total_bytes:
            share = min(1.0, self._bytes / self.total_bytes)
            full = int(share * _BAR_CELLS)
            parts.append("[" + "#" * full + "-" * (_BAR_CELLS - full) + f"] {share:4.0%}")
            if 0 < share < 1:
                eta = f" ETA {_clock(elapsed / share - elapsed)}"
        parts.append(f"{self.rate:,.0f} cables/s")
        parts.append(f"{self.errors:,} errors")
        return "  ".join(parts) + f"  {_clock(elapsed)}{eta}"

    def _refresh(self, force: bool = False) -> None:
        now = time.perf_counter()
        if now - self._start < self._show_after and not force:
            return
        if not force and now - self._last < REFRESH_SECONDS:
            return
        self._last = now
        with contextlib.suppress(OSError, ValueError):
            self._stream.write(_CLEAR + self.line())
            self._stream.flush()
            self._drawn = True


class _Clearing:
    """A text stream that erases the progress bar before each write."""

    def __init__(self, out: TextIO, progress: RunProgress) -> None:
        self._out = out
        self._progress = progress

    def write(self, text: str) -> int:
        self._progress.clear()
        return self._out.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def _show_after() -> float:
    try:
        return float(os.environ.get("CABLEFORMAT_PROGRESS_AFTER", SHOW_AFTER))
    except ValueError:
        return SHOW_AFTER


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def total_bytes(paths: Iterable[str]) -> int | None:
    """Sum of the sizes of the files named or found under directories (for the ETA)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            from cableformat.readers import _walk  # the files the run will read

            for name in _walk(path, set()):
                with contextlib.suppress(OSError):
                    total += os.stat(name).st_size
        else:
            with contextlib.suppress(OSError):
                total += os.stat(path).st_size
    return total
