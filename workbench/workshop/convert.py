"""Turn a sticky note into a real entity in one step: an instrument, an actor, an objective or a lesson.

The note stays on the board marked with what it became (its votes and its place in the story of the
workshop are kept); the new entity carries the note's words, the instrument also its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.ecosystem.entities import Actor
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.registers.entities import Lesson, Objective
from workbench.spheres.items import Instrument, Item, ItemKind
from workbench.workshop.entities import ConversionKind, Note

NAME_LIMIT = 200  # the length of an item's or actor's name


@dataclass(frozen=True, slots=True)
class Conversion:
    created: list[Entity]  # the new entity first, then its dependents (an instrument's profile)
    note_changes: dict[str, Any]

    @property
    def target(self) -> Entity:
        return self.created[0]


def convert_note(note: Note, kind: str) -> Conversion:
    """The entities a note becomes and the change that marks the note; refuses a note converted before."""
    if note.converted_kind:
        raise WorkbenchError(f"This note already became {with_article(ConversionKind(note.converted_kind).label)}.")
    target = ConversionKind(kind)
    text = " ".join(note.text.split())
    name, rest = _name_and_rest(text)
    created: list[Entity]
    if target is ConversionKind.INSTRUMENT:
        item = Item.create(kind=ItemKind.INSTRUMENT.value, name=name, description=rest, x=note.x, y=note.y)
        created = [item, Instrument.create(id=item.id)]
    elif target is ConversionKind.ACTOR:
        created = [Actor.create(name=name, notes=rest)]
    elif target is ConversionKind.OBJECTIVE:
        created = [Objective.create(statement=text)]
    else:
        created = [Lesson.create(lesson=text, source="Workshop")]
    return Conversion(created, {"converted_kind": target.value, "converted_id": created[0].id})


def _name_and_rest(text: str) -> tuple[str, str]:
    """A name short enough for an item or actor; the full words go to the description when cut."""
    if len(text) <= NAME_LIMIT:
        return text, ""
    return text[: NAME_LIMIT - 1].rstrip() + "…", text


def with_article(label: str) -> str:
    """'Objective' -> 'an objective', for sentences about what a note became."""
    return f"{'an' if label[0].lower() in 'aeiou' else 'a'} {label.lower()}"
