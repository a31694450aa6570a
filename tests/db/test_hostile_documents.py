"""Opening is a trust boundary: a document whose schema or rows IIP Workbench did not write is refused
with one sentence, or opened as a repaired copy the user agreed to; nothing foreign ever runs or is saved."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from db import row_guard, schema_guard
from db.errors import ForeignSchema, InvalidRows, UntrustedDocument
from db.migrations import SCHEMA_VERSION
from db.paths import working_dir
from db.session import DocumentSession, working_copies_removed
from tests.db.hostile import HOSTILE, hostile_document, sound_document
from tests.quick import spread
from ui.cli import main
from workbench.analysis import analyse

KINDS = spread(sorted(HOSTILE), floor=6)


@pytest.fixture
def sound(tmp_path) -> Path:
    (tmp_path / "docs").mkdir()
    return sound_document(tmp_path / "docs")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_sentence(text: str, name: str) -> None:
    assert "\n" not in text.strip(), text
    assert text.strip().endswith("."), text
    assert name in text, text
    assert "Traceback" not in text and "unexpected error" not in text, text


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_document_is_refused_with_one_sentence(sound, kind):
    path = hostile_document(sound, kind)
    before = _digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    for read_only in (False, True):
        with pytest.raises(UntrustedDocument) as info:
            DocumentSession.open(path, read_only=read_only)
        _one_sentence(info.value.message, path.name)
        assert "repaired copy" in info.value.message
        assert info.value.findings  # the detail names each thing found
    assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings  # no lock left
    working_copies_removed()  # (those of sessions closed before, removed beside)
    assert list(working_dir().iterdir()) == []  # no working copy left


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_document_opens_as_a_repaired_copy(sound, kind, tmp_path):
    path = hostile_document(sound, kind)
    before = _digest(path)
    session = DocumentSession.open(path, repair=True)
    try:
        assert session.repairs and all(line.endswith(".") for line in session.repairs)
        assert session.path is None and session.display_name == f"Repaired copy of {path.stem}"
        conn = sqlite3.connect(session.folder / "document.sqlite")
        try:
            assert schema_guard.compare(conn).foreign == []
            assert not row_guard.find_problems(conn)[0]
        finally:
            conn.close()
        doc = session.store.load()
        analyse(doc)
        assert doc.project is not None
        saved = session.save_as(tmp_path / "repaired.iipw")
    finally:
        session.close()
    assert _digest(path) == before  # the received file is never changed
    DocumentSession.open(saved).close()  # the repaired copy, saved, is a sound document


@pytest.mark.parametrize("kind", KINDS)
def test_commands_refuse_a_hostile_document_with_one_sentence(sound, kind, tmp_path, capsys):
    path = hostile_document(sound, kind)
    commands = [
        ["check", str(path)],
        ["info", str(path)],
        ["analyse", str(path)],
        ["export", str(path), "--format", "json", "-o", str(tmp_path / "out.json")],
        ["brief", str(path), "--template", "ministerial", "-o", str(tmp_path / "out.pdf")],
    ]
    for argv in commands:
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 2, (argv[0], out, err)
        _one_sentence(err, path.name)
        assert "sound" not in out
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "out.pdf").exists()


def test_kinds_of_finding(sound):
    """Schema problems and row problems are told apart (and both kinds occur in the corpus)."""
    found = {}
    for kind in HOSTILE:
        with pytest.raises(UntrustedDocument) as info:
            DocumentSession.open(hostile_document(sound, kind))
        found[kind] = type(info.value)
    assert found["trigger on update"] is ForeignSchema and found["view replacing a table"] is ForeignSchema
    assert found["bad enum"] is InvalidRows and found["duplicate ids"] is InvalidRows


def test_a_schema_found_as_written_before_lets_no_other_through(sound):
    """The schema last found as written is remembered, text for text, so as not to compare it again."""
    conn = sqlite3.connect(sound)
    try:
        for _ in range(2):  # (the second time as remembered)
            assert schema_guard.compare(conn).foreign == []
        conn.execute("CREATE TRIGGER t AFTER INSERT ON actor BEGIN SELECT 1; END")
        assert [f.what for f in schema_guard.compare(conn).foreign] == ["trigger"]
    finally:
        conn.close()


def test_a_trigger_in_a_received_file_never_runs_on_the_users_edits(sound, tmp_path):
    path = hostile_document(sound, "trigger on update")
    with pytest.raises(ForeignSchema) as info:
        DocumentSession.open(path)
    assert "1 trigger" in info.value.message
    session = DocumentSession.open(path, repair=True)
    try:
        assert session.repairs[0] == "Removed 1 trigger: 'wipe'."
        session.store.update("project", "project", {"title": "Renamed"})
        counts = session.store.counts()
        assert (counts["actor"], counts["link"]) == (30, 47)
        saved = session.save_as(tmp_path / "mine.iipw")
    finally:
        session.close()
    conn = sqlite3.connect(saved)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone() == (0,)
    conn.close()


def test_a_view_in_place_of_a_table_is_never_read(sound):
    """The view counts up for ever: reading it would hang; the check reads the schema only."""
    path = hostile_document(sound, "view replacing a table")
    with pytest.raises(ForeignSchema) as info:
        DocumentSession.open(path)
    assert "1 view" in info.value.message and "missing table" in info.value.message
    session = DocumentSession.open(path, repair=True)
    try:
        assert session.store.counts()["link"] == 0
        assert "Added the missing table 'link' (empty)." in session.repairs
    finally:
        session.close()


def test_a_repair_keeps_what_fits(sound):
    """A bad value goes back to its default; a row that cannot be used even so is left out with what
    cannot live without it; the rest of the document stays."""
    session = DocumentSession.open(hostile_document(sound, "bad enum"), repair=True)
    try:
        actors = {a.id: a for a in session.store.all("actor")}
        assert len(actors) == 30 and actors["actor-min-industry"].level == "national"
        assert session.repairs == ["Set values IIP Workbench cannot use back to their defaults in 1 actor."]
    finally:
        session.close()
    session = DocumentSession.open(hostile_document(sound, "text that is not UTF-8"), repair=True)
    try:
        counts = session.store.counts()
        assert counts["actor"] == 29 and 0 < counts["link"] < 47 and counts["item"] == 24
        assert session.repairs[0] == "Left out 1 actor whose values IIP Workbench cannot use."
    finally:
        session.close()
    session = DocumentSession.open(hostile_document(sound, "extra column"), repair=True)
    try:
        assert session.store.counts()["actor"] == 30
    finally:
        session.close()
    session = DocumentSession.open(hostile_document(sound, "wrong user_version"), repair=True)
    try:
        assert session.store.counts()["link"] == 47 and session.info.upgraded_from is None
        assert session.repairs == [f"Set the document version number to {SCHEMA_VERSION}, which its tables are."]
    finally:
        session.close()


def test_a_sound_document_passes_untouched(sound):
    session = DocumentSession.open(sound)
    try:
        assert session.repairs == []
    finally:
        session.close()
    assert main(["check", str(sound)]) == 0


def test_a_document_without_its_project_record_opens_with_the_default_one(sound, capsys):
    """A version-0 file has no project record and the domain reads it as the default project; every
    reader (here `info`, which used to fail on it) finds that record once the document is open."""
    conn = sqlite3.connect(sound)
    conn.execute("DELETE FROM project")
    conn.commit()
    conn.close()
    assert main(["info", str(sound)]) == 0
    assert capsys.readouterr().out.startswith("Untitled policy project  [OFFICIAL]")
