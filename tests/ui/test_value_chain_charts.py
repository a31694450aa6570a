"""The value-chain charts: count axes speak in whole instruments."""

from __future__ import annotations

import pytest

from ui.views.value_chain.charts import ChartsPanel


@pytest.mark.parametrize("top", [1.5, 3.5, 12.0, 140.0])
def test_the_trl_and_mrl_count_axes_tick_only_whole_numbers(qtbot, top):
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    for plot in (panel.trl, panel.mrl):
        axis = plot.getPlotItem().getAxis("left")
        ticks = [value for _spacing, values in axis.tickValues(0, top, 200) for value in values]
        assert ticks and all(value == int(value) for value in ticks), ticks
