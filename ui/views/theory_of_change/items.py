"""The chain's graphics items: a card for each rationale, instrument and result, and a line for each link.

A card names what it shows (`name`, e.g. "Outcome: Cells made at scale, 1 finding") so that the
canvas can expose it to assistive technology; a card with a finding carries a ⚠ mark and says the
finding in its tooltip, so a gap shows in words and shape, not only colour.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from ui import theme
from ui.canvas.cards import CardItem, fitted_lines, font, stage_points, zoom
from ui.markup import escape
from ui.views.theory_of_change.layout import CARD_H, CARD_W

# A fill per column is the theme's (light: Okabe-Ito hues light enough for black text); the column's name
# is on the card too.
KIND_WORDS = {
    "rationale": "Rationale",
    "activity": "Instrument",
    "output": "Output",
    "outcome": "Outcome",
    "impact": "Impact",
}
TITLE_PT, SMALL_PT = 8.5, 6.5  # on the presentation stage the kind and the detail are written as large as titles
TITLE_FONT = font(TITLE_PT)
SLOT = 14.0  # the height of the kind's line above the title, and of the detail's below it, at SMALL_PT


class ChainCard(CardItem):
    """One rationale, instrument or result. `ref` is the (kind, id) of the entity it shows."""

    def __init__(self, ref: tuple[str, str], column: str):
        super().__init__(QRectF(0, 0, CARD_W, CARD_H), 10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, False)  # the column places it
        self.ref = ref
        self.column = column
        self.title = ""
        self.detail = ""  # a second line: the failure, the objective it stands for, its indicator
        self.findings: list[str] = []

    @property
    def name(self) -> str:
        """What the card says to someone who cannot see it."""
        count = len(self.findings)
        found = f", {count} finding{'s' if count != 1 else ''}" if count else ""
        return f"{KIND_WORDS[self.column]}: {self.title}{found}"

    def spoken(self) -> tuple[str, str]:
        """For a screen reader (ui.canvas.accessible): the name, then what the card adds and finds."""
        return self.name, "; ".join(p for p in (self.detail, *self.findings) if p)

    def set_content(self, title: str, detail: str, findings: list[str]) -> None:
        if (title, detail, findings) != (self.title, self.detail, self.findings):
            self.title, self.detail, self.findings = title, detail, findings
            self.update()

    @property
    def tip(self) -> str:
        """The tooltip, written when it is about to show (thousands of cards need none until then)."""
        tip = f"<b>{KIND_WORDS[self.column]}</b>: {escape(self.title)}"
        if self.detail:
            tip += f"<br>{escape(self.detail)}"
        return tip + "".join(f"<br>⚠ {escape(f)}" for f in self.findings)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        box = self.rect().adjusted(1, 1, -1, -1)
        selected = self.isSelected()
        warn = bool(self.findings)
        painter.setPen(QPen(c.selected if selected else c.warn if warn else c.line, 2.5 if selected else 1.2))
        painter.setBrush(QBrush(getattr(c, self.column)))
        painter.drawRoundedRect(box, 6, 6)
        small = stage_points(SMALL_PT, zoom(option, painter), TITLE_PT)
        slot = SLOT * small / SMALL_PT
        painter.setFont(font(small))
        painter.setPen(QPen(c.warn if warn else c.muted))
        head = KIND_WORDS[self.column] + (f"  ⚠ {len(self.findings)}" if warn else "")
        painter.drawText(box.adjusted(6, 2, -6, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, head)
        text_box = box.adjusted(6, slot, -6, -slot if self.detail else -4)
        scale, lines = fitted_lines(self.title, TITLE_PT, text_box, zoom(option, painter), 2)
        painter.setFont(font(TITLE_PT * scale) if scale != 1.0 else TITLE_FONT)
        painter.setPen(QPen(c.ink))
        painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "\n".join(lines))
        if self.detail:
            painter.setFont(font(small))
            painter.setPen(QPen(c.muted))
            detail = painter.fontMetrics().elidedText(self.detail, Qt.TextElideMode.ElideRight, int(box.width() - 12))
            painter.drawText(
                box.adjusted(6, 0, -6, -3), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, detail
            )


class ChainLine(QGraphicsPathItem):
    """A link from one card's right edge to another's left edge, with an arrowhead. `ref` is the link's
    (kind, id): a causal link, or a rationale's tie to an instrument (("rationale", id), not selectable:
    edit it in the rationale's 'Instruments that address it').

    Its looks are shared pens (a chain of thousands of lines has four looks), its tooltip is written
    just before it shows, and its click band is worked out once per route: building a line calls no
    Python per Qt notification, nor does painting it. One pen serves every view, so while the stage
    shows the pens are the stage's (ui.theme.line_ink): a room reads them."""

    def __init__(self, ref: tuple[str, str], selectable: bool):
        super().__init__()
        self.ref = ref
        self.tip: Callable[[], str] = str  # writes the tooltip when it is about to show
        self.untested = False
        self.marked = False  # drawn as selected
        self.ends: tuple[QPointF, QPointF] | None = None
        self._hit: QPainterPath | None = None
        if selectable:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(1)
        self.head = QGraphicsPathItem(self)
        self._style()

    def set_tip(self, tip: Callable[[], str], untested: bool) -> None:
        self.tip = tip
        if untested != self.untested:
            self.untested = untested
            self._style()

    def follow_selection(self) -> None:
        """Restyle when selected or no longer (the scene calls it on a selection change)."""
        if self.isSelected() != self.marked:
            self.marked = not self.marked
            self._style()

    def theme_changed(self) -> None:
        """Called when the theme changes or the stage shows (ui.canvas.view.redraw): Qt paints lines with
        the pens set here."""
        self._style()

    def _style(self) -> None:
        line, head, fill = _looks(theme.line_ink().key, self.untested, self.marked)
        self.setPen(line)
        self.head.setPen(head)
        self.head.setBrush(fill)

    def route(self, start: QPointF, end: QPointF) -> None:
        if self.ends == (start, end):
            return
        self.ends = (start, end)
        path = QPainterPath(start)
        bend = max(30.0, (end.x() - start.x()) / 2)
        path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
        self._hit = None
        self.setPath(path)
        self.head.setPath(_arrow(end))

    def shape(self) -> QPainterPath:
        """A band along the line, so it can be clicked (worked out when first asked after a route)."""
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(8)
            self._hit = stroker.createStroke(self.path())
        return self._hit


@cache
def _looks(key: str, untested: bool, selected: bool) -> tuple[QPen, QPen, QBrush]:
    c = theme.ink_of(key)
    colour = c.selected if selected else c.warn if untested else c.ink
    pen = QPen(colour, 2.4 if selected else 1.3)
    if untested:  # an assumption no evaluation tests: dashed, as well as red
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen, QPen(colour, 1), QBrush(colour)


def _arrow(tip: QPointF, size: float = 8.0) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([tip, tip + QPointF(-size, -size / 2), tip + QPointF(-size, size / 2), tip]))
    return path
