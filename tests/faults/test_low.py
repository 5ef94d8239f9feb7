"""Fault injection: the issue's low-severity cases (names, settings, shards, caps)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cableformat.cli import main
from cableformat.config import find_pyproject, load_settings
from tests.conftest import SAMPLES


def test_check_reads_a_json_document_with_u2028_as_one_line() -> None:
    from cableformat.convert import check, to_json
    from cableformat.parser import parse_source
    from cableformat.source import Source

    text = (SAMPLES / "09BAKU443.txt").read_text().replace("SUBJECT:", "SUBJECT:\u2028", 1)
    doc = to_json(parse_source(Source(text=text, name="x.txt", input_format="text")))
    assert "\u2028" in doc
    assert check("json", doc) == []


def test_native_json_lines_with_u2028_read_back(tmp_path: Path) -> None:
    from cableformat.convert import to_json
    from cableformat.parser import parse_source
    from cableformat.readers import iter_sources
    from cableformat.source import Source

    text = (SAMPLES / "09BAKU443.txt").read_text().replace("SUBJECT:", "SUBJECT:\u2028", 1)
    line = to_json(parse_source(Source(text=text, name="x.txt", input_format="text")))
    path = tmp_path / "two.jsonl"
    path.write_text(line.strip() + "\n" + line.strip() + "\n")
    sources = list(iter_sources(str(path)))
    assert [type(s).__name__ for s in sources] == ["Source", "Source"]


def test_convert_escapes_terminal_controls_in_file_names(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "evil\x1b]0;owned\x07.txt"
    bad.write_bytes(b"\x00\x01binary")
    assert main(["convert", "-q", "--jobs", "1", "--to", "json", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b" in err


def test_shard_removes_stale_shards_of_an_earlier_run(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(3):
        shutil.copy(SAMPLES / "09BAKU443.txt", root / f"c{i}.txt")
    out = tmp_path / "shards"
    assert main(["shard", "-q", "--cables-per-shard", "1", "--out", str(out), str(root)]) == 0
    assert len(list(out.glob("shard-*.jsonl"))) == 3
    (out / "notes.txt").write_text("mine\n")
    assert main(["shard", "-q", "--cables-per-shard", "1", "--out", str(out),
                 str(root / "c0.txt")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "shard-00000.jsonl"]


def test_repeated_lines_give_a_bounded_number_of_diagnostics(tmp_path: Path, capsys) -> None:
    from cableformat.rules.registry import MAX_PER_RULE

    lines = (SAMPLES / "09BAKU443.txt").read_text().split("\n")
    tags = next(i for i, line in enumerate(lines) if line.startswith("TAGS"))
    path = tmp_path / "many.txt"  # the TAGS line 2,000 times: 6,000 diagnostics before
    path.write_text("\n".join(lines[:tags] + [lines[tags]] * 2000 + lines[tags:]))
    assert main(["validate", "-q", "--jobs", "1", "--format", "json", str(path)]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    by_rule = report["summary"]["by_rule"]
    assert by_rule["T004"] == by_rule["T006"] == MAX_PER_RULE + 1
    messages = [d["message"] for d in report["diagnostics"]]
    assert any(m.startswith("1,900 more T006 diagnostics") for m in messages)


def test_settings_stop_at_the_project_root(tmp_path: Path) -> None:
    shared = tmp_path / "shared-tmp"
    project = shared / "project"
    (project / "src").mkdir(parents=True)
    (shared / "pyproject.toml").write_text("[tool.cableformat]\nstrict = true\n")
    (project / ".git").mkdir()  # a checkout without a pyproject.toml
    assert find_pyproject(project / "src") is None
    (project / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    assert find_pyproject(project / "src") is None


def test_config_file_and_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.cableformat]\nstrict = true\n")
    other = tmp_path / "other.toml"
    other.write_text("[tool.cableformat]\nselect = ['T']\n")
    monkeypatch.chdir(tmp_path)
    assert load_settings().strict is True
    assert load_settings(isolated=True).strict is False
    settings = load_settings(config_file=other)
    assert settings.select == ("T",) and settings.strict is False
    sample = str(SAMPLES / "09BAKU443.txt")  # two T004 warnings only
    assert main(["validate", "-q", "--jobs", "1", sample]) == 1  # strict from pyproject
    assert main(["validate", "-q", "--jobs", "1", "--isolated", sample]) == 0
    assert main(["validate", "-q", "--jobs", "1", "--config", str(other), sample]) == 0
    assert main(["validate", "-q", "--jobs", "1", "--config", "missing.toml", sample]) == 2
    capsys.readouterr()


@pytest.mark.parametrize("stem", ["CON", "con", "Nul", "COM1", "lpt9", "AUX.tar"])
def test_windows_reserved_names_get_a_prefix(stem: str) -> None:
    from cableformat.outputs import safe_stem

    assert safe_stem(stem) == "_" + stem


def test_reserved_name_in_an_output_directory(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "con.txt").write_text(  # a cable without a reference ID: named after the file
        "UNCLAS SECTION 01 OF 01\nSUBJECT: A CABLE WITHOUT ITS ID\n\n1. Text.\n")
    out = tmp_path / "out"
    main(["convert", "-q", "--jobs", "1", "--to", "text", "--output-dir", str(out), str(root)])
    names = [p.name for p in out.iterdir() if not p.name.startswith(".")]
    assert names and not any(n.split(".")[0].upper() == "CON" for n in names)


def test_long_stems_stay_distinct_and_short() -> None:
    from cableformat.outputs import safe_stem

    a, b = safe_stem("A" * 300 + "1"), safe_stem("A" * 300 + "2")
    assert a != b and len(a.encode()) <= 150 and len(b.encode()) <= 150
    assert safe_stem("09BAKU443") == "09BAKU443"


def test_shard_records_naming_a_local_file_are_not_read(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    import cableformat.dask as cd

    secret = tmp_path / "secret.txt"
    secret.write_text((SAMPLES / "09BAKU443.txt").read_text())
    shard = tmp_path / "shard-00000.jsonl"
    shard.write_text(json.dumps({"path": str(secret), "file": True}) + "\n")
    results = cd.validate(cd.read_shards(str(shard))).compute(scheduler="sync")
    assert len(results) == 1 and results[0].read_error is not None
    assert "names a file" in results[0].read_error


def test_tei_with_control_characters_in_tags(tmp_path: Path) -> None:
    """ESC and NUL in a TAGS value (held on main at 6dd8887: a regression guard)."""
    from cableformat.convert import check, to_tei
    from cableformat.parser import parse_source
    from cableformat.source import Source

    text = (SAMPLES / "09BAKU443.txt").read_text().replace("TAGS: PGOV", "TAGS: \x1b, \x00X,"
                                                            " PG\x1bOV", 1)
    doc = to_tei(parse_source(Source(text=text, name="x.txt", input_format="text")))
    assert check("tei", doc) == []
