"""The policy project: one per document, with its protective marking (workbench.markings)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import ClassVar

from workbench import markings
from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.fields import Choice, attr
from workbench.money.currency import CurrencyCode, currencies, currency_for_country, year_start_for_country


class _MarkingChoice(Choice):
    @property
    def label(self) -> str:
        return markings.label(self.value)


# Every marking the shipped schemes know (those not offered too: an old document keeps its marking).
Marking = _MarkingChoice("Marking", {m.value.upper(): m.value for m in markings.known().values()})  # type: ignore[call-arg]


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
        markings.default_scheme().markings[0].value,
        label="Protective marking",
        kind="choice",
        choices=Marking,
        required=True,
        help="Printed at the top and bottom of every page of a brief.",
    )
    caveat: str = attr(
        "", label="Descriptor", max_length=120,
        help="Optional, with OFFICIAL-SENSITIVE only: COMMERCIAL, PERSONAL or LOCSEN, printed after the marking.",
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
        50e6, label="Major programme from", kind="float", required=True, minimum=0, maximum=1e15, money=True,
        help="Instruments with at least this much public money (in whole units of the currency) are major.",
    )

    @classmethod
    def for_country(cls, country: str, **values: object) -> Project:
        """A new project in `country`: its currency, financial year and major threshold follow the country."""
        return cls.create(**({"country": country} | _country_money(country) | values))

    def following_country(self, country: str) -> dict[str, object]:
        """The money settings that follow a change of country: those still at what the old country gave
        (a currency or threshold the team chose stays as it is)."""
        old, new = _country_money(self.country), _country_money(country)
        return {name: new[name] for name, value in old.items() if getattr(self, name) == value and value != new[name]}

    def check_rules(self) -> None:
        problem = markings.descriptor_problem(self.marking, self.caveat)
        if problem:
            raise ValidationError(self.LABEL, "Descriptor", problem)

    @property
    def marking_text(self) -> str:
        """The marking as printed: e.g. 'OFFICIAL-SENSITIVE COMMERCIAL'."""
        return markings.marking_text(self.marking, self.caveat)

    def with_marking(self, marking: str) -> Project:
        """The project marked `marking` for one brief: an offered marking only, keeping the descriptor
        where the marking takes one."""
        if marking == self.marking:
            return self  # the document's own marking, offered or kept from an old document
        markings.refuse_not_offered(marking)
        keep = markings.descriptor_problem(marking, self.caveat) is None
        return self.changed(marking=marking, caveat=self.caveat if keep else "")

    @property
    def marking_not_handled(self) -> str:
        """A sentence when the document carries a marking the tool does not offer (an old SECRET one)."""
        if not markings.not_offered(self.marking):
            return ""
        return (
            f"This document is marked {markings.label(self.marking)}: IIP Workbench keeps the marking but is "
            "for OFFICIAL information only, so do not add anything more sensitive to it."
        )


def _country_money(country: str) -> dict[str, object]:
    """What a project in `country` counts in by default: currency, financial-year start, major threshold."""
    code = currency_for_country(country)
    return {
        "currency": code,
        "year_start_month": year_start_for_country(country),
        "major_threshold": currencies()[code].major_threshold,
    }
