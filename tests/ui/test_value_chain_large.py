"""The value chain of a large document: the window never waits for every bar at once. Bars are counted as
they are made between turns of the event loop (work counted, not time, so a busy machine cannot fail it),
and the chain they end in is the one a chain loaded at once has."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsScene

from db import operations as ops
from tests.ui.departures import leave_for_the_overview
from ui.commands import StoreCommand
from ui.views.value_chain import items as chain_items
from ui.views.value_chain import scene as chain_scene
from ui.views.value_chain import view as chain_view
from ui.views.value_chain.items import InstrumentBar
from ui.views.value_chain.scene import BARS_PER_TURN
from ui.views.value_chain.view import ValueChainView
from workbench.spheres.items import Instrument, Item

INSTRUMENTS = 1200


@pytest.fixture
def large(window) -> list[Item]:
    window.new_document()
    items = [Item.create(name=f"Instrument {n:04}", x=0.0, y=0.0) for n in range(INSTRUMENTS)]
    stages = [f"stage-{n % 6}" for n in range(INSTRUMENTS)]
    instruments = [
        Instrument.create(id=i.id, stage_from_id=s if n % 3 else None, stage_to_id=s if n % 3 else None)
        for n, (i, s) in enumerate(zip(items, stages, strict=True))
    ]
    assert window.doc.run(StoreCommand(ops.create([*items, *instruments]), "Add", origin="value-chain"))
    return items


def bars(view: ValueChainView) -> dict[str, tuple[float, float, float]]:
    return {i: (b.scenePos().x(), b.scenePos().y(), b.width) for i, b in view.scene.bars.items()}


def test_opening_a_large_chain_makes_its_bars_a_slice_per_turn(window, large, qtbot, monkeypatch):
    made = seen = most = 0
    real = chain_items.InstrumentBar.__init__

    def counting(bar, *args):
        nonlocal made
        made += 1
        real(bar, *args)

    def tick():
        nonlocal seen, most
        most, seen = max(most, made - seen), made

    monkeypatch.setattr(chain_items.InstrumentBar, "__init__", counting)
    turns = QTimer()
    turns.setInterval(0)
    turns.timeout.connect(tick)
    turns.start()
    window.show_section("value-chain")
    view = window.current_view()
    assert isinstance(view, ValueChainView)
    chosen, renamed = large[-1].id, large[-2].id
    window.doc.select([("item", chosen)])  # while the chain opens
    assert window.doc.run(StoreCommand(ops.update([("item", renamed, {"name": "Renamed"})]), "Rename"))
    qtbot.waitUntil(lambda: chosen in view.scene.bars, timeout=10_000)
    assert view.scene.bars[chosen].isSelected()  # made first, to be selected
    qtbot.waitUntil(lambda: len(view.scene.bars) == INSTRUMENTS, timeout=10_000)
    assert view.scene.bars[renamed].name == "Renamed"
    tick()
    turns.stop()
    assert made == INSTRUMENTS and most <= BARS_PER_TURN
    placed = [b for b in view.scene.bars.values() if b.span is not None]
    assert 0 < len(placed) < INSTRUMENTS  # in the lanes, and in the tray
    in_slices = bars(view)
    window.show_section("overview")
    qtbot.waitUntil(lambda: view.released)
    monkeypatch.setattr(chain_scene, "BARS_AT_ONCE", INSTRUMENTS)
    window.show_section("value-chain")
    view = window.current_view()
    qtbot.waitUntil(lambda: len(view.scene.bars) == INSTRUMENTS, timeout=10_000)
    assert bars(view) == in_slices  # as if loaded at once


def shown_whole(window, qtbot) -> ValueChainView:
    window.show_section("value-chain")
    view = window.current_view()
    assert isinstance(view, ValueChainView)
    qtbot.waitUntil(lambda: len(view.scene.bars) == INSTRUMENTS, timeout=10_000)
    return view


def test_leaving_a_large_chain_lets_go_of_its_bars_a_slice_per_turn(window, large, qtbot):
    """Another section shows at once: the hidden chain's bars go a slice per turn of the event loop after it."""
    view = shown_whole(window, qtbot)
    before = bars(view)
    leave_for_the_overview(window, view.scene, InstrumentBar, qtbot)
    assert view.scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex  # made again for what stays
    assert bars(shown_whole(window, qtbot)) == before


