"""The workshop board: the spheres scene with a layer of sticky notes and vote totals on top.

It reuses the spheres scene as it is (spheres, items, live regions, gaps) and adds what a workshop
needs: note items by id, the parking label where new notes land, and vote totals shown only once the
facilitator reveals them. It follows the document's changes like the spheres do.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

from ui.canvas.accessible import reading_order
from ui.canvas.mirror import Fetch, latest, mirror
from ui.views.spheres.items import PolicyItem
from ui.views.spheres.model import Board
from ui.views.spheres.scene import SpheresScene
from ui.views.workshop.notes import TAG_FONT, NoteItem, VoteBadge
from workbench.changes import Change
from workbench.spheres.entities import Region
from workbench.workshop.entities import Note, Participant, Vote, WorkshopState
from workbench.workshop.groups import ink_for, label_of, note_colour
from workbench.workshop.placement import NOTE_H, NOTE_W, parking_slots
from workbench.workshop.voting import visible_totals


class WorkshopScene(SpheresScene):
    board_moved = Signal(list)  # [(kind, id, (new x, new y))] of the notes and item cards a mouse drag moved

    def __init__(self, parent=None):
        super().__init__(parent)
        self.notes: dict[str, Note] = {}
        self.participants: dict[str, Participant] = {}
        self.votes: dict[str, Vote] = {}
        self.states: dict[str, WorkshopState] = {}  # the one workshop state, once there is one
        self.revealed = False
        self.note_items: dict[str, NoteItem] = {}
        self.badges: dict[str, VoteBadge] = {}
        self.parking_label = QGraphicsSimpleTextItem("New notes")
        self.parking_label.setFont(TAG_FONT)
        self.parking_label.setToolTip("Notes typed in the Idea field land here; drag each onto the spheres.")
        self.addItem(self.parking_label)

    # ----- building and following the model -----------------------------------------------------
    def load_workshop(
        self, notes: list[Note], participants: list[Participant], votes: list[Vote], state: WorkshopState | None
    ) -> None:
        self.participants = {p.id: p for p in participants}
        self.votes = {v.id: v for v in votes}
        self.states = {state.id: state} if state else {}
        self.revealed = bool(state and state.totals_revealed)
        for note in notes:
            self.note_items[note.id] = self._show_note(note, None)
        self._place_parking_label()
        self.show_totals()

    def adopt(self, board: Board) -> None:
        """The spheres may have moved the parking place, and the items' cards need their totals."""
        super().adopt(board)
        self._place_parking_label()
        self.show_totals()

    def unload(self) -> None:
        """Let go of the notes and their votes too (their badges go with the item cards they sit on)."""
        for item in self.note_items.values():
            self.removeItem(item)
        self.badges.clear()
        super().unload()
        for table in (self.notes, self.participants, self.votes, self.states, self.note_items):
            table.clear()

    def apply_workshop(self, changes: list[Change], fetch: Fetch) -> None:
        """Follow the service's report for notes, groups, votes and the reveal flag."""
        totals_stale = False
        for change in changes:
            if change.kind == "note":
                mirror(change, self.note_items, fetch, self._show_note, self._drop_note)
            elif change.kind == "participant":
                mirror(change, self.participants, fetch, latest)
                self._restyle_notes()
            elif change.kind == "vote":
                mirror(change, self.votes, fetch, latest)
                totals_stale = True
            elif change.kind == "workshop":
                mirror(change, self.states, fetch, latest)
                self.revealed = any(s.totals_revealed for s in self.states.values())
                totals_stale = True
            elif change.kind == "item":
                totals_stale = True  # a recreated item card needs its badge again
        if totals_stale:
            self.show_totals()

    def _show_note(self, note: Note, shown: NoteItem | None) -> NoteItem:
        self.notes[note.id] = note
        participant = self.participants.get(note.participant_id or "")
        colour = note_colour(note, participant)
        label = label_of(participant) if participant else ""
        if shown is None:
            shown = NoteItem(note, colour, ink_for(colour), label)
            self.addItem(shown)
            self._grow_to(shown.sceneBoundingRect())
        else:
            shown.show_note(note, colour, ink_for(colour), label)
        return shown

    def _drop_note(self, id_: str, shown: NoteItem) -> None:
        self.notes.pop(id_, None)
        self.removeItem(shown)

    def _restyle_notes(self) -> None:
        for note in self.notes.values():
            self._show_note(note, self.note_items[note.id])

    def _grow_to(self, rect) -> None:
        """Keep new notes inside the scrollable area (the spheres scene sized it for spheres and items)."""
        if not self.sceneRect().contains(rect):
            self.setSceneRect(self.sceneRect().united(rect.adjusted(-200, -200, 200, 200)))

    def _place_parking_label(self) -> None:
        x0, y0, _rows = parking_slots(list(self.spheres.values()))
        self.parking_label.setPos(x0 - NOTE_W / 2, y0 - NOTE_H / 2 - 22)
        self._grow_to(self.parking_label.sceneBoundingRect())

    # ----- votes ----------------------------------------------------------------------------------
    def totals(self) -> Counter[str]:
        return visible_totals(self.votes.values(), self.revealed)

    def _make_cards(self, due: list[tuple[str, Region]]) -> None:
        """Cards made a moment after the board loaded get their totals too."""
        super()._make_cards(due)
        self.show_totals()

    def show_totals(self) -> None:
        """Show each note's and item's total once revealed; nothing at all before."""
        shown = self.totals()
        for id_, item in self.note_items.items():
            item.show_total(shown[id_] if self.revealed else None)
        for id_ in list(self.badges):
            badge = self.badges[id_]
            if not shown[id_] or self.policy_items.get(id_) is not badge.parentItem():
                del self.badges[id_]
                if badge.scene() is self:
                    self.removeItem(badge)
        for id_, card in self.policy_items.items():
            if shown[id_]:
                existing = self.badges.get(id_)
                if existing is None:
                    self.badges[id_] = VoteBadge(card, shown[id_])
                else:
                    existing.set_total(shown[id_])

    # ----- keyboard and mouse ---------------------------------------------------------------------
    def readable_items(self) -> list[QGraphicsItem]:
        """The notes first (Tab selects them one by one for voting), then the spheres and their items."""
        notes = set(self.note_items.values())
        rest = super().readable_items()
        return reading_order(notes) + [i for i in rest if i not in notes]

    def selected_notes(self) -> list[NoteItem]:
        return [i for i in self.selectedItems() if isinstance(i, NoteItem)]

    def cards_moved(self, moved: list[tuple[QGraphicsItem, QPointF, QPointF]]) -> None:
        """Notes and item cards dragged together are one move of the board (one undo step)."""
        board = [
            (*_ref(card), (new.x(), new.y())) for card, _old, new in moved if isinstance(card, NoteItem | PolicyItem)
        ]
        if board:
            self.board_moved.emit(board)

    def restore_note_positions(self, ids) -> None:
        """Put notes back where the model has them (after a refused move)."""
        for id_ in ids:
            if id_ in self.note_items:
                self.note_items[id_].setPos(self.notes[id_].x, self.notes[id_].y)


def _ref(card: NoteItem | PolicyItem) -> tuple[str, str]:
    return ("note", card.note_id) if isinstance(card, NoteItem) else ("item", card.item_id)
