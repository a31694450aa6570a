"""On the stage every card's name and every region's count is written at one size, never below the
stage's minimum (ui.presentation.TEXT_SHARE of its height), on a 720-line projector as on a 1080-line one."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem

from ui import theme
from ui.canvas.cards import font
from ui.presentation import TEXT_SHARE
from ui.views.spheres.items import LABEL_BOX, PolicyItem, RegionLabel


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


def test_region_counts_shown_by_the_stage_itself_are_written_at_its_minimum(sample, monkeypatch):
    """As the stage's view paints them (through the items' caches), not only as their paint would."""
    from ui import dialogs

    window = sample
    monkeypatch.setattr(dialogs, "ask_second_screen", lambda parent: False)
    window.show_section("spheres")
    assert window.presentation.enter()
    try:
        stage = window.presentation.stage
        stage.showNormal()
        stage.resize(1280, 720)
        QApplication.processEvents()
        picture = stage.view.viewport().grab().toImage()
        wanted = QFontMetricsF(font(TEXT_SHARE * 720 * 72 / stage.logicalDpiY(), bold=True))
        measured = 0
        for label in (i for i in stage.view.scene().items() if isinstance(i, RegionLabel)):
            centre = stage.view.mapFromScene(label.scenePos()) + LABEL_BOX.center().toPoint()
            if not picture.rect().contains(centre):
                continue  # off the stage until panned to
            words = wanted.tightBoundingRect(label.text())
            reach, rows = int(words.width()), int(words.height() / 3)  # around the words' middle
            inked = [
                x
                for x in range(max(0, centre.x() - reach), min(picture.width(), centre.x() + reach))
                for y in range(centre.y() - rows, centre.y() + rows)
                if QColor(picture.pixel(x, y)).lightness() < 100
            ]
            # (written small and scaled, its letters are hinted a little narrower than at the size itself)
            assert inked and max(inked) - min(inked) >= 0.75 * words.width(), (label.text(), min(inked), max(inked))
            measured += 1
        assert measured >= 3
    finally:
        window.presentation.leave()
