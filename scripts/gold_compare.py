"""Measure field extraction against the hand-verified gold records of ``corpus/gold``.

    python scripts/gold_compare.py ../shared/corpus            # per-field accuracy
    python scripts/gold_compare.py ../shared/corpus -v         # and every disagreement
    python scripts/gold_compare.py ../shared/corpus --json     # machine-readable figures

The gold README gives the conventions (canonical reference IDs, TAGS cleaned but never
re-spelt, references with the implicit-year rule ...).  Pages of kind ``two-cables`` are for
inspection, not scoring (gold README), and are left out of the figures.  ``tests/test_gold.py``
holds floors for these figures that may only go up.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from cableformat import grammar as g
from cableformat.api import read
from cableformat.model import Cable
from cableformat.reference import canonical_reference_id
from cableformat.writers.csv import classification

FIELDS = ("page_kind", "reference_id", "office", "created", "precedence", "classification",
          "caveats", "from", "to", "info", "eo", "declassify_on", "tags", "subject",
          "references", "non_cable_references", "classified_by", "reasons", "sections",
          "paragraphs", "headings", "signature")
UNSCORED_KINDS = frozenset({"two-cables"})
_CAVEAT_WORDS = ("SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SENSITIVE", "EFTO",
                 "ORCON", "PROPIN", "FOUO", "ROGER CHANNEL", "CHEROKEE")


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _canonical_id(ref: str | None) -> str:
    if not ref:
        return ""
    canon, _why = canonical_reference_id(ref)
    canon = canon or ref
    m = g.RE_REFERENCE_ID.match(canon)
    if m is None:  # PlusD: 1973STATE097844_b -> 73STATE97844
        parts = canon.split("_")[0]
        if len(parts) > 4 and parts[:4].isdigit():
            body = parts[4:]
            office = body.rstrip("0123456789")
            serial = body[len(office):]
            if serial:
                return f"{parts[2:4]}{office}{int(serial)}"
    return canon


def _caveats(cable: Cable) -> list[str]:
    """Captions and handling marks of the head, from the cable text (never the wrapper)."""
    texts = [c.value.upper() for c in cable.body.captions]
    banner = cable.body.banner
    if banner is not None:
        if banner.trailing:
            texts.append(banner.trailing.upper())
        if banner.efto:
            texts.append("EFTO")
    found = set()
    for text in texts:
        squeezed = text.replace(" ", "")
        for word in _CAVEAT_WORDS:
            if word in text or word.replace(" ", "") in squeezed:
                found.add(word)
    return sorted(found)


def _addresses(items: list[Any]) -> list[str]:
    return [_words(a.address) for a in items if getattr(a, "address", None)]


def extract(cable: Cable) -> dict[str, Any]:
    """The gold record's fields as this tool extracts them from ``cable``."""
    header, body = cable.header, cable.body
    dtg = header.dtg if header is not None else None
    eo = body.eo
    decl = ""
    if eo is not None:
        if eo.decl_date is not None:
            decl = eo.decl_date.isoformat()
        elif eo.decl_kind == "na":
            decl = "N/A"
        else:
            decl = _words(eo.decl_raw)
    sections = body.banner.sections if body.banner is not None else None
    if sections is None and body.continuations:
        sections = max(c.total for c in body.continuations)
    refs = body.refs.items if body.refs is not None else []
    cb = body.classified_by
    tags: list[str] = []
    for t in body.tags.items if body.tags is not None else []:
        canonical = getattr(t, "canonical", None)
        values = canonical if isinstance(canonical, list) else [canonical or t.value]
        tags.extend(v for v in values if v and v not in tags)
    numbers = {p.number for p in body.paragraphs if p.number}
    rid = _canonical_id(cable.reference_id)
    m = g.RE_REFERENCE_ID.match(rid)
    created = ""
    if dtg is not None and dtg.value is not None:
        created = dtg.value.strftime("%Y-%m-%dT%H:%M:%SZ")
    elif getattr(cable, "dated", None) is not None and cable.partial:
        created = cable.dated.strftime("%Y-%m-%dT%H:%M:%SZ")  # a 'Cable dated:' line
    return {
        "page_kind": getattr(cable, "page_kind", None) or "",
        "reference_id": rid,
        "office": m.group("origin") if m else "",
        "created": created,
        "precedence": dtg.precedences[0] if dtg is not None and dtg.precedences else "",
        "classification": classification(cable),
        "caveats": _caveats(cable),
        "from": _words(header.fm.address) if header is not None and header.fm else "",
        "to": _addresses(header.to) if header is not None else [],
        "info": _addresses(header.info) if header is not None else [],
        "eo": (eo.order or "") if eo is not None else "",
        "declassify_on": decl,
        "tags": tags,
        "subject": _words(body.subject.text) if body.subject is not None else "",
        "references": [r.reference_id for r in refs if r.kind == "cable" and r.reference_id],
        "non_cable_references": sum(r.kind != "cable" for r in refs),
        "classified_by": _words(cb.classifier) if cb is not None else "",
        "reasons": sorted(cb.reasons) if cb is not None else [],
        "sections": sections or 1,
        "paragraphs": len(numbers),
        "headings": [_words(getattr(h, "text", None) or h.raw)
                     for h in getattr(body, "headings", [])],
        "signature": _words(body.signature.raw).rstrip(".#") if body.signature else "",
    }


