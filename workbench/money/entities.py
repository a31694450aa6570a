"""The money a document holds: each instrument's spend by financial year, and the options appraised.

A spend line is one financial year of an instrument's public money, of the instrument's budget type.
Option 0 is business as usual, the counterfactual every other option is compared with: it has a
fixed id, is the only option at position 0, and a document always has it (workbench.kinds).
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.fields import Choice, attr
from workbench.money.appraisal import optimism_bias_hints
from workbench.money.budget import BudgetTypeCode

BAU_ID = "option-bau"
BAU_NAME = "Business as usual"
YEARS = {"minimum": 1900, "maximum": 2200}  # financial years, named by the calendar year they start in
MONEY = {"minimum": 0, "maximum": 1e15, "money": True}  # whole units of the project currency


@dataclasses.dataclass(kw_only=True, slots=True)
class SpendLine(Entity):
    """Public money an instrument spends, lends or forgoes in one financial year (its budget type's money)."""

    KIND: ClassVar[str] = "spend"
    LABEL: ClassVar[str] = "Spend line"
    TITLE_FIELD: ClassVar[str] = "year"

    instrument_id: str = attr(None, label="Instrument", kind="ref", ref="instrument", required=True)
    year: int = attr(2026, label="Financial year", kind="int", required=True, **YEARS)
    amount: float = attr(0.0, label="Amount", kind="float", required=True, **MONEY)


@dataclasses.dataclass(kw_only=True, slots=True)
class Option(Entity):
    """A way of meeting the objectives, appraised against business as usual (HM Treasury Green Book)."""

    KIND: ClassVar[str] = "option"
    LABEL: ClassVar[str] = "Option"
    KEPT: ClassVar[dict[str, str]] = {
        BAU_ID: "Business as usual is the option every other is compared with, so it cannot be deleted; "
        "edit it instead."
    }

    name: str = attr("", label="Name", required=True, max_length=200)
    position: int = attr(
        1, label="Number", kind="int", required=True, minimum=0, maximum=999,
        help="Option 0 is business as usual; the others are numbered from 1.",
    )
    description: str = attr("", label="Description", kind="longtext")
    adds_ids: list[str] = attr(label="Adds", kind="refs", ref="item", help="Instruments this option brings in.")
    changes_ids: list[str] = attr(label="Changes", kind="refs", ref="item", help="Instruments it changes.")
    stops_ids: list[str] = attr(label="Stops", kind="refs", ref="item", help="Instruments it ends.")
    non_monetised: str = attr("", label="Non-monetised benefits", kind="longtext")
    key_risks: str = attr("", label="Key risks", kind="longtext")
    optimism_bias: float = attr(
        0.0, label="Optimism bias", kind="float", required=True, minimum=0, maximum=2,
        help="Uplift on costs: 0.2 adds 20%. The Green Book's supplementary guidance gives these ranges for "
        "capital costs by project type: " + "; ".join(f"{label} {low:.0%} to {high:.0%}" for label, low, high in
        optimism_bias_hints()) + ".",
    )
    leakage: float = attr(
        0.0, label="Leakage", kind="float", required=True, minimum=0, maximum=1,
        help="Share of the benefit going to people or places outside the target.",
    )
    deadweight: float = attr(
        0.0, label="Deadweight", kind="float", required=True, minimum=0, maximum=1,
        help="Share that would have happened anyway.",
    )
    displacement: float = attr(
        0.0, label="Displacement", kind="float", required=True, minimum=0, maximum=1,
        help="Share taken from others in the target area.",
    )
    substitution: float = attr(
        0.0, label="Substitution", kind="float", required=True, minimum=0, maximum=1,
        help="Share where firms swap one activity for a similar one to get the support.",
    )
    multiplier: float = attr(
        1.0, label="Multiplier", kind="float", required=True, minimum=0, maximum=10,
        help="Further activity from suppliers and spending; 1 adds none.",
    )
    outcome: str = attr("", label="Main outcome", max_length=80, help="Its unit, e.g. jobs or GWh of cells a year.")
    outcome_units: float | None = attr(None, label="Outcome (units)", kind="float", minimum=0, maximum=1e15)
    preferred: bool = attr(False, label="Preferred option", kind="bool", required=True)

    @property
    def is_bau(self) -> bool:
        return self.id == BAU_ID

    def check_rules(self) -> None:
        if self.is_bau != (self.position == 0):
            problem = "is 0 for business as usual only" if self.position == 0 else "of business as usual is 0"
            raise ValidationError(self.LABEL, self.specs()["position"].label, problem)
        if self.is_bau and (self.adds_ids or self.changes_ids or self.stops_ids):
            raise ValidationError(self.LABEL, "Business as usual", "adds, changes and stops no instrument")


class Flow(Choice):
    COST = "cost"
    BENEFIT = "benefit"


@dataclasses.dataclass(kw_only=True, slots=True)
class OptionFlow(Entity):
    """One year of an option's costs (of one budget type) or of its gross monetised benefits (from one outcome)."""

    KIND: ClassVar[str] = "option_flow"
    LABEL: ClassVar[str] = "Option cost or benefit"
    PLURAL: ClassVar[str] = "Option costs and benefits"
    TITLE_FIELD: ClassVar[str] = "year"

    option_id: str = attr(None, label="Option", kind="ref", ref="option", required=True)
    flow: str = attr(Flow.COST.value, label="Cost or benefit", kind="choice", choices=Flow, required=True)
    budget_type: str | None = attr(
        "grant", label="Budget type", kind="choice", choices=BudgetTypeCode,
        help="Costs only: the kind of public money.",
    )
    year: int = attr(2026, label="Financial year", kind="int", required=True, **YEARS)
    amount: float = attr(0.0, label="Amount", kind="float", required=True, **MONEY)
    objective_id: str | None = attr(
        None, label="Outcome", kind="ref", ref="objective", help="Benefits only: the objective it comes from."
    )

    def check_rules(self) -> None:
        if self.flow == Flow.COST and self.budget_type is None:
            raise ValidationError(self.LABEL, "Budget type", "is required for a cost")
        if self.flow == Flow.BENEFIT and self.budget_type is not None:
            raise ValidationError(self.LABEL, "Budget type", "is for costs only; clear it for a benefit")
        if self.flow == Flow.COST and self.objective_id is not None:
            raise ValidationError(self.LABEL, "Outcome", "is for benefits only; clear it for a cost")


def business_as_usual() -> Option:
    """Option 0 as a new document has it."""
    return Option(
        id=BAU_ID,
        name=BAU_NAME,
        position=0,
        description="What happens if nothing changes: the instruments already running, as planned.",
    )
