"""`make bench` fails when a figure misses the target its line states (read from the same text)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _common():
    spec = importlib.util.spec_from_file_location("bench_common", BENCH / "common.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("target", "seconds", "baseline", "is_missed"),
    [
        ("<= 2x raw UPDATE + commit", 1.9, 1.0, False),
        ("<= 2x raw UPDATE + commit", 2.1, 1.0, True),
        ("< 1000 ms", 0.999, None, False),
        ("< 1000 ms", 1.0, None, True),
        ("<= 16 ms", 0.017, None, True),
        ("<= 1.2x the bare calls and < 2 s", 1.1, 1.0, False),
        ("<= 1.2x the bare calls and < 2 s", 1.3, 1.0, True),
        ("<= 1.2x the bare calls and < 2 s", 2.5, 2.4, True),
    ],
)
def test_a_target_is_read_from_its_text(target, seconds, baseline, is_missed):
    assert _common().missed(target, seconds, baseline) is is_missed


def test_a_target_without_a_limit_or_baseline_is_an_error():
    common = _common()
    with pytest.raises(ValueError):
        common.missed("fast", 1.0, None)
    with pytest.raises(ValueError):
        common.missed("<= 2x raw", 1.0, None)


def test_a_missed_target_fails_the_benchmark_process():
    script = (
        f"import sys; sys.path.insert(0, {str(BENCH)!r}); "
        "from common import report; report('x', 2.0, target='<= 1 s')"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "MISSED" in run.stdout and "targets missed: x" in run.stdout


def test_a_cost_per_entity_that_grows_with_size_fails_the_benchmark_process():
    script = (
        f"import sys; sys.path.insert(0, {str(BENCH)!r}); "
        "from common import report_growth; "
        "report_growth('linear', {1_000: 0.01, 10_000: 0.1, 100_000: 1.2}); "
        "report_growth('quadratic', {1_000: 0.01, 10_000: 1.0, 100_000: 100.0})"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    linear, quadratic = run.stdout.splitlines()[:2]
    assert "growth 1.20x" in linear and "MISSED" not in linear
    assert "growth 100.00x" in quadratic and "MISSED" in quadratic
    assert "targets missed: quadratic (growth)" in run.stdout


def test_interleaved_runs_take_turns_and_give_each_its_median():
    order: list[str] = []
    medians = _common().interleaved({"a": lambda: order.append("a"), "b": lambda: order.append("b")}, repeats=3)
    assert order == ["a", "b"] * 4  # one warm-up round, then three
    assert set(medians) == {"a", "b"} and all(m >= 0 for m in medians.values())
