"""Property tests for sphere-region geometry (workbench.spheres.entities)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.workbench.support import examples
from workbench.spheres.entities import (
    REGIONS,
    Region,
    Sphere,
    default_spheres,
    region_anchor,
    region_anchors,
    region_label,
    region_of,
    regions_of,
)

KEYS = ("A", "B", "C")
# Every @given sets database=None (hypothesis writes nothing outside tmp_path) and no deadline (busy CI machines).

coords = st.floats(min_value=-1e5, max_value=1e5, allow_nan=False, allow_infinity=False)
radii = st.floats(min_value=10, max_value=1e5, allow_nan=False, allow_infinity=False)


@st.composite
def sphere_sets(draw, *, coord=coords, radius=radii, min_size=0):
    """Spheres with distinct keys (a document has at most one sphere per key), in any order."""
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, min_size=min_size, max_size=3))
    return [
        Sphere.create(id=f"sphere-{k}", key=k, name=f"Sphere {k}", cx=draw(coord), cy=draw(coord), r=draw(radius))
        for k in keys
    ]


int_coords = st.integers(min_value=-400_000, max_value=400_000)
int_radii = st.integers(min_value=10, max_value=400_000)
int_sphere_sets = sphere_sets(coord=int_coords.map(float), radius=int_radii.map(float))


def _inside(x: float, y: float, s: Sphere) -> bool:
    """Independent membership test (hypot rather than squared sums)."""
    return math.hypot(x - s.cx, y - s.cy) <= s.r


@settings(max_examples=examples(300), database=None, deadline=None)
@given(sphere_sets(), coords, coords)
def test_region_keys_are_exactly_the_spheres_containing_the_point(spheres, x, y):
    # Stay clear of the circle edges, where two ways of computing a distance may round differently.
    for s in spheres:
        assume(abs(math.hypot(x - s.cx, y - s.cy) - s.r) > 1e-6 * max(s.r, abs(s.cx), abs(s.cy), 1.0))
    region = region_of(x, y, spheres)
    expected = {s.key for s in spheres if _inside(x, y, s)}
    assert set(region.keys) == expected
    assert list(region.keys) == sorted(region.keys)  # always written A, B, C in order
    assert (region is Region.OUTSIDE) == (not expected)


@settings(max_examples=examples(200), database=None, deadline=None)
@given(sphere_sets(), st.lists(st.tuples(coords, coords), max_size=30))
def test_regions_of_agrees_with_region_of(spheres, points):
    assert regions_of(points, spheres) == [region_of(x, y, spheres) for x, y in points]


@settings(database=None, deadline=None)
@given(int_sphere_sets, st.lists(st.tuples(int_coords, int_coords), max_size=20))
def test_regions_of_agrees_with_region_of_on_exact_edges(spheres, points):
    # Points exactly on each circle's rim (integer arithmetic is exact), plus arbitrary ones.
    rims = [(s.cx + s.r, s.cy) for s in spheres] + [(s.cx, s.cy - s.r) for s in spheres]
    pts = [(float(x), float(y)) for x, y in points] + rims
    assert regions_of(pts, spheres) == [region_of(x, y, spheres) for x, y in pts]
    for s in spheres:
        assert s.key in region_of(s.cx + s.r, s.cy, spheres).keys  # the rim counts as inside


@settings(database=None, deadline=None)
@given(sphere_sets(min_size=1))
def test_a_sphere_centre_lies_in_that_sphere(spheres):
    for s in spheres:
        assert s.key in region_of(s.cx, s.cy, spheres).keys
        assert s.key in regions_of([(s.cx, s.cy)], spheres)[0].keys


@settings(database=None, deadline=None)
@given(sphere_sets(), st.floats(min_value=0, max_value=2 * math.pi), st.floats(min_value=1.0, max_value=1e6))
def test_far_points_are_outside(spheres, angle, extra):
    reach = max((math.hypot(s.cx, s.cy) + s.r for s in spheres), default=0.0)
    distance = reach + extra
    x, y = distance * math.cos(angle), distance * math.sin(angle)
    assert region_of(x, y, spheres) is Region.OUTSIDE
    assert regions_of([(x, y)], spheres) == [Region.OUTSIDE]


@settings(max_examples=examples(300), database=None, deadline=None)
@given(int_sphere_sets, int_coords, int_coords, int_coords, int_coords)
def test_translating_point_and_spheres_together_keeps_the_region(spheres, x, y, dx, dy):
    moved = [s.changed(cx=s.cx + dx, cy=s.cy + dy) for s in spheres]
    before = region_of(x, y, spheres)
    assert region_of(x + dx, y + dy, moved) is before
    assert regions_of([(x + dx, y + dy)], moved) == [before]


def test_empty_sphere_list_puts_everything_outside():
    assert region_of(0.0, 0.0, []) is Region.OUTSIDE
    assert regions_of([(0.0, 0.0), (5.0, -5.0)], []) == [Region.OUTSIDE, Region.OUTSIDE]


def test_sphere_order_does_not_matter():
    spheres = default_spheres()
    for x, y in [(0.0, 0.0), (-200.0, -70.0), (0.0, 250.0), (110.0, -70.0), (1000.0, 1000.0)]:
        assert region_of(x, y, spheres) is region_of(x, y, list(reversed(spheres)))
        assert regions_of([(x, y)], list(reversed(spheres))) == [region_of(x, y, spheres)]


def test_default_spheres_known_points():
    spheres = default_spheres()
    assert region_of(0.0, 0.0, spheres) is Region.ABC
    assert region_of(-250.0, -70.0, spheres) is Region.A
    assert region_of(250.0, -70.0, spheres) is Region.B
    assert region_of(0.0, 300.0, spheres) is Region.C
    assert region_of(0.0, -200.0, spheres) is Region.AB
    assert region_of(500.0, 500.0, spheres) is Region.OUTSIDE


# ----- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "label"),
    [
        (Region.A, "Science & research policy"),
        (Region.B, "Innovation policy"),
        (Region.C, "Industrial policy"),
        (Region.AB, "Science & research policy and Innovation policy"),
        (Region.AC, "Science & research policy and Industrial policy"),
        (Region.BC, "Innovation policy and Industrial policy"),
        (Region.ABC, "Science & research policy, Innovation policy and Industrial policy"),
        (Region.OUTSIDE, "Outside all spheres"),
    ],
)
def test_region_label_for_default_spheres(region, label):
    assert region_label(region, default_spheres()) == label


def test_region_label_uses_current_names_and_falls_back_to_the_key():
    a, b, _c = default_spheres()
    renamed = [a.changed(name="Research"), b]
    assert region_label(Region.AB, renamed) == "Research and Innovation policy"
    assert region_label(Region.AC, renamed) == "Research and C"


@settings(database=None, deadline=None)
@given(st.sampled_from(REGIONS))
def test_region_label_names_every_sphere_of_the_region(region):
    spheres = default_spheres()
    label = region_label(region, spheres)
    for s in spheres:
        assert (s.name in label) == (s.key in region.keys)


# ----- anchors -------------------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.value)
def test_region_anchor_lies_in_the_region_for_default_spheres(region):
    spheres = default_spheres()
    x, y = region_anchor(region, spheres)
    assert region_of(x, y, spheres) is region


@settings(max_examples=examples(60), deadline=None, database=None)
@given(
    st.sampled_from(REGIONS),
    st.floats(min_value=-1e4, max_value=1e4),
    st.floats(min_value=-1e4, max_value=1e4),
    st.floats(min_value=0.2, max_value=50.0),
)
def test_region_anchor_follows_moved_and_scaled_default_spheres(region, dx, dy, scale):
    spheres = [s.changed(cx=s.cx * scale + dx, cy=s.cy * scale + dy, r=s.r * scale) for s in default_spheres()]
    x, y = region_anchor(region, spheres)
    assert region_of(x, y, spheres) is region


def test_region_anchor_keeps_clear_of_the_edges():
    spheres = default_spheres()
    for region in REGIONS:
        x, y = region_anchor(region, spheres)
        depth = min(abs(math.hypot(x - s.cx, y - s.cy) - s.r) for s in spheres)
        assert depth > 10.0, (region, x, y, depth)


def test_region_labels_step_off_the_item_cards_but_stay_in_their_region():
    spheres = default_spheres()
    label = (60.0, 20.0)
    free = region_anchors(spheres)
    x, y = free[Region.AB]
    card = (x - 50, y - 15, x + 50, y + 15)  # an item card right on the spot
    moved = region_anchors(spheres, [card], label)
    mx, my = moved[Region.AB]
    assert (mx, my) != (x, y) and region_of(mx, my, spheres) is Region.AB
    clear_of_card = mx + 30 <= card[0] or mx - 30 >= card[2] or my + 10 <= card[1] or my - 10 >= card[3]
    assert clear_of_card
    assert all(moved[r] == free[r] for r in REGIONS if r not in (Region.AB, Region.OUTSIDE))


def test_a_region_covered_everywhere_keeps_its_deepest_point():
    spheres = default_spheres()
    everywhere = (-1e4, -1e4, 1e4, 1e4)
    assert region_anchors(spheres, [everywhere], (60.0, 20.0)) == region_anchors(spheres)


def test_region_anchor_without_spheres_is_the_origin():
    assert region_anchor(Region.ABC, []) == (0.0, 0.0)
