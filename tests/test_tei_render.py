"""A real TEI consumer: CETEIcean renders a cableformat TEI document in headless Chromium.

CETEIcean (``tests/data/ceteicean``, vendored, BSD-2-Clause) turns the TEI into HTML custom
elements in the browser, as TEI editions on the web do; ``cable.html`` adds the few
behaviours and CSS rules such an edition has (subject as heading, ``lb`` as a line break,
header and ``standOff`` hidden).  The test reads what a reader sees (the page's ``innerText``,
which follows the CSS) from the DOM that Chromium dumps.  It is skipped where Chromium is
absent (``.ci/run`` installs it).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import cableformat
from cableformat import convert
from tests.conftest import SAMPLES

DATA = Path(__file__).resolve().parent / "data" / "ceteicean"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def render(tei: str, tmp_path: Path) -> tuple[str, str]:
    """``(DOM, what a reader sees)`` of ``tei`` rendered by CETEIcean in Chromium."""
    page = (DATA / "cable.html").read_text(encoding="utf-8")
    script = (DATA / "CETEI.js").read_text(encoding="utf-8")
    page = page.replace("/*CETEI*/", script).replace(
        "/*TEI*/", json.dumps(tei).replace("</", "<\\/"))
    path = tmp_path / "cable.html"
    path.write_text(page, encoding="utf-8")
    run = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom",
         path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    seen = re.search(r'<pre id="seen">(.*?)</pre>', run.stdout, re.S)
    assert seen is not None and seen.group(1).strip(), "CETEIcean rendered nothing"
    return run.stdout, html.unescape(seen.group(1))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_ceteicean_shows_the_cable_as_a_reader_expects(tmp_path: Path) -> None:
    cable = next(cableformat.read(SAMPLES / "09BAKU443.txt"))
    dom, seen = render(convert.to_tei(cable), tmp_path)
    lines = [" ".join(line.split()) for line in seen.splitlines() if line.strip()]
    # the subject is a heading
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", dom, re.S)
    assert heading is not None
    assert " ".join(re.sub(r"<[^>]+>", " ", heading.group(1)).split()) == (
        "SUBJECT: AZERBAIJAN: PRESIDENT EXPRESSES INTEREST IN ADDITIONAL TROOP CONTRIBUTIONS TO "
        "AFGHANISTAN")
    # the FRUS-style dateline under it
    assert "Baku, June 2, 2009, 0928Z." in lines
    # paragraphs are numbered, one block each, in order
    numbered = [line.split()[0] for line in lines if re.match(r"[0-9]+\. \(", line)]
    assert numbered == [f"{n}." for n in range(1, 12)]
    assert any(line.startswith("1. (C) SUMMARY: On May 5") for line in lines)
    # addressees on separate lines
    assert "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1297" in lines
    assert "INFO RUCNCIS/CIS COLLECTIVE IMMEDIATE" in lines
    assert "RUEHVEN/USMISSION USOSCE IMMEDIATE 1357" in lines
    assert "RUEKJCS/SECDEF WASHDC IMMEDIATE" in lines
    # the signature closes the text; the header and standOff are not shown
    assert lines[-1] == "DERSE"
    assert "Embassy Baku" not in seen and "Internal governmental affairs" not in seen


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_ceteicean_shows_redactions_and_linked_references(tmp_path: Path) -> None:
    text = ("C O N F I D E N T I A L STATE 000123\n\nSUBJECT: TALKS\n\n"
            "REF: A. 09BAKU443 B. 09STATE55\n\n"
            "1. (C) XXXXXXXXXXXX told us the talks failed.\n\nCLINTON\n")
    dom, seen = render(convert.to_tei(cableformat.parse(text)), tmp_path)
    assert "1. (C) XXXXXXXXXXXX told us the talks failed." in seen
    assert re.search(r'<tei-gap [^>]*reason="redacted"[^>]*>\s*<tei-desc[^>]*>XXXXXXXXXXXX<', dom)
    # CETEIcean expands the cable: pointers through the document's prefixDef
    assert 'href="https://wikileaks.org/plusd/cables/09BAKU443_a.html"' in dom
    assert seen.rstrip().splitlines()[-1].strip() == "CLINTON"
