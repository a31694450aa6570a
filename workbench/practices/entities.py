"""A practice the user adds to the library: stored in the document, beside the read-only built-in ones.

The built-in library (resources/practices/library.json) is data shipped with the program; a team's
own practices travel with their policy file, so they are an entity kind like any other.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity
from workbench.fields import Choice, attr


class Theme(Choice):
    """The themes of report 001's Content / Process / Organisation framework (same ids as the library)."""

    INTERNATIONAL_CONTEXT = "international_context"
    NATIONAL_OBJECTIVES = "national_objectives"
    INDUSTRIAL_CAPABILITIES = "industrial_capabilities"
    INDUSTRIAL_SCALE_UP = "industrial_scale_up"
    STRUCTURE_AND_METHODS = "structure_and_methods"
    EXPERIMENTATION = "experimentation"
    EVALUATION = "evaluation"
    POLICY_LEARNING = "policy_learning"
    INSTITUTIONAL_ECOSYSTEMS = "institutional_ecosystems"
    REGIONAL_VS_NATIONAL = "regional_vs_national"
    SME_ENGAGEMENT = "sme_engagement"

    @property
    def label(self) -> str:
        return _THEME_LABELS.get(self.value, self.value.replace("_", " ").capitalize())


_THEME_LABELS = {
    "industrial_capabilities": "National industrial capabilities",
    "industrial_scale_up": "Industrial scale-up",
    "regional_vs_national": "Regional vs national priorities",
    "sme_engagement": "SME engagement",
}


@dataclasses.dataclass(kw_only=True, slots=True)
class Practice(Entity):
    KIND: ClassVar[str] = "practice"
    LABEL: ClassVar[str] = "Practice"
    TITLE_FIELD: ClassVar[str] = "title"

    title: str = attr("", label="Title", required=True, max_length=200)
    country: str = attr("", label="Country", required=True, max_length=100)
    theme: str = attr(Theme.STRUCTURE_AND_METHODS.value, label="Theme", kind="choice", choices=Theme, required=True)
    summary: str = attr("", label="What was done", kind="longtext", max_length=4000)
    lesson: str = attr("", label="What to take from it", kind="longtext", max_length=1000)
    source: str = attr("", label="Source", max_length=300, help="Where the practice is described: title and year.")
