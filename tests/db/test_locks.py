"""Every lock can be resolved: damaged locks, other computers' locks, reused process numbers, and
two processes taking over one stale lock at the same moment."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import db.lockfile as lockfile
from db.errors import DocumentLocked
from db.lockfile import DocumentLock, lock_path, process_start
from db.session import DocumentSession
from tests.db.support import REPO, child_env, dead_pid, read_owner


def _plant(document: Path, kind: str) -> None:
    path = lock_path(document)
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"\x00\xff garbage \x13")
    elif kind == "json list":
        path.write_text("[1, 2, 3]", encoding="utf-8")
    elif kind == "pid as text":
        path.write_text("12345", encoding="utf-8")
    elif kind == "huge pid":
        path.write_text(json.dumps({"host": lockfile.host_name(), "pid": 10**400}), encoding="utf-8")
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to(document.parent / "gone")


DAMAGED = ["empty", "garbage", "json list", "pid as text", "huge pid", "folder", "dangling link"]


@pytest.mark.parametrize("kind", DAMAGED)
def test_a_damaged_lock_is_reported_as_such_and_can_be_broken(saved_doc, kind):
    _plant(saved_doc, kind)
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(saved_doc)
    err = info.value
    assert err.problem and err.breakable
    assert err.message.startswith("policy.iipw is locked by a damaged lock file (")
    assert "Open anyway" in err.message and ".~lock.policy.iipw#" in err.message
    session = DocumentSession.open(saved_doc, break_lock=err.seen)  # the user chose Open anyway
    try:
        assert read_owner(saved_doc)["pid"] == os.getpid()
    finally:
        session.close()
    assert not os.path.lexists(lock_path(saved_doc))
    assert [p.name for p in saved_doc.parent.iterdir() if "lock" in p.name] == []


def test_breaking_a_lock_breaks_only_the_lock_the_user_saw(saved_doc, sleeper):
    _plant(saved_doc, "empty")
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(saved_doc)
    # Meanwhile a colleague's program took the lock over properly.
    lock_path(saved_doc).unlink()
    colleague = {"user": "anna", "host": lockfile.host_name(), "pid": sleeper.pid, "time": "now"}
    lock_path(saved_doc).write_text(json.dumps(colleague), encoding="utf-8")
    with pytest.raises(DocumentLocked) as again:
        DocumentSession.open(saved_doc, break_lock=info.value.seen)
    assert "anna" in again.value.message and not again.value.breakable
    assert read_owner(saved_doc)["user"] == "anna"


def test_a_lock_from_another_computer_can_be_broken_after_the_user_confirms(saved_doc):
    owner = {"user": "amira", "host": "laptop-elsewhere", "pid": 4242, "time": "2026-03-01T09:00:00"}
    lock_path(saved_doc).write_text(json.dumps(owner), encoding="utf-8")
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(saved_doc)
    assert info.value.breakable and info.value.problem is None
    assert "amira" in info.value.message and "laptop-elsewhere" in info.value.message
    session = DocumentSession.open(saved_doc, break_lock=info.value.seen)
    try:
        assert read_owner(saved_doc)["host"] == socket.gethostname()
    finally:
        session.close()


def test_a_live_lock_of_this_computer_cannot_be_broken(saved_doc, sleeper):
    owner = {"user": "me", "host": lockfile.host_name(), "pid": sleeper.pid, "started": process_start(sleeper.pid)}
    lock_path(saved_doc).write_text(json.dumps(owner), encoding="utf-8")
    with pytest.raises(DocumentLocked) as info:
        DocumentSession.open(saved_doc)
    assert not info.value.breakable


@pytest.mark.skipif(process_start(os.getpid()) is None, reason="process start times are read from /proc")
def test_a_reused_process_number_does_not_keep_the_lock(saved_doc, sleeper):
    """The lock names a live process, but one that started after the lock's owner: the number was reused."""
    started = process_start(sleeper.pid)
    boot, ticks = started.rsplit(":", 1)
    owner = {"user": "me", "host": lockfile.host_name(), "pid": sleeper.pid, "started": f"{boot}:{int(ticks) - 1}"}
    lock_path(saved_doc).write_text(json.dumps(owner), encoding="utf-8")
    session = DocumentSession.open(saved_doc)
    try:
        assert read_owner(saved_doc)["pid"] == os.getpid()
    finally:
        session.close()


def test_the_lock_records_the_process_start_time_and_is_written_whole(saved_doc, monkeypatch):
    """The lock appears under its name only when fully written (a crash in between leaves no empty lock)."""
    seen_at_link = []
    real_link = os.link

    def watching_link(src, dst, **kwargs):
        seen_at_link.append(Path(src).read_bytes())
        assert not os.path.lexists(dst)
        return real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "link", watching_link)
    session = DocumentSession.open(saved_doc)
    try:
        owner = read_owner(saved_doc)
        assert json.loads(seen_at_link[0]) == owner
        assert owner["started"] == process_start(os.getpid())
    finally:
        session.close()


