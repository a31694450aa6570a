"""Lock files beside open documents, recovery of crashed sessions, and rolling backups."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from db import backups
from db.errors import DocumentLocked, ReadOnlyDocument, SaveFailed
from db.lockfile import DocumentLock, is_stale, lock_path
from db.paths import working_dir
from db.session import DocumentSession, discard_recoverable, list_recoverable, working_copies_removed
from tests.db.support import Child, dead_pid, read_owner, run_child, snapshot
from workbench.retention import backups_to_keep
from workbench.spheres.items import Item


def _write_lock(document: Path, **owner) -> Path:
    path = lock_path(document)
    path.write_text(json.dumps(owner), encoding="utf-8")
    return path


# ----- lock files ----------------------------------------------------------------------------


def test_lock_file_is_created_on_open_and_removed_on_close(saved_doc):
    lock = saved_doc.parent / ".~lock.policy.iipw#"
    assert not lock.exists()
    session = DocumentSession.open(saved_doc)
    try:
        assert lock.exists()
        owner = json.loads(lock.read_text(encoding="utf-8"))
        assert set(owner) >= {"user", "host", "pid", "time"}
        assert owner["user"] == getpass.getuser()
        assert owner["host"] == socket.gethostname()
        assert owner["pid"] == os.getpid()
        opened = dt.datetime.fromisoformat(owner["time"])
        assert abs((dt.datetime.now().astimezone() - opened).total_seconds()) < 120
    finally:
        session.close()
    assert not lock.exists()


def test_save_as_moves_the_lock_to_the_new_file(tmp_path, saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        new = session.save_as(tmp_path / "renamed")
        assert new.name == "renamed.iipw"
        assert lock_path(new).exists()
        assert not lock_path(saved_doc).exists()
        assert session.path == new
    finally:
        session.close()
    assert not lock_path(new).exists()


HOLDER = r"""
import sys
from pathlib import Path
from db.session import DocumentSession
session = DocumentSession.open(Path(sys.argv[1]))
print("OPEN", flush=True)
sys.stdin.readline()
session.close()
print("CLOSED", flush=True)
"""


def test_second_opener_is_refused_naming_user_and_host(saved_doc):
    holder = Child(HOLDER, str(saved_doc), stdin=True)
    try:
        assert holder.read_line() == "OPEN"
        owner = read_owner(saved_doc)
        assert owner["pid"] == holder.pid
        before = lock_path(saved_doc).read_bytes()
        with pytest.raises(DocumentLocked) as info:
            DocumentSession.open(saved_doc)
        err = info.value
        assert getpass.getuser() in err.message
        assert socket.gethostname() in err.message
        assert saved_doc.name in err.message
        assert err.owner["pid"] == holder.pid
        assert lock_path(saved_doc).read_bytes() == before  # the holder's lock is untouched

        # Read-only and "open a copy" work anyway, without touching the lock.
        ro = DocumentSession.open(saved_doc, read_only=True)
        copy = DocumentSession.open(saved_doc, as_copy=True)
        try:
            assert ro.lock is None and copy.lock is None
            assert ro.read_only and not copy.read_only
            assert copy.path is None and copy.display_name == "Copy of policy"
            assert snapshot(ro.store.load()) == snapshot(copy.store.load())
            with pytest.raises(ReadOnlyDocument):
                ro.store.update("project", "project", {"title": "No"})
            with pytest.raises(ReadOnlyDocument):
                ro.save()
            copy.store.update("project", "project", {"title": "My copy"})
            with pytest.raises(SaveFailed, match="Save As"):
                copy.save()
        finally:
            ro.close()
            copy.close()
        assert lock_path(saved_doc).read_bytes() == before
        with pytest.raises(DocumentLocked):  # saving over the held file is refused too
            copy2 = DocumentSession.open(saved_doc, as_copy=True)
            try:
                copy2.save_as(saved_doc)
            finally:
                copy2.close()
    finally:
        holder.send("\n")
        closed = holder.read_line()
        holder.finish()
    assert closed == "CLOSED"
    assert holder.returncode == 0
    assert not lock_path(saved_doc).exists()
    DocumentSession.open(saved_doc).close()


def test_lock_naming_a_live_process_is_respected(saved_doc, sleeper):
    _write_lock(saved_doc, user="rkowalski", host=socket.gethostname(), pid=sleeper.pid, time="2026-03-01T09:00:00")
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(saved_doc)
    assert "rkowalski" in info.value.message
    assert socket.gethostname() in info.value.message
    assert "since 1 March 2026 at 09:00" in info.value.message
    DocumentSession.open(saved_doc, read_only=True).close()
    assert read_owner(saved_doc)["pid"] == sleeper.pid


def test_lock_from_another_computer_is_respected_even_with_a_dead_pid(saved_doc):
    _write_lock(saved_doc, user="amira", host="laptop-elsewhere", pid=dead_pid(), time="2026-03-01T09:00:00")
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(saved_doc)
    assert "amira" in info.value.message and "laptop-elsewhere" in info.value.message


def test_unreadable_lock_is_respected_with_a_plain_message(saved_doc):
    lock_path(saved_doc).write_text("{not json", encoding="utf-8")
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(saved_doc)
    assert "damaged lock file" in info.value.message and ".~lock.policy.iipw#" in info.value.message
    assert info.value.breakable  # the window offers Open anyway (see test_locks.py)


def test_stale_lock_of_a_finished_process_is_taken_over(saved_doc):
    pid = dead_pid()
    _write_lock(saved_doc, user="me", host=socket.gethostname(), pid=pid, time="2020-01-01T00:00:00")
    assert is_stale(read_owner(saved_doc))
    session = DocumentSession.open(saved_doc)
    try:
        assert read_owner(saved_doc)["pid"] == os.getpid()
    finally:
        session.close()
    assert not lock_path(saved_doc).exists()


def test_release_leaves_someone_elses_lock_alone(saved_doc, sleeper):
    lock = DocumentLock(saved_doc)
    lock.acquire()
    _write_lock(saved_doc, user="other", host=socket.gethostname(), pid=sleeper.pid, time="t")  # taken over
    lock.release()
    assert read_owner(saved_doc)["pid"] == sleeper.pid


# ----- recovery ------------------------------------------------------------------------------

CRASHER = r"""
import os, sys
from pathlib import Path
from db.session import DocumentSession
from workbench.spheres.items import Item

