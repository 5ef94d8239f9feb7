"""The command line on a real pseudo-terminal: report on stdout, progress bar on stderr.

Each test runs ``python -m cableformat`` as a child process whose standard error (and, for
some, standard output) is a pseudo-terminal from :func:`os.openpty`, as when a person types
the command; what the terminal received is read back from the master side.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CLEAR = "\r\x1b[2K"

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def _on_terminal(
    argv: list[str], *, stdout_file: Path | None = None, env: dict[str, str] | None = None,
    cwd: Path = ROOT,
) -> tuple[int, str]:
    """Run the CLI with stderr (and stdout unless ``stdout_file``) on a pseudo-terminal."""
    master, slave = os.openpty()
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", **(env or {})}
    environment.pop("NO_COLOR", None)
    out = open(stdout_file, "wb") if stdout_file else slave  # noqa: SIM115
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cableformat", *argv],
            stdin=subprocess.DEVNULL, stdout=out, stderr=slave, env=environment, cwd=cwd,
        )
    finally:
        os.close(slave)
        if stdout_file:
            out.close()  # type: ignore[union-attr]
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    code = proc.wait(timeout=120)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_redirected_report_goes_to_the_file_not_the_screen(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    code, screen = _on_terminal(
        ["validate", "--format", "json", "--jobs", "1", str(SAMPLES)], stdout_file=report,
        env={"CABLEFORMAT_PROGRESS_AFTER": "0"},
    )
    import json

    data = json.loads(report.read_text())  # the whole report, nothing of the bar
    assert data["summary"]["cables"] == 4
    assert '"summary"' not in screen  # the screen got the bar only
    assert code == 1


def test_bar_is_cleared_before_the_first_report_line() -> None:
    _code, screen = _on_terminal(
        ["validate", "--jobs", "1", "--color", "never", str(SAMPLES)],
        env={"CABLEFORMAT_PROGRESS_AFTER": "0"},
    )
    assert "cables/s" in screen  # the bar was drawn
    first = screen.index(str(SAMPLES))
    before = screen[:first]
    assert before.endswith(CLEAR), repr(before[-120:])  # erased just before the report
    assert screen.rstrip().splitlines()[-1].startswith("Found ")
    assert "cables/s" not in screen.rsplit("Found ", 1)[1]  # no bar left after the summary


def test_no_bar_for_a_short_run() -> None:
    # a run shorter than the threshold (set far above this run's length, so that a loaded
    # machine cannot make the run long enough to show the bar)
    _code, screen = _on_terminal(["validate", "--jobs", "1", str(SAMPLES / "09BAKU443.txt")],
                                 env={"CABLEFORMAT_PROGRESS_AFTER": "60"})
    assert "cables/s" not in screen and CLEAR not in screen
    assert "Found " in screen


def test_colour_on_a_terminal_and_with_force_color(tmp_path: Path) -> None:
    _, screen = _on_terminal(["validate", "--jobs", "1", str(SAMPLES / "synthetic-malformed.txt")])
    assert "\x1b[" in screen.replace(CLEAR, "")
    piped = subprocess.run(
        [sys.executable, "-m", "cableformat", "validate", "-q", "--jobs", "1",
         str(SAMPLES / "synthetic-malformed.txt")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FORCE_COLOR": "1", "NO_COLOR": ""},
    )
    assert "\x1b[" in piped.stdout
    plain = subprocess.run(
        [sys.executable, "-m", "cableformat", "validate", "-q", "--jobs", "1",
         str(SAMPLES / "synthetic-malformed.txt")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FORCE_COLOR": "1", "NO_COLOR": "1"},
    )
    assert "\x1b[" not in plain.stdout


def test_convert_bar_advances_and_ends_with_one_summary_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, screen = _on_terminal(
        ["convert", "--to", "json", "--jobs", "1", "--output-dir", str(out), str(SAMPLES)],
        env={"CABLEFORMAT_PROGRESS_AFTER": "0"},
    )
    assert code == 0, screen
    assert len(list(out.glob("*.json"))) == 4
    drawn = [int(n) for n in re.findall(r"\x1b\[2K([0-9,]+) cables ", screen)]
    assert drawn and max(drawn) > 0  # the bar counted the cables as they were converted
    assert screen.count("converted 4 cables to json") == 1
    assert screen.rstrip().endswith(f"converted 4 cables to json ({out})")


def test_convert_of_a_non_cable_fails_on_the_terminal(tmp_path: Path) -> None:
    shopping = tmp_path / "list.txt"
    shopping.write_text("eggs\nmilk\nbread\n")
    code, screen = _on_terminal(["convert", "--to", "json", str(shopping)])
    assert code == 2
    assert "not a cable" in screen and "X010" in screen
    assert '"reference_id"' not in screen


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1)")
def test_pipe_from_a_terminal_session_reaches_the_pipe(tmp_path: Path) -> None:
    """``validate ... | tail`` typed at a terminal: tail sees the report (script(1))."""
    command = (f"{sys.executable} -m cableformat validate --jobs 1 --format concise "
               f"{SAMPLES} | tail -n 1 > {tmp_path / 'tail.txt'}")
    subprocess.run(["script", "-qec", command, "/dev/null"], cwd=ROOT, timeout=120,
                   env={**os.environ, "PYTHONPATH": str(ROOT),
                        "CABLEFORMAT_PROGRESS_AFTER": "0"},
                   stdout=subprocess.DEVNULL, check=False)
    assert (tmp_path / "tail.txt").read_text().startswith("Found ")
