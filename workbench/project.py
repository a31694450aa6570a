"""The policy project: one per document, with its protective marking."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import ClassVar

from workbench.entity import Entity
from workbench.fields import Choice, attr
from workbench.money.currency import CurrencyCode, currencies, currency_for_country, year_start_for_country


class Marking(Choice):
    """Government Security Classifications used on every page of a brief."""

    OFFICIAL = "official"
    OFFICIAL_SENSITIVE = "official_sensitive"
    SECRET = "secret"
    TOP_SECRET = "top_secret"


PROJECT_ID = "project"
_THIS_YEAR = date.today().year


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
    currency: str = attr(
        "EUR", label="Currency", kind="choice", choices=CurrencyCode, required=True,
        help="Every amount in the project is in this currency, in whole units.",
    )
    summary: str = attr("", label="Summary", kind="longtext")
    year_start_month: int = attr(
        1, label="Financial year starts (month)", kind="int", required=True, minimum=1, maximum=12,
        help="1 is January; 4 is April, as in the UK. A financial year is named by the year it starts in.",
    )
    base_year: int = attr(
        _THIS_YEAR, label="Base year", kind="int", required=True, minimum=1900, maximum=2200,
        help="The financial year the options appraisal discounts to (year 0).",
    )
    major_threshold: float = attr(
        50e6, label="Major programme from", kind="float", required=True, minimum=0, maximum=1e15,
        help="Instruments with at least this much public money (in whole units of the currency) are major.",
    )

    @classmethod
    def for_country(cls, country: str, **values: object) -> Project:
        """A new project in `country`: its currency, financial year and major threshold follow the country."""
        code = currency_for_country(country)
        defaults = {
            "country": country,
            "currency": code,
            "year_start_month": year_start_for_country(country),
            "major_threshold": currencies()[code].major_threshold,
        }
        return cls.create(**(defaults | values))

    @property
    def marking_text(self) -> str:
        """The marking as printed: e.g. 'OFFICIAL-SENSITIVE COMMERCIAL'."""
        text = Marking(self.marking).label
        return f"{text} {self.caveat.strip().upper()}".strip() if self.caveat else text
