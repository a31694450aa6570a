"""The map's links drawn as one layer: a repaint costs what the view shows, not how many links there are.

A map whose links reach far beyond the window once took minutes to repaint at 100 % zoom (every link
dashed along its whole length, and round caps that Qt's rasteriser fills slowly); these tests keep
the work bounded by the view, the detail there when it can be read, and the picture reused."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsView

from ui import theme
from ui.views.ecosystem import links as links_module
from ui.views.ecosystem.links import LINE_INK, clip
from ui.views.ecosystem.scene import EcosystemScene
from workbench.ecosystem.entities import Actor, Link, LinkType
from workbench.ecosystem.style import DASH_PERIOD

REPAINT_BOUND_S = 2.0  # a repaint of the view takes milliseconds; before the fix this map took over 10 s


def spread_map(actors: int, links: int, span: float) -> tuple[list[Actor], list[Link]]:
    """Actors scattered over a square of +-span, linked at random: half the links informal (dashed)."""
    rnd = random.Random(3)
    kinds = [k.value for k in LinkType]
    people = [
        Actor(id=f"a{n}", name=f"Actor {n}", x=rnd.uniform(-span, span), y=rnd.uniform(-span, span))
        for n in range(actors)
    ]
    lines = []
    for n in range(links):
        a, b = rnd.sample(range(actors), 2)
        lines.append(
            Link(id=f"l{n}", source_id=f"a{a}", target_id=f"a{b}", link_type=kinds[n % len(kinds)], formal=n % 2 == 0)
        )
    return people, lines


@pytest.fixture
def shown(qtbot):
    """A map in a view at 100 % zoom, centred: the scene and a function that repaints it into an image."""

    def make(actors: int, links: int, span: float):
        scene = EcosystemScene()
        scene.load(*spread_map(actors, links, span))
        qtbot.waitUntil(lambda: not scene.loading)
        view = QGraphicsView(scene)
        qtbot.addWidget(view)
        scene.setParent(view)
        view.resize(800, 600)
        view.centerOn(0, 0)
        image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

        def repaint() -> float:
            start = time.perf_counter()
            painter = QPainter(image)
            view.render(painter)
            painter.end()
            return time.perf_counter() - start

        return scene, view, repaint

    return make


def test_repainting_a_map_whose_links_reach_far_past_the_window_takes_milliseconds(shown):
    _scene, _view, repaint = shown(40, 100, 2000.0)
    assert repaint() < REPAINT_BOUND_S
    assert repaint() < REPAINT_BOUND_S


def test_a_crowded_view_draws_at_most_its_ink_budget_and_leaves_out_dashes(shown):
    scene, _view, _repaint = shown(300, 3000, 3000.0)
    pixels = 800 * 600
    plan = scene.layer.plan(QRectF(-400, -300, 800, 600), 1.0, pixels, theme.ink())
    drawn = sum(_length(path) for (_pen, _brush), path in plan)
    assert scene.layer.crowded and 0 < drawn <= LINE_INK * pixels * 1.001
    assert all(pen.style() == Qt.PenStyle.SolidLine for (pen, _brush), _path in plan)


def test_a_readable_view_draws_every_link_in_it_with_its_pattern_and_end_marks(shown):
    scene, _view, _repaint = shown(12, 16, 300.0)
    plan = scene.layer.plan(QRectF(-400, -300, 800, 600), 1.0, 800 * 600, theme.ink())
    assert not scene.layer.crowded and scene.layer.smooth
    assert any(pen.style() == Qt.PenStyle.CustomDashLine for (pen, _brush), _path in plan)  # the types' patterns
    kinds = {LinkType(scene.links[f"l{n}"].link_type) for n in range(16)}
    assert len(plan) > len(kinds)  # end marks as well as lines


def test_a_repaint_that_changes_no_link_reuses_the_picture_fitted_or_close_up(shown, monkeypatch):
    scene, view, repaint = shown(60, 120, 1500.0)
    drawn = []
    render = links_module.LinkLayer._render
    monkeypatch.setattr(links_module.LinkLayer, "_render", lambda *a: drawn.append(1) or render(*a))
    for zoom in ("close", "fitted"):
        if zoom == "fitted":
            view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
        drawn.clear()
        repaint()
        repaint()
        assert len(drawn) == 1, zoom
    scene.select([], ["l1"])  # a link selected: drawn again, on top
    repaint()
    assert len(drawn) == 2


def test_a_link_cut_to_the_view_starts_on_a_whole_dash_so_dashes_stay_put_when_the_view_moves():
    a, b = np.array([[0.0, 0.0], [0.0, 5.0]]), np.array([[100.0, 0.0], [0.0, 9.0]])
    start, end = clip(a, b, (13.0, -1.0, 50.0, 1.0), np.array([DASH_PERIOD, DASH_PERIOD]))
    assert start[0].tolist() == [12.0, 0.0] and end[0].tolist() == [50.0, 0.0]
    assert np.isnan(start[1]).all()  # wholly outside


def _length(path) -> float:
    total = 0.0
    for n in range(0, path.elementCount(), 2):
        first, second = path.elementAt(n), path.elementAt(n + 1)
        total += ((second.x - first.x) ** 2 + (second.y - first.y) ** 2) ** 0.5
    return total
