"""The closed list of failures a rationale may name, read from resources/theory_of_change/failures.json.

The list and its plain definitions are data so that a policy team can reword a definition without a
code change; the keys are what documents store, so a key is never renamed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from workbench.fields import Choice


@dataclass(frozen=True)
class Failure:
    key: str
    group: str  # "market" or "system"
    group_label: str
    label: str
    definition: str


@cache
def failures() -> dict[str, Failure]:
    """Every failure by key, in the order the register offers them."""
    text = resources.files("resources").joinpath("theory_of_change", "failures.json").read_text(encoding="utf-8")
    data = json.loads(text)
    groups = data["groups"]
    return {
        f["key"]: Failure(f["key"], f["group"], groups[f["group"]], f["label"], f["definition"])
        for f in data["failures"]
    }


# The stored values; labels come from Choice ("market_power" reads "Market power").
FailureKind = Choice("FailureKind", [(key.upper(), key) for key in failures()])  # type: ignore[call-arg]


def described(key: str) -> str:
    """'Coordination (market failure): A project pays only if ...', for tooltips and briefs."""
    f = failures()[key]
    return f"{f.label} ({f.group_label.lower()}): {f.definition}"
