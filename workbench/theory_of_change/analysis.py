"""What the theory of change shows, in plain words: the gaps an evaluator would point to first.

- an instrument that reaches no outcome (no path from it to an outcome or an impact),
- an outcome with no indicator (its own, or one in the Indicators register measuring the objective it stands for),
- an objective no path reaches (no result reachable from an instrument stands for it),
- an assumption no evaluation tests (no evaluation question names its link),
- an outcome that feeds the appraisal with no evidence: an option's benefits are counted against its
  objective (the caller says which objectives the appraisal counts), yet no link into it gives evidence.

Findings come most pressing first (ORDER). Pure and linear in the size of the chain: reachability is
two breadth-first walks, one forward from every instrument and one backward from every outcome and impact.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.document import Document
from workbench.monitoring.entities import Indicator
from workbench.registers.entities import Objective
from workbench.registers.questions import evaluations_testing
from workbench.spheres.items import Item
from workbench.theory_of_change.entities import Column, Rationale, TocLink, TocNode

REACHED = frozenset({Column.OUTCOME.value, Column.IMPACT.value})
# Most pressing first: what the programme is for, then how it would be known, then the chain's links.
ORDER = (
    "objective_not_reached",
    "outcome_without_indicator",
    "appraised_outcome_without_evidence",
    "assumption_untested",
    "instrument_reaches_no_outcome",
)


@dataclass(frozen=True)
class Finding:
    kind: str  # instrument_reaches_no_outcome, outcome_without_indicator, objective_not_reached, ...
    text: str
    refs: tuple[tuple[str, str], ...] = ()  # (kind, id) of what the finding is about, to select it

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "refs": [list(r) for r in self.refs]}


@dataclass
class TheoryOfChangeAnalysis:
    instruments: list[str] = field(default_factory=list)  # funded items, the chain's activities
    rationales: int = 0
    nodes: dict[str, int] = field(default_factory=dict)  # per column
    links: int = 0
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "instruments": len(self.instruments),
            "rationales": self.rationales,
            "results": self.nodes,
            "links": self.links,
            "findings": [f.as_json() for f in self.findings],
        }


def _quoted(title: str) -> str:
    return f"'{title}'"


def appraised_objectives(doc: Document) -> set[str]:
    """The objectives an option's flow names (kind `option_flow` of the money model, where the document
    has it): the appraisal counts benefits against them."""
    flows = doc.entities.get("option_flow", {})
    return {objective for f in flows.values() if (objective := getattr(f, "objective_id", None))}


def analyse_theory_of_change(doc: Document, appraised: Iterable[str] | None = None) -> TheoryOfChangeAnalysis:
    """The findings of `doc`'s chain; `appraised` are the ids of objectives the appraisal counts benefits
    against (by default, those the document's option flows name)."""
    items = doc.table(Item)
    nodes = doc.table(TocNode)
    objectives = doc.table(Objective)
    measured = {i.objective_id for i in doc.all(Indicator) if i.objective_id}
    instruments = [i for i in items.values() if i.funded]
    links = [k for k in doc.all(TocLink) if k.to_node_id in nodes and (k.source in nodes or k.source in items)]
    onward: dict[str, list[str]] = {}
    back: dict[str, list[str]] = {}
    into: dict[str, list[TocLink]] = {}
    for link in links:
        onward.setdefault(link.source, []).append(link.to_node_id)
        back.setdefault(link.to_node_id, []).append(link.source)
        into.setdefault(link.to_node_id, []).append(link)

    reached_from_instruments = _walk((i.id for i in instruments), onward)
    leads_to_outcome = _walk((n.id for n in nodes.values() if n.result_type in REACHED), back)
    a = TheoryOfChangeAnalysis(
        instruments=[i.id for i in instruments],
        rationales=len(doc.table(Rationale)),
        nodes={c.value: sum(1 for n in nodes.values() if n.result_type == c.value) for c in Column},
        links=len(links),
    )
    found: list[Finding] = []

    for item in sorted(instruments, key=lambda i: i.name.casefold()):
        if item.id not in leads_to_outcome:
            found.append(
                Finding(
                    "instrument_reaches_no_outcome",
                    f"Instrument {_quoted(item.name)} reaches no outcome: link it to an output or an outcome it "
                    "should bring about.",
                    (("item", item.id),),
                )
            )
    outcomes = sorted((n for n in nodes.values() if n.result_type == Column.OUTCOME.value), key=lambda n: n.position)
    for node in outcomes:
        objective = objectives.get(node.objective_id or "")
        if not node.indicator.strip() and not (objective and objective.id in measured):
            found.append(
                Finding(
                    "outcome_without_indicator",
                    f"Outcome {_quoted(node.title)} has no indicator: say how you will know it happened.",
                    (("toc_node", node.id),),
                )
            )
    served = {nodes[n].objective_id for n in reached_from_instruments if n in nodes}
    for objective in sorted(objectives.values(), key=lambda o: o.statement.casefold()):
        if objective.id not in served:
            found.append(
                Finding(
                    "objective_not_reached",
                    f"No path from an instrument reaches objective {_quoted(objective.statement)}: add the outcome "
                    "that stands for it and link an instrument to it.",
                    (("objective", objective.id),),
                )
            )
    testers = evaluations_testing(doc)
    for link in links:
        if link.assumption.strip() and not testers.get(link.id):
            found.append(
                Finding(
                    "assumption_untested",
                    f"No evaluation tests the assumption {_quoted(link.assumption)}: give an evaluation a question "
                    "that asks whether it holds.",
                    (("toc_link", link.id),),
                )
            )
    counted = appraised_objectives(doc) if appraised is None else set(appraised)
    for node in outcomes:
        if node.objective_id in counted and not any(k.evidence.strip() for k in into.get(node.id, [])):
            found.append(
                Finding(
                    "appraised_outcome_without_evidence",
                    f"Outcome {_quoted(node.title)} feeds the appraisal's benefits but no link into it gives "
                    "evidence: add the evidence that the step to it happens.",
                    (("toc_node", node.id),),
                )
            )
    a.findings = sorted(found, key=lambda f: ORDER.index(f.kind))  # stable: each kind keeps its own order
    return a


def _walk(starts: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    """Every id reachable from `starts` along `edges` (the starts included)."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
