"""Graphics items of the spheres canvas: spheres, placed items, region labels, the outside area.

Items mirror domain entities by id; they never change the model themselves. Drags are the scene's
gestures (ui.canvas.interaction, spheres.gestures), each one undo command on release.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyle, QStyleOptionGraphicsItem, QWidget

from ui import theme
from ui.canvas.cards import CardItem, fitted_lines, font, stage_points, zoom
from ui.markup import escape
from workbench.spheres.entities import Region, Sphere
from workbench.spheres.items import Item, ItemKind

CARD_W, CARD_H = 104.0, 28.0
NAME_PT = 7.0
NAME_RECT = QRectF(-CARD_W / 2 + 19, -CARD_H / 2 + 3, CARD_W - 22, CARD_H - 4)
HANDLE = 12.0
EDGE_STYLES = {"A": Qt.PenStyle.SolidLine, "B": Qt.PenStyle.DashLine, "C": Qt.PenStyle.DashDotLine}  # one ink
TINT = 60  # the alpha of a sphere's own colour inside it, where the theme keeps the document's colours


def kind_marker(kind: str, centre: QPointF, size: float) -> QPainterPath:
    """A shape per item kind, so kind is never told by colour alone."""
    path = QPainterPath()
    h = size / 2
    x, y = centre.x(), centre.y()
    if kind == ItemKind.INSTRUMENT:
        path.addEllipse(centre, h, h)
    elif kind == ItemKind.PROGRAMME:
        path.addRect(QRectF(x - h, y - h, size, size))
    elif kind == ItemKind.INSTITUTION:
        path.addPolygon(QPolygonF([QPointF(x, y - h), QPointF(x + h, y + h), QPointF(x - h, y + h), QPointF(x, y - h)]))
    else:
        path.addPolygon(
            QPolygonF([QPointF(x, y - h), QPointF(x + h, y), QPointF(x, y + h), QPointF(x - h, y), QPointF(x, y - h)])
        )
    return path


BADGE_H = 11.0  # the region tab sits on the card's top edge, leaving the card's width to the name
TAG_PT = 5.5  # its text: on the presentation stage as large as the name, the tab growing upward with it
TAB_TOP = BADGE_H * (NAME_PT / TAG_PT - 0.5)  # how far the tab reaches above the card, at most
CARD = QRectF(-CARD_W / 2 - 2, -CARD_H / 2 - TAB_TOP - 2, CARD_W + 4, CARD_H + TAB_TOP + 4)
DOT = QRectF(-8, -8, 16, 16)


class PolicyItem(CardItem):
    """An instrument, programme, institution or other measure placed on the canvas.

    When very many items are on screen the scene switches them to compact markers (still shaped by
    kind), which the scene's MarkerLayer draws: the item itself then paints nothing, but is still what
    the user clicks, selects and drags. Zooming in brings the cards back. The scene tells the layer
    where a marker changed (`redraw_marker`): a Python hook on every change Qt makes to an item
    (itemChange) would cost each of thousands of cards a dozen calls as it is made and let go of.
    """

    compact = False  # Qt tells the item of changes before __init__ sets its own
    Z = 10.0  # above the spheres and the region labels, with the marker layer

    def __init__(self, item: Item, region: Region):
        super().__init__(CARD, z=self.Z)
        self.item_id = item.id
        self.entity = item
        self.region = region
        self.dimmed = False
        self.compact = False
        self.drawn_at: QPointF | None = None  # where the marker layer last drew this item's marker
        self.update_from(item, region)

    def update_from(self, item: Item, region: Region) -> None:
        self.entity = item
        self.region = region
        self.setPos(item.x, item.y)
        self.redraw_marker()
        kind = ItemKind(item.kind).label
        outside = " · marked outside IIP" if item.outside_iip else ""
        self.setToolTip(f"<b>{escape(item.name)}</b><br>{kind} · region {region.value}{outside}")
        self.update()

    def spoken(self) -> tuple[str, str]:
        """Name, then kind and region, for a screen reader (ui.canvas.accessible)."""
        outside = ", marked outside IIP" if self.entity.outside_iip else ""
        return self.entity.name, f"{ItemKind(self.entity.kind).label}, region {self.region.value}{outside}"

    def set_region(self, region: Region) -> None:
        if region is not self.region:
            self.region = region
            self.update()

    def set_dimmed(self, dimmed: bool) -> None:
        """Faded when the search or the filters leave the item out."""
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.update()
            self.redraw_marker()

    def set_compact(self, compact: bool) -> None:
        """A marker drawn by the scene's MarkerLayer, or a card the item paints itself."""
        if compact != self.compact:
            self.compact = compact
            self.setRect(DOT if compact else CARD)
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, compact)
            self.drawn_at = self.pos() if compact else None  # the layer draws them all (set_drawing)

    def redraw_marker(self) -> None:
        """The marker moved (a drag, an undo), was selected, faded or put on the canvas: the layer draws
        again where it was and where it is."""
        layer = getattr(self.scene(), "markers", None)
        if self.compact and isinstance(layer, MarkerLayer):
            if self.drawn_at is not None and self.drawn_at != self.pos():
                layer.redraw_at(self.drawn_at)
            self.drawn_at = self.pos()
            layer.redraw_at(self.drawn_at)

    def erase_marker(self) -> None:
        """The item leaves the canvas: the layer draws again where its marker was."""
        layer = getattr(self.scene(), "markers", None)
        if self.drawn_at is not None and isinstance(layer, MarkerLayer):
            layer.redraw_at(self.drawn_at)
        self.drawn_at = None

    def paint_marker(self, painter: QPainter, c: theme.Ink) -> None:
        """The compact marker, shaped by kind, at the item's own origin (MarkerLayer paints every one)."""
        painter.setOpacity(0.18 if self.dimmed else 1.0)
        painter.setPen(self._pen(c, self.isSelected()))
        painter.setBrush(QBrush(c.card))
        painter.drawPath(kind_marker(self.entity.kind, QPointF(0, 0), 12))

    def _pen(self, c: theme.Ink, selected: bool) -> QPen:
        pen = QPen(c.selected if selected else c.ink, 3 if selected else 1)
        if self.entity.outside_iip:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setOpacity(0.18 if self.dimmed else 1.0)
        pen = self._pen(c, selected)
        card = QRectF(-CARD_W / 2, -CARD_H / 2, CARD_W, CARD_H)
        painter.setPen(pen)
        painter.setBrush(QBrush(c.card))
        painter.drawRoundedRect(card, 6, 6)
        painter.setBrush(QBrush(c.ink))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPath(kind_marker(self.entity.kind, QPointF(card.left() + 10, 0), 9))
        grow = stage_points(TAG_PT, zoom(option, painter), NAME_PT) / TAG_PT
        badge = QRectF(card.right() - 4 - 24 * grow, card.top() + BADGE_H * (0.5 - grow), 24 * grow, BADGE_H * grow)
        painter.setBrush(QBrush(c.panel))
        painter.setPen(QPen(c.ink, 0.8))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setFont(font(TAG_PT * grow, bold=True))
        painter.drawText(
            badge, Qt.AlignmentFlag.AlignCenter, "out" if self.region is Region.OUTSIDE else self.region.value
        )
        scale, lines = self.name_lines(zoom(option, painter))
        painter.setFont(font(NAME_PT * scale))
        painter.setPen(QPen(c.ink))
        painter.drawText(NAME_RECT, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "\n".join(lines))

    def name_lines(self, zoom: float = 1.0) -> tuple[float, list[str]]:
        """The font scale and lines of the name on the card, as the view shows it at `zoom`."""
        return fitted_lines(self.entity.name, NAME_PT, NAME_RECT, zoom, min_lines=2)


