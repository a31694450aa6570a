"""Helpers for benchmarks: medians of repeated timings, and a uniform way to print figures."""

from __future__ import annotations

import os
import statistics
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


def report(name: str, seconds: float, *, baseline: float | None = None, target: str = "") -> None:
    line = f"{name}: {seconds * 1000:.2f} ms"
    if baseline is not None:
        line += f"  (baseline {baseline * 1000:.2f} ms, ratio {seconds / baseline:.2f}x)"
    if target:
        line += f"  target {target}"
    print(line, flush=True)


def isolated_home() -> Path:
    """Benchmarks never touch the user's own app-data folder."""
    home = Path(tempfile.mkdtemp(prefix="iipw-bench-"))
    os.environ["IIP_WORKBENCH_HOME"] = str(home)
    return home
