"""A seeded, stratified sample of the corpus's diagnostics, each shown in its cable text.

    python scripts/sample_diagnostics.py ../shared/corpus --n 100 --seed 11 > sample.txt

For a human review: every errors and warnings code gets its share of the sample (at least one
diagnostic per code), and each sampled diagnostic is printed with the cable text around it
(decoded, as the parser saw it), the span marked with ``>>> <<<``.  The reviewer classifies
each as true, false or misleading (a true statement that only echoes another misreading).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

from audit_corpus import cable_files  # the same files the audit reads (scripts/ is on the path)

from cableformat.api import read, validate


def collect(corpus: Path, severities: set[str]) -> list[tuple[str, int, str, str, str, int, int]]:
    """(file, cable index, code, severity, message, start, end) of every diagnostic."""
    found = []
    for path in cable_files(corpus):
        try:
            cables = list(read(path))
        except Exception as exc:  # a reader failure is a finding too
            print(f"# read failure {path}: {exc}", file=sys.stderr)
            continue
        for n, cable in enumerate(cables):
            for d in validate(cable):
                if d.severity.value in severities:
                    found.append((str(path), n, d.code, d.severity.value, d.message,
                                  d.start, d.end))
    return found


def stratified(items: list, n: int, seed: int) -> list:
    """About ``n`` items, every code represented, codes in proportion to their counts."""
    by_code: dict[str, list] = defaultdict(list)
    for item in items:
        by_code[item[2]].append(item)
    rng = random.Random(seed)
    total = len(items)
    picked = []
    for code in sorted(by_code):
        group = by_code[code]
        k = min(len(group), max(1, math.floor(n * len(group) / total)))
        picked.extend(rng.sample(group, k))
    return picked


def excerpt(text: str, start: int, end: int, around: int = 2) -> str:
    """The lines around ``start..end`` with the span marked."""
    marked = text[:start] + ">>>" + text[start:end] + "<<<" + text[end:]
    line = text.count("\n", 0, start)
    lines = marked.splitlines()
    lo, hi = max(0, line - around), min(len(lines), line + around + 1 + text.count(
        "\n", start, end))
    return "\n".join(f"  {i + 1:5}| {lines[i][:220]}" for i in range(lo, hi))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--infos", action="store_true", help="sample info diagnostics too")
    args = ap.parse_args(argv)
    severities = {"error", "warning"} | ({"info"} if args.infos else set())
    sample = stratified(collect(args.corpus, severities), args.n, args.seed)
    for k, (file, n, code, severity, message, start, end) in enumerate(sample, 1):
        cable = list(read(file))[n]
        print(f"[{k}] {file} cable {n} ({cable.reference_id}) {code} {severity}: {message}")
        print(excerpt(cable.text, start, end))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
