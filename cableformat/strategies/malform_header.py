"""Malformations of the header, dates, REF, reference-ID and sections families."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import assume
from hypothesis import strategies as st

from cableformat import grammar as g
from cableformat.reference import office_id
from cableformat.strategies import fields as f
from cableformat.strategies import vocab as v
from cableformat.strategies.draft import DLine, Draft
from cableformat.strategies.malform import (
    _after_header,
    _cb,
    _decl,
    _ensure_de,
    _ensure_routing,
    _ensure_security,
    _eo,
    _m,
    _need,
    _para_lines,
    _replace_refs,
    _set_dtg,
    _set_row,
)

# --- dates family --------------------------------------------------------------------------


@_m("D001", "DTG minute 61", header=True)
def _d001(draw: st.DrawFn, d: Draft) -> DLine:
    dtg = _need(d.find("dtg"))
    w = d.when
    dtg.text = f"{d.extra['action']} {w.day:02d}{w.hour:02d}61Z {g.MONTHS[w.month - 1]} " \
               f"{w.year % 100:02d}"
    return dtg


@_m("D002", "wrapper created date three days off", header=True, wrapper=True,
    classification="UNCLASSIFIED")
def _d002(draw: st.DrawFn, d: Draft) -> DLine:
    _set_row(d, created=d.when + timedelta(days=3))
    return _need(d.find("dtg"))


@_m("D003", "DE Julian day far from the DTG", header=True)
def _d003(draw: st.DrawFn, d: Draft) -> DLine:
    de = _ensure_de(d)
    de.text = f.de_text(d.office.ri, d.serial, 1 if d.sections > 1 else None,
                        d.when + timedelta(days=100))
    return de


@_m("D004", "DE time before the DTG time", header=True)
def _d004(draw: st.DrawFn, d: Draft) -> DLine:
    assume(d.when.hour or d.when.minute)
    de = _ensure_de(d)
    de.text = f.de_text(d.office.ri, d.serial, 1 if d.sections > 1 else None,
                        d.when - timedelta(minutes=1))
    return de


@_m("D005", "DTG year 2012", header=True)
def _d005(draw: st.DrawFn, d: Draft) -> DLine:
    w = d.when
    return _set_dtg(d, str(d.extra["action"]), None, w.replace(year=2012, day=min(w.day, 28)))


@_m("D006", "executive order not in force", header=True)
def _d006(draw: st.DrawFn, d: Draft) -> DLine:
    eo = _eo(d)
    tol = timedelta(days=366)
    # (the end of 13526 is 9999-12-31: subtract the tolerance from the day, not add it)
    out = [o for o, (a, b) in g.EO_ORDERS.items()
           if not (date.fromisoformat(a) - tol <= d.day
                   and d.day - tol <= date.fromisoformat(b))]
    order = draw(st.sampled_from(out))
    eo.text = eo.text.replace(d.era.order, order, 1)
    return eo


@_m("D007", "DECL date before the cable date", header=True, era="12958")
def _d007(draw: st.DrawFn, d: Draft) -> DLine:
    return _decl(d, "DECL: " + (d.day - timedelta(days=400)).strftime("%m/%d/%Y"))


@_m("D008", "DECL date 30 years after the cable date", header=True, era="12958")
def _d008(draw: st.DrawFn, d: Draft) -> DLine:
    return _decl(d, "DECL: " + (d.day + timedelta(days=30 * 366)).strftime("%m/%d/%Y"))


@_m("D009", "DECL date with a two-digit year", era="12958")
def _d009(draw: st.DrawFn, d: Draft) -> DLine:
    return _decl(d, "DECL: " + (d.day + timedelta(days=1500)).strftime("%m/%d/%y"))


@_m("D010", "reason section 1.5 after 2003", header=True, classification="SECRET",
    era="12958", window=(date(2003, 4, 1), v.LAST_DAY))
def _d010(draw: st.DrawFn, d: Draft) -> DLine:
    cb = _cb(d)
    cb.text = "Classified By: Ambassador Anne E. Derse, for reasons 1.5 (b,d)."
    return cb


# --- refs family ---------------------------------------------------------------------------


@_m("F001", "REF serial 0")
def _f001(draw: st.DrawFn, d: Draft) -> DLine:
    yy = f"{d.day.year % 100:02d}"
    return _replace_refs(d, ["A. STATE 123", f"B. {yy} ANKARA 0"])[1]


@_m("F002", "REF dated after the cable", header=True)
def _f002(draw: st.DrawFn, d: Draft) -> DLine:
    yy = f"{(d.day.year + 1) % 100:02d}"
    return _replace_refs(d, ["A. LONDON 123", f"B. {yy} ANKARA 45"])[1]


@_m("F003", "REF to the cable itself", header=True)
def _f003(draw: st.DrawFn, d: Draft) -> DLine:
    other = "PARIS" if d.office.banner != "PARIS" else "LONDON"
    return _replace_refs(d, [f"A. {other} 123", f"B. {d.office.banner} {d.serial}"])[1]


@_m("F004", "REF labels A, C")
def _f004(draw: st.DrawFn, d: Draft) -> DLine:
    return _replace_refs(d, ["A. PARIS 123", "C. LONDON 456"])[1]


@_m("F006", "REF year written with the letter O")
def _f006(draw: st.DrawFn, d: Draft) -> DLine:
    return _replace_refs(d, ["A. O8 PARIS 123"])[0]


@_m("F005", "REF without a year above the cable's own serial", header=True)
def _f005(draw: st.DrawFn, d: Draft) -> DLine:
    return _replace_refs(d, [f"A. {d.office.banner} {d.serial + 1}"])[0]


# --- header / syntax family ----------------------------------------------------------------


@_m("H100", "prose line in the header", header=True)
def _h100(draw: st.DrawFn, d: Draft) -> DLine:
    bad = DLine("this is no header line at all", "unknown")
    d.insert_after(_after_header(d), bad)
    return bad


@_m("H101", "PAGE header in the TO block", header=True)
def _h101(draw: st.DrawFn, d: Draft) -> DLine:
    to = _need(d.find("to"))
    page = DLine("TO " + f.page_text(2, d.office.banner, d.serial, d.when), "to")
    d.insert_before(to, page)
    return page


@_m("H103", "routing prosign not doubled", header=True)
def _h103(draw: st.DrawFn, d: Draft) -> DLine:
    routing = _ensure_routing(d)
    routing.text = draw(st.sampled_from(["OP", "PO", "RO", "ZO"])) + routing.text[2:]
    return routing


@_m("H104", "DE line that cannot be read", header=True)
def _h104(draw: st.DrawFn, d: Draft) -> DLine:
    de = _ensure_de(d)
    de.text = f"DE {d.office.ri} {d.serial % 10000:04d} 153/0928Z"
    return de


@_m("H105", "security letters XXXXX", header=True)
def _h105(draw: st.DrawFn, d: Draft) -> DLine:
    sec = _ensure_security(d)
    sec.text = "ZNY XXXXX ZZH"
    return sec


@_m("H106", "no DTG", header=True)
def _h106(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(_need(d.find("dtg")))
    return _need(d.find("fm"))


@_m("H107", "no FM line", header=True)
def _h107(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(_need(d.find("fm")))
    return _need(d.find("dtg"))


@_m("H108", "service note after the DTG", header=True)
def _h108(draw: st.DrawFn, d: Draft) -> DLine:
    dtg = _need(d.find("dtg"))
    dtg.text += " ZDK CTG RUEHXX #0128"
    return dtg


@_m("H109", "month garble after an addressee", header=True)
def _h109(draw: st.DrawFn, d: Draft) -> DLine:
    to = _need(d.find("to"))
    month = g.MONTHS[d.when.month - 1]
    to.text = f"TO RUEHLP/AMEMBASSY LA PAZ {month} 8254"
    return to


@_m("H110", "DTG only in a distribution block in the text", header=False)
def _h110(draw: st.DrawFn, d: Draft) -> DLine:
    assume(d.find("dtg") is None)  # (a cable of the 1960s gets a header all the same)
    para = _need(next(iter(_para_lines(d)), None))
    w = d.when
    block = DLine(f"INFO LOG-00 NP-00 /009W  ------------------71B573 {w.day:02d}{w.hour:02d}"
                  f"{w.minute:02d}Z /38 R {w.day:02d}{w.hour:02d}"
                  f"{w.minute:02d}Z {g.MONTHS[w.month - 1]} {w.year % 100:02d} FM "
                  f"{d.office.fm} TO SECSTATE WASHDC 2621", "text")
    d.insert_after(para, block)
    return block


@_m("H111", "service note after the security line", header=True)
def _h111(draw: st.DrawFn, d: Draft) -> DLine:
    sec = _ensure_security(d)
    sec.text += " ZDS NOT DELIVERED"
    return sec


@_m("H112", "TO run into the routing indicator", header=True)
def _h112(draw: st.DrawFn, d: Draft) -> DLine:
    to = _need(d.find("to"))
    to.text = "TORUEHC/SECSTATE WASHDC PRIORITY 8009"
    return to


@_m("P001", "prosign differs from the DTG precedence", header=True)
def _p001(draw: st.DrawFn, d: Draft) -> DLine:
    routing = _ensure_routing(d)
    other = draw(st.sampled_from([p for p in g.PROSIGNS if p[0] != d.extra["action"]]))
    routing.text = other + routing.text[2:]
    return routing


@_m("P002", "DTG action precedence differs from TO", header=True)
def _p002(draw: st.DrawFn, d: Draft) -> DLine:
    other = draw(st.sampled_from([p for p in "ZOPR" if p != d.extra["action"]]))
    prec2 = str(d.extra["info_prec"]) if d.extra["two"] else None
    return _set_dtg(d, other, prec2, d.when)


@_m("P003", "DTG info precedence differs from INFO", header=True)
def _p003(draw: st.DrawFn, d: Draft) -> DLine:
    assume(d.extra["info_prec"] is not None)
    other = draw(st.sampled_from([p for p in "ZOPR" if p != d.extra["info_prec"]]))
    return _set_dtg(d, str(d.extra["action"]), other, d.when)


@_m("P005", "no TO line", header=True)
def _p005(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(*d.all("to"), *d.all("to_cont"))
    return _need(d.find("fm"))


@_m("P006", "precedence misspelt", header=True)
def _p006(draw: st.DrawFn, d: Draft) -> DLine:
    to = _need(d.find("to"))
    to.text = "TO " + f.address_text("RUEHC", "SECSTATE WASHDC",
                                     draw(st.sampled_from(g.PRECEDENCE_MISSPELLINGS)), "1297")
    return to


@_m("P007", "MCN of three digits", header=True)
def _p007(draw: st.DrawFn, d: Draft) -> DLine:
    to = _need(d.find("to"))
    to.text = "TO RUEHC/SECSTATE WASHDC 129"
    return to


# --- reference ID family -------------------------------------------------------------------


@_m("R001", "corrupted reference ID", wrapper=True, classification="UNCLASSIFIED")
def _r001(draw: st.DrawFn, d: Draft) -> DLine:
    yy = f"{d.day.year % 100:02d}"
    _set_row(d, ref_id=f"{yy}2OF5")
    return _need(d.find("banner"))


@_m("R009", "reference ID of an unknown office", wrapper=True, classification="UNCLASSIFIED")
def _r009(draw: st.DrawFn, d: Draft) -> DLine:
    return _set_row(d, ref_id=f"{d.day.year % 100:02d}QXZWV{d.serial}")


@_m("R010", "reference ID with a section fragment", wrapper=True, classification="SECRET")
def _r010(draw: st.DrawFn, d: Draft) -> DLine:
    yy = f"{d.day.year % 100:02d}"
    return _set_row(d, ref_id=f"{yy}SCTION01OF02{office_id(d.office.banner)}{d.serial}")


@_m("R002", "reference ID year differs from the DTG", header=True, wrapper=True,
    classification="CONFIDENTIAL")
def _r002(draw: st.DrawFn, d: Draft) -> DLine:
    yy = f"{(d.day.year + 3) % 100:02d}"
    _set_row(d, ref_id=f"{yy}{office_id(d.office.banner)}{d.serial}")
    return _need(d.find("dtg"))


@_m("R003", "reference ID serial differs from the banner", wrapper=True,
    classification="UNCLASSIFIED")
def _r003(draw: st.DrawFn, d: Draft) -> DLine:
    _set_row(d, ref_id=f"{d.day.year % 100:02d}{office_id(d.office.banner)}{d.serial + 1}")
    return _need(d.find("banner"))


@_m("R004", "DE serial differs from the banner serial", header=True)
def _r004(draw: st.DrawFn, d: Draft) -> DLine:
    de = _ensure_de(d)
    de.text = f.de_text(d.office.ri, d.serial + 1, 1 if d.sections > 1 else None, d.when)
    return de


@_m("R005", "reference ID of another office", wrapper=True, classification="SECRET")
def _r005(draw: st.DrawFn, d: Draft) -> DLine:
    other = "ZAGREB" if d.office.banner != "ZAGREB" else "OSLO"
    _set_row(d, ref_id=f"{d.day.year % 100:02d}{other}{d.serial}")
    return _need(d.find("banner"))


@_m("R006", "FM of another office", header=True)
def _r006(draw: st.DrawFn, d: Draft) -> DLine:
    fm = _need(d.find("fm"))
    fm.text = "FM AMEMBASSY ZAGREB"
    return fm


# --- sections family -----------------------------------------------------------------------


@_m("S001", "banner SECTION 03 OF 02", sections=2)
def _s001(draw: st.DrawFn, d: Draft) -> DLine:
    banner = _need(d.find("banner"))
    banner.text = banner.text.replace("SECTION 01 OF", f"SECTION {d.sections + 1:02d} OF", 1)
    return banner


@_m("S002", "DE section differs from the banner", header=True, sections=2)
def _s002(draw: st.DrawFn, d: Draft) -> DLine:
    de = _ensure_de(d)
    de.text = f.de_text(d.office.ri, d.serial, 2, d.when)
    return de


@_m("S003", "continuation header with another total", sections=3)
def _s003(draw: st.DrawFn, d: Draft) -> DLine:
    cont = d.all("cont")[-1]
    cont.text = f.continuation_text(d.office.banner, d.serial, d.sections, d.sections + 1)
    return cont


@_m("S004", "continuation headers but no SECTION on the banner", sections=2)
def _s004(draw: st.DrawFn, d: Draft) -> DLine:
    banner = _need(d.find("banner"))
    banner.text = re.sub(r"SECTION [0-9]+ OF [0-9]+ ", "", banner.text)
    return d.all("cont")[0]


@_m("S005", "continuation header of another office", sections=2)
def _s005(draw: st.DrawFn, d: Draft) -> DLine:
    cont = d.all("cont")[0]
    other = "ZAGREB" if d.office.banner != "ZAGREB" else "OSLO"
    cont.text = f.continuation_text(other, d.serial, 2, d.sections)
    return cont


@_m("S006", "PAGE 02 followed by PAGE 04")
def _s006(draw: st.DrawFn, d: Draft) -> DLine:
    first = _para_lines(d)[0]
    k = d.index(first) + 1
    while k < len(d.lines) and d.lines[k].role == "text":
        k += 1
    p2 = DLine(f.page_text(2, d.office.banner, d.serial, d.when), "page")
    p4 = DLine(f.page_text(4, d.office.banner, d.serial, d.when), "page")
    d.lines[k:k] = [p2, p4]
    return p4
