"""Benchmark: parse + validate over the corpus HTML pages, against a plain baseline.

Usage: python bench/bench.py [CORPUS_DIR] [--repeat N]

The baseline does the least any tool must do with a page: read the file, decode it, cut out
the ``<pre>`` blocks and split them into lines.  cableformat's figure is reported as a ratio
to that baseline measured in the same run, so machines of different speed compare.  The
slowest single cable is printed too (target: validate within 2x of the baseline, no cable
above 20 ms).  Conversion of every page to JSON and to TEI (read + parse + write) is timed
the same way (target: JSON within 3x of the baseline).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cableformat.convert import to_json, to_tei
from cableformat.model import Cable
from cableformat.parser import parse_source
from cableformat.readers import iter_sources
from cableformat.rules import run_rules, select_rules
from cableformat.source import ReadError


def baseline(paths: list[Path]) -> float:
    """Read, decode, cut out the <pre> blocks, split lines; return seconds."""
    t0 = time.perf_counter()
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        pos = 0
        while True:
            a = text.find("<pre>", pos)
            if a == -1:
                break
            b = text.find("</pre>", a)
            b = len(text) if b == -1 else b
            text[a + 5 : b].replace("&#x000A;", "\n").splitlines()
            pos = b
    return time.perf_counter() - t0


def validate_all(paths: list[Path]) -> tuple[float, int, float, str]:
    """Parse and validate every page; return seconds, cables, worst seconds, worst name."""
    rules = select_rules()
    for item in iter_sources(paths[0]):  # warm-up: the reference tables load on first use
        if not isinstance(item, ReadError):
            run_rules(parse_source(item, blocks=False), rules)
    worst, worst_name, cables = 0.0, "", 0
    t0 = time.perf_counter()
    for path in paths:
        for item in iter_sources(path):
            if isinstance(item, ReadError):
                continue
            t1 = time.perf_counter()
            run_rules(parse_source(item, blocks=False), rules)
            dt = time.perf_counter() - t1
            cables += 1
            if dt > worst:
                worst, worst_name = dt, item.name
    return time.perf_counter() - t0, cables, worst, worst_name


def convert_all(paths: list[Path], write: Callable[[Cable], str]) -> tuple[float, int]:
    """Read, parse and convert every page with ``write``; return seconds and bytes written."""
    size = 0
    t0 = time.perf_counter()
    for path in paths:
        for item in iter_sources(path):
            if not isinstance(item, ReadError):
                size += len(write(parse_source(item)))
    return time.perf_counter() - t0, size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("CABLEFORMAT_CORPUS",
                                                                 "../shared/corpus"))
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = ap.parse_args()
    paths = sorted(Path(args.corpus).glob("html/**/*.html"))
    if not paths:
        print(f"no HTML pages under {args.corpus}/html", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in paths)
    base = min(baseline(paths) for _ in range(args.repeat))
    runs = [validate_all(paths) for _ in range(args.repeat)]
    best = min(runs, key=lambda r: r[0])
    worst = runs[-1]  # after a full pass, one-time loads (tables, caches) are behind us
    secs, cables = best[0], best[1]
    mb = size / 1e6
    print(f"pages: {len(paths)}  cables: {cables}  size: {mb:.1f} MB")
    print(f"baseline (read+decode+cut <pre>+split): {base:.3f} s  "
          f"{len(paths) / base:,.0f} pages/s  {mb / base:.1f} MB/s")
    print(f"parse+validate:                        {secs:.3f} s  "
          f"{cables / secs:,.0f} cables/s  {mb / secs:.1f} MB/s")
    print(f"ratio to baseline: {secs / base:.1f}x")
    print(f"slowest cable: {worst[2] * 1000:.1f} ms ({worst[3]})")
    for label, write in (("JSON", to_json), ("TEI", to_tei)):
        secs, written = min(convert_all(paths, write) for _ in range(args.repeat))
        print(f"convert to {label + ':':<5} {secs:.3f} s  {cables / secs:,.0f} cables/s  "
              f"{written / 1e6:.1f} MB out  ratio to baseline: {secs / base:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
