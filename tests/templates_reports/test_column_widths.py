"""A table's columns are never narrower than their longest word (up to a third of the table), worked out
from each distinct word of a column once: a 1,500-row annex repeats its words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from templates_reports import flowables, styles
from templates_reports.flowables import CELL_PADDING, column_widths
from templates_reports.fonts import printable, register_fonts
from templates_reports.row_table import width_of
from workbench.briefs.blocks import Column, Table

register_fonts()
WIDTH = 480.0
WORDS = st.text(st.sampled_from("ab Wi\u2028\u00a0\n€\u0531\U0001f600"), max_size=12)


def _floor(table: Table, n: int) -> float:
    """The floor of column n as its definition says it, cell by cell."""
    spec, size = table.columns[n], styles.cell.fontSize
    widths = [width_of(w, styles.cell_bold.fontName, size) for w in spec.title.split()]
    cells = [(row[n], styles.cell.fontName) for row in table.rows]
    cells += [(table.total[n], styles.cell_bold.fontName)] if table.total else []
    for text, font in cells:
        pieces = printable(text).split("\n") if spec.numeric or spec.nowrap else printable(text).split()
        widths += [width_of(p, font, size) for p in pieces]
    return min(WIDTH / 3, max(widths, default=0.0) + CELL_PADDING)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(WORDS, WORDS), min_size=1, max_size=8),
    st.booleans(),
    st.one_of(st.none(), st.tuples(WORDS, WORDS)),
)
def test_no_column_is_narrower_than_its_longest_word(rows, numeric, total):
    table = Table((Column("Name", 3), Column("Amount", 1, numeric=numeric)), tuple(rows), total=total)
    widths = column_widths(table, WIDTH)
    assert abs(sum(widths) - WIDTH) < 1e-6
    floors = [_floor(table, n) for n in range(2)]
    assert [min(WIDTH / 3, flowables._longest_word(table, n) + CELL_PADDING) for n in range(2)] == floors
    if sum(floors) <= WIDTH:
        assert all(w >= f - 1e-9 for w, f in zip(widths, floors, strict=True))


def test_a_column_s_repeated_words_are_measured_once(monkeypatch):
    rows = tuple((f"Innovation agency grant {n % 3}", f"{n % 5},000") for n in range(1500))
    table = Table((Column("Name", 3), Column("Amount", 1, numeric=True)), rows)
    measured: list[str] = []
    monkeypatch.setattr(flowables, "width_of", lambda text, *a: measured.append(text) or width_of(text, *a))
    column_widths(table, WIDTH)
    assert len(measured) <= 20
