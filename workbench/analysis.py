"""`iip-workbench analyse`: every analysis of a document as one JSON-ready object.

Each view's analysis adds itself to ANALYSES under its key; the command prints them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workbench.document import Document
from workbench.ecosystem.analysis import analyse_ecosystem
from workbench.errors import WorkbenchError
from workbench.monitoring.status import RULE, monitoring
from workbench.options.appraisal import appraise_options
from workbench.options.spending import document_money
from workbench.registers.overdue import evaluation_status_json
from workbench.spheres.analysis import analyse_spheres
from workbench.theory_of_change.analysis import analyse_theory_of_change
from workbench.value_chain.analysis import analyse_value_chain
from workbench.value_chain.money import stage_money

ANALYSES: dict[str, Callable[[Document], dict]] = {
    "spheres": lambda doc: analyse_spheres(doc).as_json(),
    "ecosystem": lambda doc: analyse_ecosystem(doc).as_json(),
    "value_chain": lambda doc: analyse_value_chain(doc).as_json(),
    "money": lambda doc: {**document_money(doc).as_json(), "by_stage": stage_money(doc).as_json()},
    "appraisal": lambda doc: _appraisal(doc),
    "theory_of_change": lambda doc: analyse_theory_of_change(doc).as_json(),
    "monitoring": lambda doc: {
        "rule": RULE,
        "indicators": [s.as_json() for s in monitoring(doc, dt.date.today())],
    },
    "evaluation": lambda doc: evaluation_status_json(doc, dt.date.today()),
}


def _appraisal(doc: Document) -> dict:
    """Every option's figures; a figure the appraisal cannot take is said in place of them (the other
    analyses still stand)."""
    try:
        return appraise_options(doc).as_json()
    except WorkbenchError as err:
        return {"error": err.message}


def analyse(doc: Document) -> dict:
    return {key: run(doc) for key, run in ANALYSES.items()}
