"""Every report format, rendered from one shared list of hand-built results."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from lxml import etree

from cableformat.diagnostics import CableResult, Diagnostic, Severity
from cableformat.model import Cable
from cableformat.rules import RULES, Rule
from cableformat.source import ReadError, Source
from cableformat.writers.report import REPORTERS, ReportOptions, summarize, unreadable_result
from cableformat.writers.report.catalog import explain_text, write_rule_list
from cableformat.writers.report.common import terminal_safe, xml_safe
from cableformat.writers.report.github import annotation, escape_data, escape_property
from cableformat.writers.report.options import use_color
from cableformat.writers.report.sarif import path_uri
from cableformat.writers.report.statistics import statistics_rows, write_statistics
from cableformat.writers.report.text import render_diagnostic

FAKE_RULES = [
    ("Q101", "bad-word", Severity.ERROR, "The word BAD is not allowed."),
    ("Q102", "meh-word", Severity.WARNING, "The word MEH is discouraged."),
    ("Q201", "fyi-note", Severity.INFO, "A note."),
]
TEXT_A = "LINE ONE\nA BAD WORD\n\tTAB BAD\nMEH 50%\n"
WRAPPER_B = "<html>\n<pre>\nZZ MEH\nSECOND\n</pre>\n"


@pytest.fixture(autouse=True)
def fake_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register three rules with codes no real rule uses."""
    for code, name, severity, summary in FAKE_RULES:
        rule = Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            rationale=f"Rationale of {name}.",
            fails="A BAD WORD\n",
            passes="A GOOD WORD\n",
            check=lambda cable, emit: None,
            family="fake",
        )
        monkeypatch.setitem(RULES, code, rule)


def diag(
    code: str, sev: Severity, text: str, needle: str, message: str, **kw: object
) -> Diagnostic:
    """A diagnostic on the first occurrence of ``needle`` in ``text``."""
    start = text.index(needle)
    return Diagnostic(code, sev, message, start, start + len(needle), **kw)  # type: ignore[arg-type]


@pytest.fixture
def results() -> list[CableResult]:
    """Five results in four files: errors, warnings, an info, a clean cable, an unreadable."""
    src_a = Source(text=TEXT_A, name="cables/a.txt", input_format="text")
    a = CableResult(
        path="cables/a.txt",
        source=src_a,
        cable=Cable(reference_id="09STATE1"),
        diagnostics=[
            diag("Q101", Severity.ERROR, TEXT_A, "BAD", "bad word", hint="write GOOD"),
            Diagnostic("Q101", Severity.ERROR, "bad again", 25, 28),  # BAD after the tab
            diag("Q201", Severity.INFO, TEXT_A, "50%", "50%, a:b\nnext line"),
        ],
    )
    # Cable text is the <pre> content: it starts at file offset 13 (line 3 of the file).
    text_b = "ZZ MEH\nSECOND\n"
    src_b1 = Source(
        text=text_b, name="cables/b.html", input_format="html", file_text=WRAPPER_B, base_offset=13
    )
    b1 = CableResult(
        path="cables/b.html",
        source=src_b1,
        cable=Cable(),
        diagnostics=[
            diag("Q102", Severity.WARNING, text_b, "MEH", "meh"),
            diag("Q102", Severity.WARNING, text_b, "SECOND", "control \x00\x1b[31m chars"),
        ],
    )
    b2 = CableResult(path="cables/b.html", source=src_b1, cable=Cable(), diagnostics=[])
    bad = unreadable_result(
        "cables/bad.bin", ReadError("cables/bad.bin", "X001", "not a cable: binary data")
    )
    clean = CableResult(
        path="cables/c.txt",
        source=Source(text="OK\n", name="cables/c.txt", input_format="text"),
        cable=Cable(reference_id="09STATE3"),
    )
    return [a, b1, b2, bad, clean]


def render(fmt: str, results: list[CableResult], **opts: bool) -> str:
    out = io.StringIO()
    REPORTERS[fmt](iter(results), out, ReportOptions(**opts))
    return out.getvalue()


