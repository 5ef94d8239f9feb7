"""``tags``, ``ri`` and ``posts``: print the reference tables of :mod:`cableformat.reference`.

Each prints a rich table on a terminal (plain aligned text otherwise), or ``--format json``
(a list of objects) or ``--format csv`` (with a header row).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cableformat.cli.common import Subparsers

FORMATS = ("table", "json", "csv")


def _add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="output format (default: table)")


def add_tags(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``tags [QUERY]``: TAGS (subject, program, organisation, geographic) matching QUERY."""
    p = sub.add_parser("tags", help="list TAGS and geographic codes (FIPS 10-4)")
    p.add_argument("query", nargs="?", default="", metavar="QUERY",
                   help="a TAG, or words of its description (default: all)")
    _add_format(p)
    p.set_defaults(handler=run_tags)


def add_ri(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``ri CODE``: the plain-language addresses of a routing indicator."""
    p = sub.add_parser("ri", help="look up a routing indicator (ACP 117)")
    p.add_argument("code", metavar="CODE", help="a routing indicator such as RUEHKB")
    _add_format(p)
    p.set_defaults(handler=run_ri)


def add_posts(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """``posts [QUERY]``: posts (office, banner, FM address, RI, origin, country)."""
    p = sub.add_parser("posts", help="list the posts that originate cables")
    p.add_argument("query", nargs="?", default="", metavar="QUERY",
                   help="an office, RI, address, origin or country code (default: all)")
    _add_format(p)
    p.set_defaults(handler=run_posts)


def _matches(query: str, code: str, *fields: str) -> bool:
    """A short query (a code, up to 4 characters) matches codes by prefix; a longer one
    matches any field as a substring."""
    q = query.strip().upper()
    if not q:
        return True
    if len(q) <= 4 and " " not in q:
        return code.upper().startswith(q)
    return any(q in f.upper() for f in (code, *fields))


def run_tags(args: argparse.Namespace) -> int:
    """Print the TAGS matching the query; 1 if none matches."""
    from cableformat import reference as ref

    rows: list[dict[str, str]] = []
    for t in ref.tags().values():
        if _matches(args.query, t.tag, t.description):
            rows.append({"tag": t.tag, "kind": t.kind, "description": t.description or
                         t.category})
    for c in ref.countries().values():
        if _matches(args.query, c.code, c.name):
            kind = "geographic" if c.kind == "country" else f"geographic ({c.kind})"
            rows.append({"tag": c.code, "kind": kind, "description": c.name})
    exact = [r for r in rows if r["tag"] == args.query.strip().upper()]
    rows = exact + [r for r in rows if r not in exact]
    return _write(rows, ["tag", "kind", "description"], args.format, "TAGS")


def run_ri(args: argparse.Namespace) -> int:
    """Print the addresses and posts of a routing indicator; 1 if unknown."""
    from cableformat import reference as ref

    code = args.code.strip().upper()
    rows = [{"ri": r.ri, "address": r.address, "post": "", "note": r.note}
            for r in ref.routes(code)]
    for p in ref.post_by_ri(code):
        same = [r for r in rows if r["address"] == p.pla and not r["post"]]
        if same:
            same[0]["post"] = p.office
            same[0]["note"] = same[0]["note"] or p.origin
        else:
            rows.append({"ri": code, "address": p.pla, "post": p.office, "note": p.origin})
    return _write(rows, ["ri", "address", "post", "note"], args.format, f"routing indicator {code}")


def run_posts(args: argparse.Namespace) -> int:
    """Print the posts matching the query; 1 if none matches."""
    from cableformat import reference as ref

    rows = [
        {"office": p.office, "banner": p.banner, "pla": p.pla, "ri": " ".join(p.ris),
         "origin": p.origin, "country": p.country, "kind": p.kind}
        for p in ref.posts().values()
        if _matches(args.query, p.office, p.banner, p.pla, " ".join(p.ris), p.origin)
        or args.query.strip().upper() in (p.country, *p.ris)
    ]
    return _write(rows, ["office", "banner", "pla", "ri", "origin", "country", "kind"],
                  args.format, "posts")


def _write(rows: list[dict[str, str]], columns: Sequence[str], fmt: str, title: str) -> int:
    """Write ``rows`` in ``fmt`` to standard output; exit status 1 when there are none."""
    out = sys.stdout
    if fmt == "json":
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif not rows:
        print(f"cableformat: no {title} found", file=sys.stderr)
    else:
        _table(rows, columns, title, out)
    return 0 if rows else 1


def _table(rows: list[dict[str, str]], columns: Sequence[str], title: str, out: TextIO) -> None:
    """A rich table on a terminal, aligned plain text otherwise."""
    if out.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for col in columns:
            table.add_column(col)
        for row in rows:
            table.add_row(*(row[c] for c in columns))
        Console(file=out).print(table)
        return
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    last = columns[-1]
    out.write("  ".join(c.ljust(widths[c]) if c != last else c for c in columns) + "\n")
    for r in rows:
        out.write("  ".join(r[c].ljust(widths[c]) if c != last else r[c] for c in columns)
                  .rstrip() + "\n")
