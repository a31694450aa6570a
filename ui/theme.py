"""Themes (light and high contrast) from resources/themes, how canvases draw in the window showing
them (its theme's colours; on the presentation stage, text no smaller than a room can read), and
built-in help text.

A theme is a palette, an optional style sheet for the whole application, and roles: a widget that
takes a role (`take_role(label, "hint")`) gets that role's declarations as its own style sheet, and
again whenever the theme changes. The light theme has no application-wide style sheet: one makes Qt
restyle every widget, about 5 ms of each start.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QPaintDevice, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from resources import FOLDER
from ui import settings

THEMES = {"light": "Light", "high_contrast": "High contrast"}
DEFAULT = "light"
ROLE = "themeRole"  # the widget property naming its role
SMALLEST_TEXT_PX = "smallestTextPx"  # a window property: no canvas text on it below these pixels (the stage)


def current() -> str:
    value = settings.settings().value("theme", DEFAULT)
    return value if value in THEMES else DEFAULT


@cache
def spec(key: str) -> dict:
    return json.loads((FOLDER / "themes" / f"{key}.json").read_text(encoding="utf-8"))


def style_sheet(key: str) -> str:
    """The theme's style sheet; its pictures (`url(theme:arrow_up.svg)`) are the files beside it."""
    name = spec(key)["style_sheet"]
    if not name:
        return ""
    QDir.setSearchPaths("theme", [str(FOLDER / "themes")])
    return (FOLDER / "themes" / name).read_text(encoding="utf-8")


def apply(key: str | None = None, *, remember: bool = True) -> None:
    """Apply the theme chosen (remembered, unless for a passing presentation), else the remembered one."""
    chosen = key if key in THEMES else None
    key = chosen or current()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(palette(key, app.palette()))  # each theme sets the same roles; app.style() would build QStyle
        app.setStyleSheet(style_sheet(key))
        app.setProperty("theme", key)
        for widget in app.allWidgets():
            if widget.property(ROLE):
                widget.setStyleSheet(_role_sheet(key, widget.property(ROLE)))
        _redraw_canvases()
    if remember and chosen is not None:
        settings.settings().setValue("theme", key)


def palette(key: str, base: QPalette) -> QPalette:
    """`base` with the theme's colours; a disabled control looks it, not only where a style sheet says so."""
    # Changed in place, enums looked up by name: copying a palette (QPalette(base)) or naming an enum
    # member as an attribute builds Qt's whole namespace of enums, which start-up does without.
    themed = base
    for role, colour in spec(key)["palette"].items():
        themed.setColor(QPalette.ColorRole[role], QColor(colour))
    disabled = QPalette.ColorGroup["Disabled"]
    for role, colour in spec(key)["disabled"].items():
        themed.setColor(disabled, QPalette.ColorRole[role], QColor(colour))
    return themed


def apply_to(widget: QWidget, key: str) -> None:
    """One window in a theme of its own (the presentation stage), the rest of the application as it is."""
    widget.setPalette(palette(key, widget.palette()))
    widget.setStyleSheet(style_sheet(key))
    widget.setProperty("theme", key)


def present(key: str | None) -> None:
    """A window in theme `key` (the presentation stage) shows, or no longer does (None): lines Qt paints
    with one pen for every view take its colours meanwhile (`line_ink`), and the canvases draw again."""
    global _presenting
    _presenting = key
    _redraw_canvases()


def _redraw_canvases() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in app.allWidgets():
            if hasattr(widget, "theme_changed"):  # canvases and charts draw with the theme's colours
                widget.theme_changed()


def take_role(widget: QWidget, role: str) -> None:
    """Style `widget` as the current theme styles `role` (navigator, error, hint, strong, title, primary, list)."""
    widget.setProperty(ROLE, role)
    app = QApplication.instance()
    widget.setStyleSheet(_role_sheet((app and app.property("theme")) or current(), role))


def _role_sheet(key: str, role: str) -> str:
    return spec(key)["roles"][role]


