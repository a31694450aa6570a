"""What opening's checks leave behind: the rows they read, handed to the store once; the recent-files
look at a document that never reads a view; the commands in a real process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from db.session import DocumentSession
from tests.db.hostile import hostile_document, sound_document
from tests.db.support import REPO, child_env, run_child


def test_the_first_read_after_open_is_the_checked_rows_and_a_write_drops_them(tmp_path):
    path = sound_document(tmp_path)
    session = DocumentSession.open(path)
    try:
        first = session.store.all("actor")
        assert len(first) == 30
        assert session.store.all("actor") is not first  # handed out once, then read as usual
        assert [a.id for a in session.store.all("actor")] == [a.id for a in first]
    finally:
        session.close()
    session = DocumentSession.open(path)
    try:
        actor = session.store.get("actor", "actor-min-industry")
        session.store.update("actor", actor.id, {"name": "Renamed"})
        assert {a.id: a.name for a in session.store.all("actor")}[actor.id] == "Renamed"
        assert session.store.load().get(type(actor), actor.id).name == "Renamed"
    finally:
        session.close()


def test_the_recent_files_list_never_reads_a_view_in_place_of_the_project(tmp_path):
    """Run in a child process, so that a regression fails on its time limit instead of hanging."""
    sound = sound_document(tmp_path)
    path = hostile_document(sound, "view replacing a table")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE project")
    conn.execute("CREATE VIEW project AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                 "SELECT 'project' AS id, 'x' || i AS title FROM n ORDER BY i DESC")
    conn.commit()
    conn.close()
    code = "import sys; from db.peek import peek; print([getattr(peek(p), 'title', None) for p in sys.argv[1:]])"
    proc = run_child(code, str(sound), str(path), timeout=30)
    assert proc.stdout.strip() == "['Northland Battery Cell Scale-up Programme', None]"


@pytest.mark.slow  # a fresh process
def test_a_real_process_refuses_a_hostile_document_at_once(tmp_path):
    """No hang and no traceback: the view that counts for ever is refused before anything reads it."""
    path = hostile_document(sound_document(tmp_path), "view replacing a table")
    for command in ("info", "check"):
        proc = subprocess.run(
            [sys.executable, "-m", "ui.cli", command, str(path)],
            cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=60, check=False,
        )
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and "view-replacing-a-table.iipw contains things" in proc.stderr
