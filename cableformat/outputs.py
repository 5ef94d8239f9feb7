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
import hashlib
import json
import os
import secrets
import stat
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
    "safe_stem",
    "unit_key",
    "write_bytes_atomic",
    "write_text_atomic",
]

TEMP_SUFFIX = ".tmp"
#: How text outputs encode what UTF-8 cannot (lone surrogates): as on standard output.
TEXT_ERRORS = "backslashreplace"
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


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

    Only a new path or a regular file is replaced that way: a symlink is followed (its
    target is written), an existing file keeps its permissions, and a file with other hard
    links, a FIFO, a device or any other special file is written in place, never replaced.
    Text that cannot be encoded (lone surrogates from a file name that is not UTF-8) is
    written as ``\\uXXXX`` escapes, as on standard output.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1):
        return _in_place(target, mode, encoding, fsync)
    return _atomic(target, mode, encoding, fsync, info)


@contextlib.contextmanager
def _in_place(target: Path, mode: str, encoding: str, fsync: bool) -> Iterator[IO]:  # type: ignore[type-arg]
    """Write straight into an existing special file (or a hard-linked one)."""
    if mode == "wb":
        handle: IO = open(target, "wb")  # type: ignore[type-arg]  # noqa: SIM115
    else:
        handle = open(target, "w", encoding=encoding, errors=TEXT_ERRORS, newline="")  # noqa: SIM115
    with handle:
        yield handle
        handle.flush()
        if fsync:
            with contextlib.suppress(OSError):  # a device or a FIFO cannot be synced
                os.fsync(handle.fileno())


@contextlib.contextmanager
def _atomic(target: Path, mode: str, encoding: str, fsync: bool,  # type: ignore[type-arg]
            info: os.stat_result | None) -> Iterator[IO]:  # type: ignore[type-arg]
    target.parent.mkdir(parents=True, exist_ok=True)
    # The name is chosen before the file exists, and the file is created inside the
    # ``try``: an interrupt at any point leaves no temporary file behind.
    temp = ""
    try:
        while True:
            temp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o600)
                break
            except FileExistsError:
                temp = ""
        if mode == "wb":
            handle: IO = os.fdopen(fd, "wb")  # type: ignore[type-arg]
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, errors=TEXT_ERRORS, newline="")
        with handle:
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        # an existing file keeps its permissions; a new one gets the umask's
        os.chmod(temp, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        if temp:
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


def remove_stale_temporaries(directory: str | os.PathLike[str], *, recursive: bool = True
                             ) -> int:
    """Delete temporary files left under ``directory`` by a killed run; return how many.

    Only regular files named like this module's temporaries (``.NAME.XXXX.tmp``) go; a
    symlinked directory is not entered.
    """
    removed = 0
    for root, dirs, files in os.walk(directory):
        if not recursive:
            dirs.clear()
        for name in files:
            path = os.path.join(root, name)
            if name.startswith(".") and name.endswith(TEMP_SUFFIX) and os.path.isfile(path) \
                    and not os.path.islink(path):
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    removed += 1
    return removed


JOURNAL_NAME = ".cableformat-done.jsonl"
LOCK_NAME = ".cableformat.lock"
#: Longest output stem kept whole, in UTF-8 bytes (file names stop at 255 bytes).
MAX_STEM_BYTES = 150
#: Names Windows reserves in every directory, whatever the extension.
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{base}{n}" for base in ("COM", "LPT") for n in "123456789\u00b9\u00b2\u00b3"}
)


class OutputError(OSError):
    """An output path that cannot be used (not a regular file, locked by another run)."""


def open_regular(path: str | os.PathLike[str], flags: int, mode: int = 0o666) -> int:
    """Open ``path`` without following a symlink and without blocking; regular files only.

    Raises :class:`OutputError` for a symlink, a FIFO, a device or a directory.
    """
    try:
        fd = os.open(path, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC, mode)
    except OSError as exc:
        if os.path.islink(path):
            raise OutputError(exc.errno, f"{path} is a symbolic link") from None
        if os.path.isdir(path):
            raise OutputError(exc.errno, f"{path} is a directory") from None
        raise
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            raise OutputError(0, f"{path} is not a regular file")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def safe_stem(stem: str) -> str:
    """An output file stem that any filesystem takes: short enough, not a reserved name.

    A stem longer than :data:`MAX_STEM_BYTES` is cut and given a hash of the whole, so
    distinct long reference IDs keep distinct names; ``CON`` and the like get a ``_``.
    """
    if len(stem.encode("utf-8", "surrogateescape")) > MAX_STEM_BYTES:
        digest = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        stem = stem.encode("utf-8", "surrogateescape")[: MAX_STEM_BYTES - 17].decode(
            "utf-8", "ignore") + "-" + digest
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = "_" + stem
    return stem


