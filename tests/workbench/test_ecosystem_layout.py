"""The force layout: only the actors being laid out move, linked actors end up near each other."""

from __future__ import annotations

import math

from workbench.ecosystem.layout import SPACING, SpringLayout


def _distance(p, q) -> float:
    return math.dist(p, q)


def test_fixed_actors_stay_and_moving_ones_settle_near_their_partners():
    nodes = ["hub", "a", "b", "c", "far"]
    edges = [("hub", "a"), ("hub", "b"), ("hub", "c")]
    placed = {"hub": (0.0, 0.0), "far": (5000.0, 5000.0), "a": (4000.0, -4000.0)}
    layout = SpringLayout(nodes, edges, placed, moving=["a", "b", "c"], seed=1)
    assert list(layout.steps(100)) == list(range(1, 101))
    positions = layout.positions()
    assert set(positions) == {"a", "b", "c"}  # hub and far are not laid out, so not reported
    for node in ("a", "b", "c"):
        assert _distance(positions[node], (0.0, 0.0)) < 2.5 * SPACING
    spread = min(_distance(positions[x], positions[y]) for x, y in (("a", "b"), ("b", "c"), ("a", "c")))
    assert spread > SPACING / 3  # siblings push each other apart


def test_same_input_same_layout_and_nothing_to_move_means_no_steps():
    args = (["x", "y", "z"], [("x", "y"), ("y", "z")], {}, ["x", "y", "z"])
    first, second = SpringLayout(*args, seed=4), SpringLayout(*args, seed=4)
    list(first.steps(30))
    list(second.steps(30))
    assert first.positions() == second.positions()
    assert list(SpringLayout(["x"], [], {"x": (1.0, 2.0)}, []).steps(10)) == []


def test_large_maps_sample_the_repulsion_and_stay_finite():
    n = 1200
    nodes = [f"n{i}" for i in range(n)]
    edges = [(f"n{i}", f"n{(i * 7 + 3) % n}") for i in range(n)]
    layout = SpringLayout(nodes, edges, {}, nodes, seed=2)
    list(layout.steps(15))
    positions = layout.positions()
    assert len(positions) == n and all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())
    xs = [x for x, _ in positions.values()]
    assert max(xs) - min(xs) > 10 * SPACING  # spread out, not collapsed
