"""Malformations of the body, classification and TAGS families (and X010)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import assume
from hypothesis import strategies as st

from cableformat import grammar as g
from cableformat.strategies import fields as f
from cableformat.strategies import vocab as v
from cableformat.strategies.draft import DLine, Draft
from cableformat.strategies.malform import (
    _PARA,
    _cb,
    _decl,
    _ensure_de,
    _ensure_security,
    _eo,
    _m,
    _need,
    _para_lines,
    _set_mark,
    _set_row,
    _tags,
)

# --- body family ---------------------------------------------------------------------------


@_m("B001", "no banner line")
def _b001(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(_need(d.find("banner")))
    return d.find("eo") or _tags(d)


@_m("B002", "banner office in lower case")
def _b002(draw: st.DrawFn, d: Draft) -> DLine:
    banner = _need(d.find("banner"))
    head, _, tail = banner.text.rpartition(d.office.banner)
    banner.text = head + d.office.banner.lower() + tail
    return banner


@_m("B003", "no E.O. line", era="12958")
def _b003(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(_eo(d))
    return _need(d.find("banner"))


@_m("B004", "E.O. order mistyped (E.O. 1295)")
def _b004(draw: st.DrawFn, d: Draft) -> DLine:
    eo = _eo(d)
    eo.text = eo.text.replace(d.era.order, d.era.order[:4], 1)
    return eo


@_m("B005", "E.O. keyword written EO")
def _b005(draw: st.DrawFn, d: Draft) -> DLine:
    eo = _eo(d)
    eo.text = eo.text.replace("E.O. ", draw(st.sampled_from(["EO ", "E.o. ", "E. O. "])), 1)
    return eo


@_m("B006", "no TAGS line")
def _b006(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(_tags(d))
    return _need(d.find("banner"))


@_m("B007", "TAGS keyword misspelt")
def _b007(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    tags.text = tags.text.replace("TAGS:", draw(st.sampled_from(["TAGES:", "Tags:", "TGS:"])), 1)
    return tags


@_m("B008", "no SUBJECT line")
def _b008(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(*d.all("subject"), *d.all("subject_cont"))
    return _need(d.find("banner"))


@_m("B009", "SUBJECT keyword misspelt")
def _b009(draw: st.DrawFn, d: Draft) -> DLine:
    subject = _need(d.find("subject"))
    subject.text = subject.text.replace("SUBJECT:", draw(st.sampled_from(["UBJECT:", "SUBJECT"])))
    return subject


@_m("B011", "Classified By misspelt", classification="SECRET", era="12958")
def _b011(draw: st.DrawFn, d: Draft) -> DLine:
    cb = _cb(d)
    cb.text = cb.text.replace("lassified", "lassfied", 1).replace("LASSIFIED", "LASSFIED", 1)
    return cb


@_m("B012", "paragraph 1 numbered 2")
def _b012(draw: st.DrawFn, d: Draft) -> DLine:
    para = _para_lines(d)[0]
    para.text = "2" + para.text[1:]
    return para


@_m("B013", "portion mark without opening parenthesis", classification="CONFIDENTIAL")
def _b013(draw: st.DrawFn, d: Draft) -> DLine:
    para = next(p for p in _para_lines(d) if _PARA.match(p.text).group("mark"))  # type: ignore[union-attr]
    m = _PARA.match(para.text)
    assert m is not None
    para.text = f"{m.group('num')}.{m.group('sep')}{m.group('mark')}) {m.group('rest')}"
    return para


@_m("B014", "END SUMMARY without SUMMARY")
def _b014(draw: st.DrawFn, d: Draft) -> DLine:
    first = _para_lines(d)[0]
    k = d.index(first) + 1
    while k < len(d.lines) and d.lines[k].role == "text":
        k += 1
    end = DLine("END SUMMARY.", "text")
    d.lines.insert(k, end)
    return end


@_m("B015", "no signature")
def _b015(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(_need(d.find("signature")))
    last = [ln for ln in d.lines if ln.role in ("para", "text")][-1]
    last.text += " and the talks will go on next week."
    return last


@_m("B030", "signature glued to the last paragraph")
def _b030(draw: st.DrawFn, d: Draft) -> DLine:
    sig = _need(d.find("signature"))
    d.remove(sig)
    last = [ln for ln in d.lines if ln.role in ("para", "text")][-1]
    last.text = last.text.rstrip().rstrip(".") + ". " + sig.text.strip()
    return last


@_m("B016", "SIPDIS given twice")
def _b016(draw: st.DrawFn, d: Draft) -> DLine:
    first = d.find("caption") if d.sipdis else None
    sip = next((c for c in d.all("caption") if c.text == "SIPDIS"), None) if first else None
    if sip is None:
        sip = DLine("SIPDIS", "caption")
        d.insert_after(_need(d.find("banner")), DLine("", "blank"), sip)
    again = DLine("SIPDIS", "caption")
    d.insert_after(sip, DLine("", "blank"), again)
    return again


@_m("B017", "redacted text")
def _b017(draw: st.DrawFn, d: Draft) -> DLine:
    para = _para_lines(d)[-1]
    para.text += " XXXXXXXXXXXX told us."
    return para


@_m("B018", "TAGS before E.O.", era="12958")
def _b018(draw: st.DrawFn, d: Draft) -> DLine:
    eo, tags = _eo(d), _tags(d)
    i, j = d.index(eo), d.index(tags)
    d.lines[i], d.lines[j] = tags, eo
    return tags


@_m("B019", "SUBJECT truncated with an ellipsis")
def _b019(draw: st.DrawFn, d: Draft) -> DLine:
    last = d.find("subject_cont") or _need(d.find("subject"))
    last.text += "..."
    return _need(d.find("subject"))


# --- classification family -----------------------------------------------------------------


@_m("C001", "security letters of another level", header=True)
def _c001(draw: st.DrawFn, d: Draft) -> DLine:
    sec = _ensure_security(d)
    other = {"CONFIDENTIAL": "S", "SECRET": "C", "TOP SECRET": "S"}.get(d.level, "C")
    sec.text = f.security_text("ZNR" if other == "U" else "ZNY", other)
    return sec


@_m("C002", "ZNR with classified letters (or ZNY with UUUUU)", header=True)
def _c002(draw: st.DrawFn, d: Draft) -> DLine:
    sec = _ensure_security(d)
    letter = v.SECURITY_LETTER[d.level]
    sec.text = f.security_text("ZNY" if letter == "U" else "ZNR", letter)
    return sec


@_m("C003", "wrapper classification differs", wrapper=True, classification="CONFIDENTIAL")
def _c003(draw: st.DrawFn, d: Draft) -> DLine:
    _set_row(d, value="SECRET" + ("//NOFORN" if d.noforn else ""))
    return _need(d.find("banner"))


@_m("C004", "wrapper NOFORN without NOFORN marking", wrapper=True, classification="SECRET")
def _c004(draw: st.DrawFn, d: Draft) -> DLine:
    if d.noforn:
        _set_row(d, value=d.level)
        return next(c for c in d.all("caption") if c.text == "NOFORN")
    _set_row(d, value=d.level + "//NOFORN")
    return _need(d.find("banner"))


@_m("C005", "wrapper FOUO without SENSITIVE caption", wrapper=True,
    classification="UNCLASSIFIED")
def _c005(draw: st.DrawFn, d: Draft) -> DLine:
    _set_row(d, value="UNCLASSIFIED//FOR OFFICIAL USE ONLY")
    return _need(d.find("banner"))


@_m("C006", "portion mark above the banner")
def _c006(draw: st.DrawFn, d: Draft) -> DLine:
    assume(d.level != "TOP SECRET")
    higher = {0: "C", 1: "S", 2: "TS"}[v.RANK[d.level]]
    para = draw(st.sampled_from(_para_lines(d)))
    _set_mark(para, higher)
    return para


@_m("C007", "no portion mark of the cable's level", classification="SECRET",
    window=(date(1979, 1, 1), v.LAST_DAY))
def _c007(draw: st.DrawFn, d: Draft) -> DLine:
    own = v.OWN_PORTION[d.level]
    for para in _para_lines(d):
        mark = _PARA.match(para.text).group("mark")  # type: ignore[union-attr]
        if mark and mark.split("/")[0] == own:
            _set_mark(para, "U")
    subject = _need(d.find("subject"))
    subject.text = re.sub(r"\(" + own + r"(?:/[A-Z/]*)?\)", "(U)", subject.text, count=1)
    return _need(d.find("banner"))


@_m("C008", "DECL date in an UNCLAS cable", classification="UNCLASSIFIED", era="12958")
def _c008(draw: st.DrawFn, d: Draft) -> DLine:
    return _decl(d, "DECL: " + (d.day + timedelta(days=3650)).strftime("%m/%d/%Y"))


@_m("C009", "N/A in a classified cable", classification="CONFIDENTIAL", era="12958")
def _c009(draw: st.DrawFn, d: Draft) -> DLine:
    return _decl(d, "N/A")


@_m("C010", "reason letter repeated", classification="SECRET", era="12958")
def _c010(draw: st.DrawFn, d: Draft) -> DLine:
    cb = _cb(d)
    section = d.era.reason_section(d.day)
    cb.text = f.classified_by_text(f"Classified By: Ambassador Anne E. Derse, for reasons "
                                   f"{section} (b,b).")
    return cb


@_m("C011", "SIPDIS with NODIS", window=(date(2006, 1, 1), v.LAST_DAY), era="12958")
def _c011(draw: st.DrawFn, d: Draft) -> DLine:
    sip = next(c for c in d.all("caption") if c.text == "SIPDIS")
    d.insert_before(sip, DLine(draw(st.sampled_from(g.RESTRICTIVE_CAPTIONS)), "caption"),
                    DLine("", "blank"))
    return sip


@_m("C012", "no SIPDIS in a cable of 2006 or later", window=(date(2006, 1, 1), v.LAST_DAY),
    era="12958", header=True)
def _c012(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(*[c for c in d.all("caption") if c.text == "SIPDIS"])
    return _need(d.find("banner"))


@_m("C013", "classified cable without Classified By", classification="CONFIDENTIAL",
    era="12958", window=(date.fromisoformat(g.CLASSIFIED_BY_SINCE), v.LAST_DAY))
def _c013(draw: st.DrawFn, d: Draft) -> DLine:
    d.remove(_cb(d))
    return _need(d.find("banner"))


@_m("C014", "Classified By without reasons", classification="SECRET", era="12958")
def _c014(draw: st.DrawFn, d: Draft) -> DLine:
    cb = _cb(d)
    cb.text = "Classified By: Ambassador Anne E. Derse."
    return cb


@_m("C015", "SIPDIS before 2002", header=True, window=(v.FIRST_DAY, date(2001, 12, 31)))
def _c015(draw: st.DrawFn, d: Draft) -> DLine:
    sip = DLine("SIPDIS", "caption")
    d.insert_after(_need(d.find("banner")), DLine("", "blank"), sip)
    return sip


# --- tags family ---------------------------------------------------------------------------


@_m("T002", "TAGS without subject tag")
def _t002(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    geo = draw(st.lists(st.sampled_from(v.GEO_TAGS + v.ORG_TAGS), min_size=1, max_size=4,
                        unique=True))
    tags.text = f.tags_text(geo, comma=False)
    return tags


@_m("T005", "TAG repeated")
def _t005(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    tags.text = f.tags_text(["PREL", "PGOV", "PREL"], comma=draw(st.booleans()))
    return tags


@_m("T006", "SIPDIS in the TAGS")
def _t006(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    tags.text = f.tags_text(["PREL", "PGOV", "SIPDIS"], comma=draw(st.booleans()))
    return tags


@_m("T007", "TAGS in lower case")
def _t007(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    tags.text = "TAGS: " + tags.text[len("TAGS: "):].lower()
    return tags


@_m("P004", "DE station not in the routing-indicator table", header=True)
def _p004(draw: st.DrawFn, d: Draft) -> DLine:
    de = _ensure_de(d)
    de.text = f.de_text("RUQQXZ", d.serial, 1 if d.sections > 1 else None, d.when)
    return de


@_m("R007", "DE station of another post", header=True)
def _r007(draw: st.DrawFn, d: Draft) -> DLine:
    de = _ensure_de(d)
    other = "RUEHVB" if d.office.ri != "RUEHVB" else "RUEHNY"  # Zagreb, Oslo
    de.text = f.de_text(other, d.serial, 1 if d.sections > 1 else None, d.when)
    return de


@_m("R008", "wrapper origin of another post", wrapper=True, classification="CONFIDENTIAL")
def _r008(draw: st.DrawFn, d: Draft) -> DLine:
    row = _need(d.find("meta_row"))
    row.text = row.text.replace(d.office.origin, "Embassy Zagreb")
    return row


@_m("T003", "unknown TAG")
def _t003(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    tags.text = f.tags_text(["PREL", "POGOV"], comma=draw(st.booleans()))
    return tags


@_m("T004", "ISO country code as geographic TAG")
def _t004(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    tags.text = f.tags_text(["PREL", "RU"], comma=draw(st.booleans()))
    return tags


@_m("T008", "TAGS run together")
def _t008(draw: st.DrawFn, d: Draft) -> DLine:
    tags = _tags(d)
    tags.text = f.tags_text(["PREL", "PHUMBA"], comma=False)
    return tags


@_m("X010", "text without header, banner or head fields")
def _x010(draw: st.DrawFn, d: Draft) -> DLine:
    prose = []
    for ln in d.lines:
        m = _PARA.match(ln.text) if ln.role == "para" else None
        if m is not None:
            prose.append(DLine(m.group("rest"), "text"))
        elif ln.role == "text":
            prose.append(ln)
    d.lines = prose
    return d.lines[0]
