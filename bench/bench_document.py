"""Document store at 1k, 10k and 100k entities: open + load vs raw sqlite3, save vs SQLite's backup API
alone, and one committed edit vs a raw UPDATE; each against its baseline in interleaved runs, and the
cost per entity of opening and saving must not grow worse than linearly with the size."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import build_document, interleaved, isolated_home, median_time, report, report_growth

home = isolated_home()

from db.session import WORKING_FILE, DocumentSession  # noqa: E402
from db.sqlite_file import apply_pragmas  # noqa: E402
from workbench.kinds import KINDS  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
GROWTH = 2.0  # per-entity cost at 100k over 1k; a quadratic step would be 100x


def open_and_load(path: Path, *, whole: bool = True) -> int:
    """Open and read every entity: a file checked whole (as a received one is), or one known (db.known_files)."""
    session = DocumentSession.open(path, read_only=True, check_whole=whole)
    try:
        return sum(len(of_kind) for of_kind in session.store.load().entities.values())
    finally:
        session.close()


def raw_read(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return sum(len(conn.execute(f"SELECT * FROM {kind}").fetchall()) for kind in KINDS)
    finally:
        conn.close()


def backup_alone(source: Path, target: Path) -> None:
    """SQLite's backup API copying the working file to a new file (synchronous=FULL, as SQLite defaults)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
        target.unlink()


def measure(folder: Path, n: int) -> tuple[float, float]:
    """Open + load and save of an `n`-entity document, each reported against its baseline."""
    path = folder / f"doc-{n}.iipw"
    build_document(path, n)
    count = open_and_load(path)
    label = f"{n // 1000}k"
    print(f"document of {label}: {count} entities, {path.stat().st_size / 1e6:.1f} MB", flush=True)
    repeats = 5 if n >= 100_000 else 9
    opened = interleaved(
        {
            "ours": lambda: open_and_load(path),
            "known": lambda: open_and_load(path, whole=False),
            "raw": lambda: raw_read(path),
        },
        repeats=repeats,
    )
    report(f"open + load {label} entities", opened["ours"], baseline=opened["raw"], target="<= 3x raw sqlite3")
    known = opened["known"]
    print(f"  the same, a file known to have passed its checks: {known * 1000:.2f} ms ({known / opened['raw']:.2f}x)")

    session = DocumentSession.open(path)
    session.store.update("project", "project", {"title": "Saved again"})  # the working copy as after an edit
    copy = folder / "backup-api.sqlite"
    saved = interleaved(
        {"ours": session.save, "backup": lambda: backup_alone(session.folder / WORKING_FILE, copy)},
        repeats=repeats,
        settle=session.backups_named,  # a save names its backup beside, after the file is in place
    )
    session.close()
    report(
        f"save of a {label}-entity document", saved["ours"], baseline=saved["backup"], target="<= 2x SQLite backup API"
    )
    return opened["ours"], saved["ours"]


def one_edit(folder: Path) -> None:
    path = folder / "doc-10000.iipw"
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
    session.close()
    report("one edit committed to disk (10k)", edit, baseline=raw_edit, target="<= 2x raw UPDATE + commit")


def main() -> None:
    folder = home / "docs"
    folder.mkdir()
    opens, saves = {}, {}
    for n in SIZES:
        opens[n], saves[n] = measure(folder, n)
    report_growth("open + load", opens, factor=GROWTH)
    report_growth("save", saves, factor=GROWTH)
    one_edit(folder)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
