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
