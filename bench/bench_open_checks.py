"""The trust boundary's cost: checking the schema and every row of a 10,000-entity document on open,
against opening and loading it in the same run (the checks run inside that open)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_document import build, home, open_and_load  # isolates the app-data folder first
from common import median_time, report

from db import row_guard, schema_guard


def checks(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert not schema_guard.compare(conn).foreign
        assert not row_guard.find_problems(conn)[0]
    finally:
        conn.close()


def main() -> None:
    folder = home / "docs"
    folder.mkdir()
    path = folder / "big.iipw"
    build(path)
    whole = median_time(lambda: open_and_load(path), repeats=7)
    part = median_time(lambda: checks(path), repeats=7)
    report("schema and row checks of 10k entities (ratio: their share of open + load)", part, baseline=whole)


if __name__ == "__main__":
    main()
