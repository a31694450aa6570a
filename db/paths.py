"""Where the application keeps its own files: working copies, backups, logs, settings."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "IIP Workbench"
HOME_ENV = "IIP_WORKBENCH_HOME"  # overrides the app-data folder (tests, portable installs)


def app_data_dir() -> Path:
    override = os.environ.get(HOME_ENV)
    return present(Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def working_dir() -> Path:
    return _sub("working")


def backups_dir() -> Path:
    return _sub("backups")


def logs_dir() -> Path:
    return _sub("logs")


def _sub(name: str) -> Path:
    return present(app_data_dir() / name)


def present(folder: Path) -> Path:
    """`folder`, made if it is not there. Asked before every backup and working copy, and there nearly
    always: one look at it, where creating it anyway was a refusal, an exception and then a look."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
    return folder
