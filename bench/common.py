"""Helpers for benchmarks: medians of repeated (and of interleaved) timings, a uniform way to print figures
and their targets, and the check that a cost grows no worse than linearly with the document's size."""

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


def interleaved(
    runs: dict[str, Callable[[], object]],
    repeats: int = 7,
    warmup: int = 1,
    settle: Callable[[], object] = lambda: None,
) -> dict[str, float]:
    """The median seconds of each run, the runs taken in turn (a, b, a, b, ...): a burst of load from
    another program on the machine then slows every contender alike, not whichever ran at that moment.
    `settle`, untimed after each run, waits for what a run left going beside (or it would slow the next)."""
    for _ in range(warmup):
        for fn in runs.values():
            fn()
            settle()
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
            settle()
    return {name: statistics.median(times) for name, times in samples.items()}


def per_entity_growth(costs: dict[int, float]) -> float:
    """How much more one entity costs at the largest size than at the smallest (1.0: linear)."""
    small, large = min(costs), max(costs)
    return (costs[large] / large) / (costs[small] / small)


def report_growth(name: str, costs: dict[int, float], *, factor: float = 2.0) -> None:
    """Print the cost per entity at each size; a cost per entity at the largest size more than `factor`
    times the smallest's (growth worse than linear) is a missed target, as `report` marks one.

    `factor` leaves room for what a larger document honestly costs more per entity (a B-tree one level
    deeper, caches outgrown), never for a quadratic step: 10x the size makes a quadratic cost 10x per entity."""
    if len(costs) < 2:
        raise ValueError(f"growth needs at least two sizes: {name!r}")
    per = ", ".join(f"{size:,}: {seconds / size * 1e6:.2f} µs" for size, seconds in sorted(costs.items()))
    growth = per_entity_growth(costs)
    line = f"{name}, cost per entity ({per}): growth {growth:.2f}x  target <= {factor:g}x (linear or better)"
    if growth > factor:
        line += "  MISSED"
        _missed.append(f"{name} (growth)")
    print(line, flush=True)


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


def build_document(path: Path, n: int) -> Path:
    """Save a document of about `n` entities at `path`: the starter project plus a fifth items (each an
    instrument too), three tenths actors and three tenths links between them (the benches' common sizes)."""
    import random

    from db.session import DocumentSession
    from workbench.ecosystem.entities import Actor, Link
    from workbench.spheres.items import Instrument, Item

    rnd = random.Random(n)
    items = [
        Item.create(name=f"Instrument {k}", x=rnd.uniform(-300, 300), y=rnd.uniform(-300, 300)) for k in range(n // 5)
    ]
    instruments = [Instrument.create(id=i.id, trl_min=2, trl_max=6) for i in items]
    actors = [Actor.create(name=f"Actor {k}", actor_type="sme", x=float(k), y=0.0) for k in range(n * 3 // 10)]
    links = []
    for _ in range(n * 3 // 10):
        a, b = rnd.sample(actors, 2)
        links.append(Link.create(source_id=a.id, target_id=b.id, weight=rnd.uniform(0.5, 5)))
    session = DocumentSession.new()
    try:
        session.store.create([*items, *instruments, *actors, *links])
        return session.save_as(path)
    finally:
        session.close()


def isolated_home() -> Path:
    """Benchmarks never touch the user's own app-data folder."""
    home = Path(tempfile.mkdtemp(prefix="iipw-bench-"))
    os.environ["IIP_WORKBENCH_HOME"] = str(home)
    return home
