"""Dot voting: each participant or group has N votes to spread over notes and items.

The rules live here so the board, the keyboard and the summary agree: nobody spends more votes than
they have, a vote can only be taken back where it was given, and totals stay hidden until revealed
(so early dots do not steer the room).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.workshop.entities import Participant, Vote


class VotingError(WorkbenchError):
    """A vote the rules refuse; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class VoteChange:
    """What one click does to the stored votes: create a row, change a count, or delete a row."""

    create: Vote | None = None
    update: tuple[str, int] | None = None  # (vote id, new count)
    delete: str | None = None  # vote id


def used(votes: Iterable[Vote], voter_id: str) -> int:
    return sum(v.count for v in votes if v.voter_id == voter_id)


def remaining(voter: Participant, votes: Iterable[Vote]) -> int:
    return max(0, voter.votes - used(votes, voter.id))


def totals(votes: Iterable[Vote]) -> Counter[str]:
    """Votes per note or item id."""
    out: Counter[str] = Counter()
    for v in votes:
        out[v.target_id] += v.count
    return out


def visible_totals(votes: Iterable[Vote], revealed: bool) -> Counter[str]:
    """What the board may show: every total once revealed, nothing before."""
    return totals(votes) if revealed else Counter()


def change_vote(votes: Iterable[Vote], voter: Participant, target_kind: str, target_id: str, delta: int) -> VoteChange:
    """One vote more (delta +1) or one fewer (delta -1) from `voter` on a note or item."""
    if target_kind not in ("note", "item") or delta not in (1, -1):
        raise VotingError(f"A vote goes on a note or an item, one at a time (not {target_kind} {delta:+d}).")
    votes = list(votes)
    mine = next((v for v in votes if v.voter_id == voter.id and v.target_id == target_id), None)
    if delta > 0:
        if remaining(voter, votes) < 1:
            used = "their only vote" if voter.votes == 1 else f"all {voter.votes} of their votes"
            raise VotingError(f"{voter.name} has used {used}.")
        if mine is None:
            return VoteChange(create=Vote.create(voter_id=voter.id, **{f"{target_kind}_id": target_id}))
        return VoteChange(update=(mine.id, mine.count + 1))
    if mine is None:
        raise VotingError(f"{voter.name} has no vote here to take back.")
    return VoteChange(delete=mine.id) if mine.count == 1 else VoteChange(update=(mine.id, mine.count - 1))
