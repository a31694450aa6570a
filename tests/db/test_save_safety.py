"""Saving never tears the user's file: failures at any step, a full disk and kill -9 mid-save."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest

import db.atomic_save as atomic_save
from db.errors import SaveFailed
from db.migrations import SCHEMA_VERSION
from db.session import DocumentSession
from db.sqlite_file import inspect
from tests.db.support import Child, run_child, snapshot
from workbench.spheres.items import Item


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class Boom(OSError):
    pass


def _failing(name: str, at_call: int = 1):
    """A stand-in for atomic_save.<name> that raises on its `at_call`-th call and works otherwise."""
    real = getattr(atomic_save, name)
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == at_call:
            raise Boom(5, f"injected failure in {name}")
        return real(*args, **kwargs)

    return fake, calls


@pytest.fixture
def open_doc(tmp_path, saved_doc):
    """An open session over a document saved twice (so a .bak exists), with an unsaved edit. It is opened
    after those saves: the file is not one it saved itself, so its save flushes the old file too."""
    first = DocumentSession.open(saved_doc)
    first.store.update("project", "project", {"title": "Saved twice"})
    first.save()
    first.close()
    session = DocumentSession.open(saved_doc)
    session.store.create([Item.create(id="unsaved", name="Not saved yet")])
    yield session
    session.close()


@pytest.mark.parametrize(
    ("step", "at_call"),
    [
        ("write_temp", 1),
        ("verify", 1),
        ("fsync_path", 1),  # flushing the new copy
        ("fsync_path", 2),  # flushing the copy being made into .bak
        ("keep_previous", 1),
        ("replace", 1),
    ],
)
def test_failure_at_each_step_leaves_the_previous_file(monkeypatch, open_doc, step, at_call):
    session = open_doc
    target = session.path
    folder = target.parent
    before, names_before = _digest(target), _names(folder)
    bak_before = _digest(folder / "policy.iipw.bak")
    fake, calls = _failing(step, at_call)
    real_step = getattr(atomic_save, step)
    monkeypatch.setattr(atomic_save, step, fake)

    with pytest.raises(SaveFailed) as info:
        session.save()
    assert calls["n"] >= at_call  # the failure really was injected
    message = info.value.message
    assert "previous file is unchanged" in message
    assert target.name in message
    assert "injected failure" in (info.value.detail or "")
    assert _digest(target) == before
    assert _names(folder) == names_before  # no temp file, no half-written .bak left
    assert _digest(folder / "policy.iipw.bak") in {bak_before, before}
    assert session.dirty  # the edit is still waiting to be saved
    inspect(target, SCHEMA_VERSION, full_check=True)
    peek = DocumentSession.open(target, read_only=True)
    try:
        assert peek.store.get("item", "unsaved") is None
        assert peek.store.load().project.title == "Saved twice"
    finally:
        peek.close()

    # The session stays usable: edit again, and a later save (without the fault) succeeds.
    monkeypatch.setattr(atomic_save, step, real_step)  # not undo(): that would also undo the app-data folder
    session.store.update("item", "unsaved", {"name": "Saved at last"})
    session.save()
    assert not session.dirty
    assert _digest(folder / "policy.iipw.bak") == before
    expected = snapshot(session.store.load())
    session.close()
    again = DocumentSession.open(target)
    try:
        assert snapshot(again.store.load()) == expected
        assert again.store.get("item", "unsaved").name == "Saved at last"
    finally:
        again.close()


def test_a_file_this_session_saved_becomes_the_bak_without_a_flush_of_its_own(monkeypatch, open_doc):
    """The old file is kept as .bak under a second name, flushed before the new file takes its place,
    as another program may have written it. A file this session saved is on disk already: the new file
    and the folder are flushed, and the folder's flush makes the .bak's name durable with the rest."""
    session, target = open_doc, open_doc.path
    flushed: list[str] = []
    real = atomic_save.fsync_path
    monkeypatch.setattr(atomic_save, "fsync_path", lambda path: (flushed.append(Path(path).name), real(path))[1])
    temp = re.compile(r"\.policy\.iipw\.[0-9a-f]{8}\.saving")

    session.save()  # a file opened here, not saved here
    assert [temp.fullmatch(n) is not None for n in flushed] == [True, True, False]
    assert flushed[2] == target.parent.name
    saved = _digest(target)

    flushed.clear()
    session.store.update("item", "unsaved", {"name": "Saved again"})
    session.save()  # the file this session saved
    assert [temp.fullmatch(n) is not None for n in flushed] == [True, False]
    assert flushed[1] == target.parent.name
    assert _digest(target.with_name("policy.iipw.bak")) == saved


def test_failed_first_save_as_leaves_nothing_behind(monkeypatch, tmp_path):
    session = DocumentSession.new()
    folder = tmp_path / "out"
    folder.mkdir()
    real_verify = atomic_save.verify
    monkeypatch.setattr(atomic_save, "verify", _failing("verify")[0])
    with pytest.raises(SaveFailed):
        session.save_as(folder / "first.iipw")
    assert _names(folder) == []  # neither the file, a temp file, nor a lock
    assert session.path is None
    monkeypatch.setattr(atomic_save, "verify", real_verify)
    path = session.save_as(folder / "first.iipw")
    assert _names(folder) == [".~lock.first.iipw#", "first.iipw"]
    session.close()
    assert _names(folder) == ["first.iipw"]
    assert path == folder / "first.iipw"


def test_verify_refuses_a_copy_from_another_version(tmp_path, saved_doc):
    with pytest.raises(SaveFailed, match="previous file is unchanged"):
        atomic_save.verify(saved_doc, SCHEMA_VERSION + 1)
    atomic_save.verify(saved_doc, SCHEMA_VERSION)


# ----- disk full -----------------------------------------------------------------------------

DISK_FULL_CHILD = r"""
import hashlib, resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of being killed
from db.errors import SaveFailed
from db.session import DocumentSession
from workbench.spheres.items import Item

