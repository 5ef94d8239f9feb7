"""``report --html``: one self-contained HTML page about a corpus run.

The page needs no network and no script: charts are inline SVG drawn here.  It shows the
summary table, malformations by rule, cables and malformed cables by year and by office,
and the worst cables with their diagnostics.  :class:`HtmlReport` aggregates results as they
stream past (bounded memory: counters and a fixed-size heap of the worst cables), so it
works for a corpus of millions of cables.
"""

from __future__ import annotations

import heapq
import html
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from cableformat.diagnostics import CableResult, Severity
from cableformat.writers.report.common import Summary, Tally, is_unreadable, rule_name

__all__ = ["HtmlReport", "write_html_report"]

WORST = 25  # cables listed in "worst cables"
DIAGNOSTICS_PER_CABLE = 30  # diagnostics shown per worst cable
TOP_RULES = 40
TOP_OFFICES = 30
PALETTE = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1", "cables": "#5d6d7e"}

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1c2833;
background:#f8f9f9}
header{background:#1c2833;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#d5d8dc}main{padding:16px 32px;max-width:1200px}
section{background:#fff;border:1px solid #d5d8dc;border-radius:6px;padding:12px 18px;
margin:16px 0}h2{font-size:17px;margin:4px 0 10px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px;
border-bottom:1px solid #eaecee;vertical-align:top}th{background:#f4f6f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.error{color:#c0392b;font-weight:600}.warning{color:#d68910;font-weight:600}
.info{color:#2e86c1;font-weight:600}code{font-family:ui-monospace,Menlo,Consolas,monospace}
details{margin:6px 0}summary{cursor:pointer}svg text{font:11px system-ui,sans-serif}
.legend span{display:inline-block;margin-right:14px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
"""


@dataclass(slots=True)
class _Worst:
    """A bad cable kept for the "worst cables" section."""

    errors: int
    warnings: int
    total: int
    order: int
    path: str
    reference_id: str | None
    lines: list[tuple[str, str, str, str]]  # (position, code, severity, message)

    def key(self) -> tuple[int, int, int, int]:
        """Worse sorts higher; earlier inputs win ties."""
        return (self.errors, self.warnings, self.total, -self.order)


class HtmlReport:
    """Aggregates a run for the HTML page; feed results with :meth:`watch` or :meth:`add`."""

    def __init__(self, title: str = "cableformat corpus report") -> None:
        self.title = title
        self.tally = Tally()
        self.rule_counts: Counter[str] = Counter()
        self.rule_cables: Counter[str] = Counter()
        self.year_cables: Counter[str] = Counter()
        self.year_malformed: Counter[str] = Counter()
        self.office_cables: Counter[str] = Counter()
        self.office_malformed: Counter[str] = Counter()
        self._worst: list[tuple[tuple[int, int, int, int], int, _Worst]] = []
        self._order = itertools.count()

    def watch(self, results: Iterable[CableResult]) -> Iterator[CableResult]:
        """Yield ``results`` unchanged, aggregating each one."""
        for result in results:
            self.add(result)
            yield result

    def add(self, result: CableResult) -> None:
        """Aggregate one result."""
        self.tally.add(result)
        order = next(self._order)
        codes = Counter(d.code for d in result.diagnostics)
        self.rule_counts.update(codes)
        self.rule_cables.update(codes.keys())
        if is_unreadable(result):
            year, office = "unreadable", "unreadable"
        else:
            year_value = getattr(result, "year", None)
            office = getattr(result, "office", None) or "unknown"
            cable = result.cable
            if year_value is None and cable is not None:
                from cableformat.batch import cable_year_office

                year_value, office_found = cable_year_office(cable)
                office = office_found or office
            year = str(year_value) if year_value is not None else "unknown"
        malformed = bool(result.diagnostics)
        self.year_cables[year] += 1
        self.office_cables[office] += 1
        if malformed:
            self.year_malformed[year] += 1
            self.office_malformed[office] += 1
            self._keep_worst(result, order)

    def _keep_worst(self, result: CableResult, order: int) -> None:
        sev = Counter(Severity(d.severity) for d in result.diagnostics)
        key = (sev[Severity.ERROR], sev[Severity.WARNING], len(result.diagnostics), -order)
        if len(self._worst) >= WORST and key <= self._worst[0][0]:
            return
        lines = []
        for diag in result.diagnostics[:DIAGNOSTICS_PER_CABLE]:
            where = result.locate(diag)
            lines.append((f"{where.line}:{where.column}", diag.code,
                          Severity(diag.severity).value, diag.message))
        worst = _Worst(key[0], key[1], key[2], order, result.path, result.reference_id, lines)
        item = (key, order, worst)
        if len(self._worst) < WORST:
            heapq.heappush(self._worst, item)
        else:
            heapq.heapreplace(self._worst, item)

    def summary(self) -> Summary:
        """The run's summary so far."""
        return self.tally.summary()

    def render(self) -> str:
        """The whole page."""
        summary = self.summary()
        worst = [w for _, _, w in sorted(self._worst, key=lambda i: i[0], reverse=True)]
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(self.title)}</title><style>{_CSS}</style></head><body>",
            f"<header><h1>{_e(self.title)}</h1><p>{summary.cables:,} cables in "
            f"{summary.files:,} files &middot; generated {now} by cableformat</p></header>",
            "<main>",
            self._summary_section(summary),
            self._rules_section(),
            self._years_section(),
            self._offices_section(),
            self._worst_section(worst),
            "</main></body></html>",
        ]
        return "\n".join(parts) + "\n"

    def _summary_section(self, s: Summary) -> str:
        malformed = sum(self.year_malformed.values())
        rows = [
            ("files", s.files), ("cables", s.cables), ("unreadable inputs", s.unreadable),
            ("cables with diagnostics", malformed), ("errors", s.errors),
            ("warnings", s.warnings), ("infos", s.infos),
            ("diagnostics", s.errors + s.warnings + s.infos), ("rules fired", len(s.by_rule)),
        ]
        body = "".join(f"<tr><th>{_e(k)}</th><td class=n>{v:,}</td></tr>" for k, v in rows)
        return f'<section id="summary"><h2>Summary</h2><table>{body}</table></section>'

    def _rules_section(self) -> str:
        from cableformat.rules import RULES

        items = self.rule_counts.most_common(TOP_RULES)
        bars = []
        for code, count in items:
            rule = RULES.get(code)
            sev = rule.severity.value if rule is not None else "error"
            bars.append((f"{code} {rule_name(code)}", count, PALETTE[sev]))
        rows = "".join(
            f"<tr><td><code>{_e(code)}</code></td><td>{_e(rule_name(code))}</td>"
            f"<td class=n>{count:,}</td><td class=n>{self.rule_cables[code]:,}</td></tr>"
            for code, count in sorted(self.rule_counts.items())
        )
        more = len(self.rule_counts) - len(items)
        note = f"<p>{more} more rules in the table.</p>" if more > 0 else ""
        legend = _legend([("error", PALETTE["error"]), ("warning", PALETTE["warning"]),
                          ("info", PALETTE["info"])])
        return (
            '<section id="rules"><h2>Malformations by rule</h2>'
            f"{legend}{hbar_chart(bars, label='diagnostics by rule')}{note}"
            "<details><summary>Every rule</summary><table><tr><th>code</th><th>name</th>"
            f"<th>diagnostics</th><th>cables</th></tr>{rows}</table></details></section>"
        )

    def _years_section(self) -> str:
        years = sorted(self.year_cables, key=_year_key)
        data = [(y, self.year_cables[y], self.year_malformed[y]) for y in years]
        legend = _legend([("cables", PALETTE["cables"]), ("with diagnostics", PALETTE["error"])])
        return (
            '<section id="years"><h2>Cables and malformed cables by year</h2>'
            f"{legend}{column_chart(data, label='cables by year')}</section>"
        )

    def _offices_section(self) -> str:
        top = self.office_cables.most_common(TOP_OFFICES)
        bars = [(office, n, PALETTE["cables"]) for office, n in top]
        overlay = {office: self.office_malformed[office] for office, _ in top}
        legend = _legend([("cables", PALETTE["cables"]), ("with diagnostics", PALETTE["error"])])
        more = len(self.office_cables) - len(top)
        note = f"<p>{more} more offices not shown.</p>" if more > 0 else ""
        return (
            f'<section id="offices"><h2>Cables and malformed cables by office '
            f"(top {len(top)})</h2>{legend}"
            f"{hbar_chart(bars, overlay=overlay, label='cables by office')}{note}</section>"
        )

    def _worst_section(self, worst: list[_Worst]) -> str:
        if not worst:
            return '<section id="worst"><h2>Worst cables</h2><p>No diagnostics.</p></section>'
        blocks = []
        for w in worst:
            name = w.reference_id or w.path
            rows = "".join(
                f"<tr><td>{_e(pos)}</td><td><code>{_e(code)}</code></td>"
                f"<td class={sev}>{sev}</td><td>{_e(msg)}</td></tr>"
                for pos, code, sev, msg in w.lines
            )
            more = w.total - len(w.lines)
            tail = f"<p>and {more} more.</p>" if more > 0 else ""
            blocks.append(
                f"<details><summary><b>{_e(name)}</b> &middot; {w.errors} errors, "
                f"{w.warnings} warnings, {w.total} diagnostics &middot; <code>{_e(w.path)}"
                f"</code></summary><table><tr><th>line:col</th><th>code</th><th>severity</th>"
                f"<th>message</th></tr>{rows}</table>{tail}</details>"
            )
        return f'<section id="worst"><h2>Worst cables</h2>{"".join(blocks)}</section>'


def write_html_report(results: Iterable[CableResult], out: TextIO, title: str | None = None,
                      ) -> Summary:
    """Aggregate ``results`` and write the page to ``out``; return the summary."""
    report = HtmlReport(title or "cableformat corpus report")
    for _ in report.watch(results):
        pass
    out.write(report.render())
    return report.summary()


# -- SVG charts --------------------------------------------------------------------------------


def hbar_chart(
    bars: list[tuple[str, int, str]],
    *,
    overlay: dict[str, int] | None = None,
    label: str = "chart",
    width: int = 900,
) -> str:
    """Horizontal bars ``(label, value, colour)``; ``overlay`` draws a red part inside each."""
    if not bars:
        return "<p>Nothing to chart.</p>"
    row, left, right = 18, 260, 70
    height = row * len(bars) + 10
    top = max(v for _, v, _ in bars) or 1
    scale = (width - left - right) / top
    out = [f'<svg role="img" aria-label="{_e(label)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (name, value, colour) in enumerate(bars):
        y = 5 + i * row
        w = max(1.0, value * scale) if value else 0.0
        out.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{_e(name[:40])}</text>')
        out.append(f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 5}" '
                   f'fill="{colour}"><title>{_e(name)}: {value:,}</title></rect>')
        shown = f"{value:,}"
        if overlay is not None and overlay.get(name):
            part = overlay[name]
            out.append(f'<rect x="{left}" y="{y + 2}" width="{max(1.0, part * scale):.1f}" '
                       f'height="{row - 5}" fill="{PALETTE["error"]}" opacity="0.85">'
                       f"<title>{_e(name)}: {part:,} with diagnostics</title></rect>")
            shown = f"{part:,} / {value:,}"
        out.append(f'<text x="{left + w + 4:.1f}" y="{y + 12}">{shown}</text>')
    out.append("</svg>")
    return "".join(out)


def column_chart(
    data: list[tuple[str, int, int]], *, label: str = "chart", height: int = 260
) -> str:
    """Vertical columns ``(label, total, part)``: the part drawn in red over the total."""
    if not data:
        return "<p>Nothing to chart.</p>"
    col, bottom, top_pad, left = 22, 50, 16, 50
    width = max(300, left + col * len(data) + 20)
    plot = height - bottom - top_pad
    peak = max(t for _, t, _ in data) or 1
    out = [f'<svg role="img" aria-label="{_e(label)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<line x1="{left}" y1="{top_pad + plot}" x2="{width - 10}" y2="{top_pad + plot}" '
           'stroke="#aab7b8"/>',
           f'<text x="{left - 6}" y="{top_pad + 4}" text-anchor="end">{peak:,}</text>']
    for i, (name, total, part) in enumerate(data):
        x = left + 4 + i * col
        h = total / peak * plot
        p = part / peak * plot
        base = top_pad + plot
        out.append(f'<rect x="{x}" y="{base - h:.1f}" width="{col - 6}" height="{h:.1f}" '
                   f'fill="{PALETTE["cables"]}"><title>{_e(name)}: {total:,} cables</title>'
                   "</rect>")
        if part:
            out.append(f'<rect x="{x}" y="{base - p:.1f}" width="{col - 6}" height="{p:.1f}" '
                       f'fill="{PALETTE["error"]}"><title>{_e(name)}: {part:,} with '
                       "diagnostics</title></rect>")
        out.append(f'<text transform="translate({x + (col - 6) / 2:.1f},{base + 8}) '
                   f'rotate(60)">{_e(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def _legend(items: list[tuple[str, str]]) -> str:
    spans = "".join(f'<span><i style="background:{c}"></i>{_e(n)}</span>' for n, c in items)
    return f'<p class="legend">{spans}</p>'


def _year_key(year: str) -> tuple[int, str]:
    return (0, year) if year.isdigit() else (1, year)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
