"""The plain XML format: the full cable model in an own versioned namespace, and its XSD.

The mapping is generic, driven by the pydantic model classes (so the JSON and XML field
names are the same, and the XSD is generated from the models too):

* a model field becomes a child element named after the field (omitted when ``None``);
* an ``int``, ``bool``, ``date`` or ``datetime`` field becomes an attribute;
* a ``str`` field becomes a child element; a list field repeats its element once per item;
* ``list[int]`` fields and ``line_kinds`` are one element holding a space-separated list.

Raw text is kept exactly.  Characters that XML 1.0 forbids (C0 controls other than TAB, LF
and CR, U+FFFE, U+FFFF, lone surrogates) are written as an empty ``<c x="HEX"/>`` element
in place (``x`` is the code point in upper-case hex, e.g. ``<c x="0C"/>`` for a form feed);
a carriage return is written as ``&#13;`` so that parsers do not normalise it.  Reading
the document back with :func:`from_xml` restores the text character for character.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from lxml import etree
from pydantic import BaseModel

from cableformat.model import Cable
from cableformat.writers.json import FORMAT_VERSION

#: The namespace of the XML format (versioned by major version).
NAMESPACE = "urn:cableformat:cable:1"
_NS = "{" + NAMESPACE + "}"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TOKEN_LISTS = frozenset({"line_kinds"})
_ATTR_TYPES = {int: "xs:integer", bool: "xs:boolean", datetime: "xs:dateTime", date: "xs:date"}


@dataclass(frozen=True, slots=True)
class _Field:
    """How one model field is written: ``how`` is attr, text, model, texts, models or list."""

    name: str
    how: str
    type: Any
    required: bool


@cache
def plan(cls: type[BaseModel]) -> tuple[_Field, ...]:
    """The XML mapping of the fields of ``cls``, in declaration order."""
    out = []
    for name, info in cls.model_fields.items():
        tp, optional = _unwrap(info.annotation)
        required = info.is_required() and not optional
        origin = typing.get_origin(tp)
        if origin is list:
            (item,) = typing.get_args(tp)
            if isinstance(item, type) and issubclass(item, BaseModel):
                out.append(_Field(name, "models", item, False))
            elif item is int or name in _TOKEN_LISTS:
                out.append(_Field(name, "list", item, False))
            else:
                out.append(_Field(name, "texts", item, False))
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            out.append(_Field(name, "model", tp, required))
        elif tp is str:
            out.append(_Field(name, "text", tp, required))
        elif tp in _ATTR_TYPES:
            out.append(_Field(name, "attr", tp, required))
        else:  # pragma: no cover - guards model changes
            raise TypeError(f"{cls.__name__}.{name}: no XML mapping for {tp!r}")
    return tuple(out)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; anything else -> ``(annotation, False)``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


# --- writing ------------------------------------------------------------------------------


def to_element(cable: Cable) -> etree._Element:
    """One cable as an lxml element ``{urn:cableformat:cable:1}cable``, laid out.

    Every element of a model node starts on its own indented line, so that reading the
    document as plain text never runs the words of two fields together; text elements are
    untouched (their content is exact) and :func:`from_xml` ignores the layout whitespace.
    """
    root = etree.Element(_NS + "cable", nsmap={None: NAMESPACE})
    root.set("version", FORMAT_VERSION)
    _fill(root, cable, 0)
    return root


def to_xml(cable: Cable) -> str:
    """One cable as an XML document (UTF-8 declaration; indented model elements, exact text)."""
    body = etree.tostring(to_element(cable), encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


_INDENT = "  "


def _fill(elem: etree._Element, node: BaseModel, depth: int) -> None:
    data = node.__dict__
    sub = etree.SubElement
    inner = depth + 1
    for f in plan(type(node)):
        value = data.get(f.name)
        if value is None:
            continue
        how = f.how
        if how == "attr":
            elem.set(f.name, _attr(value))
        elif how == "text":
            _set_text(sub(elem, _NS + f.name), value)
        elif how == "model":
            _fill(sub(elem, _NS + f.name), value, inner)
        elif how == "models":
            for item in value:
                _fill(sub(elem, _NS + f.name), item, inner)
        elif how == "texts":
            for item in value:
                _set_text(sub(elem, _NS + f.name), item)
        elif value:  # list: space-separated
            sub(elem, _NS + f.name).text = " ".join(map(str, value))
    if len(elem):  # layout: each child on its own line (whitespace a model element ignores)
        pad = "\n" + _INDENT * inner
        elem.text = pad
        for child in elem:
            child.tail = pad
        elem[-1].tail = "\n" + _INDENT * depth


def _attr(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _set_text(elem: etree._Element, text: str) -> None:
    """Set ``text`` as the content of ``elem``, forbidden characters as ``<c x=.../>``."""
    if not _FORBIDDEN.search(text):
        elem.text = text
        return
    parts = _FORBIDDEN.split(text)
    chars = _FORBIDDEN.findall(text)
    elem.text = parts[0]
    for ch, tail in zip(chars, parts[1:], strict=True):
        c = etree.SubElement(elem, _NS + "c")
        c.set("x", f"{ord(ch):02X}" if ord(ch) < 0x100 else f"{ord(ch):04X}")
        c.tail = tail


# --- schema -------------------------------------------------------------------------------

_XS = "http://www.w3.org/2001/XMLSchema"


def xsd_text() -> str:
    """The XSD 1.0 of the XML format, generated from the model classes (``schemas/cable.xsd``)."""
    x = "{" + _XS + "}"
    schema = etree.Element(x + "schema", nsmap={"xs": _XS, "cf": NAMESPACE})
    schema.set("targetNamespace", NAMESPACE)
    schema.set("elementFormDefault", "qualified")
    schema.set("version", FORMAT_VERSION)
    doc = etree.SubElement(etree.SubElement(schema, x + "annotation"), x + "documentation")
    doc.text = (f"cableformat cable XML, format version {FORMAT_VERSION}; generated from the "
                "pydantic models by scripts/generate_schemas.py: do not edit.")
    root = etree.SubElement(schema, x + "element", name="cable")
    root_type = etree.SubElement(root, x + "complexType")
    etree.SubElement(etree.SubElement(root_type, x + "complexContent"), x + "extension",
                     base="cf:Cable").append(_attribute(x, "version", "xs:string", True))
    text = etree.SubElement(schema, x + "complexType", name="text", mixed="true")
    c = etree.SubElement(etree.SubElement(text, x + "sequence"), x + "element", name="c",
                         minOccurs="0", maxOccurs="unbounded")
    etree.SubElement(etree.SubElement(c, x + "complexType"), x + "attribute", name="x",
                     type="xs:hexBinary", use="required")
    for name, item in (("integers", "xs:integer"), ("tokens", "xs:NMTOKEN")):
        simple = etree.SubElement(schema, x + "simpleType", name=name)
        etree.SubElement(simple, x + "list", itemType=item)
    for cls in _model_classes(Cable):
        _complex_type(schema, x, cls)
    etree.indent(schema, space="  ")
    return etree.tostring(schema, encoding="unicode", xml_declaration=False) + "\n"


def _model_classes(cls: type[BaseModel], seen: dict[str, type[BaseModel]] | None = None
                   ) -> list[type[BaseModel]]:
    seen = {} if seen is None else seen
    if cls.__name__ not in seen:
        seen[cls.__name__] = cls
        for f in plan(cls):
            if f.how in ("model", "models"):
                _model_classes(f.type, seen)
    return sorted(seen.values(), key=lambda c: c.__name__)


def _complex_type(schema: etree._Element, x: str, cls: type[BaseModel]) -> None:
    ctype = etree.SubElement(schema, x + "complexType", name=cls.__name__)
    seq = etree.SubElement(ctype, x + "sequence")
    for f in plan(cls):
        if f.how == "attr":
            continue
        el = etree.SubElement(seq, x + "element", name=f.name)
        el.set("type", {"text": "cf:text", "texts": "cf:text", "list": "cf:integers"
                        if f.type is int else "cf:tokens"}.get(f.how, "cf:" + f.type.__name__))
        if not f.required:
            el.set("minOccurs", "0")
        if f.how in ("models", "texts"):
            el.set("maxOccurs", "unbounded")
    for f in plan(cls):
        if f.how == "attr":
            ctype.append(_attribute(x, f.name, _ATTR_TYPES[f.type], f.required))


def _attribute(x: str, name: str, type_: str, required: bool) -> etree._Element:
    attr = etree.Element(x + "attribute", name=name, type=type_)
    if required:
        attr.set("use", "required")
    return attr


# --- reading ------------------------------------------------------------------------------


def from_xml(text: str | bytes) -> Cable:
    """A :class:`Cable` from a document of :func:`to_xml`; ``ValueError`` if it is not one."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if _declares_dtd(data):  # entities expand even in attributes: refuse them outright
        raise ValueError("a DOCTYPE or ENTITY declaration is not allowed in cableformat XML")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None
    return from_element(root)


