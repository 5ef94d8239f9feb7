"""Generate the shipped schemas from the pydantic models: JSON Schema and XSD.

Writes ``schemas/cable.schema.json`` and ``schemas/cable.xsd`` and copies them into
``cableformat/data/`` (the package reads them from there at run time).  The TEI subset has
its own script, ``scripts/generate_tei_subset.py``.  ``tests/test_schemas.py`` fails when a
committed file differs from what this script would write.

Usage: python scripts/generate_schemas.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cableformat.writers.json import schema_text  # noqa: E402
from cableformat.writers.xml import xsd_text  # noqa: E402

NAMES = ("cable.schema.json", "cable.xsd")


def generated() -> dict[str, str]:
    """File name -> content of every generated schema."""
    return {"cable.schema.json": schema_text(), "cable.xsd": xsd_text()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the files are out of date")
    args = ap.parse_args()
    stale = 0
    for name, text in generated().items():
        for folder in (ROOT / "schemas", ROOT / "cableformat" / "data"):
            path = folder / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            stale += 1
            if args.check:
                print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
                print(f"wrote {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
