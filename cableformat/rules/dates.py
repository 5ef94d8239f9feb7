"""Rules of the dates family: DTG, DE-line time, wrapper date, E.O. order and DECL date.

Format-spec 2.2 (D1-D10).  The cable date is the DTG, else the wrapper's created date
(:attr:`Cable.date`); a rule that needs a date it cannot find does nothing.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable, EOLine
from cableformat.rules.registry import Emitter, rule

FIRST_DATE = date(1966, 12, 1)
LAST_DATE = date(2010, 3, 1)
EO_TOLERANCE = timedelta(days=366)
_DECLASSIFIED = re.compile(r"\bDECLASSIFIED\b", re.I)
"""An E.O. line that records the declassification of an old cable."""
SECTION_15_UNTIL = date(2003, 3, 25)
SECTION_14_SINCE = date(1995, 10, 14)

_DTG_GROUP = re.compile(r"(?P<day>[0-9]{2})(?P<hour>[0-9]{2})(?P<minute>[0-9]{2})(?P<zulu>[Zz]?)\s+"
                        r"(?P<month>[A-Za-z]{3})\b")
_DE_TIME = re.compile(r"(?P<jday>[0-9]{3})(?P<time>[0-9]{4})\s*$")
_DE_SECTION = re.compile(r"/(?P<section>[0-9]{1,3})\b")
_REASON_SECTION = re.compile(r"(?<![0-9.])[0-9]\s?[.,]\s?[0-9](?![0-9])")


def _cable_day(cable: Cable) -> date | None:
    when = cable.date
    return when.date() if when is not None else None


def _day_of_year(day: date) -> int:
    """``day.timetuple().tm_yday`` without building the time tuple (a few times faster)."""
    return day.toordinal() - date(day.year, 1, 1).toordinal() + 1


def _fmt(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def _date_where(cable: Cable) -> tuple[int, int]:
    """Where the cable date was written: the DTG, else the wrapper's metadata line."""
    h = cable.header
    if h is not None and h.dtg is not None and h.dtg.value is not None:
        return h.dtg.span.start, h.dtg.span.end
    w = cable.wrapper
    if w is not None and w.created_raw:
        for line in cable.lines:
            if line.kind == "metadata" and w.created_raw in line.raw:
                start = line.start + line.raw.index(w.created_raw)
                return start, start + len(w.created_raw)
    return 0, 0


def _decl_token(eo: EOLine) -> tuple[str, tuple[int, int]] | None:
    """The DECL date as written and its offsets in the cable text."""
    if not eo.decl_raw:
        return None
    token = eo.decl_raw.split()[0].rstrip(".,;")
    idx = eo.raw.find(eo.decl_raw)
    idx = eo.raw.find(token, idx if idx >= 0 else 0)
    if idx < 0:
        return token, (eo.span.start, eo.span.end)
    return token, (eo.span.start + idx, eo.span.start + idx + len(token))


def _two_digit(token: str) -> bool:
    m = g.RE_DATE_MDY.match(token)
    return bool(m and len(m.group("y")) == 2)


def decl_date(eo: EOLine, cable_day: date | None) -> date | None:
    """The DECL date; a two-digit year takes the century that puts it after the cable date.

    Format-spec D9: ``DECL: 6/30/70`` on a 2009 cable means 2070, not 1970.  When no
    century gives a date within 25 years after the cable, the parser's reading is kept.
    """
    when = eo.decl_date
    if when is None or cable_day is None or eo.decl_kind != "date":
        return when
    found = _decl_token(eo)
    if not found or not _two_digit(found[0]) or when > cable_day:
        return when
    limit = _add_years(cable_day, 25) + timedelta(days=1)
    for shift in (100, -100):
        other = _add_years(when, shift)
        if cable_day < other <= limit:
            return other
    return when


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, month=3, day=1)


