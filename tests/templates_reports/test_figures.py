"""The figures a brief describes are drawn as vector drawings of the model: the spheres as the canvas
shows them, the ecosystem map as the team placed it, the value chain's coverage; and a figure file
is written as PDF or SVG."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Circle, Line, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.figures import ecosystem as ecosystem_figure
from templates_reports.figures.ecosystem import PATTERN_SCALE, ecosystem_drawing
from templates_reports.figures.spheres import FILL_ALPHA, spheres_drawing
from templates_reports.figures.value_chain import save_drawing, value_chain_drawing
from templates_reports.flowables import figure_drawing
from templates_reports.fonts import BOLD, FALLBACKS, FONT, HOUSE, MISSING
from templates_reports.styles import FIGURE_WIDTH
from tests.templates_reports.drawn_overlaps import text_box
from workbench import boxes, segments
from workbench.briefs.context import BriefContext
from workbench.briefs.providers import PROVIDERS
from workbench.document import Document
from workbench.ecosystem.entities import Actor, ActorType, Link, LinkType
from workbench.ecosystem.style import LINK_STYLES, actor_style
from workbench.errors import WorkbenchError
from workbench.sample import sample_entities, starter_entities
from workbench.spheres.analysis import analyse_spheres
from workbench.spheres.entities import Sphere
from workbench.value_chain.analysis import analyse_value_chain

WIDTH = 440.0


def drawing_of(doc: Document):
    spheres = sorted(doc.all(Sphere), key=lambda s: s.key)
    return spheres, spheres_drawing(spheres, analyse_spheres(doc), WIDTH)


def strings(drawing) -> list[String]:
    return [n for n in drawing.contents if isinstance(n, String)]


DSIT = "Department for Science, Innovation and Technology"
LONGEST = ("Office for the Coordination of Research, Development and Innovation in Industrial Strategy " * 3)[:196]


def drawn_text(drawing) -> str:
    """Every word drawn, in drawing order, one space between (a wrapped name's lines are drawn one after
    the other)."""
    return " " + " ".join(" ".join(s.text.split()) for s in strings(drawing)) + " "


def test_circles_carry_the_sphere_colours_and_the_canvas_geometry():
    spheres, drawing = drawing_of(Document.of(sample_entities()))
    circles = [n for n in drawing.contents if isinstance(n, Circle)]
    assert len(circles) == 3
    for sphere, circle in zip(spheres, circles, strict=True):
        assert circle.fillColor.hexval()[2:].lower() == sphere.colour.lstrip("#")
        assert circle.fillColor.alpha == pytest.approx(FILL_ALPHA)
    a, b, c = circles
    scale = a.r / spheres[0].r
    assert b.cx - a.cx == pytest.approx((spheres[1].cx - spheres[0].cx) * scale)
    assert c.cy < a.cy  # C sits below A on the canvas (y grows downwards there, upwards on paper)


def test_every_region_count_is_printed_and_empty_overlaps_are_flagged():
    doc = Document.of(sample_entities())
    analysis = analyse_spheres(doc)
    _, drawing = drawing_of(doc)
    texts = [s.text for s in strings(drawing)]
    counts = [t.removeprefix("⚠").strip() for t in texts if t.removeprefix("⚠").strip().isdigit()]
    inside = [stats.count for region, stats in analysis.regions.items() if region.value != "outside"]
    assert sorted(map(int, counts)) == sorted(inside)  # one count per region, in no letter code
    assert not any(t.split(":")[0].strip("⚠ ") in {"A", "B", "C", "AB", "AC", "BC", "ABC"} for t in texts)
    texts = set(texts)
    assert "⚠" in texts  # the sample's empty overlap AC
    assert f"Outside IIP (complementary: trade, competition): {analysis.regions['outside'].count}" in texts
    assert {"A  Science &", "research policy", "C  Industrial policy"} <= texts


@pytest.mark.parametrize(
    "name", ["R", "Wissenschafts- und Forschungspolitik des Bundes und der Länder " * 2, "x" * 120]
)
def test_labels_stay_inside_the_figure_whatever_the_names(name):
    doc = Document.of(starter_entities())
    renamed = doc.get(Sphere, "sphere-A").changed(name=name[:120].strip())
    doc.entities["sphere"][renamed.id] = renamed
    _, drawing = drawing_of(doc)
    for s in strings(drawing):
        width = stringWidth(s.text, s.fontName, s.fontSize)
        left = {"start": s.x, "end": s.x - width}.get(s.textAnchor, s.x - width / 2)
        assert left >= -0.5 and left + width <= drawing.width + 0.5, s.text
        assert 0 <= s.y <= drawing.height, s.text


@pytest.mark.parametrize("name", [DSIT, f"{DSIT} and the research councils of the devolved administrations", "x" * 120])
def test_a_long_sphere_name_prints_whole_with_its_letter(name):
    doc = Document.of(starter_entities())
    renamed = doc.get(Sphere, "sphere-B").changed(name=name)
    doc.entities["sphere"][renamed.id] = renamed
    _, drawing = drawing_of(doc)
    texts = [s.text for s in strings(drawing)]
    assert not any(t.endswith("…") for t in texts)
    drawn = drawn_text(drawing)
    assert f" B {name} " in drawn.replace("- ", "")  # a word too long for a line is hyphenated, not cut


def name_boxes(drawing) -> list[tuple[float, float, float, float]]:
    """The white panels behind the actors' names (the only translucent rectangles)."""
    rects = [n for n in drawing.contents if isinstance(n, Rect) and n.fillColor is not None]
    return [(r.x, r.y, r.x + r.width, r.y + r.height) for r in rects if r.fillColor.alpha < 1]


