"""Measure how parse + validate time grows with input size, per worst-case shape.

For every shape of ``tests/test_worst_cases.py`` the text is built at n/10 and n (n = the
shape's full size, or ``--scale`` times it) and the best of ``--repeat`` runs is timed; the
ratio t(n) / t(n/10) is ~10 for linear growth, ~100 for quadratic.

    python bench/growth.py                 # every shape
    python bench/growth.py 200k-lines      # some shapes
    python bench/growth.py --scale 0.1     # quicker, smaller inputs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_worst_cases import SHAPES, run


def measure(name: str, scale: float, repeat: int) -> tuple[int, float, float]:
    """(n, t(n/10), t(n)) for shape ``name``."""
    build, full = SHAPES[name]
    n = max(10, int(full * scale))
    small, large = build(n // 10), build(n)
    run(small)  # warm up: regex compilation, reference tables
    t_small = min(run(small) for _ in range(repeat))
    t_large = min(run(large) for _ in range(repeat))
    return n, t_small, t_large


def main(argv: list[str] | None = None) -> int:
    """Print one line per shape: n, t(n/10), t(n) and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", help="shape names (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best is kept)")
    args = parser.parse_args(argv)
    names = args.shapes or sorted(SHAPES)
    print(f"{'shape':36} {'n':>9} {'t(n/10) s':>10} {'t(n) s':>9} {'x10 input ->':>13}")
    for name in names:
        n, t_small, t_large = measure(name, args.scale, args.repeat)
        ratio = t_large / max(t_small, 1e-6)
        print(f"{name:36} {n:>9} {t_small:>10.4f} {t_large:>9.4f} {'x' + format(ratio, '.1f'):>13}",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
