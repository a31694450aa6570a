"""The value-chain charts: count axes speak in whole instruments; the charts stand side by side or one above
another as the room allows."""

from __future__ import annotations

import sys
import time
from itertools import pairwise

import pytest
from PySide6.QtWidgets import QApplication

from ui.views.value_chain.charts import ChartsPanel, CountLabels


@pytest.mark.parametrize("top", [1.5, 3.5, 12.0, 140.0])
def test_the_trl_and_mrl_count_axes_tick_only_whole_numbers(qtbot, top):
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    for plot in (panel.trl, panel.mrl):
        axis = plot.getPlotItem().getAxis("left")
        ticks = [value for _spacing, values in axis.tickValues(0, top, 200) for value in values]
        assert ticks and all(value == int(value) for value in ticks), ticks


def test_the_charts_stand_in_as_many_rows_as_their_width_needs_and_fill_them(qtbot):
    panel = ChartsPanel()  # made narrow, as before it is placed: one above another
    qtbot.addWidget(panel)
    for width, rows in ((900, 1), (500, 2), (320, 3), (900, 1)):
        panel.resize(width, 220)
        panel.show()
        QApplication.processEvents()
        assert panel.rows == rows, width
        assert not panel.horizontalScrollBar().isVisible(), width
        for plot in (panel.budget, panel.trl, panel.mrl):  # none left at the size of the arrangement before
            assert panel.sheet.rect().contains(plot.geometry()), (width, plot.objectName(), plot.geometry())
            assert plot.height() >= plot.minimumHeight() and plot.width() >= plot.minimumWidth()


def test_a_number_too_wide_for_its_bar_is_turned_to_read_upwards_clear_of_its_neighbours(qtbot):
    """Side by side, "20000" over each of nine narrow bars ran into one another; a number that fits stays
    upright."""
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 260)  # three charts side by side: a bar has some 30 pixels
    panel.show()
    QApplication.processEvents()
    labels = panel.trl_labels
    counts = [0, 20000, 20000, 20000, 20000, 20000, 0, 0, 7]
    panel.trl.setXRange(0.4, len(counts) + 0.6, padding=0)
    labels.show(counts, [str(c) if c else "0 ⚠" for c in counts], least=21000)
    QApplication.processEvents()
    assert [label.angle for label in labels.labels] == [0, 90, 90, 90, 90, 90, 0, 0, 0]
    turned = [label.sceneBoundingRect() for label in labels.labels[1:6]]
    assert all(not a.intersects(b) for a, b in pairwise(turned))
    assert all(panel.trl.sceneBoundingRect().contains(rect) for rect in turned)  # inside the chart, not cut off


def test_the_budget_axis_speaks_money_in_the_project_s_currency(qtbot):
    from workbench.document import Document
    from workbench.sample import sample_entities
    from workbench.value_chain.analysis import analyse_value_chain

    panel = ChartsPanel()
    qtbot.addWidget(panel)
    axis = panel.budget.getPlotItem().getAxis("bottom")
    analysis = analyse_value_chain(Document.of(sample_entities()))
    panel.show_analysis(analysis, "EUR")
    assert axis.tickStrings([0.0, 1e8, 2.5e8], 1.0, 1e8) == ["€0", "€100m", "€250m"]  # not "1e+08"
    panel.show_analysis(analysis, "GBP")
    assert axis.tickStrings([1e8], 1.0, 1e8) == ["£100m"]