def test_ecosystem_figure_shows_every_actor_by_its_map_code_and_every_link():
    doc = Document.of(sample_entities())
    actors, links = doc.all(Actor), doc.all(Link)
    drawing = ecosystem_drawing(actors, links, WIDTH)
    texts = [s.text for s in strings(drawing)]
    for actor in actors:
        assert actor_style(actor.actor_type).code in texts
    words = " ".join(texts)
    assert "Ministry of Finance" in words and "Kestrel Coating" in words and "informal link" in words
    lines = [n for n in drawing.contents if isinstance(n, Line)]
    hollow = [n for n in lines if n.strokeColor == HexColor("#ffffff")]  # a white line inside an informal link's
    assert len(lines) >= len(links) and len(hollow) == sum(not link.formal for link in links) + 1  # + legend


def test_each_link_type_of_the_ecosystem_figure_has_its_own_pattern_as_on_the_map():
    links = Document.of(sample_entities()).all(Link)
    drawing = ecosystem_drawing(Document.of(sample_entities()).all(Actor), links, WIDTH)
    drawn = {tuple(n.strokeDashArray or ()) for n in drawing.contents if isinstance(n, Line)} - {()}
    shown = {link.link_type for link in links}
    patterns = {tuple(d * PATTERN_SCALE for d in LINK_STYLES[kind].dash) for kind in shown} - {()}
    assert len(shown) >= 3 and len(patterns) == len(shown) - (LinkType.COLLABORATES in shown)  # one each
    assert drawn == patterns


def test_the_ecosystem_legend_names_each_type_once_and_never_twice_over():
    doc = Document.of(sample_entities())
    drawing = ecosystem_drawing(doc.all(Actor), doc.all(Link), WIDTH)
    legend = [s.text for s in strings(drawing) if s.fontSize == ecosystem_figure.LEGEND_SIZE]
    assert len(legend) == len(set(legend))  # no entry repeats
    doubled = [t for t in legend if "  " in t and len({part.casefold() for part in t.split("  ")}) == 1]
    assert doubled == []  # "SME  SME": a code that is its type's name is not said twice
    assert {"SME", "Other", "MIN  Ministry", "THINK  Think tank", "informal link"} <= set(legend)
    types = {a.actor_type for a in doc.all(Actor)}
    labels = {ActorType(k).label for k in types}
    assert sorted(t.split("  ")[-1] for t in legend if t.split("  ")[-1] in labels) == sorted(labels)


def test_ecosystem_names_never_overlap_and_stay_inside_the_figure():
    doc = Document.of(sample_entities())
    drawing = ecosystem_drawing(doc.all(Actor), doc.all(Link), WIDTH)
    boxes = name_boxes(drawing)
    assert len(boxes) == len(doc.all(Actor))
    for n, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= drawing.width and a[1] >= 0 and a[3] <= drawing.height
        for b in boxes[n + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)


@pytest.mark.parametrize("crowd", [0, 60], ids=["sample, renamed", "60 long names"])
def test_long_actor_names_print_whole_by_their_actor_or_in_the_numbered_key(crowd):
    doc = Document.of(sample_entities())
    actors = [a.changed(name=f"{DSIT} {n}" if n % 2 else f"{LONGEST} {n}") for n, a in enumerate(doc.all(Actor))]
    rnd = random.Random(crowd)
    actors += [
        Actor.create(id=f"a{n}", name=f"{DSIT} x{n}", actor_type="agency", x=rnd.uniform(0, 300), y=rnd.uniform(0, 200))
        for n in range(crowd)
    ]
    links = doc.all(Link)
    layout = ecosystem_figure.map_layout(actors, links, WIDTH)
    on_map = {" ".join(lines) for lines, _box in layout.names}
    key = {entry.split("  ", 1)[1]: entry.split("  ", 1)[0] for entry in layout.key}
    for actor in actors:
        assert actor.name in on_map or key.get(actor.name) in on_map, actor.name  # its number is on the map
    assert key  # some names only in the key: the path this test is about
    drawing = ecosystem_drawing(actors, links, WIDTH)
    for s in strings(drawing):
        assert not s.text.endswith("…"), s.text
        box = text_box(s)
        assert box[0] >= -0.5 and box[2] <= drawing.width + 0.5 and box[1] >= 0 and box[3] <= drawing.height, s.text
    drawn = drawn_text(drawing)
    missing = [a.name for a in actors if f" {a.name} " not in drawn]
    assert missing == []
    assert [e for e in layout.key if f" {' '.join(e.split())} " not in drawn] == []


