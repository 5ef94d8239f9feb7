"""The JSON format: the full cable model, with a JSON Schema (draft 2020-12) generated from it.

A document is ``Cable.model_dump`` with a leading ``"$schema"`` member naming the versioned
schema (:data:`SCHEMA_ID`) and two derived members at the end, ``classification`` (the
cable's level) and ``caveats`` (its handling caveats, canonical order), which the schema
constrains by enums and :func:`from_json` ignores.  :func:`from_json` reads a document back
into an equal :class:`Cable`.  Dates are ISO 8601; a list is always a list (``[]`` when
empty), ``null`` stands for a missing value or node.  The schema explains the telegram jargon
(:data:`GLOSSARY`).  Lone surrogates (text decoded with ``surrogateescape``) are written as
``\\udcXX`` escapes.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticSerializationError, core_schema

from cableformat import grammar as g
from cableformat.model import Cable
from cableformat.writers.tei_header import CAVEATS  # canonical order of ``caveats``

#: Version of the JSON data format (independent of the package version).
FORMAT_VERSION = "1.1"
#: ``$id`` of the JSON Schema, and the ``$schema`` member of every document.
SCHEMA_ID = f"https://cableformat.example.org/schemas/cable/{FORMAT_VERSION}/cable.schema.json"
_PREFIX = '{"$schema":' + json.dumps(SCHEMA_ID) + ","
#: Members derived from the model (not read back): name -> description.
DERIVED = {
    "classification": "The cable's classification level (derived: banner, else the security "
                      "letters, else the wrapper; UNCLASSIFIED marked SENSITIVE/SBU/FOUO is SBU; "
                      "null when unknown). Ignored on reading",
    "caveats": "The cable's handling caveats, canonical order (derived from the captions, "
               "the banner line and the wrapper). Ignored on reading",
}


def to_json(cable: Cable, *, indent: int | None = None) -> str:
    """One cable as a JSON document (compact, or indented by ``indent`` spaces)."""
    derived = derived_members(cable)
    if indent is None:
        try:
            body = cable.model_dump_json()
        except PydanticSerializationError:  # lone surrogates: let json escape them
            body = json.dumps(cable.model_dump(mode="json"), separators=(",", ":"))
        tail = json.dumps(derived, separators=(",", ":"))[1:]
        return _PREFIX + body[1:-1] + "," + tail
    data = {"$schema": SCHEMA_ID, **cable.model_dump(mode="json"), **derived}
    return json.dumps(data, indent=indent, ensure_ascii=False)


def derived_members(cable: Cable) -> dict[str, Any]:
    """The :data:`DERIVED` members of a cable's document."""
    from cableformat.writers.csv import caveats, classification

    return {"classification": classification(cable) or None, "caveats": caveats(cable)}


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
    for name in DERIVED:
        data.pop(name, None)
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
        result["properties"]["classification"] = {
            "anyOf": [{"enum": list(g.LEVELS)}, {"type": "null"}],
            "description": DERIVED["classification"]}
        result["properties"]["caveats"] = {
            "type": "array", "items": {"enum": list(CAVEATS)},
            "description": DERIVED["caveats"] + ". " + GLOSSARY["caveats"]}
        defs = result.get("$defs", {})
        for (cls, name), enum in ENUMS.items():
            prop = defs[cls]["properties"][name]
            if prop.get("type") == "array":
                prop["items"] = {"enum": enum}
            else:
                prop.pop("type", None)
                prop["anyOf"] = [{"enum": enum}, {"type": "null"}]
        for key, gloss in GLOSSARY.items():
            cls, _, name = key.partition(".")
            if cls in defs:
                node = defs[cls]["properties"][name] if name else defs[cls]
                node["description"] = (node.get("description", "").rstrip(".") + ". " + gloss
                                       ).lstrip(". ")
        return {"$schema": self.schema_dialect, "$id": SCHEMA_ID, **result}


