"""Files that are not sound documents are refused with a clear message and left untouched."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from db.errors import CorruptDocument, DocumentError, NewerVersion, NotADocument
from db.migrations import SCHEMA_VERSION
from db.paths import working_dir
from db.session import DocumentSession
from workbench.items import Item


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
