"""Helpers for benchmarks: medians of repeated timings, and a uniform way to print figures."""

from __future__ import annotations

import atexit
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def median_time(fn: Callable[[], object], repeats: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


_LIMIT = re.compile(r"(<=?)\s*([\d.]+)\s*(x|ms|s)\b")
_missed: list[str] = []


def missed(target: str, seconds: float, baseline: float | None) -> bool:
    """True when a figure breaks any limit its target states ("<= 2x raw ...", "< 1000 ms", "<= 1.2x ... and < 2 s").

    The target text is what the reader sees, so it is also what is enforced: a target that states no
    limit this can read is an error, never silently passed."""
    limits = _LIMIT.findall(target)
    if not limits:
        raise ValueError(f"benchmark target states no limit: {target!r}")
    for op, number, unit in limits:
        if unit == "x":
            if baseline is None:
                raise ValueError(f"a ratio target needs a baseline measured in the same run: {target!r}")
            value, limit = seconds / baseline, float(number)
        else:
            value, limit = seconds, float(number) / (1000 if unit == "ms" else 1)
        if value > limit or (op == "<" and value == limit):
            return True
    return False


def report(name: str, seconds: float, *, baseline: float | None = None, target: str = "") -> None:
    """Print one figure; a missed target is marked and makes the benchmark's process fail at exit."""
    line = f"{name}: {seconds * 1000:.2f} ms"
    if baseline is not None:
        line += f"  (baseline {baseline * 1000:.2f} ms, ratio {seconds / baseline:.2f}x)"
    if target:
        line += f"  target {target}"
        if missed(target, seconds, baseline):
            line += "  MISSED"
            _missed.append(name)
    print(line, flush=True)


@atexit.register
def _fail_on_missed_targets() -> None:
    if _missed:
        print(f"targets missed: {'; '.join(_missed)}", flush=True)
        sys.stdout.flush()
        os._exit(1)


def isolated_home() -> Path:
    """Benchmarks never touch the user's own app-data folder."""
    home = Path(tempfile.mkdtemp(prefix="iipw-bench-"))
    os.environ["IIP_WORKBENCH_HOME"] = str(home)
    return home
