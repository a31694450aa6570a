"""`iip-workbench analyse`: every analysis of a document as one JSON-ready object.

Each view's analysis adds itself to ANALYSES under its key; the command prints them all.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.coverage import analyse_coverage
from workbench.document import Document
from workbench.network_analysis import analyse_ecosystem
from workbench.sphere_gaps import analyse_spheres

ANALYSES: dict[str, Callable[[Document], dict]] = {
    "spheres": lambda doc: analyse_spheres(doc).as_json(),
    "ecosystem": lambda doc: analyse_ecosystem(doc).as_json(),
    "value_chain": lambda doc: analyse_coverage(doc).as_json(),
}


def analyse(doc: Document) -> dict:
    return {key: run(doc) for key, run in ANALYSES.items()}
