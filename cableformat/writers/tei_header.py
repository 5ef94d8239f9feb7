r"""TEI P5 helpers and the ``teiHeader`` of a cable (see :mod:`cableformat.writers.tei`).

The header holds the cable ID (``idno``), the DTG (``creation/date/@when``), FM/TO/INFO
(``correspDesc``), the classification / precedence / caveat taxonomies with their
``catRef``\ s, TAGS (``keywords/term``) and the wrapper metadata (``sourceDesc/bibl``).
"""

from __future__ import annotations

import os
import re
from copy import deepcopy
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree

from cableformat import grammar as g
from cableformat import reference
from cableformat.model import Address, Cable

if TYPE_CHECKING:
    from cableformat.writers.tei_links import Links

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = "{" + TEI_NS + "}"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NCNAME_BAD = re.compile(r"[^A-Za-z0-9._-]")
LEVELS = {"UNCLASSIFIED": "U", "SBU": "SBU", "LIMITED OFFICIAL USE": "LOU",
          "CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "TS"}
PRECEDENCES = g.PRECEDENCE_LETTERS
CAVEATS = ("SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ROGER", "CHEROKEE",
           "ORCON", "PROPIN", "FOUO")
_FOUO = re.compile(r"\bFOUO\b|FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED")
_SENSITIVE = re.compile(r"\bSENSITIVE\b")  # UNCLAS SENSITIVE: the older SBU marking
_CAVEAT_RE = re.compile(r"\b(" + "|".join(CAVEATS) + r")\b")

# --- helpers ------------------------------------------------------------------------------


def el(parent: etree._Element | None, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    """A TEI element (appended to ``parent`` when given) with attributes and text."""
    attrib = {(XML_NS + k[4:] if k.startswith("xml_") else k): v for k, v in attrs.items()}
    for k, v in attrib.items():
        if _FORBIDDEN.search(v):  # an attribute cannot hold them even as <g>: leave them out
            attrib[k] = _FORBIDDEN.sub("", v)
    if parent is None:
        elem = etree.Element(_T + tag, attrib)
    else:
        elem = etree.SubElement(parent, _T + tag, attrib)
    if text:
        append_text(elem, text)
    return elem


def append_text(elem: etree._Element, text: str) -> None:
    """Append ``text`` at the end of ``elem``'s content; forbidden characters as ``g``.

    The ``g`` of a control character that is whitespace (form feed, vertical tab, \x1c-\x1f)
    holds a space, so that the plain text keeps the words it separates apart.
    """
    if not text:
        return
    if _FORBIDDEN.search(text):
        parts = _FORBIDDEN.split(text)
        chars = _FORBIDDEN.findall(text)
        append_text(elem, parts[0])
        for ch, tail in zip(chars, parts[1:], strict=True):
            # a control that separates words (form feed, \x1c-\x1f) reads as a space
            el(elem, "g", " " if ch.isspace() else None, type="control", n=f"U+{ord(ch):04X}")
            append_text(elem, tail)
        return
    if len(elem):
        last = elem[-1]
        last.tail = (last.tail or "") + text
    else:
        elem.text = (elem.text or "") + text


def ncname(value: str) -> str:
    return _NCNAME_BAD.sub("_", value)


def level_code(level: str | None) -> str | None:
    """Taxonomy code (U, SBU, LOU, C, S, TS) of a classification level or portion letter."""
    if not level:
        return None
    if _FOUO.search(level.upper()):  # UNCLASSIFIED//FOR OFFICIAL USE ONLY, (U//FOUO)
        return "SBU"
    base = level.strip().strip("()").upper().split("/", 1)[0].strip()
    return LEVELS.get(base) or (base if base in LEVELS.values() else None)


def caveats_of(cable: Cable) -> list[str]:
    """Handling caveats of the head (captions, banner line, wrapper), first-seen order."""
    texts = [c.value for c in cable.body.captions]
    banner = cable.body.banner
    if banner is not None and banner.trailing:
        texts.append(banner.trailing.upper())
    if cable.wrapper is not None and cable.wrapper.classification:
        texts.append(cable.wrapper.classification.upper())
    found: list[str] = []
    for text in texts:
        for m in _CAVEAT_RE.finditer(text):
            if m.group(1) not in found:
                found.append(m.group(1))
    return found


def iso(cable: Cable) -> str | None:
    """The DTG as ISO 8601 UTC with ``Z``, or None."""
    dtg = cable.header.dtg if cable.header is not None else None
    if dtg is None or dtg.value is None:
        return None
    return dtg.value.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- teiHeader ----------------------------------------------------------------------------


#: Publisher and FRUS-style source name of each wrapper kind (the page the cable came from).
SOURCES: dict[str, tuple[str | None, str]] = {
    "wikileaks-html": ("WikiLeaks", "WikiLeaks, Cablegate"),
    "wikileaks-text": ("WikiLeaks", "WikiLeaks, Cablegate"),
    "plusd-html": ("WikiLeaks", "WikiLeaks, Public Library of US Diplomacy (PlusD)"),
    "csv": ("WikiLeaks", "WikiLeaks, Cablegate full release (cables.csv)"),
    "mongo-json": (None, "A MongoDB export of the Cablegate cables"),
}
#: Classification level names as FRUS source notes write them.
LEVEL_NAMES = {"U": "Unclassified", "SBU": "Sensitive but Unclassified",
               "LOU": "Limited Official Use", "C": "Confidential", "S": "Secret",
               "TS": "Top Secret"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def source_of(cable: Cable) -> tuple[str | None, str]:
    """``(publisher, source name)`` of the page or file the cable was read from."""
    kind = cable.wrapper.kind if cable.wrapper is not None else None
    if kind in SOURCES:
        return SOURCES[kind]
    return None, "The cable text as given to cableformat"


def long_date(when: datetime) -> str:
    """``2 June 2009`` (FRUS heading style)."""
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


def source_note(cable: Cable) -> str:
    """FRUS-style source note: ``Source: WikiLeaks, Cablegate, 09BAKU443. Confidential;
    Immediate. Sipdis.``"""
    _publisher, name = source_of(cable)
    parts = [f"Source: {name}, {cable.reference_id}." if cable.reference_id
             else f"Source: {name}."]
    marks: list[str] = []
    code = classification_code(cable)
    if code is not None:
        marks.append(LEVEL_NAMES[code])
    dtg = cable.header.dtg if cable.header is not None else None
    if dtg is not None and dtg.precedences and dtg.precedences[0][:1] in PRECEDENCES:
        marks.append(PRECEDENCES[dtg.precedences[0][:1]].capitalize())
    marks += [c.capitalize() for c in caveats_of(cable) if c != "FOUO"]
    if marks:
        parts.append("; ".join(marks) + ".")
    if cable.partial:
        parts.append("A partial extract: the full text of the cable is not available.")
    return " ".join(parts)


def frus_heading(cable: Cable, sender: str | None, addressees: list[str]) -> str:
    """``Telegram 09BAKU443 From the Embassy in Baku to the Department of State, 2 June 2009``
    (the supplied heading of FRUS; parts the cable does not give are left out)."""
    out = f"Telegram {cable.reference_id}" if cable.reference_id else "Telegram"
    if sender:
        out += f" From {sender}"
    if addressees:
        names = list(dict.fromkeys(addressees))
        if len(names) > 2:
            names = [names[0], f"{len(names) - 1} other addressees"]
        out += " to " + " and ".join(names)
    when = cable.date
    if when is not None:
        out += ", " + long_date(when)
    return out


def tei_header(cable: Cable, links: Links) -> etree._Element:
    """The ``teiHeader`` of a cable, its names linked through ``links``."""
    from cableformat import __version__
    from cableformat.writers.tei_links import frus_name, prefix_def

    body, header, wrapper = cable.body, cable.header, cable.wrapper
    ref = cable.reference_id or "unknown"
    publisher, source_name = source_of(cable)
    th = el(None, "teiHeader")
    fd = el(th, "fileDesc")
    ts = el(fd, "titleStmt")
    subject = " ".join(body.subject.text.split()) if body.subject is not None else ""
    el(ts, "title", subject or f"Cable {ref}", type="main")
    fm = header.fm if header is not None else None
    sender = frus_name(links.post(fm), fm.address) if fm is not None else None
    if sender is None:  # the origin of the reference ID
        post = links.origin_post()
        sender = frus_name(post, "") if post is not None else None
    to = [frus_name(links.post(a), " ".join(a.address.split()))
          for a in (header.to if header is not None else [])]
    el(ts, "title", frus_heading(cable, sender, to), type="sub")
    author = links.sender()
    if author is not None:
        el(el(ts, "author"), "orgName", author[1], ref=author[0])
    rs = el(ts, "respStmt")
    el(rs, "resp", "TEI encoding generated by")
    el(rs, "name", "cableformat", ref="#cableformat")
    ps = el(fd, "publicationStmt")
    el(ps, "authority", "cableformat (automatic conversion)")
    el(ps, "idno", ref, type="cableRef")
    el(el(ps, "availability", status="free"), "p",
        "Text of a work of the United States Government.")
    sd = el(fd, "sourceDesc")
    bibl = el(sd, "bibl", type="telegram")
    el(bibl, "title", source_name)
    el(bibl, "idno", ref, type="cableRef")
    if wrapper is not None:
        if wrapper.created is not None:
            el(bibl, "date", wrapper.created_raw or "", type="created",
                when=wrapper.created.strftime("%Y-%m-%dT%H:%M:%S"))
        released = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2}) ([0-9]{2}:[0-9]{2})",
                                wrapper.released or "")
        if released:
            el(bibl, "date", wrapper.released, type="released",
                when=f"{released[1]}T{released[2]}:00")
    if publisher is not None:
        el(bibl, "publisher", publisher)
    if wrapper is not None:
        if wrapper.classification:
            el(bibl, "note", wrapper.classification, type="classification")
        if wrapper.origin:
            el(bibl, "note", wrapper.origin, type="origin")
    ed = el(th, "encodingDesc")
    version = re.match(r"[0-9]+(?:\.[0-9]+){0,3}", __version__)
    app = el(el(ed, "appInfo"), "application", ident="cableformat", xml_id="cableformat",
              version=version.group() if version else "0")
    el(app, "label", "cableformat")
    _class_decl(el(ed, "classDecl"), caveats_of(cable), tag_glosses(cable))
    prefix_def(ed)
    pd = el(th, "profileDesc")
    when = iso(cable)
    if when is not None and header is not None and header.dtg is not None:
        m = re.search(r"[0-9]{6}Z.*", header.dtg.raw)
        creation = el(pd, "creation")
        el(creation, "date", m.group() if m else header.dtg.raw, when=when)
        place = links.sender_place()
        if place is not None:
            el(creation, "placeName", place[1], ref=place[0])
    el(el(pd, "langUsage"), "language", "English", ident="en")
    _text_class(el(pd, "textClass"), cable)
    _corresp(pd, cable, when, links)
    rd = el(th, "revisionDesc")
    change = el(rd, "change", who="#cableformat", **_conversion_date())
    append_text(change, f"Converted to TEI by cableformat {__version__} from "
                + (f"a {wrapper.kind} page" if wrapper is not None else "the cable text")
                + (f" ({cable.source_name})" if cable.source_name else "") + ".")
    return th


