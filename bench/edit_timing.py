"""One edit as a user waits for it, against the least any edit can cost.

The edit is timed from the gesture's command to the views updated: the store's write and commit, the
change followed by every view on screen, and the window's pending events processed (the repaint of
what changed). The baseline is a raw SQLite UPDATE of one row and its commit, in a table of as many
rows, in the same folder as the working copy and with the document's pragmas, so the disk's own cost
shows in both. The two are run interleaved and compared by their medians.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from common import report

from db.paths import working_dir
from db.sqlite_file import CONNECTION_PRAGMAS

OWN_MS = 5.0  # the goal for one edit, when a raw SQLite edit costs about 1 ms
GROWTH = 2.0  # flat with size: the largest document's edit may cost at most twice the smallest's


class RawEdit:
    """UPDATE one row of `rows` and commit, with the document's pragmas, in the working copies' folder."""

    def __init__(self, rows: int):
        folder = working_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = Path(folder) / f"raw-baseline-{rows}.sqlite"
        self.path.unlink(missing_ok=True)
        self.con = sqlite3.connect(self.path)
        for pragma in CONNECTION_PRAGMAS:
            self.con.execute(pragma)
        self.con.execute("CREATE TABLE item (id TEXT PRIMARY KEY, name TEXT, x REAL, y REAL)")
        self.con.executemany(
            "INSERT INTO item VALUES (?, ?, ?, ?)", ((f"item-{n}", f"Item {n}", n * 1.0, n * 2.0) for n in range(rows))
        )
        self.con.commit()
        self.rows = rows

    def __call__(self, n: int) -> None:
        self.con.execute("UPDATE item SET x = ? WHERE id = ?", (n * 0.5, f"item-{n * 7919 % self.rows}"))
        self.con.commit()

    def close(self) -> None:
        self.con.close()
        self.path.unlink(missing_ok=True)


def interleaved(
    edit: Callable[[int], None],
    baseline: Callable[[int], None],
    repeats: int = 15,
    settle: Callable[[], None] | None = None,
) -> tuple[float, float]:
    """Medians of `edit` and `baseline` run turn about; `settle` (untimed) lets work a moment after an
    edit finish (an analysis beside the window) so one edit's tail never lands in the next one's time."""
    edits, bases = [], []
    for n in range(repeats + 2):
        start = time.perf_counter()
        baseline(n)
        middle = time.perf_counter()
        edit(n)
        end = time.perf_counter()
        if settle is not None:
            settle()
        if n >= 2:  # the first two warm up
            bases.append(middle - start)
            edits.append(end - middle)
    return statistics.median(edits), statistics.median(bases)


def report_edits(what: str, figures: dict[int, tuple[float, float]]) -> None:
    """Per size: the edit against the raw edit, and its own share (less the raw edit) against the issue's
    5 ms; then how the edit grows from the smallest document to the largest (flat: at most 2x)."""
    for size, (edit, raw) in figures.items():
        report(f"{what}, {size:,} items: gesture to views updated", edit, baseline=raw)
        report(
            f"{what}, {size:,} items: the app's own share (less the raw SQLite edit)",
            max(edit - raw, 0.0),
            target=f"<= {OWN_MS:g} ms",
        )
    sizes = sorted(figures)
    small, large = sizes[0], sizes[-1]
    report(
        f"{what}: growth from {small:,} to {large:,} items (edit at {large:,} over edit at {small:,})",
        figures[large][0],
        baseline=figures[small][0],
        target=f"<= {GROWTH:g}x",
    )
