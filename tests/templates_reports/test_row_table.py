"""A brief's table: its cells wrapped as a paragraph would wrap them, set where a reader expects them, and
laid out over many pages at a cost that grows with its rows, not with its rows times its pages."""

from __future__ import annotations

import datetime as dt
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from templates_reports import row_table, styles
from templates_reports.catalogue import load_template
from templates_reports.fonts import register_fonts
from templates_reports.picture import Path, Text, first_page
from templates_reports.row_table import PAD_X, RowTable, wrapped
from workbench.briefs.blocks import Table as TableBlock
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.sample import sample_entities

FONT, SIZE = styles.cell.fontName, styles.cell.fontSize
WORDS = st.text(alphabet="aeilmWQ.-é", min_size=1, max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40), st.floats(min_value=20, max_value=300))
def test_every_line_fits_its_column_and_every_character_is_kept_in_order(words, width):
    register_fonts()
    text = " ".join(words)
    lines = wrapped(text, FONT, SIZE, width)
    assert all(stringWidth(line, FONT, SIZE) <= width or len(line) == 1 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_words_are_kept_whole_when_they_fit_and_a_line_break_stays_one():
    register_fonts()
    one_word = stringWidth("Independence", FONT, SIZE)
    assert wrapped("Independent agency", FONT, SIZE, one_word + 5) == ("Independent", "agency")
    assert wrapped("first line\nsecond", FONT, SIZE, 400) == ("first line", "second")
    assert wrapped("", FONT, SIZE, 100) == ("",)
    two_words = stringWidth("Planned 30", FONT, SIZE)
    assert wrapped("Planned 30\u00a0Jun", FONT, SIZE, two_words + 2) == ("Planned", "30\u00a0Jun")


def test_a_word_wider_than_its_column_is_broken_between_characters():
    register_fonts()
    lines = wrapped("Supercalifragilisticexpialidocious", FONT, SIZE, 40)
    assert len(lines) > 1 and "".join(lines) == "Supercalifragilisticexpialidocious"
    assert all(stringWidth(line, FONT, SIZE) <= 40 for line in lines)


def placed_text(table: RowTable) -> dict[str, tuple[float, float]]:
    """Where each cell's text of a table laid out on A4 starts, and how wide it prints (from the page's
    own drawing operators: a text extractor joins the cells of a row into one line)."""
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=0, rightMargin=0).build([table])
    stream = PdfReader(io.BytesIO(out.getvalue())).pages[0].get_contents().get_data().decode("latin-1")
    shown = re.findall(r"1 0 0 1 ([\d.]+) [\d.]+ Tm (?:/\S+ [\d.]+ Tf [\d.]+ TL )?\((.*?)\) Tj", stream)
    return {text: (float(x), stringWidth(text, FONT, SIZE)) for x, text in shown}


def test_numbers_are_set_flush_right_and_words_flush_left_in_their_columns():
    register_fonts()
    table = RowTable.of(["Item", "Cost"], [["Loan", "1,250"], ["Grant", "75"]], None, [200, 100], [False, True])
    placed = placed_text(table)
    assert placed["Loan"][0] == placed["Grant"][0] == PAD_X
    for number in ("1,250", "75"):
        x, width = placed[number]
        assert abs(x + width - (300 - PAD_X)) < 0.01


def test_a_table_of_its_header_alone_strokes_no_empty_path():
    register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([RowTable.of(["Name", "Cost"], [], None, [100, 100], [False, True])])
    stream = PdfReader(io.BytesIO(out.getvalue())).pages[0].get_contents().get_data().decode("latin-1")
    assert "w\n\nS" not in stream and stream.count(" l\nS") == 1  # the header's rule, and nothing stroked bare


def test_a_long_table_is_wrapped_once_however_many_pages_it_runs_over(monkeypatch):
    register_fonts()
    about = "A description long enough to wrap over two lines of its column at least."
    body = [[f"Instrument {n}", about] for n in range(3000)]
    table = RowTable.of(["Name", "What it does"], body, ["Total", "3000"], [150, 300], [False, False])
    calls = []
    monkeypatch.setattr(row_table, "wrapped", lambda *a: calls.append(a) or ("",))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4)
    doc.build([table])
    assert doc.page > 50 and calls == []
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert text.count("Instrument ") == 3000 and text.count("What it does") == doc.page  # the header on every page
    assert text.count("Total") == 1



class _CountedRow(row_table.Row):
    """A row that counts how often its height is read."""

    reads = 0

    def __getattribute__(self, name: str):
        if name == "height":
            type(self).reads += 1
        return super().__getattribute__(name)


def test_a_long_table_s_page_breaks_read_each_row_s_height_a_few_times_not_once_a_page():
    register_fonts()
    rows = [_CountedRow((("Instrument",), ("two", "lines")), False, 10.0) for _ in range(3000)]
    header = row_table.Row((("Name",), ("Lines",)), True, 10.0)
    table = RowTable(header, rows, None, [150, 300], [False, False])
    _CountedRow.reads = 0
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    doc.build([table])
    assert doc.page > 50 and _CountedRow.reads < 5 * len(rows)  # once a page would be some 190,000


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=60), st.lists(st.floats(30, 700), min_size=1, max_size=30))
def test_every_part_of_a_table_cut_over_pages_is_as_tall_as_its_rows(lines, rooms):
    """A part's height is worked out from the table it was cut from: it must still add up."""
    header = row_table.Row((("Name",),), True, 10.0)
    rows = [row_table.Row((tuple("x" * n),), False, 10.0) for n in lines]
    part = RowTable(header, rows, row_table.Row((("Total",),), True, 10.0), [100], [False])
    for room in rooms:
        pieces = part.split(100, room)
        for piece in pieces:
            assert abs(piece.height - sum(r.height for r in piece.rows)) < 1e-6
        if len(pieces) != 2:
            break
        part = pieces[1]


def test_a_cell_repeated_down_a_column_is_wrapped_once(monkeypatch):
    register_fonts()
    wrapped.cache_clear()
    split = []

    class Breaks:
        def split(self, text):
            split.append(text)
            return row_table.re.split(r"\s+", text)

    monkeypatch.setattr(row_table, "_BREAKS", Breaks())
    RowTable.of(["Name", "Stage"], [["Grant", "Prototype to production"]] * 500, None, [150, 300], [False, False])
    assert sorted(split) == ["Grant", "Name", "Prototype to production", "Stage"]


def test_the_preview_of_page_one_shows_a_table_s_cells_and_rules():
    """The on-screen preview replays what the canvas was told: a table's text and rules must go through it."""
    composed = compose(Document.of(sample_entities()), load_template("workshop"), today=dt.date(2026, 3, 5))
    table = next(b for s in composed.sections for b in s.blocks if isinstance(b, TableBlock))
    picture = first_page(composed, fixed_date=dt.date(2026, 3, 5))
    texts = {t.text for t in picture.items if isinstance(t, Text)}
    assert {c.title for c in table.columns} <= texts
    assert any(len(t) > 3 and table.rows[0][0].startswith(t) for t in texts)  # its first line
    rule = styles.RULE.rgb()
    paths = [p for p in picture.items if isinstance(p, Path) and p.stroke]
    ruled = [p for p in paths if p.stroke and p.stroke[:3] == rule and len(p.segments) > 2]
    assert ruled and all(s[2] == ruled[0].segments[0][2] for s in ruled[0].segments[:2])  # rules below rows, across