@rule("D001", "dtg-invalid", Severity.ERROR)
def dtg_invalid(cable: Cable, emit: Emitter) -> None:
    """The date-time group is not a valid time: bad day, hour, minute, month, or no Z.

    The DTG is DDHHMMZ MON YY: a day that exists in that month (29 February only in leap
    years), an hour 00-23, a minute 00-59, the Z (UTC) suffix and a three-letter month.

    Fails:
        O 310928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        O 290928Z FEB 08
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    h = cable.header
    if h is None or h.dtg is None or h.dtg.value is not None:
        return
    dtg = h.dtg
    base = dtg.span.start
    m = _DTG_GROUP.search(dtg.raw)
    if m is None:
        emit(dtg, f"date-time group {dtg.raw.strip()!r} is invalid: expected "
             f"{g.expected('dtg')}")
        return

    def at(group: str, length: int | None = None) -> tuple[int, int]:
        s = base + m.start(group)
        return s, base + (m.end(group) if length is None else m.start(group) + length)

    month = (dtg.month or "").upper()
    known_month = month in g.MONTHS
    if not known_month:
        emit(at("month"), f"month {dtg.month!r} of the date-time group (DTG) is unknown: "
             "expected one of JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC")
    day, hour, minute, year = dtg.day, dtg.hour, dtg.minute, dtg.year
    if day is not None:
        if known_month and year is not None:
            last = calendar.monthrange(year, g.MONTHS.index(month) + 1)[1]
            if not 1 <= day <= last:
                emit(at("day"), f"day {day:02d} of the date-time group (DTG) does not exist in "
                     f"{month} {year}: expected 01-{last:02d}")
        elif not 1 <= day <= 31:
            emit(at("day"), f"day {day:02d} of the date-time group (DTG) is invalid: "
                 "expected 01-31")
    if hour is not None and hour > 23:
        emit(at("hour"), f"hour {hour:02d} of the date-time group (DTG) is invalid: expected 00-23")
    if minute is not None and minute > 59:
        emit(at("minute"), f"minute {minute:02d} of the date-time group (DTG) is invalid: "
             "expected 00-59")
    if not m.group("zulu"):
        s = base + m.end("minute")
        emit((s, s + 1), f"time {m.group('day')}{m.group('hour')}{m.group('minute')} of the "
             "date-time group (DTG) has no Z (UTC) suffix: expected DDHHMMZ",
             hint=f"write {m.group('day')}{m.group('hour')}{m.group('minute')}Z")


@rule("D002", "dtg-created-mismatch", Severity.WARNING)
def dtg_created_mismatch(cable: Cable, emit: Emitter) -> None:
    """The date-time group (DTG) and the wrapper's created date differ by a minute or more.

    WikiLeaks' created value is derived from the DTG and normally equals it to the minute.
    The pages of December 2010 to April 2011 render it as ``%H:%I`` (the minute shown is the
    hour on a 12-hour clock, e.g. 07BERN881 ``09:09`` for DTG ``110944Z``); on those only the
    date and hour are compared (and the difference given is that of the hours).  Either
    side may be wrong.

    Fails:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:20 2011-08-30 01:44 CONFIDENTIAL Embassy Baku
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 CONFIDENTIAL Embassy Baku
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    h = cable.header
    w = cable.wrapper
    if h is None or h.dtg is None or h.dtg.value is None or w is None or w.created is None:
        return
    dtg, created = h.dtg.value, w.created
    delta = abs((dtg - created).total_seconds())
    if delta < 60:
        return
    note = ""
    if "wikileaks" in w.kind and created.minute == (created.hour % 12 or 12):
        # The Dec 2010 - Apr 2011 WikiLeaks pages render 'created' as %H:%I: the minute
        # shown is the hour on a 12-hour clock.  Only date and hour can be compared.
        if dtg.replace(minute=0, second=0, microsecond=0) == created.replace(
            minute=0, second=0, microsecond=0
        ):
            return
        note = " (its minute is the page's 12-hour clock hour; compared to the hour)"
        delta = abs((dtg.replace(minute=0, second=0, microsecond=0) - created.replace(
            minute=0, second=0, microsecond=0)).total_seconds())  # the minutes say nothing
    minutes = int(delta // 60)
    amount = "1 hour" if minutes == 60 else f"{minutes} minutes" if minutes < 120 else (
        f"{minutes / 60:.1f} hours" if minutes < 2880 else f"{minutes // 1440} days")
    emit(h.dtg, f"date-time group (DTG) {_fmt(dtg)} UTC differs from the wrapper's created date "
         f"{_fmt(created)} by {amount}{note}", hint="one of the two dates is wrong")


@rule("D003", "de-julian-mismatch", Severity.WARNING)
def de_julian_mismatch(cable: Cable, emit: Emitter) -> None:
    """The DE line's day of the year is not the date-time group (DTG) day or up to two days later.

    The DE line records when the cable was transmitted, as day of the year (001-366, UTC);
    transmission follows filing (the DTG) by at most a day or two, across the year end too.

    Fails:
        DE RUEHKB #0443/01 1500928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        DE RUEHKB #0443/01 0011530
        O 311420Z DEC 08
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    h = cable.header
    if h is None or h.de is None or h.de.julian_day is None or h.dtg is None:
        return
    if h.dtg.value is None:
        return
    day = h.dtg.value.date()
    allowed = [_day_of_year(day + timedelta(days=k)) for k in range(3)]
    jday = h.de.julian_day
    if jday in allowed:
        return
    m = _DE_TIME.search(h.de.raw)
    where = (h.de.span.start + m.start("jday"), h.de.span.start + m.end("jday")) if m else h.de
    emit(where, f"day of the year {jday:03d} on the DE line (FL3) does not match the "
         f"date-time group (DTG) date {day.isoformat()} "
         f"(day {allowed[0]:03d}): expected day {allowed[0]:03d} to {allowed[-1]:03d}")


@rule("D004", "de-time-before-dtg", Severity.WARNING)
def de_time_before_dtg(cable: Cable, emit: Emitter) -> None:
    """The DE line's transmission time is earlier than the date-time group (DTG) on the same day.

    The DTG is the time of filing and the DE line the time of transmission, so on the same
    day the DE time cannot be earlier than the DTG time.

    Fails:
        DE RUEHKB #0443/01 1530915
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    h = cable.header
    if h is None or h.de is None or h.de.julian_day is None or not h.de.time:
        return
    if h.dtg is None or h.dtg.value is None:
        return
    value = h.dtg.value
    if h.de.julian_day != value.timetuple().tm_yday:
        return
    de_time = h.de.time
    dtg_time = f"{value.hour:02d}{value.minute:02d}"
    if de_time >= dtg_time:
        return
    m = _DE_TIME.search(h.de.raw)
    where = (h.de.span.start + m.start("time"), h.de.span.start + m.end("time")) if m else h.de
    emit(where, f"transmission time {de_time} on the DE line (FL3) is before the "
         f"date-time group (DTG) time {dtg_time} on the same day "
         f"(day {h.de.julian_day:03d}): expected {dtg_time} or later")


@rule("D005", "date-out-of-range", Severity.WARNING)
def date_out_of_range(cable: Cable, emit: Emitter) -> None:
    """The cable date lies outside the Cablegate period, 1 December 1966 to 1 March 2010.

    A date outside that range is almost always a mistyped DTG year or a wrong wrapper date.

    Fails:
        O 020928Z JUN 11
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
    """
    day = _cable_day(cable)
    if day is None or FIRST_DATE <= day <= LAST_DATE:
        return
    emit(_date_where(cable), f"cable date {day.isoformat()} is outside the Cablegate period: "
         f"expected {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}")


@rule("D006", "eo-order-not-in-force", Severity.WARNING)
def eo_order_not_in_force(cable: Cable, emit: Emitter) -> None:
    """The executive order on the E.O. line was not in force at the cable date.

    Classification orders succeeded each other: 11652 (1972), 12065 (1978), 12356 (1982),
    12958 (1995, amended by 13292 in 2003), 13526 (2009).  About a year of overlap is
    allowed for the changeover; unknown order numbers are left to other rules.  An E.O. line
    that records the release (``E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009``) names
    the order under which the cable was declassified and is not checked.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12356: DECL: OADR

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/02/2019
    """
    eo = cable.body.eo
    day = _cable_day(cable)
    if eo is None or not eo.order or day is None or eo.order not in g.EO_ORDERS:
        return
    if _DECLASSIFIED.search(eo.raw):
        return  # E.O. 12958: DECLASSIFIED BY NARA ...: the order of the release, not of the cable
    since, until = (date.fromisoformat(v) for v in g.EO_ORDERS[eo.order])
    if since - EO_TOLERANCE <= day <= until + EO_TOLERANCE:
        return
    in_force = [o for o, (a, b) in g.EO_ORDERS.items()
                if date.fromisoformat(a) <= day <= date.fromisoformat(b)]
    idx = eo.raw.find(eo.order)
    where = (eo.span.start + idx, eo.span.start + idx + len(eo.order)) if idx >= 0 else eo
    expected = " or ".join(f"E.O. {o}" for o in in_force) or "another order"
    emit(where, f"executive order (E.O.) {eo.order} was not in force on the cable date "
         f"{day.isoformat()} "
         f"(in force {since.isoformat()} to {until.isoformat()}): expected {expected}")


@rule("D007", "decl-before-cable-date", Severity.ERROR)
def decl_before_cable_date(cable: Cable, emit: Emitter) -> None:
    """The declassification date is not after the cable date.

    A DECL date on or before the date of the cable would declassify it at once; it is a
    typo (wrong year) or a date copied from another cable.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/02/2008

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/02/2019
    """
    eo = cable.body.eo
    day = _cable_day(cable)
    if eo is None or day is None:
        return
    when = decl_date(eo, day)
    if when is None or when > day:
        return
    found = _decl_token(eo)
    where = found[1] if found else (eo.span.start, eo.span.end)
    emit(where, f"declassification date (DECL) {when.isoformat()} is not after the cable date "
         f"{day.isoformat()}",
         hint="expected a future date, by default 10 years after the cable date")


@rule("D008", "decl-too-far", Severity.WARNING)
def decl_too_far(cable: Cable, emit: Emitter) -> None:
    """The declassification date is more than 25 years after the cable date.

    E.O. 12958 limits classification to 25 years (the default is 10); a later DECL date is
    usually a typo in the year.  One day of slack allows for the drafter's local date.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/02/2049

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/02/2034
    """
    eo = cable.body.eo
    day = _cable_day(cable)
    if eo is None or day is None:
        return
    when = decl_date(eo, day)
    limit = _add_years(day, 25)
    # The drafter writes the local date, which may be a day after the UTC date of the DTG.
    if when is None or when <= limit + timedelta(days=1):
        return
    years = (when - day).days / 365.25
    found = _decl_token(eo)
    where = found[1] if found else (eo.span.start, eo.span.end)
    emit(where, f"declassification date (DECL) {when.isoformat()} is {years:.1f} years after the "
         f"cable date "
         f"{day.isoformat()}: expected at most 25 years ({limit.isoformat()})")


@rule("D009", "decl-two-digit-year", Severity.INFO)
def decl_two_digit_year(cable: Cable, emit: Emitter) -> None:
    """The declassification date is written with a two-digit year.

    The canonical form is MM/DD/YYYY.  A two-digit year is read in the century that puts
    the date after the cable date (format-spec D9).

    Fails:
        O 020928Z JUN 98
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 6/30/08

    Passes:
        O 020928Z JUN 98
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/30/2008
    """
    eo = cable.body.eo
    if eo is None or eo.decl_kind != "date":
        return
    found = _decl_token(eo)
    if found is None or not _two_digit(found[0]):
        return
    token, where = found
    when = decl_date(eo, _cable_day(cable))
    canon = f"{when.month:02d}/{when.day:02d}/{when.year}" if when else None
    emit(where, f"declassification date (DECL) {token!r} has a two-digit year: expected MM/DD/YYYY"
         + (f" ({canon})" if canon else ""), hint=f"write {canon}" if canon else None)


@rule("D010", "reason-section-era", Severity.WARNING)
def reason_section_era(cable: Cable, emit: Emitter) -> None:
    """The classification reason section does not fit the cable date (1.5 vs 1.4).

    The original E.O. 12958 (effective 14 October 1995) listed the reasons in section 1.5;
    E.O. 13292 renumbered them 1.4 from 25 March 2003.  ``1.5`` after 2003-03-25 and
    ``1.4`` before 1995-10-14 are anachronisms.

    Fails:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/02/2019
        Classified By: Ambassador Anne E. Derse, for reasons 1.5 (b,d).

    Passes:
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        C O N F I D E N T I A L BAKU 000443
        E.O. 12958: DECL: 06/02/2019
        Classified By: Ambassador Anne E. Derse, for reasons 1.4 (b,d).
    """
    cb = cable.body.classified_by
    day = _cable_day(cable)
    if cb is None or not cb.section or day is None:
        return
    if cb.section == "1.5" and day > SECTION_15_UNTIL:
        expected = f"1.4 (E.O. 12958 as amended, since {SECTION_15_UNTIL.isoformat()})"
    elif cb.section == "1.4" and day < SECTION_14_SINCE:
        expected = f"the reasons of the order in force (1.4 only since {SECTION_14_SINCE})"
    else:
        return
    where: tuple[int, int] = (cb.span.start, cb.span.end)
    for m in _REASON_SECTION.finditer(cb.raw):
        if re.sub(r"\s", "", m.group()).replace(",", ".") == cb.section:
            where = (cb.span.start + m.start(), cb.span.start + m.end())
            break
    emit(where, f"reason section {cb.section} on a cable of {day.isoformat()}: "
         f"expected {expected}")
