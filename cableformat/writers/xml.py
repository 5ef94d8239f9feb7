"""The XML format: a designed vocabulary over the cable model, in an own versioned namespace.

One rule for every node (the XSD is generated from the same tables, and the JSON field names
are kept where they are unambiguous):

* scalar metadata (numbers, booleans, dates, normalised values, keywords) are attributes;
  dates are ISO 8601 (``2009-06-02T09:28:00Z``);
* text from the cable (``raw``, ``text``, an address, a message) is an element;
* a list is a plural container of singular items: ``<paragraphs><paragraph n="1">``,
  ``<tags><tag kind="subject" value="PGOV">``; an empty list has no container;
* a node's span is one attribute ``span="START END LINE COLUMN"`` (omitted with
  ``spans=False``: such a document cannot be read back);
* no name has two meanings: ``cable_text`` is the exact cable text, ``text`` the words of a
  node; ``reason_section``, ``reference_kind``, ``line_kind``, ``wrapper_kind`` ... say what
  the model's shared names mean where they differ;
* ``line_kinds`` and ``line_starts`` are space-separated lists.

Raw text is kept exactly.  Characters that XML 1.0 forbids (C0 controls other than TAB, LF
and CR, U+FFFE, U+FFFF, lone surrogates) are written as an empty ``<c x="HEX"/>`` element
in place (``x`` is the code point in upper-case hex, e.g. ``<c x="0C"/>`` for a form feed);
a carriage return is written as ``&#13;`` so that parsers do not normalise it.  An attribute
value holding such a character is written as an element of the same name instead.  Reading
the document back with :func:`from_xml` restores the model exactly.
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

from cableformat.model import Cable, Span

#: Version of the XML vocabulary (2.0: the designed vocabulary; 1.0 was a model dump).
XML_VERSION = "2.0"
#: The namespace of the XML format (versioned by major version).
NAMESPACE = "urn:cableformat:cable:2"
_NS = "{" + NAMESPACE + "}"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TOKEN_LISTS = frozenset({"line_kinds"})
_ATTR_TYPES = {int: "xs:integer", bool: "xs:boolean", datetime: "xs:dateTime", date: "xs:date"}
#: ``str`` fields that hold text of the cable: elements (every other ``str`` is an attribute).
TEXT_FIELDS = frozenset({"raw", "text", "address", "message", "hint", "note", "trailing",
                         "classifier"})
#: XML names of model fields beyond their output (JSON) names, which the model gives to the
#: fields whose name means two things (``Cable.text`` is ``cable_text``, ``Reference.kind``
#: ``reference_kind`` ...).
RENAMED: dict[tuple[str, str], str] = {
    ("Cable", "syntax"): "syntax_issues",
    ("Paragraph", "number"): "n",
    ("Body", "pages"): "page_headers",
    ("Body", "continuations"): "continuation_headers",
    ("Body", "passing"): "passing_lines",
    ("Body", "portions"): "portion_marks",
    ("Tags", "canonical"): "canonical_tags",
    ("Tag", "canonical"): "canonical_tags",
}
#: Item element of each list container (``None``: the items stand in the node itself).
ITEMS: dict[str, str | None] = {
    "to": "addressee", "info": "addressee", "xmt": "addressee", "indicators": "indicator",
    "signals": "signal", "precedences": "precedence", "captions": "caption",
    "passing_lines": "passing_line", "paragraphs": "paragraph", "markers": "marker",
    "continuation_headers": "continuation_header", "page_headers": "page_header",
    "redactions": "redaction", "portion_marks": "portion_mark", "headings": "heading",
    "reasons": "reason", "canonical_tags": "canonical_tag", "syntax_issues": "syntax_issue",
    "blocks": "block",
}
#: Item element of the lists whose items stand in their node (``<tags><tag>``).
INLINE_ITEMS = {"Tags": "tag", "Refs": "reference"}


@dataclass(frozen=True, slots=True)
class _Field:
    """How one model field is written.

    ``how``: attr, text, model, texts, models, list or span; ``xml`` the attribute or element
    name; ``item`` the item element of a list (``None``: items inline); ``key`` the name the
    model validates (the field's alias, else its name).
    """

    name: str
    how: str
    type: Any
    required: bool
    xml: str
    item: str | None
    key: str


@cache
def plan(cls: type[BaseModel]) -> tuple[_Field, ...]:
    """The XML mapping of the fields of ``cls``, in declaration order."""
    out = []
    for name, info in cls.model_fields.items():
        tp, optional = _unwrap(info.annotation)
        required = info.is_required() and not optional
        alias = info.serialization_alias
        xml = RENAMED.get((cls.__name__, name), alias or name)
        key = info.validation_alias if isinstance(info.validation_alias, str) else name
        origin = typing.get_origin(tp)
        if origin is list:
            (item,) = typing.get_args(tp)
            elem: str | None = None
            if item is int or name in _TOKEN_LISTS:
                how = "list"
            else:
                how = "models" if isinstance(item, type) and issubclass(item, BaseModel) \
                    else "texts"
                elem = None if name == "items" else ITEMS[xml]
            out.append(_Field(name, how, item, False, xml, elem, key))
        elif tp is Span:
            out.append(_Field(name, "span", tp, required, "span", None, key))
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            out.append(_Field(name, "model", tp, required, xml, None, key))
        elif tp is str:
            how = "text" if name in TEXT_FIELDS else "attr"
            out.append(_Field(name, how, tp, required, xml, None, key))
        elif tp in _ATTR_TYPES:
            out.append(_Field(name, "attr", tp, required, xml, None, key))
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


def to_element(cable: Cable, *, spans: bool = True) -> etree._Element:
    """One cable as an lxml element ``{urn:cableformat:cable:2}cable``, laid out.

    Every element of a model node starts on its own indented line, so that reading the
    document as plain text never runs the words of two fields together; text elements are
    untouched (their content is exact) and :func:`from_xml` ignores the layout whitespace.
    """
    root = etree.Element(_NS + "cable", nsmap={None: NAMESPACE})
    root.set("version", XML_VERSION)
    _fill(root, cable, 0, spans)
    return root


def to_xml(cable: Cable, *, spans: bool = True) -> str:
    """One cable as an XML document (UTF-8 declaration; indented model elements, exact text).

    ``spans=False`` leaves out every ``span`` attribute (a smaller document for readers of
    the fields; :func:`from_xml` cannot read it back).
    """
    body = etree.tostring(to_element(cable, spans=spans), encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


_INDENT = "  "


def _fill(elem: etree._Element, node: BaseModel, depth: int, spans: bool) -> None:
    data = node.__dict__
    sub = etree.SubElement
    inner = depth + 1
    late: list[tuple[str, str]] = []  # attribute values XML cannot hold: elements, first
    for f in plan(type(node)):
        value = data.get(f.name)
        if value is None:
            continue
        how = f.how
        if how == "attr":
            text = _attr(value)
            if isinstance(value, str) and _FORBIDDEN.search(value):
                late.append((f.xml, value))
            else:
                elem.set(f.xml, text)
        elif how == "span":
            if spans:
                elem.set("span", f"{value.start} {value.end} {value.line} {value.column}")
        elif how == "text":
            _set_text(sub(elem, _NS + f.xml), value)
        elif how == "model":
            _fill(sub(elem, _NS + f.xml), value, inner, spans)
        elif how == "list":
            if value:
                sub(elem, _NS + f.xml).text = " ".join(map(str, value))
        elif value:
            box = elem if f.item is None else sub(elem, _NS + f.xml)
            depth_items = inner if f.item is None else inner + 1
            name = _NS + (f.item or f.xml)
            for item in value:
                if how == "models":
                    _fill(sub(box, _NS + (f.item or INLINE_ITEMS[type(node).__name__])), item,
                          depth_items, spans)
                else:
                    _set_text(sub(box, name), item)
            if box is not elem:
                _layout(box, inner)
    for n, (name, value) in enumerate(late):
        child = etree.Element(_NS + name)
        _set_text(child, value)
        elem.insert(n, child)
    _layout(elem, depth)


def _layout(elem: etree._Element, depth: int) -> None:
    """Each child of ``elem`` on its own line (whitespace a model element ignores)."""
    if len(elem) and elem[0].tag != _NS + "c":
        pad = "\n" + _INDENT * (depth + 1)
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
    schema.set("version", XML_VERSION)
    doc = etree.SubElement(etree.SubElement(schema, x + "annotation"), x + "documentation")
    doc.text = (f"cableformat cable XML, format version {XML_VERSION}; generated from the "
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
    span = etree.SubElement(schema, x + "simpleType", name="span")
    _doc(x, span, "Where a node stands: start and end offsets in the cable text, 1-based line "
         "and column of its first character")
    restriction = etree.SubElement(span, x + "restriction", base="cf:integers")
    etree.SubElement(restriction, x + "length", value="4")
    for cls in _model_classes(Cable):
        _complex_type(schema, x, cls)
    etree.indent(schema, space="  ")
    return etree.tostring(schema, encoding="unicode", xml_declaration=False) + "\n"


def _doc(x: str, parent: etree._Element, text: str | None) -> None:
    if text:
        doc = etree.SubElement(etree.SubElement(parent, x + "annotation"), x + "documentation")
        doc.text = text


def _model_classes(cls: type[BaseModel], seen: dict[str, type[BaseModel]] | None = None
                   ) -> list[type[BaseModel]]:
    seen = {} if seen is None else seen
    if cls.__name__ not in seen:
        seen[cls.__name__] = cls
        for f in plan(cls):
            if f.how in ("model", "models"):
                _model_classes(f.type, seen)
    return sorted(seen.values(), key=lambda c: c.__name__)


def _type_of(f: _Field) -> str:
    if f.how in ("text", "texts"):
        return "cf:text"
    if f.how == "list":
        return "cf:integers" if f.type is int else "cf:tokens"
    return "cf:" + f.type.__name__


def _complex_type(schema: etree._Element, x: str, cls: type[BaseModel]) -> None:
    ctype = etree.SubElement(schema, x + "complexType", name=cls.__name__)
    _doc(x, ctype, (cls.__doc__ or "").strip().split("\n\n")[0] or None)
    seq = etree.SubElement(ctype, x + "sequence")
    for f in plan(cls):  # attribute values XML cannot hold come first, as elements
        if f.how == "attr" and f.type is str:
            etree.SubElement(seq, x + "element", name=f.xml, type="cf:text", minOccurs="0")
    for f in plan(cls):
        if f.how in ("attr", "span"):
            continue
        descr = cls.model_fields[f.name].description
        if f.how in ("models", "texts") and f.item is None:  # items inline
            el = etree.SubElement(seq, x + "element", name=INLINE_ITEMS[cls.__name__],
                                  type=_type_of(f), minOccurs="0", maxOccurs="unbounded")
            _doc(x, el, descr)
            continue
        el = etree.SubElement(seq, x + "element", name=f.xml)
        if not f.required:
            el.set("minOccurs", "0")
        _doc(x, el, descr)
        if f.how in ("models", "texts"):
            items = etree.SubElement(etree.SubElement(el, x + "complexType"), x + "sequence")
            etree.SubElement(items, x + "element", name=f.item or "", type=_type_of(f),
                             maxOccurs="unbounded")
        else:
            el.set("type", _type_of(f))
    for f in plan(cls):
        if f.how == "span":
            ctype.append(_attribute(x, "span", "cf:span", False))
        elif f.how == "attr":
            attr = _attribute(x, f.xml, "xs:string" if f.type is str else _ATTR_TYPES[f.type],
                              f.required and f.type is not str)
            _doc(x, attr, cls.model_fields[f.name].description)
            ctype.append(attr)


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
    fields = {f.xml: f for f in plan(cls)}
    inline = INLINE_ITEMS.get(cls.__name__)
    out: dict[str, Any] = {}
    for name, value in elem.attrib.items():
        f = fields.get(name)
        if name == "span" and f is not None:
            start, end, line, column = map(int, value.split())
            out[f.key] = {"start": start, "end": end, "line": line, "column": column}
        elif f is not None:
            out[f.key] = value
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == inline:
            out.setdefault("items", []).append(_read(child, fields["items"].type))
            continue
        f = fields.get(name)
        if f is None:
            raise ValueError(f"{cls.__name__}: unexpected element {name!r}")
        if f.how in ("text", "attr"):
            out[f.key] = _get_text(child)
        elif f.how == "model":
            out[f.key] = _read(child, f.type)
        elif f.how == "models":
            out[f.key] = [_read(item, f.type) for item in child if isinstance(item.tag, str)]
        elif f.how == "texts":
            out[f.key] = [_get_text(item) for item in child if isinstance(item.tag, str)]
        else:
            out[f.key] = (child.text or "").split()
    for f in fields.values():
        if f.how == "span" and f.key not in out and f.required:
            raise ValueError(f"{cls.__name__}: no span (a document written without spans "
                             "cannot be read back)")
    return out


def _get_text(elem: etree._Element) -> str:
    if len(elem) == 0:
        return elem.text or ""
    parts = [elem.text or ""]
    for c in elem:
        parts.append(chr(int(c.get("x"), 16)))
        parts.append(c.tail or "")
    return "".join(parts)
