"""TEI linking: the organisations, persons and places a cable names, and its cited cables.

Names in the header and the text point with ``@ref`` to entries of ``standOff``:

* ``listOrg/org``: the sender (FM) and every TO/INFO/XMT addressee.  An address that the
  reference tables know as a post (:func:`cableformat.reference.post`) is ``#post.OFFICE``
  (``#post.BAKU``), with the post's name, routing indicators and place; any other address is
  ``#org.ADDRESS`` (``#org.JOINT_STAFF_WASHDC``) with the routing indicator written before it;
* ``listPerson/person``: the signer and the Classified By officer (``#pers.SURNAME``; the
  two are one person when the signature is the officer's surname, as it usually is);
* ``listPlace/place``: the city of each linked post (``#place.Baku``) and its country.

A REF item that resolves to a cable ID points to it as ``cable:ID`` (``cable:09STATE1234``);
``encodingDesc/listPrefixDef/prefixDef[@ident='cable']`` says how that private URI expands
(to the cable's page on WikiLeaks' PlusD), as TEI prescribes for abbreviated pointers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from cableformat import reference
from cableformat.model import Address, Cable
from cableformat.writers.tei_header import _FORBIDDEN, el, ncname

#: The private URI scheme of cited cables, and what it expands to (``prefixDef``).
CABLE_SCHEME = "cable"
CABLE_MATCH = "([0-9]{2}[A-Z0-9\\-]+[0-9]+)"
CABLE_REPLACEMENT = "https://wikileaks.org/plusd/cables/$1_a.html"

_WASHINGTON = re.compile(r"\bWASH(?:INGTON)?(?: ?D\.? ?C\.?)?$|\bWASHDC$")
_ORIGIN_PREFIXES = ("Embassy ", "Consulate ", "US Mission ", "REO ", "RRT ", "AIT ",
                    "US Interests Section ", "Iran RPO ", "CDC ", "FSC ")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_TITLES = frozenset({"AMBASSADOR", "CHARGE", "DCM", "CONSUL", "GENERAL", "DEPUTY", "CHIEF",
                     "OF", "MISSION", "POLITICAL", "ECONOMIC", "COUNSELOR", "COUNSELLOR",
                     "OFFICER", "SECRETARY", "MINISTER", "ACTING", "D'AFFAIRES", "AFFAIRES",
                     "JR", "SR", "II", "III", "FOR", "AND", "A", "I", "E", "THE", "REASON",
                     "REASONS", "PRINCIPAL", "POL", "ECON", "POLOFF", "ECONOFF", "DIRECTOR"})


def post_of(address: str, route: str | None = None) -> reference.Post | None:
    """The post an address names (``AMEMBASSY BAKU`` -> BAKU), else the one post of its RI."""
    found = reference.post(address)
    if found is None and route:
        candidates = reference.post_by_ri(route)
        if len(candidates) == 1 and candidates[0].pla == " ".join(address.split()).upper():
            found = candidates[0]
    return found


def place_of(post: reference.Post) -> str | None:
    """The city a post stands in (``Embassy Baku`` -> ``Baku``), when the tables tell it."""
    if _WASHINGTON.search(post.pla):
        return "Washington"
    for prefix in _ORIGIN_PREFIXES:
        if post.origin.startswith(prefix):
            city = post.origin[len(prefix):].strip()
            if city and not any(w.isupper() and len(w) > 2 for w in city.split()):
                return city
    return None


def frus_name(post: reference.Post | None, address: str) -> str:
    """A FRUS-style name: ``the Embassy in Baku``, ``the Department of State``."""
    if post is None:
        return address
    if post.kind == "department" and post.office == "STATE":
        return "the Department of State"
    city = place_of(post)
    if post.kind in ("embassy", "consulate") and city:
        return f"the {post.kind.capitalize()} in {city}"
    return post.origin or address


def surname(name: str) -> str | None:
    """The surname of a signer or officer (last name word that is no title), upper case."""
    words = [w.upper() for w in _NAME_WORD.findall(name)]
    names = [w for w in words if w not in _TITLES and len(w) > 1]
    return names[-1] if names else None


@dataclass
class Links:
    """The ``standOff`` entries of one cable, built while its names are linked."""

    cable: Cable
    orgs: dict[str, etree._Element] = field(default_factory=dict)
    persons: dict[str, etree._Element] = field(default_factory=dict)
    places: dict[str, etree._Element] = field(default_factory=dict)
    posts: dict[str, reference.Post | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        header, body = self.cable.header, self.cable.body
        if header is not None:
            for addr in [*([header.fm] if header.fm is not None else []), *header.to,
                         *header.info, *header.xmt]:
                self.org(addr)
        if body.classified_by is not None and body.classified_by.classifier:
            self.person(body.classified_by.classifier)
        if body.signature is not None:
            self.person(body.signature.raw)

    # organisations and places

    def post(self, addr: Address) -> reference.Post | None:
        key = f"{addr.route}/{addr.address}"
        if key not in self.posts:
            self.posts[key] = post_of(addr.address, addr.route)
        return self.posts[key]

    def origin_post(self) -> reference.Post | None:
        """The post of the reference ID's origin (``09BAKU443`` -> BAKU), if known."""
        m = re.match(r"[0-9]{2}([A-Z]+)[0-9]", self.cable.reference_id or "")
        return reference.post(m.group(1)) if m else None

    def sender(self) -> tuple[str, str] | None:
        """``(#id, name)`` of the sender: the FM address as written, else (no transmission
        header) the post the reference ID names, under its own name."""
        header = self.cable.header
        if header is not None and header.fm is not None:
            return self.org(header.fm), " ".join(header.fm.address.split())
        post = self.origin_post()
        if post is None:
            return None
        return self.org(None, post), post.origin

    def org(self, addr: Address | None, known: reference.Post | None = None) -> str:
        """``#id`` of the ``org`` the address (or the post ``known``) names, created on
        first use."""
        post = known if addr is None else self.post(addr)
        if post is None and addr is None:
            raise ValueError("org() needs an address or a post")
        ident = f"post.{post.office}" if post else "org." + ncname(
            "_".join(addr.address.upper().split()))  # type: ignore[union-attr]
        if ident not in self.orgs:
            org = self.orgs[ident] = el(None, "org", xml_id=ident)
            el(org, "orgName", post.origin if post else " ".join(addr.address.split()))
            ris = post.ris if post else ((addr.route,) if addr and addr.route else ())
            for ri in ris:
                el(org, "idno", ri, type="routingIndicator")
            if post is not None:
                el(org, "idno", post.office, type="office")
                place = self.place(post)
                if place is not None:
                    name = self.places[place[1:]].findtext("{*}placeName")
                    el(org, "placeName", name, ref=place)
        return "#" + ident

    def place(self, post: reference.Post) -> str | None:
        """``#id`` of the place of a post, or None when the tables do not tell it."""
        city = place_of(post)
        if city is None:
            return None
        ident = "place." + ncname(city.replace(" ", "_"))
        if ident not in self.places:
            place = self.places[ident] = el(None, "place", xml_id=ident)
            el(place, "placeName", city)
            country = reference.country(post.country) if post.country else None
            if country is not None:
                el(el(place, "location"), "country", country.name.title(), key=country.code)
        return "#" + ident

    def sender_place(self) -> tuple[str, str] | None:
        """``(#id, name)`` of the sender's place, if known."""
        header = self.cable.header
        fm = header.fm if header is not None else None
        post = self.post(fm) if fm is not None else None
        if post is None:  # the origin of the reference ID
            post = self.origin_post()
        ref = self.place(post) if post is not None else None
        if ref is None:
            return None
        return ref, self.places[ref[1:]].findtext("{*}placeName") or ""

    # persons

    def person(self, name: str) -> str | None:
        """``#id`` of the person called ``name`` (keyed by surname), or None."""
        key = surname(name)
        if key is None:
            return None
        ident = "pers." + ncname(key)
        # a name in standOff is an index entry, not cable text: characters XML forbids go
        written = " ".join(_FORBIDDEN.sub("", name).split()).strip(" ,.")
        found = self.persons.get(ident)
        if found is None:
            person = self.persons[ident] = el(None, "person", xml_id=ident)
            el(person, "persName", written)
        elif len(written) > len(found[0].text or ""):
            found[0].text = written  # the fuller form: "Anne E. Derse" over "DERSE"
        return "#" + ident

    def stand_off(self) -> etree._Element | None:
        """The ``standOff`` element, or None when the cable names nobody."""
        if not (self.orgs or self.persons or self.places):
            return None
        so = el(None, "standOff")
        for tag, items in (("listOrg", self.orgs), ("listPerson", self.persons),
                           ("listPlace", self.places)):
            if items:
                parent = el(so, tag)
                for item in items.values():
                    parent.append(item)
        return so


def cited_cables(cable: Cable) -> list[str]:
    """The cable IDs the REF items resolve to, each once, in order."""
    refs = cable.body.refs
    out: list[str] = []
    for item in refs.items if refs is not None else ():
        if item.reference_id and item.reference_id not in out:
            out.append(item.reference_id)
    return out


def cable_uri(reference_id: str) -> str:
    """The pointer to a cited cable: ``cable:09STATE1234``."""
    return f"{CABLE_SCHEME}:{reference_id}"


def prefix_def(parent: etree._Element) -> None:
    """Declare the ``cable:`` scheme in ``encodingDesc``."""
    lp = el(parent, "listPrefixDef")
    pd = el(lp, "prefixDef", ident=CABLE_SCHEME, matchPattern=CABLE_MATCH,
            replacementPattern=CABLE_REPLACEMENT)
    el(pd, "p", "A cited cable, by its reference ID: cable:09STATE1234 is the cable "
       "09STATE1234 on WikiLeaks' Public Library of US Diplomacy.")
