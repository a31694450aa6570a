"""File dialogs open in the user's documents (or a folder the caller knows), never in the folder the
program was started from."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from ui import dialogs


@pytest.fixture
def asked(monkeypatch, tmp_path):
    """The folder or path each file dialog was opened at; the program runs from an unrelated folder."""
    seen: list[str] = []

    def one(parent, title, where, filters):
        seen.append(where)
        return "", ""

    def many(parent, title, where, filters):
        seen.append(where)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", one)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", one)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", many)
    monkeypatch.chdir(tmp_path)
    return seen


def test_save_as_import_and_export_start_in_the_users_documents(qapp_instance, asked):
    dialogs.ask_save_path(None, "Battery scale-up.iipw")
    dialogs.ask_export_path(None, "Battery scale-up - ecosystem.csv", "CSV (*.csv)")
    dialogs.ask_import_paths(None, "CSV (*.csv)", "Import actors and links")
    dialogs.ask_open_path(None)
    start = dialogs.start_folder()
    assert start.is_absolute() and start.is_dir()
    assert [Path(p) for p in asked] == [
        start / "Battery scale-up.iipw",
        start / "Battery scale-up - ecosystem.csv",
        start,
        start,
    ]


def test_a_folder_the_caller_knows_is_kept(qapp_instance, asked, tmp_path):
    known = tmp_path / "drafts"
    dialogs.ask_open_path(None, str(known))
    dialogs.ask_save_path(None, str(known / "Draft.iipw"))
    assert asked == [str(known), str(known / "Draft.iipw")]
