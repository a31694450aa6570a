"""The spheres and ecosystem figures are vector drawings of the model, the ecosystem and checklist annexes
say what the analyses found, and every provider copes with an empty document."""

from __future__ import annotations

import math

import pytest
from reportlab.graphics.shapes import Circle, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from workbench.briefs.blocks import Bullets, Figure, Subheading, Table
from workbench.briefs.checklists import FAILING, checklist_status
from workbench.briefs.context import BriefContext
from workbench.briefs.ecosystem import FINDINGS, ecosystem_findings
from workbench.briefs.providers import PROVIDERS
from workbench.briefs.spheres_figure import FILL_ALPHA, spheres_drawing
from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.ecosystem.style import actor_style
from workbench.figures.ecosystem_figure import ecosystem_drawing, map_positions
from workbench.sample import sample_entities, starter_entities
from workbench.spheres.analysis import analyse_spheres
from workbench.spheres.entities import Sphere


def drawing_of(doc: Document):
    spheres = sorted(doc.all(Sphere), key=lambda s: s.key)
    return spheres, spheres_drawing(spheres, analyse_spheres(doc))


def strings(drawing) -> list[String]:
    return [n for n in drawing.contents if isinstance(n, String)]


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
    texts = {s.text for s in strings(drawing)}
    for region, stats in analysis.regions.items():
        if region.value != "outside":
            flag = "⚠ " if region.value == "AC" else ""  # the sample's empty overlap
            assert f"{flag}{region.value}: {stats.count}" in texts
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


def name_boxes(drawing) -> list[tuple[float, float, float, float]]:
    """The white panels behind the actors' names (the only translucent rectangles)."""
    rects = [n for n in drawing.contents if isinstance(n, Rect) and n.fillColor is not None]
    return [(r.x, r.y, r.x + r.width, r.y + r.height) for r in rects if r.fillColor.alpha < 1]


def test_ecosystem_figure_shows_every_actor_by_its_map_code_and_every_link():
    doc = Document.of(sample_entities())
    actors, links = doc.all(Actor), doc.all(Link)
    drawing = ecosystem_drawing(actors, links)
    texts = [s.text for s in strings(drawing)]
    for actor in actors:
        assert actor_style(actor.actor_type).code in texts
    words = " ".join(texts)
    assert "Ministry of Finance" in words and "Kestrel Coating" in words and "informal link" in words
    lines = [n for n in drawing.contents if isinstance(n, Line)]
    dashed = [n for n in lines if n.strokeDashArray]
    assert len(lines) >= len(links) and len(dashed) == sum(not link.formal for link in links) + 1  # + legend


def test_ecosystem_names_never_overlap_and_stay_inside_the_figure():
    doc = Document.of(sample_entities())
    drawing = ecosystem_drawing(doc.all(Actor), doc.all(Link))
    boxes = name_boxes(drawing)
    assert len(boxes) == len(doc.all(Actor))
    for n, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= drawing.width and a[1] >= 0 and a[3] <= drawing.height
        for b in boxes[n + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)


def test_actors_without_a_map_position_sit_on_a_ring_around_the_placed_ones():
    doc = Document.of(sample_entities())
    actors = doc.all(Actor)
    loose = [a.changed(x=None, y=None) for a in actors[:4]]
    positions = map_positions([*loose, *actors[4:]])
    assert {a.id: positions[a.id] for a in actors[4:]} == {a.id: (a.x, a.y) for a in actors[4:]}
    ring = [positions[a.id] for a in loose]
    assert len(set(ring)) == 4
    assert all(abs(x) > 440 or abs(y) > 440 for x, y in ring)  # outside the sample's placed actors
    alone = map_positions(loose[:3]).values()  # nobody placed: a ring round the map's origin
    assert len({round(math.hypot(x, y), 6) for x, y in alone}) == 1


def test_ecosystem_annex_gives_the_findings_warnings_first_and_at_most_a_few():
    ctx = BriefContext(Document.of(sample_entities()))
    (bullets,) = ecosystem_findings(ctx)
    assert isinstance(bullets, Bullets)
    found = ctx.ecosystem.findings
    assert len(found) > FINDINGS and list(bullets.items) == [f.text for f in found[:FINDINGS]]
    assert bullets.items[0].startswith("2 SMEs have no path to any ministry or agency")
    assert [f.severity for f in found[:3]] == ["warning"] * 3
    (figure,) = PROVIDERS["ecosystem_figure"](ctx)
    assert isinstance(figure, Figure) and "not yet placed" not in figure.caption


def test_checklist_annex_scores_each_checklist_and_names_failing_questions():
    table, heading, bullets = checklist_status(BriefContext(Document.of(sample_entities())))
    assert isinstance(table, Table) and isinstance(heading, Subheading) and isinstance(bullets, Bullets)
    titles = [row[0] for row in table.rows]
    assert titles == [
        "Policy objectives",
        "Policy experimentation",
        "Evaluation",
        "Policy learning",
        "ROAMEF policy cycle",
    ]
    assert table.rows[0] == ("Policy objectives", "11%", "1", "0", "4", "4")
    assert table.total == ("All checklists", "12%", "5", "0", "13", "25")
    assert heading.text == f"Questions the model shows to fail (13, the first {FAILING} listed)"
    assert len(bullets.items) == FAILING
    assert bullets.items[4] == (
        "Policy experimentation: Does every experiment say in advance which result would lead to scaling up, "
        "adjusting or stopping the measure? Not met by “Second-life storage sandbox”."
    )
    assert "and 9 more." in bullets.items[5]


def test_checklist_annex_of_an_empty_project_says_why_nothing_could_be_checked():
    table, _, bullets = checklist_status(BriefContext(Document.of(starter_entities())))
    assert table.total == ("All checklists", "0%", "0", "0", "18", "25")
    assert bullets.items[0].endswith("No objectives recorded yet: add them under Objectives.")


ALWAYS = {"spheres_figure", "checklist_status"}  # the spheres exist, and unmet checklists are a status too


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_providers_return_blocks_or_nothing_for_an_empty_document(name):
    assert PROVIDERS[name](BriefContext(Document())) == [] or name in ALWAYS
    assert isinstance(PROVIDERS[name](BriefContext(Document.of(starter_entities()))), list)
