"""The window's side of file safety: breaking a damaged or far-away lock after a warning, a file
changed by another program at Save (Save As / Overwrite / Reload), and why a file opened read-only."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db.lockfile import lock_path
from db.session import DocumentSession
from tests.db.support import make_doc, read_owner
from ui import dialogs


def _far_lock(path: Path) -> None:
    owner = {"user": "alice", "host": "ministry-pc-7", "pid": 4242, "time": "2026-11-24T09:00:00+00:00"}
    lock_path(path).write_text(json.dumps(owner), encoding="utf-8")


@pytest.fixture
def confirmations(monkeypatch):
    asked: list[str] = []
    answer = {"yes": True}

    def confirm(parent, title, question, detail=""):
        asked.append(question)
        return answer["yes"]

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return asked, answer


def test_a_lock_from_another_computer_can_be_broken_after_a_warning(window, answers, tmp_path, confirmations):
    asked, answer = confirmations
    doc = make_doc(tmp_path / "shared.iipw")
    _far_lock(doc)
    answers.locked = dialogs.Choice.OPEN_ANYWAY
    answer["yes"] = False
    assert not window.open_path(doc)
    assert read_owner(doc)["user"] == "alice"  # said No: untouched
    answer["yes"] = True
    assert window.open_path(doc)
    assert len(asked) == 2 and "anyway" in asked[0]
    assert not window.doc.read_only and read_owner(doc)["pid"] == os.getpid()


def test_a_damaged_lock_is_shown_as_such_and_can_be_opened_anyway(window, tmp_path, monkeypatch, confirmations):
    doc = make_doc(tmp_path / "shared.iipw")
    lock_path(doc).write_bytes(b"")
    seen = []

    def ask_locked(parent, path, locked):
        seen.append(locked)
        return dialogs.Choice.OPEN_ANYWAY

    monkeypatch.setattr(dialogs, "ask_locked", ask_locked)
    assert window.open_path(doc)
    assert seen[0].problem == "it is empty" and seen[0].breakable
    assert read_owner(doc)["pid"] == os.getpid()


def _click_later(text: str, found: list[str]) -> None:
    """Answer the next message box by clicking the button labelled `text`, recording every label."""

    def click():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        found.extend([box.text(), box.informativeText(), *(b.text() for b in box.buttons())])
        next(b for b in box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(
    ("lock", "buttons", "text"),
    [
        (b"", ["Open read-only", "Open a copy", "Open anyway", "Cancel"], "damaged lock file (it is empty)"),
        ("far", ["Open read-only", "Open a copy", "Open anyway (I know it is not open there)", "Cancel"], "alice"),
    ],
)
def test_the_lock_dialog_offers_open_anyway_only_for_breakable_locks(qapp_instance, tmp_path, lock, buttons, text):
    from db.errors import DocumentLocked

    doc = make_doc(tmp_path / "shared.iipw")
    if lock == "far":
        _far_lock(doc)
    else:
        lock_path(doc).write_bytes(lock)
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(doc)
    found: list[str] = []
    _click_later(buttons[2], found)
    assert dialogs.ask_locked(None, doc, info.value) is dialogs.Choice.OPEN_ANYWAY
    assert text in found[0]
    assert sorted(found[2:]) == sorted(buttons)


def test_the_lock_dialog_of_a_live_lock_here_has_no_open_anyway(qapp_instance, tmp_path):
    from db.errors import DocumentLocked

    doc = make_doc(tmp_path / "shared.iipw")
    holder = DocumentSession.open(doc)
    try:
        with pytest.raises(DocumentLocked) as info:
            DocumentSession.open(doc)
        found: list[str] = []
        _click_later("Open read-only", found)
        assert dialogs.ask_locked(None, doc, info.value) is dialogs.Choice.READ_ONLY
        assert sorted(found[2:]) == sorted(["Open read-only", "Open a copy", "Cancel"])
    finally:
        holder.close()


def _change_elsewhere(path: Path, title: str) -> None:
    other = path.with_name("elsewhere.tmp.iipw")
    shutil.copy(path, other)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE project SET title=?", (title,))
    conn.commit()
    conn.close()
    os.replace(other, path)


def _title_on_disk(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT title FROM project").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("choice", ["cancel", "overwrite", "save_as", "reload"])
def test_save_over_a_file_changed_by_another_program_asks_first(window, answers, tmp_path, monkeypatch, choice):
    doc = make_doc(tmp_path / "plan.iipw", "Mine")
    assert window.open_path(doc)
    window.show_section("objectives")
    window.current_view().add()
    assert window.modified
    _change_elsewhere(doc, "Theirs")
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_changed_on_disk", lambda parent, name: asked.append(name) or dialogs.Choice(choice)
    )
    answers.save_path = tmp_path / "mine-too.iipw"
    saved = window.save()
    assert asked == ["plan.iipw"]
    if choice == "cancel":
        assert not saved and window.modified and _title_on_disk(doc) == "Theirs"
    elif choice == "overwrite":
        assert saved and not window.modified and _title_on_disk(doc) == "Mine"
    elif choice == "save_as":
        assert saved and _title_on_disk(doc) == "Theirs"
        assert window.doc.session.path == (tmp_path / "mine-too.iipw").resolve()
    else:
        assert not saved and not window.modified
        assert window.doc.store.load().project.title == "Theirs"
        assert window.doc.store.counts()["objective"] == 0
    assert not answers.errors


def test_the_changed_on_disk_dialog_offers_save_as_overwrite_reload(qapp_instance):
    found: list[str] = []
    _click_later("Overwrite", found)
    assert dialogs.ask_changed_on_disk(None, "plan.iipw") is dialogs.Choice.OVERWRITE
    assert "changed by another program" in found[0]
    assert sorted(found[2:]) == sorted(["Save As…", "Overwrite", "Reload", "Cancel"])


def test_a_read_only_file_opens_read_only_and_the_window_says_why(window, answers, tmp_path):
    doc = make_doc(tmp_path / "plan.iipw")
    doc.chmod(0o444)
    assert window.open_path(doc)
    assert window.doc.read_only
    assert window.status_read_only.text() == "Read-only"
    assert "plan.iipw is read-only" in window.statusBar().currentMessage()
    assert "Save As" in window.status_read_only.toolTip()
    assert not answers.errors