def _conversion_date() -> dict[str, str]:
    """``when`` of the conversion from ``SOURCE_DATE_EPOCH`` (reproducible builds), else none:
    the output of a cable stays the same from day to day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return {}
    return {"when": datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()}


def tag_glosses(cable: Cable) -> dict[str, str]:
    """TAGS of the cable with their glosses (subject/program TAGS table, FIPS country names)."""
    out: dict[str, str] = {}
    tags = cable.body.tags
    for tag in tags.items if tags is not None else ():
        info = reference.tag_info(tag.value)
        gloss = info.description if info is not None and info.description else None
        if gloss is None:
            country = reference.country(tag.value)
            gloss = country.name.title() if country is not None else None
        if gloss and tag.value not in out:
            out[tag.value] = gloss
    return out


def _class_decl(cd: etree._Element, caveats: list[str], glosses: dict[str, str]) -> None:
    for tax in _fixed_taxonomies():
        cd.append(deepcopy(tax))
    tax = el(None, "taxonomy", xml_id="caveat")
    cd.insert(2, tax)
    el(tax, "desc", "Handling and distribution caveats")
    for name in caveats:
        el(el(tax, "category", xml_id=f"cav.{name}"), "catDesc", name)
    tags = cd[-1]
    for value, gloss in glosses.items():
        el(el(tags, "category", xml_id=tag_id(value)), "catDesc", gloss)


def tag_id(value: str) -> str:
    """``xml:id`` of a TAG's category: ``tag.PGOV``."""
    return "tag." + ncname(value)


