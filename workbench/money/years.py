"""Financial years: a project sets the month its year starts (April for the UK, January for most)."""

from __future__ import annotations

from datetime import date


def financial_year(day: date, start_month: int = 1) -> int:
    """The financial year a day falls in, named by the calendar year it starts in."""
    if not 1 <= start_month <= 12:
        raise ValueError(f"a year starts in month 1 to 12, not {start_month}")
    return day.year if day.month >= start_month else day.year - 1


def year_label(year: int, start_month: int = 1) -> str:
    """'2026' for a calendar year, '2026-27' for one that starts later in the year."""
    return str(year) if start_month == 1 else f"{year}-{(year + 1) % 100:02d}"
