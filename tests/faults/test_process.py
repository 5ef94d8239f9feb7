"""Fault injection: the process around a run (a killed parent, SIGTERM, closed outputs)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.faults.conftest import ROOT, cli_env


def _children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = [p for p in pids if _alive(p)]
        if not pids:
            return []
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")

SLOW_RUN = textwrap.dedent("""
    import sys, time
    from dataclasses import dataclass
    from cableformat.batch import map_cables

    @dataclass(frozen=True)
    class Slow:
        def __call__(self, path, source):
            time.sleep(0.5)
            return path
        def unreadable(self, path, error):
            return path
        def crashed(self, path, message):
            return path

    for result in map_cables(Slow(), sys.argv[1:], jobs=2, batch_size=1):
        print(result, flush=True)
""")


@needs_proc
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    files = []
    for i in range(40):
        path = tmp_path / f"c{i:02d}.txt"
        path.write_text(f"cable {i}\n")
        files.append(str(path))
    parent = subprocess.Popen([sys.executable, "-c", SLOW_RUN, *files], env=cli_env(),
                              stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        parent.stdout.readline()  # the workers are running
        workers = _children(parent.pid)
        assert workers, "no worker processes found"
        parent.kill()  # kill -9: no cleanup runs in the parent
        parent.wait(10)
        left = _wait_gone(workers, 10)
        assert not left, "workers outlived their parent"
    finally:
        parent.kill()
        for pid in _children(parent.pid):
            os.kill(pid, signal.SIGKILL)


@needs_proc
def test_sigterm_is_handled_like_ctrl_c(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(100):
        shutil.copy(SAMPLES / "synthetic-unclas.txt", root / f"c{i:03d}.txt")
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    # the last input is a standard input that never ends: the run is still going
    proc = subprocess.Popen(
        [sys.executable, "-m", "cableformat", "validate", "-q", "--jobs", "2", "--format",
         "json", "-o", str(out), str(root), "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            list(out.parent.iterdir()) and _children(proc.pid)
        ):
            time.sleep(0.1)
        time.sleep(0.5)
        workers = _children(proc.pid)
        assert list(out.parent.iterdir()), "the run did not open its output"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 143, err
        assert b"terminated" in err and b"Traceback" not in err
        assert list(out.parent.iterdir()) == [], "a temporary file was left"
        assert not _wait_gone(workers, 10), "workers outlived the run"
    finally:
        proc.kill()


def test_full_disk_on_stdout_is_an_environment_error(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "cableformat", "validate", "--jobs", "1",
             str(SAMPLES / "09BAKU443.txt")],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, env=cli_env(),
            cwd=tmp_path,
        )
    assert proc.returncode == 2, proc.stderr
    assert "No space left on device" in proc.stderr and "report this bug" not in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_closed_stdout_is_an_environment_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cableformat", "validate", "--jobs", "1",
         str(SAMPLES / "09BAKU443.txt")],
        stderr=subprocess.PIPE, text=True, timeout=60, env=cli_env(), cwd=tmp_path,
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 2, proc.stderr
    assert "report this bug" not in proc.stderr and "closed" in proc.stderr


def test_cli_runs_this_checkout() -> None:
    """The subprocess tests above import this checkout, not another installed copy."""
    proc = subprocess.run([sys.executable, "-c", "import cableformat; print(cableformat.__file__)"],
                          capture_output=True, text=True, timeout=60, env=cli_env(), cwd="/")
    assert proc.stdout.strip().startswith(str(ROOT))
