"""A file whose exact bytes this program checked whole before (opened, or written by a save here) is not
checked again; any other file, one changed by a byte included, is checked whole (db.known_files)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading

import pytest

import db.session
from db import known_files
from db import operations as ops
from db.errors import InvalidRows
from db.migrations import SCHEMA_VERSION
from db.paths import app_data_dir
from db.rows import to_row
from db.session import DocumentSession, check_document
from tests.db.support import as_received
from tests.db.test_migrations import old_document
from workbench.findings import summary_data
from workbench.project import Project


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The names of the files whose rows opening checked (db.trust_boundary.vet)."""
    seen: list[str] = []
    real = db.session.vet

    def watched(conn, name, **how):
        seen.append(name)
        return real(conn, name, **how)

    monkeypatch.setattr(db.session, "vet", watched)
    return seen


def _entities(session: DocumentSession) -> dict:
    doc = session.store.load()
    return {kind: dict(table) for kind, table in doc.entities.items() if table}


def test_a_file_saved_here_opens_without_its_rows_checked_again_holding_all_it_held(saved_doc, checks):
    whole = DocumentSession.open(as_received(saved_doc), read_only=True, check_whole=True)
    expected = _entities(whole)
    whole.close()
    assert checks == [saved_doc.name]
    known = DocumentSession.open(saved_doc)
    try:
        assert checks == [saved_doc.name]  # not checked a second time
        assert known.file_digest == known_files.digest_of(saved_doc)
        assert _entities(known) == expected
    finally:
        known.close()


@pytest.mark.parametrize("made", ["new", "upgraded", "edited"])
def test_a_file_checked_whole_is_known_by_the_digest_of_its_bytes(tmp_path, made):
    path = tmp_path / f"{made}.iipw"
    if made == "upgraded":
        old = old_document(tmp_path / "old.iipw", SCHEMA_VERSION - 1)
        session = DocumentSession.open(old)
    else:
        session = DocumentSession.new()
    session.save_as(path)
    if made == "edited":
        session.store.update("project", "project", {"title": "Saved again"})
        session.save()
    session.close()
    whole = DocumentSession.open(as_received(path), read_only=True, check_whole=True)
    try:
        assert whole.file_digest == hashlib.sha256(path.read_bytes()).hexdigest()
    finally:
        whole.close()


@pytest.mark.parametrize("whole", [False, True])
def test_the_digest_of_a_file_opened_is_of_the_bytes_checked_worked_out_beside(saved_doc, tmp_path, monkeypatch, whole):
    """Worked out on another thread while SQLite reads the copy (its schema, its pages and rows when the file
    is checked whole), from the copy's bytes as made: not of the file as another program left it after."""
    checked = saved_doc.read_bytes()
    other = DocumentSession.new()
    other.save_as(tmp_path / "other.iipw")
    other.close()
    hashed_on: list[int] = []
    digest_of_bytes, apply_pragmas = known_files.digest_of_bytes, db.session.apply_pragmas

    def hashing(data: bytes) -> str:
        hashed_on.append(threading.get_ident())
        return digest_of_bytes(data)

    def changed_after_the_copy(conn):
        saved_doc.write_bytes((tmp_path / "other.iipw").read_bytes())
        apply_pragmas(conn)

    monkeypatch.setattr(known_files, "digest_of_bytes", hashing)
    monkeypatch.setattr(db.session, "apply_pragmas", changed_after_the_copy)
    session = DocumentSession.open(saved_doc, read_only=True, check_whole=whole)
    try:
        assert session.file_digest == hashlib.sha256(checked).hexdigest() != known_files.digest_of(saved_doc)
        assert hashed_on and threading.get_ident() not in hashed_on
    finally:
        session.close()


def test_a_saved_file_another_program_changed_is_checked_whole_and_a_bad_row_refused(saved_doc, checks):
    DocumentSession.open(saved_doc).close()
    conn = sqlite3.connect(saved_doc)
    conn.execute("UPDATE actor SET actor_type = 'no such type'")
    conn.commit()
    conn.close()
    with pytest.raises(InvalidRows):
        DocumentSession.open(saved_doc)
    assert len(checks) == 1


def test_a_record_of_another_version_or_one_unreadable_is_no_record(saved_doc, checks):
    record = app_data_dir() / known_files.FOLDER / f"{known_files.digest_of(saved_doc)}.json"
    for text in (
        json.dumps({**json.loads(record.read_text()), "program": "0.0.1"}),
        json.dumps({**json.loads(record.read_text()), "schema": 1}),
        "{not json",
        "[]",
    ):
        record.write_text(text)
        DocumentSession.open(saved_doc, read_only=True).close()
    assert len(checks) == 4


def test_the_check_command_checks_whole_a_file_known(saved_doc, checks):
    check_document(saved_doc)
    assert checks == [saved_doc.name]


def test_a_file_completed_on_opening_is_not_known_as_it_is(saved_doc, checks):
    """Its working copy is not its bytes: opening it again must complete it again."""
    conn = sqlite3.connect(saved_doc)
    conn.execute("DELETE FROM project")
    conn.commit()
    conn.close()
    for _ in range(2):
        session = DocumentSession.open(saved_doc)
        assert session.store.load().project is not None and session.file_digest is None
        session.close()
    assert len(checks) == 2


