"""The ecosystem analysis: the map's network measures (network.py) and what they mean in plain words
(findings.py), which reads the measures only, so neither module needs this one."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.bulk_work import no_collection
from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.ecosystem.findings import Finding, findings
from workbench.ecosystem.network import NetworkMeasures, measure_network


@dataclass
class EcosystemAnalysis(NetworkMeasures):
    """Every measure of one map, keyed by actor id, and the findings told in plain words."""

    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        return {**super().as_json(), "findings": [f.as_json() for f in self.findings]}


def analyse_ecosystem(doc: Document) -> EcosystemAnalysis:
    """Metrics and plain-words findings of the document's ecosystem map."""
    with no_collection():
        measures = measure_network(doc.all(Actor), doc.all(Link))
        return EcosystemAnalysis(**measures.values(), findings=findings(measures))
