"""Monitoring in the window: Add measurement records the selected indicator's value, the inspector
says the status in words and a shape, and the Indicators section draws the selected indicator's
measurements against the straight path from baseline to target."""

from __future__ import annotations

from PySide6.QtGui import QColor

from db import operations as ops
from ui.commands import StoreCommand
from ui.dates import shown_date
from workbench.monitoring.entities import Indicator, Measurement
from workbench.registers.entities import Objective


def test_a_measurement_is_added_for_the_selected_indicator_and_its_status_shows_in_words(window, answers):
    window.new_document()
    window.show_section("measurements")
    register = window.current_view()
    register.add()
    assert answers.asked == ["inform"] and window.doc.store.all("measurement") == []  # no indicator yet
    gwh = Indicator.create(
        name="Cells made",
        unit="GWh",
        baseline_value=1.0,
        baseline_date="2024-01-01",
        target_value=9.0,
        target_date="2030-12-31",
    )
    assert window.doc.run(StoreCommand(ops.create([gwh]), "Seed", origin="test"))
    window.doc.select([("indicator", gwh.id)])
    register.add()
    (measurement,) = window.doc.store.all("measurement")
    assert (measurement.indicator_id, measurement.value) == (gwh.id, 1.0)
    window.show_section("indicators")
    window.doc.select([("indicator", gwh.id)])
    facts = window.inspector.facts.text()
    assert "Status: <b>■ Off track" in facts and "On track when the latest measurement" in facts


def test_an_objective_shows_the_indicators_that_measure_it(window):
    window.new_document()
    objective = Objective.create(statement="Make cells")
    assert window.doc.run(StoreCommand(ops.create([objective]), "Seed", origin="test"))
    window.doc.select([("objective", objective.id)])
    assert "Measured by: <b>no indicator yet: add one under Indicators" in window.inspector.facts.text()
    gwh = Indicator.create(name="Cells made", unit="GWh", objective_id=objective.id, baseline_value=1.0,
                           target_value=9.0, target_date="2030-12-31")  # fmt: skip
    assert window.doc.run(StoreCommand(ops.create([gwh]), "Seed", origin="test"))
    window.doc.select([])
    window.doc.select([("objective", objective.id)])
    path = f"Cells made: 1 GWh → 9 GWh by {shown_date('2030-12-31')}"
    assert f"Measured by: <b>{path}</b>" in window.inspector.facts.text()


def test_the_indicators_section_draws_the_selected_trajectory_against_the_path(window):
    window.new_document()
    gwh = Indicator.create(
        name="Cells made",
        unit="GWh",
        baseline_value=0.0,
        baseline_date="2024-01-01",
        target_value=10.0,
        target_date="2026-01-01",
    )
    measured = [
        Measurement.create(indicator_id=gwh.id, date=d, value=v) for d, v in (("2024-06-30", 3.0), ("2025-01-01", 4.8))
    ]
    assert window.doc.run(StoreCommand(ops.create([gwh, *measured]), "Seed", origin="test"))
    window.show_section("indicators")
    view = window.current_view()
    assert view.chart.summary().startswith("Select an indicator")
    window.doc.select([("indicator", gwh.id)])
    assert view.chart.summary() == "Cells made: ● On track, 96% of the way the path expects; 2 measurements."
    image = view.chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert QColor("#d55e00").name() in colours and QColor("#0072b2").name() in colours
    window.doc.run(StoreCommand(ops.update([("measurement", measured[1].id, {"value": 1.0})]), "Edit", origin="test"))
    assert "■ Off track" in view.chart.summary()


def test_the_overview_lists_the_chain_and_monitoring_and_links_to_them(window, qtbot):
    window.new_from_sample()
    overview = window.current_view()
    qtbot.waitUntil(lambda: overview.attention is not None)
    text = overview.text.toPlainText()
    assert "No path from an instrument reaches objective" in text
    assert "■ Off track: 'Installed annual cell production capacity'" in text
    html = overview.text.toHtml()
    assert "href=\"theory-of-change\"" in html and "href=\"indicators\"" in html
