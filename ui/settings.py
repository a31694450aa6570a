"""Remembered settings: window layout, theme and recent files (QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from db.paths import app_data_dir

MAX_RECENT = 10


def settings() -> QSettings:
    """Settings live in an INI file in the app-data folder: portable, and easy to reset."""
    return QSettings(str(app_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_files(kept: QSettings | None = None) -> list[Path]:
    value = (kept or settings()).value("recentFiles", [])
    paths = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(p) for p in paths]


def add_recent(path: Path) -> None:
    path, kept = Path(path).resolve(), settings()  # the file read once
    paths = [p for p in recent_files(kept) if p != path]
    kept.setValue("recentFiles", [str(p) for p in [path, *paths][:MAX_RECENT]])
