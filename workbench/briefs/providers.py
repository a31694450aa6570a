"""The registry of model content a brief template can ask for, by name.

A template section lists provider names; composition looks them up here and skips a name that is
not (yet) registered, so a template can name a figure before its analysis exists. To add one, write
a function `(BriefContext) -> list[Block]` returning [] when there is nothing to show, and add it below.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.briefs.blocks import Block
from workbench.briefs.checklists import checklist_status
from workbench.briefs.context import BriefContext
from workbench.briefs.ecosystem import ecosystem_figure, ecosystem_findings
from workbench.briefs.evaluation import evaluation_data, evaluation_overview, evaluation_plan, evaluation_progress
from workbench.briefs.evaluation_detail import evaluation_details
from workbench.briefs.finance import financial_implications
from workbench.briefs.instruments import instrument_table
from workbench.briefs.learning import experiments, lessons
from workbench.briefs.monitoring import indicator_trajectories
from workbench.briefs.objectives import indicator_table, objectives_table
from workbench.briefs.options import options_appraisal, options_table
from workbench.briefs.risks import risk_table
from workbench.briefs.spheres import sphere_findings, spheres_figure
from workbench.briefs.theory_of_change import theory_of_change_figure, theory_of_change_findings
from workbench.briefs.value_chain import value_chain_figure, value_chain_findings
from workbench.briefs.workshop import (
    placed_items,
    workshop_agenda,
    workshop_board,
    workshop_decisions,
    workshop_ideas,
    workshop_votes,
)

Provider = Callable[[BriefContext], list[Block]]

PROVIDERS: dict[str, Provider] = {
    "instrument_table": instrument_table,
    "options_table": options_table,
    "options_appraisal": options_appraisal,
    "financial_implications": financial_implications,
    "risk_table": risk_table,
    "objectives_table": objectives_table,
    "indicator_table": indicator_table,
    "spheres_figure": spheres_figure,
    "placed_items": placed_items,
    "sphere_findings": sphere_findings,
    "value_chain_figure": value_chain_figure,
    "value_chain_findings": value_chain_findings,
    "ecosystem_figure": ecosystem_figure,
    "ecosystem_findings": ecosystem_findings,
    "theory_of_change_figure": theory_of_change_figure,
    "theory_of_change_findings": theory_of_change_findings,
    "checklist_status": checklist_status,
    "indicator_trajectories": indicator_trajectories,
    "evaluation_plan": evaluation_plan,
    "evaluation_overview": evaluation_overview,
    "evaluation_details": evaluation_details,
    "evaluation_data": evaluation_data,
    "evaluation_progress": evaluation_progress,
    "experiments": experiments,
    "lessons": lessons,
    "workshop_agenda": workshop_agenda,
    "workshop_ideas": workshop_ideas,
    "workshop_board": workshop_board,
    "workshop_votes": workshop_votes,
    "workshop_decisions": workshop_decisions,
}
