"""The workshop summary leaves out header rows nobody filled in, and says so when the room held no vote."""

from __future__ import annotations

import datetime as dt

from templates_reports.catalogue import load_template
from workbench.briefs.blocks import Para, Table
from workbench.briefs.compose import compose
from workbench.briefs.entities import Brief, brief_id
from workbench.briefs.workshop import NO_VOTES
from workbench.document import Document
from workbench.sample import starter_entities
from workbench.workshop.entities import Note, Participant, Vote

TODAY = dt.date(2026, 3, 5)
SPEC = load_template("workshop")


def summary(*entities):
    return compose(Document.of([*starter_entities(), *entities]), SPEC, today=TODAY)


def test_no_empty_facilitator_for_or_participants_rows():
    assert [label for label, _ in summary().header] == ["Workshop", "Date"]
    filled = Brief.create(id=brief_id("workshop"), template="workshop", sender="Ana Ruiz", copy_to=["Table one"])
    header = dict(summary(filled).header)
    assert list(header) == ["Workshop", "Date", "Facilitator", "Participants"]
    assert header["Facilitator"] == "Ana Ruiz" and header["Participants"] == "Table one"


def test_a_workshop_without_votes_says_so_and_one_with_votes_lists_them():
    ana = Participant.create(name="Ana")
    note = Note.create(text="Shared pilot line")
    unvoted = next(s for s in summary(ana, note).sections if s.id == "decisions")
    assert unvoted.blocks == [Para(NO_VOTES)]
    voted = next(
        s for s in summary(ana, note, Vote.create(voter_id=ana.id, note_id=note.id)).sections if s.id == "decisions"
    )
    (table,) = voted.blocks
    assert isinstance(table, Table) and table.rows[0][1] == "Shared pilot line"
    assert NO_VOTES not in str(voted.blocks)
    assert "decisions" not in [s.id for s in summary().sections]  # no workshop held: nothing to say
