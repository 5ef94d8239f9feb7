"""The cable model: pydantic v2 classes for a cable and all of its parts.

Every node keeps ``raw`` (the exact source text it was parsed from) and ``span`` (where that
text stands in the cable text); normalised values live beside the raw ones.  ``Cable.lines``
is the lossless token stream: one :class:`Line` per source line, whose raw texts concatenate
to the exact input (see :func:`cableformat.render`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

M = TypeVar("M", bound="Node")
_DEFAULTS: dict[type, tuple[dict[str, Any], tuple[tuple[str, Any], ...]]] = {}


def _renamed(name: str, output: str) -> dict[str, Any]:
    """Field options giving ``name`` the output (JSON, XML) name ``output``; both are read."""
    return {"serialization_alias": output, "validation_alias": AliasChoices(output, name)}


class Node(BaseModel):
    """Base of all model classes."""

    # serialize_by_alias: a field whose model name means two things across the model has an
    # output name (``Cable.text`` is ``cable_text``); both names are read (:func:`_renamed`)
    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True,
                              serialize_by_alias=True)


class Span(Node):
    """Where a node stands: character offsets into the cable text and its 1-based start."""

    start: int = Field(description="Offset of the first character in the cable text")
    end: int = Field(description="Offset after the last character in the cable text")
    line: int = Field(description="1-based line of the first character in the cable text")
    column: int = Field(description="1-based column of the first character")


class RawField(Node):
    """A parsed field: its raw text and span."""

    raw: str = Field(description="The field exactly as written in the source")
    span: Span = Field(description="Where the field stands in the cable text")


@dataclass(frozen=True, slots=True)
class Line:
    """One source line of the token stream, classified by the grammar production it belongs to.

    ``kind`` names the production (or layer), ``raw`` is the line exactly as written with
    its terminator, ``number`` its 1-based number and ``start`` its offset in the cable text.
    """

    kind: str
    raw: str
    number: int
    start: int


class RoutingLine(RawField):
    """FL2: doubled precedence prosign and routing indicators (continuation lines included)."""

    prosign: str | None = Field(default=None, description="Doubled prosign: ZZ, OO, PP or RR")
    indicators: list[str] = Field(default_factory=list, description="Routing indicators")


class DELine(RawField):
    """FL3: originating station, station serial number, section and Julian day/time."""

    station: str | None = Field(default=None, description="Originating routing indicator")
    ssn: str | None = Field(default=None, description="Station serial number (4 digits)")
    section: str | None = Field(default=None, description="Section number after '/', if any")
    julian_day: int | None = Field(default=None, description="Day of year of transmission")
    time: str | None = Field(default=None, description="Transmission time HHMM (UTC)")


class SecurityLine(RawField):
    """FL4: ZNR/ZNY, the classification letter repeated five times, operating signals."""

    secop: str | None = Field(default=None, description="ZNR or ZNY")
    letters: str | None = Field(default=None, description="Five classification letters")
    specat: str | None = Field(default=None, description="Special category group, if any")
    signals: list[str] = Field(default_factory=list, description="Operating signals (ZZH)")
    note: str | None = Field(
        default=None, description="What follows the signals: relay annotation or service note"
    )


class DTG(RawField):
    """FL5: precedence(s) and date-time group."""

    precedences: list[str] = Field(default_factory=list, description="Action [, info] precedence")
    value: datetime | None = Field(default=None, description="The DTG as an aware UTC datetime")
    day: int | None = Field(default=None, description="Day of month as written")
    hour: int | None = Field(default=None, description="Hour as written")
    minute: int | None = Field(default=None, description="Minute as written")
    month: str | None = Field(default=None, description="Month abbreviation as written")
    year: int | None = Field(default=None, description="Four-digit year")
    signal: str | None = Field(
        default=None, description="Operating signal after the DTG as written (ZDK CTG ...)"
    )


class Address(RawField):
    """An addressee or originator: routing indicator, plain-language address, precedence, MCN."""

    route: str | None = Field(default=None, description="Routing indicator before '/', if any")
    address: str = Field(description="Plain-language address (PLA)")
    precedence: str | None = Field(default=None, description="Precedence word, e.g. IMMEDIATE")
    mcn: str | None = Field(default=None, description="Message continuity number")
    garble: str | None = Field(
        default=None, description="Garbled word after the address (a month), kept apart"
    )
    role: str = Field(description="fm, to, info or xmt")


class Header(Node):
    """L1: the transmission header (format lines 1-9)."""

    tid: RawField | None = Field(default=None, description="FL1 transmission identification")
    routing: RoutingLine | None = Field(default=None, description="FL2 routing line")
    de: DELine | None = Field(default=None, description="FL3 DE line")
    security: SecurityLine | None = Field(default=None, description="FL4 security line")
    dtg: DTG | None = Field(default=None, description="FL5 date-time group")
    fm: Address | None = Field(default=None, description="FL6 originator")
    to: list[Address] = Field(default_factory=list, description="Action addressees")
    info: list[Address] = Field(default_factory=list, description="Information addressees")
    xmt: list[Address] = Field(default_factory=list, description="Posts excluded (XMT)")
    partial: bool = Field(default=False, description="A partial-extract note stands here")
    in_text: bool = Field(
        default=False, description="DTG and addressees read from a distribution block in the text"
    )


class Banner(RawField):
    """The classification banner / message reference line."""

    classification: str | None = Field(default=None, description="Normalised level")
    classification_raw: str | None = Field(default=None, description="Banner word as written")
    spaced: bool = Field(default=False, description="Written letter-spaced (C O N F I ...)")
    efto: bool = Field(default=False, description="EFTO follows UNCLAS")
    section: int | None = Field(default=None, description="SECTION nn")
    sections: int | None = Field(default=None, description="OF mm")
    office: str | None = Field(default=None, description="Banner office, e.g. BAKU")
    serial: str | None = Field(default=None, description="MRN serial as written")
    trailing: str | None = Field(default=None, description="Captions written on the banner line")


class Caption(RawField):
    """A caption or special-handling line (SIPDIS, NOFORN, NODIS, ...)."""

    value: str = Field(description="Normalised caption word(s), upper case")


class EOLine(RawField):
    """The E.O. declassification line."""

    keyword: str = Field(description="Keyword as written (E.O., EO, E.o. ...)")
    order: str | None = Field(default=None, description="Executive order number as written")
    decl_raw: str | None = Field(default=None, description="Declassification value as written")
    decl_kind: str | None = Field(default=None, description="date, na, exemption, oadr, other")
    decl_date: date | None = Field(default=None, description="Declassification date")


class Tag(RawField):
    """One TAGS token."""

    value: str = Field(description="Normalised (upper-case) tag")
    kind: str = Field(
        description="subject, program, geographic, organization, person, free, noise"
    )
    canonical: list[str] = Field(
        default_factory=list,
        description="The TAGS this item stands for, cleaned: usually one; several for TAGS run "
        "together (PHUMBA -> PHUM, BA) or OVIP with a name (OVIP, 'STEINBERG, JAMES'); none "
        "for noise (SIPDIS, a page header). The item's span stays the written token's",
    )
    suggestion: str | None = Field(
        default=None, description="Did-you-mean for an unknown TAG (MOPPS -> MOPS, RU -> RS); "
        "never applied",
    )


class Tags(RawField):
    """The TAGS field."""

    keyword: str = Field(description="Keyword as written (TAGS:, Tags, TAG ...)")
    items: list[Tag] = Field(default_factory=list, description="The tags in order")
    canonical: list[str] = Field(
        default_factory=list,
        description="The TAGS of the field, cleaned: items' canonical TAGS in order, each once",
    )


class Subject(RawField):
    """The SUBJECT field (all its lines)."""

    keyword: str = Field(description="Keyword as written (SUBJECT:, SUBJ: ...)")
    portion: str | None = Field(default=None, description="Portion mark before the text")
    text: str = Field(description="Subject text, lines joined, whitespace runs folded")


class Reference(RawField):
    """One REF item."""

    label: str | None = Field(default=None, description="Item label (A, B ...)")
    kind: str = Field(description="cable or other", **_renamed("kind", "reference_kind"))
    year: int | None = Field(default=None, description="Year of the referenced cable")
    office: str | None = Field(default=None, description="Office as written")
    serial: str | None = Field(default=None, description="Serial as written")
    reference_id: str | None = Field(default=None, description="Resolved reference ID")
    year_source: str | None = Field(
        default=None,
        description="Where the year comes from: written, citing (the citing cable's year) or "
                    "previous (the year before, as the citing year would give a later serial)",
    )


class Refs(RawField):
    """The REF field."""

    keyword: str = Field(description="Keyword as written (REF:, REFS:, REFTEL ...)")
    items: list[Reference] = Field(default_factory=list, description="Referenced items")


class ClassifiedBy(RawField):
    """The classification authority line."""

    keyword: str = Field(description="Keyword as written")
    text: str = Field(description="The field's text, wrapped lines joined")
    classifier: str | None = Field(default=None, description="Who classified (name and title)")
    section: str | None = Field(default=None, description="Reason section, e.g. 1.4",
                                **_renamed("section", "reason_section"))
    reasons: list[str] = Field(default_factory=list, description="Reason letters, lower case")
    portion: str | None = Field(
        default=None, description="Portion mark written before the keyword ((U) Classified by)"
    )


class ContinuationHeader(RawField):
    """A section/page continuation header (``BAKU 00000443  002 OF 002``)."""

    office: str = Field(description="Office (truncated to 10 characters)")
    serial: str = Field(description="Serial, 8 digits")
    section: int = Field(description="Section number")
    page: int | None = Field(default=None, description="Page within the section (.2)")
    total: int = Field(description="Total number of sections")


class PageHeader(RawField):
    """An old ``PAGE 02 ROME 03067 211833Z`` page header."""

    page: int = Field(description="Page number")
    office: str | None = Field(default=None, description="Office (6 characters)")
    serial: str | None = Field(default=None, description="Serial")


class Paragraph(RawField):
    """A numbered (or portion-marked) paragraph of the text."""

    number: str | None = Field(default=None, description="Paragraph number as written (1, 2a)")
    portion: str | None = Field(default=None, description="Portion mark (C), (S//NF) ...")
    marker: str | None = Field(default=None, description="SUMMARY, COMMENT ... at its start")
    text: str = Field(description="Paragraph text, lines joined")
    run_in: bool = Field(
        default=False, description="True when the paragraph did not start its line (reflowed)"
    )


class Heading(RawField):
    """A sub-heading of the text (``CURRENT STATE OF PLAY``), with or without ``-----`` rules."""

    text: str = Field(description="The heading words, inner whitespace collapsed")


class TextBlock(RawField):
    """A stretch of the cable text that no field node holds: unnumbered text, a trailer,
    wrapper, preview or annotation lines, a note, a repeated head line ..."""

    kind: str = Field(description="The line kind of the stretch (text, trailer, wrapper ...)",
                      **_renamed("kind", "line_kind"))
    text: str = Field(description="Its words, markup removed, whitespace runs folded")


class Marker(RawField):
    """A SUMMARY/COMMENT/TEXT/QUOTE/FYI begin or end marker in the text."""

    name: str = Field(description="SUMMARY, COMMENT, TEXT, QUOTE or FYI")
    end: bool = Field(description="True for END ... markers", **_renamed("end", "closing"))


class Body(Node):
    """L2: the cable text."""

    banner: Banner | None = Field(default=None, description="Classification banner line")
    captions: list[Caption] = Field(default_factory=list, description="Captions, SIPDIS ...")
    passing: list[RawField] = Field(default_factory=list, description="Passing/action lines")
    eo: EOLine | None = Field(default=None, description="E.O. line")
    tags: Tags | None = Field(default=None, description="TAGS field")
    subject: Subject | None = Field(default=None, description="SUBJECT field")
    refs: Refs | None = Field(default=None, description="REF field")
    classified_by: ClassifiedBy | None = Field(default=None, description="Classified By")
    paragraphs: list[Paragraph] = Field(default_factory=list, description="Paragraphs")
    markers: list[Marker] = Field(default_factory=list, description="Summary/comment markers")
    continuations: list[ContinuationHeader] = Field(
        default_factory=list, description="Continuation headers"
    )
    pages: list[PageHeader] = Field(default_factory=list, description="Old PAGE headers")
    redactions: list[Span] = Field(default_factory=list, description="Redacted spans")
    signature: RawField | None = Field(default=None, description="Signature line")
    portions: list[RawField] = Field(default_factory=list, description="Every portion mark")
    headings: list[Heading] = Field(default_factory=list, description="Sub-headings, in order")


class Wrapper(Node):
    """Metadata from a wrapper (WikiLeaks table, CSV columns), kept apart from the cable."""

    # JSON/XML names: ``released`` is the ISO value (attribute ``released_at``), ``released_raw``
    # the value as written (attribute ``released``); construct with the JSON names.

    kind: str = Field(description="wikileaks-html, wikileaks-text, plusd-html, csv, mongo-json",
                      **_renamed("kind", "wrapper_kind"))
    reference_id: str | None = Field(default=None, description="Reference ID as the wrapper says")
    created: datetime | None = Field(default=None, description="Created, as UTC datetime")
    created_raw: str | None = Field(default=None, description="Created as written")
    released_at: datetime | None = Field(
        default=None, serialization_alias="released", validation_alias="released",
        description="Released (published by the wrapper's publisher), as UTC datetime",
    )
    released: str | None = Field(
        default=None, serialization_alias="released_raw", validation_alias="released_raw",
        description="Released as written",
    )
    classification: str | None = Field(default=None, description="Classification as written",
                                       **_renamed("classification", "classification_raw"))
    origin: str | None = Field(default=None, description="Origin as written")


class SyntaxIssue(Node):
    """A grammar violation the parser met while reading the text (reported by rule code)."""

    code: str = Field(description="Rule code that reports this issue")
    start: int = Field(description="Offset of the offending text in the cable text")
    end: int = Field(description="Offset after the offending text")
    message: str = Field(description="What was expected and what was found")
    hint: str | None = Field(default=None, description="How to fix it, if known")


class Cable(Node):
    """A parsed cable: header, body, wrapper metadata and the lossless line stream."""

    reference_id: str | None = Field(default=None, description="Reference ID (wrapper or banner)")
    source_name: str | None = Field(default=None, description="Where the cable was read from")
    input_format: str | None = Field(default=None, description="Reader that produced it")
    wrapper: Wrapper | None = Field(default=None, description="Wrapper metadata, if any")
    header: Header | None = Field(default=None, description="L1 transmission header")
    body: Body = Field(default_factory=Body, description="L2 text")
    partial: bool = Field(default=False, description="A partial-extract note was found")
    line_structure_lost: bool = Field(default=False, description="Newlines were stripped")
    text: str = Field(default="", description="The cable text exactly as parsed",
                      **_renamed("text", "cable_text"))
    line_kinds: list[str] = Field(
        default_factory=list, description="Grammar production of each line of the text"
    )
    line_starts: list[int] = Field(
        default_factory=list, description="Offset of the first character of each line"
    )
    syntax: list[SyntaxIssue] = Field(default_factory=list, description="Grammar violations")
    page_kind: str = Field(
        default="ordinary",
        description="Kind of page: ordinary, reflowed, partial, preview+record, two-cables, "
        "wrapper-lines, plusd-1970s, annotated or other",
    )
    dated: datetime | None = Field(
        default=None,
        description="Date of a 'Cable dated:' wrapper line before the banner (press versions, "
        "partial extracts), UTC; the cable's date where it has no DTG",
    )
    blocks: list[TextBlock] = Field(
        default_factory=list,
        description="The text no other node holds, in stretches by line kind: with the nodes, "
        "every word of the cable belongs to the model",
    )

    @property
    def cut_short(self) -> bool:
        """A partial extract, a cable cut off after its banner on a page holding two cables,
        or a text that stops in a head field cut with ``...`` (B019): what it lacks is not
        reported field by field."""
        if self.partial:
            return True
        body = self.body
        if body.paragraphs:
            return False
        fields = (body.eo, body.tags, body.subject, body.refs, body.classified_by)
        if any(f is not None and f.raw.rstrip().endswith(("...", "\u2026")) for f in fields):
            return True
        return self.page_kind == "two-cables" and all(f is None for f in fields)

    @property
    def lines(self) -> list[Line]:
        """The lossless line stream: every line of the text with its production."""
        text, starts, kinds = self.text, self.line_starts, self.line_kinds
        ends = [*starts[1:], len(text)]
        return [Line(kinds[i], text[starts[i] : ends[i]], i + 1, starts[i])
                for i in range(len(starts))]

    @property
    def date(self) -> datetime | None:
        """The cable's date: DTG, else a 'Cable dated:' line, else wrapper 'created'."""
        if self.header is not None and self.header.dtg is not None and self.header.dtg.value:
            return self.header.dtg.value
        if self.dated is not None:
            return self.dated
        if self.wrapper is not None and self.wrapper.created is not None:
            return self.wrapper.created
        return None

    # Safe accessors: a cable may lack its header (body-only texts, CSV rows) or any head
    # field; these return None (or an empty list) instead of raising AttributeError.

    @property
    def tags(self) -> list[str]:
        """The TAGS, normalised (upper case); empty when the cable has no TAGS line."""
        tags = self.body.tags
        return [t.value for t in tags.items] if tags is not None else []

    @property
    def subject(self) -> str | None:
        """The SUBJECT text, or None."""
        return self.body.subject.text if self.body.subject is not None else None

    @property
    def classification(self) -> str | None:
        """The banner's classification level (UNCLASSIFIED, CONFIDENTIAL...), else the
        wrapper's as written, else None."""
        banner = self.body.banner
        if banner is not None and banner.classification:
            return banner.classification
        return self.wrapper.classification if self.wrapper is not None else None

    @property
    def office(self) -> str | None:
        """The sending office as the banner writes it (BAKU), else the wrapper's origin."""
        banner = self.body.banner
        if banner is not None and banner.office:
            return banner.office
        return self.wrapper.origin if self.wrapper is not None else None

    @property
    def sender(self) -> str | None:
        """The FM line's plain-language address (AMEMBASSY BAKU), or None."""
        header = self.header
        return header.fm.address if header is not None and header.fm is not None else None

    def validate(  # type: ignore[override]  # pydantic's deprecated classmethod, replaced
        self,
        *,
        select: Any = None,
        ignore: Any = None,
        strict: bool = False,
    ) -> list[Any]:
        """Check this cable: the same as ``cableformat.validate(cable, ...)``."""
        from cableformat.api import validate

        return validate(self, select=select, ignore=ignore, strict=strict)


