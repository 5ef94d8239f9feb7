"""Audit the JSON and XML outputs over a corpus: schema validity, round trips, paragraph text.

    python scripts/audit_outputs.py ../shared/corpus [-n 5]

For every cable of every input (all readers): the JSON document against
``schemas/cable.schema.json`` and the XML document against ``schemas/cable.xsd``; the model
read back from each equal to the parsed one (and its text the same); JSON paragraphs whose
text holds a ``-----`` rule or starts with a ``:`` (issue 12's goal: none); pages whose JSON
text nodes lose or glue words (``cableformat.writers.conservation``).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cableformat import convert  # noqa: E402
from cableformat.api import read  # noqa: E402
from cableformat.writers import conservation as cons  # noqa: E402

_RULE = re.compile(r"-{5,}|_{5,}|={5,}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("-n", type=int, default=5, help="examples per finding")
    args = ap.parse_args()
    skip = {"README.md", "PROVENANCE.tsv"}
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.name not in skip
                   and "gold" not in p.relative_to(args.corpus).parts)
    count: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    started = time.time()

    def bad(what: str, where: str) -> None:
        count[what] += 1
        examples.setdefault(what, [])
        if len(examples[what]) < args.n:
            examples[what].append(where)

    for path in files:
        name = str(path.relative_to(args.corpus))
        for cable in read(path):
            count["cables"] += 1
            doc_json, doc_xml = convert.to_json(cable), convert.to_xml(cable)
            if convert.check("json", doc_json):
                bad("json invalid", name)
            if convert.check("xml", doc_xml):
                bad("xml invalid", name)
            if convert.from_json(doc_json) != cable:
                bad("json round trip differs", name)
            back = convert.from_xml(doc_xml)
            if back != cable or back.text != cable.text:
                bad("xml round trip differs", name)
            for p in cable.body.paragraphs:
                count["paragraphs"] += 1
                if _RULE.search(p.text):
                    bad("paragraphs with a rule", f"{name}: {p.text[:70]!r}")
                if p.text.lstrip().startswith(":"):
                    bad("paragraphs starting with ':'", f"{name}: {p.text[:70]!r}")
            if not cons.compare(cons.cable_words(cable), cons.json_words(cable)).ok:
                bad("json pages losing or gluing words", name)
    print(f"{count['cables']} cables from {len(files)} files, {count['paragraphs']} paragraphs "
          f"in {time.time() - started:.0f} s")
    for what in ("json invalid", "xml invalid", "json round trip differs",
                 "xml round trip differs", "paragraphs with a rule",
                 "paragraphs starting with ':'", "json pages losing or gluing words"):
        print(f"{what}: {count[what]}")
        for example in examples.get(what, []):
            print(f"  {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
