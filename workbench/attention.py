"""What needs attention in a design: the findings of the sections' analyses, in words, by area.

The overview lists them so a user opening a project sees at once where it is weak: sphere overlaps
with nothing (or almost nothing) in them, value-chain stages nobody acts at, unanswered checklists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbench.checklists.scoring import evaluate_all, overall
from workbench.document import Document
from workbench.monitoring.status import attention_lines, monitoring
from workbench.spheres.analysis import analyse_spheres
from workbench.theory_of_change.analysis import analyse_theory_of_change
from workbench.value_chain.analysis import analyse_value_chain

SPHERE_SEVERITIES = ("empty", "thin", "misplaced")


@dataclass(frozen=True)
class Attention:
    area: str  # spheres, value_chain or checklists: the analysis the findings come from
    title: str
    findings: tuple[str, ...]


def needs_attention(doc: Document, today: dt.date | None = None) -> list[Attention]:
    """The areas with something to look at, in the order a design is usually built (`today` decides
    what is overdue; the real today by default)."""
    gaps = tuple(g["text"] for g in analyse_spheres(doc).gaps if g["severity"] in SPHERE_SEVERITIES)
    coverage = tuple(f.text for f in analyse_value_chain(doc).findings)
    results = evaluate_all(doc)
    score = overall(results)
    unanswered = sum(r.not_answered for r in results)
    checklists: tuple[str, ...] = ()
    if score.percent is not None and score.percent < 100:
        checklists = (f"The checklists are {score.percent}% complete; {unanswered} questions are not answered yet.",)
    found = (
        Attention("spheres", "Spheres", gaps),
        Attention("value_chain", "Value chain", coverage),
        Attention(
            "theory_of_change", "Theory of change", tuple(f.text for f in analyse_theory_of_change(doc).findings)
        ),
        Attention("monitoring", "Monitoring", attention_lines(monitoring(doc, today or dt.date.today()))),
        Attention("checklists", "Checklists", checklists),
    )
    return [a for a in found if a.findings]
