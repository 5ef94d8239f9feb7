"""Tests of cableformat.readers: decoding, HTML pages, cables.csv, mongo JSON, inputs."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cableformat.readers import FORMATS, detect_format, iter_inputs, iter_sources
from cableformat.readers.csv import read_csv
from cableformat.readers.decode import decode_bytes
from cableformat.readers.html import read_html
from cableformat.readers.jsonl import read_jsonl
from cableformat.source import ReadError, Source

# --------------------------------------------------------------------------- helpers


def wl_page(header: str | None, body: str, *, released: bool = True, end: bool = True) -> str:
    """A synthetic page in the shape of the WikiLeaks cable template (newlines as &#x000A;)."""
    cols = [
        ("Reference ID", "<a href='/cable/2009/06/09TESTPOST1.html'>09TESTPOST1</a>"),
        ("Created", "<a href='/date/2009-06_0.html'>2009-06-02 09:28</a>"),
        ("Released", "<a href='/reldate/2010-11-28_0.html'>2010-11-28 18:18</a>"),
        (
            "Classification",
            "<a href='/classification/4_0.html' title='secret//noforn'>CONFIDENTIAL</a>",
        ),
        ("Origin", "<a href='/origin/56_0.html'>Embassy Testville</a>"),
    ]
    if not released:
        del cols[2]
    ths = "\n".join(f"<th>{name}</th>" for name, _ in cols)
    tds = "\n".join(f"<td>\n{cell}\n</td>" for _, cell in cols)
    parts = [
        "<!DOCTYPE html>\n<html>\n<head><title>Cable 09TESTPOST1</title></head>\n<body>\n",
        "<div class='pane big'>\n<h3>Viewing cable 09TESTPOST1, A TEST</h3>\n",
        f"<table class='cable'>\n<tr>\n{ths}\n</tr>\n<tr>\n{tds}\n</tr>\n</table>\n",
    ]
    if header is not None:
        parts.append("<code><pre>" + header.replace("\n", "&#x000A;") + "</pre></code>\n")
    parts.append("<code><pre>" + body.replace("\n", "&#x000A;") + "</pre></code>\n")
    if end:
        parts.append("</div>\n</body>\n</html>\n")
    return "".join(parts)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Reference (line, column) of ``offset`` in ``text`` (LF/CRLF lines)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def only_source(items: list[Source | ReadError]) -> Source:
    assert len(items) == 1
    assert isinstance(items[0], Source), items[0]
    return items[0]


HEADER = "VZCZCXRO8143\nOO RUEHAG\nDE RUEHKB #0443/01 1530928\nZNY CCCCC ZZH\nO 020928Z JUN 09"
BODY = (
    "C O N F I D E N T I A L TESTPOST 000001 \n\nSIPDIS \n\n"
    "TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> <a href='/tag/PREL_0.html'>PREL</a>\n"
    "SUBJECT: A TEST \n\n"
    "<a id='par1' href='#par1'>¶</a>1. (C) The MARKERWORD is here.\n\n"
    "<a id='par2' href='#par2'>¶</a>2. (C) Second paragraph.\n"
)

# --------------------------------------------------------------------------- decode


def test_decode_utf8_and_bom() -> None:
    assert decode_bytes("é".encode()) == ("é", None)
    assert decode_bytes(b"\xef\xbb\xbfabc") == ("\ufeffabc", None)  # kept: lossless


def test_decode_utf16_with_and_without_bom() -> None:
    text, note = decode_bytes("\ufeffCABLE é\n".encode("utf-16-le"))
    assert text == "CABLE é\n" and note == "decoded as UTF-16"
    text, note = decode_bytes("UNCLAS SECTION 01 OF 02\n".encode("utf-16-le"))
    assert text == "UNCLAS SECTION 01 OF 02\n"
    assert note is not None and "UTF-16" in note
    text, note = decode_bytes("abc".encode("utf-32"))  # with its BOM
    assert text == "abc" and note == "decoded as UTF-32"


def test_decode_latin1_and_cp1252() -> None:
    text, note = decode_bytes(b"caf\xe9 \x92quoted\x92")
    assert text == "café ’quoted’"
    assert note == "not valid UTF-8; decoded as Windows-1252"
    text, note = decode_bytes(b"\x81\xe9")  # 0x81 is undefined in Windows-1252
    assert text == "\x81é" and note is not None and "Latin-1" in note


def test_decode_binary_and_empty() -> None:
    with pytest.raises(ReadError) as err:
        decode_bytes(b"PK\x03\x04\x00\x00binary", name="x.zip")
    assert err.value.code == "X001" and err.value.name == "x.zip"
    with pytest.raises(ReadError) as err:
        decode_bytes(bytes(range(1, 9)) * 50)
    assert err.value.code == "X001"
    text, note = decode_bytes(b"a\x00b", lenient=True)
    assert text == "a\x00b" and note is not None
    with pytest.raises(ReadError) as err:
        decode_bytes(b"")
    assert err.value.code == "X002"
    assert decode_bytes(b"", lenient=True) == ("", None)


# --------------------------------------------------------------------------- HTML


def test_html_two_pre_blocks_text_and_wrapper() -> None:
    page = wl_page(HEADER, BODY)
    src = read_html(page, "p.html")
    assert src.input_format == "wikileaks-html"
    assert src.text.startswith(HEADER + "\nC O N F I D E N T I A L TESTPOST 000001 \n")
    assert "TAGS: PGOV PREL\n" in src.text
    assert "\n1. (C) The MARKERWORD is here.\n\n2. (C) Second" in src.text
    assert "¶" not in src.text and "<a" not in src.text and "&#x000A;" not in src.text
    w = src.wrapper
    assert w is not None and w.kind == "wikileaks-html"
    assert (w.reference_id, w.created, w.released) == (
        "09TESTPOST1",
        "2009-06-02 09:28",
        "2010-11-28 18:18",
    )
    assert w.classification == "CONFIDENTIAL"  # the link text, not its title attribute
    assert w.origin == "Embassy Testville"
    for field, (start, end) in w.spans.items():
        assert page[start:end] == getattr(w, field)
    assert src.file_text == page and src.notes == []


def test_html_offsets_map_to_exact_line_and_column() -> None:
    page = wl_page(HEADER, BODY)
    src = read_html(page, "p.html")
    for word in ("MARKERWORD", "RUEHKB", "PREL", "Second"):
        i = src.text.index(word)
        expected = line_col(
            page, page.index(">" + word) + 1 if word == "PREL" else page.index(word)
        )
        assert src.locate(i) == expected
        assert src.locate(i + 3) == (expected[0], expected[1] + 3)
        assert page[src.file_offset(i) : src.file_offset(i) + len(word)] == word
    # every literal character maps onto itself; newlines map onto their entity
    for i, ch in enumerate(src.text):
        at = src.file_offset(i)
        if ch == "\n":
            assert page.startswith("&#x000A;", at) or page.startswith("</pre>", at)
        else:
            assert page[at] == ch
    # the newline joining header and body maps to the end of the first <pre>
    join = len(HEADER)
    assert src.text[join] == "\n" and page.startswith("</pre>", src.file_offset(join))


def test_html_entities_decoded_and_mapped_to_entity_start() -> None:
    body = "It&#8217;s AT&amp;T &quot;x&quot; &lt;b&gt; O&#39;Neil &#x2019; &D; R&D end\n"
    page = wl_page(None, body)
    src = read_html(page, "p.html")
    assert src.text == 'It’s AT&T "x" <b> O\'Neil ’ &D; R&D end\n'
    i = src.text.index("’")
    assert page.startswith("&#8217;", src.file_offset(i))
    i = src.text.index("&T")
    assert page.startswith("&amp;", src.file_offset(i))
    assert page[src.file_offset(i + 1)] == "T"



def test_html_newline_runs_broken_by_other_ampersands() -> None:
    body = "a&#x000A;b & c&#x000A;d&amp;e&#x000A;f &#x000A g&#x000A;"
    page = wl_page(None, body).replace("&amp;#x000A;", "&#x000A;")
    src = read_html(page, "p.html")
    assert src.text == "a\nb & c\nd&e\nf &#x000A g\n"
    for i, ch in enumerate(src.text):
        at = src.file_offset(i)
        if ch == "\n":
            assert page.startswith("&#x000A;", at)
        elif src.text.startswith("&e", i):
            assert page.startswith("&amp;", at)
        else:
            assert page[at] == ch


def test_html_paragraph_anchors_and_links() -> None:
    body = (
        "<A ID='PAR3' HREF='#PAR3'>¶</A >3. upper.\n"
        "<a id='par4' href='#par4'>&#182;</a>4. entity.\n"
        "<a id='par5' href='#par5'>5.</a> kept.\n"
        "<a id='par6' href='#par6'> ¶ </a>6. spaced.\n"
        "<a href='/tag/PARM_0.html'>PARM</a> <a name='x'>x</a>\n"
    )
    src = read_html(wl_page(None, body), "p.html")
    assert src.text == "3. upper.\n4. entity.\n5. kept.\n6. spaced.\nPARM x\n"


def test_html_table_with_more_header_cells_than_the_template() -> None:
    page = wl_page(HEADER, BODY)
    page = page.replace("</tr>\n<tr>\n<td>", "</tr>\n<tr><th>Origin</th></tr>\n<tr>\n<td>", 1)
    page = page.replace("</td>\n</tr>\n</table>", "</td>\n<td>Elsewhere</td>\n</tr>\n</table>")
    w = read_html(page, "p.html").wrapper
    assert w is not None and w.origin == "Elsewhere"  # cells pair with header cells in order
    assert w.reference_id == "09TESTPOST1"

def test_html_one_pre_block_is_the_body() -> None:
    src = read_html(wl_page(None, BODY), "p.html")
    assert src.text.startswith("C O N F I D E N T I A L TESTPOST 000001 \n")
    assert "VZCZC" not in src.text


def test_html_four_column_table_and_partial_extract_kept() -> None:
    header = (
        "This record is a partial extract of the original cable. The full text of the "
        "original cable is not available."
    )
    src = read_html(wl_page(header, BODY, released=False), "p.html")
    w = src.wrapper
    assert w is not None and w.released is None
    assert (w.reference_id, w.classification, w.origin) == (
        "09TESTPOST1",
        "CONFIDENTIAL",
        "Embassy Testville",
    )
    assert src.text.startswith(header + "\nC O N F I D E N T I A L")


def test_html_tags_and_lone_angle_brackets() -> None:
    body = "<<223100>>\nline one <br>\nline two<br>line three\n< /a> <strong>bold</strong>\n"
    src = read_html(wl_page(None, body), "p.html")
    assert src.text == "<<223100>>\nline one \nline two\nline three\n< /a> bold\n"


@pytest.mark.parametrize("cut", ["MARKERWORD is", "<a id='par2' hr", "Second par", "TAGS: <a"])
def test_html_truncated_page(cut: str) -> None:
    page = wl_page(HEADER, BODY)
    page = page[: page.index(cut) + len(cut)]
    src = read_html(page, "p.html")
    assert src.text.startswith(HEADER + "\nC O N F I D E N T I A L")
    assert "<a" not in src.text and "¶" not in src.text
    assert [n[0] for n in src.notes] == ["X004"]
    assert src.wrapper is not None and src.wrapper.reference_id == "09TESTPOST1"


def test_html_truncated_before_the_cable_text() -> None:
    page = wl_page(HEADER, BODY)
    page = page[: page.index("<code><pre>")]
    src = read_html(page, "p.html")
    assert src.text == "" and [n[0] for n in src.notes] == ["X004"]
    assert src.wrapper is not None and src.wrapper.origin == "Embassy Testville"


def test_html_page_without_cable_is_a_read_error() -> None:
    items = list(iter_sources(io.BytesIO(b"<!DOCTYPE html><html><body>Hi</body></html>")))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].code == "X003"


