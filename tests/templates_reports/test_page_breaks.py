"""No page of a brief carries a lone bullet or a lone line below its running header: a heading or
lead-in stays with what follows it, a short list stays whole, and a long one leaves at least two of its
points together on a page. Read from the PDF as printed, page by page."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from templates_reports.catalogue import load_template
from templates_reports.export import make_brief
from templates_reports.flowables import table_flowables
from templates_reports.fonts import register_fonts
from templates_reports.row_table import IN_ROW_FROM, RowTable
from workbench.briefs.blocks import Column, Subheading
from workbench.briefs.blocks import Table as TableBlock
from workbench.briefs.compose import compose
from workbench.briefs.entities import BriefSection
from workbench.document import Document
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)
BAND = 22 * mm  # the running header and footer
ITEM = re.compile(r"^(•|\(\w\)|\d+\.(\d+)?)\s")  # a bullet, a lettered limb or a numbered paragraph or point
WATERMARK = "DRAFT"
LEADER = " . . . "  # a line of the contents list (drawn in a form, which the reader places apart)


def body_lines(pdf: bytes) -> list[list[str]]:
    """Each page's lines of text between its running header and footer, top first."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        pieces: dict[int, list[tuple[float, str]]] = {}

        def seen(text, cm, tm, _font, _size, height=height, pieces=pieces):
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            if text.strip() and BAND < y < height - BAND:
                pieces.setdefault(round(y), []).append((x, text.strip()))

        page.extract_text(visitor_text=seen)
        lines = [" ".join(t for _x, t in sorted(pieces[y])) for y in sorted(pieces, reverse=True)]
        pages.append([line for line in lines if line != WATERMARK and LEADER not in line])
    return pages


def lone(lines: list[str]) -> bool:
    """Whether a page holds one line, or one list item and nothing else."""
    return len(lines) == 1 or (bool(lines) and ITEM.match(lines[0]) and sum(bool(ITEM.match(x)) for x in lines) == 1)


def longer_text() -> Document:
    """The sample with every written section of every brief three times as long."""
    out = [
        e.changed(text="\n\n".join([e.text] * 3)) if isinstance(e, BriefSection) and e.text else e
        for e in sample_entities()
    ]
    return Document.of(out)


def headings(doc: Document, template: str) -> set[str]:
    brief = compose(doc, load_template(template), today=DAY)
    return {s.title for s in brief.sections} | {
        b.text for s in brief.sections for b in s.blocks if isinstance(b, Subheading)
    }


def sample() -> Document:
    return Document.of(sample_entities())


SLOW = pytest.mark.slow  # a brief laid out and read back takes seconds


@pytest.mark.parametrize(
    ("template", "doc"),
    [
        ("ministerial", sample),
        pytest.param("evaluation", sample, marks=SLOW),
        pytest.param("workshop", sample, marks=SLOW),
        pytest.param("ministerial", longer_text, marks=SLOW),
        pytest.param("evaluation", longer_text, marks=SLOW),
    ],
)
def test_no_page_holds_a_lone_bullet_or_line_nor_ends_with_a_heading(template, doc):
    document = doc()
    pages = body_lines(make_brief(document, template, fixed_date=DAY).pdf)
    assert [(n, lines) for n, lines in enumerate(pages, start=1) if lone(lines)] == []
    titles = headings(document, template)
    assert [(n, lines[-1]) for n, lines in enumerate(pages, start=1) if lines and lines[-1] in titles] == []


def test_the_measure_sees_a_lone_bullet():
    assert lone(["• Key risks: paying for output that would have happened anyway; a subsidy race", "clearance."])
    assert lone(["4.2 The last point."]) and lone(["Contact"])
    assert not lone(["• One point", "• Another point"]) and not lone(["Annex C", "20 instruments", "Type"])


def table_of(lines_per_row: int) -> RowTable:
    register_fonts()
    block = TableBlock((Column("Risk"), Column("Mitigation", weight=3)), tuple(
        (f"Risk {n}", " ".join(["A mitigation line long enough to wrap."] * 4 * lines_per_row)) for n in range(6)
    ))  # fmt: skip
    (table,) = [f for f in table_flowables(block, 440) if isinstance(f, RowTable)]
    return table


def heights(table: RowTable) -> list[float]:
    return [row.height for row in table.rows]


def test_a_table_breaks_between_rows_leaving_no_half_row_at_the_foot_of_a_page():
    table = table_of(lines_per_row=4)
    header, row, *_ = heights(table)
    assert len(table.split(440, header + row * 2.5)[0].rows) == 3  # the header and two whole rows
    assert table.split(440, header + row * 0.7) == []  # no whole row fits: the table goes on overleaf
    assert table.split(440, header + row * 1.5) == []  # nor is one row left alone at the foot of a page


def test_a_row_taller_than_the_room_a_page_leaves_is_split_inside():
    table = table_of(lines_per_row=40)
    assert heights(table)[1] > IN_ROW_FROM
    first, rest = table.split(440, IN_ROW_FROM + 20)
    assert first.wrap(440, IN_ROW_FROM + 20)[1] <= IN_ROW_FROM + 20  # the page is filled, not overrun
    assert first.body[0].lines + rest.body[0].lines == table.body[0].lines  # no line lost or repeated
    assert len(rest.body) == len(table.body)
