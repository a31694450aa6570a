"""Canvases a screen reader can walk and a keyboard can visit, item by item.

Graphics items are not widgets, so Qt tells assistive technology nothing about them. Here a canvas
view's accessible interface (installed as a factory for every ZoomableView) lists the items its scene
names (`readable_items`, `spoken`) as children: name, description, role, state and where they are on
screen. The view's Reader keeps a keyboard cursor on one item, apart from the selection: Tab visits
the items in reading order (past the last one focus moves on), arrows go to the nearest item that
way, and every move is announced (a focus event), as is a change of selection.

Item interfaces are Python objects the accessibility cache keeps by pointer: each is registered when
made, held here while its item is on the canvas, and taken out of the cache before it is let go.
"""

from __future__ import annotations

from collections.abc import Iterable
from statistics import median
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QGraphicsItem

from ui import live

if TYPE_CHECKING:
    from ui.canvas.view import ZoomableView

ITEM_ROLE = QAccessible.Role.ListItem  # a map read as a list: "Hydrogen valley, 3 of 27"
VIEW_ROLE = QAccessible.Role.List


def reading_order(items: Iterable[QGraphicsItem]) -> list[QGraphicsItem]:
    """Rows from top to bottom, left to right within a row (a row is an item's height high)."""
    rects = [(item, item.sceneBoundingRect()) for item in items]
    if not rects:
        return []
    row = max(1.0, median(r.height() for _i, r in rects))
    rects.sort(key=lambda p: (int(p[1].center().y() // row), p[1].center().x(), p[1].center().y()))
    return [item for item, _r in rects]


def nearest(items: list[QGraphicsItem], origin: QGraphicsItem, dx: int, dy: int) -> QGraphicsItem | None:
    """The item closest to `origin` in direction (dx, dy), favouring those straight ahead."""
    here = origin.sceneBoundingRect().center()
    best, best_cost = None, float("inf")
    for item in items:
        there = item.sceneBoundingRect().center()
        ahead = (there.x() - here.x()) * dx + (there.y() - here.y()) * dy
        if item is origin or ahead <= 0:
            continue
        aside = abs((there.x() - here.x()) * dy) + abs((there.y() - here.y()) * dx)
        cost = ahead + 2 * aside
        if cost < best_cost:
            best, best_cost = item, cost
    return best


class Reader:
    """The readable items of one canvas view, in reading order, and the keyboard cursor among them."""

    def __init__(self, view: ZoomableView):
        self.view = view
        self.cursor: QGraphicsItem | None = None
        self._order: list[QGraphicsItem] | None = None
        self._faces: dict[QGraphicsItem, ItemAccessible] = {}
        faces = self._faces  # not self: the view's end must not keep the reader alive
        view.destroyed.connect(lambda _obj=None: _forget(faces, list(faces)))

    # ----- the items --------------------------------------------------------------------------
    def items(self) -> list[QGraphicsItem]:
        """The scene's readable items in reading order (worked out once per turn of the event loop)."""
        if self._order is None:
            scene = self.view.scene()
            readable = getattr(scene, "readable_items", None)
            self._order = list(readable()) if readable is not None else []
            QTimer.singleShot(0, self._stale)
            gone = [item for item in self._faces if item not in set(self._order)]
            _forget(self._faces, gone)
            if self.cursor is not None and (not shiboken6.isValid(self.cursor) or self.cursor not in self._order):
                self.cursor = None
        return self._order

    def _stale(self) -> None:
        self._order = None

    def spoken(self, item: QGraphicsItem) -> tuple[str, str]:
        return self.view.scene().spoken(item)  # type: ignore[attr-defined]  # readable scenes say it

    def face(self, item: QGraphicsItem) -> ItemAccessible:
        """The accessible interface of `item`, made and registered on first use."""
        face = self._faces.get(item)
        if face is None:
            face = self._faces[item] = ItemAccessible(self, item)
            QAccessible.registerAccessibleInterface(face)
        return face

    def item_of(self, face: QAccessibleInterface) -> QGraphicsItem | None:
        return next((item for item, f in self._faces.items() if f is face), None)

    # ----- the cursor ---------------------------------------------------------------------------
    def current(self) -> QGraphicsItem | None:
        """The item under the cursor, else the one selected item."""
        items = self.items()
        if self.cursor is not None:
            return self.cursor
        selected = [i for i in items if i.isSelected()]
        return selected[0] if len(selected) == 1 else None

    def move_to(self, item: QGraphicsItem | None, *, select: bool) -> None:
        """Put the cursor on `item` (None: off the canvas), show it, and say so; `select` selects it alone."""
        self.cursor = item
        self.view.viewport().update()
        if item is None:
            return
        self.view.ensureVisible(item, 20, 20)
        if select:
            scene = self.view.scene()
            scene.clearSelection()
            item.setSelected(True)
        self.announce_focus()

    def announce_focus(self) -> None:
        if self.cursor is not None and self.view.hasFocus():
            live.send(QAccessibleEvent(self.face(self.cursor), QAccessible.Event.Focus))

    def step(self, forward: bool) -> bool:
        """Tab: the next item in reading order, selected; False past either end (the cursor leaves)."""
        items = self.items()
        start = self.cursor if self.cursor is not None else self.current()
        first = 0 if forward else len(items) - 1
        at = items.index(start) + (1 if forward else -1) if start in items else first
        if not 0 <= at < len(items):
            self.move_to(None, select=False)
            return False
        self.move_to(items[at], select=True)
        return True

    def go(self, dx: int, dy: int) -> bool:
        """An arrow: the nearest item that way (the first item when there is no cursor yet); the
        selection stays as it is."""
        items = self.items()
        start = self.current()
        target = (items[0] if items else None) if start is None else nearest(items, start, dx, dy)
        if target is None:
            return False
        self.move_to(target, select=False)
        return True

    def pick(self, add: bool) -> bool:
        """Space: select the item under the cursor alone; Ctrl+Space: add it to the selection or take it out."""
        item = self.cursor
        if item is None or not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable:
            return False
        if add:
            item.setSelected(not item.isSelected())
        else:
            self.view.scene().clearSelection()
            item.setSelected(True)
        return True

    def selection_changed(self) -> None:
        """Say what is selected now: the one item, or that the selection within the canvas changed
        (from the scene's own list of selected items: a selection costs no walk of the whole map)."""
        scene = self.view.scene() if shiboken6.isValid(self.view) else None
        if scene is None or not shiboken6.isValid(scene):
            return  # the canvas is being taken down
        selected = scene.selectedItems()
        if len(selected) == 1:
            live.send(QAccessibleEvent(self.face(selected[0]), QAccessible.Event.Selection))
        else:
            live.send(QAccessibleEvent(self.view, QAccessible.Event.SelectionWithin))


def _forget(faces: dict[QGraphicsItem, ItemAccessible], items: list[QGraphicsItem]) -> None:
    """Take the interfaces of `items` out of the accessibility cache, then let them go."""
    for item in items:
        face = faces.pop(item)
        if shiboken6.isValid(face):
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(face))


class ItemAccessible(QAccessibleInterface):
    """One item of a canvas, as assistive technology sees it."""

    def __init__(self, reader: Reader, item: QGraphicsItem):
        super().__init__()
        self.reader = reader
        self.item = item

    def _live(self) -> bool:
        return shiboken6.isValid(self.item) and shiboken6.isValid(self.reader.view)

    def isValid(self) -> bool:
        return self._live() and self.item.scene() is self.reader.view.scene()

    def object(self) -> QObject | None:  # type: ignore[override]  # Qt takes None
        return None

    def window(self):
        return self.reader.view.window().windowHandle() if self._live() else None

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes None
        return QAccessible.queryAccessibleInterface(self.reader.view) if self._live() else None

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes None
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes None
        return None

    def text(self, kind: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        name, description = self.reader.spoken(self.item)
        if kind == QAccessible.Text.Name:
            return name
        if kind in (QAccessible.Text.Description, QAccessible.Text.Help):
            return description
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        """Read only: a name is changed with F2 (the section's rename), which is one undo step."""

    def role(self) -> QAccessible.Role:
        return ITEM_ROLE

    def rect(self) -> QRect:
        """Where the item is on the screen."""
        if not self.isValid():
            return QRect()
        view = self.reader.view
        shown = view.mapFromScene(self.item.sceneBoundingRect()).boundingRect()
        return QRect(view.viewport().mapToGlobal(shown.topLeft()), shown.size())

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        if not self.isValid():
            state.invalid = True
            return state
        view = self.reader.view
        state.focusable = True
        state.selectable = bool(self.item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        state.selected = self.item.isSelected()
        state.focused = self.reader.cursor is self.item and view.hasFocus()
        state.invisible = not self.item.isVisible()
        state.offscreen = not view.viewport().rect().intersects(self.rect().translated(-self._origin()))
        return state

    def _origin(self) -> QPoint:
        return self.reader.view.viewport().mapToGlobal(QPoint(0, 0))


class CanvasAccessible(QAccessibleWidget):
    """A canvas view: its own widgets (scroll bars), then its scene's readable items in reading order."""

    def __init__(self, view: ZoomableView):
        super().__init__(view, VIEW_ROLE)
        self.view = view

    def _own(self) -> int:
        return super().childCount()

    def childCount(self) -> int:
        return self._own() + len(self.view.reader.items())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes None
        own = self._own()
        if index < own:
            return super().child(index)
        items = self.view.reader.items()
        return self.view.reader.face(items[index - own]) if index - own < len(items) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        item = self.view.reader.item_of(child)
        if item is None:
            return super().indexOfChild(child)
        items = self.view.reader.items()
        return self._own() + items.index(item) if item in items else -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes None
        reader = self.view.reader
        if reader.cursor is not None and self.view.hasFocus() and reader.cursor in reader.items():
            return reader.face(reader.cursor)
        return super().focusChild()

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes None
        at = self.view.viewport().mapFromGlobal(QPoint(x, y))
        readable = set(self.view.reader.items())
        hit = next((i for i in self.view.items(at) if i in readable), None)
        return self.view.reader.face(hit) if hit is not None else super().childAt(x, y)


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    from ui.canvas.view import ZoomableView

    return CanvasAccessible(obj) if isinstance(obj, ZoomableView) else None


_installed: list[bool] = []


def install() -> None:
    """Give every canvas view its accessible interface (once per process)."""
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed.append(True)
