"""The institutional ecosystem: actors and the links between them (report 001, 'Organisation')."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from operator import ne
from typing import ClassVar

from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.fields import Choice, attr
from workbench.spheres.entities import SphereKey
from workbench.spheres.items import Level


class ActorType(Choice):
    MINISTRY = "ministry"
    AGENCY = "agency"
    UNIVERSITY = "university"
    NATIONAL_LAB = "national_lab"
    RTO = "rto"
    THINK_TANK = "think_tank"
    INDUSTRY_ASSOCIATION = "industry_association"
    ACADEMY = "academy"
    LARGE_FIRM = "large_firm"
    SME = "sme"
    REGIONAL_BODY = "regional_body"
    INVESTOR = "investor"
    OTHER = "other"


class ActorSize(Choice):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class LinkType(Choice):
    FUNDS = "funds"
    ADVISES = "advises"
    REGULATES = "regulates"
    COLLABORATES = "collaborates"
    REPRESENTS = "represents"
    REPORTS_TO = "reports_to"


@dataclasses.dataclass(kw_only=True, slots=True)
class Actor(Entity):
    KIND: ClassVar[str] = "actor"
    LABEL: ClassVar[str] = "Actor"

    name: str = attr("", label="Name", required=True, max_length=200)
    actor_type: str = attr(ActorType.OTHER.value, label="Type", kind="choice", choices=ActorType, required=True)
    level: str = attr(Level.NATIONAL.value, label="Level", kind="choice", choices=Level, required=True)
    sphere_key: str | None = attr(
        None, label="Sphere", kind="choice", choices=SphereKey, help="The policy sphere the actor mainly belongs to."
    )
    size: str | None = attr(None, label="Size", kind="choice", choices=ActorSize)
    x: float | None = attr(None, label="Map x", kind="float", minimum=-1e7, maximum=1e7, editable=False)
    y: float | None = attr(None, label="Map y", kind="float", minimum=-1e7, maximum=1e7, editable=False)
    notes: str = attr("", label="Notes", kind="longtext")


@dataclasses.dataclass(kw_only=True, slots=True)
class Link(Entity):
    KIND: ClassVar[str] = "link"
    LABEL: ClassVar[str] = "Link"
    TITLE_FIELD: ClassVar[str] = "link_type"

    source_id: str = attr("", label="From", kind="ref", ref="actor", required=True, editable=False)
    target_id: str = attr("", label="To", kind="ref", ref="actor", required=True, editable=False)
    link_type: str = attr(LinkType.COLLABORATES.value, label="Type", kind="choice", choices=LinkType, required=True)
    weight: float = attr(1.0, label="Weight", kind="float", required=True, minimum=0, maximum=1000)
    formal: bool = attr(False, label="Formal", kind="bool", required=True)
    notes: str = attr("", label="Notes", kind="longtext")

    def check_rules(self) -> None:
        if not next(Link.rules_kept([self.source_id], [self.target_id])):
            raise ValidationError(self.LABEL, "To", "must be a different actor from 'From'")

    @staticmethod
    def rules_kept(sources: Iterable[str], targets: Iterable[str]) -> Iterator[bool]:
        """Whether links with these ends keep the rule `check_rules` enforces, a column at a time (an import)."""
        return map(ne, sources, targets)
