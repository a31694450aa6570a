"""Where actors go on the ecosystem map when the user has not placed them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.document import Document
from workbench.ecosystem.entities import Actor
from workbench.ecosystem.placement import (
    CLEARANCE,
    PARKING_GAP,
    SPIRAL_STEP,
    SPOTS,
    free_spot,
    map_positions,
    parking_spots,
)
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


def test_a_new_actor_lands_where_the_user_looks_when_nothing_is_there():
    assert free_spot((120.04, -35.06), []) == (120.0, -35.1)
    assert free_spot((0.0, 0.0), [(CLEARANCE + 1, 0.0)]) == (0.0, 0.0)


def test_a_new_actor_never_lands_on_another_but_as_near_as_it_can():
    spot = free_spot((0.0, 0.0), [(0.0, 0.0)])
    assert math.hypot(*spot) == pytest.approx(SPIRAL_STEP * math.sqrt(2), abs=0.1)  # the first spot clear of it
    crowd = [(x * 50.0, y * 50.0) for x in range(-3, 4) for y in range(-3, 4)]
    x, y = free_spot((0.0, 0.0), crowd)
    assert all(math.hypot(x - a, y - b) > CLEARANCE - 0.1 for a, b in crowd)
    assert math.hypot(x, y) < 250


def test_a_map_with_no_free_spot_near_the_centre_gives_the_centre():
    """Better an actor on top of another than one far outside the window."""
    everywhere = [(x * 40.0, y * 40.0) for x in range(-20, 21) for y in range(-20, 21)]
    assert free_spot((3.0, 4.0), everywhere) == (3.0, 4.0)


points = st.tuples(st.floats(-500, 500), st.floats(-500, 500))


@given(centre=points, taken=st.lists(points, max_size=30))
def test_the_spot_found_is_clear_of_every_actor_or_the_centre(centre, taken):
    x, y = free_spot(centre, taken)
    clear = all(math.hypot(x - a, y - b) > CLEARANCE - 0.1 for a, b in taken)
    assert clear or (x, y) == (round(centre[0], 1), round(centre[1], 1))
    assert math.hypot(x - centre[0], y - centre[1]) <= SPIRAL_STEP * math.sqrt(SPOTS) + 0.1


def actor(name: str, x: float | None = None, y: float | None = None) -> Actor:
    return Actor.create(id=name.lower(), name=name, x=x, y=y)


def test_actors_without_a_position_wait_left_of_the_map_in_name_order():
    placed = [actor("Ministry", 100.0, 50.0), actor("Agency", 300.0, 20.0)]
    spots = parking_spots([actor("zeta"), *placed, actor("Alpha"), actor("beta")])
    assert list(spots) == ["alpha", "beta", "zeta"]  # placed actors stay where they are
    left = 100.0 - 3 * PARKING_GAP
    assert spots == {"alpha": (left, 20.0), "beta": (left, 20.0 + PARKING_GAP), "zeta": (left, 20.0 + 2 * PARKING_GAP)}


def test_many_waiting_actors_fill_columns_leftwards_and_never_share_a_spot():
    spots = parking_spots([actor(f"Actor {n:03}") for n in range(100)])  # nobody placed: beside the origin
    assert len(set(spots.values())) == 100
    columns = sorted({x for x, _y in spots.values()}, reverse=True)
    assert len(columns) == 10 and columns[0] == -3 * PARKING_GAP  # ten of ten: as tall as wide
    assert all(x < 0 for x, _y in spots.values())
