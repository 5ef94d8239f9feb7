"""Page-kind family: the one diagnostic that names a page that is not an ordinary telegram.

The parser names each page's kind (``Cable.page_kind``, :mod:`cableformat.parser.kinds`)
and reads it accordingly; the kind's one ``K`` diagnostic says what the page is, so that the
misreadings it would cause are not reported line by line.  A PlusD page of the 1970s is
classified (``plusd-1970s``) without a diagnostic: its wrapper already says what it is.
Codes K006 and K008 are left free for kinds to come.
"""

from __future__ import annotations

from cableformat.diagnostics import Severity
from cableformat.model import Cable
from cableformat.rules.registry import Emitter, rule


def _not_ordinary(cable: Cable) -> bool:
    """Ordinary pages (most) have no page-kind diagnostic."""
    return cable.page_kind != "ordinary" and bool(cable.syntax)


def _report(cable: Cable, emit: Emitter) -> None:
    for issue in cable.syntax:
        if issue.code == emit.rule.code:
            emit((issue.start, issue.end), issue.message, hint=issue.hint)


@rule("K001", "reflowed-page", Severity.INFO, when=_not_ordinary)
def reflowed_page(cable: Cable, emit: Emitter) -> None:
    """The page is a reflowed press version: paragraphs glued into long lines.

    Press versions unwrapped the telegram's 69-character lines: a paragraph (often several,
    and the signature) stands on one line, and continuation headers were stripped.  The
    text is read as it is; checks that need the original line breaks or section headers
    (S003) stay quiet on such pages.

    Fails:
        UNCLAS BAKU 000443
        E.O. 12958: N/A
        TAGS: PREL
        SUBJECT: TEST
        1. (U) The first paragraph was unwrapped by the press version of the page, so that it no longer keeps the line breaks of the telegram. 2. (U) The second paragraph was glued to it. DERSE

    Passes:
        UNCLAS BAKU 000443
        E.O. 12958: N/A
        TAGS: PREL
        SUBJECT: TEST
        1. (U) The first paragraph keeps the line breaks of
        the telegram.
        DERSE
    """  # noqa: E501
    _report(cable, emit)


@rule("K002", "preview-and-record", Severity.INFO, when=_not_ordinary)
def preview_and_record(cable: Cable, emit: Emitter) -> None:
    """The page carries a truncated preview followed by the full record of the cable.

    Some pages show the head of the cable cut off (``Classified By: ... Cream...``) and then
    the full-release record (``id:``, ``date:``, ``refid:`` ... ``header:`` or a tab row)
    with the whole cable.  Fields are read from the full record; the preview is kept as
    text of its own kind, and reported once here.

    Fails:
        C O N F I D E N T I A L BOGOTA 008663
        E.O. 12958: DECL: 09/18/2016
        TAGS: PGOV
        SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES
        Classified By: Political Counselor, John S. Cream...
        id: 79146
        date: 9/20/2006 17:32
        refid: 06BOGOTA8663
        C O N F I D E N T I A L BOGOTA 008663
        E.O. 12958: DECL: 09/18/2016
        TAGS: PGOV
        SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES
        Classified By: Political Counselor, John S. Creamer
        1. (C) Text.

    Passes:
        C O N F I D E N T I A L BOGOTA 008663
        E.O. 12958: DECL: 09/18/2016
        TAGS: PGOV
        SUBJECT: COLOMBIA HANDLES ECUADOR WITH KID GLOVES
        Classified By: Political Counselor, John S. Creamer
        1. (C) Text.
    """
    _report(cable, emit)


@rule("K003", "two-cables", Severity.WARNING, when=_not_ordinary)
def two_cables(cable: Cable, emit: Emitter) -> None:
    """The page holds two cables: another cable appended, or another cable's body.

    A record of another cable (a tab or CSV row, an ``id:``/``refid:`` record) after the
    cable's text starts a cable of its own: it is read as a second cable (``read()`` yields
    it after the first; ``validate`` reports it under its own ID), and no rule of the first
    cable runs on it.  A header over the body of another cable (the banner names another
    office and serial) is reported here once, not by every check that compares them.

    Fails:
        C O N F I D E N T I A L TBILISI 002280
        E.O. 12958: DECL: 09/10/2017
        TAGS: PREL
        SUBJECT: TEST
        1. (C) Text.
        121752	2007-09-11 12:50:00	07TBILISI2290	Embassy Tbilisi	CONFIDENTIAL
        C O N F I D E N T I A L TBILISI 002290

    Passes:
        C O N F I D E N T I A L TBILISI 002280
        E.O. 12958: DECL: 09/10/2017
        TAGS: PREL
        SUBJECT: TEST
        1. (C) Text.
    """
    _report(cable, emit)


