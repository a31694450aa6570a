"""What sits on the spheres canvas: items, and the instrument profile of those that spend money."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity, check_range
from workbench.errors import ValidationError
from workbench.fields import Choice, attr
from workbench.money.budget import FINANCIAL_TRANSACTION, BudgetTypeCode, budget_type


class ItemKind(Choice):
    INSTRUMENT = "instrument"
    PROGRAMME = "programme"
    INSTITUTION = "institution"
    OTHER = "other"


# Kinds that carry an Instrument profile (budget type and spend, stages, readiness).
FUNDED_KINDS = frozenset({ItemKind.INSTRUMENT.value, ItemKind.PROGRAMME.value})


class Level(Choice):
    NATIONAL = "national"
    REGIONAL = "regional"
    INTERNATIONAL = "international"


class InstrumentType(Choice):
    RD_GRANT = "rd_grant"
    LOAN = "loan"
    EQUITY = "equity"
    TAX_INCENTIVE = "tax_incentive"
    PROCUREMENT = "procurement"
    REGULATION = "regulation"
    STANDARDS = "standards"
    ADVISORY = "advisory"
    INFRASTRUCTURE = "infrastructure"
    SKILLS = "skills"
    NETWORK = "network"
    PRIZE = "prize"
    OTHER = "other"


class Status(Choice):
    PROPOSED = "proposed"
    PLANNED = "planned"
    ACTIVE = "active"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"


class ValueRole(Choice):
    """Innovation policy creates value; industrial policy captures it in the productive structure."""

    CREATION = "creation"
    CAPTURE = "capture"
    BOTH = "both"


class TargetGroup(Choice):
    SME = "sme"
    LARGE_FIRMS = "large_firms"
    START_UPS = "start_ups"
    UNIVERSITIES = "universities"
    RESEARCH_INSTITUTES = "research_institutes"
    REGIONS = "regions"
    INVESTORS = "investors"
    WORKERS = "workers"
    CONSUMERS = "consumers"


@dataclasses.dataclass(kw_only=True, slots=True)
class Item(Entity):
    """Anything placed on the spheres canvas; its region comes from its position."""

    KIND: ClassVar[str] = "item"
    LABEL: ClassVar[str] = "Item"

    kind: str = attr(ItemKind.INSTRUMENT.value, label="Kind", kind="choice", choices=ItemKind, required=True)
    name: str = attr("", label="Name", required=True, max_length=200)
    description: str = attr("", label="Description", kind="longtext")
    x: float = attr(0.0, label="x", kind="float", required=True, minimum=-1e6, maximum=1e6, editable=False)
    y: float = attr(0.0, label="y", kind="float", required=True, minimum=-1e6, maximum=1e6, editable=False)
    outside_iip: bool = attr(
        False,
        label="Outside IIP",
        kind="bool",
        required=True,
        help="A complementary measure (trade, competition) rather than IIP itself.",
    )

    @property
    def funded(self) -> bool:
        return self.kind in FUNDED_KINDS


@dataclasses.dataclass(kw_only=True, slots=True)
class Instrument(Entity):
    """The policy-instrument profile of an instrument or programme item; shares the item's id."""

    KIND: ClassVar[str] = "instrument"
    LABEL: ClassVar[str] = "Instrument"
    TITLE_FIELD: ClassVar[str] = "id"

    instrument_type: str = attr(
        InstrumentType.RD_GRANT.value, label="Instrument type", kind="choice", choices=InstrumentType, required=True
    )
    level: str = attr(Level.NATIONAL.value, label="Level", kind="choice", choices=Level, required=True)
    status: str = attr(Status.PROPOSED.value, label="Status", kind="choice", choices=Status, required=True)
    lead_actor_id: str | None = attr(None, label="Lead actor", kind="ref", ref="actor")
    target_groups: list[str] = attr(label="Target groups", kind="choices", choices=TargetGroup)
    stage_from_id: str | None = attr(None, label="First stage", kind="ref", ref="stage")
    stage_to_id: str | None = attr(None, label="Last stage", kind="ref", ref="stage")
    trl_min: int | None = attr(None, label="TRL from", kind="int", minimum=1, maximum=9)
    trl_max: int | None = attr(None, label="TRL to", kind="int", minimum=1, maximum=9)
    mrl_min: int | None = attr(None, label="MRL from", kind="int", minimum=1, maximum=10)
    mrl_max: int | None = attr(None, label="MRL to", kind="int", minimum=1, maximum=10)
    value_role: str = attr(
        ValueRole.CREATION.value, label="Value creation or capture", kind="choice", choices=ValueRole, required=True
    )
    start_date: str | None = attr(None, label="Start", kind="date")
    end_date: str | None = attr(None, label="End", kind="date")
    # Its money: the amounts by financial year are its spend lines (workbench.money.entities.SpendLine).
    budget_type: str = attr(
        "grant", label="Budget type", kind="choice", choices=BudgetTypeCode, required=True,
        help="How the public money reaches it; amounts of different types are never added together.",
    )
    private_finance: float | None = attr(
        None, label="Private finance leveraged", kind="float", minimum=0, maximum=1e15,
        help="Private money it brings in over its life, in the project currency.",
    )
    loss_rate: float | None = attr(
        None, label="Expected loss rate", kind="float", minimum=0,
        help="Loans, equity and guarantees: the share expected to be lost (0.1 is 10%); only that share is a cost.",
    )

    @property
    def financial_transaction(self) -> bool:
        """A loan, equity or guarantee: money that mostly comes back, so only its expected loss is a cost."""
        return budget_type(self.budget_type).counts_in_net_cost == FINANCIAL_TRANSACTION

    def check_rules(self) -> None:
        check_range(self, "trl_min", "trl_max")
        check_range(self, "mrl_min", "mrl_max")
        check_range(self, "start_date", "end_date")
        if self.loss_rate is not None and self.loss_rate > 1:
            raise ValidationError(
                self.LABEL, "Expected loss rate", f"is at most 100% (1), not {self.loss_rate:.0%} ({self.loss_rate:g})"
            )
