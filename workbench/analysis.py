"""`iip-workbench analyse`: every analysis of a document as one JSON-ready object.

Each view's analysis adds itself to ANALYSES under its key; the command prints them all.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.document import Document
from workbench.ecosystem.analysis import analyse_ecosystem
from workbench.errors import WorkbenchError
from workbench.options.appraisal import appraise_options
from workbench.options.spending import document_money
from workbench.spheres.analysis import analyse_spheres
from workbench.value_chain.analysis import analyse_value_chain

ANALYSES: dict[str, Callable[[Document], dict]] = {
    "spheres": lambda doc: analyse_spheres(doc).as_json(),
    "ecosystem": lambda doc: analyse_ecosystem(doc).as_json(),
    "value_chain": lambda doc: analyse_value_chain(doc).as_json(),
    "money": lambda doc: document_money(doc).as_json(),
    "appraisal": lambda doc: _appraisal(doc),
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