def test_plusd_page() -> None:
    page = (
        "<!DOCTYPE html>\n<html>\n<head><title>Cable: 1973STATE000001_b</title></head><body>\n"
        '<script src="/plusd/js/x.js"></script>\n<table id="synopsis">\n<tr>'
        '<td><div class="s_key"><a class="i" title="Date">Date:</a></div>'
        '<div class="s_val" title=" 1973 May 22, 18:28">1973 May 22, 18:28 (Tuesday)</div></td>\n'
        '<td><div class="s_key"><a class="i" title="Canonical ID">Canonical ID:</a></div>'
        '<div class="s_val" title=" 1973STATE000001_b">1973STATE000001_b</div></td></tr>\n'
        '<tr><td><div class="s_key"><a class="i" title="Original Classification">Original '
        'Classification:</a></div><div class="s_val" title="x">LIMITED OFFICIAL USE</div></td>'
        '<td class="sc"><div class="s_key"><a class="i" title="From">From:</a></div>'
        '<div class="s_val" title="&lt;a&gt;"><a href="/plusd/?q=">Department of State </a>'
        "</div></td></tr>\n</table>\n"
        '<div class="pane-tab"><div class="pane-header">Raw content</div>'
        '<div class="pane-content"><div class="text-content">\n\nLIMITED OFFICIAL USE\n'
        "PAGE 01   STATE  000001\nFM SECSTATE WASHDC\n\n"
        "1. SAY &quot;HELLO&quot; MARKER.\n</div></div></div>\n</body>\n</html>\n"
    )
    assert detect_format(page.encode(), "x.html") == "plusd-html"
    src = only_source(list(iter_sources(io.BytesIO(page.encode()))))
    assert src.input_format == "plusd-html"
    assert src.text == (
        '\n\nLIMITED OFFICIAL USE\nPAGE 01   STATE  000001\nFM SECSTATE WASHDC\n\n1. SAY "HELLO" '
        "MARKER.\n"
    )
    w = src.wrapper
    assert w is not None and w.kind == "plusd-html"
    assert w.reference_id == "1973STATE000001_b"
    assert w.classification == "LIMITED OFFICIAL USE"
    assert w.origin == "Department of State"
    assert w.created == "1973 May 22, 18:28 (Tuesday)"
    i = src.text.index("MARKER")
    assert src.locate(i) == line_col(page, page.index("MARKER"))


