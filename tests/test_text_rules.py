"""Rules (``-----``) and sub-headings never end up in paragraph text (issue 12's JSON goal):
headings wrapped or run on, old distribution lines inside the text, rules left over."""

from __future__ import annotations

import cableformat
from cableformat.parser import text_zone as tz
from cableformat.writers import conservation as cons

_HEAD = "UNCLAS SECTION 01 OF 02 ZAGREB 000815\n\nSUBJECT: PLIVA\n\n"
_RULE = "-----------------------------------------"


def _checked(text: str) -> cableformat.Cable:
    """The parsed cable, after checking that no paragraph holds a rule and no word is lost."""
    cable = cableformat.parse(text)
    for p in cable.body.paragraphs:
        assert "-----" not in p.text and "=====" not in p.text, p.text
        assert not p.text.startswith(":"), p.text
    for h in cable.body.headings:
        assert "-----" not in h.text, h.text
    assert cons.compare(cons.cable_words(cable), cons.json_words(cable)).ok
    return cable


def test_drop_rules_keeps_words_glued_to_a_rule() -> None:
    assert tz.drop_rules("done. ----- - - - - Next") == "done. Next"
    assert tz.drop_rules("Barakat. Tueller =======================CABLE END") == (
        "Barakat. Tueller CABLE END")
    assert tz.drop_rules("/009W ------------------71B573 082032Z") == "/009W 71B573 082032Z"
    assert tz.drop_rules("the Wedding -- Day 2") == "the Wedding -- Day 2"


def test_old_distribution_lines_inside_the_text_are_a_block() -> None:
    # 02ROME1196: page 2 of an old telegram repeats its distribution block inside para 7
    text = _HEAD + (
        "7. (C) COMMENT: POST WILL CONTINUE TO FOLLOW THE LINE\n"
        " CONFIDENTIAL PTQ7827\n"
        "PAGE 01 ROME 01196 02 OF 02 082031Z ACTION EUR-00\n"
        "INFO LOG-00 COR-01 NP-00 DRL-02 G-00 SAS-00 /009W ------------------71B573 082032Z "
        "/38 O 071013Z MAR 02 ZDK FM AMEMBASSY ROME TO SECSTATE WASHDC IMMEDIATE 2621\n"
        "ESTABLISHED IN THESE MEETINGS.\n\n8. (C) NEXT.\n"
    )
    cable = _checked(text)
    para = cable.body.paragraphs[0]
    assert para.text == "POST WILL CONTINUE TO FOLLOW THE LINE ESTABLISHED IN THESE MEETINGS."
    lines = text.split("\n")
    kinds = {line: kind for line, kind in zip(lines, cable.line_kinds, strict=False)}
    assert kinds[" CONFIDENTIAL PTQ7827"] == "distribution"
    assert kinds["PAGE 01 ROME 01196 02 OF 02 082031Z ACTION EUR-00"] == "distribution"
    assert any(b.kind == "distribution" and "71B573" in b.text for b in cable.blocks)


def test_distribution_line_opening_a_line_and_the_header_after_it() -> None:
    # 1978PARIS19560: the rule line, then FM/TO of the next page, inside paragraph 4
    text = _HEAD + (
        "4. MAJOR PROBLEM WAS RAISED BY THE AMBASSADOR WHO\n"
        "------------------127952 192040Z /63\n"
        "FM AMEMBASSY PARIS\n"
        "TO SECSTATE WASHDC PRIORITY 3520\n"
        "STATED THAT HIS AUTHORITIES HAD CONSIDERED IT.\n"
    )
    cable = _checked(text)
    assert cable.body.paragraphs[0].text == (
        "MAJOR PROBLEM WAS RAISED BY THE AMBASSADOR WHO STATED THAT HIS AUTHORITIES HAD "
        "CONSIDERED IT.")


def test_a_dash_run_that_is_no_distribution_line_stays_text() -> None:
    assert tz.routing_rule("a ------ b", tz.RE_RULE_RUN.search("a ------ b")) is None
    cable = _checked(_HEAD + "1. (U) Figures ------ 123456 are up.\n")
    assert "123456" in cable.body.paragraphs[0].text
    assert "distribution" not in cable.line_kinds


