"""Work lost by a kill -9 is offered back by the window: text typed into a brief section and an
inspector field and never left (the real main window, in a process of its own, killed two seconds after
the last keystroke), and edits committed before a kill inside a later commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.session import WORKING_FILE, DocumentSession, list_recoverable
from tests.db.support import Child, kill_during_hot_commit
from ui import dialogs
from workbench.briefs.entities import section_id
from workbench.sample import sample_entities

# Types with real key events into the real widgets, never moving the focus (leaving a field would
# store it at once), says so; once the typing pause has stored what is on screen, says that too
# (with how long it took) and waits for the kill.
TYPIST = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from ui.app import application
from ui.main_window import MainWindow

app = application()
window = MainWindow(path=Path(sys.argv[1]))
window.show()
window.show_section("briefs")
QTest.keyClicks(window.current_view().form.text_editors["issue"], "Typed into the issue. ")
window.doc.select([("actor", "actor-min-industry")])
QTest.keyClicks(window.inspector.forms["actor"].editors["notes"], "Typed into the notes. ")
typed = time.monotonic()
print("typed", flush=True)

def stored():
    if window.doc.typing:
        QTimer.singleShot(10, stored)
    else:
        print(f"stored {time.monotonic() - typed:.3f}", flush=True)

stored()
app.exec()
"""


@pytest.mark.slow  # kills a real process
def test_text_typed_but_never_left_is_offered_back_after_a_kill(tmp_path, window, answers):
    session = DocumentSession.new(sample_entities())
    path = session.save_as(tmp_path / "typed.iipw")
    session.close()
    typist = Child(TYPIST, str(path))
    assert typist.read_line(timeout=120) == "typed"
    said, seconds = typist.read_line(timeout=60).split()
    typist.proc.kill()  # the moment the window has stored what it shows
    typist.finish()
    assert said == "stored" and float(seconds) < 30  # the typing pause is 0.8 s; a loaded machine is slower
    (item,) = list_recoverable()
    assert item.origin == Path(path).resolve()
    answers.recover = dialogs.Choice.RECOVER
    window.offer_recovery()  # what the window does at start
    assert answers.asked == ["recover"]
    assert window.doc.session.path == Path(path).resolve()
    issue = window.doc.get("brief_section", section_id("ministerial", "issue"))
    assert issue.text.startswith("Typed into the issue. ")
    assert window.doc.get("actor", "actor-min-industry").notes.startswith("Typed into the notes. ")
    assert window.status_saved.text() == "Unsaved changes"


def test_edits_before_a_kill_inside_a_commit_are_offered_back_by_the_window(tmp_path, window, answers):
    session = DocumentSession.new(sample_entities())
    path = session.save_as(tmp_path / "hot.iipw")
    session.close()
    folder = kill_during_hot_commit(path)
    answers.recover = dialogs.Choice.RECOVER
    window.offer_recovery()
    assert window.doc.session.folder == folder
    assert window.doc.get("actor", "committed").name == "Committed before the crash"
    assert not (folder / (WORKING_FILE + "-journal")).exists()
