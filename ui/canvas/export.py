"""Export a canvas as PNG (at twice screen resolution), SVG or a one-page PDF, and print it.

All of them draw the scene itself, so what is exported looks like the screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from workbench.errors import WorkbenchError

FORMATS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF document (*.pdf)"}
MARGIN = 30.0


def content_rect(scene: QGraphicsScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def export_scene(scene: QGraphicsScene, path: Path, scale: float = 2.0, title: str = "") -> Path:
    """Write the scene to `path`; the format follows the suffix (.png, .svg or .pdf)."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise WorkbenchError(f"Cannot export as {path.suffix or 'a file without extension'}; use .png, .svg or .pdf.")
    source = content_rect(scene)
    selection = scene.selectedItems()
    scene.clearSelection()  # an export shows the content, not the user's current selection
    try:
        if kind == "png":
            _png(scene, source, path, scale)
        elif kind == "svg":
            _svg(scene, source, path, title)
        else:
            _pdf(scene, source, path, title)
    finally:
        for item in selection:
            item.setSelected(True)
    return path


def _png(scene: QGraphicsScene, source: QRectF, path: Path, scale: float) -> None:
    image = QImage(QSize(round(source.width() * scale), round(source.height() * scale)), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    # PySide6 types the format as bytes, yet its binding accepts only str here (bytes raises ValueError).
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise WorkbenchError(f"Could not write {path}.")


def _svg(scene: QGraphicsScene, source: QRectF, path: Path, title: str) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title or "IIP Workbench canvas")
    generator.setDescription("Exported from IIP Workbench")
    painter = QPainter(generator)
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    if not path.exists():
        raise WorkbenchError(f"Could not write {path}.")


def _pdf(scene: QGraphicsScene, source: QRectF, path: Path, title: str) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(title or "IIP Workbench canvas")
    writer.setCreator("IIP Workbench")
    orientation = (
        QPageLayout.Orientation.Landscape if source.width() >= source.height() else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(12, 12, 12, 12)))
    writer.setResolution(300)
    painter = QPainter(writer)
    if not painter.isActive():
        raise WorkbenchError(f"Could not write {path}.")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    target = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    target.moveTo(0, 0)
    scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()


def print_scene(scene: QGraphicsScene, printer) -> None:
    painter = QPainter(printer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(), content_rect(scene), Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
