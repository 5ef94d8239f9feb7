"""The cable strategy: draw a :class:`Draft` (lines with roles), render it to text.

A draft keeps each line as a :class:`DLine` with the production it stands for, so that a
malformation can change one field and still say on which line the finding must be reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import strategies as st

from cableformat import grammar as g
from cableformat.reference import office_id
from cableformat.strategies import fields as f
from cableformat.strategies import vocab as v

_PREC_WORDS = {"Z": ("FLASH",), "O": ("IMMEDIATE", "NIACT IMMEDIATE"), "P": ("PRIORITY",),
               "R": ("ROUTINE", None)}
_RANK = {"Z": 4, "O": 3, "P": 2, "R": 1}


@dataclass(eq=False, slots=True)
class DLine:
    """One line of a draft: its text and the production (role) it stands for."""

    text: str
    role: str


@dataclass(slots=True)
class Draft:
    """A drawn cable: its lines and the values they were drawn from."""

    lines: list[DLine]
    level: str
    era: v.Era
    day: date
    when: datetime
    office: v.Office
    serial: int
    sections: int
    header: bool
    wrapper: bool
    sipdis: bool
    noforn: bool
    newline: str = "\n"
    trailing: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def text(self) -> str:
        """The cable text."""
        end = self.trailing + self.newline
        return "".join(line.text + (end if line.text else self.newline) for line in self.lines)

    def find(self, role: str) -> DLine | None:
        """The first line of ``role``."""
        return next((ln for ln in self.lines if ln.role == role), None)

    def all(self, role: str) -> list[DLine]:
        """Every line of ``role``."""
        return [ln for ln in self.lines if ln.role == role]

    def number(self, line: DLine) -> int:
        """1-based line number of ``line`` in the rendered text."""
        return next(i for i, ln in enumerate(self.lines) if ln is line) + 1

    def index(self, line: DLine) -> int:
        """0-based index of ``line``."""
        return self.number(line) - 1

    def insert_after(self, line: DLine, *new: DLine) -> None:
        """Insert ``new`` lines after ``line``."""
        i = self.index(line) + 1
        self.lines[i:i] = list(new)

    def insert_before(self, line: DLine, *new: DLine) -> None:
        """Insert ``new`` lines before ``line``."""
        i = self.index(line)
        self.lines[i:i] = list(new)

    def remove(self, *lines: DLine) -> None:
        """Remove ``lines``."""
        ids = {id(x) for x in lines}
        self.lines = [ln for ln in self.lines if id(ln) not in ids]

    @property
    def classified(self) -> bool:
        """True for CONFIDENTIAL, SECRET and TOP SECRET."""
        return v.RANK[self.level] > 0

    @property
    def dated(self) -> bool:
        """True when the rules can see the cable date (DTG or wrapper)."""
        return self.header or self.wrapper

    @property
    def reference_id(self) -> str:
        """The reference ID derived from the banner office and serial."""
        return f"{self.day.year % 100:02d}{office_id(self.office.banner)}{self.serial}"


def _blank() -> DLine:
    return DLine("", "blank")


def _portion_marks(level: str, noforn: bool) -> list[str]:
    marks = list(v.PORTIONS[level])
    if noforn:
        for m in list(marks):
            marks.extend(v.NOFORN_PORTIONS.get(m, ()))
    return marks


@st.composite
def _prose(draw: st.DrawFn, words: int | None = None) -> list[str]:
    """Sentences of lower-case words wrapped at 60-70 columns, first word capitalised."""
    n = words or draw(st.integers(4, 40))
    ws = draw(st.lists(st.sampled_from(v.PROSE_WORDS), min_size=n, max_size=n))
    sentences: list[str] = []
    k = 0
    while k < len(ws):
        size = draw(st.integers(4, 12))
        chunk = ws[k : k + size]
        if len(chunk) < 3:
            sentences[-1] = sentences[-1][:-1] + " " + " ".join(chunk) + "."
            break
        sentences.append(" ".join(chunk).capitalize() + ".")
        k += size
    width = draw(st.integers(55, 70))
    lines: list[str] = []
    cur = ""
    for word in "  ".join(sentences).split(" "):
        cand = f"{cur} {word}" if cur else word
        if len(cand) > width and cur:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    lines.append(cur)
    return [ln.strip() for ln in lines if ln.strip()]


def _header_lines(draw: st.DrawFn, d: Draft) -> list[DLine]:
    """FL1-FL9: TID, routing, DE, security (each optional), DTG, FM, TO, INFO, XMT."""
    out: list[DLine] = []
    action = draw(st.sampled_from("ZOPR"))
    with_info = draw(st.integers(0, 3)) > 0
    info_prec = draw(st.sampled_from("ZOPR")) if with_info else None
    two = with_info and draw(st.booleans())
    d.extra.update(action=action, info_prec=info_prec, two=two)
    if draw(st.booleans()):
        out.append(DLine(draw(f.tid_lines()), "tid"))
    if draw(st.booleans()):
        ris = draw(st.lists(f.indicators(), min_size=1, max_size=5))
        out.append(DLine(f.routing_text(action * 2, ris), "routing"))
        if draw(st.integers(0, 3)) == 0:
            out.append(DLine(f.routing_cont_text(draw(st.lists(f.indicators(), min_size=1,
                                                                max_size=4))), "routing_cont"))
    if draw(st.booleans()):
        k = draw(st.integers(0, 2))
        sent = d.when + timedelta(days=k)
        if k == 0:
            minutes = draw(st.integers(0, 23 * 60 + 59 - (d.when.hour * 60 + d.when.minute)))
            sent = d.when + timedelta(minutes=minutes)
        else:
            sent = datetime.combine(sent.date(), time(draw(st.integers(0, 23)),
                                                      draw(st.integers(0, 59))), tzinfo=UTC)
        section = 1 if d.sections > 1 or draw(st.booleans()) else None
        out.append(DLine(f.de_text(d.office.ri, d.serial, section, sent), "de"))
    if draw(st.booleans()):
        letter = v.SECURITY_LETTER[d.level]
        if d.extra.get("efto") and draw(st.booleans()):
            letter = "E"
        secop = "ZNR" if letter == "U" else "ZNY"
        out.append(DLine(f.security_text(secop, letter, draw(st.sampled_from([" ZZH", ""]))),
                         "security"))
    out.append(DLine(f.dtg_text(action, info_prec if two else None, d.when,
                                long_year=draw(st.integers(0, 9)) == 0), "dtg"))
    out.append(DLine(f"FM {d.office.fm}", "fm"))
    out += _addressees(draw, "TO", "to", action, draw(st.integers(1, 3)))
    if with_info:
        assert info_prec is not None
        out += _addressees(draw, "INFO", "info", info_prec, draw(st.integers(1, 6)))
    for _ in range(draw(st.integers(0, 1))):
        out.append(DLine(f"XMT {draw(st.sampled_from(v.XMT_ADDRESSES))}", "xmt"))
    return out


def _addressees(draw: st.DrawFn, keyword: str, role: str, prec: str, n: int) -> list[DLine]:
    """A TO/INFO block of ``n`` addressees whose highest precedence is ``prec``."""
    lower = [p for p in "ZOPR" if _RANK[p] <= _RANK[prec]]
    letters = [prec] + [draw(st.sampled_from(lower)) for _ in range(n - 1)]
    letters = draw(st.permutations(letters))
    out = []
    for k, letter in enumerate(letters):
        word = draw(st.sampled_from(_PREC_WORDS[letter]))
        text = f.address_text(draw(st.none() | f.indicators().map(lambda s: s[:7])),
                              draw(st.sampled_from(v.ADDRESSES)), word,
                              draw(st.none() | st.from_regex(r"\A[0-9]{4}\Z")))
        out.append(DLine(f"{keyword} {text}" if k == 0 else text, role if k == 0 else
                         role + "_cont"))
    return out


def _wrapper_lines(d: Draft) -> list[DLine]:
    """The WikiLeaks metadata table (format-spec 1.2), consistent with the cable."""
    value = {"SBU": "UNCLASSIFIED//FOR OFFICIAL USE ONLY"}.get(d.level, d.level)
    if d.noforn:
        value += "//NOFORN"
    created = d.when.strftime("%Y-%m-%d %H:%M")
    row = f"{d.reference_id} {created} 2011-08-30 01:44 {value} {d.office.origin}"
    m = g.RE_METADATA_ROW.match(row)
    if m is None or m.group("classification") != value:
        raise f.GrammarDrift(f"generated metadata row {row!r} does not read back")
    head = "Reference ID Created Released Classification Origin"
    return [DLine(head, "meta_head"), DLine(row, "meta_row")]


def _captions(draw: st.DrawFn, d: Draft) -> list[str]:
    caps: list[str] = []
    if d.level == "SBU":
        caps.append(draw(st.sampled_from(["SENSITIVE", "SENSITIVE BUT UNCLASSIFIED"])))
    if d.noforn:
        caps.append("NOFORN")
    if d.sipdis:
        caps.append("SIPDIS")
    elif draw(st.integers(0, 4)) == 0:
        caps.append(draw(st.sampled_from(["NODIS", "EXDIS", "LIMDIS", "STADIS",
                                          "ROGER CHANNEL"])))
    return caps


def _head_fields(draw: st.DrawFn, d: Draft) -> list[DLine]:
    """E.O., TAGS, SUBJECT, REF and Classified By (in the order of format-spec 1.4)."""
    out: list[DLine] = []
    if d.era.eo_line:
        decl = draw(f.decl_values(d.era, d.day, d.classified))
        out.append(DLine(f.eo_text(d.era.order, decl), "eo"))
    tags = draw(f.tag_lists())
    d.extra["tags"] = tags  # the values drawn, for tests that parse them back
    out.append(DLine(f.tags_text(tags, comma=draw(st.booleans())), "tags"))
    portion = draw(st.none() | st.sampled_from(_portion_marks(d.level, d.noforn)))
    words = draw(f.subject_words())
    out.append(DLine(f.subject_text(words, portion), "subject"))
    d.extra["subject"] = (portion, words)
    if draw(st.integers(0, 3)) == 0:
        more = draw(f.subject_words())
        out.append(DLine(more, "subject_cont"))
        d.extra["subject"] = (portion, f"{words} {more}")
    out.append(_blank())
    if draw(st.integers(0, 2)) == 0:
        out += _refs(draw, d)
        out.append(_blank())
    if d.classified and d.era.reason_section(d.day) is not None:
        out.append(DLine(f.classified_by_body(d.day, d.era, draw), "cb"))
        out.append(_blank())
    elif d.classified and not d.dated:
        # Undated: the rules cannot tell that the era had no classifier line (C013).
        out.append(DLine(f.classified_by_body(d.day, v.ERAS["12958"], draw), "cb"))
        out.append(_blank())
    return out


def _refs(draw: st.DrawFn, d: Draft) -> list[DLine]:
    """A REF block of 1-4 items, labelled A, B, C ... when more than one."""
    n = draw(st.integers(1, 4))
    labels = [None] if n == 1 and draw(st.booleans()) else list("ABCD"[:n])
    others = [o for o in v.REF_OFFICES if office_id(o) != office_id(d.office.banner)]
    out = []
    chosen: list[tuple[str | None, int | None, str, int] | tuple[str | None, str]] = []
    d.extra["refs"] = chosen  # (label, year, office, serial), or (label, text) of another
    for k, label in enumerate(labels):
        if draw(st.integers(0, 5)) == 0:
            other = draw(st.sampled_from(v.OTHER_REFS))
            item = f"{label}. {other}" if label else other
            chosen.append((label, other))
        else:
            year = draw(st.none() | st.integers(max(1966, d.day.year - 8), d.day.year))
            office, serial = draw(st.sampled_from(others)), draw(st.integers(1, 99999))
            item = f.ref_item_text(label, year, office, serial)
            chosen.append((label, year, office, serial))
        out.append(DLine(("REF: " if k == 0 else "     ") + item, "ref"))
    return out


def _body_text(draw: st.DrawFn, d: Draft) -> list[DLine]:
    """Numbered paragraphs (portion marks at most the level), headings, continuation
    headers starting each further section, signature and trailer."""
    n = max(d.sections, draw(st.integers(1, 7)))
    marks = _portion_marks(d.level, d.noforn)
    own = v.OWN_PORTION.get(d.level)
    marked = draw(st.booleans()) or own is not None
    portions = [draw(st.sampled_from(marks)) if marked else None for _ in range(n)]
    if own is not None:
        portions[draw(st.integers(0, n - 1))] = own
    d.extra["portions"] = portions  # paragraph k + 1 carries portions[k]
    summary = draw(st.integers(0, 2)) == 0
    comment = draw(st.integers(0, 2)) == 0
    paras: list[list[DLine]] = []
    for k in range(n):
        text = draw(_prose())
        marker = ""
        if k == 0 and summary:
            marker = "SUMMARY: "
            text[-1] += "  END SUMMARY."
        elif k == n - 1 and comment and n > 1:
            marker = "COMMENT: "
            text[-1] += "  END COMMENT."
        mark = f"({portions[k]}) " if portions[k] else ""
        sep = draw(st.sampled_from([" ", "  "]))
        lines = [DLine(f"{k + 1}.{sep}{mark}{marker}{text[0]}", "para")]
        lines += [DLine(t, "text") for t in text[1:]]
        if k and draw(st.integers(0, 4)) == 0:
            title = draw(st.sampled_from(v.HEADINGS))
            lines[:0] = [DLine(title, "heading"), DLine("-" * len(title), "underline")]
        paras.append(lines)
    # Sections 2.. start before paragraphs chosen in order (one per paragraph at most).
    starts = sorted(draw(st.lists(st.integers(1, n - 1), min_size=d.sections - 1,
                                  max_size=d.sections - 1, unique=True))) if n > 1 else []
    out: list[DLine] = []
    sec = 1
    for k, lines in enumerate(paras):
        if sec < d.sections and k in starts:
            sec += 1
            cont = f.continuation_text(d.office.banner, d.serial, sec, d.sections)
            out += [_blank(), DLine(cont, "cont"), _blank()]
        elif k and draw(st.booleans()):
            out.append(_blank())
        out += lines
    out.append(DLine(_signature(draw, d), "signature"))
    if draw(st.integers(0, 4)) == 0:
        out.append(DLine("NNNN", "trailer"))
    return out


def _signature(draw: st.DrawFn, d: Draft) -> str:
    if d.office.banner == "STATE":
        return v.secretary(d.day)
    return draw(st.sampled_from(v.SURNAMES))


@st.composite
def drafts(
    draw: st.DrawFn,
    *,
    era: str | None = None,
    classification: str | None = None,
    sections: int | None = None,
    header: bool | None = None,
    wrapper: bool | None = None,
    newline: str | None = None,
    window: tuple[date, date] | None = None,
) -> Draft:
    """Draw a well-formed cable as a :class:`Draft` (see :func:`cables` for the options)."""
    pool = [v.ERAS[k] for k in v.DEFAULT_ERAS]
    if window is not None:
        pool = [x for x in pool if x.first <= window[1] and window[0] <= x.last]
    e = v.ERAS[era] if era else draw(st.sampled_from(pool))
    level = classification or draw(st.sampled_from(g.LEVELS))
    if level not in v.RANK:
        raise ValueError(f"unknown classification {level!r}: expected one of {g.LEVELS}")
    first, last = e.first, e.last
    if window is not None:
        first, last = max(first, window[0]), min(last, window[1])
        if first > last:
            raise ValueError(f"era {e.order} has no day in {window}")
    when = draw(f.datetimes(first, last))
    nsec = sections if sections is not None else draw(st.sampled_from([1, 1, 1, 2, 3, 4]))
    if not 1 <= nsec <= 99:
        raise ValueError("sections must be 1-99 (banner SECTION nn OF mm)")
    office = draw(st.sampled_from(v.OFFICES))
    serial = draw(st.integers(1, 999999 if office.banner == "STATE" else 9999))
    has_header = draw(st.booleans()) if header is None else header
    can_wrap = level in v.WRAPPER_LEVELS
    has_wrapper = (can_wrap and draw(st.booleans())) if wrapper is None else wrapper
    if has_wrapper and not can_wrap:
        raise ValueError(f"the WikiLeaks table cannot state {level}")
    if not e.eo_line and not (has_header or has_wrapper):
        # A cable without E.O. line is only well formed when its (pre-1972) date is known.
        if header is False and wrapper is False:
            raise ValueError(f"an era {e.order} cable needs a header or a wrapper (its date)")
        has_header = True
    day = when.date()
    sipdis = day >= v.SIPDIS_REQUIRED or (day >= v.SIPDIS_ALLOWED and draw(st.booleans()))
    d = Draft(
        lines=[], level=level, era=e, day=day, when=when, office=office, serial=serial,
        sections=nsec, header=has_header, wrapper=has_wrapper, sipdis=sipdis,
        noforn=v.RANK[level] in (1, 2) and draw(st.integers(0, 3)) == 0,
        newline=newline if newline is not None else draw(st.sampled_from(["\n", "\n", "\r\n"])),
        trailing=draw(st.sampled_from(["", "", " "])),
    )
    word = draw(st.sampled_from(v.BANNER_WORDS[level]))
    d.extra["efto"] = word == "UNCLAS" and level == "UNCLASSIFIED" and draw(
        st.integers(0, 4)) == 0
    lines: list[DLine] = []
    if has_wrapper:
        lines += _wrapper_lines(d)
    if has_header:
        lines += _header_lines(draw, d)
    lines.append(DLine(f.banner_text(
        word, efto=bool(d.extra["efto"]), section=1 if nsec > 1 else None,
        sections=nsec if nsec > 1 else None, office=office.banner, serial=serial,
        sep=draw(st.sampled_from([" ", "  "]))), "banner"))
    lines.append(_blank())
    for cap in _captions(draw, d):
        lines += [DLine(cap, "caption"), _blank()]
    if draw(st.integers(0, 3)) == 0:
        lines += [DLine(draw(st.sampled_from(v.PASSING)), "passing"), _blank()]
    lines += _head_fields(draw, d)
    lines += _body_text(draw, d)
    d.lines = lines
    return d
