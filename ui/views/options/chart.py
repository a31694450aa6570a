"""An option's cost and benefit profile by year (pyqtgraph): costs solid, benefits pale inside a heavy
outline and both named in the legend, so the two are told apart without colour."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pyqtgraph as pg
from pyqtgraph import PlotItem
from PySide6.QtCore import QEvent
from PySide6.QtGui import QBrush, QColor

from workbench.money.currency import format_money

INK = QColor("#1a1a1a")
COSTS = QColor("#d55e00")  # Okabe-Ito vermilion and blue: apart for every common colour blindness
BENEFITS = QColor("#0072b2")
MIN_HEIGHT = 160  # pixels: the title, the key and bars tall enough to compare


def plot_area() -> PlotItem:
    """The chart's plot area (its axes and view box), no menu: not made only to be thrown away. Made a turn
    of the event loop ahead of the chart around it: the two together held the window for 30 to 40 ms."""
    return PlotItem(enableMenu=False)


class ProfileChart(pg.PlotWidget):
    """Costs and gross benefits of one option in each year, undiscounted, side by side."""

    def __init__(self, plot: PlotItem | None = None) -> None:
        super().__init__(background="w", plotItem=plot_area() if plot is None else plot)
        self.setObjectName("option_profile")
        self.setAccessibleName("Cost and benefit profile by year")
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(MIN_HEIGHT)  # on a small screen the section scrolls rather than squash the bars
        item = self.getPlotItem()
        for axis in ("left", "bottom"):
            item.getAxis(axis).setPen(INK)
            item.getAxis(axis).setTextPen(INK)
        self.legend = item.addLegend(offset=(10, 5), labelTextColor=INK)
        self.costs = pg.BarGraphItem(
            x=[], height=[], width=0.4, brush=QBrush(COSTS), pen=INK, name="Net cost to the public sector"
        )
        self.benefits = pg.BarGraphItem(  # a pale fill inside a heavy outline: told from the costs' solid bars
            x=[], height=[], width=0.4, brush=QBrush(QColor(BENEFITS.red(), BENEFITS.green(), BENEFITS.blue(), 60)),
            pen=pg.mkPen(BENEFITS, width=2), name="Benefits (gross)",
        )
        self.addItem(self.costs)
        self.addItem(self.benefits)
        self.empty = pg.TextItem("No costs or benefits entered for this option yet: type them in the grid below.",
                                 color=INK, anchor=(0.5, 0.5))
        self.addItem(self.empty)
        self._frame: tuple[str, list, list] | None = None
        self._figures: tuple = ([], {}, {}, "EUR", str)

    def show_profile(
        self,
        title: str,
        costs: Mapping[int, float],
        benefits: Mapping[int, float],
        currency: str,
        year_label: Callable[[int], str] = str,
    ) -> None:
        years = sorted({*costs, *benefits})
        self.costs.setOpts(x=[y - 0.2 for y in years], height=[costs.get(y, 0.0) for y in years])
        self.benefits.setOpts(x=[y + 0.2 for y in years], height=[benefits.get(y, 0.0) for y in years])
        levels = _nice_ticks(max([*costs.values(), *benefits.values(), 0.0]))
        frame = (title, [(y, year_label(y)) for y in years], [(v, format_money(v, currency)) for v in levels])
        if frame != self._frame:  # the title, axes and ranges are laid out again only when they change
            self._frame = frame
            self._lay_out(frame, years, levels)
        self._figures = (years, costs, benefits, currency, year_label)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # the figures in words, written when asked for, not per keystroke
            self.setToolTip(self.in_words())
        return super().event(event)

    def in_words(self) -> str:
        years, costs, benefits, currency, year_label = self._figures
        lines = (
            f"{year_label(y)}: costs {format_money(costs.get(y, 0.0), currency)}, "
            f"benefits {format_money(benefits.get(y, 0.0), currency)}"
            for y in years
        )
        return "\n".join(lines) or "No costs or benefits entered yet."

    def _lay_out(self, frame: tuple[str, list, list], years: list[int], levels: list[float]) -> None:
        title, year_ticks, money_ticks = frame
        self.setTitle(title, color=INK.name(), size="9pt")
        item = self.getPlotItem()
        item.getAxis("bottom").setTicks([year_ticks] if years else None)
        item.getAxis("left").setTicks([money_ticks])
        self.empty.setVisible(not years)
        self.legend.setVisible(bool(years))  # nothing to name; its key would sit on the empty state's words
        for axis in ("left", "bottom"):
            item.getAxis(axis).setStyle(showValues=bool(years))
        if years:
            self.setXRange(years[0] - 0.7, years[-1] + 0.7, padding=0)
        else:
            self.setXRange(0, 1, padding=0)
            self.empty.setPos(0.5, 0.5)
        if years:
            step = levels[1] if len(levels) > 1 else 1.0
            self.setYRange(0, levels[-1] + step / 2, padding=0)
        else:
            self.setYRange(0, 1, padding=0)  # the empty state's words in the middle


def _nice_ticks(top: float) -> list[float]:
    """Round steps from zero to at least the top: 0, 50m, 100m, 150m (the chart's height stays put while
    figures move within a step)."""
    if top <= 0:
        return [0.0]
    step = 10 ** int(f"{top / 4:e}".split("e")[1])
    for factor in (1, 2, 2.5, 5, 10):
        if top / (step * factor) <= 5:
            step *= factor
            break
    return [n * step for n in range(math.ceil(top / step) + 1)]