@pytest.mark.parametrize("whole", [False, True])
def test_a_file_upgraded_on_opening_is_not_known_as_it_is(tmp_path, checks, whole):
    """The upgrade adds columns only (no row changes): opening the file again must upgrade it again."""
    path = old_document(tmp_path / "old.iipw", SCHEMA_VERSION - 1)
    conn = sqlite3.connect(path)
    names = [r[1] for r in conn.execute("PRAGMA table_info(project)")]
    row = to_row(Project())
    conn.execute(
        f"INSERT INTO project ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", [row[n] for n in names]
    )
    conn.commit()
    conn.close()
    for how in ({"check_whole": whole}, {}):
        session = DocumentSession.open(path, read_only=True, **how)
        try:
            assert session.info.upgraded_from == SCHEMA_VERSION - 1 and session.file_digest is None
            assert session.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        finally:
            session.close()
    assert len(checks) == 2


def test_a_repaired_copy_is_not_the_file_and_leaves_it_unknown(saved_doc, checks):
    conn = sqlite3.connect(saved_doc)
    conn.execute("UPDATE actor SET actor_type = 'no such type'")
    conn.commit()
    conn.close()
    DocumentSession.open(saved_doc, repair=True).close()
    with pytest.raises(InvalidRows):
        DocumentSession.open(saved_doc)
    assert len(checks) == 2


def test_findings_are_kept_for_the_day_they_were_worked_out(saved_doc):
    digest = known_files.digest_of(saved_doc)
    day = dt.date(2026, 5, 4)
    data = [{"area": "spheres", "title": "Spheres", "findings": [], "more": 0}]
    known_files.remember(digest, data, today=day)
    assert known_files.recall(digest, day) == known_files.Known(data)
    assert known_files.recall(digest, day + dt.timedelta(days=1)) == known_files.Known(None)


def test_only_the_newest_records_are_kept(monkeypatch):
    monkeypatch.setattr(known_files, "KEPT", 3)
    digests = [f"{n:064x}" for n in range(5)]
    for n, digest in enumerate(digests):
        known_files.remember(digest)
        record = app_data_dir() / known_files.FOLDER / f"{digest}.json"
        stamp = 1_700_000_000_000_000_000 + n * 1_000_000_000
        os.utime(record, ns=(stamp, stamp))
    known_files.remember(digests[-1])
    left = sorted(p.stem for p in (app_data_dir() / known_files.FOLDER).iterdir())
    assert left == digests[2:]


def test_the_findings_of_a_saved_file_are_kept_only_for_the_bytes_the_save_wrote(saved_doc):
    from db.snapshot import read_snapshot
    from workbench.attention import needs_attention

    digest = known_files.digest_of(saved_doc)
    known_files.keep_findings_of_saved(saved_doc, "0" * 64)  # bytes other than the save's: nothing kept
    assert known_files.recall("0" * 64, dt.date.today()) is None
    known_files.keep_findings_of_saved(saved_doc, digest)
    found = known_files.recall(digest, dt.date.today())
    assert found is not None and found.findings == summary_data(needs_attention(read_snapshot(saved_doc)))


def test_a_save_keeps_its_file_known_and_one_that_cannot_read_it_back_still_saves(tmp_path, checks, monkeypatch):
    def unreadable(path):
        raise PermissionError(13, "Permission denied", str(path))

    session = DocumentSession.new()
    try:
        first = session.save_as(tmp_path / "first.iipw")
        assert session.file_digest == known_files.digest_of(first)
        session.store.apply(ops.update([("project", "project", {"title": "Another file"})]))
        with monkeypatch.context() as patched:
            patched.setattr(known_files, "digest_of", unreadable)
            second = session.save_as(tmp_path / "second.iipw")
        assert second.exists() and session.file_digest is None
    finally:
        session.close()
    for path in (first, second):
        DocumentSession.open(path).close()
    assert checks == ["second.iipw"]


def test_a_record_that_cannot_be_written_costs_only_the_next_check(saved_doc, checks, monkeypatch):
    as_received(saved_doc)

    def refused(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(known_files, "_write", refused)
    DocumentSession.open(saved_doc).close()
    DocumentSession.open(saved_doc).close()
    assert len(checks) == 2


def test_a_file_saved_again_as_it_was_keeps_its_record_and_findings_and_is_kept_as_newest(saved_doc):
    digest = known_files.digest_of(saved_doc)
    data = [{"area": "spheres", "title": "Spheres", "findings": [], "more": 0}]
    known_files.remember(digest, data)
    record = app_data_dir() / known_files.FOLDER / f"{digest}.json"
    os.utime(record, ns=(1_700_000_000_000_000_000,) * 2)
    session = DocumentSession.open(saved_doc)
    try:
        session.save()
        assert session.file_digest == digest == known_files.digest_of(saved_doc)
    finally:
        session.close()
    assert known_files.recall(digest, dt.date.today()) == known_files.Known(data)
    assert record.stat().st_mtime_ns > 1_700_000_000_000_000_000
