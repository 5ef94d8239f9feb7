"""The command line: exit codes, rule selection, settings files, formats and usage errors.

The readers and the parser are replaced by small fakes (one cable per file; a line-per-line
cable model) and three fake rules flag the words BAD (error), MEH (warning) and FYI (info),
so these tests pin the CLI's own behaviour; the last section runs the real readers, parser
and rules end to end.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from cableformat.cli import main
from cableformat.diagnostics import Severity
from cableformat.model import Cable
from cableformat.rules import RULES, Rule
from cableformat.source import ReadError, Source

WORDS = {"Q101": ("BAD", "bad-word", Severity.ERROR), "Q102": ("MEH", "meh-word", Severity.WARNING)}
WORDS["Q201"] = ("FYI", "fyi-note", Severity.INFO)


def _checker(word: str):  # type: ignore[no-untyped-def]
    def check(cable: Cable, emit) -> None:  # type: ignore[no-untyped-def]
        for line in cable.lines:
            pos = line.raw.find(word)
            if pos != -1:
                start = line.start + pos
                emit((start, start + len(word)), f"found {word}", hint=f"remove {word}")

    return check


def fake_iter_inputs(
    paths: list[str], *, input_format: str | None = None
) -> Iterator[tuple[str, Source | ReadError]]:
    """One cable per file; a missing file or a ``.bin`` file is unreadable."""
    for name in paths:
        path = Path(name)
        if not path.is_file() or path.suffix == ".bin":
            yield name, ReadError(name, "X001", "cannot read this input")
            continue
        yield name, Source(text=path.read_text(), name=name, input_format=input_format or "text")


def fake_parse_source(source: Source, *, blocks: bool = True) -> Cable:
    starts, offset = [], 0
    for raw in source.text.splitlines(keepends=True):
        starts.append(offset)
        offset += len(raw)
    first = source.text.split("\n", 1)[0]
    return Cable(
        reference_id=first if first.startswith("09") else None,
        text=source.text,
        line_kinds=["text"] * len(starts),
        line_starts=starts,
    )


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fake readers, parser and three rules (codes no real rule uses)."""
    import cableformat.readers.csv  # noqa: F401  # the batch engine imports it under the fake
    readers = types.ModuleType("cableformat.readers")
    readers.iter_inputs = fake_iter_inputs  # type: ignore[attr-defined]
    readers.FORMATS = ("text", "html")  # type: ignore[attr-defined]
    readers.FORMAT_ALIASES = {}  # type: ignore[attr-defined]
    parser = types.ModuleType("cableformat.parser")
    parser.parse_source = fake_parse_source  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cableformat.readers", readers)
    monkeypatch.setitem(sys.modules, "cableformat.parser", parser)
    for code, (word, name, severity) in WORDS.items():
        rule = Rule(
            code,
            name,
            severity,
            f"Flags {word}.",
            f"Why {word} is flagged.",
            f"A {word}\n",
            "A GOOD\n",
            _checker(word),
            "fake",
        )
        monkeypatch.setitem(RULES, code, rule)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fakes: None) -> dict[str, str]:
    """Inputs in an isolated working directory (no pyproject.toml above it is read)."""
    monkeypatch.chdir(tmp_path)
    contents = {
        "ok.txt": "09STATE1\nALL GOOD\n",
        "err.txt": "09STATE2\nA BAD WORD\n",
        "warn.txt": "JUST MEH\n",
        "info.txt": "FYI ONLY\n",
        "bad.bin": "\x00\x01",
    }
    for name, text in contents.items():
        (tmp_path / name).write_text(text)
    return {name: name for name in contents}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


V = ("validate", "--select", "Q")  # only the fake rules


# -- exit codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "extra", "expected"),
    [
        (["ok.txt"], [], 0),
        (["warn.txt", "info.txt"], [], 0),
        (["warn.txt"], ["--strict"], 1),
        (["info.txt"], ["--strict"], 0),
        (["err.txt", "ok.txt"], [], 1),
        (["bad.bin", "ok.txt"], [], 2),
        (["err.txt", "bad.bin"], [], 2),
        (["missing.txt"], [], 2),
    ],
)
def test_exit_codes(capsys, files, inputs: list[str], extra: list[str], expected: int) -> None:
    code, _, _ = run(capsys, *V, *extra, *inputs)
    assert code == expected


