"""Output files that are either complete or absent: atomic writes and ``--resume``.

Every output is written to a hidden temporary file next to its target (``.NAME.XXXX.tmp``)
and renamed over the target only once it is complete, so Ctrl-C, a killed worker or a full
disk never leave a partial file under the real name.  A finished output is therefore simply
one that exists: :func:`is_finished` is the ``--resume`` test.  Temporary files of a run that
was killed outright (``kill -9``: no cleanup runs) are hidden (the readers skip them) and
removed by :func:`remove_stale_temporaries`.

A run into an output directory also keeps a :class:`Journal` there: which units of input it
finished and the files they became, so that ``--resume`` skips those inputs before reading
them instead of converting everything again to find the outputs that are missing.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, overload

__all__ = [
    "JOURNAL_NAME",
    "TEMP_SUFFIX",
    "Journal",
    "atomic_write",
    "is_finished",
    "remove_stale_temporaries",
    "unit_key",
    "write_bytes_atomic",
    "write_text_atomic",
]

TEMP_SUFFIX = ".tmp"


@overload
def atomic_write(
    path: str | os.PathLike[str], mode: Literal["w"] = "w", *, encoding: str = "utf-8",
    fsync: bool = False,
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def atomic_write(
    path: str | os.PathLike[str], mode: Literal["wb"], *, encoding: str = "utf-8",
    fsync: bool = False,
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str = "utf-8",
    fsync: bool = False,
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """Open ``path`` for writing through a temporary file renamed into place on success.

    On any exception (``KeyboardInterrupt`` and ``SystemExit`` included) the temporary file
    is removed and the target is left as it was.  Parent directories are created.  ``fsync``
    flushes the data to disk before the rename (durable against power loss, slower).
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")
    return _atomic(Path(path), mode, encoding, fsync)


@contextlib.contextmanager
def _atomic(target: Path, mode: str, encoding: str, fsync: bool) -> Iterator[IO]:  # type: ignore[type-arg]
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX
    )
    try:
        if mode == "wb":
            handle: IO = os.fdopen(fd, "wb")  # type: ignore[type-arg]
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="")
        with handle:
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@functools.cache
def _umask() -> int:
    """The process umask (read once: reading it means setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_write(path, "w", encoding=encoding) as out:
        out.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write(path, "wb") as out:
        out.write(data)


def is_finished(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` exists: written atomically, an existing output is a complete one."""
    return os.path.isfile(path)


def remove_stale_temporaries(directory: str | os.PathLike[str]) -> int:
    """Delete temporary files left under ``directory`` by a killed run; return how many."""
    removed = 0
    for root, _dirs, files in os.walk(directory):
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed


JOURNAL_NAME = ".cableformat-done.jsonl"


class Journal:
    """The finished units of a run into an output directory (``.cableformat-done.jsonl``).

    One JSON line per unit of input (a file, or one record of a streamed CSV), appended once
    every output of the unit is in place: ``{"key": ..., "outputs": [names]}``.  The key is
    the input's absolute path, the unit's ordinal among that path's units and its size, so
    an input that changed size is converted again.  The file is hidden, so readers walking
    the directory skip it; a line cut short by a killed run is ignored when loading.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory) / JOURNAL_NAME
        self._handle: IO[str] | None = None

    def load(self) -> dict[str, list[str]]:
        """Key -> output names of every unit recorded (the last record of a key wins)."""
        done: dict[str, list[str]] = {}
        try:
            with open(self.path, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        entry = json.loads(line)
                        key, outputs = entry["key"], entry["outputs"]
                    except (ValueError, TypeError, KeyError):
                        continue  # a line cut short by a killed run, or not ours
                    if isinstance(key, str) and isinstance(outputs, list) and all(
                        isinstance(name, str) for name in outputs
                    ):
                        done[key] = outputs
        except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
            pass
        return done

    def record(self, key: str, outputs: list[str]) -> None:
        """Append that the unit ``key`` is finished and became ``outputs``."""
        if self._handle is None:
            self._handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115
        self._handle.write(json.dumps({"key": key, "outputs": outputs}) + "\n")
        self._handle.flush()

    def close(self) -> None:
        """Close the journal file (records are flushed as they are written)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def unit_key(path: str, ordinal: int, size: int) -> str:
    """The journal key of the ``ordinal``-th unit (0-based) read from ``path``."""
    return f"{os.path.abspath(path)}\t{ordinal}\t{size}"
