"""Whether an indicator is on track, by one stated rule, and when it is next to be measured.

The straight path runs from the baseline (value and date) to the target (value and date). By the date
of the latest measurement the path expects some share of the way to be covered; the measurement has
covered its own share. The status compares the two (RULE says it in words): a fall counts as progress
when the target is below the baseline. Pure: `today` is given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbench.document import Document
from workbench.monitoring.entities import MONTHS, Indicator, Measurement
from workbench.registers.entities import Objective

ON_TRACK, AT_RISK = 0.9, 0.7
RULE = (
    "On track when the latest measurement has come at least 90% of the way the straight path from baseline "
    "to target expects by its date; at risk from 70% up to 90%; off track below 70%."
)
# Words and a shape for each status, so it never rests on colour alone.
WORDS = {
    "on_track": ("On track", "●"),
    "at_risk": ("At risk", "▲"),
    "off_track": ("Off track", "■"),
    "not_measured": ("Not measured yet", "○"),
    "no_path": ("Cannot be judged", "?"),
}


@dataclass(frozen=True)
class IndicatorStatus:
    indicator_id: str
    name: str
    status: str  # a key of WORDS
    share: float | None  # of the expected way covered (1.0 = exactly on the path)
    latest: Measurement | None
    expected: float | None  # what the path expects by the latest measurement's date
    next_due: str | None  # ISO date the next measurement is due
    overdue: bool

    @property
    def words(self) -> str:
        label, shape = WORDS[self.status]
        return f"{shape} {label}"

    def as_json(self) -> dict:
        return {
            "id": self.indicator_id,
            "name": self.name,
            "status": self.status,
            "share_of_path": None if self.share is None else round(self.share, 3),
            "latest": None if self.latest is None else {"date": self.latest.date, "value": self.latest.value},
            "expected": self.expected,
            "next_due": self.next_due,
            "overdue": self.overdue,
        }


def expected_value(ind: Indicator, on: dt.date) -> float | None:
    """The straight path's value on `on` (the target after the target date); None without a full path."""
    if None in (ind.baseline_value, ind.target_value, ind.baseline_date, ind.target_date):
        return None
    assert ind.baseline_value is not None and ind.target_value is not None
    start, end = _day(ind.baseline_date), _day(ind.target_date)
    span = (end - start).days
    done = 1.0 if span <= 0 else min(1.0, max(0.0, (on - start).days / span))
    return ind.baseline_value + done * (ind.target_value - ind.baseline_value)


def path_points(ind: Indicator) -> list[tuple[str, float]]:
    """The straight path's two ends, (ISO date, value); empty without a full path."""
    if None in (ind.baseline_value, ind.target_value) or not ind.baseline_date or not ind.target_date:
        return []
    assert ind.baseline_value is not None and ind.target_value is not None
    return [(ind.baseline_date, ind.baseline_value), (ind.target_date, ind.target_value)]


def status_of(ind: Indicator, measurements: list[Measurement], today: dt.date) -> IndicatorStatus:
    latest = max(measurements, key=lambda m: m.date, default=None)
    since = latest.date if latest else ind.baseline_date
    next_due = _add_months(_day(since), MONTHS[ind.frequency]).isoformat() if since else None
    overdue = next_due is not None and next_due < today.isoformat()
    expected = expected_value(ind, _day(latest.date)) if latest else None
    share: float | None = None
    if ind.baseline_value is None or ind.target_value is None or not ind.baseline_date or not ind.target_date:
        status = "no_path"
    elif latest is None:
        status = "not_measured"
    else:
        assert expected is not None
        share = _share(ind.baseline_value, expected, latest.value, ind.target_value)
        status = "on_track" if share >= ON_TRACK else "at_risk" if share >= AT_RISK else "off_track"
    return IndicatorStatus(ind.id, ind.name, status, share, latest, expected, next_due, overdue)


def _share(baseline: float, expected: float, actual: float, target: float) -> float:
    """How much of the expected way `actual` has covered; moving the wrong way is below zero."""
    if expected == baseline:  # the path expects nothing yet: holding or moving towards the target is on track
        return 1.0 if (actual - baseline) * (target - baseline) >= 0 else 0.0
    return (actual - baseline) / (expected - baseline)


def indicators_by_objective(doc: Document) -> dict[str, list[Indicator]]:
    """Each objective's indicators: the one place an objective's indicator, baseline and target are held."""
    out: dict[str, list[Indicator]] = {}
    for ind in doc.all(Indicator):
        if ind.objective_id:
            out.setdefault(ind.objective_id, []).append(ind)
    return out


def has_baseline_and_target(ind: Indicator) -> bool:
    return ind.baseline_value is not None and ind.target_value is not None


def unmeasured_objectives(doc: Document) -> list[Objective]:
    """Objectives no indicator measures with both a baseline value and a target value (the checklists and
    the overview both ask this)."""
    measured = indicators_by_objective(doc)
    return [o for o in doc.all(Objective) if not any(has_baseline_and_target(i) for i in measured.get(o.id, []))]


def monitoring(doc: Document, today: dt.date) -> list[IndicatorStatus]:
    by_indicator: dict[str, list[Measurement]] = {}
    for m in doc.all(Measurement):
        by_indicator.setdefault(m.indicator_id, []).append(m)
    indicators = sorted(doc.all(Indicator), key=lambda i: i.name.casefold())
    return [status_of(i, by_indicator.get(i.id, []), today) for i in indicators]


def attention_lines(statuses: list[IndicatorStatus]) -> tuple[str, ...]:
    """What the overview lists: indicators off track or at risk, and measurements overdue."""
    lines = [
        f"{s.words}: '{s.name}' has covered {max(s.share, 0.0):.0%} of the way the path expects."
        for s in statuses
        if s.status in ("off_track", "at_risk") and s.share is not None
    ]
    lines += [
        f"A measurement of '{s.name}' was due on {s.next_due} and is not recorded." for s in statuses if s.overdue
    ]
    return tuple(lines)


def _day(iso: str | None) -> dt.date:
    assert iso is not None
    return dt.date.fromisoformat(iso)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
