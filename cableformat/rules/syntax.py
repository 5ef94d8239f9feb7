"""Syntax family: grammar violations found by the parser, and reader findings.

The parser records what it could not fit into the grammar as ``Cable.syntax`` issues; each
code here reports its own issues.  ``X001``-``X009`` are raised by readers (the input could
not be read as cables) and are documented here so that ``cableformat explain`` knows them.
"""

from __future__ import annotations

from cableformat.diagnostics import Severity
from cableformat.model import Cable
from cableformat.rules.registry import Emitter, rule

READER_CODES = ("X001", "X002", "X003", "X004", "X005", "X007", "X008", "X011", "X012", "X013")
"""Codes raised by readers on inputs that are not cable text; tested in test_readers."""


def _has_issues(cable: Cable) -> bool:
    """Whether the parser recorded any syntax issue (most cables: none to report)."""
    return bool(cable.syntax)


def _never(cable: Cable) -> bool:
    """Reader codes are never found on a parsed cable: their rules need not run."""
    del cable
    return False


def _report(cable: Cable, emit: Emitter) -> None:
    for issue in cable.syntax:
        if issue.code == emit.rule.code:
            emit((issue.start, issue.end), issue.message, hint=issue.hint)


def _reader_only(cable: Cable, emit: Emitter) -> None:
    """Reader-level codes never fire on a parsed cable."""
    del cable, emit


@rule("X001", "binary-input", Severity.ERROR, when=_never)
def binary_input(cable: Cable, emit: Emitter) -> None:
    """The input is binary (NUL bytes or mostly control characters), not text.

    Cables are text. A binary file given to ``validate`` is reported and skipped; the other
    inputs are still checked, and the exit code is 2.
    """
    _reader_only(cable, emit)


@rule("X002", "empty-input", Severity.ERROR, when=_never)
def empty_input(cable: Cable, emit: Emitter) -> None:
    """The input file is empty.

    An empty file holds no cable; it is reported so that a batch run accounts for it.
    """
    _reader_only(cable, emit)


@rule("X003", "not-a-cable-page", Severity.ERROR, when=_has_issues)
def not_a_cable_page(cable: Cable, emit: Emitter) -> None:
    """An HTML file holds no cable: no metadata table and no ``<pre>`` block.

    Scraper failures produce such pages; they are reported, never silently skipped.
    """
    _report(cable, emit)


@rule("X004", "truncated-html", Severity.WARNING, when=_has_issues)
def truncated_html(cable: Cable, emit: Emitter) -> None:
    """An HTML page ends before its ``<pre>`` block is closed.

    What is there is parsed, but the cable is probably incomplete.
    """
    _report(cable, emit)


@rule("X005", "csv-row-malformed", Severity.ERROR, when=_never)
def csv_row_malformed(cable: Cable, emit: Emitter) -> None:
    """A ``cables.csv`` row is malformed: an unbalanced quote or not 8 columns.

    The row cannot be split into its columns safely; it is reported with its line number
    and the following rows are still read.
    """
    _reader_only(cable, emit)


@rule("X006", "line-structure-lost", Severity.INFO, when=_has_issues)
def line_structure_lost(cable: Cable, emit: Emitter) -> None:
    """The input lost its newlines (newline-stripped JSON exports).

    Line-based checks are unreliable; fields are found by keyword and runs of spaces are
    read as line breaks.
    """
    _report(cable, emit)


@rule("X007", "empty-directory", Severity.ERROR, when=_never)
def empty_directory(cable: Cable, emit: Emitter) -> None:
    """A directory given on the command line holds no files.

    Usually a wrong path; reported so that nothing is silently skipped.
    """
    _reader_only(cable, emit)


@rule("X008", "no-such-file", Severity.ERROR, when=_never)
def no_such_file(cable: Cable, emit: Emitter) -> None:
    """A path given on the command line does not exist.

    Usually a typo in the path; the other inputs are still checked and the exit code is 2.
    """
    _reader_only(cable, emit)


@rule("X009", "encoding-guessed", Severity.WARNING, when=_has_issues)
def encoding_guessed(cable: Cable, emit: Emitter) -> None:
    """The input was not UTF-8 and was decoded another way (UTF-16, Windows-1252).

    Check the characters outside ASCII: a wrong guess garbles them.
    """
    _report(cable, emit)


@rule("X010", "not-a-cable", Severity.ERROR, when=_has_issues)
def not_a_cable(cable: Cable, emit: Emitter) -> None:
    """The text has no transmission header, no banner and no head fields.

    Nothing in it is a cable production: it is another kind of document, or the cable text
    was lost by whoever extracted it.

    Fails:
        Appears in these articles:

    Passes:
        UNCLAS STATE 000001
        E.O. 12958: N/A
    """
    _report(cable, emit)


@rule("X011", "reader-irregularity", Severity.INFO, when=_has_issues)
def reader_irregularity(cable: Cable, emit: Emitter) -> None:
    """A reader tolerated an irregularity of the wrapper format.

    A stray quote inside a CSV field, characters after a JSON object, an invalid JSON escape
    or a third ``<pre>`` block: the text was read as well as it could be, and this says how.
    """
    _report(cable, emit)


@rule("X012", "unreadable-file", Severity.ERROR, when=_never)
def unreadable_file(cable: Cable, emit: Emitter) -> None:
    """The file exists but cannot be read (permissions, I/O error).

    The operating system refused the read; the other inputs are still checked.
    """
    _reader_only(cable, emit)


@rule("X013", "json-record-malformed", Severity.ERROR, when=_never)
def json_record_malformed(cable: Cable, emit: Emitter) -> None:
    """A line of a JSON export is not a JSON object that can be read.

    The record is reported with its line and column and the following lines are still read.
    """
    _reader_only(cable, emit)


@rule("X999", "internal-error", Severity.ERROR, when=_has_issues)
def internal_error(cable: Cable, emit: Emitter) -> None:
    """cableformat itself failed on this input (a bug: please report it with the input).

    The cable is still counted and rendered back unchanged; the failure is reported here
    instead of a traceback.
    """
    _report(cable, emit)


@rule("H100", "header-line-unrecognised", Severity.WARNING, when=_has_issues)
def header_line_unrecognised(cable: Cable, emit: Emitter) -> None:
    """A line between the transmission header and the banner matches no header production.

    Header lines are TID, routing, DE, security, DTG, FM, TO, INFO and XMT lines and their
    addressee continuations; anything else there is a transmission or extraction error.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        this is no header line at all; it is prose
        C O N F I D E N T I A L BAKU 000443

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297
        C O N F I D E N T I A L BAKU 000443
    """
    _report(cable, emit)


@rule("H101", "page-header-in-addressees", Severity.WARNING, when=_has_issues)
def page_header_in_addressees(cable: Cable, emit: Emitter) -> None:
    """An old ``PAGE`` header stands inside the TO or INFO block.

    The page break of a re-typed cable landed in the addressee list; the fragment is not an
    addressee.

    Fails:
        R 182333Z FEB 09
        FM SECSTATE WASHDC
        TO PAGE 02        STATE   015113  182333Z
        AMEMBASSY BAKU
        UNCLAS STATE 015113

    Passes:
        R 182333Z FEB 09
        FM SECSTATE WASHDC
        TO AMEMBASSY BAKU
        UNCLAS STATE 015113
    """
    _report(cable, emit)
