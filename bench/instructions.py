"""Instructions per page of the worker pipeline, counted by callgrind (load-independent).

Usage: python bench/instructions.py [CORPUS_DIR] [--pages 150]

Wall-clock figures on a shared machine drift by tens of percent within minutes; an
instruction count does not.  This runs the validate worker's pipeline (read the page, parse
it, run every rule, pack the result) over the first ``--pages`` HTML pages under valgrind's
callgrind, once with one page and once with ``pages + 1``, and prints the difference per
page: the per-page cost without start-up and warm-up.  Needs ``valgrind`` on the PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def pipeline(paths: list[str]) -> None:
    """Run the worker's task on each page (the first one twice: warm-up)."""
    from cableformat.batch import CheckTask, Unit, run_unit

    task = CheckTask(excerpts=False)
    run_unit(task, Unit(paths[0]))
    for path in paths:
        run_unit(task, Unit(path))


def count(pages: list[str]) -> int:
    """Instructions callgrind counts for :func:`pipeline` over ``pages`` in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp, "pages.txt")
        listing.write_text("\n".join(pages), encoding="utf-8")
        out = Path(tmp, "callgrind.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
             __file__, "--run", str(listing)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        m = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.M)
        if m is None:
            raise SystemExit("callgrind wrote no total")
        return int(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("CABLEFORMAT_CORPUS",
                                                                "../shared/corpus"))
    ap.add_argument("--pages", type=int, default=150)
    ap.add_argument("--run", metavar="LIST", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        pipeline(Path(args.run).read_text(encoding="utf-8").split("\n"))
        return 0
    pages = sorted(str(p) for p in Path(args.corpus, "html").glob("*.html"))[: args.pages + 1]
    if len(pages) < 2:
        print(f"no HTML pages under {args.corpus}/html", file=sys.stderr)
        return 2
    one, all_ = count(pages[:1]), count(pages)
    per_page = (all_ - one) / (len(pages) - 1)
    print(f"{per_page:,.0f} instructions per page (read + parse + rules + result), "
          f"{len(pages) - 1} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
