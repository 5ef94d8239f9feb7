"""How much of a corpus the TEI edition links: the figures issue 12 asks for.

    python scripts/tei_stats.py [CORPUS] [--validate] [-n N]

Per cable read from the corpus (every reader), converted with ``to_tei_element``:

* sender: documents whose ``correspAction[@type='sent']/orgName`` points (``@ref``) into
  ``standOff``; of them, those linked to a known post (``#post.*``);
* references: REF items that resolve to a cable ID, and the share of them written as
  ``<ref target='cable:...'>`` in the text (and listed in ``correspContext``);
* datelines (``opener/dateline`` with ``date[@when]``; with ``placeName``), redaction gaps;
* checks that must be zero: dangling ``@ref``, ``p/@xml:id`` not agreeing with ``@n``, a
  page with two ``pb`` of one number, ``¶`` in the output, empty ``title``, a source line
  (partial-extract notice, preview, record) left in ``<text>``;
* with ``--validate``, the shipped subset schema (valid against it implies tei_all).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from lxml import etree

from cableformat import convert
from cableformat.api import read
from cableformat.writers.tei import SOURCE_NOTES, to_tei_element

_DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def files(root: Path) -> list[Path]:
    skip = {"README.md", "PROVENANCE.tsv"}
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in skip
                  and "gold" not in p.relative_to(root).parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=_DEFAULT)
    ap.add_argument("--validate", action="store_true", help="validate against the subset")
    ap.add_argument("-n", type=int, default=3, help="examples per failed check")
    args = ap.parse_args()
    subset = (etree.RelaxNG(etree.fromstring(convert.schema_file("tei_cable.rng")))
              if args.validate else None)
    c: Counter[str] = Counter()
    bad: dict[str, list[str]] = {}
    t0 = time.perf_counter()
    for path in files(args.corpus):
        try:
            cables = list(read(path))
        except Exception:  # unreadable inputs are the readers' business
            continue
        for cable in cables:
            root = to_tei_element(cable)
            x = lambda q, r=root: r.xpath(q, namespaces=NS)  # noqa: E731
            name = f"{path.name}:{cable.reference_id}"
            c["documents"] += 1
            ids = set(x("//@xml:id"))

            def fail(check: str, what: str, name: str = name) -> None:
                c[check] += 1
                bad.setdefault(check, []).append(f"{name}: {what}")

            sent = x("//t:correspAction[@type='sent']/t:orgName/@ref")
            if cable.header is not None and cable.header.fm is not None:
                c["with FM"] += 1
            if sent and sent[0][1:] in ids:
                c["sender linked"] += 1
                c["sender linked to a known post"] += sent[0].startswith("#post.")
            refs = cable.body.refs
            resolvable = [r.reference_id for r in (refs.items if refs else ()) if r.reference_id]
            c["REF items resolving to a cable"] += len(resolvable)
            linked = x("//t:text//t:ref[@type='cable']/@target")
            c["REF items linked in the text"] += len(linked)
            c["correspContext prev refs"] += len(x("//t:correspContext/t:ref[@type='prev']"))
            if len(linked) < len(resolvable):
                fail("REF items not linked", f"{len(resolvable) - len(linked)}")
            if x("//t:opener/t:dateline/t:date[@when]"):
                c["datelines"] += 1
                c["datelines with a place"] += bool(x("//t:opener/t:dateline/t:placeName"))
            gaps = len(x("//t:gap[@reason='redacted']"))
            c["redaction gaps"] += gaps
            c["documents with a gap"] += gaps > 0
            c["persons linked"] += len(x("//t:text//t:persName[@ref]"))
            for ref in x("//@ref | //@who"):
                for target in ref.split():
                    if target.startswith("#") and target[1:] not in ids:
                        fail("dangling @ref", target)
            for p in x("//t:p[@n]"):
                ident = p.get("{http://www.w3.org/XML/1998/namespace}id", "")
                if ident.split("_")[0] != "p" + p.get("n").replace(" ", "_"):
                    fail("p/@xml:id disagrees with @n", f"{ident} n={p.get('n')}")
            pbs = x("//t:pb/@n")
            if len(pbs) != len(set(pbs)):
                fail("pb repeated", " ".join(pbs))
            data = etree.tostring(root, encoding="unicode")
            if "\u00b6" in data:
                fail("pilcrow in output", "")
            if any(not "".join(t.itertext()).strip() for t in x("//t:title")):
                fail("empty title", "")
            kinds = {line.kind for line in cable.lines}
            moved = kinds & set(SOURCE_NOTES)
            if moved:
                c["documents with source notes"] += 1
            if subset is not None and not subset.validate(root):
                fail("subset invalid", str(subset.error_log.last_error))
    took = time.perf_counter() - t0
    for key, value in c.items():
        print(f"{key:40} {value}")
    if c["REF items resolving to a cable"]:
        share = c["REF items linked in the text"] / c["REF items resolving to a cable"]
        print(f"{'share of resolvable REF items linked':40} {share:.1%}")
    for check, examples in bad.items():
        print(f"-- {check}: {len(examples)}")
        for line in examples[: args.n]:
            print("   ", line)
    print(f"({took:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