def _same(field: str, got: Any, want: Any) -> bool:
    if field in ("subject", "classified_by", "signature"):
        return _words(str(got)).rstrip(".").upper() == _words(str(want)).rstrip(".").upper()
    if field in ("headings",):
        return [_words(h).upper() for h in got] == [_words(h).upper() for h in want]
    return bool(got == want)


def load_gold(corpus: Path) -> list[dict[str, Any]]:
    """The gold records (one dict per page)."""
    path = corpus / "gold" / "fields.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def page_cable(path: Path) -> Cable | None:
    """The first cable of a page (the page's own cable)."""
    for cable in read(path):
        return cable
    return None


def compare(corpus: Path) -> tuple[dict[str, tuple[int, int]], list[tuple[str, str, Any, Any]],
                                   dict[str, int]]:
    """Per-field (right, scored) counts, the disagreements, and per-page error counts."""
    scores: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    misses: list[tuple[str, str, Any, Any]] = []
    wrong_per_page: dict[str, int] = {}
    for gold in load_gold(corpus):
        if gold["page_kind"] in UNSCORED_KINDS:
            continue
        cable = page_cable(corpus / gold["file"])
        got = extract(cable) if cable is not None else dict.fromkeys(FIELDS, "")
        wrong = 0
        for field in FIELDS:
            scores[field][1] += 1
            if _same(field, got.get(field), gold.get(field)):
                scores[field][0] += 1
            else:
                if field != "page_kind":
                    wrong += 1
                misses.append((gold["file"], field, got.get(field), gold.get(field)))
        wrong_per_page[gold["file"]] = wrong
    return {f: (a, b) for f, (a, b) in scores.items()}, misses, wrong_per_page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    scores, misses, per_page = compare(args.corpus)
    pages = len(per_page)
    perfect = sum(1 for w in per_page.values() if w == 0)
    right = sum(a for f, (a, _b) in scores.items() if f != "page_kind")
    total = sum(b for f, (_a, b) in scores.items() if f != "page_kind")
    if args.json:
        print(json.dumps({"pages": pages, "pages_all_right": perfect,
                          "per_field": {f: a / b for f, (a, b) in scores.items() if b},
                          "overall": right / total if total else 0.0}, indent=1))
        return 0
    if args.verbose:
        for file, field, got, want in misses:
            print(f"{file}: {field}\n   got  {got!r}\n   gold {want!r}")
        print()
    by_field = Counter({f: b - a for f, (a, b) in scores.items()})
    for field in FIELDS:
        a, b = scores[field]
        print(f"{field:22} {a:3}/{b:<3} {100 * a / b:5.1f}%" if b else f"{field:22} -")
    print(f"{'all fields':22} {right}/{total} {100 * right / total:5.1f}%")
    print(f"pages with every field right: {perfect}/{pages}")
    worst = ", ".join(f"{f} ({n})" for f, n in by_field.most_common(5) if n)
    print(f"most missed: {worst or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
