"""The sections of a project, in navigator order. To add a view, write a SectionView subclass
and name it as its section's `view` (README, 'Adding a view').

A section's view module is imported when the section is first shown, or ahead of it while the window
is idle (ui.load_ahead), so the window starts without them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from PySide6.QtWidgets import QWidget

from ui.document import OpenDocument

REGISTER = "ui.views.register.RegisterView"  # a table of one kind: its args are the kind, columns, empty hint


@dataclass(frozen=True)
class Section:
    key: str  # also the name used by `iip-workbench render --view`
    title: str
    count_kind: str | None  # whose count the navigator shows
    purpose: str  # one line: what the section is for (the navigator's tooltip)
    view: str  # the view's class, "module.Class", made with the document and `args`
    args: tuple = ()
    shortcut: str = ""
    count_words: str = ""  # what the count is of, when the title does not say ("answered")

    def count_text(self, n: int) -> str:
        return f"{self.title}  ({n}{' ' + self.count_words if self.count_words else ''})"

    @property
    def module(self) -> str:
        return self.view.rpartition(".")[0]

    def build(self, doc: OpenDocument) -> QWidget:
        view = getattr(import_module(self.module), self.view.rpartition(".")[2])
        return view(doc, *self.args)


SECTIONS: list[Section] = [
    Section(
        "overview", "Overview", None, "What the project holds, and what to do first.", "ui.views.overview.OverviewView"
    ),
    Section(
        "spheres",
        "Spheres",
        "item",
        "Place instruments, programmes and institutions on the three overlapping policy spheres.",
        "ui.views.spheres.view.SpheresView",
    ),
    Section(
        "value-chain",
        "Value chain",
        "instrument",
        "See which instruments act at each value-chain stage, with TRL/MRL readiness, and where nothing does.",
        "ui.views.value_chain.view.ValueChainView",
    ),
    Section(
        "ecosystem",
        "Ecosystem",
        "actor",
        "Map ministries, agencies, labs, universities, firms and SMEs as a network and analyse it.",
        "ui.views.ecosystem.view.EcosystemView",
    ),
    Section(
        "rationale",
        "Rationale",
        "rationale",
        "The market or system failures each programme addresses, with the evidence for them.",
        REGISTER,
        (
            "rationale",
            ["statement", "failure", "evidence", "instrument_ids", "objective_ids"],
            "No rationale yet. Click 'Add rationale' to say which market or system failure a programme "
            "addresses and what shows it exists.",
        ),
    ),
    Section(
        "objectives",
        "Objectives",
        "objective",
        "Clear objectives with deadlines and owners; their indicators, baselines and targets are under Indicators.",
        REGISTER,
        (
            "objective",
            ["statement", "objective_kind", "aim", "deadline", "owner", "instrument_ids"],
            "No objectives yet. Click 'Add objective' to state what the policy should achieve.",
        ),
    ),
    Section(
        "theory-of-change",
        "Theory of change",
        "toc_node",
        "From rationale and instruments through outputs and outcomes to impacts, with the assumptions "
        "behind each step.",
        "ui.views.theory_of_change.view.TheoryOfChangeView",
        count_words="results",
    ),
    Section(
        "options",
        "Options",
        "option",
        "Compare options with business as usual: costs and benefits by year, net present value, benefit-cost ratio.",
        "ui.views.options.view.OptionsView",
    ),
    Section(
        "indicators",
        "Indicators",
        "indicator",
        "What is measured, from which baseline to which target, and whether it is on track.",
        "ui.views.indicators.IndicatorRegister",
    ),
    Section(
        "measurements",
        "Measurements",
        "measurement",
        "Each indicator's values over time.",
        "ui.views.measurements.MeasurementRegister",
    ),
    Section(
        "experiments",
        "Experiments",
        "experiment",
        "Pilots, test beds and sandboxes before wide deployment.",
        REGISTER,
        (
            "experiment",
            ["name", "experiment_type", "region", "instrument_id", "decision_rule", "start_date", "end_date"],
            "No experiments yet. Click 'Add experiment' to plan a pilot or a regulatory sandbox.",
        ),
    ),
    Section(
        "evaluation",
        "Evaluation",
        "evaluation",
        "When, how and by whom each programme is evaluated.",
        REGISTER,
        (
            "evaluation",
            ["name", "subject_id", "status", "planned_date", "timing", "types", "designs", "independence", "budget"],
            "No evaluations planned yet. Click 'Add evaluation' to plan one per programme.",
        ),
    ),
    Section(
        "lessons",
        "Lessons",
        "lesson",
        "Policy learning: lessons, where they come from, who holds them.",
        REGISTER,
        (
            "lesson",
            [
                "lesson",
                "source_kind",
                "source",
                "transferability",
                "knowledge_holder",
                "holder_rotating",
                "applied_to_ids",
                "date",
            ],
            "No lessons recorded yet. Click 'Add lesson' to capture what was learnt.",
        ),
    ),
    Section(
        "risks",
        "Risks",
        "risk",
        "The risk register: each risk, how likely and how serious, who owns it and how it is handled.",
        REGISTER,
        (
            "risk",
            ["risk", "category", "likelihood", "impact", "owner", "mitigation"],
            "No risks recorded yet. Click 'Add risk' to record one for the submission.",
        ),
    ),
    Section(
        "checklists",
        "Checklists",
        "response",
        "Walk through objectives, experimentation, evaluation and policy-learning checklists.",
        "ui.views.checklists.view.ChecklistsView",
        count_words="answered",
    ),
    Section(
        "practices",
        "Practice library",
        None,
        "Practices of ten countries by theme, to learn from countries with similar objectives.",
        "ui.views.practices.PracticesView",
    ),
    Section(
        "briefs", "Briefs", None, "Write and export a marked PDF brief for a minister.", "ui.views.briefs.BriefsView"
    ),
    Section(
        "workshop",
        "Workshop",
        "note",
        "Run a design workshop: sticky notes and dot votes on the spheres, a timed agenda, snapshots, a summary.",
        "ui.views.workshop.view.WorkshopView",
        count_words="notes",
    ),
]
BY_KEY = {s.key: s for s in SECTIONS}


def section_for(kind: str) -> str | None:
    """The section that lists entities of `kind` (the one whose navigator count is of that kind)."""
    return next((s.key for s in SECTIONS if s.count_kind == kind), None)
