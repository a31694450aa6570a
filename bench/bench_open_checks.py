"""The trust boundary's cost: checking the schema and every row of a 10,000-entity document, as opening
does, against raw sqlite3 reading every row, interleaved. The checks read the rows the document is then
loaded from (workbench.bulk_work), so they are most of opening: their share of open + load is printed too."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_document import home, open_and_load, raw_read  # isolates the app-data folder first
from common import build_document, interleaved, report

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
    build_document(path, 10_000)
    timed = interleaved(
        {"whole": lambda: open_and_load(path), "checks": lambda: checks(path), "raw": lambda: raw_read(path)},
        repeats=7,
    )
    share = timed["checks"] / timed["whole"]
    print(f"their share of open + load: {share:.2f} ({timed['whole'] * 1000:.0f} ms)", flush=True)
    report(
        "schema and row checks of 10k entities", timed["checks"], baseline=timed["raw"], target="<= 3x raw sqlite3"
    )

if __name__ == "__main__":
    main()