# --------------------------------------------------------------------------- CSV


def csv_row(n: int, refid: str, header: str, body: str, refs: str = "") -> str:
    return (
        f'"{n}","12/28/1966 18:48","{refid}","Embassy Buenos Aires","UNCLASSIFIED",'
        f'"{refs}","{header}","{body}"\n'
    )


CSV_DATA = csv_row(
    1,
    "66BUENOSAIRES1",
    "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC",
    'UNCLASSIFIED BUENOS AIRES 1 \n \nOF \\"PREFERENTIAL JURISDICTION\\" AND SHAH\\\'S\n'
    "BACKSLASH \\\\ HERE\nMARKER ONE\n",
    "66STATE106206",
) + csv_row(2, "72TEHRAN2", "R 250930Z FEB 72", "CONFIDENTIAL TEHRAN 2\nMARKER TWO\n", "A|B")


def read_csv_text(data: str, chunk: int = 1 << 20) -> list[Source | ReadError]:
    raw = data.encode()
    return list(read_csv((raw[i : i + chunk] for i in range(0, len(raw), chunk)), "c.csv"))


def test_csv_rows_escapes_and_multiline_fields() -> None:
    rows = read_csv_text(CSV_DATA)
    assert len(rows) == 2 and all(isinstance(r, Source) for r in rows)
    first, second = rows
    assert isinstance(first, Source) and isinstance(second, Source)
    assert first.text == (
        "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC\n"
        'UNCLASSIFIED BUENOS AIRES 1 \n \nOF "PREFERENTIAL JURISDICTION" AND SHAH\'S\n'
        "BACKSLASH \\ HERE\nMARKER ONE\n"
    )
    w = first.wrapper
    assert w is not None and w.kind == "csv"
    assert (w.record_id, w.created, w.reference_id, w.origin, w.classification) == (
        "1",
        "12/28/1966 18:48",
        "66BUENOSAIRES1",
        "Embassy Buenos Aires",
        "UNCLASSIFIED",
    )
    assert w.references == "66STATE106206"
    assert second.wrapper is not None and second.wrapper.references == "A|B"
    assert second.text == "R 250930Z FEB 72\nCONFIDENTIAL TEHRAN 2\nMARKER TWO\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_csv_offsets_give_lines_of_the_whole_file(newline: str) -> None:
    data = CSV_DATA.replace("\n", newline)
    rows = read_csv_text(data)
    for word in ("MARKER ONE", "MARKER TWO", "72TEHRAN2", "PREFERENTIAL", "SHAH", "HERE"):
        row = next(r for r in rows if isinstance(r, Source) and word in r.text + str(r.wrapper))
        if word in row.text:
            got = row.locate(row.text.index(word))
        else:
            got = row.locate_file(row.wrapper.spans["reference_id"][0])  # type: ignore[union-attr]
        assert got == line_col(data, data.index(word)), word
    quote = rows[0].text.index('"')  # type: ignore[union-attr]
    line, col = rows[0].locate(quote)  # type: ignore[union-attr]
    assert data.splitlines()[line - 1][col - 1] == '"'  # the escaped quote, not its backslash
    second = rows[1]
    assert isinstance(second, Source) and second.locate(0)[0] == 9
    assert second.file_line(9) == data.splitlines()[8]
    assert second.file_line(10) == "MARKER TWO"