@cache
def _fixed_taxonomies() -> tuple[etree._Element, ...]:
    """The classification, precedence and TAGS taxonomies (copied into every document)."""
    levels = el(None, "taxonomy", xml_id="classification")
    el(levels, "desc", "US security classification levels and controls")
    for name, code in LEVELS.items():
        el(el(levels, "category", xml_id=f"cls.{code}"), "catDesc", name)
    precedence = el(None, "taxonomy", xml_id="precedence")
    el(precedence, "desc", "Telegram precedence")
    for code, name in PRECEDENCES.items():
        el(el(precedence, "category", xml_id=f"prec.{code}"), "catDesc", name)
    tags = el(None, "taxonomy", xml_id="sdtags")
    el(tags, "bibl", "U.S. Department of State TAGS (Traffic Analysis by Geography and Subject)")
    return levels, precedence, tags


def classification_code(cable: Cable) -> str | None:
    """Taxonomy code of the cable's level: banner, else security letters, else wrapper.

    An unclassified cable marked For Official Use Only or Sensitive (a FOUO or SENSITIVE
    caption, banner or wrapper classification) is ``SBU``, as its portion marks
    ``(U//FOUO)`` / ``(SBU)`` are.
    """
    code = _level_code(cable)
    if code == "U" and _is_fouo(cable):
        return "SBU"
    return code


