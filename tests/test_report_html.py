"""``cableformat report --html``: the page's content, and a real browser rendering it.

The browser test runs headless Chromium (Debian package ``chromium``, installed by
``.ci/run``); it is skipped where Chromium is absent.  It loads the page from a file with
networking off, takes a screenshot (which must show the charts' colours) and fails on any
console message (the page has no script, so any message is an error).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from cableformat.batch import CheckTask, map_cables
from cableformat.cli import main
from cableformat.writers.report.html import PALETTE, HtmlReport, column_chart, hbar_chart

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report over the samples (and 60 corpus pages when the corpus is available)."""
    from tests.conftest import corpus_path

    root = tmp_path_factory.mktemp("in")
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, root / sample.name)
    corpus = corpus_path()
    if corpus is not None:
        for html in sorted((corpus / "html").glob("*.html"))[:60]:
            shutil.copy(html, root / html.name)
    (root / "empty.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("out") / "report.html"
    assert main(["report", str(root), "--html", str(out), "--quiet", "--jobs", "2"]) == 0
    return out


def test_page_is_self_contained_with_every_section(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for section in ("summary", "rules", "years", "offices", "worst"):
        assert f'id="{section}"' in text
    assert text.count("<svg") >= 3
    assert "<script" not in text and "<link" not in text and "@import" not in text
    urls = set(re.findall(r"https?://[^\s\"'<>]+", text))
    assert urls <= {"http://www.w3.org/2000/svg"}  # a namespace, never fetched


def test_summary_counts_add_up() -> None:
    results = list(map_cables(CheckTask(), [str(SAMPLES)], jobs=1))
    report = HtmlReport()
    assert list(report.watch(results)) == results
    s = report.summary()
    assert s.cables + s.unreadable == len(results)
    assert s.errors + s.warnings + s.infos == sum(len(r.diagnostics) for r in results)
    assert sum(report.year_cables.values()) == len(results)
    assert sum(report.office_cables.values()) == len(results)
    html = report.render()
    assert f"<td class=n>{s.cables:,}</td>" in html


def test_charts_scale_and_escape() -> None:
    svg = hbar_chart([("<b>", 10, "#000"), ("x", 5, "#111")], overlay={"x": 2})
    assert "&lt;b&gt;" in svg and "<b>" not in svg and "2 / 5" in svg
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    col = column_chart([("2009", 4, 1), ("unknown", 2, 0)])
    assert col.count("<rect") == 3
    assert hbar_chart([]) == column_chart([]) == "<p>Nothing to chart.</p>"


def _png_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The distinct RGB colours of an 8-bit RGB/RGBA PNG (no filters beyond the standard)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours: set[tuple[int, int, int]] = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        colours.update(tuple(line[i : i + 3]) for i in range(0, stride, bpp * 7))
        prev = line
    return colours


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_page_renders_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    base = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr", "--v=0",
    ]
    url = page.resolve().as_uri()
    run = subprocess.run(
        [*base, f"--screenshot={shot}", "--window-size=1280,2400", url],
        capture_output=True, text=True, timeout=120,
    )
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    assert shot.is_file() and shot.stat().st_size > 10_000
    colours = _png_colours(shot.read_bytes())
    wanted = {tuple(int(PALETTE[k][i : i + 2], 16) for i in (1, 3, 5)) for k in ("cables",)}
    assert wanted <= colours, "the charts' bars are not in the screenshot"
    assert len(colours) > 20
    dom = subprocess.run(
        [*base, "--dump-dom", url], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0
    assert dom.stdout.count("<svg") >= 3 and dom.stdout.count("<rect") >= 5
    assert not [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
