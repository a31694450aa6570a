"""On the stage every card's name and every region's count is written at one size, never below the
stage's minimum (ui.presentation.TEXT_SHARE of its height), on a 720-line projector as on a 1080-line one."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem

from ui import theme
from ui.presentation import TEXT_SHARE
from ui.views.spheres.items import PolicyItem, RegionLabel


class Sizes(QPainter):
    """A painter that notes how large each text it writes shows on a screen of `dpi` (pixels of em)."""

    def __init__(self, image: QImage, dpi: float):
        super().__init__(image)
        self.dpi = dpi
        self.pixels: list[float] = []

    def drawText(self, *args) -> None:
        self.pixels.append(self.font().pointSizeF() * self.dpi / 72 * self.transform().m22())
        super().drawText(*args)


def written(item: QGraphicsItem, stage, transform: QTransform) -> list[float]:
    """The sizes of the texts `item` writes on the stage, drawn as the stage's view draws it."""
    image = QImage(64, 64, QImage.Format.Format_ARGB32)  # kept while the painter draws on it
    painter = Sizes(image, stage.logicalDpiY())
    painter.setTransform(transform)
    try:
        with theme.painting(stage.view.viewport()):
            item.paint(painter, QStyleOptionGraphicsItem(), stage.view.viewport())
    finally:
        painter.end()
    return painter.pixels


def test_names_and_counts_on_the_stage_are_one_size_never_below_the_minimum(sample, monkeypatch):
    from ui import dialogs

    window = sample
    monkeypatch.setattr(dialogs, "ask_second_screen", lambda parent: False)
    window.show_section("spheres")
    items = window.current_view().canvas.scene().items()
    cards = [i for i in items if isinstance(i, PolicyItem)]
    counts = [i for i in items if isinstance(i, RegionLabel)]
    assert len(cards) > 10 and len(counts) == 7
    assert window.presentation.enter()
    try:
        stage = window.presentation.stage
        stage.showNormal()
        for width, height in ((1920, 1080), (1280, 720)):
            stage.resize(width, height)
            QApplication.processEvents()
            assert stage.height() == height
            smallest = TEXT_SHARE * height
            assert smallest >= 0.022 * height - 0.01  # 24 px at 1080 lines, 16 at 720
            names = [written(card, stage, stage.view.transform())[-1] for card in cards]  # the name is written last
            assert min(names) >= smallest - 0.01, (height, min(names))
            assert max(names) == pytest.approx(min(names)), (height, names)  # long names elided, not shrunk
            for label in counts:  # drawn the same size at any zoom, but larger on the stage
                assert written(label, stage, QTransform()) == [pytest.approx(smallest, abs=0.01)]
    finally:
        window.presentation.leave()