def test_registry_lists_every_format() -> None:
    assert set(REPORTERS) == {"text", "concise", "json", "jsonl", "sarif", "github", "junit"}


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_returns_the_run_summary(fmt: str, results: list[CableResult]) -> None:
    summary = REPORTERS[fmt](iter(results), io.StringIO(), ReportOptions())
    assert summary == summarize(results)
    assert (summary.files, summary.cables, summary.unreadable) == (4, 4, 1)
    assert (summary.errors, summary.warnings, summary.infos) == (3, 2, 1)
    assert summary.by_rule == {"Q101": 2, "Q102": 2, "Q201": 1, "X001": 1}


# -- text --------------------------------------------------------------------------------


def test_text_header_excerpt_caret_and_hint(results: list[CableResult]) -> None:
    lines = render("text", results).splitlines()
    i = lines.index("cables/a.txt:2:3: 09STATE1: Q101 error bad word")
    assert lines[i + 1] == "  |"
    assert lines[i + 2] == "2 | A BAD WORD"
    assert lines[i + 3] == "  |   ^^^"
    assert lines[i + 3].index("^") == lines[i + 2].index("BAD")
    assert lines[i + 4] == "  = hint: write GOOD"


def test_text_caret_follows_expanded_tab(results: list[CableResult]) -> None:
    lines = render("text", results).splitlines()
    i = lines.index("cables/a.txt:3:6: 09STATE1: Q101 error bad again")
    assert lines[i + 2] == "3 |     TAB BAD"
    assert lines[i + 3].index("^") == lines[i + 2].index("BAD")
    assert lines[i + 3].endswith("^^^")


def test_text_location_is_the_files_and_excerpt_the_cables_line(
    results: list[CableResult],
) -> None:
    out = render("text", results)
    assert "cables/b.html:3:4: Q102 warning meh" in out  # file line 3 (an editor's)
    assert "1 | ZZ MEH" in out  # the cable's line 1, decoded, as the parser read it
    assert "<pre>" not in out


def test_text_excerpt_is_one_cable_line_cut_to_the_width() -> None:
    text = "A" * 300 + "\nTAGS ECON, EINV, HR\n" + "B" * 300
    src = Source(text=text, name="p.html", input_format="html")
    result = CableResult("p.html", src, Cable(reference_id="06ZAGREB815"))
    start = text.index("TAGS")
    d = Diagnostic("Q102", Severity.WARNING, "meh", start, start + 4)
    lines = ["".join(t for t, _ in p) for p in render_diagnostic(result, d, width=40)]
    assert lines[2] == "2 | TAGS ECON, EINV, HR"
    assert lines[3] == "  | ^^^^"
    far = Diagnostic("Q102", Severity.WARNING, "meh", len(text) - 10, len(text) - 8)
    lines = ["".join(t for t, _ in p) for p in render_diagnostic(result, far, width=40)]
    assert all(len(line) <= 40 for line in lines[1:4]), lines
    assert lines[3].index("^") == lines[2].index("B", lines[3].index("^"))


def test_csv_and_json_diagnostics_name_their_cable() -> None:
    from cableformat.writers.report.concise import concise_line

    text = "UNCLAS KABUL 003619\nMEH\n"
    src = Source(text=text, name="cables.csv", input_format="csv", line_offset=25)
    result = CableResult("cables.csv", src, Cable(reference_id="78KABUL3619"))
    d = Diagnostic("Q102", Severity.WARNING, "meh", 20, 23)
    head = "".join(t for t, _ in render_diagnostic(result, d)[0])
    assert head == "cables.csv:27:1: 78KABUL3619: Q102 warning meh"
    assert "".join(t for t, _ in concise_line(result, d)) == head
    named = CableResult("78KABUL3619.txt", src, Cable(reference_id="78KABUL3619"))
    assert "78KABUL3619:" not in "".join(t for t, _ in render_diagnostic(named, d)[0])


def test_text_unreadable_summary_and_no_raw_controls(results: list[CableResult]) -> None:
    out = render("text", results)
    assert "cables/bad.bin: X001 error not a cable: binary data" in out.splitlines()
    last = out.rstrip("\n").splitlines()[-1]
    assert last == "Found 3 errors, 2 warnings, 1 info in 4 cables (4 files, 1 unreadable)"
    assert "\x1b" not in out and "\x00" not in out
    assert "control \\x00\\x1b[31m chars" in out


