"""What the spheres scene knows of the document besides its graphics items: the entities it shows, each
item's region, the counts per region and where the items are.

No Qt object here, so that a large document's board is read and worked out beside the window
(`board_at`), and the scene takes it over in one step (SpheresScene.adopt), as the ecosystem map does.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from pathlib import Path

from ui.canvas.tiles import TILE_SIDE
from workbench.money.entities import SpendLine
from workbench.spheres.analysis import RegionTally, SpheresAnalysis
from workbench.spheres.budgets import net_cost_share
from workbench.spheres.entities import PointIndex, Region, RegionSpots, Sphere, region_spots, regions_of
from workbench.spheres.items import Instrument, Item

KINDS = ("sphere", "item", "instrument", "spend")  # what a board is read from


@dataclasses.dataclass
class Board:
    spheres: dict[str, Sphere] = dataclasses.field(default_factory=dict)
    items: dict[str, Item] = dataclasses.field(default_factory=dict)
    instruments: dict[str, Instrument] = dataclasses.field(default_factory=dict)
    spend: dict[str, SpendLine] = dataclasses.field(default_factory=dict)  # the instruments' money
    spend_of: dict[str, dict[str, float]] = dataclasses.field(default_factory=dict)  # instrument id -> amounts
    # item id -> the region it is in, square by square (ui.canvas.tiles): the order a large board's cards are
    # made in, so each slice of them is drawn again in one place, not over the whole board
    regions: dict[str, Region] = dataclasses.field(default_factory=dict)
    # Kept as edits come, so an edit costs the items it named: counts per region, where the items are
    # (the region labels keep clear of them), and the labels' candidate spots (spheres only).
    tally: RegionTally = dataclasses.field(default_factory=RegionTally)
    points: PointIndex = dataclasses.field(default_factory=PointIndex)
    spots: RegionSpots = dataclasses.field(default_factory=lambda: region_spots([]))
    analysis: SpheresAnalysis | None = None

    def budget(self, instrument_id: str) -> float | None:
        return net_budget(self.spend_of.get(instrument_id), self.instruments.get(instrument_id))


def net_budget(amounts: dict[str, float] | None, instrument: Instrument | None) -> float | None:
    """An instrument's net cost to the public sector over all years (None: no spend entered, or no loss
    rate to count a loan by): the figure a region adds up across budget types."""
    share = net_cost_share(instrument) if instrument is not None else None
    return sum(amounts.values()) * share if amounts and share is not None else None


def build(
    spheres: Sequence[Sphere], items: Sequence[Item], instruments: Sequence[Instrument], spend: Sequence[SpendLine]
) -> Board:
    """A whole board at once: every item's region, the counts and the analysis (what opening costs)."""
    board = Board(spheres={s.id: s for s in spheres}, instruments={i.id: i for i in instruments})
    board.spend = {s.id: s for s in spend}
    for line in spend:
        board.spend_of.setdefault(line.instrument_id, {})[line.id] = line.amount
    for item, region in zip(items, regions_of([(i.x, i.y) for i in items], spheres), strict=True):
        board.items[item.id] = item
        board.regions[item.id] = region
        board.points.put(item.id, item.x, item.y)
        board.tally.put(item, region, board.instruments.get(item.id), board.budget(item.id))
    board.regions = {i.id: board.regions[i.id] for i in sorted(items, key=_square)}
    board.spots = region_spots(spheres)
    board.analysis = board.tally.analysis(list(spheres))
    return board


def _square(item: Item) -> tuple[int, int]:
    return math.floor(item.y / TILE_SIDE), math.floor(item.x / TILE_SIDE)


def board_at(path: Path) -> Board:
    """Beside the window: the board of the working copy at `path`."""
    from db.snapshot import read_snapshot  # loaded beside the window, when first needed

    found = read_snapshot(path, KINDS).entities
    return build(*(list(found.get(kind, {}).values()) for kind in KINDS))  # type: ignore[arg-type]
