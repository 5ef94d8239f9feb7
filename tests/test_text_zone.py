"""Fast paths of the text zone (parser.body) give what their plain forms give."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cableformat
from cableformat.parser import body

# words, spaces of every kind (ASCII breaks, NBSP, ideographic space), case-folding oddities
_ALPHABET = st.sampled_from(
    ["a", "E", "e", "N", "n", "D", "d", "END", "end", " ", "  ", "\t", "\x0b", "\x1c", "\xa0",
     "\u3000", "ß", "ſ", "İ", "x", ".", "SUMMARY", "Comment", "\x7f"]
)
_LINE = st.lists(_ALPHABET, max_size=12).map("".join)


@given(st.lists(_LINE, max_size=6), st.booleans())
@example(["1. end.  Next   one ", "", "  two\tthree "], True)
@example(["a      b         c"], False)
def test_fold_is_split_and_join(lines: list[str], breaks: bool) -> None:
    if not breaks and any(c in line for line in lines for c in body._ASCII_BREAKS):
        breaks = True  # breaks=False promises there are none
    assert body._fold(lines, breaks) == " ".join(" ".join(lines).split())


@given(_LINE)
@example("x END SUMMARY and end comment; endend text, END  FYI")
@example("ß END TEXT")
def test_end_markers_are_those_finditer_finds(line: str) -> None:
    want = [(m.start(), m.end()) for m in body._END_MARKER.finditer(line)]
    got = [(m.start(), m.end()) for m in body.BodyParser._end_markers(line, line.upper())]
    assert got == want


def test_paragraph_text_leaves_out_page_noise_and_folds_spaces() -> None:
    text = (
        "UNCLAS SECTION 01 OF 02 BAKU 000443\n\nSUBJECT: X\n\n"
        "1. (U) First  line \nsecond\tline\n\n"
        "BAKU 00000443  002 OF 002\n\n"
        "third line. END SUMMARY\n\n2. Next.\n"
    )
    paras = cableformat.parse(text).body.paragraphs
    assert [p.text for p in paras] == ["First line second line third line. END SUMMARY", "Next."]


# -- reading the text as an archivist would (issue "Read real pages ...") ------------------

_HEAD = "UNCLAS SECTION 01 OF 02 ZAGREB 000815\n\nSUBJECT: PLIVA\n\n"
_WORD = str.maketrans("", "", ".,:;!?()\"'")


def _words(text: str) -> list[str]:
    """The words of ``text`` without punctuation and rule runs."""
    out = []
    for w in text.split():
        w = w.translate(_WORD)
        if w and w.strip("-="):
            out.append(w)
    return out


def _conserved(text: str) -> None:
    """Every word after the head is in exactly one of paragraphs, headings, signature."""
    cable = cableformat.parse(text)
    body = cable.body
    got = []
    for p in body.paragraphs:
        got += [p.number] + ([p.portion] if p.portion else []) + _words(p.marker or "")
        got += _words(p.text)
    got += [w for h in body.headings for w in _words(h.text)]
    got += _words(body.signature.raw) if body.signature else []
    want = _words(text.split("\n\n", 2)[2])
    assert sorted(got) == sorted(want)


def test_reflowed_paragraphs_split_at_their_numbers_and_signature_is_taken_out() -> None:
    # 06ZAGREB815: paragraphs 8-10 and the signature glued into paragraph 7
    text = _HEAD + (
        "1. Pliva publicly endorsed Barr, than with Activas. 2. Although Actavis officials "
        "said so, analysts doubt it. 3. Pliva officials said U.S. agencies need 4. "
        "years. 4. Post has used recent meetings to support Barr. DELAWIE\n"
    )
    body = cableformat.parse(text).body
    assert [p.number for p in body.paragraphs] == ["1", "2", "3", "4"]
    assert [p.run_in for p in body.paragraphs] == [False, True, True, True]
    assert body.paragraphs[1].text == "Although Actavis officials said so, analysts doubt it."
    assert body.paragraphs[-1].text == "Post has used recent meetings to support Barr."
    assert body.signature is not None and body.signature.raw == "DELAWIE"
    assert body.paragraphs[-1].raw.endswith("Barr.")
    assert not cableformat.validate(text, select=["B012"])
    _conserved(text)


def test_run_in_needs_the_next_number_after_a_sentence_end() -> None:
    text = _HEAD + "1. Text rose by 2. 3. Other figures and 2. More.\n\n2. Next.\n"
    body = cableformat.parse(text).body
    assert [p.number for p in body.paragraphs] == ["1", "2"]
    assert not any(p.run_in for p in body.paragraphs)


@pytest.mark.parametrize(("ending", "name"), [
    ("he almost certainly would. CAULFIELD", "CAULFIELD"),
    ("END OF TEXT. BAKER", "BAKER"),
    ("BEIRUT MINIMIZE CONSIDERED. EAGLETON", "EAGLETON"),
    ("for the future. Scobey", "Scobey"),
    ("Classified Website: XXXXXXXXXXXX TUTTLE", "TUTTLE"),
    ("Website: XXXX********* ******** ERELI", "ERELI"),
    ("it ended. CRETZ\n \n...", "CRETZ"),
    ("cleared by Embassy Brasilia. McMullen", "McMullen"),
    ("to achieve more. Thompson-Jones", "Thompson-Jones"),
    ("(C/NF) XXXXXXXXXXXX MOLLER", "MOLLER"),
    ("Website at http://www.intelink.sgov.gov/wiki/Portal:Turk ey SILLIMAN", "SILLIMAN"),
    ("do the same. End comment.\nSPOGLI \"", "SPOGLI"),
    ("it ended.\nBASSETT 1/21/2009", "BASSETT"),
    ("it ended. SULLIVAN\nCONFIDENTIAL\nDeclassified/Released US Department of State", "SULLIVAN"),
])
def test_glued_and_dated_signatures(ending: str, name: str) -> None:
    text = _HEAD + "1. The talks went well and " + ending + "\n"
    body = cableformat.parse(text).body
    assert body.signature is not None and body.signature.raw == name
    assert name not in body.paragraphs[-1].text


@pytest.mark.parametrize("ending", [
    "the talks went on. End Cable Text", "the talks went on. SENSITIVE BUT UNCLASSIFIED",
    "the talks went on. CORRECTION TO FOLLOW", "we agree. PLEASE ADVISE.",
    "the talks went on. END COMMENT",
    "the committee will treat it as a high priority\nissue.",
    "contact the RSO in Peshawar, David J. Hazarian",
])
def test_closing_formulas_are_no_signature(ending: str) -> None:
    body = cableformat.parse(_HEAD + "1. Then " + ending + "\n").body
    assert body.signature is None


def test_wrapped_dates_and_references_are_no_paragraphs() -> None:
    # 06BOGOTA8663, 08BERLIN1068: a date or a reference wrapped to the line start
    text = _HEAD + (
        "1. (C) The delegation of the ministry will come to Washington on June\n"
        "5. The minister said the visit would matter, as noted in paragraph\n"
        "3. More follows.\n\n2. (C) Next paragraph, on funds for FY 09 and for FY\n\n"
        "10. Then more.\n\n3. (C) Last.\n"
    )
    body = cableformat.parse(text).body
    assert [p.number for p in body.paragraphs] == ["1", "2", "3"]
    assert not cableformat.validate(text, select=["B012"])
    _conserved(text)


def test_marker_punctuation_stays_out_of_paragraph_text() -> None:
    text = _HEAD + "1. SUMMARY: The talks went well.\n\n2. (C) Comment -- It went well.\n"
    paras = cableformat.parse(text).body.paragraphs
    assert [p.text for p in paras] == ["The talks went well.", "It went well."]
    assert [p.marker for p in paras] == ["SUMMARY", "Comment"]


def test_headings_are_nodes_and_leave_paragraph_text() -> None:
    text = _HEAD + (
        "1. SUMMARY: Barr bid for Pliva.\n\n-----------\nBIDDING WAR\n-----------\n\n"
        "2. Pliva is the object.\n\nCritics Attack Garcia's Decentralization and\n"
        "Efforts\n----------------\n3. (U) Text.\n\nCOMMENT\n\n4. (C) It went well.\n"
        "\nOAS TAKES BRAZIL TO TASK ------------------------\n\n5. This was. End summary. "
        "--------------- EU \"UNBUNDLING\" --------------- 6. (SBU) According to him. ESF "
        "Funding Levels ------------------\n\n7. (SBU) Last.\nDERSE\n"
    )
    body = cableformat.parse(text).body
    assert [h.text for h in body.headings] == [
        "BIDDING WAR", "Critics Attack Garcia's Decentralization and Efforts", "COMMENT",
        "OAS TAKES BRAZIL TO TASK", 'EU "UNBUNDLING"', "ESF Funding Levels",
    ]
    assert [p.number for p in body.paragraphs] == ["1", "2", "3", "4", "5", "6", "7"]
    for p in body.paragraphs:
        assert "---" not in p.text and "COMMENT" not in p.text and "Funding" not in p.text
    assert body.paragraphs[4].text == "This was. End summary."
    assert body.paragraphs[5].text == "According to him."
    _conserved(text)


def test_last_paragraph_line_is_no_plain_heading() -> None:
    text = _HEAD + "1. The talks went well\nand ended\n\n2. Next.\n\nLast words\n"
    body = cableformat.parse(text).body
    assert body.headings == []


def test_paragraphs_numbered_with_a_parenthesis_need_a_portion_mark() -> None:
    text = _HEAD + "1) (U) Summary. Lula acted.\n\n2) (SBU) Next.\n\n3) a list item\n"
    paras = cableformat.parse(text).body.paragraphs
    assert [(p.number, p.portion) for p in paras] == [("1", "U"), ("2", "SBU")]
    assert paras[1].text == "Next. 3) a list item"


def test_heading_run_into_the_first_line_of_its_paragraph() -> None:
    # 05BRASILIA715: "HAITI 5. (SBU) Affirming ..."
    text = _HEAD + (
        "1. (C) Bolivia matters, Amorim said.\n\nHAITI 2. (SBU) Affirming the US view.\n\n"
        "MINISTRY OF FOREIGN AFFAIRS 7. (U) Out of sequence: text.\n"
    )
    body = cableformat.parse(text).body
    assert [h.text for h in body.headings] == ["HAITI"]
    assert [p.run_in for p in body.paragraphs] == [False, True]
    assert [(p.number, p.text) for p in body.paragraphs] == [
        ("1", "Bolivia matters, Amorim said."),
        ("2", "Affirming the US view. MINISTRY OF FOREIGN AFFAIRS 7. (U) Out of sequence: text."),
    ]
    _conserved(text)


_WC_HEAD = "UNCLAS BAKU 000443\n\nSUBJECT: TEST\n\n"
_TEXT_ZONE_SHAPES = {
    "run-in-near-misses": lambda n: _WC_HEAD + "1. (C) Text. " + "2. 2. " * (n // 6) + "\n",
    "run-ins": lambda n: _WC_HEAD + "1. (C) A. " + " ".join(
        f"{k}. (C) A." for k in range(2, n // 10)) + "\n",
    "rule-runs": lambda n: _WC_HEAD + "1. (C) Text. " + "Ab. --- " * (n // 8) + "\n",
    "inline-headings": lambda n: _WC_HEAD + "1. (C) Text. " + "--- A --- " * (n // 10) + "\n",
    "wrapped-numbers": lambda n: _WC_HEAD + "1. (C) Text.\n"
    + "the delegation will come to Washington in June\n5. x\n" * (n // 50),
    "glued-signature": lambda n: _WC_HEAD + "1. (C) " + ". A" * (n // 3) + "\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(_TEXT_ZONE_SHAPES))
def test_text_zone_time_grows_linearly(name: str) -> None:
    from tests.test_worst_cases import run

    build = _TEXT_ZONE_SHAPES[name]
    small, large = build(20_000), build(200_000)
    run(small)
    t_small = max(min(run(small) for _ in range(3)), 1e-3)
    t_large = min(run(large) for _ in range(3))
    assert t_large / t_small < 30, f"{name}: x10 input took x{t_large / t_small:.0f} time"
    assert cableformat.render(cableformat.parse(large)) == large


_EXAMPLES = ("html/06ZAGREB815.html", "html/06BOGOTA8663.html", "html/08BERLIN1068.html",
             "html/09BRASILIA282.html", "html/04BRASILIA1450.html", "html/07MOSCOW5399.html",
             "html/09CAIRO1727.html", "text/09TRIPOLI632.txt")


def _word_list(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


@pytest.mark.parametrize("name", _EXAMPLES)
def test_every_word_of_the_text_is_in_exactly_one_node(corpus, name: str) -> None:
    """Paragraph text, headings and signature keep every word from the first paragraph to
    the end of the text once (noise lines, markup and rules aside)."""
    path = corpus / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    cable = next(cableformat.read(path))
    body = cable.body
    assert body.paragraphs
    got: list[str] = []
    for p in body.paragraphs:
        for part in (p.number, p.portion, p.marker, p.text):
            got += _word_list(part or "")
    start = body.paragraphs[0].span.start
    end = max([p.span.end for p in body.paragraphs]
              + [body.signature.span.end if body.signature else 0])
    got += [w for h in body.headings if start <= h.span.start < end for w in _word_list(h.text)]
    if body.signature is not None:
        got += _word_list(body.signature.raw)
    text, starts = cable.text, cable.line_starts
    want: list[str] = []
    for kind, a, b in zip(cable.line_kinds, starts, [*starts[1:], len(text)], strict=True):
        if b <= start or a >= end or kind in ("continuation", "page", "stray", "trailer"):
            continue
        want += _word_list(re.sub(r"<[^<>\n]{0,300}>", "", text[max(a, start) : min(b, end)]))
    assert sorted(got) == sorted(want)


def test_signature_before_footers_and_cut_off() -> None:
    import cableformat

    head = "UNCLAS ANKARA 000302\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n1. (U) Text.\n"
    for tail, name in [
        ("Jeffrey\n\"Visit Ankara's Classified Web Site at http://www.example/Portal\"\n",
         "Jeffrey"),
        ("CHACON ...\n", "CHACON"),  # a signature cut off with the page
        ("PORTER\nLIMITED OFFICIAL USE\nNMAFVVZCZ\n*** Current Handling Restrictions ***   n/a\n"
         "***  Current Classification ***   LIMITED OFFICIAL USE\n", "PORTER"),
    ]:
        cable = cableformat.parse(head + "\n" + tail)
        assert cable.body.signature is not None and cable.body.signature.raw == name, tail
        assert "B015" not in {d.code for d in cableformat.validate(cable)}