def test_unreadable_input_is_reported_and_others_still_checked(capsys, files) -> None:
    code, out, _ = run(capsys, *V, "bad.bin", "err.txt")
    assert code == 2
    assert "bad.bin: X001 error cannot read this input" in out
    # the file is not named after its cable: the reference ID follows the location
    assert "err.txt:2:3: 09STATE2: Q101 error found BAD" in out
    assert out.rstrip().endswith("in 1 cable (2 files, 1 unreadable)")


# -- selection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--select", "Q1"], 1),
        (["--select", "Q101"], 1),
        (["--select", "Q2"], 0),
        (["--select", "Q", "--ignore", "Q1"], 0),
        (["--select", "Q", "--ignore", "Q102,Q101"], 0),
        (["--select", "q10"], 1),
    ],
)
def test_select_and_ignore_prefixes(capsys, files, options: list[str], expected: int) -> None:
    code, _, _ = run(capsys, "validate", *options, "err.txt", "warn.txt")
    assert code == expected


def test_selector_matching_no_rule_is_a_usage_error(capsys, files) -> None:
    code, _, err = run(capsys, "validate", "--select", "Q9", "ok.txt")
    assert code == 2 and "Q9" in err and "Traceback" not in err
    assert run(capsys, "validate", "--ignore", "not-a-code", "ok.txt")[0] == 2


# -- settings from pyproject.toml ---------------------------------------------------------


def _pyproject(tmp_path: Path, body: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.cableformat]\n{body}")
    sub = tmp_path / "sub" / "deeper"
    sub.mkdir(parents=True)
    return sub


def test_pyproject_settings_apply_from_a_subdirectory(capsys, files, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_pyproject(tmp_path, 'select = ["Q"]\nstrict = true\nformat = "json"\n'))
    code, out, _ = run(capsys, "validate", str(tmp_path / "warn.txt"))
    assert code == 1  # strict from the file
    assert json.loads(out)["summary"]["warnings"] == 1  # format from the file


