"""Charts beside the value chain (pyqtgraph): budget per stage, and how many instruments support
each TRL and MRL level. Every bar carries its number, and a level no instrument supports says so,
so nothing is told by colour alone.

Where the three do not fit side by side (a 1280 or 1366 px screen with both docks open), the budget
chart stands above the two counts, or all three one above another: the charts scroll down, never
sideways, and never squeeze their words out of sight.

Loaded beside the window when the value chain first shows (pyqtgraph takes seconds on a cold start), so it
slows neither start-up nor the window.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QImage, QPainter, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QStyle, QWidget

from ui import theme
from workbench.errors import WorkbenchError
from workbench.money.currency import format_money
from workbench.project import Project
from workbench.value_chain.analysis import ValueChainAnalysis

# Stacked left to right, in the theme's colours (light: the hues of the canvas lanes), and a hatching
# each, drawn in the key too, so the roles stay apart in grey (a projector, a black-and-white print,
# colour blindness) and in the high-contrast theme, where every bar is white.
ROLES = (  # role, words in the key, its mark in the key (the hatching as a character)
    ("creation", "creates", "■", Qt.BrushStyle.NoBrush),
    ("both", "both", "▨", Qt.BrushStyle.BDiagPattern),
    ("capture", "captures", "▧", Qt.BrushStyle.FDiagPattern),
)
BUDGET_MIN = (300, 150)  # pixels: stage names, bars and the largest amount
BUDGET_FRAME = 90  # pixels of the budget chart beside its bars: title, amounts, key and margins
COUNTS_MIN = (210, 150)  # nine levels, their counts and the title
PLAIN_ON_WHITE = "□"  # the mark of the plain role when its bars are as white as the chart
GAP = 6  # pixels between charts
MARGIN = 2  # pixels around them
LABEL_GAP = 4  # pixels between a bar's number and the chart's edge


class CountAxis(pg.AxisItem):
    """An axis of counts: ticks fall on whole numbers only (no "0.5 instruments")."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        levels = [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size) if spacing >= 1]
        return [(float(round(spacing)), offset) for spacing, offset in levels] or [(1.0, 0.0)]


class MoneyAxis(pg.AxisItem):
    """An axis of money, labelled as its readers write it ("€200m", not "2e+08")."""

    currency = Project().currency

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [format_money(v * scale, self.currency) for v in values]


# Each chart: its name, title, left and bottom axis labels, and whether it counts (else it sums money).
PLOTS = (
    ("budgetChart", "Net cost per stage", "", "", False),
    ("trlChart", "Instruments per TRL", "instruments", "TRL level", True),
    ("mrlChart", "Instruments per MRL", "instruments", "MRL level", True),
)


def make_plot(name: str, title: str, left: str, bottom: str, counts: bool = False) -> pg.PlotWidget:
    """One of the `PLOTS`, empty (a third of what making the panel costs: a caller may make each apart)."""
    axes = {"left": CountAxis(orientation="left")} if counts else {"bottom": MoneyAxis(orientation="bottom")}
    plot = pg.PlotWidget(axisItems=axes, enableMenu=False)  # no menu: not made only to be thrown away
    plot.setObjectName(name)
    plot.setAccessibleName(title)
    plot.setToolTip(title)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setProperty("labels", (title, left, bottom))
    return plot


def _colour_plot(plot: pg.PlotWidget, c: theme.Ink) -> None:
    """A chart's background, title, axes and axis labels in the theme's colours."""
    title, left, bottom = plot.property("labels")
    plot.setBackground(c.background)
    plot.setTitle(title, color=c.ink.name(), size="9pt")
    item = plot.getPlotItem()
    for axis, label in (("left", left), ("bottom", bottom)):
        item.getAxis(axis).setPen(c.ink)
        item.getAxis(axis).setTextPen(c.ink)
        if label:
            item.setLabel(axis, label, color=c.ink.name())


