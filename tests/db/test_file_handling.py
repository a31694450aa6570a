"""Careful with the user's file: sidecars, permissions, files changed by others, planted links,
named pipes, long names, read-only disks, hard links and the leftovers of interrupted saves."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db import backups, lockfile
from db.errors import ChangedOnDisk, DocumentError, ReadOnlyDocument, SaveFailed
from db.migrations import SCHEMA_VERSION
from db.session import DocumentSession, opened
from db.sqlite_file import inspect
from tests.db.support import REPO, child_env
from workbench.spheres.items import Item


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _plain_open_titles(path: Path) -> list[str]:
    """What the first plain sqlite3 read-write opener (any other program) finds in the file."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [r[0] for r in conn.execute("SELECT title FROM project")]
    finally:
        conn.close()


def _foreign_wal(folder: Path) -> bytes:
    """The -wal of another database with committed frames in it, as a crashed program leaves it."""
    other = folder / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t(x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("y" * 500,)] * 50)
    conn.commit()
    data = (folder / "other.db-wal").read_bytes()
    conn.close()
    for p in folder.glob("other.db*"):
        p.unlink()
    return data


# ----- sidecars ------------------------------------------------------------------------------


def test_a_stale_wal_beside_the_file_is_moved_aside_not_replayed_into_the_saved_file(saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        stale = _foreign_wal(saved_doc.parent)
        (saved_doc.parent / "policy.iipw-wal").write_bytes(stale)
        session.store.update("project", "project", {"title": "Saved with a stale WAL beside it"})
        with pytest.raises(ChangedOnDisk):  # a -wal appeared: a change by another program
            session.save()
        session.save(overwrite=True)
    finally:
        session.close()
    assert not (saved_doc.parent / "policy.iipw-wal").exists()
    (aside,) = saved_doc.parent.glob("policy.iipw-wal.set-aside-*")
    assert aside.read_bytes() == stale  # never deleted: an expert may still want it
    assert _plain_open_titles(saved_doc) == ["Saved with a stale WAL beside it"]
    inspect(saved_doc, SCHEMA_VERSION, full_check=True)


def test_the_wal_of_a_file_in_wal_mode_is_checkpointed_into_the_old_file_before_saving(saved_doc):
    """Another program put the file in WAL mode and left committed changes in its -wal: they belong
    to the old file, so the .bak keeps them, and nothing is replayed into the new file."""
    conn = sqlite3.connect(saved_doc)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE project SET title='Changed in the WAL by another program'")
    conn.commit()
    shutil.copy(saved_doc, saved_doc.parent / "snap.iipw")
    shutil.copy(saved_doc.parent / "policy.iipw-wal", saved_doc.parent / "snap.iipw-wal")
    conn.close()  # a clean close checkpoints: put back the state a killed program leaves
    shutil.copy(saved_doc.parent / "snap.iipw", saved_doc)
    shutil.copy(saved_doc.parent / "snap.iipw-wal", saved_doc.parent / "policy.iipw-wal")
    for p in saved_doc.parent.glob("snap.iipw*"):
        p.unlink()

    session = DocumentSession.open(saved_doc)
    try:
        assert session.store.load().project.title == "Changed in the WAL by another program"
        session.store.update("project", "project", {"title": "Saved over it"})
        session.save()
    finally:
        session.close()
    assert [n for n in _names(saved_doc.parent) if "-wal" in n or "-shm" in n] == []
    assert _plain_open_titles(saved_doc) == ["Saved over it"]
    assert _plain_open_titles(saved_doc.parent / "policy.iipw.bak") == ["Changed in the WAL by another program"]


HOT_JOURNAL_CHILD = r"""
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")  # spill to the file before the commit
conn.execute("BEGIN")
conn.execute("UPDATE project SET title='half-written by a program that died'")
conn.execute("CREATE TABLE filler(x)")
for n in range(300):
    conn.execute("INSERT INTO filler VALUES (?)", ("z" * 1000,))
os._exit(0)  # killed mid-transaction: a hot journal stays beside the file
"""


def test_a_hot_journal_of_a_dead_writer_is_rolled_back_into_the_old_file_before_saving(saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        subprocess.run([sys.executable, "-c", HOT_JOURNAL_CHILD, str(saved_doc)], check=True, cwd=REPO, env=child_env())
        journal = saved_doc.parent / "policy.iipw-journal"
        assert journal.exists() and journal.stat().st_size > 0
        session.store.update("project", "project", {"title": "Saved after the crash"})
        session.save(overwrite=True)  # the dead program did change the file
    finally:
        session.close()
    assert not (saved_doc.parent / "policy.iipw-journal").exists()
    assert _plain_open_titles(saved_doc) == ["Saved after the crash"]
    bak = saved_doc.parent / "policy.iipw.bak"
    inspect(bak, SCHEMA_VERSION, full_check=True)
    assert _plain_open_titles(bak) != ["half-written by a program that died"]  # rolled back, whole


def test_a_program_still_writing_the_file_makes_save_refuse_with_a_sentence(saved_doc):
    session = DocumentSession.open(saved_doc)
    other = sqlite3.connect(saved_doc, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode=WAL")
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE project SET title='still being written'")
        before = saved_doc.read_bytes()
        with pytest.raises(SaveFailed) as info:
            session.save(overwrite=True)
        assert "Another program is using policy.iipw" in info.value.message
        assert saved_doc.read_bytes() == before
        assert (saved_doc.parent / "policy.iipw-wal").exists()
    finally:
        other.execute("ROLLBACK")
        other.close()
        session.close()


# ----- permissions ---------------------------------------------------------------------------


def test_a_read_only_file_opens_read_only_and_is_never_overwritten(saved_doc):
    saved_doc.chmod(0o444)
    before = saved_doc.read_bytes()
    session = DocumentSession.open(saved_doc)
    try:
        assert session.read_only
        assert "read-only" in session.read_only_reason and "Save As" in session.read_only_reason
        with pytest.raises(ReadOnlyDocument, match="Save As"):
            session.save()
    finally:
        session.close()
    other = DocumentSession.new()
    try:
        with pytest.raises(ReadOnlyDocument, match=r"policy\.iipw is read-only"):
            other.save_as(saved_doc)
    finally:
        other.close()
    with pytest.raises(ReadOnlyDocument, match="read-only"), opened(saved_doc, read_only=False):
        pass
    assert saved_doc.read_bytes() == before
    assert stat.S_IMODE(saved_doc.stat().st_mode) == 0o444


def test_a_file_made_read_only_while_open_is_not_overwritten_by_save(saved_doc, monkeypatch):
    session = DocumentSession.open(saved_doc)
    try:
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == saved_doc else real(p, mode))
        with pytest.raises(ReadOnlyDocument, match="not overwritten"):
            session.save()
    finally:
        session.close()


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_saving_keeps_the_files_permissions(saved_doc, mode):
    saved_doc.chmod(mode)
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Kept private"})
        session.save()
        session.save()  # and the .bak made from it
    finally:
        session.close()
    assert stat.S_IMODE(saved_doc.stat().st_mode) == mode
    assert stat.S_IMODE((saved_doc.parent / "policy.iipw.bak").stat().st_mode) == mode


def test_a_read_only_folder_opens_the_document_read_only_with_a_sentence(saved_doc, monkeypatch):
    """A read-only file system (EROFS) or folder: no lock can be written, so read-only, not an OSError."""

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lockfile, "open_temp_beside", refuse)
    session = DocumentSession.open(saved_doc)
    try:
        assert session.read_only and session.lock is None
        assert "cannot be written to" in session.read_only_reason
    finally:
        session.close()


# ----- changed on disk -----------------------------------------------------------------------


def _replace_by_other_program(path: Path, title: str) -> None:
    other = path.with_name("from-elsewhere.iipw")
    shutil.copy(path, other)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE project SET title=?", (title,))
    conn.commit()
    conn.close()
    os.replace(other, path)


@pytest.mark.parametrize("how", ["replaced", "rewritten in place", "only its -wal"])
def test_a_file_changed_by_another_program_is_not_silently_overwritten(saved_doc, how):
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Mine"})
        if how == "replaced":
            _replace_by_other_program(saved_doc, "Theirs")
        elif how == "rewritten in place":
            conn = sqlite3.connect(saved_doc)
            conn.execute("UPDATE project SET title='Theirs'")
            conn.commit()
            conn.close()
        else:
            (saved_doc.parent / "policy.iipw-wal").write_bytes(_foreign_wal(saved_doc.parent))
        theirs = saved_doc.read_bytes()
        with pytest.raises(ChangedOnDisk) as info:
            session.save()
        assert "policy.iipw was changed by another program" in info.value.message
        assert "Save As" in info.value.message
        assert saved_doc.read_bytes() == theirs
        assert session.dirty
        session.save(overwrite=True)  # the user chose to overwrite
        session.save()  # and from now on it is ours again
    finally:
        session.close()
    assert _plain_open_titles(saved_doc) == ["Mine"]


def test_own_saves_do_not_count_as_changes_by_others(saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        for n in range(3):
            session.store.update("project", "project", {"version": str(n)})
            session.save()
        target = saved_doc.parent / "elsewhere.iipw"
        session.save_as(target)
        session.save()
    finally:
        session.close()


# ----- planted links and temporary files -----------------------------------------------------


def test_a_link_planted_at_the_old_bak_temp_name_is_not_written_through(saved_doc, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (saved_doc.parent / "policy.iipw.bak.tmp").symlink_to(victim)
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Saved"})
        session.save()
    finally:
        session.close()
    assert victim.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in saved_doc.parent.iterdir()) == ["policy.iipw", "policy.iipw.bak"]


def test_exports_write_through_no_planted_link(tmp_path, saved_doc):
    from templates_reports.export import make_brief, write_pdf
    from workbench.interchange.files import export_files

    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for name in (".actors.graphml.tmp", ".brief.pdf.partial"):  # the fixed temporary names of before
        (out / name).symlink_to(victim)
    with opened(saved_doc) as session:
        doc = session.store.load()
    export_files(doc, "graphml", out / "actors.graphml")
    write_pdf(make_brief(doc, "ministerial"), out / "brief.pdf")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (out / "actors.graphml").read_bytes().startswith(b"<?xml")
    assert (out / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir() if not p.is_symlink()] in (
        ["actors.graphml", "brief.pdf"], ["brief.pdf", "actors.graphml"]
    )


def test_an_export_killed_earlier_leaves_no_temporary_file_after_the_next(tmp_path, saved_doc):
    from workbench.interchange.files import export_files

    out = tmp_path / "actors.json"
    stale, fresh = tmp_path / ".actors.json.0badc0de.partial", tmp_path / ".actors.json.12345678.partial"
    for path in (stale, fresh):
        path.write_bytes(b"half an export")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    with opened(saved_doc) as session:
        export_files(session.store.load(), "json", out)
    assert not stale.exists() and fresh.exists()  # the fresh one may be another export under way


# ----- things that are not documents ---------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_with_a_sentence_instead_of_hanging(tmp_path):
    fifo = tmp_path / "pipe.iipw"
    os.mkfifo(fifo)
    for command in ("info", "check"):
        proc = subprocess.run(
            [sys.executable, "-m", "ui.cli", command, str(fifo)],
            cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=60, check=False,
        )
        assert proc.returncode == 2, proc.stderr
        expected = "iip-workbench: pipe.iipw is a named pipe, not a document file; choose an .iipw file."
        assert proc.stderr.strip() == expected
    with pytest.raises(DocumentError, match="named pipe"):
        DocumentSession.open(fifo)
    session = DocumentSession.new()
    try:
        with pytest.raises(DocumentError, match="named pipe"):
            session.save_as(fifo)
    finally:
        session.close()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_link_loop_is_refused_with_a_sentence(tmp_path):
    loop = tmp_path / "loop.iipw"
    loop.symlink_to(loop)
    with pytest.raises(DocumentError, match="leads back to itself"):
        DocumentSession.open(loop)


# ----- long names ----------------------------------------------------------------------------


@pytest.mark.parametrize("length", [230, 238, 247, 250, 255])
def test_long_names_open_edit_save_and_close(tmp_path, length):
    name = "n" * (length - len(".iipw")) + ".iipw"
    session = DocumentSession.new()
    try:
        path = session.save_as(tmp_path / name)
        session.store.update("project", "project", {"title": "Long"})
        session.save()
        session.save()
    finally:
        session.close()
    assert path.name == name
    again = DocumentSession.open(path)
    try:
        assert again.lock.path.exists() and len(again.lock.path.name.encode()) <= 255
        again.store.update("project", "project", {"title": "Longer"})
        again.save()
    finally:
        again.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "app-home")[0] == name
    assert backups.list_backups(path)  # the rolling backups' folder name fits too
    assert not any(".saving" in p.name or ".lock" in p.name for p in tmp_path.iterdir())


def test_a_name_too_long_to_store_is_refused_with_a_sentence(tmp_path):
    session = DocumentSession.new()
    try:
        with pytest.raises(SaveFailed, match="too long"):
            session.save_as(tmp_path / ("n" * 252))  # with .iipw added: 257 bytes
    finally:
        session.close()
    with pytest.raises(DocumentError, match="too long"):
        DocumentSession.open(tmp_path / ("n" * 300 + ".iipw"))


# ----- hard links ----------------------------------------------------------------------------


def test_a_hard_linked_file_opens_read_only_so_two_names_cannot_be_edited_apart(saved_doc, tmp_path):
    second = tmp_path / "second-name.iipw"
    os.link(saved_doc, second)
    for path in (saved_doc, second):
        session = DocumentSession.open(path)
        try:
            assert session.read_only and session.lock is None
            assert "2 names on disk" in session.read_only_reason
        finally:
            session.close()


# ----- leftovers -----------------------------------------------------------------------------


def test_leftovers_of_an_interrupted_save_are_removed_when_the_document_is_opened(saved_doc):
    folder = saved_doc.parent
    leftovers = [".policy.iipw.0badc0de.saving", ".policy.iipw.0badc0de.saving-journal", "policy.iipw.bak.tmp"]
    kept = [".policy.iipw.x.iipw.0badc0de.saving", "notes.saving"]  # another document's, and not ours
    for name in leftovers + kept:
        (folder / name).write_bytes(b"half a save")
    DocumentSession.open(saved_doc, read_only=True).close()
    assert all((folder / n).exists() for n in leftovers)  # only with the lock held
    session = DocumentSession.open(saved_doc)
    try:
        assert not any((folder / n).exists() for n in leftovers)
        assert all((folder / n).exists() for n in kept)
    finally:
        session.close()


def test_a_save_cut_short_leaves_no_temporary_file_behind(saved_doc, monkeypatch):
    import db.atomic_save as atomic_save

    def boom(*args):
        raise OSError(errno.EIO, "Input/output error")

    session = DocumentSession.open(saved_doc)
    try:
        session.store.create([Item.create(id="x", name="x")])
        monkeypatch.setattr(atomic_save, "verify", boom)
        before = _names(saved_doc.parent)
        with pytest.raises(SaveFailed):
            session.save()
        assert _names(saved_doc.parent) == before
    finally:
        session.close()


def test_the_import_command_on_a_read_only_file_says_so_in_a_sentence(saved_doc, tmp_path, capsys):
    from ui.cli import main

    saved_doc.chmod(0o444)
    before = saved_doc.read_bytes()
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name\na1,Agency\n", encoding="utf-8")
    assert main(["import", str(saved_doc), str(actors)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("iip-workbench: policy.iipw is read-only (its permissions do not allow changes)")
    assert "\n" not in err
    assert saved_doc.read_bytes() == before


def test_a_file_deleted_by_another_program_is_simply_saved_again(saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Written again"})
        saved_doc.unlink()
        session.save()
    finally:
        session.close()
    assert _plain_open_titles(saved_doc) == ["Written again"]
