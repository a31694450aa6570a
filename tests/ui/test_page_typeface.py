"""The pages' typeface reaches Qt a style per turn of the window's event loop, not all at once."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from templates_reports.typefaces import HOUSE
from ui import page_image


def test_each_step_hands_qt_one_style_and_the_family_asks_for_none_again(qapp, monkeypatch):
    handed: list[int] = []
    add = QFontDatabase.addApplicationFontFromData

    def counting(data):
        handed.append(len(data))
        return add(data)

    monkeypatch.setattr(page_image, "_families", {})
    monkeypatch.setattr(QFontDatabase, "addApplicationFontFromData", staticmethod(counting))
    styles = len(list(HOUSE.styles()))
    for step in range(1, styles + 1):
        assert page_image.register_next_house_style()
        assert len(handed) == step
    assert not page_image.register_next_house_style()
    assert page_image.house_family() == HOUSE.name and len(handed) == styles