class CountLabels:
    """A number at the end of each bar; zero is marked ⚠, in the warning colour and bold. The value axis
    reaches far enough for each number to fit inside the chart, however narrow the chart. Over upright bars
    too narrow for its number ("2000" over each of nine bars), the number is turned to read upwards: side
    by side such numbers ran into one another."""

    def __init__(self, plot: pg.PlotWidget, vertical: bool):
        self.plot = plot
        self.vertical = vertical
        self.labels: list[pg.TextItem] = []
        self.values: Sequence[float] = []
        self.texts: list[str] = []
        self.least = 1.0  # the value axis reaches at least this far (the largest bar and a margin)
        plot.getPlotItem().getViewBox().sigResized.connect(self.fit)

    def show(self, values: Sequence[float], texts: list[str], least: float | None = None) -> None:
        self.values, self.texts = values, texts
        if least is not None:
            self.least = least
        c = theme.ink(self.plot)
        while len(self.labels) < len(values):
            anchor = (0.5, 1.0) if self.vertical else (0.0, 0.5)
            label = pg.TextItem(anchor=anchor)
            self.plot.addItem(label)
            self.labels.append(label)
        for n, label in enumerate(self.labels):
            if n >= len(values):
                label.setVisible(False)
                continue
            warn = values[n] == 0
            label.setVisible(True)
            label.setText(texts[n], color=c.warn if warn else c.ink)
            label.textItem.setFont(_font(bold=warn))
            if self.vertical:
                label.setPos(n + 1, values[n])
            else:
                label.setPos(values[n], n)
        self.fit()

    def fit(self) -> None:
        """Stretch the value axis until the number at the end of every bar fits inside the chart (labels
        keep their size in pixels, the bars scale with the chart)."""
        box = self.plot.getPlotItem().getViewBox()
        pixels = box.height() if self.vertical else box.width()
        slot = self._slot(box) if self.vertical else math.inf
        reach = self.least
        for value, label in zip(self.values, self.labels, strict=False):
            rect = label.boundingRect()
            turned = rect.width() - 2 * label.textItem.document().documentMargin() > slot  # the ink, not its margins
            if label.angle != (90 if turned else 0):
                label.setAngle(90 if turned else 0)
                label.setAnchor((0.0, 0.5) if turned else (0.5, 1.0))
            size = (rect.width() if turned else rect.height()) if self.vertical else rect.width()
            free = pixels - size - LABEL_GAP
            if value > 0 and free > 0:
                reach = max(reach, value * pixels / free)
        if self.vertical:
            self.plot.setYRange(0, reach, padding=0)
        else:
            self.plot.setXRange(0, reach, padding=0)

    @staticmethod
    def _slot(box: pg.ViewBox) -> float:
        """The room, in pixels, that one upright bar and its number have across."""
        left, right = box.viewRange()[0]
        return box.width() / max(right - left, 1e-9)


def _font(bold: bool) -> QFont:
    font = QFont()
    font.setPointSizeF(7.5)
    font.setBold(bold)
    return font


