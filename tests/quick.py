"""What the quick suite (`make test`, IIPW_QUICK_TESTS=1) trims; `make test-all` runs everything."""

from __future__ import annotations

import os

QUICK = os.environ.get("IIPW_QUICK_TESTS") == "1"


def share(n: int, floor: int) -> int:
    """All `n` cases in the full suite, a quarter (never fewer than `floor`) in the quick one."""
    return max(floor, n // 4) if QUICK else n
