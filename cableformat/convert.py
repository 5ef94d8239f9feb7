"""Conversion API: a cable to JSON, XML, TEI P5, CSV or text, back again, and schema checks.

>>> cable = cableformat.parse(text)
>>> from_json(to_json(cable)) == cable          # the full model, lossless
>>> from_xml(to_xml(cable)).text == text         # raw text kept exactly
>>> check("tei", to_tei(cable))                  # [] when valid

The schemas shipped in ``cableformat/data/`` (copies of ``schemas/``) are loaded once per
process: ``cable.schema.json`` (JSON Schema 2020-12), ``cable.xsd`` (XSD 1.0) and
``tei_cable.rng``, a whitelist subset of TEI P5 ``tei_all`` (valid against it implies valid
against ``tei_all``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree

from cableformat.diagnostics import Diagnostic
from cableformat.model import Cable
from cableformat.writers.csv import COLUMNS, cable_row, excel_safe, to_csv
from cableformat.writers.json import SCHEMA_ID, from_json, is_schema_id, to_json
from cableformat.writers.tei import to_tei
from cableformat.writers.text import text_bytes, to_text
from cableformat.writers.xml import NAMESPACE, from_xml, to_xml

__all__ = [
    "COLUMNS",
    "NAMESPACE",
    "SCHEMA_ID",
    "cable_row",
    "check",
    "csv_text",
    "excel_safe",
    "from_json",
    "from_xml",
    "load_cable",
    "schema_file",
    "text_bytes",
    "to_csv",
    "to_json",
    "to_tei",
    "to_text",
    "to_xml",
]


def csv_text(cable: Cable, diagnostics: Sequence[Diagnostic] = ()) -> str:
    """One cable as a CSV document: the header row and the cable's row."""
    return to_csv([cable_row(cable, diagnostics)])


def load_cable(data: str | bytes) -> Cable:
    """A cable from a JSON or XML document of this tool (the format is sniffed)."""
    head = data[:200].lstrip() if isinstance(data, str) else data[:200].lstrip().decode(
        "utf-8", "replace")
    if head.startswith("{"):
        return from_json(data)
    if head.startswith("<"):
        return from_xml(data)
    raise ValueError("not a cableformat JSON or XML document")


def schema_file(name: str) -> bytes:
    """The bytes of a shipped schema (``cable.schema.json``, ``cable.xsd``, ``tei_cable.rng``)."""
    return resources.files("cableformat").joinpath("data", name).read_bytes()


@cache
def _json_validator() -> Any:
    import jsonschema

    schema = json.loads(schema_file("cable.schema.json"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@cache
def _xml_schema(name: str) -> etree.XMLSchema | etree.RelaxNG:
    doc = etree.fromstring(schema_file(name), parser=_safe_parser())
    return etree.XMLSchema(doc) if name.endswith(".xsd") else etree.RelaxNG(doc)


_XML_SCHEMAS = {"xml": "cable.xsd", "tei": "tei_cable.rng"}


def _safe_parser() -> etree.XMLParser:
    """An XML parser with entity expansion and network access off."""
    return etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)


def check(fmt: str, document: str | bytes) -> list[str]:
    """Validate one output document against its schema; return the errors (``[]`` = valid).

    ``fmt`` is ``json``, ``xml`` or ``tei``; ``csv`` and ``text`` have no schema and always
    pass.  A JSON Lines document is checked line by line.
    """
    if fmt == "json":
        errors: list[str] = []
        text = document.decode("utf-8") if isinstance(document, bytes) else document
        # JSON Lines are split at "\n" only: U+2028, U+0085 ... are inside strings
        lines = [line for line in text.split("\n") if line.strip()] or [text]
        for number, line in enumerate(lines, 1):
            try:
                instance = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {number}: not JSON: {exc}")
                continue
            for err in _json_validator().iter_errors(instance):
                where = "/".join(map(str, err.absolute_path)) or "(root)"
                errors.append(f"{where}: {err.message[:200]}")
        return errors
    name = _XML_SCHEMAS.get(fmt)
    if name is None:
        return []
    data = document.encode("utf-8") if isinstance(document, str) else document
    try:
        root = etree.fromstring(data, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    schema = _xml_schema(name)
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def is_native_json(value: dict[str, Any]) -> bool:
    """True when a parsed JSON object is a cableformat cable document."""
    return is_schema_id(value.get("$schema"))