class ChartsPanel(QScrollArea):
    """Budget per stage split by value role (horizontal bars, stage names readable on the axis), and
    TRL and MRL histograms: side by side where they fit, else one above another (see the module). `plots`:
    the three `PLOTS` made already, in their order."""

    def __init__(self, plots: Sequence[pg.PlotWidget] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("valueChainCharts")
        self.setAccessibleName("Value-chain charts")
        self.sheet = QWidget()  # the charts; the panel scrolls it
        self.sheet.setObjectName("valueChainChartsSheet")
        self.setWidget(self.sheet)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.budget, self.trl, self.mrl = plots or [make_plot(*spec) for spec in PLOTS]
        self.budget.getPlotItem().invertY(True)  # first stage on top, as in reading order
        # The key below the whole chart, stage names included: under the bars alone a narrow chart cut it off.
        self.budget_key = pg.LabelItem(justify="center")
        self.budget.getPlotItem().layout.addItem(self.budget_key, 4, 0, 1, 3)
        self.budget_bars = {}
        self.budget_hatches = {}  # drawn over the coloured bars of a hatched role
        for role, _words, _mark, pattern in ROLES:
            self.budget_bars[role] = pg.BarGraphItem(x0=[], width=[], y=[], height=0.6)
            self.budget.addItem(self.budget_bars[role])
            if pattern != Qt.BrushStyle.NoBrush:
                hatch = pg.BarGraphItem(x0=[], width=[], y=[], height=0.6)
                self.budget_hatches[role] = hatch
                self.budget.addItem(hatch)
        self.trl_bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.mrl_bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.trl.addItem(self.trl_bars)
        self.mrl.addItem(self.mrl_bars)
        self.budget_labels = CountLabels(self.budget, vertical=False)
        self.trl_labels = CountLabels(self.trl, vertical=True)
        self.mrl_labels = CountLabels(self.mrl, vertical=True)
        self._stage_ticks: list[tuple[int, str]] = []
        # Never squeezed below what shows every bar, number and title (a wider inspector stops there).
        self.budget.setMinimumSize(*BUDGET_MIN)
        for plot in (self.trl, self.mrl):
            plot.setMinimumSize(*COUNTS_MIN)
        self.grid = QGridLayout(self.sheet)
        self.grid.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.grid.setSpacing(GAP)
        self.rows = 0  # how many rows the charts stand in now
        self.arrange(rows_for(self.room()))
        self.redraws = 0  # how many times show_analysis ran (tests follow live updates with it)
        self.theme_changed()

    def room(self) -> int:
        """The width the charts have, as if the panel scrolled down: it does not change as its scroll bar
        comes and goes, so neither does the arrangement (no arranging back and forth)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return self.width() - 2 * self.frameWidth() - bar

    def resizeEvent(self, event: QResizeEvent) -> None:
        rows = rows_for(self.room())
        if rows != self.rows:
            self.arrange(rows)
            self.grid.activate()  # the new arrangement's size now, so the sheet is sized to it below
        super().resizeEvent(event)

    def arrange(self, rows: int) -> None:
        """The charts in one row (budget, TRL, MRL), two (budget above the counts) or three."""
        self.rows = rows
        for plot in (self.budget, self.trl, self.mrl):
            self.grid.removeWidget(plot)
        places = {
            1: ((0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1)),
            2: ((0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)),
            3: ((0, 0, 1, 1), (1, 0, 1, 1), (2, 0, 1, 1)),
        }[rows]
        for plot, place in zip((self.budget, self.trl, self.mrl), places, strict=True):
            self.grid.addWidget(plot, *place)
        stretches = {1: (3, 2, 2), 2: (1, 1, 0), 3: (1, 0, 0)}[rows]
        for column, stretch in enumerate(stretches):
            self.grid.setColumnStretch(column, stretch)

    def sizeHint(self) -> QSize:
        """The three side by side, whatever the arrangement now (a splitter sizing by it stays put)."""
        return QSize(BUDGET_MIN[0] + 2 * COUNTS_MIN[0] + 2 * GAP + 2 * MARGIN, BUDGET_MIN[1] + 2 * MARGIN)

    def key(self, c: theme.Ink) -> str:
        """The budget chart's key: each role's mark (its hatching) in its colour, and its words."""
        marks = []
        for role, words, mark, pattern in ROLES:
            fill = getattr(c, f"chart_{role}")
            shown = PLAIN_ON_WHITE if pattern == Qt.BrushStyle.NoBrush and fill == c.background else mark
            colour = c.ink if fill == c.background else fill
            marks.append(f'<span style="color:{colour.name()}">{shown}</span>&nbsp;{words}')
        return " ".join(marks)

    def theme_changed(self) -> None:
        """Called by ui.theme.apply (and once when made): every chart in the theme's colours."""
        c = theme.ink(self)
        for plot in (self.budget, self.trl, self.mrl):
            _colour_plot(plot, c)
        self.budget_key.setText(self.key(c), color=c.ink.name())
        for role, _words, _mark, pattern in ROLES:
            self.budget_bars[role].setOpts(brush=getattr(c, f"chart_{role}"), pen=c.ink)
            if role in self.budget_hatches:
                self.budget_hatches[role].setOpts(brush=QBrush(c.ink, pattern), pen=c.ink)
        for bars in (self.trl_bars, self.mrl_bars):
            bars.setOpts(brush=c.chart_bar, pen=c.ink)
        for labels in (self.budget_labels, self.trl_labels, self.mrl_labels):
            labels.show(labels.values, labels.texts)

    def show_analysis(self, a: ValueChainAnalysis, currency: str) -> None:
        """Redraw from an analysis: only bar heights, labels and (when stages changed) the axis."""
        for _chart in self.analysis_parts(a, currency):
            pass

    def analysis_parts(self, a: ValueChainAnalysis, currency: str) -> Iterator[None]:
        """`show_analysis` in two steps, the budget chart then the two readiness charts: the section's first
        showing spreads them over turns (the three in one turn held the window some 30 ms, most of it
        making their numbers' labels)."""
        budgets = [s.budget for s in a.stages]
        rows = list(range(len(budgets)))
        start = [0.0] * len(budgets)
        for role, *_rest in ROLES:
            widths = [s.roles[role].budget for s in a.stages]
            for bars in (self.budget_bars[role], self.budget_hatches.get(role)):
                if bars is not None:
                    bars.setOpts(x0=list(start), width=widths, y=rows, height=0.6)
            start = [x + w for x, w in zip(start, widths, strict=True)]
        ticks = [(s.index, _short(s.stage.name)) for s in a.stages]
        if ticks != self._stage_ticks:
            self._stage_ticks = ticks
            axis = self.budget.getPlotItem().getAxis("left")
            axis.setTicks([ticks])
            metrics = QFontMetrics(axis.font())  # room for the longest name now, not after a second paint
            axis.setWidth(max((metrics.horizontalAdvance(t) for _, t in ticks), default=20) + 16)
            # and a line for each name: squeezed, they overlap (pyqtgraph draws custom ticks however crowded)
            self.budget.setMinimumHeight(max(BUDGET_MIN[1], BUDGET_FRAME + len(ticks) * (metrics.height() + 2)))
        self.budget.setTitle("Net cost per stage", size="9pt")  # a long title would widen the chart
        axis = self.budget.getPlotItem().getAxis("bottom")
        if isinstance(axis, MoneyAxis) and axis.currency != currency:
            axis.currency = currency
            axis.picture = None  # its labels are drawn again in the new currency
            axis.update()
        texts = [
            format_money(b, currency) if b else ("none ⚠" if not s.count else "no budget")
            for s, b in zip(a.stages, budgets, strict=True)
        ]
        self.budget.setYRange(-0.6, max(len(budgets) - 0.4, 0.6), padding=0)
        values = [b if s.count else 0 for s, b in zip(a.stages, budgets, strict=True)]
        self.budget_labels.show(values, texts, least=(max(budgets, default=0) or 1) * 1.05)
        yield
        for bars, labels, plot, counts in (
            (self.trl_bars, self.trl_labels, self.trl, a.trl_counts),
            (self.mrl_bars, self.mrl_labels, self.mrl, a.mrl_counts),
        ):
            levels = list(range(1, len(counts) + 1))
            bars.setOpts(x=levels, height=counts, width=0.7)
            plot.setXRange(0.4, len(counts) + 0.6, padding=0)
            labels.show(counts, [str(c) if c else "0 ⚠" for c in counts], least=max(max(counts, default=0), 1) * 1.05)
            plot.getPlotItem().getAxis("bottom").setTicks([[(n, str(n)) for n in levels]])
        self.redraws += 1

    def export_png(self, path: Path, scale: float = 2.0) -> Path:
        """The three charts as they stand on screen (those scrolled out of sight too), drawn at `scale` times
        the pixels."""
        image = QImage(self.sheet.size() * scale, QImage.Format.Format_ARGB32)
        image.fill(theme.ink(self).background)
        painter = QPainter(image)
        try:
            painter.scale(scale, scale)
            self.sheet.render(painter, QPoint())
        finally:
            painter.end()
        # PySide6 types the format as bytes, yet its binding accepts only str here (bytes raises ValueError).
        if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
            raise WorkbenchError(f"Could not write {path}.")
        return path


def rows_for(width: int) -> int:
    """How many rows the charts need to keep their readable size in `width` pixels (three at most: a
    panel narrower than one chart scrolls sideways, as a last resort)."""
    if width >= BUDGET_MIN[0] + 2 * COUNTS_MIN[0] + 2 * GAP + 2 * MARGIN:
        return 1
    return 2 if width >= max(BUDGET_MIN[0], 2 * COUNTS_MIN[0] + GAP) + 2 * MARGIN else 3


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
