"""No name on the ecosystem map sits over an actor, a link line or another name: measured on the
sample's map and on a generated 200-actor map, as the brief draws them."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from templates_reports.figures.ecosystem import R, map_layout
from templates_reports.styles import FIGURE_WIDTH
from workbench.boxes import Box
from workbench.briefs.blocks import EcosystemDiagram
from workbench.briefs.context import BriefContext
from workbench.briefs.providers import PROVIDERS
from workbench.document import Document
from workbench.ecosystem.entities import Actor, ActorType, Link
from workbench.sample import sample_entities, starter_entities


def generated_map(actors: int) -> Document:
    rnd = random.Random(actors)
    types = [t.value for t in ActorType]
    crowd = [
        Actor.create(
            id=f"a{n}",
            name=rnd.choice(["Agency", "Department for Science, Innovation and Technology", "Cell Co"]) + f" {n}",
            actor_type=rnd.choice(types),
            x=rnd.uniform(0, 900),
            y=rnd.uniform(0, 700),
        )
        for n in range(actors)
    ]
    links = [Link.create(source_id=a.id, target_id=b.id) for a, b in (rnd.sample(crowd, 2) for _ in range(actors))]
    return Document.of([*starter_entities(), *crowd, *links])


def crosses(box: Box, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the segment a-b passes through the inside of `box` (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def over_disc(box: Box, centre: tuple[float, float], radius: float) -> bool:
    nearest_x = min(max(centre[0], box[0]), box[2])
    nearest_y = min(max(centre[1], box[1]), box[3])
    return math.dist((nearest_x, nearest_y), centre) < radius


def overlaps(diagram: EcosystemDiagram) -> list[str]:
    layout = map_layout(diagram.actors, diagram.links, FIGURE_WIDTH, diagram.named)
    boxes = [(" ".join(lines), box) for lines, box in layout.names]
    found = []
    for (a, first), (b, second) in itertools.combinations(boxes, 2):
        if min(first[2], second[2]) > max(first[0], second[0]) and min(first[3], second[3]) > max(first[1], second[1]):
            found.append(f"name {a!r} over name {b!r}")
    for name, box in boxes:
        found += [f"name {name!r} over an actor" for p in layout.points.values() if over_disc(box, p, R)]
        found += [f"name {name!r} over a link" for a, b in layout.segments if crosses(box, a, b)]
    return found


def diagram_of(doc: Document) -> EcosystemDiagram:
    (figure,) = PROVIDERS["ecosystem_figure"](BriefContext(doc))
    assert isinstance(figure.diagram, EcosystemDiagram)
    return figure.diagram


@pytest.mark.parametrize("doc", [Document.of(sample_entities()), generated_map(200)], ids=["sample", "200 actors"])
def test_no_name_sits_over_an_actor_a_link_or_another_name(doc):
    diagram = diagram_of(doc)
    assert overlaps(diagram) == []
    named = len(map_layout(diagram.actors, diagram.links, FIGURE_WIDTH, diagram.named).names)
    assert named >= (len(diagram.actors) if diagram.named is None else 10)


def test_the_measure_finds_overlaps_where_there_are_some():
    box = (0.0, 0.0, 10.0, 4.0)
    assert crosses(box, (-5, 2), (15, 2)) and not crosses(box, (-5, 6), (15, 6))
    assert over_disc(box, (5, 6), 3) and not over_disc(box, (5, 9), 3)
