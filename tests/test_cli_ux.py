# ruff: noqa: F811  # the fixtures of tests/test_cli.py are imported by name
"""What a newcomer meets at the command line and in the library (issue 14): what is shown
by default, one-line reports, baselines, directory walks, help texts and the glossary.

The CLI tests use the fakes of ``tests/test_cli.py`` (fake readers, parser and three rules
flagging BAD, MEH and FYI); the library and walk tests use the real readers and parser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cableformat
from cableformat.cli import build_parser
from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.rules import RULES
from tests.test_cli import GOOD_CABLE, V, fakes, files, run  # noqa: F401  # fixtures

ROOT = Path(__file__).resolve().parents[1]


# -- noise: --min-severity, --format concise, --exit-zero ----------------------------------


def test_infos_are_hidden_by_default_and_counted(capsys, files) -> None:
    code, out, _ = run(capsys, *V, "warn.txt", "info.txt")
    assert "Q102" in out and "Q201" not in out
    assert out.rstrip().splitlines()[-1] == (
        "Found 0 errors, 1 warning in 2 cables (2 files, 0 unreadable); "
        "1 info not shown (--min-severity info shows them)")
    code, out, _ = run(capsys, *V, "--min-severity", "info", "warn.txt", "info.txt")
    assert "Q201 info found FYI" in out and "not shown" not in out
    code, out, _ = run(capsys, *V, "--min-severity", "error", "warn.txt", "err.txt")
    assert code == 1 and "Q102" not in out and "1 warning not shown" in out


def test_json_summary_says_what_was_not_shown(capsys, files) -> None:
    import json

    _, out, _ = run(capsys, *V, "--format", "json", "warn.txt", "info.txt")
    doc = json.loads(out)
    assert doc["summary"]["not_shown"] == {"info": 1}
    assert [d["code"] for d in doc["diagnostics"]] == ["Q102"]
    _, out, _ = run(capsys, *V, "--format", "json", "--min-severity", "info", "info.txt")
    assert json.loads(out)["summary"]["not_shown"] == {}


def test_min_severity_from_the_settings_file(capsys, files, tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cableformat]\nmin-severity = "info"\n')
    assert "Q201" in run(capsys, *V, "info.txt")[1]
    (tmp_path / "pyproject.toml").write_text('[tool.cableformat]\nmin-severity = "loud"\n')
    code, _, err = run(capsys, *V, "info.txt")
    assert code == 2 and "min-severity" in err


def test_concise_is_one_line_per_diagnostic(capsys, files) -> None:
    code, out, _ = run(capsys, *V, "--format", "concise", "err.txt", "warn.txt")
    assert out.splitlines() == [
        "err.txt:2:3: 09STATE2: Q101 error found BAD",
        "warn.txt:1:6: Q102 warning found MEH",
        "Found 1 error, 1 warning in 2 cables (2 files, 0 unreadable)",
    ]
    assert code == 1


def test_exit_zero(capsys, files) -> None:
    assert run(capsys, *V, "--exit-zero", "err.txt")[0] == 0
    assert run(capsys, *V, "--exit-zero", "--strict", "warn.txt")[0] == 0
    assert run(capsys, *V, "--exit-zero", "bad.bin")[0] == 2  # unreadable input is not hidden


# -- options -------------------------------------------------------------------------------


def test_repeated_select_adds_up_and_extend_select(capsys, files, tmp_path) -> None:
    out = run(capsys, "validate", "--select", "Q101", "--select", "Q102", "err.txt",
              "warn.txt")[1]
    assert "Q101" in out and "Q102" in out
    (tmp_path / "pyproject.toml").write_text('[tool.cableformat]\nselect = ["Q101"]\n')
    out = run(capsys, "validate", "err.txt", "warn.txt")[1]
    assert "Q101" in out and "Q102" not in out
    out = run(capsys, "validate", "--extend-select", "Q102", "err.txt", "warn.txt")[1]
    assert "Q101" in out and "Q102" in out
    assert run(capsys, "validate", "--extend-select", "Q9", "err.txt")[0] == 2


def test_statistics_show_the_severity_emitted() -> None:
    from cableformat.writers.report import summarize
    from cableformat.writers.report.statistics import statistics_rows

    raised = Diagnostic("B006", Severity.ERROR, "no TAGS", 0, 1)  # warning by default
    summary = summarize([CableResult("a.txt", None, None, [raised])])
    assert RULES["B006"].severity is Severity.WARNING
    assert statistics_rows(summary)[0]["severity"] == "error"


def test_strict_is_explained_in_help_and_summary(capsys, files) -> None:
    help_text = build_parser()._subparsers._group_actions[0].choices["validate"].format_help()  # type: ignore[union-attr]
    assert "B006, B008" in " ".join(help_text.split())
    out = run(capsys, *V, "--strict", "warn.txt")[1]
    assert "--strict: warnings fail the run" in out.splitlines()[-1]


def test_mistyped_command_gets_a_suggestion(capsys) -> None:
    code, _, err = run(capsys, "valdiate", "x.txt")
    assert code == 2 and "did you mean 'validate'" in err and "Traceback" not in err
    code, _, err = run(capsys, "bogus")
    assert code == 2 and "unknown command 'bogus'" in err


def test_scheduler_without_dask_is_a_usage_error(capsys, files, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else real(name, *a))
    code, _, err = run(capsys, *V, "--scheduler", "tcp://localhost:8786", "ok.txt")
    assert code == 2 and "pip install 'cableformat[dask]'" in err


def test_force_color(monkeypatch) -> None:
    import io

    from cableformat.writers.report.options import use_color_env

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert use_color_env("auto", io.StringIO()) is True
    assert use_color_env("never", io.StringIO()) is False
    monkeypatch.setenv("FORCE_COLOR", "0")
    assert use_color_env("auto", io.StringIO()) is False
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color_env("auto", io.StringIO()) is False


def _all_help() -> str:
    parser = build_parser()
    texts = [parser.format_help()]
    for sub in parser._subparsers._group_actions[0].choices.values():  # type: ignore[union-attr]
        texts.append(sub.format_help())
    return "\n".join(texts)


def test_help_texts_cite_only_real_codes_and_groups() -> None:
    text = _all_help()
    for code in re.findall(r"\b[A-Z][0-9]{3}\b", text):
        assert code in RULES, code
    for letter in re.findall(r"prefix(?:es)? like ([A-Z])\b", text):
        assert any(c.startswith(letter) for c in RULES), letter


# -- explain, rules, glossary --------------------------------------------------------------


def test_explain_takes_rule_names_groups_and_terms(capsys) -> None:
    code, out, _ = run(capsys, "explain", "dtg-invalid")
    assert code == 0 and out.startswith("D001 (dtg-invalid)")
    code, out, _ = run(capsys, "explain", "B")
    assert code == 0 and "B006" in out and out.startswith("B (body")
    for term in ("DE", "MRN", "FL4", "PLA", "dtg", "E.O."):
        code, out, _ = run(capsys, "explain", term)
        assert code == 0 and ": " in out.splitlines()[0], term
    code, _, err = run(capsys, "explain", "dtg-invald")
    assert code == 2 and "did you mean dtg-invalid" in err


def test_no_rst_markup_on_the_terminal(capsys) -> None:
    for code in RULES:
        assert "``" not in run(capsys, "explain", code)[1], code
    out = run(capsys, "rules")[1]
    assert "``" not in out


def test_rules_explain_every_group_letter(capsys) -> None:
    from cableformat.writers.report.catalog import group_name

    out = run(capsys, "rules")[1]
    legend = out.split("The first letter of a code", 1)[1]
    for letter in {code[0] for code in RULES}:
        assert re.search(rf"^  {letter}  \w", legend, re.M), letter
        # explain names the same group as the legend
        code = next(c for c in sorted(RULES) if c.startswith(letter))
        assert f"Group: {group_name(code)}" in run(capsys, "explain", code)[1]


def test_glossary_terms_come_from_the_spec() -> None:
    from cableformat.glossary import TERMS

    assert {"DE", "MRN", "FL4", "PLA", "DTG", "SSN", "MCN", "RI"} <= {t.name for t in TERMS}
    assert all(t.spec and t.meaning for t in TERMS)


# -- baseline ------------------------------------------------------------------------------


def test_baseline_hides_known_findings_across_line_shifts(capsys, files, tmp_path) -> None:
    base = tmp_path / "baseline.json"
    code, _, _ = run(capsys, *V, "--write-baseline", str(base), "err.txt", "warn.txt")
    assert code == 1
    data = json.loads(base.read_text())
    assert data["cableformat_baseline"] == 1
    assert {(e["code"], e["cable"], e["field"]) for e in data["entries"]} == {
        ("Q101", "09STATE2", "BAD"), ("Q102", "warn.txt#1", "MEH")}
    code, out, _ = run(capsys, *V, "--baseline", str(base), "err.txt", "warn.txt")
    assert code == 0 and "Q101" not in out and "2 known from the baseline not shown" in out
    # lines added above the finding: still known; a new finding is reported alone
    (tmp_path / "err.txt").write_text("09STATE2\nNEW LINE\nANOTHER\nA BAD WORD\nA BAD END\n")
    code, out, _ = run(capsys, *V, "--format", "concise", "--baseline", str(base), "err.txt")
    assert code == 1
    assert [line for line in out.splitlines() if "Q101" in line] == [
        "err.txt:5:3: 09STATE2: Q101 error found BAD"]


def test_bad_baseline_is_a_usage_error(capsys, files, tmp_path) -> None:
    (tmp_path / "b.json").write_text("[]")
    code, _, err = run(capsys, *V, "--baseline", "b.json", "ok.txt")
    assert code == 2 and "not a cableformat baseline" in err
    assert run(capsys, *V, "--baseline", "missing.json", "ok.txt")[0] == 2


# -- directory walk (real readers) ---------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(GOOD_CABLE)
    (tmp_path / "c" / "README.md").write_text("# my cables\n")
    (tmp_path / "c" / "README.txt").write_text("about these cables\n")
    (tmp_path / "c" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "c" / "list").write_text("eggs\nmilk\n")  # no extension, not a cable
    (tmp_path / "c" / "export~").write_text(GOOD_CABLE.replace("000443", "000444"))
    (tmp_path / "c" / "drafts").mkdir()
    (tmp_path / "c" / "drafts" / "b.txt").write_text(GOOD_CABLE)
    return tmp_path


def _paths(capsys, *argv: str) -> set[str]:
    _code, out, err = run(capsys, "validate", "--format", "json", "--min-severity", "info",
                         *argv)
    assert "Traceback" not in err, err
    doc = json.loads(out)
    return {Path(d["path"]).name for d in doc["diagnostics"]} | {
        "files=" + str(doc["summary"]["files"])}


def test_walk_reads_cable_files_only(capsys, tree) -> None:
    assert _paths(capsys, "c") >= {"files=3"}  # a.txt, drafts/b.txt, export~ (sniffed)
    assert not {"README.md", "README.txt", "list", "notes.docx"} & _paths(capsys, "c")
    assert _paths(capsys, "c", "--extend-exclude", "drafts") >= {"files=2"}
    assert _paths(capsys, "c", "--exclude", "") >= {"files=4"}  # README.txt is read now
    (tree / "pyproject.toml").write_text('[tool.cableformat]\nextend-exclude = ["drafts/"]\n')
    assert _paths(capsys, "c") >= {"files=2"}
    # a file named on the command line is always read
    assert "README.md" in _paths(capsys, "c/README.md")


def test_convert_of_a_non_cable_fails(capsys, tree) -> None:
    code, out, err = run(capsys, "convert", "--to", "json", "c/README.txt")
    assert code == 2 and out == "" and "not a cable" in err and "X010" in err
    code, out, err = run(capsys, "convert", "--to", "json", "--output-dir", "o", "c")
    assert code == 0
    assert sorted(p.name for p in (tree / "o").glob("*.json")) == [
        "09BAKU443-2.json", "09BAKU443.json", "09BAKU444.json"]


# -- the library ---------------------------------------------------------------------------


def test_read_walks_a_directory_and_reports_errors(tree) -> None:
    cables = list(cableformat.read(tree / "c"))
    assert [c.reference_id for c in cables] == ["09BAKU443", "09BAKU443", "09BAKU444"]
    with pytest.raises(FileNotFoundError):
        cableformat.read(tree / "missing")
    (tree / "c" / "empty.txt").write_text("")
    errors: list[cableformat.ReadError] = []
    assert len(list(cableformat.read(tree / "c", on_error=errors.append))) == 3
    assert [e.code for e in errors] == ["X002"]
    with pytest.raises(cableformat.ReadError):
        list(cableformat.read(tree / "c" / "empty.txt", on_error="raise"))


def test_validate_selectors() -> None:
    one = cableformat.validate("UNCLAS STATE 000001\nSUBJECT: X\n", select="B006")
    assert {d.code for d in one} == {"B006"}
    assert cableformat.validate("UNCLAS STATE 000001\n", select=["B006", "B008"])
    with pytest.raises(ValueError, match="Z9"):
        cableformat.validate("UNCLAS STATE 000001\n", select=["Z9"])
    with pytest.raises(ValueError):
        cableformat.validate("UNCLAS STATE 000001\n", ignore="Q")


def test_cable_validate_is_ours_and_diagnostics_have_line_and_column() -> None:
    cable = cableformat.parse("UNCLAS STATE 000001\nE.O. 12958: N/A\nSUBJECT: X\n")
    found = cable.validate(select="B006")
    assert [d.code for d in found] == ["B006"]
    text = "\n\nUNCLAS STATE 000001\nE.O. 12958: N/A\nTAGS PREL\nSUBJECT: X\n"
    (tags,) = cableformat.validate(text, select="B007")
    assert (tags.line, tags.column) == (5, 1)


def test_safe_accessors_on_a_body_only_cable() -> None:
    cable = cableformat.parse("UNCLAS STATE 000001\nE.O. 12958: N/A\nSUBJECT: X\n")
    assert cable.header is None
    assert (cable.tags, cable.subject, cable.sender, cable.date) == ([], "X", None, None)
    assert (cable.classification, cable.office) == ("UNCLASSIFIED", "STATE")
    full = next(cableformat.read(ROOT / "samples" / "09BAKU443.txt"))
    assert full.sender == "AMEMBASSY BAKU" and "PREL" in full.tags and full.date is not None


def test_package_doc_leads_to_the_names_that_matter() -> None:
    assert len(cableformat.__all__) == 10
    doc = cableformat.__doc__ or ""
    for name in cableformat.__all__:
        assert name in doc, name
        assert getattr(cableformat, name) is not None
    assert cableformat.explain("MRN").startswith("MRN: ")


# -- pre-commit ----------------------------------------------------------------------------


def test_pre_commit_hook_runs_validate_on_cable_files() -> None:
    import yaml

    from cableformat.readers import CABLE_SUFFIXES

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "cableformat" and hook["entry"].startswith("cableformat validate")
    assert all(re.search(hook["files"], "x" + suffix) for suffix in CABLE_SUFFIXES)
    assert not re.search(hook["files"], "notes.md")
    # the entry is a valid command line (argparse exits on an unknown option)
    args = build_parser().parse_args([*hook["entry"].split()[1:], "x.txt"])
    assert args.paths == ["x.txt"] and args.quiet
