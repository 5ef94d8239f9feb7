"""Worst-case inputs: parse + validate finish in bounded time and time grows linearly.

Each shape builds a text of a given size ``n``; :data:`SHAPES` gives its full size here.
``bench/growth.py`` measures the same shapes at n and 10n and prints the time ratio.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

import cableformat

HEAD = ("C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000443\n\nSIPDIS\n\n"
        "E.O. 12958: DECL: 06/02/2019\nTAGS: PGOV MARR PREL AJ\nSUBJECT: TEST\n\n")
HEADER = ("VZCZCXRO8143\nOO RUEHAG\nDE RUEHKB #0443/01 1530928\nZNY CCCCC ZZH\n"
          "O 020928Z JUN 09\nFM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1297\n")
PROSE = "the minister said that the talks would continue next week "


def single_line(n: int) -> str:
    """One line of ``n`` characters of prose, no newline."""
    return (PROSE * (n // len(PROSE) + 1))[:n]


def many_lines(n: int) -> str:
    """A cable whose text has ``n`` lines."""
    return HEAD + "1. (C) Text.\n" + "officials noted the plans for reform\n" * n + "DERSE\n"


def tags_lines(n: int) -> str:
    """``n`` TAGS lines."""
    return "UNCLAS BAKU 000443\n\n" + "TAGS: PREL PGOV AJ\n" * n


def continuation_headers(n: int) -> str:
    """``n`` continuation headers, each followed by a paragraph."""
    parts = [HEAD]
    for k in range(n):
        parts.append(f"BAKU 00000443  {k % 998 + 2:03d} OF 999\n\n{k + 1}. (C) Text.\n")
    return "".join(parts) + "DERSE\n"


def info_addressees(n: int) -> str:
    """A header with ``n`` INFO addressees."""
    return (HEADER + "INFO RUEHAK/AMEMBASSY ANKARA IMMEDIATE 3411\n"
            + "RUEHAK/AMEMBASSY ANKARA IMMEDIATE 3411\n" * n + HEAD + "1. (C) Text.\nDERSE\n")


NEAR_MISSES: dict[str, Callable[[int], str]] = {
    "eo-digits": lambda n: HEAD.replace("E.O. 12958: DECL: 06/02/2019", "E.O. 1295" + "9" * n),
    "eo-spaces": lambda n: "UNCLAS BAKU 000443\n\nE.O." + " " * n + "12958\n",
    "dtg-digits": lambda n: "O 020928Z JUN " + "0" * n + "\nFM AMEMBASSY BAKU\n" + HEAD,
    "banner-words": lambda n: "C O N F I D E N T I A L " + "BAKU " * (n // 5) + "\n",
    "banner-spaced": lambda n: "C O N F I D E N T I A " * (n // 22) + "\n" + HEAD,
    "tags-commas": lambda n: "UNCLAS BAKU 000443\n\nTAGS: " + ", " * (n // 2) + "\n",
    "ref-labels": lambda n: HEAD + "REF: " + "A. " * (n // 3) + "\n",
    "ref-offices": lambda n: HEAD + "REF: " + "TEL AVIV " * (n // 9) + "\n",
    "ref-labels-late": lambda n: HEAD + "REF: X\n" + "     B. B. B. B. B. B.\n" * (n // 22),
    "ref-labels-repeated": lambda n: HEAD + "REF: A. X 1\n" + "     x A. x A. x A.\n" * (n // 20),
    "ref-serials": lambda n: HEAD + "REF: A. STATE 1\n" + "     AND 2 AND 3 AND 4\n" * (n // 22),
    "reasons": lambda n: HEAD + "Classified By: X, for reasons 1.4 " + "(b) " * (n // 4) + "\n",
    "paragraph-number": lambda n: HEAD + "1" * n + ".\n",
    "continuation-zeros": lambda n: HEAD + "BAKU " + "0" * n + "  002 OF 002\n",
    "routing-indicators": lambda n: "OO " + "RUEHAB " * (n // 7) + "\n" + HEAD,
    "de-digits": lambda n: "DE RUEHKB #" + "0" * n + "\nO 020928Z JUN 09\n" + HEAD,
    "security-signals": lambda n: "ZNY CCCCC" + " ZZH" * (n // 4) + "\n" + HEAD,
    "portion-parens": lambda n: HEAD + "1. " + "(" * n + "\n",
    "markup": lambda n: HEAD + "<a " * (n // 3) + "\n",
    "redaction": lambda n: HEAD + "1. (C) " + "X" * n + "\n",
    "signature-caps": lambda n: HEAD + "1. (C) Text.\n" + "A" * n + "\n",
    "crlf-only": lambda n: "\r" * n,
}

SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "single-line-5MB": (single_line, 5_000_000),
    "200k-lines": (many_lines, 200_000),
    "100k-tags-lines": (tags_lines, 100_000),
    "5k-continuation-headers": (continuation_headers, 5_000),
    "10k-info-addressees": (info_addressees, 10_000),
    **{f"near-miss-{k}": (fn, 100_000) for k, fn in NEAR_MISSES.items()},
}
"""Shape name -> (builder, full size n)."""

MEASURED = {"100k-tags-lines": 9.7, "200k-lines": 0.4, "10k-info-addressees": 0.12,
            "5k-continuation-headers": 0.13, "single-line-5MB": 0.12}
"""CPU seconds of parse + validate at full size, measured on the 2-core CI machine under the
load of 8 agents (2026-12-06, ``process_time``); every other shape took under 0.05 s."""
MARGIN = 3.0
"""Limit = ``MARGIN`` x the measured CPU time: CPU time leaves out waiting for the other
processes, but shared caches and cores still slow a run by up to about half."""
FLOOR_SECONDS = 2.0
"""No limit below this: the shapes that take milliseconds are checked for being milliseconds
in spirit (a quadratic one takes minutes), not timed to the millisecond."""


def limit(name: str) -> float:
    """CPU seconds allowed for shape ``name`` at full size."""
    return max(FLOOR_SECONDS, MARGIN * MEASURED.get(name, 0.05))


def run(text: str) -> float:
    """Seconds to parse and validate ``text`` (with every rule)."""
    return timed(text)[0]


def timed(text: str) -> tuple[float, cableformat.Cable]:
    """CPU seconds to parse and validate ``text``, and the cable.

    The objects alive before the run (the rest of the test suite's) are frozen out of the
    garbage collector, so that its full collections cost what this run allocates and not
    what the suite has accumulated; CPU time leaves out the machine's other load.
    """
    gc.collect()
    gc.freeze()
    try:
        start = time.process_time()
        cable = cableformat.parse(text)
        cableformat.validate(cable)
        return time.process_time() - start, cable
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if MEASURED.get(n, 0) > 1
                                  else n for n in sorted(SHAPES)])
def test_worst_case_time_is_bounded(name: str) -> None:
    build, n = SHAPES[name]
    text = build(n)
    seconds, cable = timed(text)
    allowed = limit(name)
    assert seconds < allowed, f"{name}: {seconds:.1f}s CPU for {len(text)} characters " \
        f"(limit {allowed:.1f}s = {MARGIN} x measured)"
    assert cableformat.render(cable) == text
    assert not [i for i in cable.syntax if i.code == "X999"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["single-line-5MB", "200k-lines", "near-miss-eo-digits",
                                  "near-miss-ref-labels", "10k-info-addressees",
                                  "near-miss-ref-labels-late", "near-miss-ref-labels-repeated"])
def test_worst_case_time_grows_linearly(name: str) -> None:
    build, n = SHAPES[name]
    small, large = build(n // 10), build(n)
    run(small)  # warm caches (regex compilation, reference tables)
    t_small = max(min(run(small) for _ in range(3)), 1e-3)
    t_large = min(run(large) for _ in range(3))  # min of 3: one slow run on a busy machine is noise
    # Linear: x10 input -> about x10 time; quadratic would be x100.
    assert t_large / t_small < 30, f"{name}: x10 input took x{t_large / t_small:.0f} time"
