"""Entities of the theory of change: rationales, the outputs/outcomes/impacts of the chain, and links.

Instruments and rationales are not copied onto the chain: the canvas shows the items (instruments
and programmes) and rationales themselves, and objectives through the outcomes and impacts that name
them, so an edit anywhere shows everywhere. Only what has no home elsewhere is a `toc_node`.

A link goes from an instrument or a node to a node (activities lead to outputs, outputs to outcomes,
outcomes to impacts). Its start is one of two typed references, `from_item_id` (an instrument) or
`from_node_id` (a node), exactly one set; its end is `to_node_id`. Two typed fields instead of a
(kind, id) pair keep every link a plain reference the store already understands: deleting an
instrument or a node cascades to its links (workbench.kinds.CASCADES), the integrity check finds a
dangling end, and no node is made just to stand for an instrument (which would be a second truth to
keep in step). A rationale reaches its instruments through its own `instrument_ids`, shown on the
canvas as the first column's lines.

Which evaluations test a link is not stored on the link: an evaluation question names the links it
tests (workbench.registers.questions.evaluations_testing), so the plan and the chain cannot disagree.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.fields import Choice, attr
from workbench.theory_of_change.failures import FailureKind, described, failures


@dataclasses.dataclass(kw_only=True, slots=True)
class Rationale(Entity):
    """The failure a programme addresses, with the evidence that it exists here."""

    KIND: ClassVar[str] = "rationale"
    LABEL: ClassVar[str] = "Rationale"
    TITLE_FIELD: ClassVar[str] = "statement"

    statement: str = attr("", label="Statement", required=True, max_length=500)
    failure: str = attr(
        "externalities",
        label="Failure addressed",
        kind="choice",
        choices=FailureKind,
        required=True,
        help="\n".join(described(key) for key in failures()),
    )
    evidence: str = attr("", label="Evidence", kind="longtext", help="What shows the failure exists here.")
    instrument_ids: list[str] = attr(label="Instruments that address it", kind="refs", ref="item")
    objective_ids: list[str] = attr(label="Objectives it serves", kind="refs", ref="objective")


class Column(Choice):
    OUTPUT = "output"
    OUTCOME = "outcome"
    IMPACT = "impact"


@dataclasses.dataclass(kw_only=True, slots=True)
class TocNode(Entity):
    """An output, outcome or impact on the chain."""

    KIND: ClassVar[str] = "toc_node"
    LABEL: ClassVar[str] = "Result"
    TITLE_FIELD: ClassVar[str] = "title"

    result_type: str = attr(Column.OUTCOME.value, label="Result type", kind="choice", choices=Column, required=True)
    title: str = attr("", label="Title", required=True, max_length=300)
    description: str = attr("", label="Description", kind="longtext")
    objective_id: str | None = attr(None, label="Objective it stands for", kind="ref", ref="objective")
    indicator: str = attr("", label="Indicator", max_length=300, help="How you will know it happened.")
    position: int = attr(
        0, label="Position in its column", kind="int", required=True, minimum=0, maximum=1_000_000, editable=False
    )


@dataclasses.dataclass(kw_only=True, slots=True)
class TocLink(Entity):
    """'This leads to that', with the assumption it rests on."""

    KIND: ClassVar[str] = "toc_link"
    LABEL: ClassVar[str] = "Causal link"
    TITLE_FIELD: ClassVar[str] = "assumption"

    from_item_id: str | None = attr(None, label="From instrument", kind="ref", ref="item", editable=False)
    from_node_id: str | None = attr(None, label="From result", kind="ref", ref="toc_node", editable=False)
    to_node_id: str = attr("", label="To result", kind="ref", ref="toc_node", required=True, editable=False)
    assumption: str = attr("", label="Assumption", max_length=500, help="What must hold for this step to happen.")
    evidence: str = attr("", label="Evidence for the assumption", kind="longtext")

    @property
    def source(self) -> str:
        """The id the link starts from (an item's or a node's)."""
        return self.from_item_id or self.from_node_id or ""

    def check_rules(self) -> None:
        if bool(self.from_item_id) == bool(self.from_node_id):
            raise ValidationError(self.LABEL, "Start", "must be one instrument or one result")
        if self.from_node_id == self.to_node_id:
            raise ValidationError(self.LABEL, "To result", "must differ from where the link starts")