def build(cls: type[M], **values: Any) -> M:
    """Construct a trusted node without validation (the parser's fast path).

    Equivalent to ``cls.model_construct(**values)`` for the models of this module, several
    times faster: defaults are computed once per class, factories called per instance, and
    the instance's slots are written through their descriptors.
    """
    spec = _DEFAULTS.get(cls)
    if spec is None:
        spec = _DEFAULTS[cls] = _defaults_of(cls)
    plain, factories = spec
    if factories:
        data = dict(plain)
        for name, factory in factories:
            if name not in values:
                data[name] = factory()
        data.update(values)
    elif plain:  # the same keys in the same order as dict(plain) updated with values
        data = {**plain, **values}
    else:  # every field given (Span, most fields): the keyword dict is the instance dict
        data = values
    obj = _NEW(cls)  # what cls.__new__ is (BaseModel defines none), without the look-up
    _SET_DICT(obj, data)
    _SET_FIELDS_SET(obj, set(values))
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


def new_span(start: int, end: int, line: int, column: int) -> Span:
    """``build(Span, ...)`` without keywords: spans are the parser's most frequent node."""
    obj = _NEW(Span)
    _SET_DICT(obj, {"start": start, "end": end, "line": line, "column": column})
    _SET_FIELDS_SET(obj, {"start", "end", "line", "column"})
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


def _defaults_of(cls: type[BaseModel]) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
    """The plain defaults and the default factories of ``cls``'s fields."""
    plain: dict[str, Any] = {}
    factories: list[tuple[str, Any]] = []
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            factories.append((name, info.default_factory))
        elif info.default is not PydanticUndefined:
            plain[name] = info.default
    return plain, tuple(factories)


# BaseModel's instance slots, written directly (``object.__setattr__`` looks them up per call)
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__
_NEW = object.__new__
