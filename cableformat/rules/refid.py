"""Reference-ID family (format-spec 2.1): the cable's ID against banner, DE line and FM.

The reference ID comes from the wrapper (WikiLeaks table, CSV column) when there is one;
otherwise it is derived from the banner and cannot disagree with it.
"""

from __future__ import annotations

from cableformat import grammar as g
from cableformat.diagnostics import Severity
from cableformat.model import Cable, RawField
from cableformat.reference import canonical_reference_id, office_id, post
from cableformat.rules.registry import Emitter, rule

_STATE_PLAS = ("SECSTATEWASHDC", "SECSTATE", "DEPTOFSTATE")


def _id_parts(cable: Cable) -> tuple[int, str, int] | None:
    """(two-digit year, origin, serial) of the wrapper's reference ID, if well formed."""
    if cable.wrapper is None or not cable.wrapper.reference_id:
        return None
    m = g.RE_REFERENCE_ID.match(cable.wrapper.reference_id)
    if m is None:
        return None
    return int(m.group("yy")), m.group("origin"), int(m.group("serial"))


def _where(cable: Cable) -> RawField | tuple[int, int]:
    """Where to report an ID problem: the banner if any, else the start of the text."""
    return cable.body.banner if cable.body.banner is not None else (0, 0)


@rule("R001", "reference-id-malformed", Severity.ERROR)
def reference_id_malformed(cable: Cable, emit: Emitter) -> None:
    """The wrapper's reference ID is not two-digit year + origin + serial.

    WikiLeaks derived the ID from the banner line; a corrupted banner gave IDs such as
    ``092OF5``.  Such an ID cannot be used to link or cite the cable.  A malformed ID whose
    canonical form can be recognised (``08SCTION02OF02SAOPAULO335``) is R010's business.

    Fails:
        Reference ID Created Released Classification Origin
        092OF5 2009-03-26 10:00 2011-08-30 01:44 UNCLASSIFIED Consulate Sao Paulo
        UNCLAS SECTION 02 OF 05 SAO PAULO 000335

    Passes:
        Reference ID Created Released Classification Origin
        08SAOPAULO335 2008-03-26 10:00 2011-08-30 01:44 UNCLASSIFIED Consulate Sao Paulo
        UNCLAS SAO PAULO 000335
    """
    ref = cable.wrapper.reference_id if cable.wrapper else None
    if ref and not g.RE_REFERENCE_ID.match(ref):
        if canonical_reference_id(ref)[0] is not None:
            return  # recognisable: R010 reports it with its canonical form
        emit(_where(cable), f"reference ID {ref!r} is not YY + origin + serial (e.g. 09BAKU443)",
             hint="the banner line was probably corrupted when the ID was derived")


@rule("R002", "reference-id-year", Severity.WARNING)
def reference_id_year(cable: Cable, emit: Emitter) -> None:
    """The year of the reference ID differs from the year of the DTG.

    The ID's year is the year the cable was sent; a cable sent around New Year may differ by
    one, anything else points at a wrong ID or a wrong date.

    Fails:
        Reference ID Created Released Classification Origin
        08BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443
    """
    parts = _id_parts(cable)
    dtg = cable.header.dtg if cable.header else None
    if parts is None or dtg is None or dtg.value is None:
        return
    yy = dtg.value.year % 100
    if parts[0] != yy:
        emit(dtg, f"reference ID year {parts[0]:02d} does not match the year of the "
                  f"date-time group (DTG) {yy:02d}")


@rule("R003", "serial-mismatch", Severity.ERROR)
def serial_mismatch(cable: Cable, emit: Emitter) -> None:
    """The banner serial and the reference ID serial disagree.

    The message reference number (MRN) serial is the cable's identity within its office; it
    is repeated in the banner (6 digits), in every continuation header (8 digits) and in the
    reference ID.  They must be the same number.  Continuation headers are compared by S005,
    so that one wrong serial gives one finding.

    Fails:
        Reference ID Created Released Classification Origin
        09BAKU444 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        UNCLAS BAKU 000443

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        UNCLAS BAKU 000443
    """
    banner = cable.body.banner
    if banner is None or not banner.serial:
        return
    serial = int(banner.serial)
    parts = _id_parts(cable)
    if parts is not None and parts[2] != serial:
        emit(banner, f"banner serial {banner.serial} does not match the reference ID serial "
                     f"{parts[2]}")


