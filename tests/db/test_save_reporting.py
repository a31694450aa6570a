"""A save that reached the disk is reported as saved, even when the tidying up after it fails."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest

from db.migrations import SCHEMA_VERSION
from db.session import SIDECAR, DocumentSession
from db.sqlite_file import inspect
from workbench.spheres.items import Item


@pytest.fixture
def edited(tmp_path) -> DocumentSession:
    session = DocumentSession.new()
    session.save_as(tmp_path / "policy.iipw")
    session.store.create([Item.create(id="kept", name="Kept after the save")])
    yield session
    session.close()


def _holds_the_edit(path: Path) -> bool:
    assert inspect(path, SCHEMA_VERSION, full_check=True)
    session = DocumentSession.open(path, read_only=True)
    try:
        return session.store.get("item", "kept") is not None
    finally:
        session.close()


def _failing_for(monkeypatch, function: str, match: str, code: int) -> None:
    """Make os.<function> fail with `code` for paths whose name contains `match`."""
    real = getattr(os, function)

    def failing(path, *args, **kwargs):
        if match in Path(path).name:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, failing)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EACCES])
def test_a_save_is_reported_saved_when_noting_it_in_the_session_file_fails(edited, monkeypatch, caplog, code):
    _failing_for(monkeypatch, "replace", SIDECAR, code)
    with caplog.at_level(logging.WARNING):
        assert edited.save() == edited.path
    monkeypatch.undo()
    assert _holds_the_edit(edited.path)
    assert not edited.dirty
    assert any("saved" in r.getMessage().lower() for r in caplog.records if r.levelno == logging.WARNING)


@pytest.mark.parametrize("code", [errno.EIO, errno.EACCES, errno.EBUSY])
def test_a_save_is_reported_saved_when_removing_its_temporary_files_fails(edited, monkeypatch, caplog, code):
    _failing_for(monkeypatch, "unlink", ".saving", code)
    with caplog.at_level(logging.WARNING):
        assert edited.save() == edited.path
    monkeypatch.undo()
    assert _holds_the_edit(edited.path)
    assert not edited.dirty


def test_a_lock_that_cannot_be_removed_at_close_does_not_undo_a_finished_command(edited, monkeypatch, caplog):
    edited.save()
    _failing_for(monkeypatch, "unlink", ".~lock.", errno.EIO)
    with caplog.at_level(logging.WARNING):
        edited.close()
    monkeypatch.undo()
    assert any(r.levelno == logging.WARNING for r in caplog.records)
