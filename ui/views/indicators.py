"""The Indicators section: the register, and under it the selected indicator's trajectory: its
measurements against the straight path from baseline to target, with the status in words and a shape.

The chart is drawn by hand (a few lines and marks): it needs no chart library and reads the same on
screen and in a grab for a brief.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from ui.document import OpenDocument
from ui.views.register import RegisterView
from workbench.changes import Change
from workbench.monitoring.entities import Indicator, Measurement
from workbench.monitoring.status import IndicatorStatus, path_points, status_of
from workbench.words import count

INK, MUTED, PATH, DOT = QColor("#1a1a1a"), QColor("#666666"), QColor("#0072b2"), QColor("#d55e00")
MARGIN = 44.0
LEGEND = "   dashed: the straight path from baseline to target; squares: measurements"


class TrajectoryChart(QWidget):
    """One indicator: the path dashed, the measurements as a line of square marks, the status above."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trajectoryChart")
        self.setAccessibleName("Trajectory of the selected indicator")
        self.setMinimumHeight(200)
        self.indicator: Indicator | None = None
        self.measurements: list[Measurement] = []
        self.status: IndicatorStatus | None = None

    def show_indicator(self, ind: Indicator | None, measurements: list[Measurement], today: dt.date) -> None:
        self.indicator = ind
        self.measurements = sorted(measurements, key=lambda m: m.date)
        self.status = status_of(ind, measurements, today) if ind is not None else None
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        """The chart in one sentence (its accessible description, and the words above it)."""
        ind, s = self.indicator, self.status
        if ind is None or s is None:
            return "Select an indicator to see its measurements against the path from baseline to target."
        if not path_points(ind):
            return f"{ind.name}: {s.words}. Give a baseline and a target, each with a date, to draw the path."
        share = f", {max(s.share, 0.0):.0%} of the way the path expects" if s.share is not None else ""
        return f"{ind.name}: {s.words}{share}; {count(len(self.measurements), 'measurement')}."

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(INK)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 34), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self.summary()
        )
        ind = self.indicator
        path = path_points(ind) if ind is not None else []
        points = [(m.date, m.value) for m in self.measurements]
        if not path and not points:
            painter.end()
            return
        dates = [dt.date.fromisoformat(d).toordinal() for d, _v in path + points]
        values = [v for _d, v in path + points]
        low_d, high_d = min(dates), max(dates) or 1
        low_v, high_v = min(values), max(values)
        if high_v == low_v:
            low_v, high_v = low_v - 1, high_v + 1
        area = QRectF(MARGIN, 44, self.width() - MARGIN - 16, self.height() - 70)

        def at(date: str, value: float) -> QPointF:
            x = (dt.date.fromisoformat(date).toordinal() - low_d) / max(high_d - low_d, 1)
            y = (value - low_v) / (high_v - low_v)
            return QPointF(area.left() + x * area.width(), area.bottom() - y * area.height())

        painter.setPen(QPen(MUTED, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        unit = ind.unit if ind is not None else ""
        painter.drawText(QRectF(0, area.top() - 4, MARGIN - 4, 16), Qt.AlignmentFlag.AlignRight, f"{high_v:,.4g}")
        painter.drawText(QRectF(0, area.bottom() - 12, MARGIN - 4, 16), Qt.AlignmentFlag.AlignRight, f"{low_v:,.4g}")
        painter.drawText(
            QRectF(area.left(), area.bottom() + 4, area.width(), 16),
            Qt.AlignmentFlag.AlignLeft,
            dt.date.fromordinal(low_d).isoformat() + (f"   ({unit})" if unit else "") + LEGEND,
        )
        painter.drawText(
            QRectF(area.left(), area.bottom() + 4, area.width(), 16),
            Qt.AlignmentFlag.AlignRight,
            dt.date.fromordinal(high_d).isoformat(),
        )
        if path:
            pen = QPen(PATH, 1.6, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(at(*path[0]), at(*path[1]))
            painter.drawText(at(*path[1]) + QPointF(-44, 14), "target")
        if points:
            painter.setPen(QPen(DOT, 2))
            line = QPainterPath(at(*points[0]))
            for p in points[1:]:
                line.lineTo(at(*p))
            painter.drawPath(line)
            for p in points:
                painter.fillRect(QRectF(at(*p) - QPointF(3.5, 3.5), QRectF(0, 0, 7, 7).size()), DOT)
        painter.end()


class IndicatorRegister(RegisterView):
    """The indicators register with the selected indicator's trajectory under it."""

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(
            doc,
            "indicator",
            [
                "name",
                "objective_id",
                "unit",
                "baseline_value",
                "baseline_date",
                "target_value",
                "target_date",
                "frequency",
                "owner",
            ],
            "No indicators yet. Click 'Add indicator' to say what you will measure, from which baseline to "
            "which target; record measurements under Measurements.",
            parent=parent,
        )
        self.chart = TrajectoryChart()
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.chart)
        doc.selection_changed.connect(self.show_chart)
        self.show_chart()

    def follow(self, changes: list[Change]) -> None:
        super().follow(changes)
        if any(c.kind in ("indicator", "measurement") for c in changes):
            self.show_chart()

    def show_chart(self) -> None:
        chosen = [id_ for kind, id_ in self.doc.selection if kind == "indicator"]
        ind = self.doc.get("indicator", chosen[0]) if chosen else None
        if not isinstance(ind, Indicator):
            self.chart.show_indicator(None, [], dt.date.today())
            return
        measured = [m for m in self.doc.all("measurement") if isinstance(m, Measurement) and m.indicator_id == ind.id]
        self.chart.show_indicator(ind, measured, dt.date.today())