@rule("R004", "de-ssn-mismatch", Severity.WARNING)
def de_ssn_mismatch(cable: Cable, emit: Emitter) -> None:
    """The DE line's station serial number (SSN) is not the last four digits of the MRN.

    The SSN on format line 3 is the serial modulo 10,000, zero padded: ``#0443`` for
    ``BAKU 000443``.

    Fails:
        DE RUEHKB #0444/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443

    Passes:
        DE RUEHKB #0443/01 1530928
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443
    """
    de = cable.header.de if cable.header else None
    banner = cable.body.banner
    if de is None or de.ssn is None or banner is None or not banner.serial:
        return
    expected = int(banner.serial) % 10000
    parts = _id_parts(cable)
    if parts is not None and parts[2] != int(banner.serial) and int(de.ssn) == parts[2] % 10000:
        return  # the banner serial is the odd one out: R003 reports it once
    if int(de.ssn) != expected:
        emit(de, f"the DE line's station serial number (SSN) #{de.ssn} does not match the "
                 f"message reference number (MRN) {banner.serial} "
                 f"(expected #{expected:04d})")


@rule("R005", "banner-office-mismatch", Severity.ERROR)
def banner_office_mismatch(cable: Cable, emit: Emitter) -> None:
    """The banner office is not the origin of the reference ID.

    WikiLeaks built the ID from the banner; an ID whose origin differs from the banner
    office is a corrupted ID or a corrupted banner.

    Fails:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        UNCLAS ANKARA 000443

    Passes:
        Reference ID Created Released Classification Origin
        09SAOPAULO443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Consulate Sao Paulo
        UNCLAS SAO PAULO 000443
    """
    banner = cable.body.banner
    parts = _id_parts(cable)
    if banner is None or not banner.office or parts is None:
        return
    if "XXXXXX" in banner.office.upper():
        return  # the office was redacted (B017): nothing to compare
    office = office_id(banner.office)
    if office != parts[1] and not parts[1].endswith(office):
        emit(banner, f"banner office {banner.office!r} does not match the reference ID origin "
                     f"{parts[1]}")


@rule("R006", "fm-office-mismatch", Severity.WARNING)
def fm_office_mismatch(cable: Cable, emit: Emitter) -> None:
    """The originator address (FM) does not name the office of the reference ID.

    ``FM AMEMBASSY BAKU`` belongs to a ``BAKU`` cable, ``FM SECSTATE WASHDC`` to a
    ``STATE`` cable and ``FM USDEL SECRETARY`` (the plain-language address of the post
    table) to a ``PARTO`` cable; anything else means the ID or the header belongs to another
    cable.  A malformed ID (``09EFTOLONDON2521``, reported by R010) is compared by its
    canonical origin.

    Fails:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        O 020928Z JUN 09
        FM AMEMBASSY ANKARA
        UNCLAS BAKU 000443

    Passes:
        Reference ID Created Released Classification Origin
        09BAKU443 2009-06-02 09:28 2011-08-30 01:44 UNCLASSIFIED Embassy Baku
        O 020928Z JUN 09
        FM AMEMBASSY BAKU
        UNCLAS BAKU 000443
    """
    fm = cable.header.fm if cable.header else None
    origin = _id_parts(cable)
    if fm is None or not fm.address:
        return
    ref = origin[1] if origin else (office_id(cable.body.banner.office or "")
                                    if cable.body.banner else "")
    if not ref:
        return
    if origin is not None and cable.wrapper is not None and cable.wrapper.reference_id:
        canonical = canonical_reference_id(cable.wrapper.reference_id)[0]
        parts = g.RE_REFERENCE_ID.match(canonical) if canonical else None
        if parts is not None:
            ref = parts.group("origin")  # 09EFTOLONDON2521: R010 reports the ID once
    pla = "".join(ch for ch in fm.address.upper() if ch.isalpha())
    if ref == "STATE":
        ok = pla.startswith(_STATE_PLAS) or "STATE" in pla
    else:
        ok = pla.endswith(ref) or ref in pla
    if not ok:
        known = post(ref)
        own_pla = "".join(ch for ch in known.pla.upper() if ch.isalpha()) if known else ""
        ok = bool(own_pla) and pla.startswith(own_pla)  # PARTO: FM USDEL SECRETARY//EUROPE//
    if not ok:
        emit(fm, f"originator address (FM) {fm.address!r} does not name the office {ref} of "
                 "this cable")
