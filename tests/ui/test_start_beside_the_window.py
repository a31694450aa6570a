"""What start-up does once the window shows runs beside it: the overview's findings, loading the write
machinery (SQLAlchemy) ahead of the first edit, and the checks of every row of a file being opened."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel

import ui.app
import workbench.attention
from db.session import DocumentSession
from tests.db.support import as_received
from workbench.errors import WorkbenchError


def _on_window_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_the_overview_works_out_what_needs_attention_beside_the_window(window, qtbot, monkeypatch):
    threads = []
    real = workbench.attention.needs_attention

    def watched(doc):
        threads.append(_on_window_thread())
        return real(doc)

    monkeypatch.setattr(workbench.attention, "needs_attention", watched)
    window.new_from_sample()
    overview = window.current_view()
    with qtbot.waitSignal(overview.completed, timeout=10_000):
        pass
    assert overview.attention and threads == [False]
    assert "valley of death" in overview.text.toPlainText()


def test_the_write_machinery_loads_beside_the_window_once_the_overview_is_complete(window, qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(ui.app, "warm_up", lambda: seen.append((_on_window_thread(), overview.attention is not None)))
    window.new_from_sample()
    overview = window.current_view()
    assert overview.attention is None
    ui.app.when_ready(window, ui.app.warm_up_beside)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [(False, True)]


def test_after_an_edit_the_overview_reads_the_document_beside_the_window(window, qtbot, monkeypatch):
    import db.snapshot
    from db import operations as ops
    from ui.commands import StoreCommand

    reads = []
    real = db.snapshot.read_snapshot

    def watched(path):
        reads.append(_on_window_thread())
        return real(path)

    monkeypatch.setattr(db.snapshot, "read_snapshot", watched)
    window.new_from_sample()
    overview = window.current_view()
    with qtbot.waitSignal(overview.completed, timeout=10_000):
        pass
    before = len(reads)
    item = next(i for i in window.doc.store.all("item") if i.name)
    with qtbot.waitSignal(overview.completed, timeout=10_000):
        window.doc.run(StoreCommand(ops.delete("item", [item.id]), "Delete"))
    assert len(reads) == before + 1 and not any(reads)
    assert f"{len(window.doc.store.all('item'))} items on the spheres" in overview.text.toPlainText()


def test_opening_checks_every_row_beside_the_window_while_its_event_loop_turns(window, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer

    import db.session

    path = tmp_path / "received.iipw"
    sample = DocumentSession.new(title="Received")
    sample.save_as(path)
    sample.close()
    as_received(path)
    ticked = threading.Event()
    timer = QTimer(window)
    timer.timeout.connect(ticked.set)
    seen = []
    real = db.session.vet

    def watched(conn, name, **how):
        ticked.clear()
        seen.append((_on_window_thread(), ticked.wait(5)))  # the window's timer ticks while the rows are checked
        return real(conn, name, **how)

    monkeypatch.setattr(db.session, "vet", watched)
    timer.start(1)
    assert window.open_path(path)
    timer.stop()
    assert seen == [(False, True)]
    assert window.doc is not None and window.doc.session.path == path.resolve()


def test_a_file_refused_beside_the_window_is_said_in_the_same_sentence(window, answers, tmp_path):
    path = tmp_path / "notes.iipw"
    path.write_text("Not a document at all, though named like one.", encoding="utf-8")
    with pytest.raises(WorkbenchError) as direct:
        DocumentSession.open(path)
    assert not window.open_path(path)
    assert window.doc is None and [e.message for e in answers.errors] == [direct.value.message]
    assert not window.open_progress.isVisible()


def test_while_a_document_opens_the_window_neither_closes_nor_opens_another(window, tmp_path, monkeypatch):
    """The window turns its events while the file is checked: closing it then would leave the session
    being made without a window, and a second open (a file dropped on it) would make two."""
    from PySide6.QtCore import QTimer

    import db.session

    first, second = tmp_path / "first.iipw", tmp_path / "second.iipw"
    for path in (first, second):
        made = DocumentSession.new(title=path.stem)
        made.save_as(path)
        made.close()
        as_received(path)
    tried: list[bool] = []
    real = db.session.vet

    def try_meanwhile() -> None:
        tried.append(window.close())
        tried.append(window.open_path(second))

    def slow(conn, name, **how):
        if not tried:  # the first open only
            done = threading.Event()
            QTimer.singleShot(0, window, lambda: (try_meanwhile(), done.set()))
            done.wait(5)
        return real(conn, name, **how)

    monkeypatch.setattr(db.session, "vet", slow)
    window.show()
    assert window.open_path(first)
    assert tried == [False, False] and window.isVisible()
    assert window.doc is not None and window.doc.session.path == first.resolve()


def test_the_window_builds_its_inspector_once_as_it_opens_a_document(qapp_instance, qtbot, tmp_path, monkeypatch):
    """Built with no document and again with the document, it cost the start a second build of the same hint."""
    from ui.inspector import Inspector
    from ui.main_window import MainWindow

    path = tmp_path / "sample.iipw"
    session = DocumentSession.new(title="Sample")
    session.save_as(path)
    session.close()
    builds = []
    real = Inspector.rebuild
    monkeypatch.setattr(Inspector, "rebuild", lambda inspector: builds.append(inspector.doc) or real(inspector))
    window = MainWindow(path=path)
    qtbot.addWidget(window)
    assert window.doc is not None and builds == [window.doc]
    assert "Nothing selected" in window.inspector.widget().findChild(QLabel, "inspectorHint").text()
    assert window.close_document()
