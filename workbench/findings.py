"""What needs attention, as found: findings by area, and their summary as the overview shows it.

The findings themselves are worked out by workbench.attention (every analysis loads with it); this
module is what holds them, light enough for the window to show a summary kept from an earlier start
(db.known_files) without loading the analyses. A summary keeps the first findings of each area and
counts the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Ref = tuple[str, str]  # (kind, id)
SUMMARY_SHOWN = 4  # findings a summary keeps of each area: as many as the overview lists
# The areas findings come from, in the order a design is usually built (workbench.attention).
AREAS = (
    "spheres",
    "value_chain",
    "ecosystem",
    "objectives",
    "theory_of_change",
    "monitoring",
    "evaluation",
    "checklists",
)


@dataclass(frozen=True)
class Finding:
    text: str
    refs: tuple[Ref, ...] = ()  # the objects it is about (none: the section as a whole)


@dataclass(frozen=True)
class Attention:
    area: str  # the analysis the findings come from (ui.views.overview names the section each opens)
    title: str
    findings: tuple[Finding, ...]
    more: int = 0  # findings left out of a summary after these

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.findings)

    @property
    def total(self) -> int:
        return len(self.findings) + self.more


def summary_data(attention: list[Attention], shown: int = SUMMARY_SHOWN) -> list[dict[str, Any]]:
    """Plain data (JSON's kinds only) of the first `shown` findings of each area, and how many more."""
    return [
        {
            "area": a.area,
            "title": a.title,
            "findings": [{"text": f.text, "refs": [list(r) for r in f.refs]} for f in a.findings[:shown]],
            "more": a.total - min(shown, len(a.findings)),
        }
        for a in attention
    ]


def from_summary_data(data: object) -> list[Attention]:
    """The findings `summary_data` wrote. Raises ValueError on anything else: the data comes from a file,
    and a summary that is not exactly one is not shown."""
    if not isinstance(data, list):
        raise ValueError("not a list of areas")
    return [_area(a) for a in data]


def _area(data: object) -> Attention:
    if not isinstance(data, dict) or set(data) != {"area", "title", "findings", "more"}:
        raise ValueError("not an area of findings")
    area, title, findings, more = data["area"], data["title"], data["findings"], data["more"]
    if area not in AREAS or not isinstance(title, str) or not isinstance(findings, list):
        raise ValueError("an area of findings of the wrong kinds")
    if type(more) is not int or more < 0:
        raise ValueError("a count of findings that is not one")
    return Attention(area, title, tuple(_finding(f) for f in findings), more)


def _finding(data: object) -> Finding:
    if not isinstance(data, dict) or set(data) != {"text", "refs"} or not isinstance(data["text"], str):
        raise ValueError("not a finding")
    refs = data["refs"]
    if not isinstance(refs, list) or not all(
        isinstance(r, list) and len(r) == 2 and all(isinstance(p, str) for p in r) for r in refs
    ):
        raise ValueError("a finding's objects are not (kind, id) pairs")
    return Finding(data["text"], tuple((kind, id_) for kind, id_ in refs))
