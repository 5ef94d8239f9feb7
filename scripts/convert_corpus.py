"""Measure conversion over a whole corpus: round trips, schema validity, metadata agreement.

Usage: python scripts/convert_corpus.py CORPUS_DIR [--no-tei-all] [--examples N]

* round trip: every text input (detected format ``text``) goes text -> JSON -> text and
  text -> XML -> text; the bytes must equal the file's;
* schemas: every cable of every input is converted to JSON (checked with ``jsonschema``
  against ``schemas/cable.schema.json``), XML (``schemas/cable.xsd``) and TEI (the official
  ``tei_all.rng`` in ``../shared/schemas/tei``, and the shipped subset);
* metadata agreement: for every WikiLeaks/PlusD page, the metadata table's reference ID,
  created date and classification against what the cable itself says (banner office and
  serial with the DTG year; DTG; banner level), with the disagreements classified.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jsonschema  # noqa: E402
from lxml import etree  # noqa: E402

from cableformat import convert  # noqa: E402
from cableformat.model import Cable  # noqa: E402
from cableformat.parser import parse_source  # noqa: E402
from cableformat.readers import detect_format, iter_sources  # noqa: E402
from cableformat.reference import office_id  # noqa: E402
from cableformat.source import ReadError  # noqa: E402
from cableformat.writers.csv import classification  # noqa: E402


def tei_all() -> etree.RelaxNG | None:
    """The official tei_all schema beside the project (slow to compile), or None."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from generate_tei_subset import tei_all_path

    try:
        return etree.RelaxNG(etree.parse(str(tei_all_path())))
    except FileNotFoundError:
        return None


def agreement(cable: Cable) -> dict[str, str]:
    """Per field: ``agree`` or the class of the disagreement."""
    w = cable.wrapper
    assert w is not None
    out = {}
    banner = cable.body.banner
    dtg = cable.header.dtg if cable.header is not None else None
    year = dtg.year if dtg is not None and dtg.year else None
    if banner is None or not banner.office or not banner.serial:
        out["reference_id"] = "no banner office/serial"
    elif year is None:
        out["reference_id"] = "no DTG year"
    else:
        derived = f"{year % 100:02d}{office_id(banner.office)}{int(banner.serial)}"
        if derived == w.reference_id:
            out["reference_id"] = "agree"
        elif derived[2:] == (w.reference_id or "")[2:]:
            out["reference_id"] = "year differs"
        elif (w.reference_id or "").endswith(str(int(banner.serial))):
            out["reference_id"] = "office differs"
        else:
            out["reference_id"] = "serial differs"
    if dtg is None or dtg.value is None:
        out["created"] = "no DTG" if dtg is None else "DTG unparsed"
    elif w.created is None:
        out["created"] = "no wrapper date"
    elif dtg.value == w.created:
        out["created"] = "agree"
    elif dtg.value.date() == w.created.date():
        out["created"] = "same day, time differs"
    else:
        out["created"] = "date differs"
    mine = classification(cable)
    theirs = (w.classification or "").upper().split("//")[0].strip()
    if "FOR OFFICIAL USE ONLY" in (w.classification or "").upper():
        theirs = "SBU"
    if not mine:
        out["classification"] = "no level in cable"
    elif mine == theirs:
        out["classification"] = "agree"
    else:
        out["classification"] = f"{theirs or '?'} (table) vs {mine} (cable)"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--no-tei-all", action="store_true", help="skip the slow tei_all check")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    full = None if args.no_tei_all else tei_all()
    print(f"tei_all compiled in {time.perf_counter() - t0:.1f} s" if full else "tei_all skipped")
    json_validator = jsonschema.Draft202012Validator(
        json.loads(convert.schema_file("cable.schema.json")),
        format_checker=jsonschema.FormatChecker())
    xsd = etree.XMLSchema(etree.fromstring(convert.schema_file("cable.xsd")))
    subset = etree.RelaxNG(etree.fromstring(convert.schema_file("tei_cable.rng")))
    counts: collections.Counter[str] = collections.Counter()
    bad: dict[str, list[str]] = collections.defaultdict(list)
    agree: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    examples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file()
                   and p.suffix not in (".md", ".tsv") and p.name != "PROVENANCE.tsv")
    for path in files:
        data = path.read_bytes()
        fmt = detect_format(data[: 1 << 16], path.name) if data else "text"
        for item in iter_sources(path):
            if isinstance(item, ReadError):
                counts["unreadable"] += 1
                continue
            cable = parse_source(item)
            counts["cables"] += 1
            if fmt == "text":
                counts["text files"] += 1
                for name, write, read in (("json", convert.to_json, convert.from_json),
                                          ("xml", convert.to_xml, convert.from_xml)):
                    if convert.text_bytes(read(write(cable))) == data:
                        counts[f"round trip {name} exact"] += 1
                    else:
                        bad[f"round trip {name}"].append(path.name)
            doc = convert.to_json(cable)
            if any(True for _ in json_validator.iter_errors(json.loads(doc))):
                bad["json schema"].append(path.name)
            else:
                counts["json valid"] += 1
            if xsd.validate(etree.fromstring(convert.to_xml(cable).encode())):
                counts["xml valid"] += 1
            else:
                bad["xml schema"].append(f"{path.name}: {xsd.error_log.last_error}")
            tei = etree.fromstring(convert.to_tei(cable).encode())
            if subset.validate(tei):
                counts["tei subset valid"] += 1
            else:
                bad["tei subset"].append(f"{path.name}: {subset.error_log.last_error}")
            if full is not None:
                if full.validate(tei):
                    counts["tei_all valid"] += 1
                else:
                    bad["tei_all"].append(f"{path.name}: {full.error_log.last_error}")
            if cable.wrapper is not None and cable.wrapper.kind in ("wikileaks-html",
                                                                    "plusd-html"):
                counts["pages with metadata table"] += 1
                for field, verdict in agreement(cable).items():
                    agree[field][verdict] += 1
                    if verdict != "agree" and len(examples[field, verdict]) < args.examples:
                        examples[field, verdict].append(path.name)
    print(f"files: {len(files)}  time: {time.perf_counter() - t0:.0f} s")
    for key, value in sorted(counts.items()):
        print(f"  {key}: {value}")
    for key, names in sorted(bad.items()):
        print(f"  FAILED {key}: {len(names)}  e.g. {names[:args.examples]}")
    for field, verdicts in agree.items():
        total = sum(verdicts.values())
        print(f"agreement {field}: {verdicts['agree']}/{total}")
        for verdict, n in verdicts.most_common():
            if verdict != "agree":
                print(f"  {n:5d}  {verdict}  e.g. {examples[field, verdict]}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