target, mode = Path(sys.argv[1]), sys.argv[2]
session = DocumentSession.open(target)
old_size = target.stat().st_size
if mode == "grow":  # the new file is bigger than the limit
    session.store.create([Item.create(id=f"big{n}", name="x" * 150, description="y" * 400) for n in range(1500)])
    limit = old_size + 8192
else:  # "shrink": the new file fits, but copying the old one to .bak does not
    session.store.delete([("item", f"big{n}") for n in range(1500)])
    limit = old_size // 2
if mode == "shrink":  # a file system without hard links: the old file is copied to .bak
    import os
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")
    os.link = no_links
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
try:
    session.save()
except SaveFailed as err:
    print("FAILED", err.message.replace("\n", " "), flush=True)
    print("DIGEST", hashlib.sha256(target.read_bytes()).hexdigest(), flush=True)
    print("NAMES", sorted(p.name for p in target.parent.iterdir()), flush=True)
else:
    print("SAVED", flush=True)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space freed: the same session saves
session.save()
print("SAVED AFTER", session.store.counts()["item"], flush=True)
session.close()
"""


def _big_saved(saved_doc: Path) -> None:
    """The document saved once more holding 1500 long items, with no .bak beside it."""
    session = DocumentSession.open(saved_doc)
    session.store.create([Item.create(id=f"big{n}", name="x" * 150, description="y" * 400) for n in range(1500)])
    session.save()
    session.close()
    (saved_doc.parent / "policy.iipw.bak").unlink()


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["grow", "shrink"])
def test_disk_full_keeps_the_old_file(tmp_path, saved_doc, mode):
    if mode == "shrink":  # start from a big saved file
        _big_saved(saved_doc)
    before = _digest(saved_doc)
    names_before = _names(saved_doc.parent)
    out = run_child(DISK_FULL_CHILD, str(saved_doc), mode).stdout.splitlines()
    assert out[0].startswith("FAILED "), out
    message = out[0].removeprefix("FAILED ")
    assert "disk is full" in message
    assert "previous file is unchanged" in message
    assert saved_doc.name in message
    assert out[1] == f"DIGEST {before}"  # byte-identical, checked while the limit was in force
    assert out[2] == f"NAMES {sorted([*names_before, '.~lock.policy.iipw#'])!r}"  # no temp or half .bak
    assert out[3].startswith("SAVED AFTER ")
    saved_items = int(out[3].split()[-1])
    assert saved_items == (1503 if mode == "grow" else 3)
    session = DocumentSession.open(saved_doc)
    try:
        assert session.store.counts()["item"] == saved_items
    finally:
        session.close()


@pytest.mark.slow
def test_a_nearly_full_disk_still_saves_a_smaller_file_keeping_the_old_as_bak(tmp_path, saved_doc):
    """The old file becomes the .bak under a second name, so no room is needed for a copy of it."""
    _big_saved(saved_doc)
    before = _digest(saved_doc)
    out = run_child(DISK_FULL_CHILD, str(saved_doc), "shrink-linked").stdout.splitlines()
    assert out == ["SAVED", "SAVED AFTER 3"]
    assert _digest(saved_doc.parent / "policy.iipw.bak") != before  # the second save made the .bak again


# ----- kill -9 in the middle of saving -------------------------------------------------------

EDITS_PER_SAVE = 25
KILLS = 24

KILL_CHILD = r"""
import sys
from pathlib import Path
from db.session import DocumentSession
from workbench.spheres.items import Item

