"""Fast paths of the text zone (parser.body) give what their plain forms give."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cableformat
from cableformat.parser import body, text_zone

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


# -- paragraph numbers as written (B012 fidelity) -------------------------------------------


def _numbers(text: str) -> list[str | None]:
    return [p.number for p in cableformat.parse(_HEAD + text).body.paragraphs]


def test_number_after_a_hyphen_is_a_wrapped_range() -> None:
    # 05REYKJAVIK520: "... visit July 1-" / "2.  In meetings ..." is July 1-2
    text = ("1.  The following text updates the report and the visit of\n"
            "-- Iceland hosted the Commandant on a goodwill visit July 1-\n"
            "2.  In meetings with Larusson, Admiral Collins proposed training.\n")
    assert _numbers(text) == ["1"]


def test_paragraph_number_without_full_stop_or_with_comma() -> None:
    # 07DUBAI355 "15 (SBU) He also called", 04THEHAGUE1915 "5, (S/NF) This information"
    text = "14. (SBU) Text.\n\n15 (SBU) He also called.\n\n16. (U) Cleared.\n"
    assert _numbers(text) == ["14", "15", "16"]
    text = "4. (SBU) Subject Two.\n\n5, (S/NF) This information was provided.\n\n6. (SBU) No.\n"
    assert _numbers(text) == ["4", "5", "6"]
    # only where the number goes on with the numbering: "20 (C)" is no paragraph 2
    assert _numbers("1. (C) Text.\n\n20 (C) members met.\n") == ["1"]


def test_abbreviated_month_ending_a_sentence_then_the_next_paragraph() -> None:
    # 1975TOKYO16130: "... DECLINE IN SEPT." / blank lines / "2. IN RELEASING ..."
    text = ("1. NUMBER OF WORKERS EMPLOYED IN MANUFACTURING SECTOR AGAIN STARTED TO\n"
            "DECLINE IN SEPT.\n\n\n2. IN RELEASING THE FIGURES, THE OFFICE SAID SO.\n")
    assert _numbers(text) == ["1", "2"]
    # a cross-reference stays one (08KAMPALA266 "listed in para." / blank / "3.I) Date")
    text = ("1. Text.\n\n2. Further copies are available. Contact information is listed in para.\n"
            "\n3.I) Date and time of incident: not yet known.\n")
    assert _numbers(text) == ["1", "2"]


def test_wrapped_figure_across_a_blank_line_off_the_numbering() -> None:
    # 08MANAMA34: "... employment of children under the age of" / blank / "16. Juveniles"
    text = ("1. Text.\n\n2. The labor law of 1976 continues to prohibit the employment of "
            "children under the age of\n\n16. Juveniles between ages 14 and 16 may work.\n")
    assert _numbers(text) == ["1", "2"]


def test_run_in_paragraph_opening_with_its_marker() -> None:
    # 10JAKARTA186: "1. Action/funding request in paragraph 5. 2. Summary: Mission ..."
    text = ("1. Action/funding request in paragraph 5. 2. Summary: Mission Indonesia requests "
            "funding. End Summary.\n\n3. U.S. Mission Indonesia is on the forefront.\n")
    paras = cableformat.parse(_HEAD + text).body.paragraphs
    assert [(p.number, p.marker) for p in paras] == [("1", None), ("2", "Summary"), ("3", None)]
    assert paras[1].text.startswith("Mission Indonesia")


# -- the gold pages' misreadings, as mechanisms ---------------------------------------------


def test_first_paragraph_glued_to_the_ref_line() -> None:
    # 08LONDON1763: "REF: STATE 69691 1. (SBU)" / "The UK concurs ..."
    text = ("UNCLAS LONDON 001763\n\nSUBJECT: KOSOVO\n\nREF: STATE 69691 1. (SBU)\n\n"
            "The UK concurs with the U.S. view.\n\n2. (U) Bye was pleased.\n\nTUTTLE\n")
    cable = cableformat.parse(text)
    assert cable.body.refs is not None and cable.body.refs.raw == "REF: STATE 69691"
    paras = cable.body.paragraphs
    assert [(p.number, p.portion) for p in paras] == [("1", "SBU"), ("2", "U")]
    assert paras[0].text == "The UK concurs with the U.S. view."


def test_first_paragraph_number_without_full_stop() -> None:
    # 06BOGOTA10197: "1 (C) The President of Drummond Coal Colombia ..."
    assert _numbers("1 (C) The President met us.\n\n2.(C) Drummond plans.\n") == ["1", "2"]


def test_signature_under_a_text_run_on_in_the_head() -> None:
    # 08LONDON2218: the reflowed text runs on in the Classified By line, LEBARON below it
    long_text = "for Reasons 1.4 (b) and (d) (C) HMG is fully aware of U.S. opposition. " * 4
    text = ("C O N F I D E N T I A L LONDON 002218\n\nSUBJECT: NATO\n\n"
            f"Classified By: Political Counselor Richard M. Mills, Jr. {long_text}\nLEBARON\n")
    cable = cableformat.parse(text)
    assert cable.body.signature is not None and cable.body.signature.raw == "LEBARON"
    assert "LEBARON" not in cable.body.classified_by.raw


def test_oasys_record_marks_are_trailer_lines() -> None:
    # 02ROME1196: "... SOME NEW ONES. POPE" / " CONFIDENTIAL" / ">  2002ROME01196 - Classif..."
    text = (_HEAD + "8. (C) WE JUST HANDED THEM SOME NEW ONES. POPE\n CONFIDENTIAL\n"
            ">  2002ROME01196 - Classification: CONFIDENTIAL\n")
    cable = cableformat.parse(text)
    assert cable.body.signature is not None and cable.body.signature.raw == "POPE"
    assert cable.line_kinds[-1] == "trailer"


def test_underlined_headings_in_a_reflowed_line() -> None:
    # 08BAKU761: after "End Summary" without a full stop; a title as long as its rule after
    # a sentence that lost its full stop
    text = (_HEAD + "1. (SBU) Summary: Gas is unavailable. End Summary BP Unsure of Extent of "
            "Damage to BTC ------------------------------------ 2. (SBU) On August 11 BP said "
            "so. 3. (C) Volumes would be severely limited Shah Deniz Production Also Down "
            "------------------------------- 4. (C) Heydarov said so.\n")
    cable = cableformat.parse(text)
    assert [h.text for h in cable.body.headings] == [
        "BP Unsure of Extent of Damage to BTC", "Shah Deniz Production Also Down"]
    assert [p.number for p in cable.body.paragraphs] == ["1", "2", "3", "4"]


def test_colon_after_the_portion_mark_is_no_text() -> None:
    # 05BOGOTA1775 "1. (C):  Mexican facilitator ...", 09TRIPOLI579 "6.(C/NF): It is worth"
    paras = cableformat.parse(_HEAD + "1. (C):  Mexican facilitator met.\n\n"
                              "2.(C/NF): It is worth studying.\n").body.paragraphs
    assert [p.text for p in paras] == ["Mexican facilitator met.", "It is worth studying."]


def test_headings_after_another_rule_and_long_underlined_headings() -> None:
    # 10CAIRO366: "... programs. ----- Country Presentations ----- Democratic Republic of Congo ---"
    text = (_HEAD + "3. (SBU) Other assistance programs. ------------------------ Country "
            "Presentations ------------------------- Democratic Republic of Congo "
            "----------------------------------------\n4. (SBU) DRC identified two areas.\n")
    cable = cableformat.parse(text)
    assert [h.text for h in cable.body.headings] == [
        "Country Presentations", "Democratic Republic of Congo"]
    assert "-" not in cable.body.paragraphs[0].text
    # 09LONDON923: an underlined heading of more than 100 characters standing alone
    title = ("XXXXXXXXXXXX: Nervousness of Authorities Emboldened Him, But Reformists Too "
             "Disorganized to Capitalize")
    text = _HEAD + f"1. (C) Text.\n\n{title} {'-' * 36}\n\n2. (C) More.\n"
    cable = cableformat.parse(text)
    assert [h.text for h in cable.body.headings] == [title]
    assert [p.text for p in cable.body.paragraphs] == ["Text.", "More."]


def test_a_paragraphs_own_portion_mark_is_read_once_in_the_json_words() -> None:
    # 06BOGOTA10197: "2.(C) Drummond" read as "2 C Drummond"; the portion-mark node of
    # paragraph 1 standing before it must not read "C" once more (the checker saw a loss)
    from cableformat.writers import conservation as cons

    cable = cableformat.parse(_HEAD + "1 (C) The President met us.\n\n2.(C) Drummond plans.\n")
    assert [p.number for p in cable.body.paragraphs] == ["1", "2"]
    assert cons.compare(cons.cable_words(cable), cons.json_words(cable)).ok


# --- behaviour of the text-zone helpers at their edges (mutation testing, issue 15) ---

_REPEATED = ["STEVENS", "", "VZCZCXRO2010", "DE RUEHFR #0988/01 1441337", "O 231337Z MAY 08",
             "FM AMEMBASSY PARIS", "TO RUEHC/SECSTATE WASHDC 3196"]


def test_repeated_header_starts_after_the_blank_line_and_stops_at_text() -> None:
    # every header line (TO, DE, VZCZC) goes on with the header, up to the blank line
    assert text_zone.repeated_header(_REPEATED, 6, 0) == 2
    # a line of text above the DTG ends the header: it starts at the DTG
    lines = ["The text goes on here.", *_REPEATED[4:]]
    assert text_zone.repeated_header(lines, 3, 0) == 1


def test_rule_split_spaced_lead_rule() -> None:
    assert text_zone.rule_split("- - - HEADING - - -") == ("- - - ", 6, "HEADING")


def test_underline_heading_indented_words_start_the_line_below_column_200() -> None:
    rule = " " + "-" * 100
    assert text_zone.underline_heading(" " * 199 + "X" * 100 + rule, 300, 100) == 199
    # from column 200 on the indentation is no longer read as the line's start
    assert text_zone.underline_heading(" " * 200 + "X" * 100 + rule, 301, 100) == -1


def test_underline_heading_after_a_sentence_end_at_column_0() -> None:
    assert text_zone.underline_heading(". Heading -------", 10, 7) == 2


def test_wrapped_number_out_of_sequence_under_a_line_with_no_sentence_end() -> None:
    above = "The delegation arrived in the capital and then met the officials"
    assert text_zone.is_wrapped_number(above, "7", None, 2)  # 7 after 2: the line wrapped
    assert not text_zone.is_wrapped_number(above, "3", None, 2)  # 3 after 2: a paragraph


def test_run_in_without_a_mark_needs_a_capital_after_the_number() -> None:
    line = "The talks ended. 2. lowercase words follow"
    assert text_zone.run_in_at(line, line.index("2."), 2) is None
    line = "The talks ended. 2. Capital words"
    m = text_zone.run_in_at(line, line.index("2."), 2)
    assert m is not None and m.span() == (17, 20)


@pytest.mark.parametrize(
    ("line", "heading"),
    [("Meeting With The Minister", True),
     ("The meeting ended.", False),  # a sentence end
     ("One two three four five six seven eight nine ten eleven twelve", True),
     ("One two three four five six seven eight nine ten eleven twelve thirteen", False),
     ("Name XXXXXXXXXXXX", False),  # a redaction
     ("NOFORN", False), ("SIPDIS", False), ("QUOTE", False), ("END SUMMARY", False)],
)
def test_is_plain_heading(line: str, heading: bool) -> None:
    assert text_zone.is_plain_heading(line) is heading


def test_drop_rules_takes_the_broken_bits_of_a_rule_on_both_sides() -> None:
    assert text_zone.drop_rules("Heading - - ----- - - Text") == "Heading Text"
    assert text_zone.drop_rules("a - b") == "a - b"  # a dash in a sentence stays


def test_routing_rule_needs_six_dashes() -> None:
    for dashes, expected in ((6, True), (5, None)):
        line = "-" * dashes + "71B573 082032Z /38"
        rule = re.search(r"-+", line)
        assert rule is not None
        assert text_zone.routing_rule(line, rule) is expected
    line = "The text goes on ------------------71B573 082032Z /38"
    rule = re.search(r"-+", line)
    assert rule is not None and text_zone.routing_rule(line, rule) is False


def test_markers_are_found_when_upper_casing_moves_offsets() -> None:
    # "ß" upper-cases to "SS": the marker lines are looked up in the clean views instead
    text = (_HEAD_PLAIN + "1. (U) BEGIN SUMMARY: The Stra\u00dfe talks. END SUMMARY.\n\n"
            "2. (U) More.\n\nDERSE\n")
    cable = cableformat.parse(text)
    assert [(m.name, m.end, m.span.start) for m in cable.body.markers] == [
        ("SUMMARY", False, text.index("SUMMARY:")), ("SUMMARY", True, text.index("END SUMMARY"))]
    assert [p.number for p in cable.body.paragraphs] == ["1", "2"]


_HEAD_PLAIN = "UNCLAS BAKU 000443\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n"


@pytest.mark.parametrize(("end", "kind"), [(".", "heading"), (" and", "text")])
def test_a_ruled_line_after_a_sentence_end_is_a_heading_line(end: str, kind: str) -> None:
    text = (_HEAD_PLAIN + f"1. (U) The first paragraph ends here{end}\n"
            "Oil Production Down -------------------\nThe output fell.\n\nDERSE\n")
    cable = cableformat.parse(text)
    assert cable.line_kinds[6:9] == ["paragraph", kind, "text"]
    assert [h.text for h in cable.body.headings] == ["Oil Production Down"]
    assert [p.text for p in cable.body.paragraphs] == [
        f"The first paragraph ends here{end} The output fell."]


def test_several_run_in_paragraphs_before_the_next_numbered_line() -> None:
    # paragraphs 2 and 3 run into the line of paragraph 1; paragraph 4 has its own line
    text = (_HEAD_PLAIN + "1. (U) Alpha text. 2. (U) Bravo text. 3. (U) Charlie text.\n\n"
            "4. (U) Delta text.\n\nDERSE\n")
    cable = cableformat.parse(text)
    assert [(p.number, p.portion, p.text) for p in cable.body.paragraphs] == [
        ("1", "U", "Alpha text."), ("2", "U", "Bravo text."), ("3", "U", "Charlie text."),
        ("4", "U", "Delta text.")]
    assert cable.body.paragraphs[2].span.start == text.index("3. (U)")


def _wrapped_heading_cable(second: str) -> str:
    return (_HEAD_PLAIN + "1. (U) The first paragraph ends here.\n\n----- PAKISTAN:\n"
            f"{second} -----\nThe text goes on.\n\nDERSE\n")


def test_a_heading_between_rules_wrapped_over_two_lines() -> None:
    cable = cableformat.parse(_wrapped_heading_cable("ISRAEL WORRIED ABOUT MUSHARRAF"))
    assert cable.line_kinds[6:11] == ["paragraph", "blank", "heading", "heading", "text"]
    assert [h.text for h in cable.body.headings] == ["PAKISTAN: ISRAEL WORRIED ABOUT MUSHARRAF"]
    assert [p.text for p in cable.body.paragraphs] == [
        "The first paragraph ends here. The text goes on."]


def test_the_second_line_of_a_wrapped_heading_holds_at_most_100_characters() -> None:
    words = "ISRAEL WORRIED ABOUT MUSHARRAF AND THE TRIBAL AREAS ALONG THE BORDER WITH "
    second = (words + "AFGHANISTAN IN THE NORTHWEST PROVINCE")[:100]
    assert len(second) == 100
    cable = cableformat.parse(_wrapped_heading_cable(second))
    assert cable.line_kinds[8:10] == ["heading", "heading"]
    assert [h.text for h in cable.body.headings] == [f"PAKISTAN: {second}"]
    cable = cableformat.parse(_wrapped_heading_cable(second + "S"))  # 101: no wrapped heading
    assert cable.line_kinds[8:10] == ["text", "heading"]


def test_run_in_continuation_header_with_a_six_digit_serial() -> None:
    # STATE 00123456 holds no "0000": the cheap test before the regex must not need it
    cable = cableformat.parse(
        "UNCLAS SECTION 01 OF 02 STATE 123456\n\nE.O. 12958: N/A\nTAGS: PREL AJ\n"
        "SUBJECT: TEST\n\n1. The talks went on. UNCLAS STATE 00123456 002 OF 002 The "
        "minister agreed.\n\nCLINTON\n")
    assert [c.raw for c in cable.body.continuations] == ["STATE 00123456 002 OF 002"]
