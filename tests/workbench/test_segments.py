"""Which link lines cross a box, asked of the grid the lines are filed in: the same answer as asking
every line, for lines in every direction, on and off the grid's cell edges."""

from __future__ import annotations

import math
import random

from hypothesis import given
from hypothesis import strategies as st

from workbench.segments import SegmentIndex, inside

coordinate = st.floats(-100, 100, allow_nan=False, allow_infinity=False)
point = st.tuples(coordinate, coordinate)
box = st.tuples(coordinate, coordinate, st.floats(0.1, 60), st.floats(0.1, 60)).map(
    lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3])
)


def test_the_share_of_a_line_inside_a_box():
    square = (0.0, 0.0, 10.0, 10.0)
    assert inside(square, ((-10.0, 5.0), (10.0, 5.0))) == 0.5
    assert inside(square, ((2.0, -5.0), (2.0, 15.0))) == 0.5
    assert inside(square, ((-10.0, 15.0), (20.0, 15.0))) == 0.0
    assert inside(square, ((12.0, -1.0), (20.0, 30.0))) == 0.0
    assert inside(square, ((1.0, 1.0), (3.0, 3.0))) == 1.0


@given(st.lists(st.tuples(point, point), max_size=12), box, st.sampled_from([1.0, 7.5, 18.5, 250.0]))
def test_the_grid_finds_every_line_crossing_a_box_and_only_those(segments, where, cell):
    index = SegmentIndex(segments, cell=cell)
    crossing = [s for s in segments if inside(where, s) > 0]
    assert index.crosses(where) == bool(crossing)
    assert math.isclose(
        index.length_inside(where), sum(inside(where, s) * math.dist(*s) for s in crossing), abs_tol=1e-9
    )


def test_each_line_near_a_box_is_given_once_and_far_lines_not_at_all():
    rnd = random.Random(7)
    segments = [
        ((rnd.uniform(0, 500), rnd.uniform(0, 400)), (rnd.uniform(0, 500), rnd.uniform(0, 400))) for _ in range(300)
    ]
    segments.append(((1000.0, 1000.0), (1010.0, 1000.0)))
    index = SegmentIndex(segments, cell=18.5)
    near = list(index.near((100.0, 100.0, 180.0, 115.0)))
    assert len(near) == len(set(near)) < len(segments)
    assert all(s in near for s in segments if inside((100.0, 100.0, 180.0, 115.0), s) > 0)
    assert ((1000.0, 1000.0), (1010.0, 1000.0)) not in near
