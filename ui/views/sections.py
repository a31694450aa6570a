"""The sections of a project, in navigator order. To add a view, write a SectionView subclass
and point its section's `factory` at it (README, 'Adding a view').

Factories import their view's module when the section is first shown, so the window starts without them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ui.document import OpenDocument


@dataclass(frozen=True)
class Section:
    key: str  # also the name used by `iip-workbench render --view`
    title: str
    count_kind: str | None  # whose count the navigator shows
    purpose: str  # one line: what the section is for (the navigator's tooltip)
    factory: Callable[[OpenDocument], QWidget]
    shortcut: str = ""
    count_words: str = ""  # what the count is of, when the title does not say ("answered")
    # The modules its view needs, loaded once a document shows (ui.ahead), a step each, the largest last:
    # a section whose first showing would otherwise wait for them.
    ahead: tuple[str, ...] = ()

    def count_text(self, n: int) -> str:
        return f"{self.title}  ({n}{' ' + self.count_words if self.count_words else ''})"

    def build(self, doc: OpenDocument) -> QWidget:
        return self.factory(doc)


def _overview(doc: OpenDocument) -> QWidget:
    from ui.views.overview import OverviewView

    return OverviewView(doc)


def _spheres(doc: OpenDocument) -> QWidget:
    from ui.views.spheres.view import SpheresView

    return SpheresView(doc)


def _value_chain(doc: OpenDocument) -> QWidget:
    from ui.views.value_chain.view import ValueChainView

    return ValueChainView(doc)


def _register(kind: str, columns: list[str], hint: str) -> Callable[[OpenDocument], QWidget]:
    def build(doc: OpenDocument) -> QWidget:
        from ui.views.register import RegisterView

        return RegisterView(doc, kind, columns, hint)

    return build


def _options(doc: OpenDocument) -> QWidget:
    from ui.views.options.view import OptionsView

    return OptionsView(doc)


def _theory_of_change(doc: OpenDocument) -> QWidget:
    from ui.views.theory_of_change.view import TheoryOfChangeView

    return TheoryOfChangeView(doc)


def _indicators(doc: OpenDocument) -> QWidget:
    from ui.views.indicators import IndicatorRegister

    return IndicatorRegister(doc)


def _measurements(doc: OpenDocument) -> QWidget:
    from ui.views.measurements import MeasurementRegister

    return MeasurementRegister(doc)


def _checklists(doc: OpenDocument) -> QWidget:
    from ui.views.checklists.view import ChecklistsView

    return ChecklistsView(doc)


def _briefs(doc: OpenDocument) -> QWidget:
    from ui.views.briefs import BriefsView

    return BriefsView(doc)


def _ecosystem(doc: OpenDocument) -> QWidget:
    from ui.views.ecosystem.view import EcosystemView

    return EcosystemView(doc)


def _practices(doc: OpenDocument) -> QWidget:
    from ui.views.practices import PracticesView

    return PracticesView(doc)


def _workshop(doc: OpenDocument) -> QWidget:
    from ui.views.workshop.view import WorkshopView

    return WorkshopView(doc)


SECTIONS: list[Section] = [
    Section("overview", "Overview", None, "What the project holds, and what to do first.", _overview),
    Section(
        "spheres",
        "Spheres",
        "item",
        "Place instruments, programmes and institutions on the three overlapping policy spheres.",
        _spheres,
        ahead=("ui.canvas.view", "ui.canvas.section", "ui.views.spheres.scene", "ui.views.spheres.view"),
    ),
    Section(
        "value-chain",
        "Value chain",
        "instrument",
        "See which instruments act at each value-chain stage, with TRL/MRL readiness, and where nothing does.",
        _value_chain,
    ),
    Section(
        "ecosystem",
        "Ecosystem",
        "actor",
        "Map ministries, agencies, labs, universities, firms and SMEs as a network and analyse it.",
        _ecosystem,
    ),
    Section(
        "rationale",
        "Rationale",
        "rationale",
        "The market or system failures each programme addresses, with the evidence for them.",
        _register(
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
        _register(
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
        _theory_of_change,
        count_words="results",
    ),
    Section(
        "options",
        "Options",
        "option",
        "Compare options with business as usual: costs and benefits by year, net present value, benefit-cost ratio.",
        _options,
    ),
    Section(
        "indicators",
        "Indicators",
        "indicator",
        "What is measured, from which baseline to which target, and whether it is on track.",
        _indicators,
    ),
    Section(
        "measurements",
        "Measurements",
        "measurement",
        "Each indicator's values over time.",
        _measurements,
    ),
    Section(
        "experiments",
        "Experiments",
        "experiment",
        "Pilots, test beds and sandboxes before wide deployment.",
        _register(
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
        _register(
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
        _register(
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
        _register(
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
        _checklists,
        count_words="answered",
    ),
    Section(
        "practices",
        "Practice library",
        None,
        "Practices of ten countries by theme, to learn from countries with similar objectives.",
        _practices,
    ),
    Section("briefs", "Briefs", None, "Write and export a marked PDF brief for a minister.", _briefs),
    Section(
        "workshop",
        "Workshop",
        "note",
        "Run a design workshop: sticky notes and dot votes on the spheres, a timed agenda, snapshots, a summary.",
        _workshop,
        count_words="notes",
    ),
]
BY_KEY = {s.key: s for s in SECTIONS}


def section_for(kind: str) -> str | None:
    """The section that lists entities of `kind` (the one whose navigator count is of that kind)."""
    return next((s.key for s in SECTIONS if s.count_kind == kind), None)
