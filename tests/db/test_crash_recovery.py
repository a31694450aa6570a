"""Crash recovery keeps every committed edit: a kill inside a commit, a revision that does not move.

The working copy is judged by what is in it after SQLite has rolled back an interrupted commit;
a folder is tidied away only when its copy is certainly the saved state.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
from pathlib import Path

import pytest

from db import session as session_module
from db.session import WORKING_FILE, DocumentSession, list_recoverable, working_copies_removed
from tests.db.support import Child, dead_pid, kill_during_hot_commit
from workbench.ecosystem.entities import Actor

# A process that has loaded everything once and forks an editor per run: each editor opens the
# document and makes edits, one committed transaction each, reported on stdout once the commit has
# returned, until it is killed. The forking process reaps it and says so.
EDITORS = r"""
import os, sys
from pathlib import Path
from db.session import DocumentSession
from db.store import warm_up
from workbench.ecosystem.entities import Actor

warm_up()
for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        session = DocumentSession.open(Path(sys.argv[1]))
        print(os.getpid(), session.folder, flush=True)
        n = 0
        while True:
            n += 1
            if n % 2:
                session.store.create([Actor.create(id=f"kill-{n}", name=f"Added by edit {n}")])
            else:
                session.store.update("project", "project", {"title": f"Title of edit {n}"})
            sys.stdout.write(f"{n}\n")  # one write: a kill cannot split the line
            sys.stdout.flush()
    os.waitpid(pid, 0)
    print("ended", flush=True)
"""

def test_a_kill_inside_a_commit_keeps_and_offers_the_committed_work(saved_doc):
    folder = kill_during_hot_commit(saved_doc)
    found = list_recoverable()
    assert [r.folder for r in found] == [folder]
    session = DocumentSession.recover(found[0])
    try:
        assert session.store.get("actor", "committed").name == "Committed before the crash"
        assert all(a.name != "Never committed" for a in session.store.all("actor"))  # rolled back
        quick = session.store.conn.execute("PRAGMA quick_check").fetchall()
        assert quick == [("ok",)]
    finally:
        session.close()


def test_a_kill_inside_the_first_commit_after_opening_leaves_the_saved_state(saved_doc):
    """Rolled back, the copy is exactly what was saved: nothing to offer, and it is tidied away."""
    folder = kill_during_hot_commit(saved_doc, "no-edit")
    assert list_recoverable() == []
    assert not folder.exists()


def test_a_working_copy_that_cannot_be_read_is_never_deleted(saved_doc, monkeypatch):
    folder = kill_during_hot_commit(saved_doc)

    def failing(path):
        raise sqlite3.OperationalError("disk I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(session_module, "examine", failing)
        assert list_recoverable() == []
    assert (folder / WORKING_FILE).exists() and (folder / (WORKING_FILE + "-journal")).exists()
    (item,) = list_recoverable()  # once it can be read again, it is offered
    DocumentSession.recover(item).close()


def test_a_damaged_working_copy_is_kept(saved_doc):
    folder = kill_during_hot_commit(saved_doc)
    (folder / (WORKING_FILE + "-journal")).unlink()
    with (folder / WORKING_FILE).open("r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 8000)
    assert list_recoverable() == []
    assert (folder / WORKING_FILE).exists()


PINNED = """
CREATE TRIGGER pin_revision AFTER UPDATE ON meta
BEGIN UPDATE meta SET value = '{revision}' WHERE key = 'revision'; END
"""


def test_edits_that_leave_the_revision_unchanged_are_still_offered(tmp_path):
    session = DocumentSession.new()
    session.store.conn.executescript(PINNED.format(revision=session.store.revision))
    session.save_as(tmp_path / "pinned.iipw")
    revision = session.store.revision
    session.store.create([Actor.create(id="unsaved", name="Made after saving")])
    session.store.update("project", "project", {"title": "Renamed after saving"})
    assert session.store.revision == revision  # the trigger pins it
    assert session.dirty
    session.store.close()
    session.info.pid = dead_pid()
    session.info.write(session.folder)
    (item,) = list_recoverable()
    recovered = DocumentSession.recover(item)
    try:
        assert recovered.store.get("actor", "unsaved") is not None
    finally:
        recovered.close()
        if session.lock:
            session.lock.release()



@pytest.mark.slow
def test_no_committed_edit_is_lost_over_200_kills_at_random_moments(saved_doc):
    rng = random.Random(15)
    kills_with_work = 0
    editors = Child(EDITORS, str(saved_doc), stdin=True)
    try:
        for run in range(200):
            editors.send("go\n")
            pid, folder = editors.read_line().split(" ", 1)
            reported = [] if run % 5 == 0 else [editors.read_line()]  # most runs: once editing has begun
            killer = threading.Timer(rng.uniform(0, 0.3), os.kill, (int(pid), signal.SIGKILL))  # a random moment
            killer.start()
            reported += iter(editors.read_line, "ended")
            killer.join()
            committed = max((int(line) for line in reported), default=0)
            if _recovered_edits(Path(folder), committed, run):
                kills_with_work += 1
    finally:
        editors.finish(kill=True)
    assert kills_with_work >= 160, f"only {kills_with_work} of 200 kills came after a committed edit"


def _recovered_edits(folder: Path, committed: int, run: int) -> bool:
    """Check that the working copy is offered back with all `committed` edits; False if there were none."""
    found = list_recoverable()
    if committed == 0:
        for item in found:  # an interrupted first edit may leave nothing to offer
            DocumentSession.recover(item).close()
        return False
    assert [r.folder for r in found] == [folder], f"run {run}: {committed} committed edits not offered"
    session = DocumentSession.recover(found[0])
    try:
        actors = {a.id for a in session.store.all("actor")}
        lost = [n for n in range(1, committed + 1, 2) if f"kill-{n}" not in actors]
        assert not lost, f"run {run}: edits {lost} lost of {committed}"
        if committed >= 2:
            title = session.store.load().project.title
            assert int(title.rsplit(" ", 1)[1]) >= committed - committed % 2, f"run {run}: rename lost"
    finally:
        session.close()
    working_copies_removed()
    assert not folder.exists()
    return True
