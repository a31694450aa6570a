"""The spheres figure is a vector drawing of the model, and every provider copes with an empty document."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Circle, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from workbench.briefs.context import BriefContext
from workbench.briefs.providers import PROVIDERS
from workbench.briefs.spheres_figure import FILL_ALPHA, spheres_drawing
from workbench.document import Document
from workbench.sample import sample_entities, starter_entities
from workbench.sphere_gaps import analyse_spheres
from workbench.spheres import Sphere


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


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_providers_return_blocks_or_nothing_for_an_empty_document(name):
    assert PROVIDERS[name](BriefContext(Document())) == [] or name == "spheres_figure"
    assert isinstance(PROVIDERS[name](BriefContext(Document.of(starter_entities()))), list)
