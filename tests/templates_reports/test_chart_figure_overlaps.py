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
from workbench.briefs.blocks import Figure, ValueChainDiagram
from workbench.briefs.context import BriefContext
from workbench.briefs.providers import PROVIDERS
from workbench.document import Document
from workbench.money.currency import currency, format_money
from workbench.sample import sample_entities
from workbench.spheres.items import Item
from workbench.theory_of_change.entities import TocNode
from workbench.value_chain.entities import ValueChainStage

MORE = re.compile(r"and \d+ more")
NUMBER_PIECE = re.compile(r"[\d,.]*\d[,.][\d,.]*|[,./]\s*\d[\d,.]*")  # "11,912." or "/ 0": a number cut apart
MONEY = re.compile(r"−?[€£$]\d{1,3}(,\d{3})*(\.\d{1,2})?(k|m|bn|tn)?")  # "€128m", "£11.9bn", "$950"
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


def value_chain_diagram(doc: Document) -> ValueChainDiagram:
    (figure,) = [b for b in PROVIDERS["value_chain_figure"](BriefContext(doc)) if isinstance(b, Figure)]
    assert isinstance(figure.diagram, ValueChainDiagram)
    return figure.diagram


def in_pounds_by_billions(doc: Document) -> ValueChainDiagram:
    """The document's value chain with every stage's net cost in the billions of pounds, odd figures."""
    analysis = value_chain_diagram(doc).analysis
    for n, stage in enumerate(analysis.stages):
        scale = (11_912_345_678 + n * 987_654_321) / (stage.budget or 1.0)
        stage.budget *= scale
        for share in stage.roles.values():
            share.budget *= scale
    return ValueChainDiagram(analysis, "GBP")


@pytest.mark.parametrize("name", [*DOCUMENTS, "billions of pounds"])
def test_each_stage_s_net_cost_is_drawn_once_as_money_on_one_line(name):
    """No "11,912." over "0": each total in its currency, whole in one string, and no bare piece of a number."""
    if name == "billions of pounds":
        diagram = in_pounds_by_billions(many_long_stages())
    else:
        diagram = value_chain_diagram(DOCUMENTS[name]())
    symbol = currency(diagram.currency).symbol
    drawing = figure_drawing(diagram)
    assert problems(drawing) == []  # not over a neighbour's, however long the figure
    texts = [s for s in drawing.contents if isinstance(s, String)]
    drawn = [s for s in texts if symbol in s.text or NUMBER_PIECE.fullmatch(s.text.strip())]
    expected = [format_money(s.budget, diagram.currency) for s in diagram.analysis.stages if s.budget]
    assert sorted(s.text for s in drawn) == sorted(expected)
    assert [s.text for s in drawn if not MONEY.fullmatch(s.text)] == []
    assert all(s.textAnchor == "middle" for s in drawn) and len({(s.x, s.y) for s in drawn}) == len(drawn)
