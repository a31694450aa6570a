"""A document whose findings were worked out here (when opened or after a save) shows them at once when it
is opened again the same day, until it is edited (db.known_files, workbench.findings)."""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QTimer

import workbench.attention
from db import known_files
from db import operations as ops
from db.session import DocumentSession
from ui.commands import StoreCommand
from workbench.findings import summary_data
from workbench.sample import sample_entities


def test_a_document_saved_here_shows_its_findings_at_once_when_opened_again(
    window, answers, qtbot, tmp_path, monkeypatch
):
    worked_out = []
    real = workbench.attention.needs_attention
    monkeypatch.setattr(workbench.attention, "needs_attention", lambda doc: worked_out.append(doc) or real(doc))
    window.new_from_sample()
    with qtbot.waitSignal(window.current_view().completed, timeout=10_000):
        pass
    shown = window.current_view().text.toPlainText()
    answers.save_path = tmp_path / "sample.iipw"
    assert window.save_as()
    digest = window.doc.session.file_digest
    qtbot.waitUntil(lambda: known_files.recall(digest, dt.date.today()) != known_files.Known(None), timeout=10_000)
    assert len(worked_out) == 2  # the new document's, and the saved file's beside the window
    assert window.close_document()

    assert window.open_path(tmp_path / "sample.iipw")
    overview = window.current_view()
    qtbot.waitUntil(lambda: overview.attention is not None, timeout=5_000)
    assert len(worked_out) == 2 and overview.text.toPlainText() == shown
    assert "… and" in shown  # the summary kept counts the findings it does not list

    with qtbot.waitSignal(overview.completed, timeout=10_000):  # once edited, they are worked out again
        item = next(i for i in window.doc.store.all("item") if i.name)
        window.doc.run(StoreCommand(ops.delete("item", [item.id]), "Delete"))
    assert len(worked_out) == 3


def _saved_elsewhere(path):
    """The sample, saved by the command line (no window worked out its findings)."""
    session = DocumentSession.new(sample_entities(), title="Sample")
    session.save_as(path)
    session.close()
    return path


def test_a_known_file_s_first_look_keeps_its_findings_for_the_next_opening(window, qtbot, tmp_path):
    path = _saved_elsewhere(tmp_path / "sample.iipw")
    digest = known_files.digest_of(path)
    assert known_files.recall(digest, dt.date.today()) == known_files.Known(None)
    assert window.open_path(path)
    with qtbot.waitSignal(window.current_view().completed, timeout=10_000):
        pass
    kept = known_files.recall(digest, dt.date.today())
    assert kept is not None and kept.findings == summary_data(window.current_view().attention)


def test_findings_worked_out_while_an_edit_was_made_are_not_kept_for_the_file(window, qtbot, tmp_path, monkeypatch):
    import db.snapshot

    path = _saved_elsewhere(tmp_path / "sample.iipw")
    real = db.snapshot.read_snapshot

    def edited_meanwhile(at):
        done = threading.Event()

        def edit() -> None:
            item = next(i for i in window.doc.store.all("item") if i.name)
            window.doc.run(StoreCommand(ops.update([("item", item.id, {"name": "Renamed"})]), "Rename"))
            window.doc.undo_stack.undo()  # back to what the file holds, but written twice meanwhile
            done.set()

        QTimer.singleShot(0, window, edit)
        done.wait(5)
        return real(at)

    monkeypatch.setattr(db.snapshot, "read_snapshot", edited_meanwhile)
    assert window.open_path(path)
    with qtbot.waitSignal(window.current_view().completed, timeout=10_000):
        pass
    assert not window.doc.session.dirty
    assert known_files.recall(known_files.digest_of(path), dt.date.today()) == known_files.Known(None)


def test_findings_worked_out_as_their_document_closes_are_let_go(window, qtbot, tmp_path, monkeypatch):
    """Their end is on its way to the window's thread when the document closes: nothing is asked of it then."""
    path = _saved_elsewhere(tmp_path / "sample.iipw")
    go, finished = threading.Event(), threading.Event()
    real = workbench.attention.needs_attention

    def watched(doc):
        go.wait(5)
        try:
            return real(doc)
        finally:
            finished.set()

    monkeypatch.setattr(workbench.attention, "needs_attention", watched)
    assert window.open_path(path)
    overview = window.current_view()
    qtbot.waitUntil(lambda: overview._looking is not None, timeout=5_000)
    go.set()
    assert finished.wait(5)  # the window's thread has not turned since: the end is not delivered yet
    assert window.close_document()
    qtbot.wait(50)  # delivered now: nothing raised on the window's thread (pytest-qt fails the test if so)
    assert overview.attention is None
    assert known_files.recall(known_files.digest_of(path), dt.date.today()) == known_files.Known(None)
