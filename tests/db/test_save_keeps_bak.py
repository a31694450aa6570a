"""The previous file becomes the .bak without a copy where that is safe, and is copied where it is not."""

from __future__ import annotations

import os
from pathlib import Path

from db.atomic_save import keep_previous
from db.session import DocumentSession


def _save_an_edit(path: Path) -> None:
    session = DocumentSession.open(path)
    try:
        session.store.update("project", "project", {"title": "Second version"})
        session.save()
    finally:
        session.close()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_previous_file_becomes_the_bak_under_a_second_name(saved_doc):
    before, old = saved_doc.read_bytes(), os.stat(saved_doc)
    _save_an_edit(saved_doc)
    bak = os.stat(saved_doc.parent / "policy.iipw.bak")
    assert (bak.st_ino, bak.st_dev) == (old.st_ino, old.st_dev)  # the old file itself, no bytes copied
    assert bak.st_nlink == 1 and os.stat(saved_doc).st_nlink == 1  # each now has one name only
    assert os.stat(saved_doc).st_ino != old.st_ino
    assert (saved_doc.parent / "policy.iipw.bak").read_bytes() == before
    assert _names(saved_doc.parent) == ["policy.iipw", "policy.iipw.bak"]


def test_a_file_with_another_name_is_copied_so_the_bak_shares_nothing(tmp_path, saved_doc):
    """(Such a file opens read-only, see file_checks; the .bak step holds the line on its own too.)"""
    before = saved_doc.read_bytes()
    other = tmp_path / "also-here.iipw"
    os.link(saved_doc, other)
    keep_previous(saved_doc)
    bak = saved_doc.parent / "policy.iipw.bak"
    assert bak.read_bytes() == before
    assert os.stat(bak).st_ino != os.stat(other).st_ino
    assert os.stat(saved_doc).st_nlink == 2  # the file and its other name, as they were
    assert _names(saved_doc.parent) == ["policy.iipw", "policy.iipw.bak"]


def test_where_there_are_no_hard_links_the_bak_is_a_copy(monkeypatch, saved_doc):
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    before, old = saved_doc.read_bytes(), os.stat(saved_doc)
    monkeypatch.setattr(os, "link", no_links)
    _save_an_edit(saved_doc)
    bak = saved_doc.parent / "policy.iipw.bak"
    assert bak.read_bytes() == before
    assert os.stat(bak).st_ino != old.st_ino
    assert os.stat(bak).st_mode == old.st_mode
    assert _names(saved_doc.parent) == ["policy.iipw", "policy.iipw.bak"]  # no temporary file left
    reopened = DocumentSession.open(saved_doc, read_only=True)
    assert reopened.store.load().project.title == "Second version"
    reopened.close()
