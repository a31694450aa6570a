"""Which rolling backups to keep: the newest per day, week and month, up to a count of each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def backups_to_keep(
    stamps: Iterable[dt.datetime],
    *,
    now: dt.datetime | None = None,
    daily: int = 12,
    weekly: int = 10,
    monthly: int = 9,
) -> set[dt.datetime]:
    """Keep the newest backup of each of the last `daily` days, `weekly` ISO weeks and `monthly`
    months that have backups (grandfather-father-son). The newest backup is always kept.

    Backups stamped after `now` are all kept and rank apart: the clock was set back since they were
    made, and ranking them first would push every new backup out of the windows at once."""
    future = {t for t in stamps if now is not None and t > now}
    ordered = sorted(set(stamps) - future, reverse=True)
    keep: set[dt.datetime] = future | set(ordered[:1])
    for limit, bucket in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for t in ordered:
            b = bucket(t)
            if b not in seen:
                if len(seen) == limit:
                    break
                seen.append(b)
                keep.add(t)
    return keep