class MarkerLayer(QGraphicsItem):
    """Every compact marker of a crowded view, drawn as one picture.

    Qt keeps the picture as one pixmap of the view and paints again only the parts an edit, a drag or a
    selection touched (the items say where); a full repaint is then one pixmap, where a pixmap per
    item cost thousands. The items stay what the user clicks, selects and drags.
    """

    MARGIN = 1000.0  # room to drag about: a layer that grows draws its whole picture again

    def __init__(self):
        super().__init__()
        self.rect = QRectF()
        self._stamps: dict[tuple, QPixmap] = {}  # a marker's look and size -> its pixels
        self.setZValue(PolicyItem.Z)  # with the cards
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # the part to paint again
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.set_drawing(False)

    def set_drawing(self, on: bool) -> None:
        """Draw the markers (a crowded view), or nothing: the cards draw themselves."""
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not on)
        self.update()

    def cover(self, rect: QRectF) -> None:
        """Reach over `rect` too, with room around it."""
        if not self.rect.contains(rect):
            self.prepareGeometryChange()
            self.rect = self.rect.united(rect.adjusted(-self.MARGIN, -self.MARGIN, self.MARGIN, self.MARGIN))

    def redraw_at(self, centre: QPointF) -> None:
        place = DOT.translated(centre)
        self.cover(place)
        self.update(place)

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        scene = self.scene()
        if scene is None:
            return
        c = theme.ink(widget)
        shown = scene.items(
            option.exposedRect.adjusted(-1, -1, 1, 1),
            Qt.ItemSelectionMode.IntersectsItemBoundingRect,
            Qt.SortOrder.AscendingOrder,
        )
        to_device = painter.worldTransform()
        scale = round(math.hypot(to_device.m11(), to_device.m12()), 3)
        ratio = painter.device().devicePixelRatioF()  # a high-density screen's pixels per device unit
        painter.save()
        painter.resetTransform()  # stamps are drawn in the device's units, at the size they were made
        for item in shown:
            if isinstance(item, PolicyItem) and item.compact:
                stamp = self._stamp(item, c, scale, ratio)
                half = stamp.width() / ratio / 2
                at = to_device.map(item.pos())
                painter.drawPixmap(QPointF(at.x() - half, at.y() - half), stamp)
        painter.restore()

    def _stamp(self, item: PolicyItem, c: theme.Ink, scale: float, ratio: float) -> QPixmap:
        """The item's marker as pixels, made once per look (kind, selected, faded, outside IIP) and size:
        drawing a pixmap costs a marker far less than drawing its shape."""
        key = (c.key, scale, ratio, item.entity.kind, item.isSelected(), item.dimmed, item.entity.outside_iip)
        stamp = self._stamps.get(key)
        if stamp is None:
            side = math.ceil(DOT.width() * scale * ratio) + 2
            image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(side / 2, side / 2)
            painter.scale(scale * ratio, scale * ratio)
            item.paint_marker(painter, c)  # the one drawing of a marker
            painter.end()
            image.setDevicePixelRatio(ratio)
            self._stamps[key] = stamp = QPixmap.fromImage(image)
        return stamp


