"""convert on the batch engine: --jobs, output order, atomic files, --resume, crashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cableformat.cli import main
from cableformat.outputs import JOURNAL_NAME, LOCK_NAME, Journal
from tests.conftest import SAMPLES


def _inputs(tmp_path: Path, copies: int = 30) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    text = (SAMPLES / "synthetic-unclas.txt").read_text()
    for i in range(copies):  # distinct serials, so distinct reference IDs
        (root / f"c{i:03d}.txt").write_text(text.replace("000007", f"{i + 100:06d}"))
    shutil.copy(SAMPLES / "09BAKU443.txt", root / "baku.txt")
    return root


def _outputs(out: Path) -> list[str]:
    """The output files of a directory (not the hidden journal)."""
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def test_jobs_two_writes_the_same_files_as_one_job(tmp_path: Path) -> None:
    root = _inputs(tmp_path)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["convert", str(root), "--to", "json", "--output-dir", str(out),
                     "--jobs", jobs, "-q"]) == 0
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")], "no temporary file"
    journals = [o.pop(JOURNAL_NAME) for o in outs]
    assert [o.pop(LOCK_NAME) for o in outs] == [b"", b""]
    assert outs[0] == outs[1]
    assert len(outs[0]) == 31
    # one claim before each output, one record after each unit
    assert [len(j.splitlines()) for j in journals] == [62, 62]


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
    names = _outputs(out)
    kept = out / names[0]
    kept.write_text("finished earlier\n")
    (out / names[1]).unlink()
    assert main(["convert", str(root), "--to", "xml", "--output-dir", str(out), "--resume",
                 "-q"]) == 0
    assert _outputs(out) == names
    assert kept.read_text() == "finished earlier\n"
    # without --resume existing files are never overwritten: new names are used instead
    assert main(["convert", str(root), "--to", "xml", "--output-dir", str(out), "-q"]) == 0
    assert len(_outputs(out)) == 2 * len(names)


def test_resume_skips_journaled_inputs_before_reading_them(tmp_path: Path, capsys) -> None:
    root = _inputs(tmp_path, copies=4)  # c000..c003 and baku
    out = tmp_path / "out"
    assert main(["convert", str(root), "--to", "json", "--output-dir", str(out), "-q"]) == 0
    before = {name: (out / name).read_bytes() for name in _outputs(out)}
    assert len(before) == 5 and len(Journal(out).load()) == 5
    # c000: other content of the same size (a newer mtime): converted again, replaced
    same_size = root / "c000.txt"
    same_size.write_text(same_size.read_text().replace("SUBJECT:", "SUBJECX:"))
    # c001: its size changed, so it is converted again, into the name it had
    grown = root / "c001.txt"
    grown.write_text(grown.read_text() + "\n")
    # baku: its output is missing, so it is converted again and written
    (out / "09BAKU443.json").unlink()
    capsys.readouterr()
    assert main(["convert", str(root), "--to", "json", "--output-dir", str(out),
                 "--resume"]) == 0
    assert ("resumed: 2 input(s) finished by an earlier run and unchanged since were "
            "skipped; 2 changed since and were converted again") in capsys.readouterr().err
    after = {name: (out / name).read_bytes() for name in _outputs(out)}
    assert sorted(after) == sorted(before)
    changed = sorted(name for name in after if after[name] != before[name])
    assert len(changed) == 2  # c000 and c001, replaced in place
    assert any(b"SUBJECX" in after[name] for name in changed)
    assert len(Journal(out).load()) == 5  # a unit is keyed by path and ordinal


def test_resume_keeps_the_names_of_colliding_cables(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):  # one reference ID three times
        shutil.copy(SAMPLES / "09BAKU443.txt", root / name)
    out = tmp_path / "out"
    assert main(["convert", str(root), "--to", "xml", "--output-dir", str(out), "-q"]) == 0
    names = _outputs(out)
    assert names == ["09BAKU443-2.xml", "09BAKU443-3.xml", "09BAKU443.xml"]
    (out / "09BAKU443.xml").unlink()  # a's output: a is converted again, under its name
    (out / "09BAKU443-3.xml").write_text("kept\n")
    assert main(["convert", str(root), "--to", "xml", "--output-dir", str(out), "--resume",
                 "-q"]) == 0
    assert _outputs(out) == names
    assert (out / "09BAKU443-3.xml").read_text() == "kept\n"


def test_journal_ignores_a_line_cut_short_and_failed_units_are_not_journaled(
    tmp_path: Path, capsys
) -> None:
    root = _inputs(tmp_path, copies=2)
    (root / "binary.txt").write_bytes(b"\x00\x01\x02ELF\x00" * 50)
    out = tmp_path / "out"
    assert main(["convert", str(root), "--to", "json", "--output-dir", str(out), "-q"]) == 2
    journal = out / JOURNAL_NAME
    keys = [k for k in journal.read_text().splitlines() if '"outputs"' in k]
    assert len(keys) == 3 and not any("binary.txt" in k for k in keys)
    with journal.open("a") as handle:
        handle.write('{"key": "cut short by a ki')  # kill -9 in the middle of a record
    capsys.readouterr()
    # the unreadable input is read and reported again; the others are skipped
    assert main(["convert", str(root), "--to", "json", "--output-dir", str(out), "--resume",
                 "-q"]) == 2
    err = capsys.readouterr().err
    assert "X001" in err
    assert len(Journal(out).load()) == 3


def test_unreadable_input_is_reported_and_the_others_converted(tmp_path: Path, capsys) -> None:
    root = _inputs(tmp_path, copies=2)
    (root / "binary.txt").write_bytes(b"\x00\x01\x02ELF\x00" * 50)
    out = tmp_path / "out"
    assert main(["convert", str(root), "--to", "json", "--output-dir", str(out), "-q"]) == 2
    assert "X001" in capsys.readouterr().err
    assert len(_outputs(out)) == 3


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
    ).replace("<cable_text>", "<cable_text>&x;", 1)
    path = tmp_path / "hostile.xml"
    path.write_text(hostile)
    assert main(["convert", str(path), "--to", "json"]) == 2
    captured = capsys.readouterr()
    assert "TOP-SECRET-CONTENT" not in captured.out + captured.err
    assert "X013" in captured.err and "Traceback" not in captured.err