def _is_fouo(cable: Cable) -> bool:
    banner, wrapper = cable.body.banner, cable.wrapper
    texts = [c.value for c in cable.body.captions]
    texts += [banner.raw, banner.trailing or ""] if banner is not None else []
    texts.append(wrapper.classification or "" if wrapper is not None else "")
    return any(_FOUO.search(t.upper()) or _SENSITIVE.search(t.upper()) for t in texts)


def _level_code(cable: Cable) -> str | None:
    banner = cable.body.banner
    if banner is not None and banner.classification:
        return level_code(banner.classification)
    security = cable.header.security if cable.header is not None else None
    if security is not None and security.letters:
        return level_code(g.SECURITY_LETTERS.get(security.letters[:1]))
    if cable.wrapper is not None:
        return level_code(cable.wrapper.classification)
    return None


def _text_class(tc: etree._Element, cable: Cable) -> None:
    code = classification_code(cable)
    if code is not None:
        el(tc, "catRef", scheme="#classification", target=f"#cls.{code}")
    dtg = cable.header.dtg if cable.header is not None else None
    if dtg is not None and dtg.precedences and dtg.precedences[0][:1] in PRECEDENCES:
        el(tc, "catRef", scheme="#precedence", target=f"#prec.{dtg.precedences[0][:1]}")
    caveats = caveats_of(cable)
    if caveats:
        el(tc, "catRef", scheme="#caveat", target=" ".join(f"#cav.{c}" for c in caveats))
    tags = cable.body.tags
    if tags is not None and tags.items:
        kw = el(tc, "keywords", scheme="#sdtags")
        glosses = tag_glosses(cable)
        for tag in tags.items:
            ref = {"ref": "#" + tag_id(tag.value)} if tag.value in glosses else {}
            el(kw, "term", tag.value, key=tag.value, **ref)


def _corresp(pd: etree._Element, cable: Cable, when: str | None, links: Links) -> None:
    from cableformat.writers.tei_links import cable_uri, cited_cables

    header = cable.header
    groups: list[tuple[dict[str, str], list[Address]]] = [] if header is None else [
        ({"type": "received", "subtype": "action"}, header.to),
        ({"type": "received", "subtype": "info"}, header.info),
    ]
    sender = links.sender()
    cited = cited_cables(cable)
    if sender is None and not cited and not any(addrs for _attrs, addrs in groups):
        return
    cd = el(pd, "correspDesc")
    if sender is not None:
        groups.insert(0, ({"type": "sent"}, []))
    for attrs, addrs in groups:
        if not addrs and attrs["type"] != "sent":
            continue
        action = el(cd, "correspAction", **attrs)
        for addr in addrs:
            el(action, "orgName", " ".join(addr.address.split()), ref=links.org(addr))
        if attrs["type"] == "sent" and sender is not None:
            el(action, "orgName", sender[1], ref=sender[0])
            place = links.sender_place()
            if place is not None:
                el(action, "placeName", place[1], ref=place[0])
            if when is not None:
                el(action, "date", when=when)
    if cited:
        context = el(cd, "correspContext")
        for ident in cited:
            el(context, "ref", ident, type="prev", target=cable_uri(ident))
