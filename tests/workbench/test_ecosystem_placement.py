"""Where actors go on the ecosystem map when the user has not placed them."""

from __future__ import annotations

import math

from workbench.document import Document
from workbench.ecosystem.entities import Actor
from workbench.ecosystem.placement import map_positions
from workbench.sample import sample_entities


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
