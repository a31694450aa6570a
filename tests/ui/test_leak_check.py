"""The check every GUI test ends with (tests/ui/conftest.py, no_leaks) finds what a test leaves behind."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from db.session import DocumentSession
from tests.ui import leaks
from ui.document import OpenDocument
from ui.views.base import SectionView


def test_a_document_a_view_and_a_working_copy_left_behind_are_named(qapp_instance, app_home):
    before = leaks.alive()
    doc = OpenDocument(DocumentSession.new())
    view = SectionView(doc)
    folder = doc.session.folder.name

    found = leaks.leftovers(app_home, before)

    assert found == ["OpenDocument still alive", "SectionView still alive", f"working copy {folder} left in app data"]
    view.deleteLater()
    doc.close()
    doc.deleteLater()
    del view, doc
    assert leaks.leftovers(app_home, before) == []


def test_a_view_held_a_moment_by_a_timer_due_soon_is_not_called_left_behind(qapp_instance, app_home):
    """Work due a moment later (a debounced analysis) holds its view until it runs: on a busy machine the
    test may end first. It is let run before anything is judged left behind."""
    before = leaks.alive()
    doc = OpenDocument(DocumentSession.new())
    view = SectionView(doc)
    held = [view]
    QTimer.singleShot(300, held.clear)
    view.deleteLater()
    doc.close()
    doc.deleteLater()
    del view, doc
    assert leaks.leftovers(app_home, before) == []
