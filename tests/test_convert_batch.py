"""convert on the batch engine: --jobs, output order, atomic files, --resume, crashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cableformat.cli import main
from tests.conftest import SAMPLES


def _inputs(tmp_path: Path, copies: int = 30) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    text = (SAMPLES / "synthetic-unclas.txt").read_text()
    for i in range(copies):  # distinct serials, so distinct reference IDs
        (root / f"c{i:03d}.txt").write_text(text.replace("000007", f"{i + 100:06d}"))
    shutil.copy(SAMPLES / "09BAKU443.txt", root / "baku.txt")
    return root


def test_jobs_two_writes_the_same_files_as_one_job(tmp_path: Path) -> None:
    root = _inputs(tmp_path)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["convert", str(root), "--to", "json", "--output-dir", str(out),
                     "--jobs", jobs, "-q"]) == 0
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1]
    assert len(outs[0]) == 31
    assert not [n for n in outs[0] if n.startswith(".")], "no temporary file is left behind"


def test_jsonl_to_stdout_keeps_input_order_with_workers(tmp_path: Path, capsys) -> None:
    import json

    root = _inputs(tmp_path)
    runs = []
    for jobs in ("1", "2"):
        assert main(["convert", str(root), "--to", "json", "--jobs", jobs, "-q"]) == 0
        runs.append([json.loads(line)["source_name"] for line in
                     capsys.readouterr().out.splitlines()])
    assert runs[0] == runs[1]
    assert [Path(name).name for name in runs[0]] == sorted(p.name for p in root.iterdir())


def test_resume_keeps_finished_outputs_and_writes_the_missing(tmp_path: Path) -> None:
    root = _inputs(tmp_path, copies=5)
    out = tmp_path / "out"
    assert main(["convert", str(root), "--to", "xml", "--output-dir", str(out), "-q"]) == 0
    names = sorted(p.name for p in out.iterdir())
    kept = out / names[0]
    kept.write_text("finished earlier\n")
    (out / names[1]).unlink()
    assert main(["convert", str(root), "--to", "xml", "--output-dir", str(out), "--resume",
                 "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == names
    assert kept.read_text() == "finished earlier\n"
    # without --resume existing files are never overwritten: new names are used instead
    assert main(["convert", str(root), "--to", "xml", "--output-dir", str(out), "-q"]) == 0
    assert len(list(out.iterdir())) == 2 * len(names)


def test_unreadable_input_is_reported_and_the_others_converted(tmp_path: Path, capsys) -> None:
    root = _inputs(tmp_path, copies=2)
    (root / "binary.txt").write_bytes(b"\x00\x01\x02ELF\x00" * 50)
    out = tmp_path / "out"
    assert main(["convert", str(root), "--to", "json", "--output-dir", str(out), "-q"]) == 2
    assert "X001" in capsys.readouterr().err
    assert len(list(out.iterdir())) == 3


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_lines_stream_several_cables(tmp_path: Path, capsys, fmt: str) -> None:
    root = _inputs(tmp_path, copies=3)
    assert main(["convert", str(root), "--to", fmt, "--jobs", "2", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == (4 + 1 if fmt == "csv" else 4)


def test_xml_input_does_not_expand_external_entities(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    assert main(["convert", str(SAMPLES / "synthetic-unclas.txt"), "--to", "xml"]) == 0
    document = capsys.readouterr().out
    hostile = document.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE cable [<!ENTITY x SYSTEM '
        f'"file://{secret}">]>', 1,
    ).replace("<source_name>", "<source_name>&x;", 1)
    path = tmp_path / "hostile.xml"
    path.write_text(hostile)
    assert main(["convert", str(path), "--to", "json"]) == 2
    captured = capsys.readouterr()
    assert "TOP-SECRET-CONTENT" not in captured.out + captured.err
    assert "X013" in captured.err and "Traceback" not in captured.err
