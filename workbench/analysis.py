"""`iip-workbench analyse`: every analysis of a document as one JSON-ready object.

Each view's analysis adds itself to ANALYSES under its key; the command prints them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workbench.document import Document
from workbench.ecosystem.analysis import analyse_ecosystem
from workbench.monitoring.status import RULE, monitoring
from workbench.spheres.analysis import analyse_spheres
from workbench.theory_of_change.analysis import analyse_theory_of_change
from workbench.value_chain.analysis import analyse_value_chain

ANALYSES: dict[str, Callable[[Document], dict]] = {
    "spheres": lambda doc: analyse_spheres(doc).as_json(),
    "ecosystem": lambda doc: analyse_ecosystem(doc).as_json(),
    "value_chain": lambda doc: analyse_value_chain(doc).as_json(),
    "theory_of_change": lambda doc: analyse_theory_of_change(doc).as_json(),
    "monitoring": lambda doc: {
        "rule": RULE,
        "indicators": [s.as_json() for s in monitoring(doc, dt.date.today())],
    },
}


def analyse(doc: Document) -> dict:
    return {key: run(doc) for key, run in ANALYSES.items()}
