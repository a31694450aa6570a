"""Graphics items of the value-chain canvas: stage headers, coverage cells, band titles, the
prototype-to-production call-out, instrument bars and capability links.

Items mirror domain entities by id and never change the model: dragging a bar is the scene's bar
gesture (value_chain.gestures), which previews the new span and reports it on release (one undo command).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ui import theme
from ui.canvas.cards import BOARD_LABEL, font, stage_points, zoom
from ui.markup import escape
from ui.views.value_chain.layout import BAR_H, CALLOUT_H, COL_W, HEADER_H, LEFT, STRIP_H, Grid
from workbench.money.currency import format_money
from workbench.spheres.items import Instrument, ValueRole
from workbench.value_chain.analysis import StageCoverage, Valley
from workbench.value_chain.entities import Capability, ValueChainStage

GRIP = 9.0  # width of the resize zone at each end of a bar
BAR_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
# Never drawn (the bar paints itself): it makes the bounds Qt works out reach 1.5 beyond the bar, its widest edge.
BOUNDS = QPen(QColor(0, 0, 0, 0), 3.0)
BAR_Z = 10
# The roles' fills and edges are the theme's (light: Okabe-Ito hues light enough for black text); the lane
# a bar sits in says its role too.
ROLE_WORDS = {"creation": "creates value", "capture": "captures value", "both": "creates and captures value"}
NAME_PT, SMALL_PT = 8.0, 6.5  # on the presentation stage small texts are written as large as names
NAME_FONT = font(NAME_PT)
BOLD_FONT = font(8.5, bold=True)


class HeaderBand(QGraphicsItem):
    """Holds the stage headers, coverage cells and call-out, and stays at the top of the view
    while the lanes scroll under it (an opaque strip above the bars)."""

    def __init__(self):
        super().__init__()
        self.width = 0.0
        self.setZValue(50)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_width(self, width: float) -> None:
        if width != self.width:
            self.prepareGeometryChange()
            self.width = width

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.width, HEADER_H + STRIP_H + CALLOUT_H)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.fillRect(self.boundingRect(), theme.ink(widget).background)


class StageHeader(QGraphicsObject):
    """A stage's name at the top of its column; click to select, double-click or F2 to rename."""

    def __init__(self, stage: ValueChainStage):
        super().__init__()
        self.stage = stage
        self.index = 0
        self._shown: tuple | None = None  # the stage, place and count last written
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)

    def show_stage(self, stage: ValueChainStage, index: int, total: int) -> None:
        """Write the header; one shown as it was is left alone (an edit of a bar repaints no header)."""
        shown = (stage, index, total)
        if shown == self._shown:
            return
        self._shown = shown
        self.stage, self.index = stage, index
        self.setPos(LEFT + index * COL_W, 0)
        self.setToolTip(
            f"<b>{escape(stage.name)}</b> — stage {index + 1} of {total}<br>"
            "Double-click or press F2 to rename; Ctrl+Shift+← / → moves the stage along the chain."
            + (f"<br>{escape(stage.description)}" if stage.description else "")
        )
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, COL_W, HEADER_H)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        box = self.boundingRect().adjusted(2, 4, -2, -3)
        selected = self.isSelected()
        painter.setPen(QPen(c.selected if selected else c.line, 2.5 if selected else 1))
        painter.setBrush(QBrush(c.panel))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QPen(c.muted))
        painter.setFont(font(stage_points(SMALL_PT, zoom(option, painter), NAME_PT)))
        painter.drawText(
            box.adjusted(6, 2, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, f"{self.index + 1}"
        )
        painter.setPen(QPen(c.ink))
        painter.setFont(BOLD_FONT)
        painter.drawText(
            box.adjusted(14, 0, -6, 0), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.stage.name
        )


class CoverageCell(QGraphicsItem):
    """Under each header: how many instruments act at the stage, their budget, and how many create
    and capture value there. A stage with none (or, in the prototype-to-production stretch, only
    one) is marked with ⚠ and words; so is a side of the balance with nothing on it."""

    def __init__(self):
        super().__init__()
        self.lines: list[tuple[str, bool]] = []  # text, is a warning
        self.warning = False
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def show_coverage(self, row: StageCoverage, currency: str, warning: str, names: list[str]) -> None:
        """`names`: the first few instruments' names, for the tooltip."""
        self.setPos(LEFT + row.index * COL_W, HEADER_H)
        count = f"{row.count} instrument{'s' if row.count != 1 else ''}"
        budget = format_money(row.budget, currency) if row.budget else "no net cost known" if row.count else ""
        if row.without_budget and row.budget:
            budget += f" (+{row.without_budget} unknown)"
        lopsided = row.lean in ("creation", "capture")
        balance = f"{row.creating} create · {row.capturing} capture{' ⚠' if lopsided else ''}" if row.count else ""
        first = (f"⚠ {warning}", True) if warning else (count, False)
        second = f"{count} · {budget}" if warning and budget else (budget or count if warning else budget)
        self.lines = [first, (second, False), (balance, lopsided)]
        self.warning = bool(warning)
        shown = ", ".join(names) + (f" and {row.count - len(names)} more" if row.count > len(names) else "")
        self.setToolTip(
            f"<b>{escape(row.stage.name)}</b>: {count}"
            + (f"<br>{escape(shown)}" if names else "")
            + (f"<br><b>⚠ {escape(warning)}</b>" if warning else "")
            + (f"<br>{row.creating} create value, {row.capturing} capture it (an instrument doing both counts twice)")
            + "<br>A budget spread over several stages is shared equally among them."
        )
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, COL_W, STRIP_H)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        box = self.boundingRect().adjusted(2, 1, -2, -3)
        painter.setPen(QPen(c.warn, 1.6) if self.warning else QPen(c.faint, 0.8))
        painter.setBrush(QBrush(c.warn_fill if self.warning else c.card))
        painter.drawRoundedRect(box, 4, 4)
        for n, (text, warn) in enumerate(self.lines):
            painter.setPen(QPen(c.warn if warn else c.ink if n == 0 else c.muted))
            painter.setFont(font(stage_points(7.5, zoom(option, painter), NAME_PT), bold=n == 0 or warn))
            painter.drawText(
                QRectF(box.left() + 4, box.top() + 1 + n * 13.5, box.width() - 8, 14),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                text,
            )


