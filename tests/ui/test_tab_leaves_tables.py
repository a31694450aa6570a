"""Tab and Shift+Tab leave every table: arrows move within it, Tab moves on (no keyboard trap)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from ui.views.sections import SECTIONS


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_tab_leaves_every_table_of_every_section(window, qtbot, key):
    window.new_from_sample()
    trapped = []
    for section in (s.key for s in SECTIONS):
        window.show_section(section)
        view = window.current_view()
        for table in view.findChildren(QAbstractItemView):
            if not table.isVisible() or table.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            table.setFocus()
            qtbot.waitUntil(table.hasFocus)
            QTest.keyClick(table, key)
            if QApplication.focusWidget() is table:
                trapped.append(f"{section}: {table.objectName() or type(table).__name__}")
    assert trapped == []