def valid_output_name(name: object) -> bool:
    """Whether a journal entry names a plain file of the output directory (no path)."""
    return (
        isinstance(name, str) and bool(name) and name not in (".", "..")
        and not name.startswith(".") and "/" not in name and "\\" not in name
        and "\0" not in name and len(name.encode("utf-8", "surrogateescape")) <= 255
    )


class DirectoryLock:
    """An exclusive lock on an output directory (``DIR/.cableformat.lock``, ``flock``).

    A second run into the same directory fails at once with :class:`OutputError` instead
    of overwriting the first one's files.  The lock goes with the process.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`OutputError`."""
        fd = open_regular(self.path, os.O_RDWR | os.O_CREAT)
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no locking
            pass
        except OSError:
            os.close(fd)
            raise OutputError(0, f"another cableformat run is writing to {self.path.parent}"
                              ) from None
        self._fd = fd

    def release(self) -> None:
        """Drop the lock."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Journal:
    """The finished units of a run into an output directory (``.cableformat-done.jsonl``).

    One JSON line per unit of input (a file, or one record of a streamed CSV), appended once
    every output of the unit is in place: ``{"key": ..., "sig": ..., "outputs": [names]}``,
    and one ``{"key": ..., "claim": name}`` line before each output is written.  The key
    names the unit (the input's absolute path and the unit's ordinal in it); ``sig`` is
    the input's size and modification time (and the record's size), so a unit whose input
    changed is converted again, into the names it had.  The file is hidden (readers walking
    the directory skip it), opened without following a symlink, and must be a regular
    file; entries naming anything but a plain file of the directory are ignored.  Lines are
    written whole (one ``write``); a line cut short (a killed run, a full disk) is ignored
    when loading and ended before the next record is appended.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory) / JOURNAL_NAME
        self._fd: int | None = None
        self._torn = False
        #: Names each key claimed (written or about to be), from :meth:`load`.
        self.claims: dict[str, set[str]] = {}

    def load(self) -> dict[str, tuple[str, list[str]]]:
        """Key -> (signature, output names) of every finished unit (the last record wins)."""
        done: dict[str, tuple[str, list[str]]] = {}
        try:
            fd = open_regular(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return done
        with os.fdopen(fd, "rb") as handle:
            for raw in handle:
                try:
                    entry = json.loads(raw)
                except ValueError:
                    continue  # a line cut short by a killed run, or not ours
                if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
                    continue
                key = entry["key"]
                claim, outputs, sig = entry.get("claim"), entry.get("outputs"), entry.get("sig")
                if claim is not None:
                    if valid_output_name(claim):
                        self.claims.setdefault(key, set()).add(claim)
                elif isinstance(outputs, list) and isinstance(sig, str) and all(
                    valid_output_name(name) for name in outputs
                ):
                    done[key] = (sig, outputs)
                    self.claims.setdefault(key, set()).update(outputs)
        return done

    def record(self, key: str, sig: str, outputs: list[str]) -> None:
        """Append that the unit ``key`` (input signature ``sig``) became ``outputs``."""
        self._write({"key": key, "sig": sig, "outputs": outputs})

    def claim(self, key: str, name: str) -> None:
        """Append that the unit ``key`` is about to write ``name``."""
        self._write({"key": key, "claim": name})

    def _write(self, entry: dict[str, object]) -> None:
        if self._fd is None:
            self._fd = open_regular(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
            size = os.fstat(self._fd).st_size
            if size and os.pread(self._fd, 1, size - 1) != b"\n":
                self._torn = True  # the last line of an earlier run was cut short
        data = (json.dumps(entry, ensure_ascii=True) + "\n").encode("ascii")
        if self._torn:
            data = b"\n" + data
        self._torn = True  # until the whole line is written
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]
        self._torn = False

    def close(self) -> None:
        """Close the journal file (records are written as they come)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def unit_key(path: str, ordinal: int) -> str:
    """The journal key of the ``ordinal``-th unit (0-based) read from ``path``."""
    return f"{os.path.abspath(path)}\t{ordinal}"


def input_signature(path: str, unit_size: int) -> str:
    """What must not change for a unit's outputs to be kept: its file's size and mtime."""
    try:
        info = os.stat(path)
    except OSError:
        return f"?:{unit_size}"
    return f"{info.st_size}:{info.st_mtime_ns}:{unit_size}"