mode, path = sys.argv[1], Path(sys.argv[2])
if mode == "new":
    session = DocumentSession.new()
    session.store.update("project", "project", {"title": "Battery scale-up"})
    session.store.create([Item.create(id="crash-item", name="Made before the crash")])
elif mode == "open-edit":
    session = DocumentSession.open(path)
    session.store.create([Item.create(id="crash-item", name="Made before the crash")])
    session.store.update("project", "project", {"title": "Battery scale-up"})
elif mode == "open-no-edit":
    session = DocumentSession.open(path)
elif mode == "edit-save":
    session = DocumentSession.open(path)
    session.store.create([Item.create(id="crash-item", name="Saved before the crash")])
    session.save()
elif mode == "close":
    session = DocumentSession.open(path)
    session.store.create([Item.create(id="crash-item", name="Closed cleanly")])
    session.close()
    print(session.folder, flush=True)
    sys.exit(0)
print(session.folder, flush=True)
os._exit(0)  # a crash: no close, no cleanup, the lock file stays
"""


def _crash(mode: str, path: Path | str = "-") -> Path:
    return Path(run_child(CRASHER, mode, str(path)).stdout.strip())


def test_crashed_new_document_is_offered_back_with_its_title():
    folder = _crash("new")
    found = list_recoverable()
    assert [r.folder for r in found] == [folder]
    item = found[0]
    assert item.title == "Battery scale-up"
    assert item.origin is None
    session = DocumentSession.recover(item)
    try:
        assert session.store.get("item", "crash-item").name == "Made before the crash"
        assert session.dirty
        assert session.lock is None
        assert list_recoverable() == []  # now ours
    finally:
        session.close()
    working_copies_removed()
    assert not folder.exists()


def test_crashed_edit_of_a_saved_document_is_recovered_with_its_lock(tmp_path, saved_doc):
    before = saved_doc.read_bytes()
    folder = _crash("open-edit", saved_doc)
    assert read_owner(saved_doc) is not None  # the dead process's lock is still there
    found = list_recoverable()
    assert len(found) == 1 and found[0].folder == folder
    assert found[0].title == "Battery scale-up"
    assert found[0].origin == saved_doc.resolve()
    assert saved_doc.read_bytes() == before  # nothing reached the user's file
    session = DocumentSession.recover(found[0])
    try:
        assert session.path == saved_doc.resolve()
        assert read_owner(saved_doc)["pid"] == os.getpid()  # stale lock taken over
        assert session.store.get("item", "crash-item").name == "Made before the crash"
        session.save()
    finally:
        session.close()
    again = DocumentSession.open(saved_doc)
    try:
        assert again.store.get("item", "crash-item") is not None
        assert again.store.load().project.title == "Battery scale-up"
    finally:
        again.close()


def test_recovered_work_whose_file_is_now_locked_opens_as_a_copy(saved_doc, sleeper):
    _crash("open-edit", saved_doc)
    _write_lock(saved_doc, user="colleague", host=socket.gethostname(), pid=sleeper.pid, time="t")
    (item,) = list_recoverable()
    session = DocumentSession.recover(item)
    try:
        assert session.path is None
        assert session.display_name.startswith("Recovered")
        assert session.store.get("item", "crash-item") is not None
        assert read_owner(saved_doc)["user"] == "colleague"
    finally:
        session.close()


def test_discard_removes_recoverable_work():
    folder = _crash("new")
    (item,) = list_recoverable()
    discard_recoverable(item)
    assert not folder.exists()
    assert list_recoverable() == []


def test_cleanly_closed_session_leaves_nothing_to_recover(saved_doc):
    folder = _crash("close", saved_doc)
    assert not folder.exists()
    assert list_recoverable() == []
    assert not lock_path(saved_doc).exists()
    # In this process too.
    session = DocumentSession.new()
    session.store.create([Item.create(name="Edit")])
    folder = session.folder
    session.close()
    working_copies_removed()  # (removed beside the caller)
    assert not folder.exists()
    assert list_recoverable() == []


def test_close_returns_while_its_working_copy_is_removed_and_recovery_never_offers_it(monkeypatch):
    """Closing leaves the removal of the working copy to a thread, its note removed first: a copy half
    removed (or never, the program killed meanwhile) is never offered back, however unsaved its work."""
    session = DocumentSession.new()
    session.store.create([Item.create(name="Unsaved")])
    folder, go_on, real = session.folder, threading.Event(), shutil.rmtree

    def slow_rmtree(path, *args, **kwargs):
        if Path(path) == folder:
            go_on.wait(2)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", slow_rmtree)
    try:
        session.close()
        assert (folder / "document.sqlite").exists()  # closed, its folder not yet removed
        monkeypatch.setattr("db.session.pid_alive", lambda pid: False)  # as if this program had died
        monkeypatch.setattr("db.session.os.getpid", lambda: -1)
        assert list_recoverable() == []
    finally:
        go_on.set()
    working_copies_removed()
    assert not folder.exists()


@pytest.mark.parametrize("mode", ["open-no-edit", "edit-save"])
def test_working_copy_without_unsaved_edits_is_not_offered(saved_doc, mode):
    folder = _crash(mode, saved_doc)
    assert folder.exists()
    assert list_recoverable() == []
    assert not folder.exists()  # the clean leftover is tidied away


@pytest.mark.parametrize("left", [0, 100, 4096])
def test_a_working_copy_cut_short_before_any_edit_is_not_offered(saved_doc, left):
    """The copy made on opening is not flushed to disk, so a power cut may leave it short. It cannot be
    offered back; an empty one is tidied away, anything else is kept (what is in it cannot be told)."""
    folder = _crash("open-no-edit", saved_doc)
    with (folder / "document.sqlite").open("r+b") as fh:
        fh.truncate(left)
    assert list_recoverable() == []
    assert folder.exists() == (left > 0)


def test_own_and_live_sessions_are_not_offered(saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        session.store.create([Item.create(name="Unsaved, but ours")])
        assert list_recoverable() == []
        assert session.folder.exists()
    finally:
        session.close()
    holder = Child(HOLDER, str(saved_doc), stdin=True)
    try:
        assert holder.read_line() == "OPEN"
        assert list_recoverable() == []  # a running app's working copy is not ours to take
        assert len([p for p in working_dir().iterdir() if p.is_dir()]) == 1
    finally:
        holder.send("\n")
        holder.finish()
    assert holder.returncode == 0


# ----- backups -------------------------------------------------------------------------------


def test_saving_makes_rolling_backups(tmp_path, saved_doc):
    assert len(backups.list_backups(saved_doc)) == 1  # saved_doc's own save
    session = DocumentSession.open(saved_doc)
    try:
        for n in range(3):
            session.store.update("project", "project", {"version": f"v{n}"})
            session.save()
    finally:
        session.close()
    found = backups.list_backups(saved_doc)
    assert found, "no backup was made"
    stamps = [s for s, _ in found]
    assert stamps == sorted(stamps, reverse=True)
    assert set(stamps) == backups_to_keep(stamps)  # already thinned
    newest = found[0][1]
    assert newest.read_bytes() == saved_doc.read_bytes()
    assert newest.parent == backups.folder_for(saved_doc)
    copy = DocumentSession.open(newest, read_only=True)
    try:
        assert copy.store.load().project.version == "v2"
    finally:
        copy.close()


def test_backups_on_different_days_are_all_kept(tmp_path, saved_doc):
    start = dt.datetime(2026, 5, 1, 10)
    made = [backups.make_backup(saved_doc, now=start + dt.timedelta(days=d)) for d in range(5)]
    stamps = {s for s, _ in backups.list_backups(saved_doc)}
    assert {start + dt.timedelta(days=d) for d in range(5)} <= stamps
    assert all(p.exists() for p in made)


def test_thin_keeps_what_the_retention_rule_keeps(tmp_path, saved_doc):
    folder = backups.folder_for(saved_doc)
    for p in folder.iterdir():
        p.unlink()
    start = dt.datetime(2024, 1, 1, 9, 30)
    stamps = [start + dt.timedelta(hours=13 * n) for n in range(1200)]  # ~650 days, some days twice
    for s in stamps:  # links to one whole file: only whole copies count as backups
        os.link(saved_doc, folder / f"save-{s.strftime(backups.STAMP)}.iipw")
    (folder / "notes.txt").write_text("not a backup", encoding="utf-8")
    (folder / "save-garbled.iipw").write_bytes(b"x")
    removed = backups.thin(saved_doc)
    kept = {s for s, _ in backups.list_backups(saved_doc)}
    assert kept == backups_to_keep(stamps)
    assert len(removed) == len(stamps) - len(kept)
    assert max(stamps) in kept
    assert 12 < len(kept) <= 12 + 10 + 9
    assert (folder / "notes.txt").exists() and (folder / "save-garbled.iipw").exists()  # not ours to delete


def test_backup_before_import(tmp_path, saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        session.store.create([Item.create(id="pre-import", name="Unsaved before import")])
        path = session.backup("import")
        assert path.exists() and path.name.startswith("import-")
        assert path in [p for _, p in backups.list_backups(saved_doc)]
    finally:
        session.close()
    copy = DocumentSession.open(path, read_only=True)
    try:
        assert copy.store.get("item", "pre-import") is not None  # the working copy, unsaved edit included
    finally:
        copy.close()


def test_backup_of_an_untitled_document(tmp_path):
    session = DocumentSession.new(title="Untitled")
    try:
        path = session.backup("repair")
        assert path.exists() and path.suffix == ".iipw"
    finally:
        session.close()
    DocumentSession.open(path, read_only=True).close()


def test_backup_folders_differ_per_document_path(tmp_path, saved_doc):
    other = tmp_path / "elsewhere" / saved_doc.name
    other.parent.mkdir()
    shutil.copy(saved_doc, other)
    assert backups.folder_for(other) != backups.folder_for(saved_doc)
    assert backups.folder_for(saved_doc) == backups.folder_for(saved_doc.parent / "." / saved_doc.name)
