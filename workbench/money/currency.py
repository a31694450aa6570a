"""Currencies and money written as a reader of a submission expects: "£35m", "€420m", "₩1.5tn".

Amounts are held in whole units of the currency (pounds, won); only what is printed is scaled.
Three significant figures at most and no trailing zeros: "£1.2bn", "£1.25bn", "£35m", never
"GBP 35.0 m".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.fields import Choice
from workbench.money.data import money_data

SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))
MINUS = "\u2212"  # a true minus sign: a hyphen looks like a dash in print


@dataclass(frozen=True)
class Currency:
    code: str
    name: str
    symbol: str  # printed before the amount; ends with a space when it is a code ("SEK 35m")
    countries: tuple[str, ...]
    major_threshold: float  # a "major programme" in this currency: the default a new project starts with

    @property
    def label(self) -> str:
        return f"{self.code}: {self.name}"


@functools.cache
def currencies() -> dict[str, Currency]:
    """Every currency a project can count in, by ISO code, in the order the list offers them."""
    out = {}
    for entry in money_data("currencies")["currencies"]:
        out[entry["code"]] = Currency(
            entry["code"], entry["name"], entry["symbol"], tuple(entry["countries"]), float(entry["major_threshold"])
        )
    return out


class _CurrencyChoice(Choice):
    @property
    def label(self) -> str:
        return currencies()[self.value].label


# The list a project's currency is chosen from, in the data file's order.
CurrencyCode: type[Choice] = _CurrencyChoice("CurrencyCode", [(c, c) for c in currencies()])  # type: ignore[call-arg,assignment]


def currency(code: str) -> Currency:
    found = currencies().get(code.strip().upper())
    if found is None:
        raise WorkbenchError(f"{code!r} is not a currency IIP Workbench knows; choose one from the list.")
    return found


def currency_for_country(country: str, default: str = "EUR") -> str:
    """The currency a new project in `country` counts in (the default when the country is not listed)."""
    wanted = country.strip().casefold()
    for c in currencies().values():
        if any(wanted == name.casefold() for name in c.countries):
            return c.code
    return default


def year_start_for_country(country: str) -> int:
    """The month a new project's financial year starts in (April in the UK, Japan and India; else January)."""
    wanted = country.strip().casefold()
    for month, countries in money_data("financial_years")["starts"].items():
        if any(wanted == name.casefold() for name in countries):
            return int(month)
    return 1


def format_money(amount: float, code: str) -> str:
    """`amount` whole units of the currency, scaled and rounded to three significant figures."""
    return format_amount(amount, currency(code).symbol)


def format_amount(amount: float, symbol: str = "") -> str:
    """`amount` scaled and rounded as format_money writes it, without the currency's symbol unless given: for
    a table whose heading names the currency once ("21.1m", not "€21.1m" in every cell)."""
    sign = MINUS if amount < 0 else ""
    size = abs(amount)
    for factor, suffix in SCALES:
        if round(size / factor, _decimals(size / factor)) >= 1:
            return f"{sign}{symbol}{_figure(size / factor)}{suffix}"
    return f"{sign}{symbol}{_figure(size)}"


def _decimals(value: float) -> int:
    """Decimals that keep three significant figures: 1.25, 12.5, 125."""
    return 2 if value < 10 else 1 if value < 100 else 0


def _figure(value: float) -> str:
    rounded = round(value, _decimals(value))
    if rounded >= 1000:  # 999.6 rounds up into the next scale's thousands: print it whole
        return f"{rounded:,.0f}"
    text = f"{rounded:.{_decimals(value)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
