"""The Options section: options compared with business as usual, yearly figures typed or pasted from
Excel as one undo step each, bad cells refused by name, and the preferred option marked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from ui.views.options.view import OptionsView
from workbench.money.currency import format_money
from workbench.money.entities import BAU_ID, Option, OptionFlow
from workbench.spheres.entities import Sphere
from workbench.spheres.items import Instrument, Item


def open_options(window) -> OptionsView:
    window.new_document()
    window.show_section("options")
    view = window.current_view()
    assert isinstance(view, OptionsView)
    return view


def header(view: OptionsView) -> list[str]:
    return [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]


def measure(view: OptionsView, name: str, column: int) -> str:
    row = next(r for r in range(view.table.rowCount()) if view.table.verticalHeaderItem(r).text() == name)
    return view.table.item(row, column).text()


def test_a_new_document_shows_business_as_usual_which_cannot_be_deleted(window):
    view = open_options(window)
    assert header(view) == ["0. Business as usual"]
    assert measure(view, "Benefit-cost ratio", 0) == "Undefined"
    assert "comparison itself" in view.table.item(3, 0).toolTip()
    assert not view.delete_button.isEnabled()


def test_typed_and_pasted_figures_are_one_undo_step_each_and_the_comparison_follows(window, qtbot):
    view = open_options(window)
    view.add_button.click()
    assert header(view) == ["0. Business as usual", "1. Option 1"]
    option_id = view.chosen
    grid = view.grid_model.grid
    grant = 0
    benefit = len(grid.rows) - 1
    steps = window.doc.undo_stack.count()
    model = view.grid_model
    assert model.setData(model.index(grant, 0), "1,000,000") is False  # shown once stored
    assert window.doc.undo_stack.count() == steps + 1
    assert model.index(grant, 0).data() == format_money(1e6, window.doc.get("project", "project").currency)
    view.grid.setCurrentIndex(model.index(benefit, 0))
    QGuiApplication.clipboard().setText("500000\t700000\t900000\n")
    QTest.keySequence(view.grid, "Ctrl+V")
    assert window.doc.undo_stack.count() == steps + 2  # a pasted block is one step
    flows = [f for f in window.doc.all(OptionFlow.KIND) if f.option_id == option_id]
    assert sorted((f.flow, f.year - window.doc.get("project", "project").base_year, f.amount) for f in flows) == [
        ("benefit", 0, 500000.0), ("benefit", 1, 700000.0), ("benefit", 2, 900000.0), ("cost", 0, 1_000_000.0),
    ]
    assert measure(view, "Benefit-cost ratio", 1) not in ("Undefined", "Cannot appraise")
    base = window.doc.get("project", "project").base_year
    currency = window.doc.get("project", "project").currency
    words = f"{base}: costs {format_money(1e6, currency)}, benefits {format_money(5e5, currency)}"
    assert words in view.chart.in_words()
    window.doc.undo_stack.undo()
    assert len([f for f in window.doc.all(OptionFlow.KIND) if f.option_id == option_id]) == 1
    assert measure(view, "Benefit-cost ratio", 1) == "0.00"  # a cost and no benefit left


@pytest.mark.parametrize(("text", "words"), [("100\tabc", "'abc' is not a number"), ("-5", "cannot be negative")])
def test_a_bad_pasted_cell_is_named_and_nothing_changes(window, text, words):
    view = open_options(window)
    view.add_button.click()
    steps = window.doc.undo_stack.count()
    view.grid.setCurrentIndex(view.grid_model.index(0, 0))
    view.grid.paste_text(text)
    assert window.doc.undo_stack.count() == steps
    assert words in view.message.text() and view.message.isVisibleTo(view)
    assert not [f for f in window.doc.all(OptionFlow.KIND) if f.option_id == view.chosen]


def test_delete_clears_the_selected_cells_in_one_step(window):
    view = open_options(window)
    view.add_button.click()
    model = view.grid_model
    view.grid.setCurrentIndex(model.index(0, 0))
    view.grid.paste_text("1\t2\t3")
    steps = window.doc.undo_stack.count()
    view.grid.selectAll()
    QTest.keyClick(view.grid, Qt.Key.Key_Delete)
    assert window.doc.undo_stack.count() == steps + 1
    assert not [f for f in window.doc.all(OptionFlow.KIND) if f.option_id == view.chosen]


def test_choosing_an_option_selects_it_for_the_inspector_and_preferred_is_marked(window):
    view = open_options(window)
    view.add_button.click()
    assert window.doc.selection == [(Option.KIND, view.chosen)]
    view.prefer_button.click()
    assert header(view)[1] == "★ 1. Option 1"
    assert view.table.horizontalHeaderItem(1).toolTip().startswith("The preferred option.")
    view.table.selectColumn(0)
    assert view.chosen == BAU_ID and window.doc.selection == [(Option.KIND, BAU_ID)]
    view.prefer_button.click()
    assert header(view) == ["★ 0. Business as usual", "1. Option 1"]
    window.doc.undo_stack.undo()
    assert header(view)[1] == "★ 1. Option 1"


def test_deleting_an_option_takes_its_figures_and_undo_brings_both_back(window):
    view = open_options(window)
    view.add_button.click()
    view.grid.setCurrentIndex(view.grid_model.index(0, 0))
    view.grid.paste_text("10\t20")
    view.delete_button.click()
    assert header(view) == ["0. Business as usual"] and not window.doc.all(OptionFlow.KIND)
    window.doc.undo_stack.undo()
    assert len(header(view)) == 2 and len(window.doc.all(OptionFlow.KIND)) == 2


def test_the_gaps_each_option_would_close_are_worked_out_beside_the_window(window, qtbot):
    window.new_from_sample()
    window.show_section("options")
    view = window.current_view()
    assert isinstance(view, OptionsView)
    gaps_row = next(r for r in range(view.table.rowCount()) if view.table.verticalHeaderItem(r).text() == "Gaps closed")
    qtbot.waitUntil(lambda: view.gaps is not None, timeout=20_000)
    texts = [view.table.item(gaps_row, c).text() for c in range(view.table.columnCount())]
    assert texts[0] == "(the comparison)" and all("closed" in t for t in texts[1:])
    option = view.results[1].option
    column = 1
    # Stopping the one programme in the three-way overlap leaves that overlap thin: a gap opened.
    window.doc.store.update("option", option.id, {"stops_ids": ["item-scaleup-centre-programme"]})
    qtbot.waitUntil(lambda: view.gaps is not None and view.gaps[option.id][1] != (), timeout=20_000)
    assert view.table.item(gaps_row, column).text() == "0 gaps closed, 1 opened"
    assert "Opens: Only 1 item sits where" in view.table.item(gaps_row, column).toolTip()
    window.doc.store.update("option", option.id, {"stops_ids": []})
    qtbot.waitUntil(lambda: view.gaps is not None and view.gaps[option.id] == ((), ()), timeout=20_000)
    assert view.table.item(gaps_row, column).text() == "0 gaps closed"


def test_each_option_shows_the_range_of_its_value_under_the_sensitivity_cases(window):
    window.new_from_sample()
    window.show_section("options")
    view = window.current_view()
    row = next(r for r in range(view.table.rowCount()) if "sensitivity" in view.table.verticalHeaderItem(r).text())
    column = next(n for n, r in enumerate(view.results) if r.option.name == "Growth fund in two tranches")
    result = view.results[column]
    values = sorted(a.npsv for a in result.cases.values())
    assert values[0] < result.central.npsv < values[-1]  # the cases move the value both ways
    currency = window.doc.get("project", "project").currency
    cell = view.table.item(row, column)
    assert cell.text() == f"{format_money(values[0], currency)} to {format_money(values[-1], currency)}"
    assert "costs +20%" in cell.toolTip() and "additionality low" in cell.toolTip()


def test_the_optimism_bias_field_gives_the_green_book_ranges():
    assert "Standard buildings 2% to 24%" in Option.specs()["optimism_bias"].help


def test_what_the_gaps_depend_on_is_read_beside_the_window_not_on_it(window, qtbot, monkeypatch):
    """The gaps need every item of the spheres (thousands on a large map): the window reads none of them
    to show the options; the work beside it reads them from the document itself."""
    window.new_from_sample()
    read: list[str] = []
    store = window.doc.store
    for name in ("all", "many_of", "all_of"):
        method = getattr(store, name)
        record = lambda kind, *a, m=method: read.append(getattr(kind, "KIND", kind)) or m(kind, *a)  # noqa: E731
        monkeypatch.setattr(store, name, record)
    window.show_section("options")
    view = window.current_view()
    assert isinstance(view, OptionsView)
    assert Item.KIND not in read and Sphere.KIND not in read
    qtbot.waitUntil(lambda: view.gaps is not None, timeout=20_000)
    assert set(view.gaps) == {o.id for o in window.doc.all(Option.KIND)} - {BAU_ID}


def test_the_section_shows_before_its_chart_is_made_and_the_chart_follows_on_the_next_turn(
    window, qtbot, monkeypatch
):
    """Making the plotting widget takes tens of milliseconds: it is not made in the same turn as the rest
    of the section, and then shows the chosen option's profile."""
    from ui.views.options import view as options_view

    made = []
    chart = options_view.ProfileChart
    monkeypatch.setattr(options_view, "ProfileChart", lambda *plot: made.append(1) or chart(*plot))
    window.new_from_sample()
    window.show_section("options")
    view = window.current_view()
    assert isinstance(view, OptionsView)
    assert not made
    view.choose(next(o.id for o in view.options.values() if view.flows.get(o.id)))  # shown once the chart is made
    assert not made
    qtbot.waitUntil(lambda: bool(made))
    assert view.chart.isVisible() and view.chart.height() >= options_view.CHART_HEIGHT
    assert view.chart.in_words() != "No costs or benefits entered yet."
    assert made == [1]