@rule("K004", "wrapper-lines", Severity.INFO, when=_not_ordinary)
def wrapper_lines(cable: Cable, emit: Emitter) -> None:
    """Wrapper lines stand before the banner: record rows, datelines, junk glued to it.

    Press versions and full-release dumps put their own lines before the cable: a
    ``Cable dated:`` line, a dateline (``Thursday, 07 March 2002, 10:13``), the record's
    ``id:``/``date:``/``refid:`` keys or a tab row with the header repeated, a record number
    or ``","`` glued before the banner.  They are kept as wrapper text and reported once
    here, not as unrecognised header lines (H100) or a missing banner (B001).

    Fails:
        Cable dated:2009-03-31T14:44:00
        S E C R E T CAIRO 000549
        E.O. 12958: DECL: 03/29/2019
        TAGS: PREL
        SUBJECT: SCENESETTER

    Passes:
        S E C R E T CAIRO 000549
        E.O. 12958: DECL: 03/29/2019
        TAGS: PREL
        SUBJECT: SCENESETTER
    """
    _report(cable, emit)


@rule("K005", "partial-extract", Severity.INFO, when=_not_ordinary)
def partial_extract(cable: Cable, emit: Emitter) -> None:
    """The page is a WikiLeaks partial extract: the head of the cable is cut.

    ``This record is a partial extract of the original cable`` stands where the routing
    header was; the banner and head fields may be cut or run together.  Checks of what is
    missing (header, E.O., TAGS, SUBJECT) stay quiet on such pages.

    Fails:
        This record is a partial extract of the original cable.
        C O N F I D E N T I A L ROME 001196
        E.O. 12958: DECL: 03/05/2007
        TAGS: PHUM
        SUBJECT: TEST

    Passes:
        C O N F I D E N T I A L ROME 001196
        E.O. 12958: DECL: 03/05/2007
        TAGS: PHUM
        SUBJECT: TEST
    """
    _report(cable, emit)


@rule("K007", "annotated-excerpt", Severity.INFO, when=_not_ordinary)
def annotated_excerpt(cable: Cable, emit: Emitter) -> None:
    """The text is an annotated excerpt: a named-entity list stands before it.

    Research corpora of 1970s cables give the body alone, after a numbered list of the
    entities it names (``3. GREGORY SCHARF   PER.IND``) and a separator ``@@@``, with the
    entities marked in the text (``[[SCHARF || 3]]``).  The list is the annotator's, not the
    telegram's, and the marks are read through.  There is no transmission header, banner
    or head to check: the checks of what is missing stay quiet on such texts.

    Fails:
        1. GREGORY SCHARF                PER.IND
        2. INDIA                 GPE.NATION
        @@@
        1. [[SCHARF || 1]] CAME TO THE CONSULATE SEP 7.

    Passes:
        1. SCHARF CAME TO THE CONSULATE SEP 7.
    """
    _report(cable, emit)


@rule("K009", "unusual-page", Severity.INFO, when=_not_ordinary)
def unusual_page(cable: Cable, emit: Emitter) -> None:
    """The page is of no standard kind: its own reference ID is malformed.

    WikiLeaks published a few pages that fit none of the other kinds, such as a page whose
    reference ID is malformed (``7575LIBREVILLE1895``, banner ``75 LIBREVILLE 1895``).
    Their text is read as usual; this says why it may look odd.

    Fails:
        Reference ID Created Released Classification Origin
        7575LIBREVILLE1895 1975-11-18 12:05 2011-08-30 01:44 CONFIDENTIAL Embassy Libreville
        O 181205Z NOV 75
        FM AMEMBASSY LIBREVILLE
        TO SECSTATE WASHDC IMMEDIATE 7102
        C O N F I D E N T I A L LIBREVILLE 1895
        TAGS: PFOR
        SUBJECT: KOREA AT 30TH UNGA

    Passes:
        Reference ID Created Released Classification Origin
        75LIBREVILLE1895 1975-11-18 12:05 2011-08-30 01:44 CONFIDENTIAL Embassy Libreville
        O 181205Z NOV 75
        FM AMEMBASSY LIBREVILLE
        TO SECSTATE WASHDC IMMEDIATE 7102
        C O N F I D E N T I A L LIBREVILLE 1895
        TAGS: PFOR
        SUBJECT: KOREA AT 30TH UNGA
    """
    _report(cable, emit)
