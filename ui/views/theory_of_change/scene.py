"""The theory-of-change scene: mirrors rationales, instruments, results and links by id, lays the cards
out in their columns and marks what the analysis (workbench.theory_of_change.analysis) finds.

Instruments are the document's items (those funded: instruments and programmes) and rationales the
register's entries: the scene draws them, it keeps no copy of its own to fall out of step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from typing import Protocol, cast

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from ui import theme
from ui.canvas.cards import font, stage_points
from ui.canvas.interaction import InteractiveScene
from ui.canvas.leaving import Leaving
from ui.canvas.mirror import latest, mirror
from ui.markup import escape
from ui.views.theory_of_change.items import TITLE_PT, ChainCard, ChainLine
from ui.views.theory_of_change.layout import CARD_H, CARD_W, COLUMNS, TOP, card_at, column_x, height, width
from workbench.changes import Change
from workbench.document import Document
from workbench.entity import Entity
from workbench.registers.entities import Evaluation
from workbench.registers.questions import evaluations_testing
from workbench.theory_of_change.analysis import TheoryOfChangeAnalysis, analyse_theory_of_change
from workbench.theory_of_change.chain import Card, cards_of, lines_of
from workbench.theory_of_change.entities import Rationale, TocLink

# What the chain and its findings read: option flows say which outcomes the appraisal counts benefits from.
KINDS = (
    "item",
    "rationale",
    "toc_node",
    "toc_link",
    "objective",
    "evaluation",
    "evaluation_question",
    "indicator",
    "option_flow",
)
Ref = tuple[str, str]
# Cards made in one turn of the event loop: a chain of thousands is built in slices, the window
# answering between them (each card costs a Qt item), the first screenful at once.
CARDS_AT_ONCE = 250


class Source(Protocol):
    def all(self, kind: str) -> list[Entity]: ...
    def get_many(self, kind: str, ids: Iterable[str]) -> list[Entity]: ...


SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


class TheoryOfChangeScene(InteractiveScene):
    analysis_changed = Signal(object)  # TheoryOfChangeAnalysis

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tables: dict[str, dict[str, Entity]] = {kind: {} for kind in KINDS}
        self.cards: dict[Ref, ChainCard] = {}
        self.lines: dict[tuple[str, str], ChainLine] = {}  # a link's (kind, id), or (rationale id, item id)
        self.columns: dict[str, list[ChainCard]] = {c.key: [] for c in COLUMNS}
        self.analysis: TheoryOfChangeAnalysis | None = None
        # What the cards are built for: the document, its findings by card, and its cards by column.
        self._shown: tuple[Document, dict[Ref, list[str]], dict[str, list[Card]]] = (Document(), {}, {})
        self._more = QTimer(self)  # the next slice of cards
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._sync)
        self.leaving = Leaving(self)  # what a hidden section lets go of
        self.selectionChanged.connect(self._restyle_lines)

    # ----- the mirrored model -----------------------------------------------------------------
    def table[E: Entity](self, t: type[E]) -> dict[str, E]:
        return cast("dict[str, E]", self.tables[t.KIND])

    def load(self, source: Source) -> None:
        for kind in KINDS:
            for entity in source.all(kind):
                self.tables[kind][entity.id] = entity
        self.refresh(reading=True)

    def unload(self) -> None:
        """Let go of every card and line (a hidden view releasing its scene), a slice per turn
        (ui.canvas.leaving); `load` shows them again."""
        for table in self.tables.values():
            table.clear()
        self.leaving.add([*self.lines.values(), *self.cards.values()])
        self.lines, self.cards = {}, {}
        self.columns = {key: [] for key in self.columns}
        self.refresh()

    def apply(self, changes: list[Change], source: Source) -> bool:
        """Follow the change report (only the entities it names are fetched); True if anything shown changed."""
        touched = False
        for change in changes:
            if change.kind in KINDS:
                mirror(change, self.tables[change.kind], source.get_many, latest)
                touched = True
        if touched:
            self.refresh()
        return touched

    def title_of(self, ref: Ref) -> str:
        entity = self.tables[ref[0]].get(ref[1])
        return entity.title if entity is not None else ""

    # ----- cards, lines, findings ---------------------------------------------------------------
    def snapshot(self) -> Document:
        """What the scene shows, as a document for the analysis and the figure."""
        return Document.of(e for kind in KINDS for e in self.tables[kind].values())

    def refresh(self, reading: bool = False) -> None:
        """Make the cards and lines the tables call for (the first slice now, the rest on the next turns
        of the event loop), drop the rest, lay out, and mark the findings. A `reading` of more cards than
        a slice makes none on its own turn: it already reads and analyses the chain."""
        doc = self.snapshot()
        self.analysis = analyse_theory_of_change(doc)
        notes: dict[Ref, list[str]] = {}
        for finding in self.analysis.findings:
            for ref in finding.refs:
                notes.setdefault(ref, []).append(finding.text)
        wanted = cards_of(doc)
        self._shown = (doc, notes, wanted)
        # The whole chain's extent at once (the layout's numbers, not the cards made so far): the view
        # fits it once and the scroll bar does not grow under the user while the slices come.
        rows = max((len(column) for column in wanted.values()), default=0)
        self.setSceneRect(QRectF(-20, 0, width() + 40, height(rows) + 30))
        if reading and sum(len(column) for column in wanted.values()) > CARDS_AT_ONCE:
            self._more.start()
        else:
            self._sync()
        self.analysis_changed.emit(self.analysis)

    def empty(self) -> bool:
        """Nothing on the chain (whether or not its cards are made yet)."""
        return not any(self._shown[2].values())

    def settle(self) -> None:
        """Make now every card still due (a picture of the chain needs them all)."""
        while self._more.isActive():
            self._more.stop()
            self._sync()

    def _sync(self) -> None:
        doc, notes, wanted = self._shown
        if not self._sync_cards(wanted, notes):
            self._more.start()
        self._sync_lines(doc, notes)
        self.update()

    def _sync_cards(self, wanted: dict[str, list[Card]], notes: dict[Ref, list[str]]) -> bool:
        """Bring the cards in line with `wanted`, making at most CARDS_AT_ONCE; True if none is left to make."""
        budget = CARDS_AT_ONCE
        keep = {card.ref for column in wanted.values() for card in column}
        for ref in [r for r in self.cards if r not in keep]:
            self.removeItem(self.cards.pop(ref))
        for key, column in wanted.items():
            cards = []
            for row, shown in enumerate(column):
                ref = shown.ref
                card = self.cards.get(ref)
                if card is not None and card.column != key:  # a result moved to another column
                    self.removeItem(self.cards.pop(ref))
                    card = None
                if card is None:
                    if not budget:
                        continue
                    budget -= 1
                    card = self.cards[ref] = ChainCard(ref, key)
                    card.set_content(shown.title, shown.detail, notes.get(ref, []))
                    card.setPos(*card_at(key, row))
                    self.addItem(card)
                else:
                    card.setPos(*card_at(key, row))
                    card.set_content(shown.title, shown.detail, notes.get(ref, []))
                cards.append(card)
            self.columns[key] = cards
        return budget > 0 or len(self.cards) == len(keep)

    def _sync_lines(self, doc: Document, notes: dict[Ref, list[str]]) -> None:
        rationales, links, evaluations = self.table(Rationale), self.table(TocLink), self.table(Evaluation)
        testers = evaluations_testing(doc)
        wanted = {line.key: line for line in lines_of(doc, self.cards)}
        for key in [k for k in self.lines if k not in wanted]:
            self.removeItem(self.lines.pop(key))
        fresh = []
        for key, shown in wanted.items():
            line = self.lines.get(key)
            if line is None:
                line = self.lines[key] = ChainLine(key, selectable=key[0] == "toc_link")
                fresh.append(line)
            if key[0] == "toc_link":
                line.set_tip(
                    partial(_link_tip, links[key[1]], [evaluations[e].name for e in testers.get(key[1], [])]),
                    bool(notes.get(key)),
                )
            else:
                line.set_tip(partial(_tie_tip, rationales[key[0]]), False)
            a, b = self.cards[shown.start].pos(), self.cards[shown.end].pos()
            forward = b.x() >= a.x() + CARD_W
            line.route(
                QPointF(a.x() + CARD_W if forward else a.x(), a.y() + CARD_H / 2),
                QPointF(b.x() if forward else b.x() + CARD_W, b.y() + CARD_H / 2),
            )
        for line in fresh:  # routed before they join the scene: moving thousands inside it is slow
            self.addItem(line)

    def _restyle_lines(self) -> None:
        for line in self.lines.values():
            line.follow_selection()

    def helpEvent(self, event) -> None:
        """Write the tooltip of what is under the pointer just before it shows."""
        for item in self.items(event.scenePos()):
            if isinstance(item, ChainCard):
                item.setToolTip(item.tip)
                break
            line = item if isinstance(item, ChainLine) else item.parentItem()
            if isinstance(line, ChainLine):
                line.setToolTip(line.tip())
                break
        super().helpEvent(event)

    # ----- selection ------------------------------------------------------------------------------
    def selected_refs(self) -> list[Ref]:
        out: list[Ref] = []
        for item in self.selectedItems():
            if isinstance(item, ChainCard) or (isinstance(item, ChainLine) and item.ref[0] == "toc_link"):
                out.append(item.ref)
        return out

    def select(self, refs: Iterable[Ref]) -> None:
        wanted = set(refs)
        self.blockSignals(True)
        try:
            for ref, card in self.cards.items():
                card.setSelected(ref in wanted)
            for key, line in self.lines.items():
                line.setSelected(key in wanted)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    # ----- background: the column titles, and what an empty column needs --------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        c = theme.ink(painter.device())
        painter.fillRect(rect, c.background)
        bottom = max(self.sceneRect().bottom(), TOP + CARD_H)
        for n, column in enumerate(COLUMNS):
            x = column_x(n)
            if n % 2:
                painter.fillRect(QRectF(x - 10, 0, CARD_W + 20, bottom), c.shade)
            painter.setPen(c.ink)
            painter.setFont(font(9.5, bold=True))
            painter.drawText(QRectF(x, 6, CARD_W, 30), Qt.AlignmentFlag.AlignCenter, column.title)
            if not self.columns[column.key]:
                painter.setPen(c.muted)
                painter.setFont(font(stage_points(7.5, painter.worldTransform().m22(), TITLE_PT)))
                painter.drawText(
                    QRectF(x + 6, TOP, CARD_W - 12, CARD_H),
                    Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                    column.empty,
                )


    # ----- read aloud (ui.canvas.accessible) ----------------------------------------------------
    def readable_items(self) -> list[QGraphicsItem]:
        """Column by column, from the rationale to the impacts: the way the chain is read."""
        cards: list[QGraphicsItem] = [card for c in COLUMNS for card in self.columns.get(c.key, []) if card.isVisible()]
        return cards + [line for line in self.lines.values() if line.flags() & SELECTABLE and line.isVisible()]

    def spoken(self, item: QGraphicsItem) -> tuple[str, str]:
        if isinstance(item, ChainLine):  # its tooltip says what it links and its assumption, as plain words
            return "Link", " ".join(re.sub(r"<[^>]+>", " ", item.tip()).split())
        return super().spoken(item)

def _tie_tip(rationale: Rationale) -> str:
    return f"Addresses: {escape(rationale.statement)}"


def _link_tip(link: TocLink, tested: list[str]) -> str:
    parts = [f"<b>Assumption</b>: {escape(link.assumption)}" if link.assumption else "No assumption stated"]
    if link.evidence:
        parts.append(f"<b>Evidence</b>: {escape(link.evidence)}")
    if tested:
        parts.append("<b>Tested by</b>: " + escape(", ".join(tested)))
    elif link.assumption:
        parts.append("⚠ No evaluation tests this assumption")
    return "<br>".join(parts)
