"""What an empty number field says it takes."""

from __future__ import annotations

import pytest

from ui.forms import LineEditor
from workbench.spheres.entities import Sphere
from workbench.spheres.items import Instrument
from workbench.workshop.entities import AgendaStep


@pytest.mark.parametrize(
    ("entity", "field", "hint"),
    [
        (Instrument, "private_finance", "0 or more"),  # the 1e15 cap is for sanity, not a range to type against
        (Instrument, "trl_min", "1–9"),
        (AgendaStep, "minutes", "1–480"),
        (Sphere, "cx", ""),  # a coordinate has no useful range to show
    ],
)
def test_a_number_field_hints_at_a_range_people_can_read(qapp_instance, entity, field, hint):
    assert LineEditor(entity.specs()[field]).placeholderText() == hint


@pytest.mark.parametrize("key", ["light", "high_contrast"])
def test_a_date_in_the_inspector_shows_whole(sample, key):
    """Not '023-10-01' for 2023: the form puts the label above a date field it cannot widen."""
    from PySide6.QtWidgets import QApplication

    from ui import theme

    theme.apply(key, remember=False)
    try:
        sample.show_section("value-chain")
        for instrument in sample.doc.all("instrument"):
            if instrument.start_date:
                break
        sample.doc.select([("instrument", instrument.id)])
        QApplication.processEvents()
        field = sample.inspector.forms["instrument"].editors["start_date"]
        assert field.text() == instrument.start_date
        field.end(False)  # the caret after the last digit: a field too narrow scrolls its first ones away
        words = field.fontMetrics().horizontalAdvance(field.text())
        assert field.cursorRect().center().x() - words >= 0, (field.width(), words)
    finally:
        theme.apply("light", remember=False)