def test_heading_between_rules_wrapped_over_two_lines() -> None:
    # wikileaks-11-28-10 (07TELAVIV2652): "----- PAKISTAN:" / "ISRAEL WORRIED ... -----"
    text = _HEAD + (
        "15. (S) The USG is trying to promote relations.\n"
        f"{_RULE} PAKISTAN:\n"
        f"ISRAEL WORRIED ABOUT MUSHARRAF {_RULE}\n"
        "16. (S) On Pakistan, Dagan said so.\n"
    )
    cable = _checked(text)
    assert [h.text for h in cable.body.headings] == ["PAKISTAN: ISRAEL WORRIED ABOUT MUSHARRAF"]
    assert [p.text for p in cable.body.paragraphs] == [
        "The USG is trying to promote relations.", "On Pakistan, Dagan said so."]


def test_closing_rule_opening_the_next_line_before_a_run_in_paragraph() -> None:
    # 09BUENOSAIRES548: " ----- Monsanto's Moneymaker Under Fire" / "----- 2.  (SBU) On ..."
    text = _HEAD + (
        "1. (SBU) Summary: The press campaign started. End Summary.\n"
        " -------------------------------- Monsanto's Moneymaker Under Fire \n"
        "-------------------------------- 2.  (SBU)  On April 13, a paper published it.\n"
    )
    cable = _checked(text)
    assert [h.text for h in cable.body.headings] == ["Monsanto's Moneymaker Under Fire"]
    assert [p.number for p in cable.body.paragraphs] == ["1", "2"]
    assert cable.body.paragraphs[1].text == "On April 13, a paper published it."


def test_heading_whose_first_words_wrapped_to_the_line_above() -> None:
    # wikileaks-11-28-10 (08MUSCAT565): "Iranian Intentions Clear:" / "Stall for Time ---- 4."
    text = _HEAD + (
        "3. (S/NF) Oman did not want to play an active role.\n"
        "Iranian Intentions Clear:\n"
        f"Stall for Time {_RULE} 4. (S/NF) Ali Majid said so.\n"
    )
    cable = _checked(text)
    assert [h.text for h in cable.body.headings] == ["Iranian Intentions Clear: Stall for Time"]
    assert [p.text for p in cable.body.paragraphs] == [
        "Oman did not want to play an active role.", "Ali Majid said so."]


def test_paragraph_holding_only_a_heading_over_its_text() -> None:
    # 08ASMARA249: "4. (SBU) WANTED: STRIPED SHIRT WITH BLUE HELMET ------ ----"
    text = _HEAD + (
        "3. (SBU) The talks will be held.\n\n"
        "4. (SBU) WANTED: STRIPED SHIRT WITH BLUE HELMET "
        "--------------------------------------------- ----\n\n"
        "The ambassador noted that Ethiopia wanted to withdraw.\n"
    )
    cable = _checked(text)
    assert [h.text for h in cable.body.headings] == ["WANTED: STRIPED SHIRT WITH BLUE HELMET"]
    assert cable.body.paragraphs[1].number == "4"
    assert cable.body.paragraphs[1].text == "The ambassador noted that Ethiopia wanted to withdraw."


def test_heading_after_a_continuation_header_and_rules_broken_in_pieces() -> None:
    # 09STOCKHOLM736: the heading line comes right after a continuation header
    text = _HEAD + (
        "8. (U) Lessing lectured.\n\n"
        "ZAGREB 00000815  002 OF 002\n"
        "Pirate Bay tracker removed ------ ---- ------- -------\n\n"
        "9. (U) The Pirate Bay has removed its tracker.\n\n"
        # 10BRASILIA7: a rule of four pieces on either side
        "--------------------------------------------- ---------------------- "
        "--------------------------------------------- - OTHER OFFICIALS WELCOME IT "
        "--------------------------------------------- ---------------------- "
        "--------------------------------------------- -\n\n"
        "10. (C) Text.\n"
    )
    cable = _checked(text)
    assert [h.text for h in cable.body.headings] == [
        "Pirate Bay tracker removed", "OTHER OFFICIALS WELCOME IT"]
    assert [p.text for p in cable.body.paragraphs] == [
        "Lessing lectured.", "The Pirate Bay has removed its tracker.", "Text."]


