"""The policy project: one per document, with its protective marking."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity
from workbench.fields import Choice, attr


class Marking(Choice):
    """Government Security Classifications used on every page of a brief."""

    OFFICIAL = "official"
    OFFICIAL_SENSITIVE = "official_sensitive"
    SECRET = "secret"
    TOP_SECRET = "top_secret"


PROJECT_ID = "project"


@dataclasses.dataclass(kw_only=True, slots=True)
class Project(Entity):
    KIND: ClassVar[str] = "project"
    LABEL: ClassVar[str] = "Project"
    TITLE_FIELD: ClassVar[str] = "title"

    id: str = PROJECT_ID
    title: str = attr("Untitled policy project", label="Title", required=True, max_length=200)
    department: str = attr("", label="Department", max_length=200)
    country: str = attr("", label="Country", max_length=100)
    author: str = attr("", label="Author", max_length=200)
    version: str = attr("0.1", label="Version", max_length=40)
    marking: str = attr(
        Marking.OFFICIAL.value,
        label="Protective marking",
        kind="choice",
        choices=Marking,
        required=True,
        help="Printed at the top and bottom of every page of a brief.",
    )
    caveat: str = attr(
        "", label="Caveat", max_length=120, help="Optional handling caveat printed after the marking, e.g. COMMERCIAL."
    )
    currency: str = attr("EUR", label="Currency", max_length=8, help="Budgets are in millions of this currency.")
    summary: str = attr("", label="Summary", kind="longtext")

    @property
    def marking_text(self) -> str:
        """The marking as printed: e.g. 'OFFICIAL-SENSITIVE COMMERCIAL'."""
        text = Marking(self.marking).label
        return f"{text} {self.caveat.strip().upper()}".strip() if self.caveat else text
