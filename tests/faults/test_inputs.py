"""Fault injection: hostile and special inputs (XML entities, deep JSON, FIFOs, devices)."""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cableformat import readers
from cableformat.cli import main
from cableformat.readers import iter_inputs, iter_sources
from cableformat.source import ReadError, Source
from tests.conftest import SAMPLES
from tests.faults.conftest import cli_env, not_root

V = ["validate", "-q", "--jobs", "1", "--format", "json"]


def _validate(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> tuple[int, dict]:
    code = main([*V, *map(str, paths)])
    return code, json.loads(capsys.readouterr().out)


def _native_xml() -> str:
    from cableformat.convert import to_xml
    from cableformat.parser import parse_source

    text = (SAMPLES / "09BAKU443.txt").read_text()
    return to_xml(parse_source(Source(text=text, name="baku.txt", input_format="text")))


# -- High 2: entities in native XML ---------------------------------------------------------


def test_native_xml_with_entities_in_an_attribute_is_refused(tmp_path: Path, capsys) -> None:
    doc = _native_xml()
    dtd = ('<!DOCTYPE cable [<!ENTITY a "aaaaaaaaaa">'
           + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
                     for p, n in zip("abcde", "bcdef", strict=True)) + "]>")
    head, rest = doc.split("\n", 1)
    hostile = head + "\n" + dtd + rest.replace('partial="false"', 'partial="&f;"', 1)
    path = tmp_path / "laughs.xml"
    path.write_text(hostile)  # 10^6 characters once expanded, in an attribute
    start = time.monotonic()
    code, report = _validate(capsys, path)
    assert time.monotonic() - start < 30
    assert code == 2
    [diag] = report["diagnostics"]
    assert diag["code"] == "X013" and "DOCTYPE" in diag["message"]


def test_native_xml_parser_keeps_libxml2_limits() -> None:
    from cableformat.writers.xml import _parser, from_xml

    assert _parser() is not None
    with pytest.raises(ValueError, match="DOCTYPE"):
        from_xml('<?xml version="1.0"?>\n<!DOCTYPE cable SYSTEM "http://example.org/x.dtd">'
                 '<cable xmlns="urn:cableformat:cable:1"/>')


def test_native_xml_with_an_unexpanded_entity_is_a_clear_error(tmp_path: Path, capsys) -> None:
    head, rest = _native_xml().split("\n", 1)
    # an entity left unexpanded in a text element read as "int() can't convert non-string"
    doc = head + '\n<!DOCTYPE cable [<!ENTITY n "5">]>\n' + rest.replace("<text>", "<text>&n;", 1)
    path = tmp_path / "entity.xml"
    path.write_text(doc)
    code, report = _validate(capsys, path)
    message = json.dumps(report)
    assert code == 2 and "X013" in message and "int()" not in message


# -- High 3: a reader failing in the parent -----------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_number_of_5000_digits_is_one_error_and_the_run_goes_on(
    tmp_path: Path, cable: Path, capsys, jobs: str
) -> None:
    bad = tmp_path / "in" / "huge.jsonl"
    bad.write_text('{"_id": "x", "size": ' + "9" * 5000 + ', "body": "text"}\n'
                   + json.dumps({"_id": "y", "body": cable.read_text()}) + "\n")
    code = main(["validate", "-q", "--jobs", jobs, "--format", "json", str(bad), str(cable)])
    report = json.loads(capsys.readouterr().out)
    assert code == 2, "exit 3 aborted the run"
    assert report["summary"]["cables"] >= 2  # the other record and the other file


def test_array_nested_200000_deep_is_one_error_and_the_run_goes_on(
    tmp_path: Path, cable: Path, capsys
) -> None:
    bad = tmp_path / "in" / "deep.json"
    bad.write_text('{"$schema": "https://cableformat.example.org/schemas/cable/1.0/'
                   'cable.schema.json", "x": ' + "[" * 200_000 + "]" * 200_000 + "}")
    code, report = _validate(capsys, bad, cable)
    assert code == 2
    assert report["summary"]["unreadable"] == 1 and report["summary"]["cables"] >= 1


def test_a_reader_that_raises_is_isolated_to_its_input(tmp_path: Path, cable: Path, capsys,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("reader bug")
        yield  # pragma: no cover

    monkeypatch.setattr(readers, "read_csv", broken)
    bad = tmp_path / "in" / "cables.csv"
    bad.write_text('"1","12/1/2009 10:00","09X1","Embassy X","UNCLASSIFIED","","","x"\n')
    code, report = _validate(capsys, bad, cable)
    assert code == 2 and report["summary"]["unreadable"] == 1
    assert "reader bug" in json.dumps(report)


def test_closed_stdin_is_a_read_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cableformat", "validate", "-q", "--jobs", "1", "-"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, env=cli_env(),
        preexec_fn=lambda: os.close(0), cwd=tmp_path,
    )
    assert proc.returncode == 2 and "standard input is closed" in proc.stdout + proc.stderr


# -- Medium 8: FIFOs, devices, symlinked directories, binary heads ---------------------


