"""Opening a received file that holds things IIP Workbench did not write: the window asks, and opens a
repaired untitled copy only if the user agrees; the file itself is never changed."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtWidgets import QMessageBox

from db.errors import UntrustedDocument
from db.session import DocumentSession
from tests.db.hostile import HOSTILE, hostile_document, sound_document
from ui import dialogs


@pytest.fixture
def asked_repair(monkeypatch):
    """Answers the repair question with `answer[0]`; records the files asked about."""
    answer = [False]
    asked = []

    def ask(parent, path, err):
        assert isinstance(err, UntrustedDocument)
        asked.append(path.name)
        return answer[0]

    monkeypatch.setattr(dialogs, "ask_repair", ask)
    return answer, asked


@pytest.mark.slow  # a window per hostile document
def test_the_window_offers_a_repaired_copy_of_every_hostile_document(window, answers, asked_repair, tmp_path):
    answer, asked = asked_repair
    sound = sound_document(tmp_path)
    for kind in sorted(HOSTILE):
        path = hostile_document(sound, kind)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        answer[0] = False
        assert not window.open_path(path), kind
        assert window.doc is None and asked[-1] == path.name
        answer[0] = True
        assert window.open_path(path), kind
        assert window.doc.session.path is None and window.doc.session.repairs
        assert window.windowTitle().startswith(f"Repaired copy of {path.stem}")
        assert window.statusBar().currentMessage().startswith("Repaired copy: ")
        assert answers.errors == []
        assert window.close_document()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_repaired_copy_runs_no_trigger_on_the_users_edits(window, answers, asked_repair, tmp_path):
    answer, _ = asked_repair
    answer[0] = True
    path = hostile_document(sound_document(tmp_path), "trigger on update")
    assert window.open_path(path)
    store = window.doc.session.store
    store.update("project", "project", {"title": "Renamed"})
    assert (store.counts()["actor"], store.counts()["link"]) == (30, 47)


def test_the_repair_question_says_what_was_found(qapp_instance, monkeypatch, tmp_path):
    path = hostile_document(sound_document(tmp_path), "trigger on update")
    with pytest.raises(UntrustedDocument) as info:
        DocumentSession.open(path)
    shown = {}

    def exec_(box):
        shown.update(text=box.text(), detail=box.detailedText(), default=box.defaultButton().text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert dialogs.ask_repair(None, path, info.value) is False  # closed without choosing: not opened
    assert shown["text"] == (
        "trigger-on-update.iipw contains things IIP Workbench did not write (1 trigger). "
        "Open a repaired copy without them?"
    )
    assert shown["detail"] == "trigger 'wipe'"
    assert shown["default"] == "Cancel"
