"""The workshop in the room: remarks that stay true, anonymous votes, and what the summary records."""

from __future__ import annotations

import pytest

from tests.ui.test_workshop_view import add_group, select_note, type_note
from ui.views.workshop.view import WorkshopView


@pytest.fixture
def workshop(window) -> WorkshopView:
    window.new_document()
    window.show_section("workshop")
    view = window.current_view()
    assert isinstance(view, WorkshopView)
    return view


def test_a_remark_about_used_votes_goes_when_the_vote_is_undone(workshop):
    add_group(workshop, "Table one", votes=1)
    type_note(workshop, "Pilot line")
    select_note(workshop, "Pilot line")
    vote = workshop.actions_by_name["workshopVote"]
    vote.trigger()
    vote.trigger()
    assert "has used their only vote" in workshop.message.text()
    workshop.doc.undo_stack.undo()
    assert workshop.message.text() == ""


def test_the_timer_counts_overtime_in_another_colour_and_in_words(window, qtbot):
    from tests.workbench.test_workshop_timer import FakeClock

    window.new_document()
    clock = FakeClock()
    view = WorkshopView(window.doc, clock=clock)
    qtbot.addWidget(view)
    view.show()
    view.agenda_panel.title.setText("Ideas for the overlaps")
    view.agenda_panel.minutes.setValue(1)
    view.agenda_panel.title.returnPressed.emit()
    timer = view.timer
    normal = timer.clock_label.styleSheet()
    timer.start.click()
    assert timer.start.text() == "Pause" and not timer.over_label.isVisibleTo(view)
    clock.advance(60 + 83)
    timer.tick()
    assert timer.clock_label.text() == "+1:23"
    assert timer.over_label.isVisibleTo(view) and timer.over_label.text() == "over time"
    assert timer.clock_label.styleSheet() != normal and "color" in timer.clock_label.styleSheet()
    assert timer.start.text() == "Stop"  # not "Pause" at zero
    assert view.caption() == "Ideas for the overlaps · time is up, +1:23 over time"
    timer.start.click()
    clock.advance(30)
    timer.tick()
    assert timer.clock_label.text() == "+1:23" and timer.start.text() == "Start" and not timer.start.isEnabled()
    timer.more.click()
    assert timer.clock_label.text() == "1:00" and timer.clock_label.styleSheet() == normal
    assert not timer.over_label.isVisibleTo(view) and timer.start.isEnabled()


def test_a_note_dropped_on_a_card_or_region_label_hides_neither(window):
    window.new_from_sample()
    window.show_section("workshop")
    view = window.current_view()
    assert view.edits.add_note("Pilot line", None)
    note_id = window.doc.all("note")[0].id
    card = next(iter(view.scene.policy_items.values()))
    label = next(iter(view.scene.region_labels.values()))
    for target in (card, label):
        centre = target.sceneBoundingRect().center()
        view.edits.move_cards([("note", note_id, (centre.x(), centre.y()))])
        note = view.scene.note_items[note_id]
        assert not note.sceneBoundingRect().intersects(target.sceneBoundingRect())
        for other in [*view.scene.policy_items.values(), *view.scene.region_labels.values()]:
            assert not note.sceneBoundingRect().intersects(other.sceneBoundingRect())


def test_the_facilitator_makes_the_votes_anonymous_in_one_undoable_step(workshop):
    box = workshop.votes_panel.anonymous
    assert not box.isChecked()
    box.click()
    assert workshop.doc.get("workshop", "workshop").anonymous_votes and box.isChecked()
    assert workshop.doc.undo_stack.undoText() == "Make the votes anonymous"
    workshop.doc.undo_stack.undo()
    assert not box.isChecked()
