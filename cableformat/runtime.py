"""The process around a command: signals, closed standard streams, environment errors.

* SIGTERM (``timeout``, CI, systemd) is handled like Ctrl-C: it raises :class:`Terminated`
  (a ``KeyboardInterrupt``), so every ``finally`` and atomic write unwinds and no temporary
  file is left; the command exits with status 143.
* A standard stream the process was started without (``>&-``) becomes a stream whose
  writes fail with ``EBADF``, an environment error like a full disk.
* Environment errors (``OSError``: no space left, a closed or broken output) are exit
  status 2 with one line, never "please report this bug".
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

__all__ = ["ClosedStream", "Terminated", "environment_error", "prepare", "silence_stdout"]


class Terminated(KeyboardInterrupt):
    """The process received SIGTERM (handled like Ctrl-C; exit status 143)."""


class ClosedStream(io.TextIOBase):
    """Stands in for a standard stream that is closed: every write is ``EBADF``."""

    def __init__(self, name: str) -> None:
        self._name = name

    @property
    def name(self) -> str:  # type: ignore[override]
        """The stream's name."""
        return self._name

    def write(self, text: str) -> int:
        """Fail: nothing can be written."""
        raise OSError(errno.EBADF, f"{self._name} is closed")

    def writable(self) -> bool:
        """Nothing can be written, but the stream is meant for writing."""
        return True

    def isatty(self) -> bool:
        """Not a terminal."""
        return False


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def prepare() -> Callable[[], None]:
    """Install the SIGTERM handler (main thread only) and stand-ins for closed streams.

    Returns the function that puts the previous SIGTERM handler back (``main`` calls it
    on the way out, so a program calling ``main`` keeps its own handling).
    """
    restore: Callable[[], None] = _nothing
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(ValueError, OSError):
            if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
                signal.signal(signal.SIGTERM, _terminate)
                restore = _default_sigterm
    if sys.stdout is None:
        sys.stdout = ClosedStream("standard output")
    if sys.stderr is None:
        sys.stderr = ClosedStream("standard error")
    return restore


def _nothing() -> None:
    return None


def _default_sigterm() -> None:
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def environment_error(exc: OSError) -> str:
    """One line saying what went wrong outside cableformat."""
    what = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename:
        return f"{exc.filename}: {what}"
    return f"{what} (an environment error, not a bug in cableformat)"


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
