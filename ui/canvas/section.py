"""What a section whose centre is a canvas adds to its SectionView: zoom, picture export and the
selection kept in step with the document, the same everywhere.

A mix-in, so the canvas package needs nothing from ui.views: `class SpheresView(CanvasSection, SectionView)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QGraphicsScene, QLabel, QWidget

from ui import dialogs
from ui.canvas.export import FORMATS, export_scene
from ui.document import OpenDocument
from workbench.errors import WorkbenchError


class Zoomable(Protocol):
    def zoom_by(self, factor: float) -> None: ...
    def fit(self) -> None: ...


if TYPE_CHECKING:
    Widget = QWidget  # what it is mixed into
else:
    Widget = object  # PySide crashes on a class with two Python QWidget bases


class CanvasSection(Widget):
    """Mixed in before SectionView (whose `doc` it uses). Subclasses set `self.canvas` (a view from
    ui.canvas.view) and `self.scene`, and name what they show.

    Selection goes both ways between the scene and the document (so the inspector follows):
    subclasses say which refs the scene has selected and how to show a given selection, and call
    `connect_selection` once their scene exists.
    """

    PICTURE_NAME = "canvas"  # used in the suggested file name and the picture's title
    doc: OpenDocument
    canvas: Zoomable
    scene: QGraphicsScene
    _syncing = False

    def connect_selection(self, scene_selection_changed) -> None:
        scene_selection_changed.connect(self._publish_selection)
        self.doc.selection_changed.connect(self._follow_selection)

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

    def zoom_in(self) -> None:
        self.canvas.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.canvas.zoom_by(0.8)

    def zoom_fit(self) -> None:
        self.canvas.fit()

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
