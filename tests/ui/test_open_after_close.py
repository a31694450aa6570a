"""Closing a document and opening another in the same window (File ▸ Close, then Open or a recent file)."""

from __future__ import annotations


def test_a_document_opened_after_one_was_closed_shows_its_overview_not_the_welcome_screen(window, answers, tmp_path):
    window.new_from_sample()
    answers.save_path = tmp_path / "sample.iipw"
    assert window.save_as()
    assert window.close_document()
    assert window.current_view() is None  # the welcome screen
    assert window.open_path(tmp_path / "sample.iipw")
    view = window.current_view()
    assert view is not None and view.objectName() == "overview"
    assert window.navigator.currentRow() == 0