def crowded_map(actors: int) -> Document:
    """`actors` actors strewn over a map, with as many links again."""
    rnd = random.Random(actors)
    types = [t.value for t in ActorType]
    crowd = [
        Actor.create(
            id=f"a{n}", name=f"Actor {n}", actor_type=rnd.choice(types), x=rnd.uniform(0, 900), y=rnd.uniform(0, 700)
        )
        for n in range(actors)
    ]
    links = [Link.create(source_id=a.id, target_id=b.id) for a, b in (rnd.sample(crowd, 2) for _ in range(actors))]
    return Document.of([*starter_entities(), *crowd, *links])


def figure_work(doc: Document, monkeypatch) -> int:
    """The comparisons the ecosystem figure's own code and its placement grids make (every min and max
    they call): a count that does not depend on the machine."""
    calls = 0

    def counted(real):
        def call(*args, **kwargs):
            nonlocal calls
            calls += 1
            return real(*args, **kwargs)

        return call

    (figure,) = PROVIDERS["ecosystem_figure"](BriefContext(doc))
    with monkeypatch.context() as mp:
        for module in (ecosystem_figure, boxes, segments):
            mp.setattr(module, "min", counted(min), raising=False)
            mp.setattr(module, "max", counted(max), raising=False)
        figure_drawing(figure.diagram)
    return calls


@pytest.mark.slow  # draws a crowded map twice
def test_a_map_ten_times_as_crowded_costs_about_ten_times_the_work(monkeypatch):
    small, large = figure_work(crowded_map(300), monkeypatch), figure_work(crowded_map(3000), monkeypatch)
    assert large < 15 * small, (small, large)


def test_placing_the_names_costs_a_few_comparisons_per_actor_and_link(monkeypatch):
    # Every spot tried looks only at the actors, lines and names in its own grid cells.
    assert figure_work(crowded_map(1000), monkeypatch) < 50 * (1000 + 1000)


def test_names_on_a_crowded_map_never_overlap_and_stay_inside_the_figure():
    doc = crowded_map(2000)
    (figure,) = PROVIDERS["ecosystem_figure"](BriefContext(doc))
    drawing = figure_drawing(figure.diagram)
    boxes = name_boxes(drawing)
    # Names stay clear of every actor and line too, so on a map this crowded few find a place.
    assert len(boxes) <= len(figure.diagram.named) < len(doc.all(Actor))
    assert f"names: {len(boxes)} of 2,000 actors (the most connected that fit)" in [s.text for s in strings(drawing)]
    for n, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= drawing.width and a[1] >= 0 and a[3] <= drawing.height
        for b in boxes[n + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)


@pytest.mark.parametrize(
    "provider", ["spheres_figure", "value_chain_figure", "ecosystem_figure", "theory_of_change_figure"]
)
def test_every_figure_a_brief_describes_is_drawn_within_the_figure_width_in_the_brief_fonts(provider):
    figure = PROVIDERS[provider](BriefContext(Document.of(sample_entities())))[0]  # the spheres: and a table
    drawing = figure_drawing(figure.diagram)
    assert FIGURE_WIDTH * 0.9 < drawing.width <= FIGURE_WIDTH  # the spheres keep their proportions
    fonts = {s.fontName for s in strings(drawing)}
    assert FONT in fonts or BOLD in fonts
    assert fonts <= {name for name, _ in HOUSE.styles()} | {name for name, _ in FALLBACKS}


def test_characters_the_brief_fonts_lack_are_marked_not_dropped():
    doc = Document.of(sample_entities())
    actors = doc.all(Actor)
    drawing = ecosystem_drawing([actors[0].changed(name="Agency 🚀 漢字"), *actors[1:]], doc.all(Link), WIDTH)
    texts = [(s.text, s.fontName) for s in strings(drawing)]
    assert ("Agency ", FONT) in texts and (MISSING, "DejaVuSans") in texts and ("漢字", "DroidSansFallback") in texts


def test_the_coverage_figure_is_written_as_pdf_or_svg_and_nothing_else(tmp_path):
    drawing = value_chain_drawing(analyse_value_chain(Document.of(sample_entities())), "EUR")
    pdf = save_drawing(drawing, tmp_path / "figure.pdf")
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "Valley of death" in text and "Production" in text and "only one" in text
    svg = save_drawing(drawing, tmp_path / "figure.SVG")
    assert ET.parse(svg).getroot().tag.endswith("svg")
    with pytest.raises(WorkbenchError) as info:
        save_drawing(drawing, tmp_path / "figure.png")
    assert info.value.message == "Cannot write a figure as .png; use .pdf or .svg."
    with pytest.raises(WorkbenchError, match="Could not write"):
        save_drawing(drawing, tmp_path / "no such folder" / "figure.pdf")