per_save = int(sys.argv[2])
session = DocumentSession.open(Path(sys.argv[1]))
store = session.store
count = store.counts()["item"]


def say(line):
    # One write a line: print writes its words one by one where output is unbuffered (PYTHONUNBUFFERED),
    # and a kill between two of them left "SAVED " without its count.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


say(f"READY {count}")
round_ = 0
while True:
    round_ += 1
    store.create([Item.create(id=f"k{count + n}", name=f"Item {count + n}", x=round_) for n in range(per_save)])
    ids = [f"i{n}" for n in range(0, 3000, 7)]
    store.update_many([("item", i, {"x": float(round_), "y": float(-round_)}) for i in ids])
    count += per_save
    store.update("project", "project", {"version": str(count)})
    session.save()
    say(f"SAVED {count}")
"""


def _saved_state(path: Path) -> tuple[int, int, set[float]]:
    """(counter in the project, number of items, the x values of the periodically moved items)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = int(conn.execute("SELECT version FROM project").fetchone()[0])
        items = conn.execute("SELECT count(*) FROM item").fetchone()[0]
        xs = {r[0] for r in conn.execute("SELECT x FROM item WHERE id IN ('i0', 'i7', 'i2996')")}
    finally:
        conn.close()
    return version, items, xs


@pytest.mark.slow
def test_kill_during_save_leaves_an_old_or_new_complete_file(tmp_path):
    session = DocumentSession.new()
    session.store.create([Item.create(id=f"i{n}", name=f"Item {n}", x=0.0, y=0.0) for n in range(3000)])
    total = session.store.counts()["item"]
    session.store.update("project", "project", {"version": str(total)})
    target = session.save_as(tmp_path / "killed.iipw")
    session.close()

    rng = random.Random(20240611)
    last_items = total
    saves_seen = []
    for kills in range(1, KILLS + 1):
        child = Child(KILL_CHILD, str(target), str(EDITS_PER_SAVE))
        lines = []
        try:
            ready = child.read_line()
            assert ready == f"READY {last_items}", ready
            # Wait for 0-2 completed saves (by the child's own output, however slow the machine is), then
            # kill it a random moment later: amid its edits, its VACUUM INTO, its checks or its rename.
            for _ in range(rng.choice([0, 1, 1, 2])):
                lines.append(child.read_line())
            time.sleep(rng.uniform(0.0, 0.12))
            os.kill(child.pid, signal.SIGKILL)
        finally:
            lines += child.finish(kill=True)  # reaped: its pid is now that of a dead process
        assert child.returncode == -signal.SIGKILL
        printed = [int(line.split()[1]) for line in lines if line.startswith("SAVED ")]
        last_printed = printed[-1] if printed else last_items
        saves_seen.append(len(printed))

        # The file is sound, whole, and holds either the last announced save or the one after it.
        inspect(target, SCHEMA_VERSION, full_check=True)
        version, items, xs = _saved_state(target)
        assert version == items, f"torn state after kill {kills}: counter {version}, {items} items"
        assert items in (last_printed, last_printed + EDITS_PER_SAVE), (kills, items, last_printed)
        assert items >= last_items
        assert len(xs) == 1  # every moved item moved in the same save
        assert (items - total) % EDITS_PER_SAVE == 0  # whole rounds only

        # It opens, taking over the dead child's lock.
        lock = target.with_name(f".~lock.{target.name}#")
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == child.pid
        reopened = DocumentSession.open(target)
        try:
            assert not [p.name for p in tmp_path.iterdir() if ".saving" in p.name]  # the killed save's temp files
            assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
            assert reopened.store.counts()["item"] == items
            assert reopened.store.load().project.version == str(items)
        finally:
            reopened.close()
        assert not lock.exists()
        last_items = items

    assert last_items > total, "no save ever completed; the kill loop tested nothing"
    assert sum(saves_seen) > 0


