"""Render a view to PNG without a screen (docs, tests, automation)."""

from __future__ import annotations

import os
from pathlib import Path

from workbench.errors import WorkbenchError


def render(path: Path | None, view: str, output: Path, width: int = 1280, height: int = 800) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui import theme
    from ui.app import application
    from ui.main_window import MainWindow
    from ui.views.base import SectionView
    from ui.views.sections import BY_KEY

    if view not in ("window", "welcome", *BY_KEY):
        raise WorkbenchError(f"Unknown view {view!r}; choose window, welcome or one of: {', '.join(BY_KEY)}")
    if not (8 <= width <= 8000 and 8 <= height <= 8000):
        raise WorkbenchError("Width and height must be between 8 and 8000 pixels.")
    output = Path(output)
    if not output.parent.exists():
        raise WorkbenchError(f"The folder {output.parent} does not exist.")
    app = application()
    theme.apply()
    window = MainWindow()
    try:
        window.resize(width, height)
        if view != "welcome":
            if path is None:
                raise WorkbenchError("Give the document to render.")
            from db.session import DocumentSession
            from ui.document import OpenDocument

            try:  # as the user sees it: editable, unless someone has it open
                session = DocumentSession.open(Path(path))
            except WorkbenchError:
                session = DocumentSession.open(Path(path), read_only=True)
            window.set_document(OpenDocument(session, window))
            # The whole window shows the heart of the product, the spheres canvas.
            window.show_section("spheres" if view == "window" else view)
        window.show()
        app.processEvents()
        shown = window.current_view()
        if isinstance(shown, SectionView):
            shown.settle()
            app.processEvents()
        target = window if view in ("window", "welcome") else shown
        assert target is not None  # show_section above put the section in front
        if view not in ("window", "welcome"):
            # A section alone: no docks, and the window grown so the section gets the size asked for.
            window.nav_dock.hide()
            window.inspector_dock.hide()
            app.processEvents()
            window.resize(window.width() + width - target.width(), window.height() + height - target.height())
            app.processEvents()
        image = target.grab()
        if not image.save(str(output), "PNG"):
            raise WorkbenchError(f"Could not write {output}.")
    finally:
        if window.doc is not None:
            doc = window.doc
            window.set_document(None)
            doc.close()
        window.close()
        window.deleteLater()
        app.processEvents()
    return output
