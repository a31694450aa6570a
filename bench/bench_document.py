"""Document store: open+load 10,000 entities vs raw sqlite3; one committed edit vs raw UPDATE; save time."""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import isolated_home, median_time, report

home = isolated_home()

from db.session import DocumentSession  # noqa: E402
from db.sqlite_file import apply_pragmas  # noqa: E402
from workbench.ecosystem.entities import Actor, Link  # noqa: E402
from workbench.kinds import KINDS  # noqa: E402
from workbench.spheres.items import Instrument, Item  # noqa: E402


def build(path: Path) -> None:
    rnd = random.Random(1)
    items = [
        Item.create(name=f"Instrument {n}", x=rnd.uniform(-300, 300), y=rnd.uniform(-300, 300)) for n in range(2000)
    ]
    instruments = [Instrument.create(id=i.id, budget=rnd.uniform(1, 500), trl_min=2, trl_max=6) for i in items]
    actors = [Actor.create(name=f"Actor {n}", actor_type="sme", x=float(n), y=0.0) for n in range(3000)]
    links = []
    for _ in range(2989):
        a, b = rnd.sample(actors, 2)
        links.append(Link.create(source_id=a.id, target_id=b.id, weight=rnd.uniform(0.5, 5)))
    session = DocumentSession.new()
    session.store.create([*items, *instruments, *actors, *links])
    session.save_as(path)
    session.close()


def open_and_load(path: Path) -> int:
    session = DocumentSession.open(path, read_only=True)
    try:
        return len(list(session.store.load()))
    finally:
        session.close()


def raw_read(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return sum(len(conn.execute(f"SELECT * FROM {kind}").fetchall()) for kind in KINDS)
    finally:
        conn.close()


def main() -> None:
    folder = home / "docs"
    folder.mkdir()
    path = folder / "big.iipw"
    build(path)
    entities = open_and_load(path)
    assert entities >= 10_000, entities
    print(f"document: {entities} entities, {path.stat().st_size / 1e6:.1f} MB")

    ours = median_time(lambda: open_and_load(path), repeats=7)
    raw = median_time(lambda: raw_read(path), repeats=7)
    report("open + load 10k entities", ours, baseline=raw, target="<= 3x raw sqlite3")

    session = DocumentSession.open(path)
    item = session.store.all("item")[0]
    xs = iter(range(10**6))
    edit = median_time(lambda: session.store.update("item", item.id, {"x": float(next(xs))}), repeats=25)
    raw_copy = folder / "raw.sqlite"
    shutil.copyfile(path, raw_copy)
    conn = sqlite3.connect(raw_copy)
    apply_pragmas(conn)
    raw_edit = median_time(
        lambda: (conn.execute("UPDATE item SET x=? WHERE id=?", (float(next(xs)), item.id)), conn.commit()), repeats=25
    )
    conn.close()
    report("one edit committed to disk", edit, baseline=raw_edit, target="<= 2x raw UPDATE + commit")

    save = median_time(session.save, repeats=5)
    session.close()
    report("save of a 10k-entity document", save)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
