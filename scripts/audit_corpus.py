"""Audit a corpus as a careful archivist would: lost words, glued signatures, odd references.

    python scripts/audit_corpus.py                      # ../shared/corpus, compact report
    python scripts/audit_corpus.py /path/to/corpus -n 10  # ten examples per finding
    python scripts/audit_corpus.py --json               # machine-readable figures

Per cable read from the corpus (every reader: HTML pages, text, CSV, JSON lines):

* TEI / JSON conservation: the words of TEI ``<text>`` (XPath ``string()``) and of the JSON
  text nodes (head fields, paragraphs, headings, signature ...) against the words of the
  cable text (``cableformat.writers.conservation``): pages that lose or glue words;
* glued signatures: the cable text ends ``... sentence. SURNAME`` and no signature was found;
* the share of pages with a B012 (paragraph numbering) diagnostic, and every code's count;
* references resolved above the citing serial (same office and year, higher serial);
* pages per page kind (``Cable.page_kind`` where the parser sets one).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from cableformat import grammar as g
from cableformat.api import read, validate
from cableformat.model import Cable
from cableformat.parser.fields import _OwnCable
from cableformat.writers import conservation as cons
from cableformat.writers.tei import to_tei_element

_DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
# "... sentence. SURNAME" at the end of the text: a signature glued to the last sentence
_GLUED_SIGNATURE = re.compile(r"[a-z0-9.!?)\"'][.!?][\"')]?[ \t]+([A-Z][A-Z'\-]{1,})[ \t]*$")


def cable_files(root: Path) -> list[Path]:
    """The corpus files to read: every file below ``root`` except notes and gold records."""
    skip = {"README.md", "PROVENANCE.tsv"}
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in skip
                  and "gold" not in p.relative_to(root).parts)


def glued_signature(cable: Cable) -> str | None:
    """The surname glued to the last sentence of the text when no signature was found."""
    if cable.body.signature is not None:
        return None
    lines = [ln for ln in cable.lines if ln.kind not in cons.CHROME_KINDS]
    for line in reversed(lines):
        text = cons.clean(line.raw).strip()
        if text:
            m = _GLUED_SIGNATURE.search(text)
            return m.group(1) if m else None
    return None


def refs_above(cable: Cable) -> list[str]:
    """Resolved references of the cable's own office and year with a higher serial, whose
    year the parser supplied (a year written in the REF is the cable's own word, and is
    listed with ``written``)."""
    own = g.RE_REFERENCE_ID.match(cable.reference_id or "")
    refs = cable.body.refs
    if own is None or refs is None:
        return []
    out = []
    serial = int(own["serial"])
    banner, de = cable.body.banner, cable.header.de if cable.header is not None else None
    if banner is not None and de is not None and de.ssn and de.ssn.isdigit():
        # the parser's own serial: the DE line's when the banner's lost a digit (00040, #0401)
        citing = _OwnCable.of(banner, None, int(de.ssn)).serial
        serial = citing if citing is not None else serial
    for item in refs.items:
        m = g.RE_REFERENCE_ID.match(item.reference_id or "")
        if (m and m["yy"] == own["yy"] and m["origin"] == own["origin"]
                and int(m["serial"]) > serial):
            how = "written" if item.year_source == "written" else "supplied"
            out.append(f"{how}: {item.reference_id} ({item.raw.strip()[:40]!r})")
    return out


class Audit:
    """Figures collected over the corpus."""

    def __init__(self) -> None:
        self.pages = 0
        self.files = 0
        self.errors: list[str] = []
        self.tei_bad: list[tuple[str, cons.Comparison]] = []
        self.json_bad: list[tuple[str, cons.Comparison]] = []
        self.tei_lost_words = 0
        self.unequal = {"tei": 0, "json": 0}
        self.json_lost_words = 0
        self.glued_signatures: list[str] = []
        self.glued_found = 0
        self.b012_pages = 0
        self.refs_above: list[str] = []
        self.lost_kinds: dict[str, Counter[str]] = {"tei": Counter(), "json": Counter()}
        self.codes: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()

    def add(self, name: str, cable: Cable) -> None:
        self.pages += 1
        expected, kinds = cons.cable_words_and_kinds(cable)
        tei = cons.compare(expected, cons.words(cons.tei_text(to_tei_element(cable))))
        js = cons.compare(expected, cons.json_words(cable))
        self.unequal["tei"] += not tei.equal
        self.unequal["json"] += not js.equal
        if not tei.ok:
            self.tei_bad.append((name, tei))
            self.tei_lost_words += len(tei.lost)
            self.lost_kinds["tei"].update(kinds[i] for i in tei.lost_at)
        if not js.ok:
            self.json_bad.append((name, js))
            self.json_lost_words += len(js.lost)
            self.lost_kinds["json"].update(kinds[i] for i in js.lost_at)
        surname = glued_signature(cable)
        if surname:
            self.glued_signatures.append(f"{name}: {surname}")
        codes = [d.code for d in validate(cable)]
        self.codes.update(codes)
        self.glued_found += "B030" in codes  # a signature read off the end of the text
        self.b012_pages += "B012" in codes
        self.refs_above += [f"{name}: {r}" for r in refs_above(cable)]
        self.kinds[str(getattr(cable, "page_kind", None))] += 1

    def figures(self, examples: int) -> dict[str, Any]:
        def bad(items: list[tuple[str, cons.Comparison]], lost: int, fmt: str
                ) -> dict[str, Any]:
            glued = sum(1 for _n, c in items if c.glued)
            return {"pages": len(items), "pages_losing": sum(1 for _n, c in items if c.lost),
                    "pages_gluing": glued, "lost_words": lost,
                    "pages_not_in_cable_order": self.unequal[fmt],
                    "lost_words_by_line_kind": dict(self.lost_kinds[fmt].most_common()),
                    "examples": [{"page": n, "lost": c.lost[:12], "glued": c.glued[:6],
                                  "first": c.first} for n, c in items[:examples]]}

        pages = max(self.pages, 1)
        return {
            "files": self.files, "pages": self.pages, "read_errors": len(self.errors),
            "tei": bad(self.tei_bad, self.tei_lost_words, "tei"),
            "json": bad(self.json_bad, self.json_lost_words, "json"),
            "glued_signatures": {"pages": len(self.glued_signatures),
                                 "pages_glued": len(self.glued_signatures) + self.glued_found,
                                 "examples": self.glued_signatures[:examples]},
            "b012": {"pages": self.b012_pages, "share": round(self.b012_pages / pages, 4)},
            "refs_above_serial": {"count": len(self.refs_above),
                                  "examples": self.refs_above[:examples],
                                  "all": self.refs_above},
            "codes": dict(sorted(self.codes.items())),
            "page_kinds": dict(self.kinds.most_common()),
        }


def run(root: Path, limit: int | None = None) -> Audit:
    """Read and audit every cable below ``root`` (the first ``limit`` files if given)."""
    audit = Audit()
    for path in cable_files(root)[:limit]:
        audit.files += 1
        name = str(path.relative_to(root))
        try:
            cables = list(read(path))
        except Exception as exc:  # an audit reports, it does not stop
            audit.errors.append(f"{name}: {exc}")
            continue
        for n, cable in enumerate(cables):
            audit.add(name if len(cables) == 1 else f"{name}#{n + 1}", cable)
    return audit


def report(fig: dict[str, Any], seconds: float) -> str:
    """The figures as a compact text report."""
    out = [f"{fig['pages']} pages from {fig['files']} files in {seconds:.0f} s"
           f" ({fig['read_errors']} files unreadable)"]
    for fmt in ("tei", "json"):
        f = fig[fmt]
        out.append(f"{fmt.upper()}: {f['pages']} pages lose or glue words "
                   f"({f['pages_losing']} lose {f['lost_words']} words, "
                   f"{f['pages_gluing']} glue; {f['pages_not_in_cable_order']} not word for "
                   "word in cable order)")
        if f["lost_words_by_line_kind"]:
            out.append("  lost words by line kind: " + ", ".join(
                f"{k} {n}" for k, n in f["lost_words_by_line_kind"].items()))
        for ex in f["examples"]:
            out.append(f"  {ex['page']}: lost {' '.join(ex['lost'])[:100]!r}"
                       + (f" glued {' '.join(ex['glued'])[:60]!r}" if ex["glued"] else ""))
            out.append(f"    {ex['first'][:150]}")
    gs = fig["glued_signatures"]
    share = gs["pages"] / max(gs["pages_glued"], 1)
    out.append(f"glued signature, no signature: {gs['pages']} of {gs['pages_glued']} pages "
               f"ending in a glued name ({share:.1%})")
    out += [f"  {e}" for e in gs["examples"]]
    b = fig["b012"]
    out.append(f"B012 pages: {b['pages']} ({b['share']:.1%})")
    ra = fig["refs_above_serial"]
    supplied = sum(1 for r in ra["all"] if ": supplied: " in r)
    out.append(f"references resolved above the citing serial: {ra['count']} ({supplied} with "
               f"a year the parser supplied, {ra['count'] - supplied} with the year written)")
    out += [f"  {e}" for e in ra["examples"]]
    out.append("diagnostics: " + ", ".join(f"{c} {n}" for c, n in fig["codes"].items()))
    out.append("page kinds: " + ", ".join(f"{k} {n}" for k, n in fig["page_kinds"].items()))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="?", default=_DEFAULT)
    ap.add_argument("-n", "--examples", type=int, default=5, help="examples per finding")
    ap.add_argument("--limit", type=int, help="audit only the first LIMIT files")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    fig = run(args.corpus, args.limit).figures(args.examples)
    if args.json:
        print(json.dumps(fig, indent=1))
    else:
        print(report(fig, time.perf_counter() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