def test_without_hard_links_the_lock_is_still_created_exclusively(saved_doc, monkeypatch):
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    session = DocumentSession.open(saved_doc)
    try:
        assert read_owner(saved_doc)["pid"] == os.getpid()
        with pytest.raises(DocumentLocked):
            DocumentLock(saved_doc).acquire()
    finally:
        session.close()
    assert not lock_path(saved_doc).exists()


def test_taking_over_a_stale_lock_that_another_process_just_took_over_leaves_theirs(saved_doc, monkeypatch):
    """The race: both judge the dead process's lock stale; the other one is faster and writes its lock.
    Ours must not delete theirs, and must not believe it holds the lock."""
    dead = {"user": "me", "host": lockfile.host_name(), "pid": dead_pid(), "time": "t"}
    lock_path(saved_doc).write_text(json.dumps(dead), encoding="utf-8")
    other = DocumentLock(saved_doc)
    other.owner = {**other.owner, "pid": os.getpid(), "nonce": "the other process"}
    real_rename = os.rename
    raced = []

    def rename_after_the_other_took_over(src, dst):
        if not raced and Path(src) == lock_path(saved_doc):
            raced.append(True)
            Path(src).unlink()  # the other process's take-over, just before ours
            assert other._create()
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename_after_the_other_took_over)
    with pytest.raises(DocumentLocked):
        DocumentLock(saved_doc).acquire()
    assert raced
    assert read_owner(saved_doc)["nonce"] == "the other process"
    assert [p.name for p in saved_doc.parent.iterdir() if "lock" in p.name] == [".~lock.policy.iipw#"]


RACER = r"""
import sys, time
from pathlib import Path
from db.errors import DocumentLocked
from db.lockfile import DocumentLock
lock = DocumentLock(Path(sys.argv[1]))
start = float(sys.argv[2])
while time.time() < start:
    pass
try:
    lock.acquire()
except DocumentLocked:
    print("REFUSED", flush=True)
else:
    print("HELD", flush=True)
sys.stdin.readline()
lock.release()
"""
MOVES = "unlink,unlinkat,rename,renameat,renameat2"


def _racer(document: Path, start: float, delay_ms: int) -> subprocess.Popen:
    """A process that takes over the lock at `start`, each removal or rename held back by `delay_ms`
    (strace fault injection): both racers read the stale lock before either moves it."""
    return subprocess.Popen(
        ["strace", "-f", "-qq", "-o", os.devnull, "-e", f"inject={MOVES}:delay_enter={delay_ms * 1000}",
         sys.executable, "-c", RACER, str(document), str(start)],
        cwd=REPO, env=child_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


@pytest.mark.slow
def test_two_processes_taking_over_one_stale_lock_never_both_hold_it(saved_doc):
    """Forced with strace: the slower one moves the lock only after the faster one wrote its own."""
    assert shutil.which("strace"), "this test forces the race with strace"
    for _round in range(3):
        dead = {"user": "me", "host": lockfile.host_name(), "pid": dead_pid(), "time": "t"}
        lock_path(saved_doc).write_text(json.dumps(dead), encoding="utf-8")
        start = time.time() + 3
        racers = [_racer(saved_doc, start, 100), _racer(saved_doc, start, 600)]
        try:
            answers = [r.stdout.readline().strip() for r in racers]
        finally:
            for r in racers:
                r.communicate("\n", timeout=60)
        assert answers == ["HELD", "REFUSED"]
        assert not lock_path(saved_doc).exists()


def test_lock_files_left_by_processes_killed_while_locking_are_cleaned(saved_doc):
    folder = saved_doc.parent
    old = ["..~lock.policy.iipw#.0badc0de.lock", "..~lock.policy.iipw#.0badc0de.stale"]
    fresh = "..~lock.policy.iipw#.12345678.lock"  # perhaps being written by another process right now
    for name in [*old, fresh]:
        (folder / name).write_text("{}", encoding="utf-8")
    for name in old:
        os.utime(folder / name, (time.time() - 3600, time.time() - 3600))
    session = DocumentSession.open(saved_doc)
    try:
        assert not any((folder / n).exists() for n in old)
        assert (folder / fresh).exists()
    finally:
        session.close()


def test_save_as_onto_its_own_file_from_a_read_only_session_respects_the_holders_lock(saved_doc, sleeper):
    owner = {"user": "anna", "host": lockfile.host_name(), "pid": sleeper.pid, "started": process_start(sleeper.pid)}
    lock_path(saved_doc).write_text(json.dumps(owner), encoding="utf-8")
    before = saved_doc.read_bytes()
    session = DocumentSession.open(saved_doc, read_only=True)
    try:
        with pytest.raises(DocumentLocked, match="anna"):
            session.save_as(saved_doc)
    finally:
        session.close()
    assert saved_doc.read_bytes() == before
    assert read_owner(saved_doc)["user"] == "anna"
