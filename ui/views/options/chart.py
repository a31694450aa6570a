"""An option's cost and benefit profile by year (pyqtgraph): costs solid, benefits hatched and named in
the legend, so the two are told apart without colour."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from workbench.money.currency import format_money

INK = QColor("#1a1a1a")
COSTS = QColor("#d55e00")  # Okabe-Ito vermilion and blue: apart for every common colour blindness
BENEFITS = QColor("#0072b2")


class ProfileChart(pg.PlotWidget):
    """Costs and gross benefits of one option in each year, undiscounted, side by side."""

    def __init__(self) -> None:
        super().__init__(background="w")
        self.setObjectName("option_profile")
        self.setAccessibleName("Cost and benefit profile by year")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(150)
        item = self.getPlotItem()
        for axis in ("left", "bottom"):
            item.getAxis(axis).setPen(INK)
            item.getAxis(axis).setTextPen(INK)
        self.legend = item.addLegend(offset=(10, 5), labelTextColor=INK)
        self.costs = pg.BarGraphItem(x=[], height=[], width=0.4, brush=QBrush(COSTS), pen=INK, name="Costs")
        self.benefits = pg.BarGraphItem(
            x=[], height=[], width=0.4, brush=QBrush(BENEFITS, Qt.BrushStyle.BDiagPattern), pen=BENEFITS,
            name="Benefits (gross)",
        )
        self.addItem(self.costs)
        self.addItem(self.benefits)
        self.empty = pg.TextItem("No costs or benefits entered for this option yet: type them in the grid below.",
                                 color=INK, anchor=(0.5, 0.5))
        self.addItem(self.empty)

    def show_profile(
        self, title: str, costs: Mapping[int, float], benefits: Mapping[int, float], currency: str,
        year_label: Callable[[int], str] = str,
    ) -> None:
        years = sorted({*costs, *benefits})
        self.setTitle(title, color=INK.name(), size="9pt")
        self.costs.setOpts(x=[y - 0.2 for y in years], height=[costs.get(y, 0.0) for y in years])
        self.benefits.setOpts(x=[y + 0.2 for y in years], height=[benefits.get(y, 0.0) for y in years])
        axis = self.getPlotItem().getAxis("bottom")
        axis.setTicks([[(y, year_label(y)) for y in years]] if years else None)
        top = max([*costs.values(), *benefits.values(), 0.0])
        left = self.getPlotItem().getAxis("left")
        left.setTicks([[(v, format_money(v, currency)) for v in _nice_ticks(top)]])
        self.setToolTip(
            "\n".join(
                f"{year_label(y)}: costs {format_money(costs.get(y, 0.0), currency)}, "
                f"benefits {format_money(benefits.get(y, 0.0), currency)}"
                for y in years
            )
            or "No costs or benefits entered yet."
        )
        self.empty.setVisible(not years)
        for axis in ("left", "bottom"):
            self.getPlotItem().getAxis(axis).setStyle(showValues=bool(years))
        if years:
            self.setXRange(years[0] - 0.7, years[-1] + 0.7, padding=0)
        else:
            self.setXRange(0, 1, padding=0)
            self.empty.setPos(0.5, 0.5)
        self.setYRange(0, top * 1.1 or 1, padding=0)


def _nice_ticks(top: float) -> list[float]:
    """Four or five round steps from zero to the top: 0, 50m, 100m, 150m."""
    if top <= 0:
        return [0.0]
    step = 10 ** int(f"{top / 4:e}".split("e")[1])
    for factor in (1, 2, 2.5, 5, 10):
        if top / (step * factor) <= 5:
            step *= factor
            break
    return [n * step for n in range(int(top / step) + 1)]
