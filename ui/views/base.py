"""What every section view may offer the shell. The shell enables an Edit or View action only
when the current view implements it (the method is overridden)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui import actions
from ui.document import OpenDocument

# Actions a view can take over from the shell; the shell greys out those a view does not override.
VIEW_ACTIONS = ("cut", "copy", "paste", "delete", "select_all", "find", "zoom_in", "zoom_out", "zoom_fit", "export")


class SectionView(QWidget):
    """Base of the views in the central area; `doc` is the open document."""

    # [(kind, id), ...]: the window selects these and shows the section that lists them.
    jump_requested = Signal(object)
    section_requested = Signal(str)  # a section's key: the window shows that section

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc

    def view_action(
        self, name: str, slot: Callable[[], object] | None = None, within: QWidget | None = None
    ) -> QAction:
        """Registry entry `name` (ui/actions.py) as this view's action: its key works while the focus is
        inside the view (or the part of it `within`), so several views may use the same keys
        (Ctrl+Shift+A adds to whichever register is on screen)."""
        return actions.make(within or self, name, slot)

    def settle(self) -> None:
        """Finish now what the view does a moment after showing (a picture of it needs it done)."""

    def supports(self, action: str) -> bool:
        method = getattr(type(self), action, None)
        return method is not None and method is not getattr(SectionView, action, None)

    def cut(self) -> None: ...
    def copy(self) -> None: ...
    def paste(self) -> None: ...
    def delete(self) -> None: ...
    def select_all(self) -> None: ...
    # Qt's static QWidget.find(window id) is never used on a view; the Find action keeps its plain name.
    def find(self) -> None: ...  # type: ignore[override]
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def zoom_fit(self) -> None: ...
    def export(self) -> None: ...