def test_a_chain_shown_again_before_its_bars_were_let_go_of_shows_each_bar_once(window, large, qtbot):
    view = shown_whole(window, qtbot)
    before = bars(view)
    window.show_section("overview")
    qtbot.waitUntil(lambda: view.released)
    view = shown_whole(window, qtbot)  # back in the same turn: most bars were still leaving
    on_scene = [i for i in view.scene.items() if isinstance(i, InstrumentBar)]
    assert len(on_scene) == INSTRUMENTS and set(on_scene) == set(view.scene.bars.values())
    assert bars(view) == before
    assert view.scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex


def test_the_section_opens_without_loading_the_figure_machinery():
    """Its coverage figure is drawn with reportlab (a quarter of a second to load), wanted only for an export."""
    code = "import sys, ui.views.value_chain.view; print('reportlab' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


def test_the_chain_of_a_large_document_is_read_beside_the_window(window, large, qtbot, read_on_window_thread):
    read_here = read_on_window_thread
    window.show_section("value-chain")
    view = window.current_view()
    qtbot.waitUntil(lambda: len(view.scene.bars) == INSTRUMENTS, timeout=10_000)
    assert "item" not in read_here and "instrument" not in read_here


def test_a_large_chain_is_laid_out_beside_the_window_as_it_is_read(window, large, qtbot, monkeypatch):
    """Laying out 10,000 instruments held the window 40 to 100 ms: the plan is made with the reading."""
    planned_on: list[bool] = []  # whether each plan was made on the window's thread
    real = chain_scene.plan_chain
    monkeypatch.setattr(
        chain_scene,
        "plan_chain",
        lambda *args: planned_on.append(threading.current_thread() is threading.main_thread()) or real(*args),
    )
    view = shown_whole(window, qtbot)
    assert planned_on == [False]
    placed = [b for b in view.scene.bars.values() if b.span is not None]
    assert 0 < len(placed) < INSTRUMENTS  # in the lanes, and in the tray


def test_a_large_chain_makes_its_top_rows_first(window, large, qtbot, monkeypatch):
    """The view opens at the top: the bars there come in the first slice, and the slices after it, out of
    sight, have nothing on screen to paint (made in the document's order, every slice added a few bars
    on screen, and each was a repaint)."""
    slices: list[list[str]] = []
    real = chain_scene.ValueChainScene._make_bars
    monkeypatch.setattr(
        chain_scene.ValueChainScene,
        "_make_bars",
        lambda scene, due: slices.append([i for i, _ in due]) or real(scene, due),
    )
    view = shown_whole(window, qtbot)
    tops = {i: bar.scenePos().y() for i, bar in view.scene.bars.items()}
    first, rest = slices[0], [i for later in slices[1:] for i in later]
    assert len(first) == BARS_PER_TURN and max(tops[i] for i in first) <= min(tops[i] for i in rest)


