"""Files that are not sound documents are refused with a clear message and left untouched."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from db.errors import CorruptDocument, DocumentError, NewerVersion, NotADocument
from db.migrations import SCHEMA_VERSION
from db.paths import working_dir
from db.session import DocumentSession, working_copies_removed
from ui.cli import main
from workbench.spheres.items import Item


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_refused(path: Path, error: type[DocumentError], *words: str) -> DocumentError:
    """Opening `path` fails with `error`, naming the file; nothing is changed or left behind."""
    before = _digest(path) if path.is_file() else None
    siblings = sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []
    with pytest.raises(error) as info:
        DocumentSession.open(path)
    err = info.value
    assert isinstance(err, DocumentError)
    assert path.name in err.message, err.message
    for w in words:
        assert w in err.message, (w, err.message)
    if before is not None:
        assert _digest(path) == before
    if path.parent.exists():
        assert sorted(p.name for p in path.parent.iterdir()) == siblings  # no lock, no journal left
    working_copies_removed()  # (those of sessions closed before, removed beside)
    assert list(working_dir().iterdir()) == []  # no working copy left behind
    # Read-only opening is refused the same way.
    with pytest.raises(error):
        DocumentSession.open(path, read_only=True)
    return err


@pytest.fixture
def big_doc(tmp_path) -> Path:
    """A saved document of many pages, to cut short."""
    session = DocumentSession.new()
    session.store.create([Item.create(id=f"i{n}", name=f"Item {n} " * 4, x=n, y=-n) for n in range(2000)])
    path = session.save_as(tmp_path / "big.iipw")
    session.close()
    return path


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.iipw"
    path.write_bytes(random.Random(1).randbytes(8192))
    _assert_refused(path, NotADocument, "not an IIP Workbench document")


def test_text_file(tmp_path):
    path = tmp_path / "notes.iipw"
    path.write_text("Just some notes, not a database.\n" * 50, encoding="utf-8")
    _assert_refused(path, NotADocument, "not an IIP Workbench document")


def test_sqlite_header_followed_by_garbage(tmp_path):
    path = tmp_path / "garbage.iipw"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(2).randbytes(8192 - 16))
    _assert_refused(path, DocumentError)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.iipw"
    path.write_bytes(b"")
    _assert_refused(path, CorruptDocument, "empty")


@pytest.mark.parametrize("where", ["half, on a page boundary", "half, off any page boundary", "last page missing"])
def test_truncated_file(tmp_path, big_doc, where):
    data = big_doc.read_bytes()
    page = 4096
    assert len(data) > 20 * page
    cut = {
        "half, on a page boundary": len(data) // 2 // page * page,
        "half, off any page boundary": len(data) // 2 + 777,
        "last page missing": len(data) - page,
    }[where]
    path = tmp_path / "cut.iipw"
    path.write_bytes(data[:cut])
    err = _assert_refused(path, CorruptDocument, "damaged")
    if cut % 512:
        assert str(cut) in err.message  # says how short it is


def test_foreign_sqlite_database(tmp_path):
    path = tmp_path / "foreign.iipw"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
    conn.execute("INSERT INTO accounts (owner) VALUES ('someone')")
    conn.commit()
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0
    conn.close()
    err = _assert_refused(path, NotADocument, "is a database, but not an IIP Workbench document")
    assert "0x0" in (err.detail or "")


def test_document_id_but_damaged_pages(tmp_path, big_doc):
    data = bytearray(big_doc.read_bytes())
    page = 4096
    for n in range(2, 12):  # scribble over the b-tree page headers; the file header stays intact
        data[n * page : n * page + 12] = b"\xff" * 12
    path = tmp_path / "scribbled.iipw"
    path.write_bytes(bytes(data))
    _assert_refused(path, CorruptDocument, "damaged")


def test_a_directory(tmp_path):
    path = tmp_path / "folder.iipw"
    path.mkdir()
    _assert_refused(path, DocumentError, "folder")


def test_a_missing_path(tmp_path):
    path = tmp_path / "nowhere" / "gone.iipw"
    err = _assert_refused(path, DocumentError, "does not exist")
    assert str(path.parent) in err.message
    assert not path.exists()


def test_a_newer_document_is_refused_naming_both_versions(tmp_path, saved_doc):
    conn = sqlite3.connect(saved_doc)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    err = _assert_refused(saved_doc, NewerVersion, "newer", "update")
    assert f"version {SCHEMA_VERSION + 1}" in err.message
    assert f"version {SCHEMA_VERSION}" in err.message.replace(f"version {SCHEMA_VERSION + 1}", "")


def _leave_unfinished(doc: Path) -> bytes:
    """Make `doc` what a program that stopped in the middle of changing it leaves: some pages already
    overwritten and the rollback journal beside it (a hot journal). Returns the journal's bytes."""
    work = doc.with_name("work.sqlite")
    shutil.copyfile(doc, work)
    conn = sqlite3.connect(work, isolation_level=None)
    conn.execute("PRAGMA cache_size=1")  # changed pages spill into the file before any commit
    conn.execute("BEGIN")
    conn.execute("UPDATE item SET name = 'half done'")
    shutil.copyfile(work, doc)
    journal = doc.with_name(doc.name + "-journal")
    shutil.copyfile(work.with_name(work.name + "-journal"), journal)
    conn.execute("ROLLBACK")
    conn.close()
    work.unlink()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):  # a read-only reader cannot settle it
        ro = sqlite3.connect(doc.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            ro.execute("SELECT count(*) FROM item").fetchone()
        finally:
            ro.close()
    return journal.read_bytes()


def _names(session: DocumentSession) -> set[str]:
    return {i.name for i in session.store.all("item")}


def test_a_change_left_unfinished_is_rolled_back_on_a_copy_when_reading(big_doc):
    """Read-only: the document opens as it was before the unfinished change; neither the file nor its
    journal is touched (someone else may have the file open)."""
    journal = big_doc.with_name(big_doc.name + "-journal")
    _leave_unfinished(big_doc)
    file_before, journal_before = _digest(big_doc), _digest(journal)
    session = DocumentSession.open(big_doc, read_only=True)
    try:
        assert len(_names(session)) == 2000 and "half done" not in _names(session)
    finally:
        session.close()
    assert (_digest(big_doc), _digest(journal)) == (file_before, journal_before)
    assert main(["check", str(big_doc)]) == 0
    assert (_digest(big_doc), _digest(journal)) == (file_before, journal_before)


def test_a_change_left_unfinished_is_rolled_back_in_place_when_editing(big_doc):
    """Editing: with the document's lock held, SQLite rolls the change back in the file itself, as its
    next reader must, so that Save never leaves the old journal beside the new file."""
    journal = big_doc.with_name(big_doc.name + "-journal")
    _leave_unfinished(big_doc)
    session = DocumentSession.open(big_doc)
    try:
        assert "half done" not in _names(session)
        assert not journal.exists()
        session.store.update("item", "i1", {"name": "Edited"})
        session.save()
    finally:
        session.close()
    again = DocumentSession.open(big_doc, read_only=True)
    try:
        assert again.store.get("item", "i1").name == "Edited" and len(_names(again)) == 2000
    finally:
        again.close()
