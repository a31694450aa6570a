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