def from_element(root: etree._Element) -> Cable:
    """A :class:`Cable` from an element of :func:`to_element`."""
    if root.tag != _NS + "cable":
        raise ValueError(f"not a cableformat XML document: root is {root.tag!r}")
    return Cable.model_validate(_read(root, Cable))


@cache
def _parser() -> etree.XMLParser:
    # no huge_tree: libxml2's limits stay on (a native document is untrusted input)
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


_DTD_MARK = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _declares_dtd(data: bytes) -> bool:
    """Whether an XML document has a DOCTYPE or ENTITY declaration (in any encoding)."""
    if _DTD_MARK.search(data):
        return True
    if b"\x00" in data[:4096]:  # UTF-16/32: look at the decoded text too
        for encoding in ("utf-16", "utf-32"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _DTD_MARK.search(text.encode("utf-8", "replace")):
                return True
    return False


def _read(elem: etree._Element, cls: type[BaseModel]) -> dict[str, Any]:
    fields = {f.name: f for f in plan(cls)}
    out: dict[str, Any] = {}
    for name, value in elem.attrib.items():
        if name in fields:
            out[name] = value
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        f = fields.get(name)
        if f is None:
            raise ValueError(f"{cls.__name__}: unexpected element {name!r}")
        if f.how == "text":
            out[name] = _get_text(child)
        elif f.how == "model":
            out[name] = _read(child, f.type)
        elif f.how == "models":
            out.setdefault(name, []).append(_read(child, f.type))
        elif f.how == "texts":
            out.setdefault(name, []).append(_get_text(child))
        else:
            out[name] = (child.text or "").split()
    return out


def _get_text(elem: etree._Element) -> str:
    if len(elem) == 0:
        return elem.text or ""
    parts = [elem.text or ""]
    for c in elem:
        parts.append(chr(int(c.get("x"), 16)))
        parts.append(c.tail or "")
    return "".join(parts)
