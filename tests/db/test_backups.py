"""Rolling backups: a copy cut short is never listed as a backup, and a clock set back does not
make thinning delete the new backups."""

from __future__ import annotations

import datetime as dt
import errno
import threading

import pytest

import db.atomic_save as atomic_save
from db import backups
from db.errors import DocumentError, SaveFailed
from db.session import WORKING_FILE, DocumentSession
from tests.db.support import run_child
from workbench.ecosystem.entities import Actor
from workbench.retention import backups_to_keep
from workbench.spheres.items import Item


def _grow(saved_doc) -> None:
    session = DocumentSession.open(saved_doc)
    try:
        session.store.create([Item.create(id=f"big{n}", name="x" * 150, description="y" * 400) for n in range(300)])
        session.save()
    finally:
        session.close()


FULL_DISK_CHILD = r"""
import datetime as dt, resource, signal, sys
from pathlib import Path
from db import backups
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of being killed
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))  # the disk fills up at 64 KB
try:
    backups.make_backup(Path(sys.argv[1]), now=dt.datetime.now() + dt.timedelta(seconds=5))
except OSError as err:
    print("FAILED", err.errno, flush=True)
"""


def test_a_backup_cut_short_by_a_full_disk_is_not_listed(saved_doc):
    _grow(saved_doc)
    assert saved_doc.stat().st_size > 128 * 1024
    listed = backups.list_backups(saved_doc)
    assert run_child(FULL_DISK_CHILD, str(saved_doc)).stdout.split() == ["FAILED", str(errno.EFBIG)]
    assert backups.list_backups(saved_doc) == listed
    assert sorted(p.name for p in backups.folder_for(saved_doc).iterdir()) == sorted(p.name for _, p in listed)


def test_a_save_whose_backup_fails_is_still_a_save(saved_doc, monkeypatch):
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Saved even so"})
        monkeypatch.setattr(backups, "is_whole", lambda path: False)  # every backup copy comes out short
        session.save()
        assert not session.dirty
    finally:
        session.close()


def test_a_cut_short_backup_left_by_an_older_version_is_not_offered(saved_doc):
    _grow(saved_doc)
    (_, whole), *_ = backups.list_backups(saved_doc)
    short = whole.with_name(f"save-{dt.datetime(2020, 1, 1).strftime(backups.STAMP)}.iipw")
    short.write_bytes(whole.read_bytes()[: 64 * 1024])
    assert short not in [p for _, p in backups.list_backups(saved_doc)]
    assert whole in [p for _, p in backups.list_backups(saved_doc)]


def test_the_backup_before_an_import_is_whole_or_a_sentence(saved_doc, monkeypatch):
    session = DocumentSession.open(saved_doc)
    try:
        with monkeypatch.context() as patch, pytest.raises(DocumentError, match="backup before this import could not"):
            patch.setattr(backups, "is_whole", lambda path: False)  # as if the disk filled up
            session.backup("import")
        path = session.backup("import")
        assert path in [p for _, p in backups.list_backups(saved_doc)]
    finally:
        session.close()
    assert not [p for p in backups.folder_for(saved_doc).iterdir() if p.name.endswith(".partial")]


def test_the_backup_before_an_import_is_the_working_copy_byte_for_byte_copied_by_the_system(saved_doc):
    """SQLite's backup API copied it page by page and rewrote its header: a third of the time, for nothing,
    when no write is under way."""
    session = DocumentSession.open(saved_doc)
    try:
        session.store.create([Actor.create(id="new", name="A new agency")])
        working = (session.folder / WORKING_FILE).read_bytes()
        path = session.backup("import")
    finally:
        session.close()
    assert path.read_bytes() == working
    assert backups.is_whole(path) and path in [p for _, p in backups.list_backups(saved_doc)]
    assert _integrity(path) == "ok"