class Callout(QGraphicsItem):
    """The prototype-to-production stretch, named above the lanes: the 'valley of death' of brief 000."""

    def __init__(self):
        super().__init__()
        self.text = ""
        self.warning = False
        self.width = 0.0
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def show_valley(self, valley: Valley, first: int | None, last: int | None, short: str) -> None:
        """Centred over the stretch, and wider than it when the words need the room."""
        self.prepareGeometryChange()
        self.warning = valley.status in ("gap", "thin")
        self.text = short
        self.setVisible(first is not None and last is not None and bool(short))
        if first is None or last is None:
            return
        stretch = (last - first + 1) * COL_W
        self.width = max(stretch, QFontMetricsF(self._font()).horizontalAdvance(short) + 30)
        self.setPos(max(0.0, LEFT + first * COL_W + (stretch - self.width) / 2), HEADER_H + STRIP_H)
        self.setToolTip(escape(valley.text))

    def _font(self) -> QFont:
        return font(8, bold=self.warning)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.width, CALLOUT_H)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        box = self.boundingRect().adjusted(3, 3, -3, -3)
        colour = c.warn if self.warning else c.muted
        painter.setPen(QPen(colour, 1.6 if self.warning else 0.8, Qt.PenStyle.SolidLine))
        painter.setBrush(QBrush(c.warn_fill if self.warning else c.panel))
        painter.drawRoundedRect(box, 10, 10)
        painter.setFont(self._font())
        painter.setPen(QPen(colour))
        metrics = QFontMetricsF(painter.font())
        text = metrics.elidedText(self.text, Qt.TextElideMode.ElideRight, box.width() - 12)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class BandTitle(QGraphicsItem):
    """The title of a band at the left, and the band's background across every column."""

    def __init__(self, key: str, title: str, subtitle: str, empty_text: str, tip: str):
        super().__init__()
        self.key, self.title, self.subtitle, self.empty_text = key, title, subtitle, empty_text
        self.height = 0.0
        self.right = 0.0
        self.empty = False
        self._placed: tuple | None = None  # where and how the band was last placed
        self.setZValue(-5)
        self.setToolTip(tip)
        self.setData(BOARD_LABEL, True)  # the stage shows the lane's title with its bars

    def place(self, grid: Grid, empty: bool) -> None:
        """Put the band where `grid` has it; a band that stays as it was is left alone (moving or
        resizing one costs Qt a walk of every bar on it)."""
        visible = self.key in grid.tops
        placed = (visible, grid.tops.get(self.key), grid.heights.get(self.key), grid.right, empty)
        if placed == self._placed:
            return
        self._placed = placed
        self.prepareGeometryChange()
        self.setVisible(visible)
        if visible:
            self.setPos(0, grid.tops[self.key])
            self.height, self.right, self.empty = grid.heights[self.key], grid.right, empty
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.right, self.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        band = QRectF(0, 0, self.right, self.height)
        fill = QColor(c.role_fill(self.key) if self.key in ROLE_WORDS else c.panel)
        fill.setAlpha(70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(fill))
        painter.drawRect(band)
        painter.setPen(QPen(c.line, 1))
        painter.drawLine(QPointF(0, self.height), QPointF(self.right, self.height))
        title = QRectF(8, 6, LEFT - 16, self.height - 12)
        painter.setPen(QPen(c.ink))
        painter.setFont(font(9, bold=True))
        painter.drawText(
            title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, self.title
        )
        painter.setPen(QPen(c.muted))
        small = font(stage_points(7.5, zoom(option, painter), NAME_PT))
        painter.setFont(small)
        painter.drawText(
            title.adjusted(0, 16, 0, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.subtitle,
        )
        if self.empty and self.empty_text:
            painter.drawText(
                QRectF(LEFT + 8, 0, self.right - LEFT - 16, self.height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.empty_text,
            )


class InstrumentBar(QGraphicsRectItem):
    """An instrument spanning its stages. Drag the middle to move the span, an end to resize it;
    both snap to whole stages. An unplaced instrument is a chip: drag it onto a column to place it.
    (The drags are the scene's bar gesture; the bar only says which part of it was pressed.)

    A rectangle item (no QObject) with its tooltip written only when asked for: a map holds thousands
    of these, and both would cost time on every open and every stage rename. Its bounds are the
    rectangle's, worked out by Qt itself: a band that moves asks every bar on it.
    """

    def __init__(self, instrument_id: str):
        super().__init__()
        self.instrument_id = instrument_id
        self.name = ""
        self.profile: Instrument | None = None
        self.role = "creation"
        self.budget_text = ""
        self.span: tuple[int, int] | None = None  # as the model has it
        self.width = 0.0
        self.related = False  # linked to the selected capability
        self.setFlags(BAR_FLAGS)
        self.setPen(BOUNDS)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setZValue(BAR_Z)

    def show_instrument(self, name: str, profile: Instrument, currency: str, budget: float | None) -> None:
        self.name, self.profile, self.role = name, profile, profile.value_role
        self.budget_text = "" if budget is None else format_money(budget, currency)
        self.update()

    def describe(self, stages: str) -> str:
        """The tooltip: name, value role, stages, readiness, budget, and how to edit the span."""
        p = self.profile
        readiness = (
            [
                f"{label} {_range(lo, hi)}"
                for label, lo, hi in (("TRL", p.trl_min, p.trl_max), ("MRL", p.mrl_min, p.mrl_max))
                if lo is not None or hi is not None
            ]
            if p is not None
            else []
        )
        return (
            f"<b>{escape(self.name)}</b><br>{ValueRole(self.role).label}: {ROLE_WORDS[self.role]}<br>{escape(stages)}"
            + (f"<br>{' · '.join(readiness)}" if readiness else "<br>No TRL or MRL range given")
            + (f"<br>Budget {self.budget_text}" if self.budget_text else "")
            + "<br>Drag to move along the chain, drag an end to resize (or ← / → and Shift+← / →)."
        )

    def set_rect(self, x: float, y: float, width: float) -> None:
        if width != self.width:
            self.width = width
            self.setRect(0, 0, width, BAR_H)
        if (x, y) != (self.x(), self.y()):
            self.setPos(x, y)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        rect = QRectF(0, 0, self.width, BAR_H)
        selected = self.isSelected()
        edge = c.role_edge(self.role)
        pen = QPen(c.selected if selected else edge, 2.5 if selected else 1.0)
        if self.related and not selected:
            pen = QPen(c.selected, 1.8, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(c.role_fill(self.role)))
        painter.drawRoundedRect(rect, 5, 5)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < 0.4:
            return
        painter.setPen(QPen(edge, 1.2))
        for x in (3.0, 5.5, self.width - 5.5, self.width - 3.0):  # grips: the ends can be dragged
            painter.drawLine(QPointF(x, 6), QPointF(x, BAR_H - 6))
        painter.setPen(QPen(c.ink))
        painter.setFont(NAME_FONT)
        metrics = QFontMetricsF(NAME_FONT)
        room = self.width - 2 * GRIP - 4
        budget_w = metrics.horizontalAdvance(self.budget_text) + 8 if self.budget_text else 0.0
        show_budget = budget_w and room - budget_w > 70
        name_room = room - (budget_w if show_budget else 0)
        text_rect = QRectF(GRIP + 2, 0, name_room, BAR_H)
        name = metrics.elidedText(self.name, Qt.TextElideMode.ElideRight, name_room)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        if show_budget:
            painter.setPen(QPen(c.muted))
            painter.setFont(font(stage_points(SMALL_PT, zoom(option, painter), NAME_PT)))  # room kept: NAME_FONT
            painter.drawText(
                QRectF(self.width - GRIP - budget_w, 0, budget_w, BAR_H),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.budget_text,
            )

    # ----- where a press lands -----------------------------------------------------------------
    def hoverMoveEvent(self, event) -> None:
        zone = self.zone(event.pos().x())
        self.setCursor(Qt.CursorShape.SizeHorCursor if zone in ("first", "last") else Qt.CursorShape.OpenHandCursor)

    def zone(self, x: float) -> str:
        """What a drag from `x` (in the bar) does: "place" a chip, "move" the span, resize its "first" or "last" end."""
        if self.span is None:
            return "place"
        if x <= GRIP:
            return "first"
        if x >= self.width - GRIP:
            return "last"
        return "move"


class CapabilityLink(QGraphicsObject):
    """A capability, spanning the stages of the instruments linked to it; select it to see them."""

    def __init__(self, capability: Capability):
        super().__init__()
        self.capability = capability
        self.width = 0.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(10)

    def show_capability(self, capability: Capability, linked_names: list[str], placed: bool) -> None:
        self.capability = capability
        c = capability
        levels = f"current {_level(c.current)}, required {_level(c.required)}, potential {_level(c.potential)}"
        gap = "" if c.gap is None else f"<br>Gap: {c.gap} level{'s' if c.gap != 1 else ''}"
        where = "" if placed else "<br>Its linked instruments are not placed on the chain, so it spans every stage."
        links = ", ".join(linked_names) if linked_names else "none"
        self.setToolTip(
            f"<b>{escape(c.name)}</b><br>Capability level (0-5): {levels}{gap}"
            f"<br>Linked instruments: {escape(links)}{where}"
        )
        self.update()

    def set_rect(self, x: float, y: float, width: float) -> None:
        if width != self.width:
            self.prepareGeometryChange()
            self.width = width
        self.setPos(x, y)

    def boundingRect(self) -> QRectF:
        return QRectF(-1.5, -1.5, self.width + 3, BAR_H + 3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        rect = QRectF(0, 0, self.width, BAR_H)
        selected = self.isSelected()
        gap = self.capability.gap
        painter.setPen(QPen(c.selected if selected else c.ink, 2.5 if selected else 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(c.card))
        painter.drawRoundedRect(rect, BAR_H / 2, BAR_H / 2)
        status = "gap unknown" if gap is None else "no gap" if gap == 0 else f"⚠ gap {gap}"
        painter.setFont(NAME_FONT)
        metrics = QFontMetricsF(NAME_FONT)
        status_w = metrics.horizontalAdvance(status) + 10
        painter.setPen(QPen(c.warn if gap else c.muted))
        painter.drawText(
            QRectF(self.width - status_w - 8, 0, status_w, BAR_H),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            status,
        )
        painter.setPen(QPen(c.ink))
        room = self.width - status_w - 24
        painter.drawText(
            QRectF(12, 0, room, BAR_H),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(f"◆ {self.capability.name}", Qt.TextElideMode.ElideRight, room),
        )


def _range(low: int | None, high: int | None) -> str:
    if low is None or high is None or low == high:
        return str(low if high is None else high)
    return f"{low}–{high}"


def _level(value: int | None) -> str:
    return "?" if value is None else str(value)
