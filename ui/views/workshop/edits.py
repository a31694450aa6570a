"""Every edit the workshop board makes, each one named undo command through the document.

Rules come from the domain (workbench.workshop: voting, conversion, agenda, snapshots); this module
only reads the board's selection, builds the command and tells the facilitator when a rule says no.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from db import operations as ops
from ui import dialogs
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.views.spheres.items import PolicyItem
from ui.views.workshop.notes import NoteItem
from ui.views.workshop.scene import WorkshopScene
from ui.views.workshop.snapshots_panel import CompareDialog
from ui.views.workshop.votes_panel import VotesPanel
from workbench.checklists.model import load_checklists
from workbench.errors import WorkbenchError
from workbench.kinds import entity_type
from workbench.words import count
from workbench.workshop.agenda import following, next_position, walkthrough_steps
from workbench.workshop.convert import convert_note, with_article
from workbench.workshop.entities import STATE_ID, AgendaStep, ConversionKind, Note, Participant, Snapshot, WorkshopState
from workbench.workshop.groups import next_colour
from workbench.workshop.placement import clear_of, next_free_slot
from workbench.workshop.snapshots import compare, describe, plan_restore, read_board, take
from workbench.workshop.voting import change_vote


class Board(Protocol):
    """What the edits use of the view around the board. The view makes the edits and passes itself; the
    edits never import the view, so the two modules do not depend on each other."""

    doc: OpenDocument
    scene: WorkshopScene
    votes_panel: VotesPanel

    def say(self, text: str) -> None:
        """Tell the facilitator why nothing happened, or what did (an empty text clears it)."""

    def show_note(self, note_id: str) -> None:
        """Bring a note just added into sight."""


class BoardEdits:
    def __init__(self, view: Board, parent: QWidget):
        self.view = view
        self.parent = parent  # the dialogs the edits open (snapshot comparison, export) belong to it
        self.doc = view.doc
        self.scene = view.scene
        self.compare_dialog: CompareDialog | None = None

    def state(self) -> WorkshopState | None:
        found = self.doc.get("workshop", STATE_ID)
        return found if isinstance(found, WorkshopState) else None

    def _set_state(self, text: str, **changes) -> bool:
        """The workshop state is made the first time it is needed (most documents never hold a workshop)."""
        if self.state() is None:
            return self.doc.run(StoreCommand(ops.create([WorkshopState.create(**changes)]), text, origin="workshop"))
        return self.doc.run(StoreCommand(ops.update([("workshop", STATE_ID, changes)]), text, origin="workshop"))

    # ----- notes ----------------------------------------------------------------------------------
    def add_note(self, text: str, participant_id: str | None) -> bool:
        """Quick capture: a note in the next free parking slot, from the chosen group, in the current step."""
        spheres = list(self.scene.spheres.values())
        x, y = next_free_slot(((n.x, n.y) for n in self.scene.notes.values()), spheres)
        state = self.state()
        try:
            note = Note.create(
                text=text, participant_id=participant_id, x=x, y=y, step_id=state.current_step_id if state else None
            )
        except WorkbenchError as err:
            self.view.say(err.message)
            return False
        if not self.doc.run(StoreCommand(ops.create([note]), f"Add note '{_short(text)}'", origin="workshop")):
            return False
        self.view.show_note(note.id)
        return True

    def selected_notes(self) -> list[Note]:
        return [item.note for item in self.scene.selected_notes()]

    def move_cards(self, moved: list) -> None:
        """A drag on the board, [(kind, id, (x, y))]: the notes and item cards it moved, as one step. A note
        dropped on an item card or a region label lands just beside it, so it hides neither."""
        obstacles = self._cards_and_labels(skip={id_ for kind, id_, _at in moved if kind == "item"})
        moved = [(kind, id_, clear_of(at[0], at[1], obstacles) if kind == "note" else at) for kind, id_, at in moved]
        edits = [(kind, id_, {"x": x, "y": y}) for kind, id_, (x, y) in moved]
        notes = [id_ for kind, id_, _at in moved if kind == "note"]
        items = [id_ for kind, id_, _at in moved if kind == "item"]
        if not items:
            text = self._noun_text("Move", notes)
        elif not notes:
            text = (
                f"Move '{self.scene.items_by_id[items[0]].name}'"
                if len(items) == 1
                else f"Move {count(len(items), 'item')}"
            )
        else:
            text = f"Move {len(moved)} on the board"
        if not self.doc.run(StoreCommand(ops.update(edits), text, origin="workshop")):
            self.scene.restore_note_positions(notes)
            self.scene.restore_positions(items)

    def _cards_and_labels(self, skip: set[str]) -> list[tuple[float, float, float, float]]:
        """Where the item cards (but those in `skip`) and the region labels are drawn, as boxes."""
        self.scene.finish_cards()
        boxes = [i.sceneBoundingRect() for id_, i in self.scene.policy_items.items() if id_ not in skip]
        boxes += [label.sceneBoundingRect() for label in self.scene.region_labels.values() if label.isVisible()]
        return [(b.left(), b.top(), b.right(), b.bottom()) for b in boxes]

    def nudge(self, dx: float, dy: float) -> None:
        """Arrow keys move the selected notes and items together, as one step."""
        if self.doc.read_only:
            return
        edits = [
            (
                "note" if isinstance(i, NoteItem) else "item",
                i.note_id if isinstance(i, NoteItem) else i.item_id,
                {"x": round(i.x() + dx, 1), "y": round(i.y() + dy, 1)},
            )
            for i in self.scene.selectedItems()
            if isinstance(i, (NoteItem, PolicyItem))
        ]
        if edits:
            self.doc.run(StoreCommand(ops.update(edits), f"Move {len(edits)} on the board", origin="workshop"))

    def toggle_decision(self) -> None:
        notes = self.selected_notes()
        if not notes:
            self.view.say("Select a note to mark it as a decision.")
            return
        decided = not all(n.decision for n in notes)
        edits = [("note", n.id, {"decision": decided}) for n in notes]
        verb = "Mark as decision" if decided else "Unmark decision"
        self.doc.run(StoreCommand(ops.update(edits), self._noun_text(verb, [n.id for n in notes]), origin="workshop"))

    def convert(self, kind: str) -> None:
        """Turn the selected note into an entity: the entity is created and the note marked, as one step."""
        notes = self.selected_notes()
        if len(notes) != 1:
            self.view.say("Select one note to turn it into an instrument, actor, objective or lesson.")
            return
        note = notes[0]
        try:
            conversion = convert_note(note, kind)
        except WorkbenchError as err:
            self.view.say(err.message)
            return
        becomes = with_article(ConversionKind(kind).label)
        text = f"Turn note '{_short(note.text)}' into {becomes}"
        conversion_op = ops.Batch(create=conversion.created, update=[("note", note.id, conversion.note_changes)])
        command = StoreCommand(conversion_op, text, origin="workshop")
        if self.doc.run(command):
            self.view.say(f"The note is now {becomes}; Ctrl+Z turns it back.")

    def delete_selected(self) -> None:
        """Delete the selected notes, or the participant or agenda step picked in its list (their votes go
        with a participant; undo brings everything back)."""
        refs = self.doc.selection
        kinds = {kind for kind, _id in refs}
        if len(kinds) == 1 and kinds <= {"participant", "agenda_step"}:
            (kind,) = kinds
            ids = [id_ for _kind, id_ in refs]
            found = self.doc.get(kind, ids[0])
            name = f"'{_short(found.title)}'" if found and len(ids) == 1 else f"{len(ids)}"
            self.doc.run(
                StoreCommand(
                    ops.delete(kind, ids), f"Delete {entity_type(kind).LABEL.lower()} {name}", origin="workshop"
                )
            )
            return
        ids = [n.id for n in self.selected_notes()]
        if ids:
            self.doc.run(StoreCommand(ops.delete("note", ids), self._noun_text("Delete", ids), origin="workshop"))
        elif any(isinstance(i, PolicyItem) for i in self.scene.selectedItems()):
            self.view.say("Items are deleted in the Spheres section; here only notes are.")

    # ----- votes ----------------------------------------------------------------------------------
    def add_participant(self, name: str, votes: int) -> None:
        colour = next_colour(p.colour for p in self.scene.participants.values())
        try:
            participant = Participant.create(name=name, colour=colour, votes=votes)
        except WorkbenchError as err:
            self.view.say(err.message)
            return
        self.doc.run(StoreCommand(ops.create([participant]), f"Add participant '{_short(name)}'", origin="workshop"))

    def vote(self, delta: int) -> None:
        """One vote more (or back) from the voter chosen in the Votes tab on the selected note or item."""
        target = self._vote_target()
        voter = self.scene.participants.get(self.view.votes_panel.current_voter_id() or "")
        if target is None or voter is None:
            self.view.say("To vote, select a note or item on the board and a voter in the Votes tab.")
            return
        kind, id_, title = target
        try:
            change = change_vote(self.scene.votes.values(), voter, kind, id_, delta)
        except WorkbenchError as err:
            self.view.say(err.message)
            return
        text = f"{voter.name} votes for '{_short(title)}'" if delta > 0 else f"{voter.name} takes back a vote"
        operation: ops.Operation
        if change.create is not None:
            operation = ops.create([change.create])
        elif change.update is not None:
            operation = ops.update([("vote", change.update[0], {"count": change.update[1]})])
        else:
            assert change.delete is not None  # change_vote always says one of the three
            operation = ops.delete("vote", [change.delete])
        if self.doc.run(StoreCommand(operation, text, origin="workshop")):
            self.view.say("")

    def _vote_target(self) -> tuple[str, str, str] | None:
        for item in self.scene.selectedItems():
            if isinstance(item, NoteItem):
                return "note", item.note_id, item.note.text
            if isinstance(item, PolicyItem):
                return "item", item.item_id, item.entity.name
        return None

    def set_revealed(self, revealed: bool) -> None:
        if revealed != self.scene.revealed:
            self._set_state("Reveal vote totals" if revealed else "Hide vote totals", totals_revealed=revealed)
        self.view.votes_panel.reveal.setChecked(self.scene.revealed)

    def set_anonymous(self, anonymous: bool) -> None:
        """The facilitator's choice: the summary then shows vote totals only."""
        state = self.state()
        if anonymous != bool(state and state.anonymous_votes):
            self._set_state(
                "Make the votes anonymous" if anonymous else "Name who gave the votes", anonymous_votes=anonymous
            )
        state = self.state()
        self.view.votes_panel.show_anonymous(bool(state and state.anonymous_votes))

    def toggle_reveal(self) -> None:
        self.set_revealed(not self.scene.revealed)

    # ----- agenda ---------------------------------------------------------------------------------
    def add_step(self, title: str, minutes: int) -> None:
        steps = self.doc.store.all_of(AgendaStep)
        try:
            step = AgendaStep.create(title=title, minutes=minutes, position=next_position(steps))
        except WorkbenchError as err:
            self.view.say(err.message)
            return
        if (
            self.doc.run(StoreCommand(ops.create([step]), f"Add agenda step '{_short(title)}'", origin="workshop"))
            and not steps
        ):
            self.go_to_step(step.id)

    def add_walkthrough(self) -> None:
        steps = walkthrough_steps(load_checklists(), self.doc.store.all_of(AgendaStep))
        if not steps:
            self.view.say("The checklist walk-through is already on the agenda.")
            return
        self.doc.run(StoreCommand(ops.create(steps), "Add checklist walk-through", origin="workshop"))

    def go_to_step(self, step_id: str) -> None:
        step = self.doc.get("agenda_step", step_id)
        if step is not None:
            self._set_state(f"Go to step '{_short(step.title)}'", current_step_id=step_id)

    def next_step(self) -> None:
        state = self.state()
        step = following(self.doc.store.all_of(AgendaStep), state.current_step_id if state else None)
        if step is None:
            self.view.say("That was the last step of the agenda." if state else "Add agenda steps in the Agenda tab.")
            return
        self.go_to_step(step.id)

    # ----- snapshots ------------------------------------------------------------------------------
    def save_snapshot(self, name: str) -> None:
        state = self.state()
        step = self.doc.get("agenda_step", state.current_step_id) if state and state.current_step_id else None
        now = dt.datetime.now()
        name = name or f"{step.title if step else 'Board'} at {now:%H:%M}"
        snapshot = take(self.doc.store.load(), name[:200], now.isoformat(), step.id if step else None)
        self.doc.run(StoreCommand(ops.create([snapshot]), f"Save snapshot '{_short(name)}'", origin="workshop"))

    def compare_snapshots(self, earlier_id: str, later_id: str) -> None:
        earlier, later = self.doc.store.get_of(Snapshot, earlier_id), self.doc.store.get_of(Snapshot, later_id)
        if earlier is None or later is None:
            return
        try:
            sections = describe(compare(read_board(earlier), read_board(later)))
        except WorkbenchError as err:
            self.view.say(err.message)
            return
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        self.compare_dialog = CompareDialog(f"From '{earlier.name}' to '{later.name}'", sections, self.parent)
        self.compare_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.compare_dialog.destroyed.connect(self._forget_dialog)
        self.compare_dialog.show()

    def _forget_dialog(self) -> None:
        self.compare_dialog = None

    def restore_snapshot(self, snapshot_id: str) -> None:
        """Bring the board back to a snapshot as one undoable step (one transaction)."""
        snapshot = self.doc.store.get_of(Snapshot, snapshot_id)
        if snapshot is None:
            return
        try:
            plan = plan_restore(self.doc.store.load(), read_board(snapshot))
        except WorkbenchError as err:
            self.view.say(err.message)
            return
        if plan.empty:
            self.view.say(f"The board already looks as it did in '{snapshot.name}'.")
            return
        restore = ops.Batch(create=plan.create, update=plan.update, delete=[(e.KIND, e.id) for e in plan.delete])
        command = StoreCommand(restore, f"Restore snapshot '{_short(snapshot.name)}'", origin="workshop")
        if self.doc.run(command):
            self.view.say(f"Restored '{snapshot.name}'. Ctrl+Z brings back the board as it was.")

    # ----- summary --------------------------------------------------------------------------------
    def export_summary(self) -> None:
        """The workshop-summary brief (agenda, ideas, votes, decisions, sphere gaps) as a PDF."""
        from templates_reports.export import make_brief, write_pdf

        project = self.doc.get("project", "project")
        title = project.title if project else "Workshop"
        path = dialogs.ask_export_path(self.parent, f"{title} - workshop summary.pdf", "PDF document (*.pdf)")
        if path is None:
            return
        try:
            written = write_pdf(make_brief(self.doc.store.load(), "workshop"), Path(path))
        except WorkbenchError as err:
            dialogs.show_error(self.parent, err)
            return
        self.view.say(f"Wrote {written.name}.")

    # ----- wording --------------------------------------------------------------------------------
    def _noun_text(self, verb: str, note_ids: list[str]) -> str:
        if len(note_ids) == 1 and note_ids[0] in self.scene.notes:
            return f"{verb} note '{_short(self.scene.notes[note_ids[0]].text)}'"
        return f"{verb} {count(len(note_ids), 'note')}"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
