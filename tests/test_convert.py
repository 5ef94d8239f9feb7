"""Conversion: JSON and XML round trips, CSV row, text, native inputs and the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import cableformat
from cableformat import convert
from cableformat.cli import main
from cableformat.model import Cable
from cableformat.parser import parse_source
from cableformat.readers import detect_format, iter_sources
from cableformat.readers.html import read_html
from cableformat.writers import WRITERS
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".txt")
BAKU = SAMPLES / "09BAKU443.txt"
INFO = ["CIS COLLECTIVE", "EU MEMBER STATES", "AMEMBASSY ANKARA", "CDR USEUCOM VAIHINGEN GE",
        "CIA WASHINGTON DC", "DIA WASHDC", "JOINT STAFF WASHDC", "NSC WASHDC", "SECDEF WASHDC",
        "USMISSION USOSCE"]


@cache
def _json_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "cable.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@cache
def _xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ROOT / "schemas" / "cable.xsd")))


def valid_json(document: str) -> str:
    """Assert ``document`` validates against the JSON Schema; return it."""
    errors = [e.message for e in _json_validator().iter_errors(json.loads(document))]
    assert not errors, errors[:3]
    return document


def valid_xml(document: str) -> str:
    """Assert ``document`` validates against the XSD; return it."""
    schema = _xsd()
    assert schema.validate(etree.fromstring(document.encode("utf-8"))), schema.error_log
    return document


def parse_file(path: Path) -> Cable:
    (source,) = list(iter_sources(path))
    return parse_source(source)


# --- JSON and XML -------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_round_trips_byte_exact(path: Path) -> None:
    data = path.read_bytes()
    cable = parse_file(path)
    back_json = convert.from_json(valid_json(convert.to_json(cable)))
    back_xml = convert.from_xml(valid_xml(convert.to_xml(cable)))
    assert back_json == cable
    assert back_xml == cable
    assert convert.text_bytes(back_json) == data
    assert convert.text_bytes(back_xml) == data


def test_json_document_starts_with_schema() -> None:
    doc = json.loads(convert.to_json(parse_file(BAKU)))
    assert next(iter(doc)) == "$schema"
    assert doc["$schema"] == convert.SCHEMA_ID
    assert doc["header"]["dtg"]["value"] == "2009-06-02T09:28:00Z"


def test_indented_json_is_the_same_document() -> None:
    cable = parse_file(BAKU)
    assert json.loads(convert.to_json(cable, indent=2)) == json.loads(convert.to_json(cable))


def test_cli_json_indent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(BAKU), "--to", "json", "--indent", "3", "-q"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n   "$schema": ') and json.loads(out)["reference_id"] == "09BAKU443"
    assert main(["convert", str(BAKU), str(BAKU), "--to", "json", "--indent", "2", "-q"]) == 2
    assert "JSON Lines" in capsys.readouterr().err


def test_json_shapes_dates_lists_and_source_name() -> None:
    from tests.test_readers import wl_page

    cable = parse_source(read_html(wl_page(None, WRAPPED_BODY), "pages/p.html"))
    doc = json.loads(valid_json(convert.to_json(cable)))
    assert doc["source_name"] == "pages/p.html"  # as given, never made absolute
    assert doc["wrapper"]["released"] == "2010-11-28T18:18:00Z"
    assert doc["wrapper"]["released_raw"] == "2010-11-28 18:18"
    assert doc["wrapper"]["created"] == "2009-06-02T09:28:00Z"
    assert convert.from_json(json.dumps(doc)) == cable
    assert cable.wrapper is not None and cable.wrapper.released == "2010-11-28 18:18"
    assert doc["header"] is None and doc["body"]["refs"] is None  # a missing node is null
    # a name means one thing: the exact text is cable_text, a node's words are its text
    assert "text" not in doc and doc["cable_text"] == cable.text
    assert doc["wrapper"]["wrapper_kind"] == "wikileaks-html"
    assert doc["wrapper"]["classification_raw"] == "CONFIDENTIAL"
    assert {b["line_kind"] for b in doc["blocks"]} <= set(cable.line_kinds)
    old = dict(doc)
    old["text"] = old.pop("cable_text")  # a 1.0 document's names are still read
    assert convert.from_json(json.dumps(old)) == cable
    assert doc["body"]["continuations"] == []  # a list is always a list
    assert _list_fields_are_lists(Cable, doc) > 10


def _list_fields_are_lists(cls: type, data: dict) -> int:
    """Assert every list field of ``data`` (a dump of ``cls``) is a list; count them."""
    import typing

    from pydantic import BaseModel

    count = 0
    for name, info in cls.model_fields.items():
        value = data[info.serialization_alias or name]
        tp = info.annotation
        if typing.get_origin(tp) is list:
            assert isinstance(value, list), name
            count += 1
            (item,) = typing.get_args(tp)
            if isinstance(item, type) and issubclass(item, BaseModel):
                count += sum(_list_fields_are_lists(item, v) for v in value)
            continue
        for arg in typing.get_args(tp) or (tp,):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and value is not None:
                count += _list_fields_are_lists(arg, value)
    return count


def test_xml_vocabulary_containers_attributes_and_iso_dates() -> None:
    root = etree.fromstring(valid_xml(convert.to_xml(parse_file(BAKU))).encode())
    ns = {"c": convert.NAMESPACE}
    assert convert.NAMESPACE == "urn:cableformat:cable:2" and root.get("version") == "2.0"
    assert root.get("reference_id") == "09BAKU443"  # scalar metadata: attributes
    infos = root.findall("c:header/c:info/c:addressee", namespaces=ns)
    assert [e.findtext("c:address", namespaces=ns) for e in infos] == INFO
    assert {e.get("role") for e in infos} == {"info"}
    assert root.find("c:header/c:dtg", namespaces=ns).get("value") == "2009-06-02T09:28:00Z"
    wrapper = root.find("c:wrapper", namespaces=ns)
    assert wrapper.get("released") == "2011-08-30T01:44:00Z"
    assert wrapper.get("released_raw") == "2011-08-30 01:44"
    tags = root.findall("c:body/c:tags/c:tag", namespaces=ns)
    assert [(t.get("kind"), t.get("value")) for t in tags][:2] == [
        ("subject", "PGOV"), ("subject", "MARR")]
    paragraphs = root.findall("c:body/c:paragraphs/c:paragraph", namespaces=ns)
    assert [p.get("n") for p in paragraphs] == [str(n) for n in range(1, 12)]
    assert paragraphs[0].get("span") == "1525 2286 60 1"
    assert paragraphs[0].findtext("c:text", namespaces=ns).startswith("On May 5")
    assert root.findtext("c:cable_text", namespaces=ns) == BAKU.read_text(encoding="utf-8")
    assert root.find("c:text", namespaces=ns) is None  # 'text' is a node's words only
    names = {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)}
    assert not names & {"items", "section", "kind", "end"}  # no name with two meanings


def test_xml_without_spans() -> None:
    cable = parse_file(BAKU)
    doc = valid_xml(convert.to_xml(cable, spans=False))
    assert 'span="' not in doc and len(doc) < len(convert.to_xml(cable))
    with pytest.raises(ValueError, match="without spans"):
        convert.from_xml(doc)
    assert main(["convert", str(BAKU), "--to", "xml", "--no-spans", "-q"]) == 0


def test_xml_attribute_with_a_forbidden_character_becomes_an_element() -> None:
    cable = cableformat.parse("UNCLAS STATE 000001\nTAGS: PR\x08EL\n\n1. Text.\n")
    doc = valid_xml(convert.to_xml(cable))
    assert '<value>PR<c x="08"/>EL</value>' in doc
    assert convert.from_xml(doc) == cable


FORBIDDEN = "UNCLAS\x0cSTATE 000001\x00\r\nE.O. 12958: N/A\x1b\rTAGS: PREL\ufffe\udc80\n"


def test_xml_escapes_forbidden_characters() -> None:
    cable = cableformat.parse(FORBIDDEN)
    doc = valid_xml(convert.to_xml(cable))
    for raw in ("\x0c", "\x00", "\x1b", "\ufffe"):
        assert raw not in doc
    assert '<c x="0C"/>' in doc and '<c x="DC80"/>' in doc and "&#13;" in doc
    back = convert.from_xml(doc)
    assert back == cable and back.text == FORBIDDEN
    assert convert.from_json(valid_json(convert.to_json(cable))).text == FORBIDDEN


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_arbitrary_text_survives_json_and_xml(text: str) -> None:
    cable = cableformat.parse(text)
    assert convert.from_xml(convert.to_xml(cable)).text == text
    assert convert.from_json(convert.to_json(cable)).text == text


def test_from_json_rejects_other_documents() -> None:
    with pytest.raises(ValueError, match=r"\$schema"):
        convert.from_json('{"_id": "x", "text": "UNCLAS"}')
    with pytest.raises(ValueError):
        convert.from_xml("<cable/>")
    with pytest.raises(ValueError):
        convert.load_cable("UNCLAS")


def test_load_cable_sniffs_the_format() -> None:
    cable = parse_file(BAKU)
    assert convert.load_cable(convert.to_json(cable)) == cable
    assert convert.load_cable(convert.to_xml(cable).encode()) == cable


# --- CSV ----------------------------------------------------------------------------------


def test_baku_csv_row() -> None:
    cable = parse_file(BAKU)
    rows = list(csv.reader(io.StringIO(convert.csv_text(cable, cableformat.validate(cable)))))
    assert rows[0] == list(convert.COLUMNS)
    assert rows[0][:21] == list(BASE_COLUMNS_BEFORE)  # the first 21 columns are an interface
    row = dict(zip(rows[0], rows[1], strict=True))
    assert rows[1][:19] == [
        "09BAKU443", "BAKU", "2009-06-02T09:28:00Z", "O", "CONFIDENTIAL", "SIPDIS",
        "AMEMBASSY BAKU", "SECSTATE WASHDC", ";".join(INFO), "12958", "2019-06-02",
        "PGOV;MARR;PREL;AJ;RU;IR;TR",
        "AZERBAIJAN: PRESIDENT EXPRESSES INTEREST IN ADDITIONAL TROOP CONTRIBUTIONS TO "
        "AFGHANISTAN", "", "Ambassador Anne E. Derse", "b;d", "2", "11", "DERSE"]
    assert row["errors"] == "0" and row["warnings"].isdigit()
    assert rows[1][21:] == ["2009-06-02T09:28:00Z", "2011-08-30T01:44:00Z", "Embassy Baku",
                            str(BAKU), "06/02/2019"]


#: The 21 columns of format 1.0, in order.
BASE_COLUMNS_BEFORE = (
    "reference_id", "office", "created", "precedence", "classification", "caveats", "from",
    "to", "info", "eo", "declassify_on", "tags", "subject", "references", "classified_by",
    "reasons", "sections", "paragraphs", "signature", "errors", "warnings")

WRAPPED_BODY = "UNCLAS STATE 000001\n\nNOFORN SIPDIS\nE.O. 12958: N/A\nTAGS: PREL\n" \
    "SUBJECT: TEST\n\n1. Text.\n"


def test_csv_created_is_the_cables_own_dtg_and_wrapper_columns_follow() -> None:
    from tests.test_readers import wl_page

    cable = parse_source(read_html(wl_page(None, WRAPPED_BODY), "p.html"))
    assert cable.wrapper is not None and (cable.header is None or cable.header.dtg is None)
    row = convert.cable_row(cable)
    assert row["created"] == ""  # no DTG: never the wrapper's value
    assert row["wrapper_created"] == "2009-06-02T09:28:00Z"
    assert row["released"] == "2010-11-28T18:18:00Z"
    assert row["origin"] == "Embassy Testville" and row["source"] == "p.html"
    assert row["caveats"] == "SIPDIS;NOFORN"  # canonical order, not the order written
    assert row["declassify_on"] == "" and row["declassify_raw"] == "N/A"


def test_csv_with_text_and_excel() -> None:
    text = "UNCLAS STATE 000001\n\nSUBJECT: =HYPERLINK(1)\n\n1. Text.\n-- SMITH\n"
    cable = cableformat.parse(text)
    row = convert.cable_row(cable, with_text=True)
    assert row["text"] == text
    plain = convert.to_csv([row], with_text=True)
    assert not plain.startswith("\ufeff")
    header, values = csv.reader(io.StringIO(plain))
    assert header[-1] == "text" and values[-1] == text and values[12] == "=HYPERLINK(1)"
    excel = convert.to_csv([row], with_text=True, excel=True)
    assert excel.startswith("\ufeffreference_id,")
    header, values = csv.reader(io.StringIO(excel[1:]))
    assert values[12] == "'=HYPERLINK(1)"
    assert not convert.to_csv([row], header=False, excel=True).startswith("\ufeff")
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert convert.excel_safe(cell) == "'" + cell
    assert convert.excel_safe("PGOV;PREL") == "PGOV;PREL"


def test_cli_csv_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.csv"
    assert main(["convert", str(BAKU), "--to", "csv", "--excel", "--with-text", "-q",
                 "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfreference_id,") and data.count(b"\xef\xbb\xbf") == 1
    header, row = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert header[-1] == "text" and row[-1] == BAKU.read_text(encoding="utf-8")


def test_csv_declassify_raw_values_and_sbu() -> None:
    text = ("UNCLAS SENSITIVE STATE 000123\n\nE.O. 12958: DECL: 1.6X1\nTAGS: PREL\n"
            "SUBJECT: TEST\n\n1. (SBU) Text.\n")
    row = convert.cable_row(cableformat.parse(text))
    assert row["classification"] == "SBU"
    assert row["declassify_on"] == "" and row["declassify_raw"] == "1.6X1"
    assert row["created"] == "" and row["errors"] == "0"


# --- text and writers ---------------------------------------------------------------------


def test_text_keeps_windows_1252_bytes(tmp_path: Path) -> None:
    data = BAKU.read_bytes().replace(b"glad", b"gl\xe4d \x93quoted\x94")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(data)
    cable = parse_file(path)
    assert "gläd" in cable.text
    assert convert.text_bytes(convert.from_json(convert.to_json(cable))) == data


def test_writers_registry() -> None:
    assert list(WRITERS) == ["json", "xml", "tei", "csv", "text"]
    cable = parse_file(BAKU)
    assert WRITERS["text"].render(cable) == BAKU.read_text(encoding="utf-8")
    assert WRITERS["json"].render(cable) == convert.to_json(cable)


# --- native inputs ------------------------------------------------------------------------


def test_native_documents_are_detected_and_read(tmp_path: Path) -> None:
    cable = parse_file(BAKU)
    for name, doc, fmt in (("a.json", convert.to_json(cable), "cableformat-json"),
                           ("a.xml", convert.to_xml(cable), "cableformat-xml"),
                           ("b.json", convert.to_json(cable, indent=2), "cableformat-json")):
        path = tmp_path / name
        path.write_text(doc, encoding="utf-8")
        assert detect_format(path.read_bytes(), name) == fmt
        (source,) = list(iter_sources(path))
        again = parse_source(source)
        assert again.text == cable.text and again.wrapper == cable.wrapper
        assert again.body == cable.body and again.header == cable.header


def test_native_json_lines_and_bad_records(tmp_path: Path) -> None:
    cables = [parse_file(p) for p in SAMPLE_FILES]
    lines = [convert.to_json(c) for c in cables]
    lines.insert(1, lines[0][:-5])  # a truncated record
    path = tmp_path / "all.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_sources(path))
    errors = [i for i in items if not hasattr(i, "text")]
    assert len(errors) == 1 and errors[0].code == "X013"
    assert [i.text for i in items if hasattr(i, "text")] == [c.text for c in cables]


def test_native_input_keeps_reader_notes(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"UNCLAS STATE 000001\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: CAF\xc9\n")
    cable = parse_file(path)
    out = tmp_path / "x.json"
    out.write_text(convert.to_json(cable), encoding="utf-8")
    again = parse_file(out)
    assert [s.code for s in again.syntax] == [s.code for s in cable.syntax]
    assert convert.text_bytes(again) == path.read_bytes()


# --- CLI ----------------------------------------------------------------------------------


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_single_input_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["convert", str(BAKU), "--to", "json", "--check"], capsys)
    assert code == 0 and err == ""
    assert convert.from_json(valid_json(out)).reference_id == "09BAKU443"
    code, out, _ = run_cli(["convert", str(BAKU), "--to", "csv"], capsys)
    assert code == 0 and out.startswith("reference_id,office,created,")
    assert out.count("\n") == 2


def test_cli_several_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in SAMPLE_FILES]
    code, out, _ = run_cli(["convert", *paths, "--to", "json"], capsys)
    assert code == 0
    docs = [convert.from_json(valid_json(line)) for line in out.splitlines()]
    assert len(docs) == len(paths)
    code, out, _ = run_cli(["convert", *paths, "--to", "csv"], capsys)
    assert code == 0 and out.count("reference_id,") == 1 and out.count("\r\n") == len(paths) + 1
    code, _out, err = run_cli(["convert", *paths, "--to", "xml"], capsys)
    assert code == 2 and "--output-dir" in err


def test_cli_output_dir_names_and_collisions(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    code, _, err = run_cli(["convert", str(BAKU), str(BAKU), "--to", "xml", "--check",
                            "--output-dir", str(out_dir)], capsys)
    assert code == 0, err
    outputs = sorted(p for p in out_dir.iterdir() if not p.name.startswith("."))
    assert [p.name for p in outputs] == ["09BAKU443-2.xml", "09BAKU443.xml"]
    for path in outputs:
        valid_xml(path.read_text(encoding="utf-8"))


def test_cli_round_trip_through_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    json_path, xml_path, txt_path = tmp_path / "c.json", tmp_path / "c.xml", tmp_path / "c.txt"
    assert main(["convert", str(BAKU), "--to", "json", "-o", str(json_path)]) == 0
    assert main(["convert", str(json_path), "--to", "xml", "-o", str(xml_path)]) == 0
    assert main(["convert", str(xml_path), "--to", "text", "-o", str(txt_path)]) == 0
    assert txt_path.read_bytes() == BAKU.read_bytes()
    code, out, _ = run_cli(["validate", str(json_path), "--format", "json"], capsys)
    code2, out2, _ = run_cli(["validate", str(BAKU), "--format", "json"], capsys)
    assert code == code2
    assert [d["code"] for d in _diagnostics(out)] == [d["code"] for d in _diagnostics(out2)]


def _diagnostics(report: str) -> list[dict[str, object]]:
    data = json.loads(report)
    files = data if isinstance(data, list) else data.get("files", data.get("cables", []))
    found = []
    for entry in files:
        found += entry.get("diagnostics", [])
    return found


def test_cli_unreadable_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(["convert", "/nonexistent/x.txt", "--to", "json"], capsys)
    assert code == 2 and "X008" in err


def test_cli_text_to_stdout_is_bytes() -> None:
    done = subprocess.run([sys.executable, "-m", "cableformat", "convert", str(BAKU), "--to",
                           "text"], capture_output=True, check=False, cwd=ROOT)
    assert done.returncode == 0 and done.stdout == BAKU.read_bytes()


# --- corpus -------------------------------------------------------------------------------


def test_corpus_text_round_trips(corpus: Path) -> None:
    files = sorted(corpus.glob("text/*.txt"))[::7] + sorted(corpus.glob("reference/*.txt"))
    assert files
    bad = []
    for path in files:
        data = path.read_bytes()
        # a page holding an appended cable yields it as a second cable: the texts of the
        # page's cables, in order, make up the file
        cables = [parse_source(s) for s in iter_sources(path)]
        if (b"".join(convert.text_bytes(convert.from_json(convert.to_json(c)))
                     for c in cables) != data
                or b"".join(convert.text_bytes(convert.from_xml(convert.to_xml(c)))
                            for c in cables) != data):
            bad.append(path.name)
    assert not bad, bad[:5]


def test_corpus_outputs_validate(corpus: Path) -> None:
    files = sorted(corpus.glob("html/*.html"))[::40] + sorted(corpus.glob("csv/*.csv"))
    count = 0
    for path in files:
        for source in iter_sources(path):
            if not hasattr(source, "text"):
                continue
            cable = parse_source(source)
            valid_json(convert.to_json(cable))
            valid_xml(convert.to_xml(cable))
            count += 1
    assert count >= len(files)


def test_source_name_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.txt").write_bytes(BAKU.read_bytes())
    monkeypatch.chdir(tmp_path)
    (cable,) = cableformat.read("in/c.txt")
    assert cable.source_name == "in/c.txt"
    assert main(["convert", "in", "--to", "json", "-q", "--jobs", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["source_name"] == "in/c.txt"
    assert main(["convert", "./in/c.txt", "--to", "csv", "-q"]) == 0
    header, row = csv.reader(io.StringIO(capsys.readouterr().out))
    assert row[header.index("source")] == "./in/c.txt"


def test_addressees_after_a_page_header_on_the_to_line_have_a_line_kind() -> None:
    # 09STATE15113.html: once an empty line kind, which the XML token list could not hold
    text = ("P 182318Z FEB 09\nFM SECSTATE WASHDC\nTO PAGE 02        STATE   015113  182333Z \n"
            "ALL DIPLOMATIC POSTS COLLECTIVE PRIORITY\nAMEMBASSY TRIPOLI PRIORITY\n"
            "S E C R E T STATE 015113  \n\n1. (S) Text.\n")
    cable = cableformat.parse(text)
    assert cable.line_kinds[2:5] == ["to", "to", "to"]
    assert cable.header is not None
    assert [a.address for a in cable.header.to] == ["ALL DIPLOMATIC POSTS COLLECTIVE",
                                                    "AMEMBASSY TRIPOLI"]
    assert convert.from_xml(valid_xml(convert.to_xml(cable))) == cable


def test_json_check_splits_json_lines_at_newlines_only() -> None:
    # 09MEXICO2205.html: a U+2028 in the text (written raw in JSON strings) once split the
    # document into "lines" that were not JSON
    cable = cableformat.parse("UNCLAS STATE 000001\n\n1. A\u2028B \x85 C\x1c.\n")
    document = convert.to_json(cable)
    assert "\u2028" in document and convert.check("json", document) == []
    assert convert.check("json", document + "\n" + document + "\n") == []
