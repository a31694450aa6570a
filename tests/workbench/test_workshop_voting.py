"""Dot voting rules: limits per voter, never below zero, totals hidden until revealed."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.workshop.entities import Participant, Vote
from workbench.workshop.voting import VoteChange, VotingError, change_vote, remaining, totals, visible_totals


def apply(votes: list[Vote], change: VoteChange) -> list[Vote]:
    """What the store would hold after the change (the test's stand-in for the database)."""
    if change.create is not None:
        return [*votes, change.create]
    if change.update is not None:
        id_, count = change.update
        return [v.changed(count=count) if v.id == id_ else v for v in votes]
    return [v for v in votes if v.id != change.delete]


@pytest.fixture
def team() -> Participant:
    return Participant.create(id="t1", name="Table one", votes=3)


def test_a_voter_spends_exactly_their_votes_then_is_refused(team):
    votes: list[Vote] = []
    for target in ("n1", "n1", "n2"):
        votes = apply(votes, change_vote(votes, team, "note", target, +1))
    assert remaining(team, votes) == 0
    assert totals(votes) == {"n1": 2, "n2": 1}
    assert len(votes) == 2  # one row per voter and note, with a count
    with pytest.raises(VotingError, match="Table one has used all 3 of their votes"):
        change_vote(votes, team, "note", "n3", +1)


def test_votes_on_items_count_against_the_same_allowance(team):
    votes = apply([], change_vote([], team, "item", "i1", +1))
    assert votes[0].item_id == "i1" and votes[0].note_id is None
    assert remaining(team, votes) == 2


def test_taking_back_never_goes_below_zero(team):
    with pytest.raises(VotingError, match="no vote here to take back"):
        change_vote([], team, "note", "n1", -1)
    votes = apply([], change_vote([], team, "note", "n1", +1))
    change = change_vote(votes, team, "note", "n1", -1)
    assert change.delete == votes[0].id  # the last dot removes the row, never a count of zero
    assert apply(votes, change) == []


def test_each_voter_has_their_own_allowance(team):
    other = Participant.create(id="t2", name="Table two", votes=1)
    votes = apply([], change_vote([], team, "note", "n1", +1))
    votes = apply(votes, change_vote(votes, other, "note", "n1", +1))
    assert totals(votes)["n1"] == 2
    assert remaining(other, votes) == 0 and remaining(team, votes) == 2


def test_totals_are_hidden_until_revealed(team):
    votes = apply([], change_vote([], team, "note", "n1", +1))
    assert visible_totals(votes, revealed=False) == {}
    assert visible_totals(votes, revealed=True) == {"n1": 1}


def test_a_participant_with_no_votes_cannot_vote():
    nobody = Participant.create(name="Observer", votes=0)
    with pytest.raises(VotingError, match="used all 0"):
        change_vote([], nobody, "note", "n1", +1)


def test_only_notes_and_items_take_votes(team):
    with pytest.raises(VotingError):
        change_vote([], team, "actor", "a1", +1)


@given(st.lists(st.tuples(st.sampled_from(["n1", "n2", "i1"]), st.sampled_from([1, -1])), max_size=40))
def test_any_sequence_of_clicks_keeps_within_the_limits(clicks):
    team = Participant.create(id="t1", name="Table one", votes=4)
    votes: list[Vote] = []
    for target, delta in clicks:
        kind = "item" if target.startswith("i") else "note"
        with contextlib.suppress(VotingError):
            votes = apply(votes, change_vote(votes, team, kind, target, delta))
        assert 0 <= sum(v.count for v in votes) <= 4
        assert all(v.count >= 1 for v in votes)