def test_fifo_in_a_directory_is_skipped_and_said(tmp_path: Path, cable: Path) -> None:
    os.mkfifo(cable.parent / "pipe.txt")
    proc = subprocess.run(
        [sys.executable, "-m", "cableformat", "validate", "--jobs", "1", "--format", "json",
         str(cable.parent)], capture_output=True, text=True, timeout=60, env=cli_env(),
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "a FIFO, not a regular file" in proc.stdout
    assert json.loads(proc.stdout)["summary"]["cables"] == 1


def _limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_dev_zero_is_not_read(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cableformat", "validate", "--jobs", "1", "/dev/zero"],
        capture_output=True, text=True, timeout=60, env=cli_env(), cwd=tmp_path,
        preexec_fn=_limited_memory,
    )
    assert proc.returncode == 2 and "character device" in proc.stdout


def test_binary_head_stops_the_reading() -> None:
    class Zeros(io.RawIOBase):
        """An endless file of NUL bytes that counts what is read."""

        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            Zeros.read_bytes += len(buffer)
            if Zeros.read_bytes > 64 << 20:
                raise AssertionError("read far past the head of a binary file")
            buffer[:] = bytes(len(buffer))
            return len(buffer)

    [item] = list(iter_sources(io.BufferedReader(Zeros())))
    assert isinstance(item, ReadError) and item.code == "X001"
    assert Zeros.read_bytes <= 1 << 20


def test_symlinked_directory_out_of_the_tree_is_not_followed(tmp_path: Path, cable: Path
                                                             ) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(cable.read_text())
    (cable.parent / "link").symlink_to(outside)
    (cable.parent / "inner").mkdir()
    (cable.parent / "inner-link").symlink_to(cable.parent / "inner")
    (cable.parent / "inner" / "x.txt").write_text(cable.read_text())
    paths = [p for p, _ in iter_inputs([str(cable.parent)])]
    assert not any("secret" in p for p in paths)
    assert any(p.endswith("inner/x.txt") for p in paths)


def test_links_out_of_the_tree_are_followed_only_when_asked(
    tmp_path: Path, cable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.txt").write_text(cable.read_text())
    (cable.parent / "link").symlink_to(outside)
    with readers.walk_exclusions(follow_links=True):
        paths = [p for p, _ in iter_inputs([str(cable.parent)])]
    assert any(p.endswith("link/elsewhere.txt") for p in paths)
    assert not any("elsewhere" in p for p, _ in iter_inputs([str(cable.parent)]))
    for flags, seen in (([], False), (["--follow-links"], True)):
        main(["validate", "--format", "jsonl", "--min-severity", "info", "--jobs", "1",
              *flags, str(cable.parent)])
        assert ("elsewhere.txt" in capsys.readouterr().out) is seen


def test_unreadable_subdirectory_is_reported(tmp_path: Path, cable: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    locked = cable.parent / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", lambda path: scandir(path))
    items = list(iter_inputs([str(cable.parent)]))
    errors = [i for _, i in items if isinstance(i, ReadError)]
    assert [e.name for e in errors] == [str(locked)] and "Permission denied" in errors[0].message


@not_root
def test_unreadable_subdirectory_is_reported_for_real(tmp_path: Path, cable: Path) -> None:
    locked = cable.parent / "locked"
    locked.mkdir(mode=0)
    try:
        errors = [i for _, i in iter_inputs([str(cable.parent)]) if isinstance(i, ReadError)]
    finally:
        locked.chmod(0o755)
    assert len(errors) == 1 and errors[0].code == "X012"


# -- Medium 7: lone surrogates (a file name that is not UTF-8) ---------------------------


@pytest.fixture
def latin1_name(tmp_path: Path, cable: Path) -> Path:
    name = os.fsdecode(b"caf\xe9.txt")  # "caf\udce9.txt"
    path = cable.parent / name
    path.write_text(cable.read_text())
    cable.unlink()
    return path


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_file_name_not_utf8_in_report_files(tmp_path: Path, latin1_name: Path, fmt: str
                                            ) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["validate", "-q", "--jobs", "1", "--format", fmt, "-o", str(out),
                 str(latin1_name)]) in (0, 1)
    written = out.read_text(encoding="utf-8")  # valid UTF-8: the name escaped, not dropped
    assert "caf\\udce9" in written or "caf%5Cudce9" in written or "caf%E9" in written


def test_file_name_not_utf8_in_html_csv_and_shards(tmp_path: Path, latin1_name: Path) -> None:
    html = tmp_path / "report.html"
    assert main(["report", "-q", "--jobs", "1", "--html", str(html), str(latin1_name)]) == 0
    out = tmp_path / "csv"
    assert main(["convert", "-q", "--jobs", "1", "--to", "csv", "--output-dir", str(out),
                 str(latin1_name)]) == 0
    shards = tmp_path / "shards"
    assert main(["shard", "-q", "--out", str(shards), str(latin1_name)]) == 0
    record = json.loads((shards / "shard-00000.jsonl").read_text(encoding="utf-8"))
    assert record["path"] == str(latin1_name)  # the escape reads back as the same name


def test_lone_surrogate_in_native_json_text(tmp_path: Path, cable: Path) -> None:
    from cableformat.convert import to_json
    from cableformat.parser import parse_source

    text = cable.read_text().replace("SUBJECT:", "SUBJECT: \udcff", 1)
    doc = to_json(parse_source(Source(text=text, name="x.txt", input_format="text")))
    path = tmp_path / "in" / "native.json"
    path.write_text(doc, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "csv"
    assert main(["convert", "-q", "--jobs", "1", "--to", "csv", "--output-dir", str(out),
                 str(path)]) == 0
    assert "\\udcff" in next(out.glob("*.csv")).read_text(encoding="utf-8")
    shards = tmp_path / "shards"
    assert main(["shard", "-q", "--out", str(shards), str(path)]) == 0
    record = json.loads((shards / "shard-00000.jsonl").read_text(encoding="utf-8"))
    assert "\udcff" in record["text"] or "\\udcff" in record["text"]
