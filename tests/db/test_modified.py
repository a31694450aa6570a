""""Modified" has one meaning: the document holds something its file does not. An edit and its undo
cancel out, so a crash after them offers nothing back; an edit that is not undone is offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.session import list_recoverable
from tests.db.support import Child

# Opens the saved document, edits it (and, when asked, undoes the edit with the inverse the store
# returned, as the undo command does), says where its working copy is, then waits to be killed.
EDIT_THEN_WAIT = r"""
import sys
from pathlib import Path
from db import operations as ops
from db.session import DocumentSession

session = DocumentSession.open(Path(sys.argv[1]))
before = session.store.state
done = session.store.apply(ops.update([("project", "project", {"title": "Renamed, then maybe undone"})]))
if sys.argv[2] == "undo":
    session.store.apply(done.inverse, initiator="undo", returns_to=before)
print(session.folder, session.dirty, flush=True)
sys.stdin.read()
"""


def _crash_after(saved_doc: Path, undo: str) -> tuple[Path, str]:
    child = Child(EDIT_THEN_WAIT, str(saved_doc), undo, stdin=True)
    folder, dirty = child.read_line().split(" ")
    child.finish(kill=True)  # SIGKILL: nothing runs on the way out
    return Path(folder), dirty


@pytest.mark.parametrize(("undo", "offered"), [("undo", False), ("keep", True)])
def test_an_edit_and_its_undo_then_a_crash_offers_no_recovery(saved_doc, undo, offered):
    folder, dirty = _crash_after(saved_doc, undo)
    assert dirty == str(offered)  # the session said so before the crash, too
    found = list_recoverable()
    assert [r.folder for r in found] == ([folder] if offered else [])
    assert folder.exists() == offered  # a copy that equals the saved file is tidied away
