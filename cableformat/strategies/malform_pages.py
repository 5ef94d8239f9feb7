"""Malformations of the page-kind family (K): the page types of :mod:`cableformat.parser.kinds`."""

from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from cableformat.strategies.draft import DLine, Draft
from cableformat.strategies.malform import _m, _need, _para_lines


@_m("K001", "paragraphs glued into one long line (reflowed press version)")
def _k001(draw: st.DrawFn, d: Draft) -> DLine:
    paras = _para_lines(d)
    assume(len(paras) >= 2)
    first = paras[0]
    glued = [first.text]
    for line in d.lines[d.index(first) + 1:]:
        if line.role not in ("text", "para", "blank"):
            break
        if line.text.strip():
            glued.append(line.text.strip())
        d.remove(line)
    first.text = " ".join(glued)
    assume(len(first.text) > 170)
    return first


@_m("K002", "a truncated preview of the head before the full record")
def _k002(draw: st.DrawFn, d: Draft) -> DLine:
    banner = _need(d.find("banner"))
    preview = DLine(banner.text, "preview")
    d.insert_before(banner, preview, DLine("Classified By: Ambass...", "preview"),
                    DLine("", "blank"), DLine("id: 79146", "record"),
                    DLine(f"date: {d.when:%m/%d/%Y %H:%M}", "record"),
                    DLine(f"refid: {d.reference_id}", "record"))
    return preview


@_m("K003", "another cable's record appended after the signature")
def _k003(draw: st.DrawFn, d: Draft) -> DLine:
    last = d.lines[-1]
    serial = d.serial + 1
    other = d.reference_id[: -len(str(d.serial))] + str(serial)
    banner = _need(d.find("banner")).text.replace(f"{d.serial:06d}", f"{serial:06d}")
    row = DLine(f"121752\t{d.when:%Y-%m-%d %H:%M:%S}\t{other}\tEmbassy\tUNCLASSIFIED", "record")
    d.insert_after(last, row, DLine(banner, "record"), DLine("1. (U) Another text.", "record"))
    return row


@_m("K004", "a 'Cable dated:' line before the banner")
def _k004(draw: st.DrawFn, d: Draft) -> DLine:
    banner = _need(d.find("banner"))
    dated = DLine(f"Cable dated:{d.when:%Y-%m-%dT%H:%M:%S}", "wrapper")
    d.insert_before(banner, dated)
    return dated


@_m("K005", "a WikiLeaks partial-extract note instead of the routing header")
def _k005(draw: st.DrawFn, d: Draft) -> DLine:
    first = next(ln for ln in d.lines if ln.role not in ("meta_head", "meta_row"))
    note = DLine("This record is a partial extract of the original cable. The full text of "
                 "the original cable is not available.", "partial")
    d.insert_before(first, note)
    return note


@_m("K007", "the text alone, after a named-entity list (an annotated research excerpt)")
def _k007(draw: st.DrawFn, d: Draft) -> DLine:
    paras = _para_lines(d)
    assume(paras)
    for line in d.lines[: d.index(paras[0])]:  # the excerpt has no header, banner or head
        d.remove(line)
    entity = DLine("1. AMBASSADOR        PER.IND", "annotation")
    d.insert_before(paras[0], entity, DLine("@@@", "annotation"), DLine("", "blank"))
    return entity


@_m("K009", "a malformed reference ID in the page's metadata", wrapper=True,
    classification="CONFIDENTIAL")
def _k009(draw: st.DrawFn, d: Draft) -> DLine:
    row = _need(d.find("meta_row"))
    row.text = row.text[:2] + row.text
    return d.lines[0]
