"""What every brief provider reads: the document, and analyses computed at most once per brief."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from workbench.checklists.scoring import ChecklistResult, evaluate_all
from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.money.currency import format_money
from workbench.options.appraisal import OptionsAppraisal, appraise_options
from workbench.spheres.analysis import SpheresAnalysis, analyse_spheres
from workbench.spheres.budgets import budgets
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.analysis import ValueChainAnalysis, analyse_value_chain
from workbench.value_chain.entities import ValueChainStage

if TYPE_CHECKING:
    from workbench.ecosystem.analysis import EcosystemAnalysis


@dataclass
class BriefContext:
    doc: Document
    today: dt.date = field(default_factory=dt.date.today)  # the brief's date: what is overdue or on track by then

    @cached_property
    def spheres(self) -> SpheresAnalysis:
        return analyse_spheres(self.doc)

    @cached_property
    def value_chain(self) -> ValueChainAnalysis:
        return analyse_value_chain(self.doc)

    @cached_property
    def ecosystem(self) -> EcosystemAnalysis:
        """Loaded when a brief asks for it: the network analysis brings numpy and rustworkx (a third of a
        brief's start when its template has no ecosystem findings)."""
        from workbench.ecosystem.analysis import analyse_ecosystem

        return analyse_ecosystem(self.doc)

    @cached_property
    def checklists(self) -> tuple[ChecklistResult, ...]:
        return evaluate_all(self.doc)

    @cached_property
    def options(self) -> OptionsAppraisal | str:
        """The options appraised against business as usual, or the sentence saying why they cannot be."""
        try:
            return appraise_options(self.doc)
        except WorkbenchError as err:
            return err.message

    @cached_property
    def currency(self) -> str:
        return self.doc.project.currency or "EUR"

    @cached_property
    def budgets(self) -> dict[str, float | None]:
        """Each instrument's public money over all years, of its own budget type (None: not given)."""
        return budgets(self.doc)

    def money(self, amount: float | None) -> str:
        """An amount in the project's currency as a reader expects it ('€420m'); a dash when not given."""
        return "–" if amount is None else format_money(amount, self.currency)

    @cached_property
    def stage_order(self) -> dict[str, int]:
        return {s.id: s.position for s in self.doc.all(ValueChainStage)}

    def funded(self) -> list[tuple[Item, Instrument]]:
        """Instruments and programmes with their profiles, in the order they were created."""
        profiles = self.doc.entities[Instrument.KIND]
        return [(i, profiles[i.id]) for i in self.doc.all(Item) if i.id in profiles]  # type: ignore[misc]