def test_the_profile_chart_makes_no_menu_to_throw_away(qtbot, monkeypatch):
    """Its menu is off: made and then dropped, it was a third of what making the chart cost on showing."""
    from tests.ui.chart_menus import count_menus
    from ui.views.options.chart import ProfileChart

    menus = count_menus(monkeypatch)
    chart = ProfileChart()
    qtbot.addWidget(chart)
    assert menus == [] and chart.getPlotItem().getViewBox().menu is None


def show_counting_turns(window, qtbot, ticks: list[int], done) -> int:
    """Show the options of a new document, a tick in `ticks` each turn of the event loop, until `done()`;
    the ticks counted when the section had shown."""
    from PySide6.QtCore import QTimer

    tick = QTimer(interval=0)
    tick.timeout.connect(lambda: ticks.append(1))
    window.new_document()
    tick.start()
    window.show_section("options")
    shown = len(ticks)
    qtbot.waitUntil(done)
    tick.stop()
    return shown


def test_the_profile_chart_is_made_on_a_later_turn_of_the_event_loop(window, qtbot, monkeypatch):
    """Made in the turn the section shows, the chart added to its wait: the window answers in between
    (a timer of the window's ticks before it is made)."""

    from ui.views.options import view as options_view

    ticks: list[int] = []
    made_after: list[int] = []
    real = options_view.ProfileChart.__init__

    def counting(chart, *args):
        made_after.append(len(ticks))
        real(chart, *args)

    monkeypatch.setattr(options_view.ProfileChart, "__init__", counting)
    shown = show_counting_turns(window, qtbot, ticks, lambda: made_after != [])
    assert made_after[0] > shown


