"""Reference tables: contents checked against known facts, lookups, canonical IDs."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from cableformat import reference as ref
from cableformat.reference import office_id

DATA_FILES = ("tags.csv", "countries.csv", "routing-indicators.csv", "posts.csv",
              "office-aliases.csv")


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_files_name_source_licence_and_version(name: str) -> None:
    text = resources.files("cableformat").joinpath("data", name).read_text(encoding="utf-8")
    head = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for word in ("source:", "licence:", "version:"):
        assert word in head, f"{name} has no {word} line"


def test_routing_indicators_against_acp117() -> None:
    assert [r.address for r in ref.routes("RUEHKB")] == ["AMEMBASSY BAKU"]
    assert "DEPT OF STATE WASHINGTON DC" in [r.address for r in ref.routes("RUEHC")]
    assert [r.address for r in ref.routes("RUEHQT")] == ["AMEMBASSY QUITO"]  # typo corrected
    assert ref.routes("rueKB") == ()
    assert len(ref.routing_indicators()) > 1500


def test_fips_codes() -> None:
    assert ref.country("RS").name == "Russia"
    assert ref.country("AJ").name == "Azerbaijan"
    assert ref.country("TU").name == "Turkey"
    assert ref.country("GM").name == "Germany"
    assert ref.country("UK").name == "United Kingdom"
    assert ref.country("VT").name.startswith("Holy See")
    assert ref.country("RU") is None and ref.country("TR") is None
    assert ref.country("EUN") is not None
    assert ref.country("XF").kind == "region"


def test_iso_to_fips() -> None:
    assert ref.iso_to_fips("RU") == "RS"
    assert ref.iso_to_fips("TR") == "TU"
    assert ref.iso_to_fips("DE") == "GM"
    assert ref.iso_to_fips("AZ") == "AJ"
    assert ref.iso_to_fips("FR") is None  # the same in both
    assert ref.iso_to_fips("QQ") is None


def test_tags_table() -> None:
    pgov = ref.tag_info("PGOV")
    assert pgov is not None and pgov.kind == "subject"
    assert pgov.description.lower() == "internal governmental affairs"
    assert pgov.category == "political"
    assert ref.tag_info("prel").description.lower() == "external political relations"
    assert ref.tag_info("KDEM").kind == "program"
    assert ref.tag_info("NATO").kind == "organization"
    assert ref.tag_info("ZANU-PF") is not None
    assert ref.tag_info("POGOV") is None
    subject = [t for t in ref.tags().values() if t.kind == "subject"]
    assert {t.tag[0] for t in subject} <= set("ABCELMOPST")
    assert len(subject) >= 96


def test_posts_link_every_name() -> None:
    baku = ref.post("BAKU")
    assert baku is not None
    assert (baku.banner, baku.pla, baku.ris, baku.origin, baku.country) == (
        "BAKU", "AMEMBASSY BAKU", ("RUEHKB",), "Embassy Baku", "AJ")
    assert ref.post("SAO PAULO").origin == "Consulate Sao Paulo"
    assert ref.post("STATE").ris == ("RUEHC",)
    assert ref.post("SECSTATE").office == "STATE"
    assert [p.office for p in ref.post_by_ri("RUEHKB")] == ["BAKU"]
    assert ref.post("NOWHERE") is None
    for p in ref.posts().values():
        assert p.country == "" or ref.country(p.country) is not None, p


@pytest.mark.parametrize(("written", "office"), [
    ("SECSTATE", "STATE"), ("SAO PAULO", "SAOPAULO"), ("USUN", "USUNNEWYORK"),
    ("SAOPAUO", "SAOPAULO"), ("AMEMBASSY BAKU", "BAKU"), ("REFTEL KABUL", "KABUL"),
    ("BAKU", "BAKU"), ("FOO BAR", "FOOBAR"),
])
def test_canonical_office(written: str, office: str) -> None:
    assert ref.canonical_office(written) == office
    assert office_id(written) == office


@pytest.mark.parametrize(("malformed", "canonical"), [
    ("08SCTION02OF02SAOPAULO335", "08SAOPAULO335"),
    ("09SECTIOQ1OF06HARARE876", "09HARARE876"),
    ("08SECTION01GF02BISHIEK21", "08BISHKEK21"),
    ("06EFTOBAKU1165", "06BAKU1165"),
    ("10EFTOLONDON16", "10LONDON16"),
    ("09AMEMBASSYHANOI1284", "09HANOI1284"),
    ("85NOFORNMOGADISHU1643", "85MOGADISHU1643"),
    ("09SIFIEDABUJA1673", "09ABUJA1673"),
    ("07SOIA828", "07SOFIA828"),
    ("09BRUSSLS1332", "09BRUSSELS1332"),
    ("08IHARTOUM1126", "08KHARTOUM1126"),
    ("06AITTAIPIE2654", "06AITTAIPEI2654"),
    ("90STATE255577TOSEC140323", "90STATE255577"),
    ("7575LIBREVILLE1895", "75LIBREVILLE1895"),
    ("08FSCCHARLESTON1712", "08CHARLESTON1712"),
    ("0901OF02RPODUBAI288", "09RPODUBAI288"),
    ("06MADRID002583ZFR2585", "06MADRID2583"),
])
def test_canonical_reference_id_by_rules(malformed: str, canonical: str) -> None:
    found, reason = ref.canonical_reference_id(malformed)
    assert found == canonical
    assert reason


@pytest.mark.parametrize("good", ["09BAKU443", "10STATE284", "06USUNNEWYORK1065",
                                  "1973STATE097844", "09NEWPOST12"])
def test_well_formed_ids_are_left_alone(good: str) -> None:
    assert ref.canonical_reference_id(good) == (good, "")


@pytest.mark.parametrize("bad", ["092OF5", "06ASTANA", "", "BAKU443"])
def test_unrecognisable_ids(bad: str) -> None:
    found, reason = ref.canonical_reference_id(bad)
    assert found is None and reason


@pytest.mark.parametrize(("token", "parts"), [
    ("PHUMBA", ["PHUM", "BA"]), ("ECONEFIN", ["ECON", "EFIN"]),
    ("ETRDEINVECINPGOVCS", ["ETRD", "EINV", "ECIN", "PGOV", "CS"]),
    ("KNNPMNUC", ["KNNP", "MNUC"]), ("EUNCH", ["EUN", "CH"]),
    ("KFRDCVISKOCIEG", ["KFRD", "CVIS", "KOCI", "EG"]),  # KOCI: K + 3 letters, not in tables
])
def test_split_tags(token: str, parts: list[str]) -> None:
    assert ref.split_tags(token) == parts


@pytest.mark.parametrize("token", ["IRAN", "PAKISTAN", "JAPAN", "CHINA", "PGOV", "NATO",
                                   "KAZAKHSTAN", "KNOWLEDGE"])
def test_split_tags_leaves_words_alone(token: str) -> None:
    assert ref.split_tags(token) is None


def test_did_you_mean() -> None:
    assert ref.did_you_mean("POGOV", ref.tags()) == "PGOV"
    assert ref.did_you_mean("CACS", ref.tags()) == "CASC"
    assert ref.did_you_mean("QQQQQQ", ref.tags()) is None


def test_import_does_not_load_tables() -> None:
    code = ("import sys, cableformat, cableformat.reference as r; "
            "print(r.tags.cache_info().currsize, r.posts.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["0", "0"]


def _closest_by_difflib(word: str, candidates: tuple[str, ...], cutoff: float) -> str | None:
    """did_you_mean as difflib spells it: every candidate through a SequenceMatcher."""
    import difflib

    best = None
    for cand in candidates:
        ratio = difflib.SequenceMatcher(None, cand, word).ratio()
        if ratio < cutoff:
            continue
        key = (ratio, len(cand) == len(word), cand[:1] == word[:1], cand)
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best else None


@pytest.mark.parametrize("pool_name", ["tags", "posts"])
def test_did_you_mean_agrees_with_difflib_over_every_candidate(pool_name: str) -> None:
    import random
    import string

    pool = tuple(getattr(ref, pool_name)())
    rng = random.Random(7)
    words = []
    for _ in range(60):  # typos of known values, and random strings
        known = rng.choice(pool)
        i = rng.randrange(len(known))
        words.append(known[:i] + rng.choice(string.ascii_uppercase) + known[i + 1 :])
        words.append("".join(rng.choices(string.ascii_uppercase, k=rng.choice([3, 4, 6, 9]))))
    for word in words:
        for cutoff in (0.6, 0.75, 0.85):
            assert ref.did_you_mean(word, pool, cutoff) == _closest_by_difflib(word, pool, cutoff)


@pytest.mark.parametrize(("word", "tag"), [
    ("MOPPS", "MOPS"), ("UNDESCO", "UNESCO"), ("MPOS", "MOPS"), ("ENGR", "ENRG"),
    ("PGGV", "PGOV"), ("TIP", "KTIP"), ("PEL", "PREL"), ("AU-I", "AU-1"),
    ("PINF", None), ("HUMAN", None), ("QQQQQQ", None), ("AB", None),
])
def test_suggest_tag_one_edit_or_nothing(word: str, tag: str | None) -> None:
    assert ref.suggest_tag(word) == tag


def test_country_code_by_name() -> None:
    assert ref.country_code_by_name("Afghanistan") == "AF"
    assert ref.country_code_by_name("ITALY") == "IT"
    assert ref.country_code_by_name("IRAQI") is None


@pytest.mark.parametrize(("written", "office"), [
    ("WHITE HOUSE WASHINGTON DC", "WHITEHOUSE"), ("RIO", "RIODEJANEIRO"),
    ("DELHI", "NEWDELHI"), ("FOO WASHDC", "FOOWASHDC"),
])
def test_canonical_office_suffixes_and_short_names(written: str, office: str) -> None:
    assert ref.canonical_office(written) == office
