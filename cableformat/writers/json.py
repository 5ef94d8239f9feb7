"""The JSON format: the full cable model, with a JSON Schema (draft 2020-12) generated from it.

A document is ``Cable.model_dump`` with a leading ``"$schema"`` member naming the versioned
schema (:data:`SCHEMA_ID`).  :func:`from_json` reads one back into an equal :class:`Cable`.
Lone surrogates (text decoded with ``surrogateescape``) are written as ``\\udcXX`` escapes.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticSerializationError, core_schema

from cableformat.model import Cable

#: Version of the JSON/XML data format (independent of the package version).
FORMAT_VERSION = "1.0"
#: ``$id`` of the JSON Schema, and the ``$schema`` member of every document.
SCHEMA_ID = f"https://cableformat.example.org/schemas/cable/{FORMAT_VERSION}/cable.schema.json"
_PREFIX = '{"$schema":' + json.dumps(SCHEMA_ID) + ","


def to_json(cable: Cable, *, indent: int | None = None) -> str:
    """One cable as a JSON document (compact, or indented by ``indent`` spaces)."""
    if indent is None:
        try:
            body = cable.model_dump_json()
        except PydanticSerializationError:  # lone surrogates: let json escape them
            body = json.dumps(cable.model_dump(mode="json"), separators=(",", ":"))
        return _PREFIX + body[1:] if body != "{}" else _PREFIX[:-1] + "}"
    data = {"$schema": SCHEMA_ID, **cable.model_dump(mode="json")}
    return json.dumps(data, indent=indent, ensure_ascii=False)


def from_json(text: str | bytes | dict[str, Any]) -> Cable:
    """A :class:`Cable` from a document of :func:`to_json` (the ``$schema`` member is checked).

    Raises ``ValueError`` when the document is not a cableformat cable of a known version.
    """
    data = json.loads(text) if isinstance(text, str | bytes) else dict(text)
    if not isinstance(data, dict):
        raise ValueError("not a cableformat JSON document: top level is not an object")
    schema = data.pop("$schema", None)
    if not is_schema_id(schema):
        raise ValueError(f"not a cableformat JSON document: $schema is {schema!r}")
    return Cable.model_validate(data)


def is_schema_id(value: object) -> bool:
    """True for the ``$schema`` value of a cableformat cable document (any 1.x version)."""
    return isinstance(value, str) and value.startswith(
        "https://cableformat.example.org/schemas/cable/1.") and value.endswith("/cable.schema.json")


class _Generator(GenerateJsonSchema):
    """pydantic's generator plus ``$schema``, ``$id`` and the documents' ``$schema`` member."""

    def generate(self, schema: core_schema.CoreSchema, mode: Any = "validation") -> JsonSchemaValue:
        result = super().generate(schema, mode=mode)
        result["properties"] = {
            "$schema": {"const": SCHEMA_ID, "description": "The schema of this document"},
            **result["properties"],
        }
        result.setdefault("required", []).insert(0, "$schema")
        result["title"] = f"cableformat cable {FORMAT_VERSION}"
        return {"$schema": self.schema_dialect, "$id": SCHEMA_ID, **result}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a cable document, generated from the pydantic models."""
    return Cable.model_json_schema(schema_generator=_Generator, mode="serialization")


def schema_text() -> str:
    """:func:`json_schema` as the text shipped in ``schemas/cable.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
