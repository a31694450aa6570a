"""Graphics items the workshop adds on top of the spheres: sticky notes and vote badges.

Like the spheres' cards, a note is a card item, so hundreds of notes repaint cheaply; it mirrors a
Note entity by id and never changes the model.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyle, QStyleOptionGraphicsItem, QWidget

from ui import theme
from ui.canvas.cards import CardItem, fitted_lines, font, zoom
from workbench.workshop.entities import ConversionKind, Note
from workbench.workshop.placement import NOTE_H, NOTE_W

NOTE_Z = 20  # above the spheres' cards (10)
TEXT_LINES = 3
TEXT_PT = 9.5
TAG_FONT = font(8, bold=True)
BADGE_FONT = font(8, bold=True)


class NoteItem(CardItem):
    """One sticky note: its words, the group's initials, what it became, its vote total once revealed."""

    def __init__(self, note: Note, colour: str, ink: str, label: str):
        super().__init__(QRectF(-NOTE_W / 2, -NOTE_H / 2, NOTE_W, NOTE_H), z=NOTE_Z)
        self.note_id = note.id
        self.total: int | None = None  # None while totals are hidden
        self.show_note(note, colour, ink, label)

    def show_note(self, note: Note, colour: str, ink: str, label: str) -> None:
        self.note = note
        self.colour, self.ink, self.label = QColor(colour), QColor(ink), label
        self.setPos(note.x, note.y)
        self.setToolTip(_tooltip(note, label))
        self.update()

    def spoken(self) -> tuple[str, str]:
        """The note's words, then its group, decision, what it became and its votes once revealed."""
        parts = ["Note", *([f"group {self.label}"] if self.label else [])]
        if self.note.decision:
            parts.append("decision")
        if self.note.converted_kind:
            parts.append(f"turned into {ConversionKind(self.note.converted_kind).label.lower()}")
        if self.total is not None:
            parts.append(f"{self.total} vote{'s' if self.total != 1 else ''}")
        return self.note.text, ", ".join(parts)

    def show_total(self, total: int | None) -> None:
        if total != self.total:
            self.total = total
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = self.rect()
        converted = bool(self.note.converted_kind)
        painter.setOpacity(0.55 if converted else 1.0)
        edge = c.ink if c.note else self.colour.darker(150)  # a theme's own note colour: the group is in words
        painter.setPen(QPen(c.selected if selected else edge, 3 if selected else 1))
        painter.setBrush(QBrush(c.note or self.colour))
        painter.drawRect(card)
        painter.setOpacity(1.0)
        painter.setPen(QPen(c.ink if c.note else self.ink))
        scale, lines = self.text_lines(zoom(option, painter))
        painter.setFont(font(TEXT_PT * scale))
        painter.drawText(self._text_rect(), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, "\n".join(lines))
        painter.setFont(TAG_FONT)
        foot = QRectF(card.left() + 6, card.bottom() - 16, card.width() - 12, 14)
        painter.drawText(foot, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._tag())
        if self.total:
            self._draw_total(painter, card, c)

    def _text_rect(self) -> QRectF:
        return self.rect().adjusted(6, 4, -6, -17)

    def text_lines(self, zoom: float = 1.0) -> tuple[float, list[str]]:
        """The font scale and lines of the note's text, as the view shows it at `zoom`."""
        return fitted_lines(self.note.text, TEXT_PT, self._text_rect(), zoom, min_lines=TEXT_LINES)

    def _tag(self) -> str:
        parts = [self.label] if self.label else []
        if self.note.decision:
            parts.append("✔ decision")
        if self.note.converted_kind:
            parts.append(f"→ {ConversionKind(self.note.converted_kind).label.lower()}")
        return " · ".join(parts)

    def _draw_total(self, painter: QPainter, card: QRectF, c: theme.Ink) -> None:
        badge = QRectF(card.right() - 24, card.bottom() - 18, 22, 16)
        painter.setPen(QPen(c.ink, 1))
        painter.setBrush(QBrush(c.card))
        painter.drawRoundedRect(badge, 7, 7)
        painter.setFont(BADGE_FONT)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(self.total))


class VoteBadge(QGraphicsRectItem):
    """The revealed vote total of a placed item, riding on the item's card as a child item."""

    def __init__(self, parent: QGraphicsItem, total: int):
        super().__init__(QRectF(-13, -9, 26, 18), parent)
        self.setPos(parent.boundingRect().right() - 10, parent.boundingRect().top() - 6)  # clear of the region tag
        self.setZValue(1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.total = total

    def set_total(self, total: int) -> None:
        if total != self.total:
            self.total = total
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        painter.setPen(QPen(c.ink, 1))
        painter.setBrush(QBrush(c.card))
        painter.drawRoundedRect(self.rect(), 8, 8)
        painter.setFont(BADGE_FONT)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, f"●{self.total}")


def _tooltip(note: Note, label: str) -> str:
    text = note.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    extra = [f"from {label}"] if label else []
    if note.decision:
        extra.append("marked as a decision")
    if note.converted_kind:
        extra.append(f"became {ConversionKind(note.converted_kind).label.lower()}")
    hint = (
        "Drag it onto the spheres, or select it with Tab and move it with the arrows. "
        "V votes, D marks a decision, T turns it into an instrument, actor, objective or lesson."
    )
    return f"<b>{text}</b>" + (f"<br>{', '.join(extra)}" if extra else "") + f"<br><i>{hint}</i>"
