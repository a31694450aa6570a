"""Board helpers: where captured notes land, how groups show, the agenda order and walk-through."""

from __future__ import annotations

from workbench.checklists.model import load_checklists
from workbench.spheres.entities import Region, default_spheres, region_of
from workbench.workshop.agenda import following, next_position, ordered, walkthrough_steps
from workbench.workshop.entities import AgendaStep, Note, Participant
from workbench.workshop.groups import PALETTE, UNASSIGNED, initials, ink_for, label_of, next_colour, note_colour
from workbench.workshop.placement import NOTE_W, next_free_slot, slot_position


def test_captured_notes_fill_a_parking_grid_beside_the_spheres():
    spheres = default_spheres()
    taken: list[tuple[float, float]] = []
    for _ in range(30):
        taken.append(next_free_slot(taken, spheres))
    assert len(set(taken)) == 30
    assert all(region_of(x, y, spheres) is Region.OUTSIDE for x, y in taken)
    assert min(x for x, _ in taken) - NOTE_W / 2 > max(s.cx + s.r for s in spheres)


def test_a_note_dragged_away_frees_its_slot():
    spheres = default_spheres()
    taken = [slot_position(i, spheres) for i in range(5)]
    del taken[2]
    assert next_free_slot(taken, spheres) == slot_position(2, spheres)
    taken.append((0.0, 0.0))  # a note placed inside the spheres takes no slot
    assert next_free_slot(taken, spheres) == slot_position(2, spheres)


def test_groups_are_told_by_initials_as_well_as_colour():
    assert initials("Table two") == "TT"
    assert initials("Energy") == "EN"
    assert initials("Ministry of Industry and Trade") == "MOI"
    assert initials("  ") == "?"
    assert label_of(Participant.create(name="Table two", initials="T2")) == "T2"
    assert label_of(Participant.create(name="Table two")) == "TT"


def test_colours_for_new_groups_and_notes():
    assert next_colour([]) == PALETTE[0]
    assert next_colour([PALETTE[0].upper()]) == PALETTE[1]
    assert next_colour(PALETTE) in PALETTE
    group = Participant.create(name="A", colour="#bfe3ff")
    assert note_colour(Note.create(text="x"), None) == UNASSIGNED
    assert note_colour(Note.create(text="x"), group) == "#bfe3ff"
    assert note_colour(Note.create(text="x", colour="#ffffff"), group) == "#ffffff"
    assert all(ink_for(c) == "#000000" for c in PALETTE)
    assert ink_for("#1a1a60") == "#ffffff"


def test_agenda_order_and_next_step():
    steps = [AgendaStep.create(id=i, title=t, position=p) for i, t, p in (("b", "Vote", 2), ("a", "Ideas", 1))]
    assert [s.id for s in ordered(steps)] == ["a", "b"]
    assert next_position(steps) == 3 and next_position([]) == 0
    assert following(steps, None).id == "a"
    assert following(steps, "a").id == "b"
    assert following(steps, "b") is None
    assert following(steps, "gone").id == "a"


def test_checklist_walkthrough_adds_the_four_process_steps_once():
    existing = [AgendaStep.create(title="Welcome", position=0)]
    steps = walkthrough_steps(load_checklists(), existing)
    assert [s.checklist_id for s in steps] == ["objectives", "experimentation", "evaluation", "learning"]
    assert [s.position for s in steps] == [1, 2, 3, 4]
    assert all(s.title.startswith("Checklist: ") for s in steps)
    assert walkthrough_steps(load_checklists(), [*existing, *steps]) == []


def test_notes_of_no_group_have_a_colour_no_group_gets():
    assert UNASSIGNED not in PALETTE
    colours = [next_colour(PALETTE[:n]) for n in range(len(PALETTE))]
    assert UNASSIGNED not in colours


def test_a_note_dropped_on_a_card_lands_just_beside_it():
    from workbench.workshop.placement import NOTE_H, NOTE_W, clear_of

    card = (-60.0, -15.0, 60.0, 15.0)
    x, y = clear_of(0.0, 0.0, [card])
    left, top, right, bottom = x - NOTE_W / 2, y - NOTE_H / 2, x + NOTE_W / 2, y + NOTE_H / 2
    assert right <= card[0] or left >= card[2] or bottom <= card[1] or top >= card[3]
    assert abs(x) + abs(y) <= NOTE_H  # just beside it, not far away
    assert clear_of(500.0, 500.0, [card]) == (500.0, 500.0)  # nothing there: where it was dropped
