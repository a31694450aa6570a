"""CSV import of links (read the untrusted file, validate every row, back the document up, write it in one
transaction) against Python's csv module reading the same file plus one bare sqlite3 executemany of its
rows into a table of the same schema, in one transaction; interleaved, at 1k, 10k, 50k and 100k links
(a fifth as many actors in the document), with the growth of the cost per link checked."""

from __future__ import annotations

import csv
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import isolated_home, report, report_growth

home = isolated_home()

from db.importing import import_files  # noqa: E402
from db.session import WORKING_FILE, DocumentSession  # noqa: E402
from workbench.ecosystem.entities import Actor, ActorType, Link, LinkType  # noqa: E402
from workbench.interchange.csv_io import write_csv  # noqa: E402
from workbench.sample import starter_entities  # noqa: E402

SIZES = (1_000, 10_000, 50_000, 100_000)
GROWTH = 2.0


def ecosystem(n_links: int) -> tuple[list[Actor], list[Link]]:
    rnd = random.Random(n_links)
    n_actors = max(n_links // 5, 2)
    kinds = [t.value for t in ActorType]
    actors = [Actor(id=f"a{n}", name=f"Actor {n}", actor_type=rnd.choice(kinds)) for n in range(n_actors)]
    links = []
    for n in range(n_links):
        a, b = rnd.sample(range(n_actors), 2)
        kind = rnd.choice(list(LinkType)).value
        links.append(Link(id=f"l{n}", source_id=f"a{a}", target_id=f"a{b}", link_type=kind, weight=rnd.uniform(0.5, 5)))
    return actors, links


def link_table_sql(session: DocumentSession) -> list[str]:
    """The document's own link table and its indexes, for the baseline to insert into the same shape."""
    conn = sqlite3.connect(session.folder / WORKING_FILE)
    try:
        return [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'link' AND sql IS NOT NULL")]
    finally:
        conn.close()


def measure(folder: Path, n: int) -> float:
    actors, links = ecosystem(n)
    path = folder / f"links-{n}.csv"
    path.write_bytes(write_csv(links, "link"))
    entities = [*starter_entities(), *actors]
    probe = DocumentSession.new(entities)
    schema = link_table_sql(probe)
    probe.close()
    raw_db = folder / "raw.sqlite"

    def ours() -> float:
        session = DocumentSession.new(entities)
        try:
            start = time.perf_counter()
            plan = import_files(session, [path])
            seconds = time.perf_counter() - start
            assert plan.new.get("link") == n, plan.summary()
            return seconds
        finally:
            session.close()

    def raw() -> float:
        raw_db.unlink(missing_ok=True)
        conn = sqlite3.connect(raw_db)
        for sql in schema:
            conn.execute(sql)
        conn.commit()
        start = time.perf_counter()
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))[1:]
        marks = ", ".join("?" * len(rows[0]))
        conn.executemany(f"INSERT INTO link VALUES ({marks})", rows)
        conn.commit()
        seconds = time.perf_counter() - start
        conn.close()
        return seconds

    ours(), raw()  # warm the file cache and the imports
    rounds = 3 if n >= 50_000 else 7
    timings = [(ours(), raw()) for _ in range(rounds)]  # interleaved: machine noise hits both alike
    mine, base = statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)
    report(f"CSV import of {n:,} links", mine, baseline=base, target="<= 2x csv module + bare sqlite3 insert")
    return mine


def main() -> None:
    folder = home / "import"
    folder.mkdir()
    costs = {n: measure(folder, n) for n in SIZES}
    report_growth("CSV import", costs, factor=GROWTH)


if __name__ == "__main__":
    main()