def test_leftovers_of_an_interrupted_save_are_removed_by_the_next_save(tmp_path):
    from db.session import DocumentSession

    folder = tmp_path / "docs"
    folder.mkdir()
    session = DocumentSession.new()
    target = session.save_as(folder / "plan.iipw")
    for name in (".plan.iipw.dead1234.saving", ".plan.iipw.dead1234.saving-journal"):
        (folder / name).write_bytes(b"half a save")
    session.save()
    session.close()
    assert sorted(p.name for p in folder.iterdir()) == ["plan.iipw", "plan.iipw.bak"]
    assert target.exists()


def test_a_save_killed_while_it_named_the_old_file_twice_leaves_it_editable(tmp_path):
    """Killed between giving the old file a second, temporary name and making that name the .bak, a
    save left the document with two names: it then opened read-only ("hard links") and so never
    removed the temporary name. That name is the save's own: opening removes it and edits as usual."""
    folder = tmp_path / "docs"
    folder.mkdir()
    target = _saved_with_a_second_name(folder / "plan.iipw", ".plan.iipw.0badc0de.saving")
    reopened = DocumentSession.open(target)
    try:
        assert reopened.read_only_reason is None
        assert not reopened.store.read_only
    finally:
        reopened.close()
    assert sorted(p.name for p in folder.iterdir()) == ["plan.iipw"]
    assert os.stat(target).st_nlink == 1


def test_a_save_killed_after_it_named_the_old_file_bak_leaves_it_editable(tmp_path):
    """Killed after the old file's second name became the .bak and before the new file took its place, a
    save left the document and its .bak one file with two names, and the new copy beside them: it then
    opened read-only ("hard links") and never removed that copy. The .bak name is the save's own."""
    folder = tmp_path / "docs"
    folder.mkdir()
    target = _saved_with_a_second_name(folder / "plan.iipw", "plan.iipw.bak")
    (folder / ".plan.iipw.0badc0de.saving").write_bytes(b"the new copy, not yet renamed")
    reopened = DocumentSession.open(target)
    try:
        assert reopened.read_only_reason is None
        assert not reopened.store.read_only
        assert sorted(p.name for p in folder.iterdir()) == [".~lock.plan.iipw#", "plan.iipw", "plan.iipw.bak"]
        reopened.store.create([Item.create(id="after", name="Made after the crash")])
        reopened.save()
    finally:
        reopened.close()
    assert os.stat(target).st_nlink == 1 and os.stat(folder / "plan.iipw.bak").st_nlink == 1
    assert _digest(folder / "plan.iipw.bak") != _digest(target)


def test_a_document_with_a_second_name_of_its_own_still_opens_read_only(tmp_path):
    target = _saved_with_a_second_name(tmp_path / "plan.iipw", "shared-copy.iipw")
    reopened = DocumentSession.open(target)
    try:
        assert "2 names on disk" in (reopened.read_only_reason or "")
    finally:
        reopened.close()


def _saved_with_a_second_name(path: Path, second: str) -> Path:
    session = DocumentSession.new()
    target = session.save_as(path)
    session.close()
    os.link(target, target.with_name(second))
    return target
