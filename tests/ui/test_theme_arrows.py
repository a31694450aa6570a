"""High contrast shows a spin box's arrows: each arrow's glyph reaches 3:1 (WCAG's minimum for a control's
graphics) against its button, so a projector and low vision see where to click."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QSpinBox, QStyle, QStyleOptionSpinBox, QWidget

from tests.ui.test_theme_contrast import ratio
from ui import theme

GRAPHICS = 3.0


def _middle(rect: QRect) -> QRect:
    """The middle of a button, where its arrow is drawn (away from its frame and the box's border)."""
    assert rect.isValid()
    return rect.adjusted(rect.width() // 4, rect.height() // 4, -(rect.width() // 4), -(rect.height() // 4))


def _contrast(image: QImage, rect: QRect) -> float:
    """The strongest contrast in `rect` between a pixel and the button's own colour (its most common one)."""
    assert image.rect().contains(rect)
    pixels = [
        image.pixelColor(x, y).rgb()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    ]
    ground = QColor.fromRgb(max(set(pixels), key=pixels.count))
    return max(ratio(QColor.fromRgb(p), ground) for p in set(pixels))


def test_high_contrast_spin_box_arrows_reach_3_to_1_against_their_buttons(qapp_instance, qtbot):
    theme.apply("high_contrast", remember=False)
    try:
        host = QWidget()
        qtbot.addWidget(host)
        box = QSpinBox(host)
        box.setValue(5)  # both arrows can step
        box.setGeometry(10, 10, 160, 32)
        host.resize(180, 52)
        host.show()
        image = box.grab().toImage()
        option = QStyleOptionSpinBox()
        box.initStyleOption(option)
        for part in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
            button = box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, box)
            assert _contrast(image, _middle(button)) >= GRAPHICS, part
    finally:
        theme.apply("light", remember=False)
