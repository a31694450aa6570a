"""How values read in a brief: dates in words, choices by their labels (money: BriefContext.money)."""

from __future__ import annotations

import datetime as dt

from workbench.fields import Choice

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DASH = "–"


def long_date(day: dt.date | str | None) -> str:
    """'2026-03-05' -> '5 March 2026' (the form a private office writes; never locale-dependent)."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: str | None) -> str:
    """'2026-09-30' -> '30 Sep 2026', for table cells."""
    if not day:
        return DASH
    d = dt.date.fromisoformat(day)
    return f"{d.day} {_MONTHS[d.month - 1][:3]} {d.year}"


def choice_label(choices: type[Choice], value: str | None) -> str:
    if not value:
        return DASH
    try:
        return choices(value).label
    except ValueError:
        return value


def span(low: object, high: object) -> str:
    """A range such as TRL 3-7, with one end or none given."""
    if low is None and high is None:
        return DASH
    if low is None or high is None or low == high:
        return str(high if low is None else low)
    return f"{low}{DASH}{high}"
