"""An indicator (what is measured, from which baseline to which target, by whom and how often) and its
measurements over time."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity, check_range
from workbench.fields import Choice, attr


class Frequency(Choice):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


@dataclasses.dataclass(kw_only=True, slots=True)
class Indicator(Entity):
    KIND: ClassVar[str] = "indicator"
    LABEL: ClassVar[str] = "Indicator"

    name: str = attr("", label="Name", required=True, max_length=300)
    objective_id: str | None = attr(None, label="Objective it measures", kind="ref", ref="objective")
    unit: str = attr("", label="Unit", max_length=60, help="What a value counts: GWh, %, jobs, firms.")
    baseline_value: float | None = attr(None, label="Baseline value", kind="float", minimum=-1e12, maximum=1e12)
    baseline_date: str | None = attr(None, label="Baseline date", kind="date")
    target_value: float | None = attr(None, label="Target value", kind="float", minimum=-1e12, maximum=1e12)
    target_date: str | None = attr(None, label="Target date", kind="date")
    source: str = attr("", label="Source of the data", max_length=300)
    frequency: str = attr(Frequency.YEARLY.value, label="Measured", kind="choice", choices=Frequency, required=True)
    owner: str = attr(
        "", label="Owner", max_length=200, help="A person or a role (Head of SME Programmes), not a department."
    )
    notes: str = attr("", label="Notes", kind="longtext")

    def check_rules(self) -> None:
        check_range(self, "baseline_date", "target_date")


@dataclasses.dataclass(kw_only=True, slots=True)
class Measurement(Entity):
    KIND: ClassVar[str] = "measurement"
    LABEL: ClassVar[str] = "Measurement"
    TITLE_FIELD: ClassVar[str] = "date"

    indicator_id: str = attr("", label="Indicator", kind="ref", ref="indicator", required=True)
    date: str = attr("", label="Date", kind="date", required=True)
    value: float = attr(0.0, label="Value", kind="float", required=True, minimum=-1e12, maximum=1e12)
    note: str = attr("", label="Note", max_length=500)
