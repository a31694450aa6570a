"""What a section whose centre is a canvas adds to its SectionView: zoom, picture export, the
selection kept in step with the document and renaming the item under the keyboard cursor, the same
everywhere.

A mix-in, so the canvas package needs nothing from ui.views: `class SpheresView(CanvasSection, SectionView)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QLabel,
    QMenu,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolBar,
    QToolButton,
    QWidget,
)

from db import operations as ops
from ui import actions, dialogs
from ui.canvas.export import FORMATS, export_scene
from ui.canvas.view import ZoomableView
from ui.commands import StoreCommand
from ui.document import OpenDocument
from workbench.errors import ValidationError, WorkbenchError

if TYPE_CHECKING:
    Widget = QWidget  # what it is mixed into
else:
    Widget = object  # PySide crashes on a class with two Python QWidget bases


class MenuButton(QToolButton):
    """Opens its menu at once, its arrow beside its words in room of its own: the style's own arrow sat in
    the words' corner, crowded against them and cut at the bottom."""

    def _arrow_room(self) -> int:
        return self.fontMetrics().height() * 3 // 4 + 2  # as the type grows (a theme's style sheet may say 0)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self._arrow_room(), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.features &= ~QStyleOptionToolButton.ToolButtonFeature.HasMenu  # its arrow is drawn below instead
        words, option.text = option.text, ""
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)  # the button, empty
        room, whole = self._arrow_room(), QRect(option.rect)
        option.text, option.rect = words, whole.adjusted(0, 0, -room, 0)
        painter.drawControl(QStyle.ControlElement.CE_ToolButtonLabel, option)
        # In the words' own colour (the style's arrow is a pale grey): a triangle pointing down.
        group = QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(group, QPalette.ColorRole.ButtonText))
        half, x, y = room * 0.3, whole.right() - room * 0.7, whole.center().y() + 1
        painter.drawPolygon(
            QPolygonF([QPointF(x - half, y - half / 2), QPointF(x + half, y - half / 2), QPointF(x, y + half / 2)])
        )


def menu_button(name: str, text: str, tip: str, menu: QMenu) -> QToolButton:
    """A toolbar button that opens `menu` at once (Export, Arrange, Lay out)."""
    button = MenuButton()
    button.setObjectName(name)
    button.setText(text)
    button.setToolTip(tip)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return button


class CanvasSection(Widget):
    """Mixed in before SectionView (whose `doc` it uses). Subclasses set `self.canvas` (a view from
    ui.canvas.view) and `self.scene`, and name what they show.

    Selection goes both ways between the scene and the document (so the inspector follows):
    subclasses say which refs the scene has selected and how to show a given selection, and call
    `connect_selection` once their scene exists. F2 or Enter on an item renames it in place when
    the subclass says which field is its name (`renamable`).
    """

    PICTURE_NAME = "canvas"  # used in the suggested file name and the picture's title
    doc: OpenDocument
    canvas: ZoomableView
    scene: QGraphicsScene
    _syncing = False

    def connect_selection(self, scene_selection_changed) -> None:
        scene_selection_changed.connect(self._publish_selection)
        scene_selection_changed.connect(self.canvas.reader.selection_changed)
        self.doc.selection_changed.connect(self._follow_selection)
        self.canvas.item_activated.connect(self.activate)

    def selected_refs(self) -> list[tuple[str, str]]:
        """The (kind, id) of what is selected in the scene."""
        raise NotImplementedError

    def show_selection(self, refs: list[tuple[str, str]]) -> None:
        """Select in the scene exactly what `refs` names."""
        raise NotImplementedError

    @contextlib.contextmanager
    def _echo_guard(self) -> Iterator[None]:
        """A selection made here comes back as a signal; this keeps it from bouncing."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def _publish_selection(self) -> None:
        if not self._syncing:
            with self._echo_guard():
                self.doc.select(self.selected_refs())

    def _follow_selection(self) -> None:
        if not self._syncing:
            with self._echo_guard():
                self.show_selection(list(self.doc.selection))

    # ----- F2 and Enter ------------------------------------------------------------------------------
    def renamable(self, item: QGraphicsItem) -> tuple[str, str, str] | None:
        """(kind, id, field) of the name `item` shows, or None when it has none to rename."""
        return None

    def activate(self, item: QGraphicsItem) -> None:
        """F2 or Enter on `item`: rename it."""
        self.rename(item)

    def rename(self, item: QGraphicsItem) -> None:
        """Type a new name over the item; Enter stores it (one undo step), Escape leaves it as it was."""
        ref = self.renamable(item)
        entity = self.doc.get(ref[0], ref[1]) if ref is not None else None
        if ref is None or entity is None or self.doc.read_only or not self.canvas.isVisible():
            return  # (a key lent to the inspector may come while another tab hides the canvas)
        kind, id_, field = ref
        spec = type(entity).specs()[field]
        self.canvas.edit_text(
            item.sceneBoundingRect(),
            str(getattr(entity, field) or ""),
            lambda text: self._rename(kind, id_, field, text),
            f"{entity.LABEL} {spec.label.lower()}",
        )

    def _rename(self, kind: str, id_: str, field: str, text: str) -> None:
        entity = self.doc.get(kind, id_)
        old = getattr(entity, field, None)
        if entity is None or text == old:
            return
        try:
            entity.changed(**{field: text})
        except ValidationError as err:
            dialogs.show_error(self, err)
            return
        words = f"Rename {entity.LABEL.lower()} '{_short(str(old or ''))}' to '{_short(text)}'"
        self.doc.run(StoreCommand(ops.update([(kind, id_, {field: text})]), words, origin="canvas"))

    def zoom_in(self) -> None:
        self.canvas.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.canvas.zoom_by(0.8)

    def zoom_fit(self) -> None:
        self.canvas.fit()

    def add_zoom_actions(self, bar: QToolBar) -> None:
        """The window's zoom actions on the section's toolbar, working on this canvas."""
        for name, slot in (
            ("action_zoom_in", self.zoom_in),
            ("action_zoom_out", self.zoom_out),
            ("action_zoom_fit", self.zoom_fit),
        ):
            bar.addAction(actions.mirror(self, name, slot))

    def project_title(self) -> str:
        project = self.doc.get("project", "project")
        return project.title if project is not None and project.title else self.PICTURE_NAME

    def export(self) -> None:
        """Ask where, then write the canvas as PNG, SVG or PDF (by the file's suffix)."""
        title = self.project_title()
        path = dialogs.ask_export_path(self, f"{title} - {self.PICTURE_NAME}.png", ";;".join(FORMATS.values()))
        if path is None:
            return
        self.prepare_picture(True)
        try:
            export_scene(self.scene, Path(path), title=f"{title}: {self.PICTURE_NAME}")
        except WorkbenchError as err:
            dialogs.show_error(self, err)
        finally:
            self.prepare_picture(False)

    def prepare_picture(self, exporting: bool) -> None:
        """Hook: arrange the scene for a picture (True) and back (False)."""


def empty_hint(canvas: QWidget, text: str) -> QLabel:
    """The few words over an empty canvas that say how to begin (top left; the section shows it while
    there is nothing to see, and may move it)."""
    hint = QLabel(text, canvas)
    hint.setObjectName("emptyHint")
    hint.setWordWrap(True)
    hint.setStyleSheet("background: rgba(255,255,255,235); border: 1px solid #999; padding: 8px;")
    hint.setFixedWidth(380)
    hint.move(16, 16)
    return hint


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
