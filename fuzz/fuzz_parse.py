"""Coverage-guided fuzzing of the parser and the rules with atheris.

Each input is decoded leniently (as :func:`cableformat.parse` does for bytes), parsed,
rendered back and validated with every rule.  A crash is any of:

* an exception escaping ``parse`` or ``validate``;
* an internal error caught and reported as ``X999`` (parser or rule bug);
* ``render(parse(text)) != text`` (the parser lost or changed text);
* a diagnostic whose offsets fall outside the cable text.

Run it as described in ``fuzz/README.md``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["cableformat"]):
    import cableformat
    from cableformat.parser import parse_source
    from cableformat.readers.decode import decode_bytes
    from cableformat.source import Source


class FuzzFindingError(Exception):
    """An invariant of the parser or the rules was broken."""


def check(data: bytes) -> None:
    """Parse, render and validate ``data``; raise on a broken invariant."""
    text, _note = decode_bytes(data, lenient=True)
    cable = parse_source(Source(text=text, name="<fuzz>", input_format="text"))
    internal = [issue for issue in cable.syntax if issue.code == "X999"]
    if internal:
        raise FuzzFindingError(f"parser X999: {internal[0].message}")
    if cableformat.render(cable) != text:
        raise FuzzFindingError("render(parse(text)) != text")
    for diag in cableformat.validate(cable):
        if diag.code == "X999":
            raise FuzzFindingError(f"rule X999: {diag.message}")
        if not 0 <= diag.start <= len(text) or not diag.start <= diag.end <= len(text):
            raise FuzzFindingError(f"{diag.code} offsets {diag.start}-{diag.end} outside the text")


def test_one_input(data: bytes) -> None:
    """The atheris entry point."""
    check(data)


def main() -> None:
    """Start the fuzzer with the command-line arguments (libFuzzer flags, corpus dirs)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
