"""Where the chain's cards go: five columns, left to right, each a list from the top.

Positions are not stored: a card's column says where it belongs and its place in the column follows
the order the scene gives (results by their position, then title; instruments and rationales by name),
so the chain always reads left to right and never needs tidying by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

CARD_W, CARD_H = 190.0, 66.0
COLUMN_GAP = 80.0  # room between two columns for the links
ROW_GAP = 14.0
TOP = 44.0  # below the column titles


@dataclass(frozen=True)
class ChainColumn:
    key: str
    title: str
    empty: str  # what the column says while it has no card


COLUMNS = (
    ChainColumn("rationale", "Rationale", "Add a rationale: the failure the programme addresses."),
    ChainColumn("activity", "Instruments (activities)", "Add instruments on the Spheres canvas."),
    ChainColumn("output", "Outputs", "Add an output: what the instruments deliver."),
    ChainColumn("outcome", "Outcomes", "Add an outcome: the change the outputs bring about."),
    ChainColumn("impact", "Impacts", "Add an impact: the lasting effect on the economy or society."),
)
INDEX = {c.key: n for n, c in enumerate(COLUMNS)}


def column_x(index: int) -> float:
    return index * (CARD_W + COLUMN_GAP)


def card_at(column: str, row: int) -> tuple[float, float]:
    """Top left of the `row`th card of `column`."""
    return column_x(INDEX[column]), TOP + row * (CARD_H + ROW_GAP)


def width() -> float:
    return column_x(len(COLUMNS) - 1) + CARD_W


def height(rows: int) -> float:
    """The bottom of a column of `rows` cards (of an empty column's hint when it has none)."""
    return TOP + max(rows, 1) * (CARD_H + ROW_GAP) - ROW_GAP