def test_text_colour_only_when_asked(results: list[CableResult]) -> None:
    assert "\x1b[" not in render("text", results, color=False)
    coloured = render("text", results, color=True)
    assert "\x1b[" in coloured
    assert "\\x1b[31m" in coloured  # the cable's own escape stays escaped


def test_text_long_line_keeps_caret_under_span() -> None:
    text = "X" * 500 + " BAD " + "Y" * 500 + "\n"
    result = CableResult("long.txt", Source(text=text, name="long.txt", input_format="text"), None)
    d = Diagnostic("Q101", Severity.ERROR, "bad", 501, 504)
    lines = ["".join(t for t, _ in piece) for piece in render_diagnostic(result, d)]
    assert lines[0] == "long.txt:1:502: Q101 error bad"
    shown, carets = lines[2], lines[3]
    assert shown[carets.index("^") :].startswith("BAD")
    assert len(shown) < 200


def test_empty_span_at_end_of_line_gets_one_caret() -> None:
    result = CableResult("e.txt", Source(text="AB\n", name="e.txt", input_format="text"), None)
    diagnostic = Diagnostic("Q201", Severity.INFO, "x", 2, 2)
    lines = ["".join(t for t, _ in p) for p in render_diagnostic(result, diagnostic)]
    assert lines[2:4] == ["1 | AB", "  |   ^"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", _Tty()) is True
    assert use_color("auto", io.StringIO()) is False
    assert use_color("never", _Tty()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", _Tty()) is False
    assert use_color("always", io.StringIO()) is True


# -- json / jsonl ------------------------------------------------------------------------

FIELDS = {"path", "cable", "code", "name", "severity", "message", "hint"}
FIELDS |= {"line", "column", "end_line", "end_column"}


def test_json_summary_adds_up(results: list[CableResult]) -> None:
    doc = json.loads(render("json", results))
    summary, diags = doc["summary"], doc["diagnostics"]
    keys = {"files", "cables", "errors", "warnings", "infos", "unreadable", "by_rule"}
    assert keys <= set(summary)
    assert summary["errors"] + summary["warnings"] + summary["infos"] == len(diags)
    assert sum(summary["by_rule"].values()) == len(diags) == 6
    assert summary["errors"] == sum(d["severity"] == "error" for d in diags)
    for d in diags:
        assert set(d) >= FIELDS
        assert d["severity"] in {"error", "warning", "info"}


def test_json_positions_names_and_unreadable(results: list[CableResult]) -> None:
    diags = json.loads(render("json", results))["diagnostics"]
    first = diags[0]
    assert first["path"] == "cables/a.txt" and first["cable"] == "09STATE1"
    assert (first["code"], first["name"], first["hint"]) == ("Q101", "bad-word", "write GOOD")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (2, 3, 2, 6)
    meh = next(d for d in diags if d["path"] == "cables/b.html")
    assert (meh["line"], meh["column"], meh["cable"]) == (3, 4, None)
    bad = next(d for d in diags if d["code"] == "X001")
    assert bad["severity"] == "error" and bad["cable"] is None
    assert (bad["line"], bad["column"]) == (1, 1)


def test_jsonl_has_one_record_per_line_and_no_summary(results: list[CableResult]) -> None:
    lines = render("jsonl", results).splitlines()
    records = [json.loads(line) for line in lines]
    assert records == json.loads(render("json", results))["diagnostics"]
    assert all("summary" not in r for r in records)


# -- sarif -------------------------------------------------------------------------------


# the OASIS SARIF 2.1.0 schema (errata01), shipped with the tests (see its PROVENANCE.md)
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def test_sarif_is_valid_against_the_official_schema(results: list[CableResult]) -> None:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    log = json.loads(render("sarif", results))
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    validator.validate(log)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"  # the schema does catch a bad log
    assert not validator.is_valid(broken)


def test_sarif_results_rules_and_regions(results: list[CableResult]) -> None:
    run = json.loads(render("sarif", results))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cableformat" and driver["version"]
    # only a page that exists (the installed metadata's Project-URL), else left out
    assert driver.get("informationUri", "https://").startswith(("https://", "http://"))
    assert "pypi.org/project/cableformat" not in json.dumps(driver)
    rules = driver["rules"]
    for r in rules:
        assert {"id", "name", "shortDescription", "fullDescription", "help"} <= set(r)
        assert r["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules}["Q201"] == "note"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    levels = [r["level"] for r in run["results"]]
    assert levels.count("error") == 3 and levels.count("warning") == 2 and levels.count("note") == 1
    first = run["results"][0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "cables/a.txt"
    assert first["region"] == {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 6}


def test_sarif_uris() -> None:
    assert path_uri("dir/a b.txt") == "dir/a%20b.txt"
    assert path_uri("/tmp/x.txt") == "file:///tmp/x.txt"


# -- github ------------------------------------------------------------------------------


def test_github_commands_and_levels(results: list[CableResult]) -> None:
    lines = render("github", results).splitlines()
    assert len(lines) == 6
    assert lines[0] == (
        "::error file=cables/a.txt,line=2,col=3,endLine=2,endColumn=6,title=Q101"
        "::bad word%0Ahint: write GOOD"
    )
    assert sum(line.startswith("::warning ") for line in lines) == 2
    assert sum(line.startswith("::notice ") for line in lines) == 1
    assert "::50%25, a:b%0Anext line" in "\n".join(lines)


def test_github_escaping() -> None:
    assert escape_data("100% a:b,c\r\nx") == "100%25 a:b,c%0D%0Ax"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    source = Source(text="X\n", name="we,ird:name.txt", input_format="text")
    result = CableResult("we,ird:name.txt", source, None)
    line = annotation(result, Diagnostic("Q101", Severity.ERROR, "m", 0, 1))
    assert line.startswith("::error file=we%2Cird%3Aname.txt,line=1,col=1,")


# -- junit -------------------------------------------------------------------------------


def test_junit_parses_and_counts(results: list[CableResult]) -> None:
    root = etree.fromstring(render("junit", results).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "5"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "09STATE1",
        "cables/b.html#1",
        "cables/b.html#2",
        "cables/bad.bin#1",
        "09STATE3",
    ]
    assert cases[1].get("classname") == "cables/b.html"
    assert cases[0].find("failure") is not None
    assert cases[1].find("failure") is None  # warnings only
    assert cases[3].find("error") is not None and cases[3].find("error").get("type") == "X001"
    assert (suite.get("failures"), suite.get("errors")) == ("1", "1")


def test_junit_strict_fails_on_warnings_and_escapes_forbidden_chars(
    results: list[CableResult],
) -> None:
    data = render("junit", results, strict=True)
    assert "\x00" not in data and "\x1b" not in data
    root = etree.fromstring(data.encode("utf-8"))
    case = root.find("testsuite").findall("testcase")[1]
    failure = case.find("failure")
    assert failure is not None
    assert "control \\x00\\x1b[31m chars" in failure.text


def test_xml_and_terminal_sanitising() -> None:
    assert xml_safe("a\x00b\ud800c\tok") == "a\\x00b\\ud800c\tok"
    assert terminal_safe("a\x1b[2Jb\x9b") == "a\\x1b[2Jb\\x9b"


# -- statistics and the rule catalogue ---------------------------------------------------


def test_statistics_rows_and_table(results: list[CableResult]) -> None:
    summary = summarize(results)
    rows = statistics_rows(summary)
    assert [r["code"] for r in rows] == ["Q101", "Q102", "Q201", "X001"]
    assert rows[0] == {"code": "Q101", "name": "bad-word", "severity": "error", "count": 2}
    out = io.StringIO()
    write_statistics(summary, out)
    assert out.getvalue().splitlines()[1].split() == ["Q101", "bad-word", "error", "2"]


def test_rule_list_and_explain() -> None:
    out = io.StringIO()
    write_rule_list([RULES["Q101"], RULES["Q102"]], out, fmt="json")
    assert [r["code"] for r in json.loads(out.getvalue())] == ["Q101", "Q102"]
    text = explain_text(RULES["Q101"])
    assert text.startswith("Q101 (bad-word)\nSeverity: error\n")
    assert text.index("Rationale of bad-word.") < text.index("Fails:") < text.index("Passes:")
    assert "    A BAD WORD" in text