def test_csv_tiny_chunks_give_the_same_rows() -> None:
    data = CSV_DATA.replace("\n", "\r\n")
    whole = read_csv_text(data)
    tiny = read_csv_text(data, chunk=1)
    assert [(s.text, s.wrapper, s.line_offset) for s in tiny] == [  # type: ignore[union-attr]
        (s.text, s.wrapper, s.line_offset)  # type: ignore[union-attr]
        for s in whole
    ]


def test_csv_bad_rows_are_errors_and_reading_goes_on() -> None:
    bad_columns = '"9","1/1/1970 0:00","70X1","O","U","","H"\n'
    unbalanced = '"10","1/1/1970 0:00","70X2","O","U","","H","BODY WITHOUT END\nMORE\n'
    rows = read_csv_text(CSV_DATA + bad_columns + CSV_DATA + unbalanced)
    kinds = [type(r).__name__ for r in rows]
    assert kinds == ["Source", "Source", "ReadError", "Source", "Source", "ReadError"]
    err = rows[2]
    assert isinstance(err, ReadError) and err.code == "X005"
    assert "line 12" in err.message and "7 columns" in err.message
    err = rows[5]
    assert isinstance(err, ReadError) and err.code == "X005" and "line 24" in err.message
    assert "end of file inside a quoted field" in err.message
    column = CSV_DATA.index("P R 2") + 1
    assert rows[3].locate(0) == (13, column)  # type: ignore[union-attr]