def test_charts_made_before_the_chain_s_first_analysis_take_it_a_part_per_turn(window, large, qtbot, monkeypatch):
    """A large chain's coverage is worked out beside the window and may come once the charts are made: they
    take it in their own parts, as they would have at their making (all three at once, as it came, held the
    window some 30 ms). The analysis is held back here until the charts' panel is made and nothing more of
    them is due."""
    import importlib

    chain_charts = importlib.import_module("ui.views.value_chain.charts")  # the module the view imports
    made, free = threading.Event(), threading.Event()
    real_panel, real_analyse, real_show = (
        chain_charts.ChartsPanel.__init__,
        chain_scene.analyse_value_chain,
        chain_charts.CountLabels.show,
    )
    monkeypatch.setattr(chain_charts.ChartsPanel, "__init__", lambda *a: real_panel(*a) or made.set())

    def analyse(doc):
        free.wait(10)
        return real_analyse(doc)

    monkeypatch.setattr(chain_scene, "analyse_value_chain", analyse)
    turns: list[list[str]] = [[]]

    def show(labels, values, *args, **kwargs) -> None:
        if values:  # numbers shown (a new panel shows none)
            turns[-1].append("show")
        real_show(labels, values, *args, **kwargs)

    def turn() -> None:
        turns.append([])
        if made.is_set() and not view._charts_turn.isActive():
            free.set()

    monkeypatch.setattr(chain_charts.CountLabels, "show", show)
    window.show_section("value-chain")
    view = window.current_view()
    tick = QTimer(interval=0)
    tick.timeout.connect(turn)
    tick.start()
    qtbot.waitUntil(lambda: view.charts is not None and view.charts.redraws > 0, timeout=10_000)
    tick.stop()
    free.set()
    assert [turn for turn in turns if turn] == [["show"], ["show", "show"]]
    assert view.charts_layout.indexOf(view.charts) >= 0


def chain_and_charts_by_turn(window, qtbot, monkeypatch, held: Callable[[], object]) -> list[list[str]]:
    """Open the value chain and note, turn by turn of the event loop, each slice of bars made and each part of
    the charts, until the charts are there; the charts' library loads once `held` returns."""
    import importlib

    chain_charts = importlib.import_module("ui.views.value_chain.charts")  # the module the view imports
    turns: list[list[str]] = [[]]

    class Held:
        @staticmethod
        def import_module(name: str):
            held()
            return importlib.import_module(name)

    def counted(owner, name: str, what: str) -> None:
        real = getattr(owner, name)
        monkeypatch.setattr(owner, name, lambda *a, **k: turns[-1].append(what) or real(*a, **k))

    counted(chain_scene.ValueChainScene, "_make_bars", "bars")
    counted(chain_charts, "make_plot", "charts")
    counted(chain_charts.ChartsPanel, "__init__", "charts")
    counted(chain_charts.CountLabels, "show", "charts")
    monkeypatch.setattr(chain_view, "importlib", Held)
    tick = QTimer(interval=0)
    tick.timeout.connect(lambda: turns.append([]))
    tick.start()
    window.show_section("value-chain")
    view = window.current_view()
    qtbot.waitUntil(lambda: view.charts is not None, timeout=10_000)
    tick.stop()
    assert len(view.scene.bars) == INSTRUMENTS
    return [turn for turn in turns if turn]


def test_a_large_chain_s_charts_are_made_once_its_bars_are_there(window, large, qtbot, monkeypatch):
    """A part of the charts on the turn of a slice of bars (the first ones paint the bars in view) held the
    window 40 ms: the charts wait for the last slice. Their library is held back here until the bars have
    begun, and the bars come in small slices, so the two would meet."""
    monkeypatch.setattr(chain_scene, "BARS_PER_TURN", 20)
    begun = threading.Event()
    real = chain_scene.ValueChainScene._make_bars
    monkeypatch.setattr(chain_scene.ValueChainScene, "_make_bars", lambda *a: begun.set() or real(*a))
    turns = chain_and_charts_by_turn(window, qtbot, monkeypatch, lambda: begun.wait(10))
    last_bars = max(n for n, turn in enumerate(turns) if "bars" in turn)
    assert all("charts" not in turn for turn in turns[: last_bars + 1])


def test_a_large_chain_s_chart_library_loads_once_its_bars_are_there(window, large, qtbot, monkeypatch):
    """Loaded beside the window as the section first painted, the chart library had Python's lock half the
    time while the chain came in and its first bars painted (that turn held the window over 50 ms): it
    loads once the chain is read and every bar is made, and no part of the charts comes before."""
    bars_made: list[int] = []
    turns = chain_and_charts_by_turn(
        window, qtbot, monkeypatch, lambda: bars_made.append(len(window.views["value-chain"].scene.bars))
    )
    last_bars = max(n for n, turn in enumerate(turns) if "bars" in turn)
    assert all("charts" not in turn for turn in turns[: last_bars + 1])
    assert bars_made == [INSTRUMENTS]