def test_a_backup_during_a_write_in_turns_copies_the_pages_as_committed_mapped_and_without_a_journal(
    saved_doc, monkeypatch
):
    """A write the window makes in turns holds the file; the backup then reads the pages as they were
    committed (where the file is mapped, the copy keeping no journal), and does not wait for the write."""
    import sqlite3
    import time

    import db.session

    said: list[str] = []
    real = sqlite3.connect

    def connect(*args, **kwargs) -> sqlite3.Connection:
        conn = real(*args, **kwargs)
        conn.set_trace_callback(said.append)
        return conn

    session = DocumentSession.open(saved_doc)
    writer = real(session.folder / WORKING_FILE, isolation_level=None)
    try:
        before = writer.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE meta SET value = 'changed, not committed' WHERE key = 'revision'")
        with monkeypatch.context() as patch:
            patch.setattr(db.session.sqlite3, "connect", connect)
            started = time.monotonic()
            path = session.backup("import")
            waited = time.monotonic() - started
        writer.execute("ROLLBACK")
    finally:
        writer.close()
        session.close()
    assert waited < 1.0
    assert any(s.startswith("PRAGMA mmap_size=") for s in said) and "PRAGMA journal_mode=OFF" in said
    assert backups.is_whole(path) and _integrity(path) == "ok"
    copy = sqlite3.connect(path)
    try:
        assert copy.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone() == before
    finally:
        copy.close()


def _integrity(path) -> str:
    import sqlite3

    copy = sqlite3.connect(path)
    try:
        return copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()


def test_setting_the_clock_back_two_years_keeps_the_new_backups(saved_doc):
    folder = backups.folder_for(saved_doc)
    today = dt.datetime(2026, 11, 20, 10, 0)
    first = backups.make_backup(saved_doc, now=today)
    for n in range(1, 400):  # a year and more of backups (links to one whole copy): every window is full
        (folder / f"save-{(today - dt.timedelta(days=n)).strftime(backups.STAMP)}.iipw").hardlink_to(first)
    backups.thin(saved_doc, today)
    before = {s for s, _ in backups.list_backups(saved_doc)}
    set_back = today.replace(year=2024)
    made = [backups.make_backup(saved_doc, now=set_back + dt.timedelta(days=d)) for d in range(10)]
    assert all(p.exists() for p in made)  # each of the 10 new backups is kept
    after = {s for s, _ in backups.list_backups(saved_doc)}
    assert before <= after  # the ones stamped "in the future" are kept too, until the clock catches up
    assert len(list(folder.glob("*.iipw"))) == len(before) + 10


def test_retention_ranks_future_stamps_apart():
    now = dt.datetime(2024, 6, 1, 12)
    future = [dt.datetime(2026, 1, 1) + dt.timedelta(days=n) for n in range(40)]
    new = [now - dt.timedelta(hours=n) for n in range(5)]
    keep = backups_to_keep(future + new, now=now)
    assert set(future) <= keep
    assert max(new) in keep
    assert backups_to_keep(future + new) == backups_to_keep(future + new, now=dt.datetime.max)


def test_a_save_backs_up_what_it_saved(saved_doc):
    """The backup is copied from the new file while the save checks it, and named once the save is done."""
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Backed up"})
        session.save()
    finally:
        session.close()
    newest = backups.list_backups(saved_doc)[0][1]
    assert newest.read_bytes() == saved_doc.read_bytes()
    assert [p for p in backups.folder_for(saved_doc).iterdir() if p.name.startswith(".")] == []  # no partial copy


def test_a_save_returns_with_its_file_in_place_before_its_backup_is_named(saved_doc, monkeypatch):
    """Naming the backup and thinning the older ones wait on the disk; the user need not: they are done beside,
    and over before the session ends or anything else writes in the backup folder."""
    returned = threading.Event()
    named_after_return: list[bool] = []
    real = backups.thin

    def thin(document, now=None):
        named_after_return.append(returned.wait(timeout=5))
        return real(document, now)

    monkeypatch.setattr(backups, "thin", thin)
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Backed up beside"})
        session.save()
        returned.set()
        reader = DocumentSession.open(saved_doc, read_only=True)
        assert reader.store.load().project.title == "Backed up beside"  # the file is in place
        reader.close()
    finally:
        session.close()
    assert named_after_return == [True]
    newest = backups.list_backups(saved_doc)[0][1]
    assert newest.read_bytes() == saved_doc.read_bytes()


def test_a_failed_save_leaves_no_backup(saved_doc, monkeypatch):
    def refuse(temp, schema_version):
        raise SaveFailed("The copy written for saving did not pass its check; your previous file is unchanged.")

    listed = backups.list_backups(saved_doc)
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Never saved"})
        monkeypatch.setattr(atomic_save, "verify", refuse)
        with pytest.raises(SaveFailed):
            session.save()
    finally:
        session.close()
    assert backups.list_backups(saved_doc) == listed
    assert sorted(p.name for p in backups.folder_for(saved_doc).iterdir()) == sorted(p.name for _, p in listed)
