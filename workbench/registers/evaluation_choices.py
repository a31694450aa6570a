"""The closed lists an evaluation offers (status, type, design, proportionality, publication), read from
resources/evaluation/choices.json with a plain definition of each choice.

The lists are data so that an evaluation team can reword a label or a definition without a code change;
the keys are what documents store, so a key is never renamed. Keys are unique across the lists, so a
stored value names its own label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from workbench.fields import Choice


@dataclass(frozen=True)
class Described:
    key: str
    label: str
    definition: str


@cache
def evaluation_choices() -> dict[str, dict[str, Described]]:
    """Each list by name ("status", "types", "designs", "proportionality", "publication"), in offered order."""
    text = resources.files("resources").joinpath("evaluation", "choices.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lists = {
        name: {e["key"]: Described(e["key"], e["label"], e["definition"]) for e in entries}
        for name, entries in data.items()
        if not name.startswith("_")
    }
    keys = [key for entries in lists.values() for key in entries]
    assert len(keys) == len(set(keys)), "a key appears in two evaluation lists"
    return lists


@cache
def _by_key() -> dict[str, Described]:
    return {key: d for entries in evaluation_choices().values() for key, d in entries.items()}


class DescribedChoice(Choice):
    """A choice whose label and definition come from the data file."""

    @property
    def label(self) -> str:
        return _by_key()[self.value].label

    @property
    def definition(self) -> str:
        return _by_key()[self.value].definition


def _choice(name: str, group: str) -> type[DescribedChoice]:
    members = [(key.upper(), key) for key in evaluation_choices()[group]]
    return DescribedChoice(name, members)  # type: ignore[call-arg,return-value]  # the functional enum API


def definitions(group: str) -> str:
    """'Label: definition' per line, for a field's tooltip."""
    return "\n".join(f"{d.label}: {d.definition}" for d in evaluation_choices()[group].values())


EvaluationStatus = _choice("EvaluationStatus", "status")
EvaluationType = _choice("EvaluationType", "types")
Design = _choice("Design", "designs")
Proportionality = _choice("Proportionality", "proportionality")
Publication = _choice("Publication", "publication")