@dataclass(frozen=True)
class Ink:
    """The colours the canvases draw with in one theme (the theme file's "canvas"). None keeps the
    colour the document or the item's kind gives (a sphere's own colour, a link type's, a group's, an
    actor type's)."""

    key: str
    background: QColor
    ink: QColor  # text and outlines
    muted: QColor  # secondary text
    line: QColor  # card edges, rules
    faint: QColor  # light edges
    card: QColor
    panel: QColor  # headers, badges
    shade: QColor  # every other column
    outside: QColor  # the area outside the spheres
    selected: QColor
    cursor: QColor  # the keyboard cursor
    warn: QColor
    warn_fill: QColor
    creation_fill: QColor
    capture_fill: QColor
    both_fill: QColor
    creation_edge: QColor
    capture_edge: QColor
    both_edge: QColor
    rationale: QColor  # the theory of change's steps
    activity: QColor
    output: QColor
    outcome: QColor
    impact: QColor
    chart_bar: QColor
    chart_creation: QColor
    chart_both: QColor
    chart_capture: QColor
    sphere_edge: QColor | None  # one ink for every sphere's outline; each is then drawn in a line of its own
    sphere_fill: QColor | None  # None: the sphere's own colour, translucent
    link: QColor | None
    note: QColor | None
    actor: QColor | None

    def role_fill(self, role: str) -> QColor:
        return getattr(self, f"{role}_fill")

    def role_edge(self, role: str) -> QColor:
        return getattr(self, f"{role}_edge")


@cache
def ink_of(key: str) -> Ink:
    colours = spec(key)["canvas"]
    values: dict[str, Any] = {  # a colour or None, as each field of Ink says
        f.name: None if colours[f.name] is None else QColor(colours[f.name]) for f in fields(Ink)[1:]
    }
    return Ink(key, **values)


_painting: list[QWidget] = []  # the views painting now, innermost last (see `painting`)
_presenting: str | None = None  # the theme of the presentation stage while it shows (see `present`)


@contextmanager
def painting(view: QWidget) -> Iterator[None]:
    """While `view` paints: items drawn into their cache are painted with no widget, and are told the
    theme of the view that shows them from here (the stage is high contrast, the laptop maybe not)."""
    _painting.append(view)
    try:
        yield
    finally:
        _painting.pop()


def viewport_of(where: QPaintDevice | None) -> QWidget | None:
    """The view's viewport that `where` is (a painter's device), else the one painting now (see `painting`)."""
    if not isinstance(where, QWidget) and _painting:
        where = _painting[-1]
    return where if isinstance(where, QWidget) else None


def ink(where: QPaintDevice | None = None) -> Ink:
    """The canvas colours for what is painted on `where` (a view's viewport, the painter's device), else
    for the view painting now: its window's own theme (the presentation stage), else the application's."""
    view = viewport_of(where)
    key = view.window().property("theme") if view is not None else None
    if key in THEMES:
        return ink_of(key)
    app = QApplication.instance()
    if app is None:
        return ink_of(current())
    if app.property("theme") not in THEMES:  # none applied yet: the remembered one, read once (not per item painted)
        app.setProperty("theme", current())
    return ink_of(app.property("theme"))


def focus_ring(widget: QWidget) -> tuple[str, int]:
    """The colour and width of the ring round the control with the keyboard, in `widget`'s theme."""
    ring = spec(ink(widget).key)["focus_ring"]
    return ring["colour"], ring["width"]


def presenting() -> bool:
    """Whether the presentation stage shows in a theme of its own (see `present`)."""
    return _presenting in THEMES


def line_ink() -> Ink:
    """The colours of lines Qt paints itself with one pen for every view showing them (a Python paint per
    line would slow a large chain several times): the stage's while it shows, for the room, else the
    application's. The laptop's lines then differ from its theme at most in a selected line's colour."""
    return ink_of(_presenting) if presenting() else ink()


def smallest_text(where: QPaintDevice | None = None) -> float | None:
    """The smallest text, in points on the screen, that the window showing `where` (as for `ink`) may
    show: the presentation stage's minimum for a room (its SMALLEST_TEXT_PX), None elsewhere."""
    view = viewport_of(where)
    pixels = view.window().property(SMALLEST_TEXT_PX) if view is not None else None
    return float(pixels) * 72 / view.logicalDpiY() if view is not None and pixels else None


def read_help(name: str) -> str:
    return (FOLDER / "help" / name).read_text(encoding="utf-8")