class SphereItem(QGraphicsItem):
    """One policy sphere: a translucent circle, its name, a grip to move it and a handle to resize it.
    In a theme with one ink for every sphere (high contrast) the circle is not tinted, so text on it keeps
    its contrast, and each sphere's outline has a line style of its own.

    The interior is not clickable, so a drag inside the circles starts a rubber-band selection.
    Pressing the name or the handle starts the scene's sphere gesture, which changes only the drawing
    until release.
    """

    def __init__(self, sphere: Sphere):
        super().__init__()
        self.sphere_id = sphere.id
        self.sphere = sphere
        self.setZValue(0)
        # A large translucent disc costs a full repaint more than every marker together: kept as a pixmap.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._radius = sphere.r
        self.update_from(sphere)

    def update_from(self, sphere: Sphere) -> None:
        self.prepareGeometryChange()
        self.sphere = sphere
        self._radius = sphere.r
        self.setPos(sphere.cx, sphere.cy)
        self.setToolTip(
            f"<b>{escape(sphere.name)}</b> (sphere {sphere.key})"
            + (f"<br>Owner: {escape(sphere.owner_department)}" if sphere.owner_department else "")
            + "<br>Drag the name to move, the square handle to resize."
        )
        self.update()

    @property
    def radius(self) -> float:
        return self._radius

    def spoken(self) -> tuple[str, str]:
        """For a screen reader (ui.canvas.accessible)."""
        owner = f", owned by {self.sphere.owner_department}" if self.sphere.owner_department else ""
        return f"Sphere {self.sphere.key}: {self.sphere.name}", f"Policy sphere{owner}"

    def set_radius(self, radius: float) -> None:
        """Draw the sphere at `radius` (a resize under way; the model keeps its own until release)."""
        self.prepareGeometryChange()
        self._radius = radius
        self.update()

    def label_rect(self) -> QRectF:
        # Names sit just outside the circle (above A and B, below C), clear of the items inside.
        r = self.radius
        y = r + 6 if self.sphere.key == "C" else -r - 30
        return QRectF(-170, y, 340, 24)

    def handle_rect(self) -> QRectF:
        return QRectF(self.radius - HANDLE / 2, -HANDLE / 2, HANDLE, HANDLE)

    def boundingRect(self) -> QRectF:
        r = self.radius + HANDLE
        return QRectF(-r, -r, 2 * r, 2 * r).united(self.label_rect())

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.label_rect())
        path.addRect(self.handle_rect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        colour = QColor(self.sphere.colour)
        fill = QColor(colour)
        fill.setAlpha(TINT)
        selected = self.isSelected()
        edge = QPen(c.selected if selected else c.sphere_edge or colour.darker(130), 4 if selected else 2.5)
        if c.sphere_edge is not None:  # every sphere in one ink: its line (and its name) tells it from the others
            edge.setStyle(EDGE_STYLES.get(self.sphere.key, Qt.PenStyle.SolidLine))
        painter.setPen(edge)
        painter.setBrush(QBrush(fill if c.sphere_fill is None else c.sphere_fill))
        r = self.radius
        painter.drawEllipse(QRectF(-r, -r, 2 * r, 2 * r))
        label = self.label_rect()
        painter.setFont(font(11, bold=True))
        painter.setPen(QPen(c.sphere_edge or colour.darker(170)))
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"{self.sphere.key}  {self.sphere.name}")
        painter.setBrush(QBrush(c.card))
        painter.setPen(QPen(c.sphere_edge or colour.darker(150), 1.5))
        painter.drawRect(self.handle_rect())


