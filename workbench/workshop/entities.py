"""What a design workshop adds to a document: participants, sticky notes, votes, agenda, snapshots.

They live in the document like every other entity, so a workshop is saved, reopened and undone
with the rest of the work; the summary brief reads them from there.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.fields import Choice, attr

STATE_ID = "workshop"
BOARD_LIMIT = 200_000_000  # characters of one snapshot's JSON: a very large design, not a bound in practice
EMPTY_BOARD = '{"format": 1, "entities": {}}'


class ConversionKind(Choice):
    """What a sticky note can become in one step."""

    INSTRUMENT = "instrument"
    ACTOR = "actor"
    OBJECTIVE = "objective"
    LESSON = "lesson"


@dataclasses.dataclass(kw_only=True, slots=True)
class Participant(Entity):
    """A person or a table group: owns sticky notes (by colour and initials) and a number of votes."""

    KIND: ClassVar[str] = "participant"
    LABEL: ClassVar[str] = "Participant or group"

    name: str = attr("", label="Name", required=True, max_length=100)
    initials: str = attr(
        "", label="Initials", max_length=4, help="Shown on their notes, so a group is never told by colour alone."
    )
    colour: str = attr("#fff3a3", label="Note colour", kind="colour", required=True)
    votes: int = attr(3, label="Votes allowed", kind="int", required=True, minimum=0, maximum=99)


@dataclasses.dataclass(kw_only=True, slots=True)
class AgendaStep(Entity):
    """One timed step of the workshop agenda; may walk through one of the built-in checklists."""

    KIND: ClassVar[str] = "agenda_step"
    LABEL: ClassVar[str] = "Agenda step"
    TITLE_FIELD: ClassVar[str] = "title"

    title: str = attr("", label="Title", required=True, max_length=200)
    minutes: int = attr(10, label="Minutes", kind="int", required=True, minimum=1, maximum=480)
    position: int = attr(0, label="Order", kind="int", required=True, minimum=0, maximum=100_000)
    checklist_id: str = attr("", label="Checklist", max_length=64, editable=False)


@dataclasses.dataclass(kw_only=True, slots=True)
class Note(Entity):
    """A sticky note on the workshop board: an idea in a few words, placed on the spheres."""

    KIND: ClassVar[str] = "note"
    LABEL: ClassVar[str] = "Sticky note"
    TITLE_FIELD: ClassVar[str] = "text"

    text: str = attr("", label="Text", required=True, max_length=500)
    participant_id: str | None = attr(None, label="Group or participant", kind="ref", ref="participant")
    colour: str | None = attr(
        None, label="Own colour", kind="colour", help="Leave empty to use the colour of the group or participant."
    )
    x: float = attr(0.0, label="x", kind="float", required=True, minimum=-1e6, maximum=1e6, editable=False)
    y: float = attr(0.0, label="y", kind="float", required=True, minimum=-1e6, maximum=1e6, editable=False)
    decision: bool = attr(
        False, label="Decision", kind="bool", required=True, help="The room agreed on it: listed under decisions."
    )
    step_id: str | None = attr(None, label="Agenda step", kind="ref", ref="agenda_step", editable=False)
    converted_kind: str | None = attr(None, label="Became", kind="choice", choices=ConversionKind, editable=False)
    converted_id: str = attr("", label="Became (id)", max_length=64, editable=False)

    def check_rules(self) -> None:
        if bool(self.converted_kind) != bool(self.converted_id):
            raise ValidationError(self.LABEL, "Became", "needs both the kind and the id of what the note became")


@dataclasses.dataclass(kw_only=True, slots=True)
class Vote(Entity):
    """The dots one participant put on one note or item (one row per pair, with a count)."""

    KIND: ClassVar[str] = "vote"
    LABEL: ClassVar[str] = "Vote"
    TITLE_FIELD: ClassVar[str] = "id"

    voter_id: str = attr("", label="Voter", kind="ref", ref="participant", required=True, editable=False)
    note_id: str | None = attr(None, label="Note", kind="ref", ref="note", editable=False)
    item_id: str | None = attr(None, label="Item", kind="ref", ref="item", editable=False)
    count: int = attr(1, label="Votes", kind="int", required=True, minimum=1, maximum=99)

    def check_rules(self) -> None:
        if (self.note_id is None) == (self.item_id is None):
            raise ValidationError(self.LABEL, "Target", "must be exactly one note or one item")

    @property
    def target_id(self) -> str:
        return self.note_id or self.item_id or ""


@dataclasses.dataclass(kw_only=True, slots=True)
class Snapshot(Entity):
    """The state of the board at one moment, as JSON (workbench.workshop.snapshots reads and writes it)."""

    KIND: ClassVar[str] = "snapshot"
    LABEL: ClassVar[str] = "Snapshot"

    name: str = attr("", label="Name", required=True, max_length=200)
    step_id: str | None = attr(None, label="Agenda step", kind="ref", ref="agenda_step", editable=False)
    taken: str = attr("", label="Taken", required=True, max_length=32, editable=False)
    board: str = attr(
        EMPTY_BOARD, label="Board", kind="longtext", required=True, max_length=BOARD_LIMIT, editable=False
    )


@dataclasses.dataclass(kw_only=True, slots=True)
class WorkshopState(Entity):
    """The one workshop of a document: whether vote totals are revealed, whether votes are anonymous, and
    the current agenda step."""

    KIND: ClassVar[str] = "workshop"
    LABEL: ClassVar[str] = "Workshop"
    TITLE_FIELD: ClassVar[str] = "id"

    id: str = STATE_ID
    totals_revealed: bool = attr(False, label="Vote totals shown", kind="bool", required=True)
    current_step_id: str | None = attr(None, label="Current step", kind="ref", ref="agenda_step", editable=False)
    anonymous_votes: bool = attr(
        False,
        label="Anonymous votes",
        kind="bool",
        required=True,
        help="The facilitator's choice: the summary shows vote totals only, never who gave them.",
    )
