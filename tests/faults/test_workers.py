"""Fault injection: the worker pool under stress, killed parents, signals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cableformat.batch import map_cables
from cableformat.source import ReadError, Source

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class EchoTask:
    """A trivial picklable task: the cable's path."""

    def __call__(self, path: str, source: Source) -> str:
        return path

    def unreadable(self, path: str, error: ReadError) -> str:
        return path

    def crashed(self, path: str, message: str) -> str:
        return path


def test_pool_shutdown_leaves_no_worker_traceback(tmp_path: Path, capfd: pytest.CaptureFixture[str]
                                                  ) -> None:
    """Many short pooled runs: no ``EOFError: Ran out of input`` from a worker at shutdown.

    Terminating idle workers while they read their shutdown sentinels let a worker unwind
    (SystemExit) half-way through a message and release the queue's lock, so the next one
    read a pickle's bytes as a length and then an empty pickle.
    """
    files = []
    for i in range(8):
        path = tmp_path / f"c{i}.txt"
        path.write_text(f"cable {i}\n")
        files.append(str(path))
    for _ in range(12):
        results = list(map_cables(EchoTask(), files, jobs=2, batch_size=1))
        assert results == files
    err = capfd.readouterr().err
    assert "Traceback" not in err and "EOFError" not in err