LABEL_PT = 7.0
LABEL_BOX = QRectF(-34, -12, 68, 24)


class RegionLabel(QGraphicsItem):
    """The code of a region (A, AB, ABC...) with its item count, drawn at a point inside it, the same
    size at any zoom; on the presentation stage as large as the stage's text (ui.theme.smallest_text), or
    the cards around it when the whole board is shown, beyond its bounds (the stage repaints whole)."""

    def __init__(self, region: Region):
        super().__init__()
        self.region = region
        self.count = 0
        self.flagged = False
        self.setZValue(5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)  # readable at any zoom
        # Not cached: a cache is painted with no widget, as large as the laptop's bounds, so the stage's
        # larger words were never written, or would be cut to those bounds.

    def set_state(self, count: int, flagged: bool) -> None:
        if (count, flagged) != (self.count, self.flagged):  # an edit changes one or two regions' counts
            self.count, self.flagged = count, flagged
            self.update()

    def boundingRect(self) -> QRectF:
        return LABEL_BOX  # as the laptop shows it: the scene places labels and notes clear of it

    @staticmethod
    def grow(widget: QWidget | None) -> float:
        """How much larger than on the laptop the label is written on `widget` (a view's viewport): on the
        stage, as the board's cards are (the view's zoom), up to the stage's text size."""
        viewport = theme.viewport_of(widget)
        smallest = theme.smallest_text(viewport)
        view = viewport.parentWidget() if viewport is not None else None
        if smallest is None or not isinstance(view, QGraphicsView):
            return 1.0
        return max(1.0, min(view.transform().m11(), smallest / LABEL_PT))

    def text(self) -> str:
        return f"{'⚠ ' if self.flagged else ''}{self.region.value}: {self.count}"

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        text = self.text()
        grow = self.grow(widget)
        painter.scale(grow, grow)
        painter.setFont(font(LABEL_PT, bold=True))
        box = painter.fontMetrics().boundingRect(text).adjusted(-5, -2, 5, 2)
        box.moveCenter(LABEL_BOX.center().toPoint())
        c = theme.ink(widget)
        colour = c.warn if self.flagged else c.ink
        painter.setPen(QPen(colour, 1.2 if self.flagged else 0.6))
        painter.setBrush(QBrush(c.card))
        painter.drawRoundedRect(box, 4, 4)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class OutsideArea(QGraphicsItem):
    """The frame around the spheres: whatever sits inside it but outside every circle is outside IIP."""

    TEXT = "Outside IIP (complementary: trade, competition)"

    def __init__(self, rect: QRectF):
        super().__init__()
        self.rect = rect
        self.setZValue(-1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # as large as the view: drawn once
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.rect = rect

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        painter.setPen(QPen(c.line, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(c.outside))
        painter.drawRoundedRect(self.rect, 10, 10)
        painter.setFont(font(10, bold=True))
        painter.setPen(QPen(c.muted))
        painter.drawText(
            self.rect.adjusted(12, 8, -12, -8), Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft, self.TEXT
        )
