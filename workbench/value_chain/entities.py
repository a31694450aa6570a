"""Value-chain stages, capabilities and scale-up assessments (brief 000 figure 1; report 001)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity
from workbench.fields import Choice, attr
from workbench.value_chain.readiness import scale

DEFAULT_STAGES = (
    "Research",
    "Development",
    "Prototype / demonstration",
    "Production",
    "Scale-up",
    "Market",
    "Further innovation",
)


@dataclasses.dataclass(kw_only=True, slots=True)
class ValueChainStage(Entity):
    KIND: ClassVar[str] = "stage"
    LABEL: ClassVar[str] = "Value-chain stage"

    name: str = attr("", label="Name", required=True, max_length=120)
    position: int = attr(0, label="Position", kind="int", required=True, minimum=0, maximum=10_000, editable=False)
    description: str = attr("", label="Description", kind="longtext")


def default_stages() -> list[ValueChainStage]:
    return [ValueChainStage.create(id=f"stage-{i}", name=name, position=i) for i, name in enumerate(DEFAULT_STAGES)]


LEVELS = "\n".join(f"{lv.level}: {lv.name}. {lv.definition}" for lv in scale("capability").levels)


class Confidence(Choice):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclasses.dataclass(kw_only=True, slots=True)
class Capability(Entity):
    """A national industrial capability: current, required and potential level on a 0-5 scale."""

    KIND: ClassVar[str] = "capability"
    LABEL: ClassVar[str] = "Capability"
    PLURAL: ClassVar[str] = "Capabilities"

    name: str = attr("", label="Capability", required=True, max_length=200)
    description: str = attr("", label="Description", kind="longtext")
    current: int | None = attr(None, label="Current level (0-5)", kind="int", minimum=0, maximum=5, help=LEVELS)
    required: int | None = attr(None, label="Required level (0-5)", kind="int", minimum=0, maximum=5, help=LEVELS)
    potential: int | None = attr(None, label="Potential level (0-5)", kind="int", minimum=0, maximum=5, help=LEVELS)
    instrument_ids: list[str] = attr(label="Linked instruments", kind="refs", ref="item")
    evidence: str = attr(
        "", label="Evidence for the levels", kind="longtext", help="What the levels rest on: a study, an audit."
    )
    confidence: str | None = attr(None, label="Confidence in the levels", kind="choice", choices=Confidence)

    @property
    def below_required(self) -> bool:
        """The potential level (the best reachable) falls short of the required one: closing the gap at home
        cannot be planned on, so the need must be met another way (partners, imports) or the aim revised."""
        return self.potential is not None and self.required is not None and self.potential < self.required

    @property
    def gap(self) -> int | None:
        """How far the current level falls short of the required one (0 when it meets it)."""
        if self.current is None or self.required is None:
            return None
        return max(0, self.required - self.current)


class Rating(Choice):
    STRONG = "strong"
    ADEQUATE = "adequate"
    WEAK = "weak"
    MISSING = "missing"


@dataclasses.dataclass(kw_only=True, slots=True)
class ScaleUpAssessment(Entity):
    """Report 001's three scale-up dimensions for one technology or sector."""

    KIND: ClassVar[str] = "scaleup"
    LABEL: ClassVar[str] = "Scale-up assessment"
    TITLE_FIELD: ClassVar[str] = "subject"

    subject: str = attr("", label="Technology or sector", required=True, max_length=200)
    production: str | None = attr(None, label="Production", kind="choice", choices=Rating)
    production_notes: str = attr("", label="Production notes", kind="longtext")
    supply_chain: str | None = attr(None, label="Supply chain", kind="choice", choices=Rating)
    supply_chain_notes: str = attr("", label="Supply chain notes", kind="longtext")
    finance: str | None = attr(None, label="Finance", kind="choice", choices=Rating)
    finance_notes: str = attr("", label="Finance notes", kind="longtext")
    instrument_ids: list[str] = attr(label="Linked instruments", kind="refs", ref="item")
