"""The Options view following one typed yearly figure, on a document of 20 options with 40 cost and
benefit lines each over 30 years (24,000 figures). Target: the view updated within one frame (16 ms),
measured from the store's write to the comparison, chart and grid redrawn."""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import isolated_home, median_time, report

OPTIONS, LINES, YEARS = 20, 40, 30


def main() -> None:
    isolated_home()
    from db.session import DocumentSession
    from ui.app import application
    from ui.document import OpenDocument
    from ui.views.options.view import OptionsView
    from workbench.money.budget import budget_types
    from workbench.money.entities import Option, OptionFlow

    app = application()
    session = DocumentSession.new()
    base = session.store.get("project", "project").base_year
    rng = random.Random(3)
    types = [t.key for t in budget_types().values() if t.counts_in_net_cost == "all"]
    options = [Option.create(name=f"Option {n}", position=n, optimism_bias=0.2) for n in range(1, OPTIONS + 1)]
    flows = [
        OptionFlow(
            option_id=o.id,
            flow="cost" if k % 2 else "benefit",
            budget_type=rng.choice(types) if k % 2 else None,
            year=base + y,
            amount=rng.uniform(1e5, 5e6),
        )
        for o in options for k in range(LINES) for y in range(YEARS)
    ]
    session.store.create([*options, *flows])
    doc = OpenDocument(session)
    view = OptionsView(doc)
    view.resize(1366, 768)
    view.show()
    view.choose(options[0].id)
    app.processEvents()
    target = next(f for f in flows if f.option_id == options[0].id)
    amounts = iter(range(1, 10_000))
    session.store.listeners.remove(doc._emit)  # the write is timed apart: the view's part is what is measured

    def write() -> list:
        return session.store.update(OptionFlow.KIND, target.id, {"amount": 1e6 + next(amounts)}).changes

    def follow() -> float:
        changes = write()
        start = time.perf_counter()
        doc._emit(changes)  # what the store tells the window after a write
        app.processEvents()  # the comparison, chart and grid repainted
        return time.perf_counter() - start

    write_only = median_time(write)
    follow()
    seconds = statistics.median(follow() for _ in range(15))
    report(
        f"Options view updated after one typed figure, {OPTIONS} options x {LINES} lines x {YEARS} years",
        seconds,
        target="<= 16 ms",
    )
    report("the store's write of that figure (committed to disk), for scale", write_only)
    view.close()
    doc.close()


if __name__ == "__main__":
    main()