def test_the_charts_are_drawn_when_only_their_placeholder_paints(window, qtbot):
    """In high contrast the themed 'Drawing the charts…' label covers its host opaquely, so the host
    never paints: the charts must come with the label's first paint, not stay blank."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication

    from ui.views.value_chain.view import ValueChainView

    window.new_from_sample()
    view = ValueChainView(window.doc)
    qtbot.addWidget(view)
    assert view.charts is None
    QApplication.sendEvent(view.charts_pending, QPaintEvent(QRect(0, 0, 10, 10)))
    qtbot.waitUntil(lambda: view.charts is not None)
    view.close()
    view.deleteLater()


def test_the_section_is_busy_until_its_charts_have_taken_their_place(window, qtbot):
    """The charts take room when they are placed, turns after the section shows: until then the section says
    it is busy, so whoever waits for it to settle (a window-size sweep, a picture) waits for them too."""
    window.new_from_sample()
    window.show_section("value-chain")
    view = window.current_view()
    assert view.busy and view.charts is None  # shown, not yet painted: the charts are still to come
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    assert view.charts is not None and view.charts.parent() is view.charts_host


class _SlowToLoad:
    """Finds nothing, after a while, for the charts' module: as a cold start loading pyqtgraph from disk.
    Remembers when it loaded."""

    def __init__(self):
        self.during: tuple[float, float] | None = None

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "ui.views.value_chain.charts":
            start = time.monotonic()
            time.sleep(0.3)
            self.during = (start, time.monotonic())
        return None


def test_the_window_keeps_answering_while_the_chart_library_loads(window, qtbot, monkeypatch):
    """Loading pyqtgraph on the window's thread left 'Drawing the charts…' up with keys unanswered: it loads
    beside the window, and the charts are made once it is there."""
    from PySide6.QtCore import QTimer

    from ui.views.value_chain.view import ValueChainView

    window.new_document()  # an empty chain: the charts alone count
    slow = _SlowToLoad()
    monkeypatch.delitem(sys.modules, "ui.views.value_chain.charts")
    monkeypatch.setattr(sys, "meta_path", [slow, *sys.meta_path])
    view = ValueChainView(window.doc)
    qtbot.addWidget(view)
    ticks: list[float] = []
    probe = QTimer(interval=5)
    probe.timeout.connect(lambda: ticks.append(time.monotonic()))
    probe.start()
    view.show()
    qtbot.waitUntil(lambda: view.charts is not None)
    probe.stop()
    assert slow.during is not None
    start, end = slow.during
    assert sum(start < t < end for t in ticks) >= 3, "the window's thread stood still while the charts loaded"
    view.close()
    view.deleteLater()


def test_the_charts_are_made_a_part_per_turn_of_the_event_loop(window, qtbot, monkeypatch):
    """Each chart, the panel, the budget's figures and the readiness charts' come on turns of their own (work
    counted, not time): made in one go, they held the window as long as the rest of the section's opening."""
    import pyqtgraph as pg
    from PySide6.QtCore import QTimer

    window.new_from_sample()
    turns: list[list[str]] = [[]]

    def counted(cls, name: str) -> None:
        real = getattr(cls, name)

        def part(self, *args, **kwargs):
            if name != "show" or args[0]:  # numbers shown (a new panel shows none, in its own part)
                turns[-1].append(name)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, part)

    counted(pg.PlotWidget, "__init__")
    counted(CountLabels, "show")  # the numbers of one chart
    tick = QTimer(interval=0)
    tick.timeout.connect(lambda: turns.append([]))
    tick.start()
    window.show_section("value-chain")
    view = window.current_view()
    qtbot.waitUntil(lambda: view.charts is not None)
    tick.stop()
    parts = [turn for turn in turns if turn]
    assert parts == [["__init__"], ["__init__"], ["__init__"], ["show"], ["show", "show"]]
    assert view.charts.redraws == 1 and view.charts_layout.indexOf(view.charts) >= 0  # shown in its place


def test_exporting_the_charts_before_they_are_all_made_makes_the_rest_at_once(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage

    from ui import dialogs

    window.new_from_sample()
    window.show_section("value-chain")
    view = window.current_view()
    view.build_charts()  # the first part only
    assert view.charts is None
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *_a: tmp_path / "charts.png")
    view.export_charts()
    assert view.charts is not None and view.charts.redraws == 1
    assert not QImage(str(tmp_path / "charts.png")).isNull()


def test_the_charts_make_no_menu_to_throw_away(qtbot, monkeypatch):
    from tests.ui.chart_menus import count_menus

    menus = count_menus(monkeypatch)
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    assert menus == [] and all(p.getPlotItem().getViewBox().menu is None for p in (panel.budget, panel.trl, panel.mrl))


def test_an_analysis_that_comes_while_the_charts_are_filled_is_the_one_they_show(window, qtbot):
    from db import operations as ops
    from ui.commands import StoreCommand

    window.new_from_sample()
    window.show_section("value-chain")
    view = window.current_view()
    qtbot.waitUntil(lambda: view.scene.analysis is not None)
    view._charts_turn.stop()
    parts = view._chart_parts()
    while not view.charts_pending.isHidden():  # up to the panel taking its place, its budget chart filled
        next(parts)
    stage = window.doc.all("stage")[0]
    assert window.doc.run(StoreCommand(ops.update([("stage", stage.id, {"name": "Renamed"})]), "Rename"))
    qtbot.waitUntil(lambda: "Renamed" in [s.stage.name for s in view.scene.analysis.stages])
    for _part in parts:
        pass
    ticks = view.charts.budget.getPlotItem().getAxis("left")._tickLevels[0]
    assert "Renamed" in [text for _value, text in ticks]


def test_the_charts_take_their_place_once_filled_on_a_part_of_their_own(window, qtbot, monkeypatch):
    """Their first paint (every axis and number laid out) is the heaviest part of them: the panel is filled
    out of sight and placed on a part with nothing else of it, so that paint comes on a turn of its own."""
    window.new_from_sample()
    window.show_section("value-chain")
    view = window.current_view()
    qtbot.waitUntil(lambda: view.scene.analysis is not None)
    view._charts_turn.stop()
    filled: list[int] = []
    real = CountLabels.show
    monkeypatch.setattr(CountLabels, "show", lambda labels, *a, **k: filled.append(len(a[0])) or real(labels, *a, **k))
    steps: list[tuple[int, bool]] = []  # after each part: charts filled so far, and whether the panel is placed
    for _part in view._chart_parts():
        steps.append((sum(map(bool, filled)), view.charts_pending.isHidden()))
    placed = next(n for n, (_filled, shown) in enumerate(steps) if shown)
    assert steps[placed - 1] == (3, False) and steps[placed] == (3, True)
    assert view.charts_layout.indexOf(view.charts) >= 0 and view.charts.redraws == 1
