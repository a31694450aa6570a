"""Every text the stage shows, on every board it can present, is at least the stage's minimum
(ui.presentation.TEXT_SHARE of its height), on a 720-line projector as on a 1080-line one: stage numbers,
amounts, subtitles, region tags and counts as well as names and notes."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QFont, QImage, QPainter, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
)

from ui import theme
from ui.presentation import TEXT_SHARE

BOARDS = ("spheres", "value-chain", "ecosystem", "theory-of-change", "workshop")
SIZES = ((1920, 1080), (1280, 720))


def pixels(font: QFont, dpi: float, transform: QTransform) -> float:
    """How tall the em of `font` shows on the screen through `transform`."""
    em = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * dpi / 72
    return em * math.hypot(transform.m21(), transform.m22())


class Sizes(QPainter):
    """A painter that notes each text it writes with its size on a screen of `dpi`."""

    def __init__(self, image: QImage, dpi: float):
        super().__init__(image)
        self.dpi = dpi
        self.written: list[tuple[float, str]] = []

    def drawText(self, *args) -> None:
        words = next((a for a in args if isinstance(a, str)), "")
        if words.strip():
            self.written.append((pixels(self.font(), self.dpi, self.transform()), words))
        super().drawText(*args)


def stage_texts(stage) -> list[tuple[float, str, str]]:
    """(pixels, text, what writes it) for every text on the board, as the stage's view transforms it."""
    view = stage.view
    scene = view.scene()
    dpi = stage.logicalDpiY()
    image = QImage(64, 64, QImage.Format.Format_ARGB32)  # kept while the painters draw on it
    found: list[tuple[float, str, str]] = []
    with theme.painting(view.viewport()):
        painter = Sizes(image, dpi)
        painter.setTransform(view.viewportTransform())
        scene.drawBackground(painter, scene.sceneRect())
        painter.end()
        found += [(px, text, type(scene).__name__) for px, text in painter.written]
        for item in scene.items():
            if not item.isVisible():
                continue
            transform = item.deviceTransform(view.viewportTransform())
            if isinstance(item, QGraphicsSimpleTextItem | QGraphicsTextItem):
                text = item.text() if isinstance(item, QGraphicsSimpleTextItem) else item.toPlainText()
                if text.strip():
                    found.append((pixels(item.font(), dpi, transform), text, type(item).__name__))
                continue
            painter = Sizes(image, dpi)
            painter.setTransform(transform)
            try:
                item.paint(painter, QStyleOptionGraphicsItem(), view.viewport())
            finally:
                painter.end()
            found += [(px, text, type(item).__name__) for px, text in painter.written]
    return found


@pytest.mark.parametrize("board", BOARDS)
def test_no_text_on_the_stage_is_below_its_minimum(sample, monkeypatch, board):
    from ui import dialogs

    window = sample
    monkeypatch.setattr(dialogs, "ask_second_screen", lambda parent: False)
    window.show_section(board)
    QApplication.processEvents()
    assert window.presentation.enter()
    try:
        stage = window.presentation.stage
        stage.showNormal()
        for width, height in SIZES:
            stage.resize(width, height)
            QApplication.processEvents()
            assert stage.height() == height
            smallest = TEXT_SHARE * height
            texts = stage_texts(stage)
            assert len(texts) > 10, texts
            small: dict[str, tuple[float, set[str]]] = {}  # what writes small: its smallest size, its texts
            for px, text, kind in texts:
                if px < smallest - 0.05:
                    least, words = small.get(kind, (px, set()))
                    small[kind] = (round(min(least, px), 1), words | {text})
            assert not small, f"below {smallest:.1f} px at {height} lines: {small}"
    finally:
        window.presentation.leave()
