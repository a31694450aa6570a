"""What the quick suite (`make test`, IIPW_QUICK_TESTS=1) trims; `make test-all` runs everything."""

from __future__ import annotations

import os

QUICK = os.environ.get("IIPW_QUICK_TESTS") == "1"


def share(n: int, floor: int) -> int:
    """All `n` cases in the full suite, a quarter (never fewer than `floor`) in the quick one."""
    return max(floor, n // 4) if QUICK else n


def spread(cases: list, floor: int = 2) -> list:
    """Every case in the full suite; in the quick one, `share` of them spread evenly from first to last
    (the same ones each run, so a failure repeats)."""
    keep = share(len(cases), floor)
    if keep >= len(cases):
        return list(cases)
    return [cases[round(i * (len(cases) - 1) / (keep - 1))] for i in range(keep)] if keep > 1 else [cases[0]]