def test_heading_inside_text_run_on_in_a_head_line() -> None:
    # 08CAIRO2135: the text runs on in the Classified By line, with a heading at its end
    text = (
        "UNCLAS CAIRO 002135\n\nSUBJECT: REACTION\n\n"
        "Classified By: DCM Stuart Jones for reasons 1.4 (b) and (d). 1. (SBU) Summary: The "
        + "GoE rejected the report, which it called false and confused. " * 6
        + "End summary. ------------ GoE REACTION ------------\n"
        "2. (SBU) On September 23, the Ministry issued a response.\n"
    )
    cable = _checked(text)
    assert "GoE REACTION" in [h.text for h in cable.body.headings]
    assert all("REACTION" not in p.text for p in cable.body.paragraphs)


def test_rule_opening_a_line_underlines_the_heading_ending_the_line_above() -> None:
    # 09BUENOSAIRES196: "... programs. Kudos for DEA Support" / "----- 4. (C) The ..."
    text = _HEAD + (
        "3. (C) The ministry is working closely with schools on drug\n"
        "prevention programs. Kudos for DEA Support\n"
        "--------------------- 4. (C) The Ambassador said that concerns remain.\n"
    )
    cable = _checked(text)
    assert [h.text for h in cable.body.headings] == ["Kudos for DEA Support"]
    assert [p.text for p in cable.body.paragraphs] == [
        "The ministry is working closely with schools on drug prevention programs.",
        "The Ambassador said that concerns remain."]


def test_heading_opening_a_line_with_a_rule_longer_than_its_words() -> None:
    # Embassy Islamabad (06ISLAMABAD...): "Key Amendments ----------------------- 7. (U) ..."
    text = _HEAD + (
        "6. (U) The speaker granted the demand. End note.)\n"
        "Key Amendments ----------------------- 7. (U) A statement is appended.\n"
    )
    cable = _checked(text)
    assert [h.text for h in cable.body.headings] == ["Key Amendments"]
    assert [p.text for p in cable.body.paragraphs] == [
        "The speaker granted the demand. End note.)", "A statement is appended."]


def test_replies_keyed_to_a_references_paragraphs_are_a_numbering_of_their_own() -> None:
    # 07BOGOTA1457: a TIP report answering paragraphs 27-28 of the tasking cable
    text = _HEAD + (
        "1. (U) Summary.\n\n2. (U) Scope.\n\n3. (U) Sources.\n\n"
        "27.A. (SBU) Colombia is a source.\n\n27.B. (SBU) Men are trafficked.\n\n"
        "28.A. (SBU) The government acknowledges it.\n"
    )
    assert not cableformat.validate(text, select=["B012"])
    # a real jump is still reported
    bad = _HEAD + "1. (U) Summary.\n\n2. (U) Scope.\n\n27.B. (SBU) Colombia is a source.\n"
    assert [d.code for d in cableformat.validate(bad, select=["B012"])] == ["B012"]


def test_paragraph_number_split_over_two_lines_is_read_whole() -> None:
    # 04BRASILIA1291: "PKO/HAITI --------- 1" / blank / "0. (C) Zaluar announced ..."
    text = _HEAD + "".join(f"{n}. (C) Text {n}.\n\n" for n in range(1, 9)) + (
        "9. (C) Brazil shares its border.\n\nPKO/HAITI --------- 1\n\n"
        "0. (C) Zaluar announced the bill.\n\n11. (C) More.\n"
    )
    assert not cableformat.validate(text, select=["B012"])
    bad = _HEAD + "1. (C) Text 1.\n\n2. (C) Text 2.\n\n0. (C) Zaluar announced it.\n"
    assert [d.code for d in cableformat.validate(bad, select=["B012"])] == ["B012"]
