"""A document whose findings were worked out here (when opened or after a save) shows them at once when it
is opened again the same day, until it is edited (db.known_files, workbench.findings)."""

from __future__ import annotations

import datetime as dt

import workbench.attention
from db import known_files
from db import operations as ops
from ui.commands import StoreCommand


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
