"""The document named on the command line is checked while the window loads, and the window takes that
check rather than making another (ui.opening_ahead)."""

from __future__ import annotations

import json
import threading

import db.session
from db.lockfile import lock_path
from db.paths import working_dir
from tests.db.support import make_doc
from ui import dialogs, opening_ahead


def _checks(monkeypatch) -> list[str]:
    """The thread of every check of a document."""
    threads: list[str] = []
    real = db.session.DocumentSession.check

    def watched(path, **how):
        threads.append(threading.current_thread().name)
        return real(path, **how)

    monkeypatch.setattr(db.session.DocumentSession, "check", staticmethod(watched))
    return threads


def test_the_window_takes_the_check_begun_before_it_loaded(window, tmp_path, monkeypatch):
    path = make_doc(tmp_path / "named.iipw")
    threads = _checks(monkeypatch)
    opening_ahead.begin(path)
    assert window.open_path(path)
    assert threads == ["opening-ahead"] and window.doc.session.path == path.resolve()
    assert opening_ahead.take(path) is None  # taken once


def test_a_file_locked_by_someone_else_is_asked_about_as_when_opened_from_the_window(window, answers, tmp_path):
    path = make_doc(tmp_path / "shared.iipw")
    owner = {"user": "alice", "host": "ministry-pc-7", "pid": 4242, "time": "2026-11-24T09:00:00+00:00"}
    lock_path(path).write_text(json.dumps(owner), encoding="utf-8")
    opening_ahead.begin(path)
    answers.locked = dialogs.Choice.READ_ONLY
    assert window.open_path(path)
    assert answers.asked == ["locked"] and window.doc.read_only


def test_a_check_the_window_never_took_leaves_no_lock_nor_working_copy(tmp_path):
    path = make_doc(tmp_path / "never.iipw")
    opening_ahead.begin(path)
    opening_ahead._let_go()  # as the program ends
    assert not lock_path(path).exists() and list(working_dir().iterdir()) == []
    assert opening_ahead.take(path) is None  # let go of once
