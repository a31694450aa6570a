"""The theory-of-change figure: every column titled, a card per entry with a drawn warning mark where
the analysis found something, an untested assumption's link dashed, and a long column cut short in words."""

from __future__ import annotations

from reportlab.graphics.shapes import Line, Polygon, String

from templates_reports.figures.theory_of_change import MOST, theory_of_change_drawing
from workbench.briefs.theory_of_change import not_drawn, theory_of_change_diagram
from workbench.document import Document
from workbench.spheres.items import Item
from workbench.theory_of_change.entities import TocLink, TocNode


def texts(drawing) -> list[str]:
    return [n.text for n in drawing.contents if isinstance(n, String)]


def test_columns_cards_marks_and_dashes():
    grant = Item.create(id="g", name="Pilot-line grant")
    outcome = TocNode.create(id="o", result_type="outcome", title="Cells at scale")
    link = TocLink.create(from_item_id="g", to_node_id="o", assumption="Buyers sign offtakes")
    drawing = theory_of_change_drawing(theory_of_change_diagram(Document.of([grant, outcome, link])))
    words = texts(drawing)
    assert {"Rationale", "Instruments", "Outputs", "Outcomes", "Impacts"} <= set(words)
    assert "Pilot-line grant" in words and "Cells at scale" in words
    assert words.count("!") == 1  # the outcome has no indicator; the grant reaches it
    dashed = [n for n in drawing.contents if isinstance(n, Line) and n.strokeDashArray]
    assert len(dashed) == 1  # no evaluation tests the assumption
    assert any(isinstance(n, Polygon) for n in drawing.contents)  # the arrowhead


def test_a_long_column_says_how_many_more():
    items = [Item.create(name=f"Instrument {n:02}") for n in range(MOST + 3)]
    words = texts(theory_of_change_drawing(theory_of_change_diagram(Document.of(items))))
    assert "and 3 more" in words
    assert "Instrument 00" in words and f"Instrument {MOST + 2:02}" not in words


def test_a_brief_names_the_cards_a_long_column_has_no_room_for_after_the_figure():
    items = [Item.create(name=f"Instrument {n:02}") for n in range(MOST + 3)]
    diagram = theory_of_change_diagram(Document.of(items))
    (table,) = not_drawn(diagram)
    assert table.rows == (("Instruments", "3", "Instrument 10; Instrument 11; Instrument 12"),)
    assert not_drawn(theory_of_change_diagram(Document.of(items[:MOST]))) == []


def test_card_titles_print_no_smaller_than_7_points():
    items = [Item.create(name="A grant for pilot lines in every region of the north " * 2)]
    drawing = theory_of_change_drawing(theory_of_change_diagram(Document.of(items)))
    sizes = {n.fontSize for n in drawing.contents if isinstance(n, String) and n.text not in ("", "!")}  # words
    assert min(sizes) >= 7


def test_the_figure_embeds_only_the_brief_fonts(tmp_path):
    from pypdf import PdfReader

    from templates_reports.figures.value_chain import save_drawing

    drawing = theory_of_change_drawing(theory_of_change_diagram(Document.of([Item.create(name="Grant")])))
    path = save_drawing(drawing, tmp_path / "toc.pdf")
    fonts = PdfReader(path).pages[0]["/Resources"]["/Font"].values()
    assert all("LiberationSans" in f.get_object()["/BaseFont"] for f in fonts)


def test_a_word_too_long_for_a_card_is_broken_with_a_hyphen():
    from templates_reports.figures.label import label_width, wrap_lines

    lines = wrap_lines("Electrochemistry frontier research grants", "LiberationSans", 7.0, 50)
    assert lines[0].endswith("-") and lines[0][:-1] + lines[1].split()[0] == "Electrochemistry"
    assert all(label_width(line, "LiberationSans", 7.0) <= 50 for line in lines)
