"""The whole real corpus (when CABLEFORMAT_CORPUS is set): nothing crashes, all is counted,
and the header and head fields are extracted from the WikiLeaks pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from cableformat.parser import parse_source
from cableformat.readers import iter_inputs
from cableformat.rules import run_rules, select_rules
from cableformat.source import ReadError

pytestmark = pytest.mark.slow  # corpus-wide: .ci/run runs it (-m 'slow or not slow')


def test_every_input_is_accounted_for_without_internal_errors(corpus: Path) -> None:
    rules = select_rules()
    files: set[str] = set()
    cables = unreadable = 0
    internal = []
    for name, item in iter_inputs([str(corpus)]):
        files.add(name)
        if isinstance(item, ReadError):
            unreadable += 1
            continue
        cables += 1
        codes = {d.code for d in run_rules(parse_source(item), rules)}
        if "X999" in codes:
            internal.append(name)
    assert not internal, f"internal errors on {internal[:5]}"
    assert len(files) >= 4000
    assert cables >= 6000
    assert unreadable <= len(files) // 100


def test_header_and_head_fields_are_extracted_from_pages(corpus: Path) -> None:
    pages = sorted((corpus / "html").glob("*.html"))
    assert pages
    total = 0
    found = dict.fromkeys(("dtg", "fm", "to", "classification", "tags"), 0)
    for page in pages:
        for item in iter_inputs([str(page)]):
            source = item[1]
            if isinstance(source, ReadError):
                continue
            cable = parse_source(source)
            h, b = cable.header, cable.body
            if h is None or h.partial or (h.dtg is None and h.fm is None and h.tid is None):
                continue
            total += 1
            found["dtg"] += h.dtg is not None and h.dtg.value is not None
            found["fm"] += h.fm is not None
            found["to"] += bool(h.to)
            found["classification"] += b.banner is not None and bool(b.banner.classification)
            found["tags"] += b.tags is not None and bool(b.tags.items)
    assert total >= 2000
    rates = {k: v / total for k, v in found.items()}
    assert all(rate >= 0.99 for rate in rates.values()), rates