def test_csv_non_utf8_row() -> None:
    raw = csv_row(1, "66X1", "H", "CAF\u00c9 MARKER").encode("cp1252")
    (row,) = list(read_csv([raw], "c.csv"))
    assert isinstance(row, Source)
    assert row.text == "H\nCAF\u00c9 MARKER"
    assert row.notes[0][0] == "X009"


class _CountingReader(io.RawIOBase):
    """A binary stream that counts how many bytes were handed out."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[no-untyped-def]
        n = min(len(buf), len(self._data) - self.served)
        buf[:n] = self._data[self.served : self.served + n]
        self.served += n
        return n


def test_csv_is_streamed_lazily() -> None:
    data = (CSV_DATA * 20000).encode()  # about 6 MB
    stream = _CountingReader(data)
    items = iter_sources(stream, input_format="csv")  # type: ignore[arg-type]
    first = next(items)
    assert isinstance(first, Source) and first.wrapper is not None
    assert first.wrapper.reference_id == "66BUENOSAIRES1"
    assert stream.served < len(data) // 2

    exhausted = []

    def chunks() -> Iterator[bytes]:
        yield CSV_DATA.encode()
        yield CSV_DATA.encode()
        exhausted.append(True)

    rows = read_csv(chunks(), "c.csv")
    next(rows)
    assert not exhausted


def test_csv_huge_field() -> None:
    body = "X" * (5 << 20)
    rows = list(iter_sources(io.BytesIO(csv_row(1, "66X1", "H", body).encode())))
    row = only_source(rows)
    assert len(row.text) == len(body) + 2 and row.locate(len(row.text) - 1)[0] == 1


# --------------------------------------------------------------------------- mongo JSON

JSON_LINES = (
    '{ "_id" : "", "origin" : "Embassy Baghdad", "date_time" : "1/2/2008 6:02", '
    '"classification" : "CONFIDENTIAL", "body" : "C O N F I D E N T I A L BAGHDAD 000002  '
    'SIPDIS  SAID \\"HELLO\\" IRAQ\\\'S CAF\\u00c9 \\\\ TAB\\tEND MARKER  CROCKER " }\n'
    '{ "_id" : "00ISLAMABAD1120|00ISLAMABAD6055", "origin" : "Embassy Islamabad", '
    '"body" : "BROKEN\n'
    '{ "_id" : ObjectId("5f1"), "origin" : "Embassy Ankara", "date_time" : "2004-01-20 12:12", '
    '"classification" : "SECRET", "body" : "S E C R E T ANKARA 000348 MARKER", '
    '"header" : "VZCZCXRO1 FM AMEMBASSY ANKARA", "reference_id" : "04ANKARA348" }\'\'\n'
)


def test_mongo_json_records() -> None:
    items = list(read_jsonl([JSON_LINES.encode()], "m.json"))
    assert [type(i).__name__ for i in items] == ["Source", "ReadError", "Source"]
    first, err, third = items
    assert isinstance(first, Source) and isinstance(third, Source)
    assert first.text == (
        'C O N F I D E N T I A L BAGHDAD 000002  SIPDIS  SAID "HELLO" IRAQ\'S CAF\u00c9 \\ '
        "TAB\tEND MARKER  CROCKER "
    )
    assert first.input_format == "mongo-json" and first.line_structure_lost
    assert ("X006", "line structure lost: newlines were stripped in this export") in [
        n[:2] for n in first.notes
    ]
    w = first.wrapper
    assert w is not None and w.kind == "mongo-json"
    assert w.reference_id is None and w.record_id is None  # "" is no ID
    assert (w.origin, w.created, w.classification) == (
        "Embassy Baghdad",
        "1/2/2008 6:02",
        "CONFIDENTIAL",
    )
    assert isinstance(err, ReadError) and err.code == "X013" and "line 2" in err.message
    assert third.text == "VZCZCXRO1 FM AMEMBASSY ANKARA\nS E C R E T ANKARA 000348 MARKER"
    assert third.wrapper is not None
    assert (third.wrapper.reference_id, third.wrapper.record_id) == ("04ANKARA348", "5f1")
    assert "X011" in [n[0] for n in third.notes]  # junk after the object


def test_mongo_json_offsets_through_escapes() -> None:
    items = list(read_jsonl([JSON_LINES.encode()], "m.json"))
    first, third = items[0], items[2]
    assert isinstance(first, Source) and isinstance(third, Source)
    for src, at in ((first, 0), (third, JSON_LINES.index("ANKARA 000348"))):
        i = src.text.index("MARKER")
        assert src.locate(i) == line_col(JSON_LINES, JSON_LINES.index("MARKER", at))
    i = first.text.index('"HELLO')
    assert first.file_text is not None and first.file_text[first.file_offset(i)] == '"'
    i = first.text.index("\u00c9")
    assert first.file_text.startswith("\\u00c9", first.file_offset(i))
    i = first.text.index("\t")
    assert first.file_text.startswith("\\t", first.file_offset(i))
    assert first.locate_file(first.notes[-1][2])[0] == 1


# --------------------------------------------------------------------------- formats, inputs


def test_detect_format() -> None:
    assert detect_format(wl_page(HEADER, BODY).encode(), "x") == "wikileaks-html"
    assert detect_format(CSV_DATA.encode(), "x.txt") == "csv"
    assert detect_format(JSON_LINES.encode(), "x") == "mongo-json"
    assert detect_format(b"Reference ID Created Released\nVZCZCXRO1\n", "x.txt") == "text"
    assert detect_format(b'"quoted text"\n', "x.txt") == "text"
    assert detect_format(b"\n <!DOCTYPE HTML><HTML><BODY>", "x") == "wikileaks-html"
    assert detect_format(b"<HEAD><TITLE>t</TITLE>", "x") == "wikileaks-html"
    # PlusD markers count in the first 16 KB only
    lead = b"<html>" + b"x" * (16384 - 6 - 12)
    assert detect_format(lead + b"Canonical ID", "x") == "plusd-html"
    assert detect_format(lead + b"xCanonical ID", "x") == "wikileaks-html"
    assert set(FORMATS) == {"text", "wikileaks-html", "plusd-html", "csv", "mongo-json",
                            "cableformat-json", "cableformat-xml"}


def test_text_file_is_byte_exact(tmp_path: Path) -> None:
    content = "Reference ID  Created\r\nVZCZCXRO8143  \r\nUNCLAS BAKU 000443 \r\n\r\n"
    path = tmp_path / "09BAKU443.txt"
    path.write_bytes(content.encode())
    src = only_source(list(iter_sources(str(path))))
    assert src.text == content and src.input_format == "text" and src.file_text is None
    assert src.name == str(path) and src.notes == []
    latin = tmp_path / "l.txt"
    latin.write_bytes(b"CAF\xc9\n")
    src = only_source(list(iter_sources(latin)))
    assert src.text == "CAF\u00c9\n" and [n[0] for n in src.notes] == ["X009"]


def test_huge_single_line_text() -> None:
    data = b"A" * (5 << 20)
    src = only_source(list(iter_sources(io.BytesIO(data))))
    assert len(src.text) == len(data) and src.locate(len(data) - 1) == (1, len(data))


def test_iter_inputs_directories_and_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    tree = tmp_path / "tree"
    (tree / "b" / "c").mkdir(parents=True)
    (tree / ".hidden").mkdir()
    (tree / ".hidden" / "h.txt").write_text("hidden")
    (tree / ".dotfile").write_text("hidden")
    (tree / "a.txt").write_text("A")
    (tree / "b" / "z.txt").write_text("Z")
    (tree / "b" / "c" / "y.txt").write_text("Y")
    (tree / "b" / "empty.txt").write_bytes(b"")
    (tree / "d.html").write_text(wl_page(None, BODY))
    missing = str(tmp_path / "missing.txt")
    got = list(iter_inputs([str(tmp_path / "empty"), str(tree), missing]))
    names = [os.path.relpath(p, tmp_path) for p, _ in got]
    assert names == [
        "empty",
        "tree/a.txt",
        "tree/b/c/y.txt",
        "tree/b/empty.txt",
        "tree/b/z.txt",
        "tree/d.html",
        "missing.txt",
    ]
    codes = [item.code if isinstance(item, ReadError) else item.input_format for _, item in got]
    assert codes == ["X007", "text", "text", "X002", "text", "wikileaks-html", "X008"]
    assert next(iter_sources(missing)).code == "X008"  # type: ignore[union-attr]


def test_binary_file_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (item,) = list(iter_sources(path))
    assert isinstance(item, ReadError) and item.code == "X001" and item.name == str(path)


# --------------------------------------------------------------------------- corpus

CORPUS = os.environ.get("CABLEFORMAT_CORPUS")
if CORPUS and not os.path.isdir(CORPUS):  # a folder that is not there: skip, do not fail
    CORPUS = None
needs_corpus = pytest.mark.skipif(not CORPUS,
                                  reason="CABLEFORMAT_CORPUS is not set or not a directory")


def _corpus_files(sub: str) -> list[Path]:
    root = Path(CORPUS or ".") / sub
    return sorted(p for p in root.rglob("*") if p.is_file())


@needs_corpus
def test_corpus_html_pages() -> None:
    files = _corpus_files("html")
    assert len(files) > 100
    for path in files:
        items = list(iter_sources(path))
        # a page holding a second (appended) cable yields it after the page's own
        assert all(isinstance(s, Source) and s.appended_to for s in items[1:]), path
        src = only_source(items[:1])
        assert src.input_format in ("wikileaks-html", "plusd-html"), path
        assert src.text.strip(), path
        assert src.wrapper is not None
        assert src.wrapper.reference_id == path.name.split(".")[0], path
        assert not any(code == "X004" for code, _, _ in src.notes), path


@needs_corpus
def test_corpus_csv_and_mongo_json() -> None:
    counts = {"csv": 0, "mongo-json": 0}
    for sub in ("csv", "other/nonelater_mongo_json"):
        for path in _corpus_files(sub):
            for item in iter_sources(path):
                assert isinstance(item, Source), (path, item)
                assert item.text and item.wrapper is not None
                counts[item.input_format] += 1
    assert counts["csv"] == 14 and counts["mongo-json"] > 1000


def test_line_around_matches_file_line_for_every_offset() -> None:
    from cableformat.source import Source

    text = "first line\r\nsecond\rthird\n\nlast"
    source = Source(text=text, name="x", input_format="text")
    for offset in range(len(text) + 1):
        line, _col = source.locate(offset)
        assert source.line_around(offset) == source.file_line(line), offset


def test_many_anchors_sharing_one_far_closing_tag_read_in_linear_time() -> None:
    """Paragraph anchors with text and one ``</a>`` at the end of a huge block: each anchor
    looks for its ``</a>``; the page must not be rescanned once per anchor."""
    import time

    def page(n: int) -> str:
        anchors = "".join(f"<a id='par{i}' href='#par{i}'>x y " for i in range(n))
        return f"<html><body><pre>UNCLAS BAKU 000443\n{anchors}\nDERSE</a></pre></body></html>"

    def seconds(n: int) -> float:
        text = page(n)
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            read_html(text, "hostile.html")
            best = min(best, time.process_time() - start)
        return max(best, 1e-3)

    small, large = seconds(2_000), seconds(20_000)
    assert large / small < 30, f"x10 anchors took x{large / small:.0f} time"
    source = read_html(page(3), "three.html")
    assert "x y" in source.text and "DERSE" in source.text
