"""Fault injection: where outputs go (-o, --html, --output-dir) and the --resume journal."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cableformat.cli import main
from cableformat.outputs import JOURNAL_NAME, Journal, atomic_write, unit_key
from tests.conftest import SAMPLES
from tests.faults.conftest import cli_env, needs_root

V = ["validate", "-q", "--jobs", "1"]


def _temporaries(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


# -- High 1: -o / --html replace what they are given -------------------------------------


def test_output_to_a_fifo_is_written_through_not_replaced(tmp_path: Path, cable: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code = main([*V, "--format", "json", "-o", str(fifo), str(cable)])
    if reader.is_alive():  # the report never reached the FIFO: unblock the reader
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(5)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert code in (0, 1) and json.loads(received[0])["summary"]["cables"] == 1


def test_output_through_a_symlink_writes_its_target(tmp_path: Path, cable: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert main([*V, "--format", "json", "-o", str(link), str(cable)]) in (0, 1)
    assert link.is_symlink(), "the symlink was replaced by a file"
    assert json.loads(target.read_text())["summary"]["cables"] == 1
    assert main(["report", "-q", "--jobs", "1", "--html", str(link), str(cable)]) == 0
    assert link.is_symlink() and target.read_text().startswith("<!")
    assert not _temporaries(tmp_path)


@needs_root
def test_output_to_a_device_is_written_in_place(tmp_path: Path, cable: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    assert main([*V, "-o", str(null), str(cable)]) in (0, 1)
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device became a regular file"


def test_convert_output_is_atomic(tmp_path: Path, cable: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from cableformat.cli import convert as cli_convert

    out = tmp_path / "out.xml"
    out.write_text("earlier output\n")

    def interrupted(doc: str) -> str:
        raise KeyboardInterrupt  # Ctrl-C while the document is being written

    monkeypatch.setattr(cli_convert, "_line", interrupted)
    assert main(["convert", "-q", "--jobs", "1", "--to", "xml", "-o", str(out),
                 str(cable)]) == 130
    assert out.read_text() == "earlier output\n", "an interrupted convert truncated its output"
    assert not _temporaries(tmp_path)
    monkeypatch.undo()
    assert main(["convert", "-q", "--jobs", "1", "--to", "xml", "-o", str(out),
                 str(cable)]) == 0
    assert out.read_text().startswith("<?xml") and not _temporaries(tmp_path)


# -- Low: permissions, hard links, temporary files ---------------------------------------


def test_output_over_a_file_keeps_its_permissions_and_hard_links(tmp_path: Path, cable: Path
                                                                ) -> None:
    out = tmp_path / "report.json"
    out.write_text("old\n")
    out.chmod(0o600)
    assert main([*V, "--format", "json", "-o", str(out), str(cable)]) in (0, 1)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600, "permissions widened"
    other = tmp_path / "other-name.json"
    os.link(out, other)
    assert main([*V, "--format", "jsonl", "-o", str(out), str(cable)]) in (0, 1)
    assert os.path.samefile(out, other), "the hard link was broken"
    assert other.read_text() == out.read_text() and not _temporaries(tmp_path)


def test_interrupt_right_after_the_temporary_file_is_created_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def open_then_interrupt(path, flags, mode=0o777, **kwargs):  # type: ignore[no-untyped-def]
        fd = real_open(path, flags, mode, **kwargs)
        if str(path).endswith(".tmp"):
            os.close(fd)
            raise KeyboardInterrupt  # Ctrl-C as the temporary file is created
        return fd

    monkeypatch.setattr(os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt), atomic_write(tmp_path / "out.txt") as handle:
        handle.write("x")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_resume_removes_temporaries_of_a_killed_run(tmp_path: Path, cable: Path) -> None:
    out = tmp_path / "out"
    assert main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                 str(cable)]) == 0
    stale = out / ".09BAKU443.json.ab12cd34.tmp"  # kill -9 between create and rename
    stale.write_text("half")
    assert main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                 "--resume", str(cable)]) == 0
    assert not stale.exists()


# -- Medium 4: two runs into one directory -------------------------------------------------


def test_second_run_into_a_locked_output_directory_exits_2(tmp_path: Path, cable: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".cableformat.lock", "w") as lock:  # a run in progress holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                     str(cable)]) == 2
    assert "another cableformat run" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == [".cableformat.lock"]


# -- Medium 5: file names too long, unwritable outputs ------------------------------------


def test_long_reference_id_gets_a_shortened_name(tmp_path: Path, cable: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from cableformat.cli import convert as cli_convert

    real_call = cli_convert.ConvertTask.__call__

    def long_stem(self, path, source):  # type: ignore[no-untyped-def]
        item = real_call(self, path, source)
        return cli_convert.Converted(item.label, item.reference_id, "09BAKU" + "4" * 400,
                                     item.document, item.row, item.errors)

    monkeypatch.setattr(cli_convert.ConvertTask, "__call__", long_stem)
    out = tmp_path / "out"
    for _ in range(2):  # the second run (and --resume) must not stop either
        assert main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                     "--resume", str(cable)]) == 0
    names = [p.name for p in out.iterdir() if not p.name.startswith(".")]
    assert len(names) == 1 and len(names[0].encode()) < 200 and names[0].startswith("09BAKU44")


def test_unwritable_output_is_an_error_for_that_cable_only(
    tmp_path: Path, cable: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import cableformat.outputs as outputs

    (cable.parent / "other.txt").write_text(
        (SAMPLES / "synthetic-unclas.txt").read_text())
    real = outputs.write_text_atomic

    def refuse_baku(path, text, **kwargs):  # type: ignore[no-untyped-def]
        if "BAKU" in str(path):
            raise OSError(36, "File name too long")
        return real(path, text, **kwargs)

    monkeypatch.setattr(outputs, "write_text_atomic", refuse_baku)
    out = tmp_path / "out"
    assert main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                 str(cable.parent)]) == 2
    assert "File name too long" in capsys.readouterr().err
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] != []


# -- Medium 6: the journal -----------------------------------------------------------------


def _convert_into(out: Path, cable: Path, *extra: str) -> int:
    return main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                 *extra, str(cable)])


def test_journal_symlink_is_refused_not_followed(tmp_path: Path, cable: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / JOURNAL_NAME).symlink_to(victim)
    assert _convert_into(out, cable) == 2
    assert victim.read_text() == "precious\n"


def test_journal_directory_exits_2(tmp_path: Path, cable: Path) -> None:
    out = tmp_path / "out"
    (out / JOURNAL_NAME).mkdir(parents=True)
    assert _convert_into(out, cable, "--resume") == 2


def test_journal_fifo_does_not_hang(tmp_path: Path, cable: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / JOURNAL_NAME)
    proc = subprocess.run(
        [sys.executable, "-m", "cableformat", "convert", "-q", "--jobs", "1", "--to", "json",
         "--output-dir", str(out), "--resume", str(cable)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, env=cli_env(),
    )
    assert proc.returncode == 2 and "not a regular file" in proc.stderr


def test_journal_entries_naming_paths_outside_the_directory_are_ignored(
    tmp_path: Path, cable: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "outside.json").write_text("not an output\n")
    info = cable.stat()
    sig = f"{info.st_size}:{info.st_mtime_ns}:{info.st_size}"
    entries = [  # the old key format and the new one, both naming a file outside DIR
        {"key": f"{cable.resolve()}\t0\t{info.st_size}", "outputs": ["../outside.json"]},
        {"key": unit_key(str(cable), 0), "sig": sig, "outputs": ["../outside.json"]},
    ]
    (out / JOURNAL_NAME).write_text("".join(json.dumps(e) + "\n" for e in entries))
    assert _convert_into(out, cable, "--resume") == 0
    assert (out / "09BAKU443.json").is_file(), "the input was skipped on a forged entry"


# -- Medium 10: --resume and changed inputs, colliding names -------------------------------


def test_resume_converts_an_input_changed_in_place_again(tmp_path: Path, cable: Path) -> None:
    out = tmp_path / "out"
    assert _convert_into(out, cable) == 0
    text = cable.read_text()
    cable.write_text(text.replace("SUBJECT:", "SUBJECX:"))  # same size, new content
    os.utime(cable, ns=(cable.stat().st_atime_ns, cable.stat().st_mtime_ns + 10**9))
    assert _convert_into(out, cable, "--resume") == 0
    assert "SUBJECX" in (out / "09BAKU443.json").read_text()


def test_resume_never_takes_a_foreign_file_for_an_output(tmp_path: Path, cable: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "09BAKU443.json").write_text("another input's output\n")
    assert _convert_into(out, cable, "--resume") == 0
    assert (out / "09BAKU443.json").read_text() == "another input's output\n"
    assert json.loads((out / "09BAKU443-2.json").read_text())["reference_id"] == "09BAKU443"


def test_resume_says_what_it_skipped(tmp_path: Path, cable: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert _convert_into(out, cable) == 0
    capsys.readouterr()
    assert main(["convert", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                 "--resume", str(cable)]) == 0
    assert "1 input(s) finished by an earlier run and unchanged since were skipped" in (
        capsys.readouterr().err)


# -- Medium 12: a torn journal line ---------------------------------------------------------


def test_torn_last_journal_line_does_not_eat_the_next_record(tmp_path: Path, cable: Path
                                                             ) -> None:
    out = tmp_path / "out"
    second = cable.parent / "second.txt"
    second.write_text((SAMPLES / "synthetic-unclas.txt").read_text())
    assert main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                 str(cable.parent)]) == 0
    journal = out / JOURNAL_NAME
    data = journal.read_bytes()
    journal.write_bytes(data[: len(data) - 20])  # the disk filled up in the last record
    assert main(["convert", "-q", "--jobs", "1", "--to", "json", "--output-dir", str(out),
                 "--resume", str(cable.parent)]) == 0
    assert len(Journal(out).load()) == 2
    lines = journal.read_bytes().split(b"\n")
    assert all(line.startswith(b"{") for line in lines[:-1] if line) and lines[-1] == b""


def test_journal_write_cut_short_by_a_full_disk_is_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path)
    journal.record("a\t0", "1:2:3", ["a.json"])
    real_write = os.write
    calls = {"n": 0}

    def half_then_enospc(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_enospc)
    with pytest.raises(OSError):
        journal.record("b\t0", "1:2:3", ["b.json"])
    monkeypatch.undo()
    journal.record("c\t0", "1:2:3", ["c.json"])
    journal.close()
    assert sorted(Journal(tmp_path).load()) == ["a\t0", "c\t0"]