def test_the_gaps_are_worked_out_once_the_section_and_its_chart_have_shown(window, qtbot, monkeypatch):
    """Started as the section was made, the gaps' work beside the window shared the interpreter with the
    section's first turns (each half as long again on the 10k document): it starts once the chart is made."""
    from db import operations as ops
    from ui.commands import StoreCommand
    from ui.views.options import view as options_view

    monkeypatch.setattr(options_view, "INSTRUMENTS_AT_ONCE", 2)
    window.new_document()
    grants = [Item.create(name=f"Grant {n}") for n in range(3)]
    assert window.doc.run(StoreCommand(ops.create([*grants, *(Instrument.create(id=g.id) for g in grants)]), "Seed"))
    window.show_section("options")
    view = window.current_view()
    assert isinstance(view, OptionsView)
    assert view._reading.isActive() and not view.coverage_jobs.busy
    view._reading.timeout.emit()  # the next turn
    assert not view.coverage_jobs.busy
    qtbot.waitUntil(lambda: view._chart is not None)
    assert view.coverage_jobs.busy or view.gaps is not None


def test_the_chart_is_made_in_two_turns_its_plot_area_first(window, qtbot, monkeypatch):
    """Its plot area and the chart around it, made in one turn, held the window for 30 to 40 ms: the window
    answers between the two (a timer of the window's ticks in between)."""

    from ui.views.options import chart as options_chart

    ticks: list[int] = []
    made_after: dict[str, int] = {}
    for name, cls in (("plot area", options_chart.PlotItem), ("chart", options_chart.ProfileChart)):

        def counting(obj, *args, _name=name, _real=cls.__init__, **kwargs):
            made_after.setdefault(_name, len(ticks))
            _real(obj, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", counting)
    shown = show_counting_turns(window, qtbot, ticks, lambda: "chart" in made_after)
    assert shown < made_after["plot area"] < made_after["chart"]


def test_with_thousands_of_instruments_the_section_shows_before_it_reads_them(window, qtbot, monkeypatch):
    """Reading every instrument and its spend lines held the switch's turn: past INSTRUMENTS_AT_ONCE they
    are read on the next turn (the comparison filled then, nothing shown meanwhile), the chart on the one
    after."""
    from db import operations as ops
    from ui.commands import StoreCommand
    from ui.views.options import view as options_view

    monkeypatch.setattr(options_view, "INSTRUMENTS_AT_ONCE", 2)
    made = []
    chart = options_view.ProfileChart
    monkeypatch.setattr(options_view, "ProfileChart", lambda *plot: made.append(1) or chart(*plot))
    window.new_document()
    grants = [Item.create(name=f"Grant {n}") for n in range(3)]
    profiles = [Instrument.create(id=grant.id) for grant in grants]
    assert window.doc.run(StoreCommand(ops.create([*grants, *profiles]), "Seed"))
    window.show_section("options")
    view = window.current_view()
    assert isinstance(view, OptionsView)
    assert header(view) == [] and not view.instruments and view._reading.isActive()
    view._reading.timeout.emit()  # the next turn (run here: a wait could run both turns at once)
    assert header(view) == ["0. Business as usual"] and len(view.instruments) == 3
    assert not made and view._chart_turn.isActive()
    qtbot.waitUntil(lambda: bool(made))
