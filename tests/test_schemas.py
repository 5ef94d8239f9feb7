"""The shipped schemas: regenerated from the models without drift, valid, packaged."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

import cableformat
from cableformat import convert
from cableformat.model import Cable
from cableformat.writers.json import SCHEMA_ID, schema_text
from cableformat.writers.xml import xsd_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"


@pytest.fixture(scope="module")
def baku() -> Cable:
    """The reference cable 09BAKU443."""
    return cableformat.parse((ROOT / "samples" / "09BAKU443.txt").read_bytes())


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "generate"), [("cable.schema.json", schema_text),
                                                ("cable.xsd", xsd_text)])
def test_no_drift(name: str, generate) -> None:
    text = generate()
    assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
        f"schemas/{name} is out of date: run python scripts/generate_schemas.py")
    assert convert.schema_file(name).decode("utf-8") == text


def test_json_schema_is_2020_12_with_versioned_id() -> None:
    schema = json.loads((SCHEMAS / "cable.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID and "/1.1/" in SCHEMA_ID
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert schema["required"][0] == "$schema"


def test_json_schema_documents_jargon_and_enums() -> None:
    schema = json.loads((SCHEMAS / "cable.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert "date-time group" in defs["DTG"]["description"]
    assert "SIPRNet" in schema["properties"]["caveats"]["description"]
    assert "message continuity number" in defs["Address"]["properties"]["mcn"]["description"]
    assert defs["RoutingLine"]["properties"]["prosign"]["anyOf"][0]["enum"] == [
        "ZZ", "OO", "PP", "RR"]
    assert "SBU" in schema["properties"]["classification"]["anyOf"][0]["enum"]


def test_json_schema_rejects_bad_documents(baku: Cable) -> None:
    good = json.loads(convert.to_json(baku))
    assert convert.check("json", json.dumps(good)) == []
    assert good["classification"] == "CONFIDENTIAL" and good["caveats"] == ["SIPDIS"]
    assert good["wrapper"]["released"] == "2011-08-30T01:44:00Z"
    for mutate in (lambda d: d.pop("$schema"),
                   lambda d: d.update(unknown=1),
                   lambda d: d["header"]["dtg"].update(value=20090602),
                   lambda d: d.update(classification="SECRETISH"),
                   lambda d: d.update(caveats=["NOFORM"]),
                   lambda d: d["header"]["dtg"].update(precedences=["X"]),
                   lambda d: d["body"]["banner"].update(classification="SBU"),
                   lambda d: d["body"].update(paragraphs="none")):
        doc = json.loads(json.dumps(good))
        mutate(doc)
        assert convert.check("json", json.dumps(doc)), mutate


def test_xsd_is_a_schema_and_rejects_bad_documents(baku: Cable) -> None:
    etree.XMLSchema(etree.parse(str(SCHEMAS / "cable.xsd")))
    doc = convert.to_xml(baku)
    assert convert.check("xml", doc) == []
    assert convert.check("xml", doc.replace("<cable_text>", "<text>", 1))
    assert convert.check("xml", doc.replace('span="', 'span="x', 1))
    assert convert.check("xml", doc.replace('n="1"', 'n="1" number="1"', 1))
    assert convert.check("xml", "<cable")  # not well-formed


def test_tei_subset_shipped_and_fast() -> None:
    data = convert.schema_file("tei_cable.rng")
    assert data == (SCHEMAS / "tei_cable.rng").read_bytes()
    etree.RelaxNG(etree.fromstring(data))


def test_tei_subset_no_drift() -> None:
    module = _script("generate_tei_subset")
    try:
        source = module.tei_all_path()
    except FileNotFoundError:
        pytest.skip("tei_all.rng not found (../shared/schemas/tei or $CABLEFORMAT_TEI_ALL)")
    assert module.subset(source) == (SCHEMAS / "tei_cable.rng").read_bytes(), (
        "schemas/tei_cable.rng is out of date: run python scripts/generate_tei_subset.py")


def test_schemas_readme_lists_every_file() -> None:
    readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    for path in SCHEMAS.iterdir():
        if path.name != "README.md":
            assert path.name in readme
