"""Regressions of the seeded diagnostic review (issue 11, seed 2026): each rule fires where
the cable has the malformation and stays quiet where the tool had misread the page."""

from __future__ import annotations

from tests.ruleutil import diagnose, messages

# 75TEHRAN2069: merged sections of a declassified 1970s cable, surname before the release
# review stamp
_DECLASSIFIED_1975 = """
    C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069

    E.O. 11652: GDS
    TAGS: PINT IR
    SUBJECT: IRANIAN RESURGENCE PARTY CREATED BY SHAH

    1. SHAH ANNOUNCED A NEW PARTY.

    2. IN SUM, LITTLE HAS CHANGED.


    HELMS

    Declassified/Released US Department of State EO
    Systematic Review 05 JUL 2006
    """

_TRUNCATED_1975 = """
    C O N F I D E N T I A L SECTION 1 OF 2 TEHRAN 2069

    E.O. 11652: GDS
    TAGS: PINT IR
    SUBJECT: IRANIAN RESURGENCE PARTY CREATED BY SHAH

    1. SHAH ANNOUNCED A NEW PARTY.

    2. IN SUM, LITTLE HAS

    Declassified/Released US Department of State EO
    Systematic Review 05 JUL 2006
    """


def test_s003_quiet_on_signed_text_before_a_release_stamp() -> None:
    assert diagnose(_DECLASSIFIED_1975, "S003") == []


def test_s003_fires_on_unsigned_text_before_a_release_stamp() -> None:
    assert [code for *_, code in diagnose(_TRUNCATED_1975, "S003")] == ["S003"]


def test_b015_skips_the_release_stamp() -> None:
    assert diagnose(_DECLASSIFIED_1975, "B015") == []
    assert [code for *_, code in diagnose(_TRUNCATED_1975, "B015")] == ["B015"]


# 05ROME1593: the mirror's trailer line after the signature
def test_b015_skips_the_nnnn_trailer() -> None:
    signed = """
        S E C R E T ROME 001593

        SUBJECT: TEST

        6. (U) Baghdad minimize considered.
        SEMBLER
        NNNN  2005ROME01593 - Classification: SECRET
        """
    unsigned = """
        S E C R E T ROME 001593

        SUBJECT: TEST

        6. (U) Baghdad minimize considered.
        NNNN  2005ROME01593 - Classification: SECRET
        """
    assert diagnose(signed, "B015") == []
    assert messages(unsigned, "B015") == [
        "expected a signature (sender's surname) after the text, found none"]


# 08MUNICH355: a mongo export without newlines, TAGS run into the E.O. line
_GLUED = ("UNCLAS MUNICH 000355 SENSITIVE SIPDIS E.O. 12958: N/ATAGS: PGOV EINV INRB GM"
          "SUBJECT: GERMANY/BAVARIA: CSU HOPES FOR FRESH START  1. (SBU) Newly-elected "
          "Minister-President Seehofer has reshuffled the cabinet.  2. (SBU) The CSU hopes "
          "for a fresh start.  NELSON")


def test_b006_quiet_when_tags_run_into_the_eo_line() -> None:
    assert diagnose(_GLUED, "B006") == []
    assert diagnose(_GLUED, "B004") == []


def test_b006_fires_without_tags_anywhere() -> None:
    no_tags = _GLUED.replace("TAGS: PGOV EINV INRB GM", "")
    assert [code for *_, code in diagnose(no_tags, "B006")] == ["B006"]


def test_b004_fires_on_free_text_glued_to_tags() -> None:
    free = _GLUED.replace("N/ATAGS", "AFTER UNIFICATIONTAGS")
    assert [code for *_, code in diagnose(free, "B004")] == ["B004"]


# 72TEHRAN1164: the release review's stamp on a 1972 cable
def test_b004_quiet_on_a_release_stamp() -> None:
    stamp = """
        UNCLASSIFIED TEHRAN 1164

        E.O. 12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006
        TAGS: MASS, MARR, IR
        SUBJECT: ACCELERATION OF F-4ES FOR IRAN
        """
    assert diagnose(stamp, "B004") == []
    assert messages(stamp.replace("AS AMENDED; DECLASSIFIED", "AFTER UNIFICATION"), "B004") \
        == ["expected DECL date, exemption or N/A, found 'AFTER UNIFICATION JUNE 21, 2006'"]
