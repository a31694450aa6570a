"""Text typed into a brief section and an inspector field, never left, is offered back after a kill -9
two seconds after the last keystroke: the real main window, in a process of its own."""

from __future__ import annotations

import threading
from pathlib import Path

from db.session import DocumentSession, list_recoverable
from tests.db.support import Child
from workbench.briefs.entities import section_id
from workbench.sample import sample_entities

# Types with real key events into the real widgets, never moving the focus (leaving a field would
# store it at once), says so, and waits for the kill.
TYPIST = r"""
import sys
from pathlib import Path
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
print("typed", flush=True)
app.exec()
"""


def test_text_typed_but_never_left_is_offered_back_after_a_kill(tmp_path):
    session = DocumentSession.new(sample_entities())
    path = session.save_as(tmp_path / "typed.iipw")
    session.close()
    typist = Child(TYPIST, str(path))
    assert typist.read_line(timeout=120) == "typed"
    killer = threading.Timer(2.0, typist.proc.kill)  # two seconds after the last keystroke
    killer.start()
    typist.finish()
    killer.join()
    (item,) = list_recoverable()
    assert item.origin == Path(path).resolve()
    recovered = DocumentSession.recover(item)
    try:
        issue = recovered.store.get("brief_section", section_id("ministerial", "issue"))
        assert issue.text.startswith("Typed into the issue. ")
        assert recovered.store.get("actor", "actor-min-industry").notes.startswith("Typed into the notes. ")
    finally:
        recovered.close()
