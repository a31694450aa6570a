"""No label on the value-chain or theory-of-change figure sits over another label, over a bar or card it
does not belong to, under a line, or past the figure's edge, and none is cut short: measured on the
drawings the brief prints, for the sample, a generated document of about 200 items, and one whose
value chain has many stages with long names."""

from __future__ import annotations

import re

import pytest
from reportlab.graphics.shapes import Drawing, Polygon, Rect, String

from bench.large_document import generated_entities
from templates_reports.flowables import figure_drawing
from tests.templates_reports.drawn_overlaps import problems, shape_box, text_box, within
from workbench.briefs.blocks import Figure
from workbench.briefs.context import BriefContext
from workbench.briefs.providers import PROVIDERS
from workbench.document import Document
from workbench.sample import sample_entities
from workbench.spheres.items import Item
from workbench.theory_of_change.entities import TocNode
from workbench.value_chain.entities import ValueChainStage

MORE = re.compile(r"and \d+ more")
LONG = "through the Department for Science, Innovation and Technology's regional pilot"


def many_long_stages() -> Document:
    """The generated document with every stage named at length and five stages more, two left empty."""
    out = [e.changed(name=f"{e.name} {LONG}") if isinstance(e, ValueChainStage) else e for e in generated_entities(200)]
    extra = [ValueChainStage.create(name=f"Stage added later number {k}", position=100 + k) for k in range(5)]
    return Document.of([*out, *extra])


def long_cards() -> Document:
    """Cards whose titles need many lines: a long rationale, outcome and instrument name."""
    words = "Small suppliers lack the quality systems and testing to qualify with cell makers " * 3
    return Document.of(
        [
            *sample_entities(),
            TocNode.create(result_type="outcome", title=words),
            Item.create(name="Electrochemistry frontier research grants for universities and institutes " * 2),
        ]
    )


DOCUMENTS = {
    "sample": lambda: Document.of(sample_entities()),
    "200 items": lambda: Document.of(generated_entities(200)),
    "long stage names": many_long_stages,
    "long card titles": long_cards,
}


def drawing_of(provider: str, doc: Document) -> Drawing:
    (figure,) = [b for b in PROVIDERS[provider](BriefContext(doc)) if isinstance(b, Figure)]
    return figure_drawing(figure.diagram)


@pytest.mark.parametrize("provider", ["value_chain_figure", "theory_of_change_figure"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_label_over_another_over_a_bar_or_card_under_a_line_or_cut_short(provider, name):
    assert problems(drawing_of(provider, DOCUMENTS[name]())) == []


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_card_title_stays_inside_its_card(name):
    """A card's words follow its box in the drawing; every line of them lies within that box."""
    card, outside = None, []
    for node in drawing_of("theory_of_change_figure", DOCUMENTS[name]()).contents:
        if isinstance(node, Rect):
            card = shape_box(node)
        elif isinstance(node, Polygon) or (isinstance(node, String) and MORE.fullmatch(node.text)):
            card = None  # a warning mark, an arrowhead, or the line under a long column ends the card's words
        elif isinstance(node, String) and card is not None and not within(text_box(node), card):
            outside.append(node.text)
    assert outside == []


def test_the_measure_finds_what_a_reader_would():
    d = Drawing(100, 50)
    d.add(String(10, 10, "Label one", fontName="LiberationSans", fontSize=8))
    d.add(String(14, 12, "Label two", fontName="LiberationSans", fontSize=8))
    d.add(Rect(60, 0, 20, 20))
    d.add(String(70, 15, "half on a bar", fontName="LiberationSans", fontSize=8))
    d.add(String(95, 40, "Cut…", fontName="LiberationSans", fontSize=8))
    found = problems(d)
    assert "label 'Label one' over label 'Label two'" in found
    assert "label 'half on a bar' over a node or bar" in found
    assert {"label 'Cut…' cut short", "label 'Cut…' cut off at the figure's edge"} <= set(found)
