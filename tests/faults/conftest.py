"""Fault-injection tests: shared fixtures (a real cable copied into a scratch directory)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES


@pytest.fixture
def cable(tmp_path: Path) -> Path:
    """A readable cable (09BAKU443) in a scratch input directory."""
    root = tmp_path / "in"
    root.mkdir()
    path = root / "baku.txt"
    shutil.copy(SAMPLES / "09BAKU443.txt", path)
    return path


@pytest.fixture
def isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a scratch directory that is its own project (no settings file applies)."""
    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").mkdir()
    monkeypatch.chdir(work)
    return work


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (device nodes)")
not_root = pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")


ROOT = Path(__file__).resolve().parents[2]


def cli_env() -> dict[str, str]:
    """The environment of a ``python -m cableformat`` subprocess running this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                     else "")
    env.pop("CABLEFORMAT_DEBUG", None)
    return env
