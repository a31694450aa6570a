"""A sticky note becomes an instrument, actor, objective or lesson in one step."""

from __future__ import annotations

import pytest

from workbench.ecosystem.entities import Actor
from workbench.errors import WorkbenchError
from workbench.integrity import dangling_references
from workbench.registers.entities import Lesson, Objective
from workbench.spheres.items import Instrument, Item
from workbench.workshop.convert import convert_note
from workbench.workshop.entities import Note


@pytest.fixture
def note() -> Note:
    return Note.create(id="n1", text="  Shared   pilot line for cells ", x=40.0, y=-25.5)


def test_into_an_instrument_at_the_notes_place(note):
    conversion = convert_note(note, "instrument")
    item, profile = conversion.created
    assert isinstance(item, Item) and isinstance(profile, Instrument)
    assert (item.name, item.kind, item.x, item.y) == ("Shared pilot line for cells", "instrument", 40.0, -25.5)
    assert profile.id == item.id
    assert not dangling_references(conversion.created)
    assert conversion.note_changes == {"converted_kind": "instrument", "converted_id": item.id}
    note.changed(**conversion.note_changes)  # the marked note is valid


@pytest.mark.parametrize(
    ("kind", "cls", "field"),
    [("actor", Actor, "name"), ("objective", Objective, "statement"), ("lesson", Lesson, "lesson")],
)
def test_into_each_other_kind(note, kind, cls, field):
    conversion = convert_note(note, kind)
    (target,) = conversion.created
    assert isinstance(target, cls)
    assert getattr(target, field) == "Shared pilot line for cells"
    assert conversion.note_changes == {"converted_kind": kind, "converted_id": target.id}


def test_a_long_note_keeps_all_its_words(note):
    words = "word " * 99
    conversion = convert_note(note.changed(text=words), "instrument")
    item = conversion.target
    assert len(item.name) == 200 and item.name.endswith("…")
    assert item.description == words.strip()


def test_a_converted_note_is_not_converted_twice(note):
    done = note.changed(**convert_note(note, "objective").note_changes)
    with pytest.raises(WorkbenchError, match="already became an objective"):
        convert_note(done, "lesson")


def test_unknown_kind_is_refused(note):
    with pytest.raises(ValueError):
        convert_note(note, "practice")
