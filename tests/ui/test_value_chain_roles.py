"""The value-chain budget chart tells the value roles apart by more than colour: "creates" and
"captures" turn the same grey (on a projector, in print, in the high-contrast theme where every bar is
white), so each role has its own hatching, and the key draws it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from ui import theme
from ui.views.value_chain.charts import ROLES, ChartsPanel


@pytest.fixture(params=list(theme.THEMES))
def charts(request, qapp_instance, qtbot):
    theme.apply(request.param, remember=False)
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    yield panel
    theme.apply("light", remember=False)


def _drawn(panel: ChartsPanel, role: str) -> tuple[Qt.BrushStyle, ...]:
    """The brush styles a role's bars are painted with, from the bottom up."""
    layers = [panel.budget_bars[role], panel.budget_hatches.get(role)]
    return tuple(QBrush(bars.opts["brush"]).style() for bars in layers if bars is not None)


def test_each_role_is_drawn_and_keyed_with_a_hatching_of_its_own(charts):
    looks = {role: _drawn(charts, role) for role, *_ in ROLES}
    assert len(set(looks.values())) == len(ROLES), looks
    key = re.sub(r"<[^>]+>", "", charts.key(theme.ink()))  # the words and marks a reader sees
    keyed = re.findall(r"(\S)&nbsp;(\w+)", key)
    assert [words for _mark, words in keyed] == [words for _role, words, *_ in ROLES]
    assert len({mark for mark, _words in keyed}) == len(ROLES), key  # not one coloured square for every role