#: Closed value sets of model fields, as schema enums: (class, field) -> values.
ENUMS: dict[tuple[str, str], list[str]] = {
    ("Banner", "classification"): [lv for lv in g.LEVELS if lv != "SBU"],
    ("DTG", "precedences"): list(g.PRECEDENCE_LETTERS),
    ("RoutingLine", "prosign"): list(g.PROSIGNS),
    ("Address", "precedence"): [*g.PRECEDENCE_WORDS, *g.PRECEDENCE_MISSPELLINGS],
}
#: The telegram jargon, explained in the schema: ``Class`` or ``Class.field`` -> gloss.
GLOSSARY: dict[str, str] = {
    "caveats": "SIPDIS: may go on SIPRNet (the secret network); NOFORN: not releasable to "
               "foreign nationals; NODIS: no distribution beyond the addressees; EXDIS: "
               "exclusive distribution; LIMDIS: limited distribution; STADIS: State "
               "distribution only; ROGER and CHEROKEE: restricted channels; ORCON: "
               "dissemination controlled by the originator; PROPIN: proprietary "
               "information; FOUO: for official use only",
    "Header": "The transmission header: format lines (FL) 1-9 of the ACP 127 telegram",
    "Header.tid": "FL1: the transmission identification (VZCZC + channel and number)",
    "Header.xmt": "XMT: exempt, posts of a collective address left out of this message",
    "RoutingLine": "The precedence prosign and the routing indicators (RI, the "
                   "relay stations' codes: RUEHC is the State Department)",
    "RoutingLine.prosign": "ZZ flash, OO immediate, PP priority, RR routine",
    "DELine": "DE ('from') line: originating station's RI, station serial number "
              "(SSN), section, Julian day and time of transmission",
    "SecurityLine": "ZNY (classified) or ZNR (unclassified), the classification "
                    "letter five times (UUUUU, CCCCC, SSSSS, TTTTT; EEEEE = EFTO) and "
                    "operating signals (ZZH: message in plain text)",
    "DTG": "The date-time group, DDHHMMZ MON YY: when the message was released "
           "(Z = UTC), after its precedence letter(s)",
    "DTG.precedences": "Z flash, O immediate, P priority, R routine",
    "Address": "Routing indicator/plain-language address (PLA), "
               "precedence word, message continuity number (MCN)",
    "Address.mcn": "MCN: the addressee's message continuity number",
    "Banner": "The classification line opening the text, with the message reference "
              "number (MRN: office and serial) and SECTION nn OF mm",
    "Banner.classification": "SBU (sensitive but unclassified) is UNCLASSIFIED here; see "
                             "the document's classification",
    "Caption": "A caption: a handling or distribution word (SIPDIS, NOFORN, NODIS ...)",
    "EOLine": "E.O.: the Executive Order the classification rests on (12958, 13526 ...) "
              "and DECL: the declassification date or instruction",
    "EOLine.decl_kind": "date; na (N/A); exemption (X1-X8, 25X1 ...); oadr (originating "
                        "agency's determination required); other",
    "Tags": "TAGS: Traffic Analysis by Geography and Subject; subject (PGOV), program "
            "(KPAO), organisation (UN), country (FIPS 10-4 codes: RS is Russia) and "
            "person tags",
    "Refs": "REF/REFTEL: the cables and documents the cable refers to, labelled A, B ...",
    "ClassifiedBy": "The classification authority and its reasons: sections 1.4 (a)-(h) of "
                    "the Executive Order (b: foreign government information, d: foreign "
                    "relations ...)",
    "Paragraph.portion": "A portion mark: the classification of the paragraph: (U), (SBU), "
                         "(C), (S), (TS), possibly with caveats (S//NF)",
    "ContinuationHeader": "The header repeated at the top of each later section of a "
                          "long cable (office, serial, section OF total)",
    "PageHeader": "The PAGE nn header of a 1970s telegram page",
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a cable document, generated from the pydantic models."""
    return Cable.model_json_schema(schema_generator=_Generator, mode="serialization")


def schema_text() -> str:
    """:func:`json_schema` as the text shipped in ``schemas/cable.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
