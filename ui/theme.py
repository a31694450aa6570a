"""Themes (light and high contrast) as Qt style sheets in resources/themes, and built-in help text."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from resources import FOLDER
from ui import settings

THEMES = {"light": "Light", "high_contrast": "High contrast"}
DEFAULT = "light"


def current() -> str:
    value = settings.settings().value("theme", DEFAULT)
    return value if value in THEMES else DEFAULT


def style_sheet(key: str) -> str:
    return (FOLDER / "themes" / f"{key}.qss").read_text(encoding="utf-8")


def apply(key: str | None = None, *, remember: bool = True) -> None:
    """Apply the theme chosen (remembered, unless for a passing presentation), else the remembered one."""
    chosen = key if key in THEMES else None
    key = chosen or current()
    app = QApplication.instance()
    if app is not None:
        app.setStyleSheet(style_sheet(key))
        app.setProperty("theme", key)
    if remember and chosen is not None:
        settings.settings().setValue("theme", key)


def read_help(name: str) -> str:
    return (FOLDER / "help" / name).read_text(encoding="utf-8")
