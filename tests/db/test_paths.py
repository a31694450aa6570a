"""The app-data folders are made when missing and only looked at when there: each backup and working copy
asks for its folder, which is there nearly always."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import backups, paths


def test_a_folder_missing_is_made_and_one_there_is_looked_at_not_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "home"))
    assert paths.backups_dir().is_dir() and backups.folder_for(tmp_path / "policy.iipw").is_dir()
    made = []
    real = Path.mkdir
    monkeypatch.setattr(Path, "mkdir", lambda self, *a, **k: made.append(self) or real(self, *a, **k))
    paths.backups_dir()
    backups.folder_for(tmp_path / "policy.iipw")
    assert made == []
    paths.logs_dir()
    assert made == [tmp_path / "home" / "logs"]


def test_a_file_where_the_folder_should_be_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "home"))
    paths.app_data_dir()
    (tmp_path / "home" / "backups").write_text("not a folder")
    with pytest.raises(FileExistsError):
        paths.backups_dir()