def test_command_line_overrides_pyproject(capsys, files, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_pyproject(tmp_path, 'select = "Q"\nstrict = true\nformat = "json"\n'))
    code, out, _ = run(capsys, "validate", "--no-strict", "--format", "text", "../../warn.txt")
    assert code == 0 and out.startswith("../../warn.txt:1:6: Q102 warning")
    code, _, _ = run(capsys, "validate", "--select", "Q2", "--strict", "../../warn.txt")
    assert code == 0


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("selekt = ['Q']\n", "selekt"),
        ("format = 'xml'\n", "xml"),
        ("strict = 'yes'\n", "strict"),
        ("select = 3\n", "select"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_pyproject_settings_exit_2(capsys, files, tmp_path, monkeypatch, body, needle) -> None:
    monkeypatch.chdir(_pyproject(tmp_path, body))
    code, _, err = run(capsys, "validate", "../../ok.txt")
    assert code == 2
    assert needle in err and err.count("\n") == 1


def test_pyproject_without_the_table_is_the_project_root(capsys, files, tmp_path, monkeypatch
                                                         ) -> None:
    sub = _pyproject(tmp_path, "strict = true\n")
    (sub / "pyproject.toml").write_text("[project]\nname = 'inner'\n")
    monkeypatch.chdir(sub)
    # the inner project has no settings: the outer file's strict = true does not apply
    assert run(capsys, *V, "../../warn.txt")[0] == 0


# -- formats and output ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "junit"])
def test_every_format_from_the_command_line(capsys, files, fmt: str) -> None:
    code, out, err = run(capsys, *V, "--format", fmt, "err.txt", "ok.txt")
    assert code == 1 and out and not err


def test_json_output_from_the_command_line(capsys, files) -> None:
    code, out, _ = run(capsys, *V, "--format", "json", "err.txt", "warn.txt", "bad.bin")
    doc = json.loads(out)
    assert code == 2
    s = doc["summary"]
    assert (s["files"], s["cables"], s["unreadable"]) == (3, 2, 1)
    assert s["by_rule"] == {"Q101": 1, "Q102": 1, "X001": 1}
    first = doc["diagnostics"][0]
    assert (first["path"], first["cable"], first["name"]) == ("err.txt", "09STATE2", "bad-word")
    assert (first["line"], first["column"], first["end_column"]) == (2, 3, 6)


def test_output_file_and_colour(capsys, files, tmp_path) -> None:
    code, out, _ = run(capsys, *V, "-o", "report.txt", "--color", "always", "err.txt")
    assert code == 1 and out == ""
    assert "\x1b[" in (tmp_path / "report.txt").read_text()
    assert "\x1b[" not in run(capsys, *V, "--color", "auto", "err.txt")[1]


def test_statistics(capsys, files) -> None:
    code, out, _ = run(capsys, *V, "--statistics", "--min-severity", "info",
                       "err.txt", "warn.txt", "info.txt")
    assert code == 1
    rows = [line.split() for line in out.splitlines()[1:4]]
    assert rows == [
        ["Q101", "bad-word", "error", "1"],
        ["Q102", "meh-word", "warning", "1"],
        ["Q201", "fyi-note", "info", "1"],
    ]
    assert "found BAD" not in out and out.rstrip().splitlines()[-1].startswith("Found 1 error")
    code, out, _ = run(capsys, *V, "--statistics", "--format", "json", "err.txt")
    assert json.loads(out) == [
        {"code": "Q101", "name": "bad-word", "severity": "error", "count": 1}
    ]
    assert run(capsys, *V, "--statistics", "--format", "sarif", "err.txt")[0] == 2


# -- usage errors, help and the other subcommands ------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--bogus", "ok.txt"],
        ["validate", "--format", "xml", "ok.txt"],
        ["validate", "--color", "sometimes", "ok.txt"],
        ["validate"],
        ["validate", "--input-format", "nope", "ok.txt"],
        ["frobnicate"],
        [],
    ],
)
def test_bad_usage_exits_2(capsys, files, argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and "Traceback" not in err


def test_help_documents_exit_codes(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "exit codes:" in out and "internal error" in out
    for sub in ("validate", "rules", "explain"):
        assert sub in out


def test_unexpected_exception_is_one_line_and_exit_3(capsys, files, monkeypatch) -> None:
    def boom(source: Source, *, blocks: bool = True) -> Cable:
        raise RuntimeError("parser exploded\nsecond line")

    monkeypatch.setattr(sys.modules["cableformat.parser"], "parse_source", boom)
    monkeypatch.delenv("CABLEFORMAT_DEBUG", raising=False)
    code, _, err = run(capsys, *V, "ok.txt")
    assert code == 3
    assert err.startswith("cableformat: internal error: RuntimeError: parser exploded")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_rules_lists_every_rule(capsys, fakes) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert out.splitlines()[0].split() == ["code", "name", "severity", "summary"]
    assert any(line.split()[:3] == ["Q102", "meh-word", "warning"] for line in out.splitlines())
    code, out, _ = run(capsys, "rules", "--format", "json")
    codes = [r["code"] for r in json.loads(out)]
    assert code == 0 and codes == sorted(RULES) and "Q101" in codes


def test_explain(capsys, fakes) -> None:
    code, out, _ = run(capsys, "explain", "q102")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == ["Q102 (meh-word)", "Severity: warning", "Group: Q"]
    assert "Flags MEH." in out and "Why MEH is flagged." in out
    assert out.index("Fails:") < out.index("    A MEH") < out.index("Passes:")


def test_explain_unknown_code_exits_2(capsys) -> None:
    code, out, err = run(capsys, "explain", "Z999")
    assert code == 2 and out == "" and "Z999" in err


def test_python_dash_m_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cableformat", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "exit codes:" in proc.stdout


# -- end to end: the real readers, parser and rules ---------------------------------------

GOOD_CABLE = """\
VZCZCXRO1234
OO RUEHWEB
DE RUEHKB #0443/01 1530928
ZNY CCCCC ZZH
O 020928Z JUN 09
FM AMEMBASSY BAKU
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
BT
C O N F I D E N T I A L BAKU 000443

SIPDIS

E.O. 12958: DECL: 06/02/2019
TAGS: PREL PGOV AJ
SUBJECT: AZERBAIJAN: TEST SUBJECT

Classified By: Ambassador Anne E. Derse, Reasons 1.4 (b,d).

1. (C) Summary: This is a test paragraph.

DERSE
"""


@pytest.fixture
def real_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / "good.txt").write_text(GOOD_CABLE)
    (tmp_path / "junk.txt").write_text("FOO\r\nBAR\tBAZ\r\n")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a.txt").write_text(GOOD_CABLE)
    (tmp_path / "dir" / "b.txt").write_text("hello\n")
    return tmp_path


def _json_run(capsys, *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, err = run(capsys, "validate", "--format", "json", *argv)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, json.loads(out)


def test_e2e_good_cable(capsys, real_files) -> None:
    code, doc = _json_run(capsys, "good.txt")
    summary = doc["summary"]
    assert (summary["files"], summary["cables"], summary["unreadable"]) == (1, 1, 0)
    assert code == (1 if summary["errors"] else 0)
    assert all(d["cable"] == "09BAKU443" for d in doc["diagnostics"])


def test_e2e_not_a_cable_is_an_error_at_line_1(capsys, real_files) -> None:
    code, out, _ = run(capsys, "validate", "junk.txt")
    assert code == 1
    assert out.startswith("junk.txt:1:1: ")
    assert "1 | FOO" in out


def test_e2e_missing_input_exit_2_and_others_checked(capsys, real_files) -> None:
    code, doc = _json_run(capsys, "nothere.txt", "junk.txt", "good.txt")
    assert code == 2
    assert doc["summary"]["unreadable"] == 1 and doc["summary"]["cables"] == 2
    missing = [d for d in doc["diagnostics"] if d["path"] == "nothere.txt"]
    assert len(missing) == 1 and missing[0]["severity"] == "error"
    assert (missing[0]["line"], missing[0]["column"], missing[0]["cable"]) == (1, 1, None)


def test_e2e_directory_and_positions_in_file_lines(capsys, real_files) -> None:
    code, doc = _json_run(capsys, "dir")
    assert doc["summary"]["files"] == 2 and doc["summary"]["cables"] == 2
    for d in doc["diagnostics"]:
        lines = (real_files / d["path"]).read_text().splitlines()
        assert 1 <= d["line"] <= d["end_line"] <= len(lines) + 1
    assert code == (1 if doc["summary"]["errors"] else 0)


def test_e2e_stdin(capsys, real_files, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD_CABLE.encode())))
    code, doc = _json_run(capsys, "-")
    assert doc["summary"]["cables"] == 1 and doc["summary"]["unreadable"] == 0
    assert code == (1 if doc["summary"]["errors"] else 0)


def test_e2e_every_format_and_input_format(capsys, real_files) -> None:
    for fmt in ("text", "jsonl", "sarif", "github", "junit"):
        code, out, err = run(capsys, "validate", "--format", fmt, "junk.txt", "good.txt")
        assert code == 1 and out and not err, (fmt, err)
    assert run(capsys, "validate", "--input-format", "text", "good.txt")[0] in (0, 1)
    assert run(capsys, "validate", "--input-format", "no-such-reader", "good.txt")[0] == 2


def test_e2e_rules_and_explain_every_rule(capsys) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    for entry in json.loads(out):
        code, text, _ = run(capsys, "explain", entry["code"])
        assert code == 0 and text.startswith(f"{entry['code']} ({entry['name']})")
