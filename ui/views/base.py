"""What every section view may offer the shell, and how it follows the document.

The shell enables an Edit or View action only when the current view implements it (the method is
overridden). A view follows edits through `follow`, which the base calls only while the view is on
screen: a hidden view keeps what it missed and catches up once when shown, so an edit costs only
the views someone is looking at (like Anki, which refreshes a hidden screen when it is next shown).
A view whose state is heavy (a scene of thousands of items) may opt in to letting go of it while
hidden and building it again from the document when shown, so browsing every section of a large
document does not keep every section in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar
from weakref import WeakSet

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from ui import actions
from ui.document import OpenDocument
from workbench.changes import Change, net

# A hidden section lets go a while after another shows: by then that one is made and drawn (its first
# turns are its heaviest: work of both in one turn held the window twice as long).
RELEASE_AFTER_MS = 1000
# Actions a view can take over from the shell; the shell greys out those a view does not override.
VIEW_ACTIONS = ("cut", "copy", "paste", "delete", "select_all", "find", "zoom_in", "zoom_out", "zoom_fit", "export")


class SectionView(QWidget):
    """Base of the views in the central area; `doc` is the open document."""

    # [(kind, id), ...]: the window selects these and shows the section that lists them.
    jump_requested = Signal(object)
    section_requested = Signal(str)  # a section's key: the window shows that section

    # Every view still alive: dropping one must release it (the UI tests check after each test).
    alive: ClassVar[WeakSet[SectionView]] = WeakSet()
    # Opt in: `release` what is heavy when hidden, `rebuild` it when shown again.
    RELEASES_WHEN_HIDDEN: ClassVar[bool] = False

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(parent)
        SectionView.alive.add(self)
        self.doc = doc
        self.missed: list[Change] = []  # changes heard while hidden, applied once when shown
        self.released = False  # let go of while hidden: built again from the document when shown
        self._release_turn = QTimer(self)
        self._release_turn.setSingleShot(True)
        self._release_turn.setInterval(RELEASE_AFTER_MS)
        self._release_turn.timeout.connect(self._release)
        doc.changed.connect(self._hear)

    # ----- following the document ------------------------------------------------------------
    def follow(self, changes: list[Change]) -> None:
        """Bring what the view shows in line with `changes` (the entities they name, the fields they
        wrote). Called only while the view is on screen; after being hidden, once with the net of
        what it missed."""

    def _hear(self, changes: list[Change]) -> None:
        if self.isVisible():
            self.follow(changes)
        elif not self.released:  # a released view builds from the document as it is when shown
            self.missed.extend(changes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._release_turn.stop()  # shown again before it let go: it has all it showed
        self.catch_up()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Not when the window is minimised (the system hides it): only when another section is shown.
        if self.RELEASES_WHEN_HIDDEN and not event.spontaneous() and not self.released:
            self._release_turn.start()

    def _release(self) -> None:
        if not self.isVisible() and not self.released:
            self.release()
            self.released, self.missed = True, []

    def catch_up(self) -> None:
        """Apply what was missed while hidden, folded so each entity is followed once (or build again
        what was let go of)."""
        if self.released:
            self.released = False
            self.rebuild()
        elif self.missed:
            missed, self.missed = net(self.missed), []
            self.follow(missed)

    def release(self) -> None:
        """Let go of what is heavy to keep (scene items, caches, copies of entities); called when hidden
        by a view that opts in with RELEASES_WHEN_HIDDEN."""

    def rebuild(self) -> None:
        """Build again, from the document as it is now, what `release` let go of."""

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
