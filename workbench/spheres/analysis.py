"""Where items sit on the three spheres, and which overlaps are empty or thin.

The overlaps are where policy gets neglected (brief 000), so an empty or thin overlap is reported in
plain words naming the policy areas involved.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from workbench.document import Document
from workbench.spheres.budgets import net_costs
from workbench.spheres.entities import OVERLAP_REGIONS, REGIONS, Region, Sphere, region_label, regions_of
from workbench.spheres.items import Instrument, Item

THIN = 1  # an overlap with this many items or fewer is flagged as thin


@dataclass
class RegionStats:
    region: Region
    ids: Collection[str] = field(default_factory=list)
    budget: float = 0.0
    unknown_budget: int = 0  # funded items with no budget given

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass
class SpheresAnalysis:
    regions: dict[Region, RegionStats]
    gaps: list[dict]
    region_of_item: Mapping[str, Region]

    def as_json(self) -> dict:
        out: dict = {
            r.value: {
                "count": s.count,
                "ids": sorted(s.ids),
                "budget": round(s.budget, 6),
                "items_without_budget": s.unknown_budget,
            }
            for r, s in self.regions.items()
        }
        out["gaps"] = self.gaps
        return out


def item_regions(items: list[Item], spheres: list[Sphere]) -> dict[str, Region]:
    return dict(zip((i.id for i in items), regions_of([(i.x, i.y) for i in items], spheres), strict=True))


class RegionTally:
    """Items per region with their budgets, kept one item at a time: a canvas following edits puts
    the items an edit named, and the analysis it reads costs the eight regions, not every item.
    A region's budget is added up again (with `math.fsum`, so the order items came in does not matter)
    only when one of its items changed."""

    def __init__(self) -> None:
        self.region: dict[str, Region] = {}
        self.ids: dict[Region, dict[str, None]] = {r: {} for r in REGIONS}  # ordered sets
        self.budgets: dict[Region, dict[str, float]] = {r: {} for r in REGIONS}
        self.totals: dict[Region, float] = {}  # the regions whose budgets did not change since added up
        self.unknown: dict[Region, set[str]] = {r: set() for r in REGIONS}  # funded, no budget given
        self.outside_iip: dict[str, tuple[int, str]] = {}  # items marked outside IIP: (order, name)
        self._order = itertools.count()
        self._seen: dict[str, int] = {}

    def put(self, item: Item, region: Region, profile: Instrument | None, budget: float | None = None) -> None:
        """Count `item` in `region` with the money of its profile (again, if it was counted before);
        `budget` is that money (the total of its spend lines), None when none is entered."""
        self.drop(item.id, forget=False)
        order = self._seen.setdefault(item.id, next(self._order))
        self.region[item.id] = region
        self.ids[region][item.id] = None
        if profile is not None:
            if budget is None:
                self.unknown[region].add(item.id)
            else:
                self.budgets[region][item.id] = budget
                self.totals.pop(region, None)
        if item.outside_iip:
            self.outside_iip[item.id] = (order, item.name)

    def drop(self, item_id: str, forget: bool = True) -> None:
        region = self.region.pop(item_id, None)
        if region is not None:
            del self.ids[region][item_id]
            if self.budgets[region].pop(item_id, None) is not None:
                self.totals.pop(region, None)
            self.unknown[region].discard(item_id)
            self.outside_iip.pop(item_id, None)
        if forget:
            self._seen.pop(item_id, None)

    def _total(self, region: Region) -> float:
        if region not in self.totals:
            self.totals[region] = math.fsum(self.budgets[region].values())
        return self.totals[region]

    def analysis(self, spheres: list[Sphere]) -> SpheresAnalysis:
        """The analysis as the tally stands. Its ids and regions are views of the tally, not copies (an
        edit costs what it changed): a canvas reads it before its next edit, as it reads a fresh one."""
        regions = {r: RegionStats(r, self.ids[r].keys(), self._total(r), len(self.unknown[r])) for r in REGIONS}
        gaps: list[dict] = []
        for region in OVERLAP_REGIONS:
            stats = regions[region]
            where = region_label(region, spheres)
            if stats.count == 0:
                gaps.append(
                    {
                        "region": region.value,
                        "severity": "empty",
                        "ids": [],
                        "text": f"No item sits where {_lower(where)} overlap.",
                    }
                )
            elif stats.count <= THIN:
                gaps.append(
                    {
                        "region": region.value,
                        "severity": "thin",
                        "ids": sorted(stats.ids),
                        "text": f"Only {stats.count} item sits where {_lower(where)} overlap.",
                    }
                )
        for id_, (_order, name) in sorted(self.outside_iip.items(), key=lambda marked: marked[1][0]):
            region = self.region[id_]
            if region is not Region.OUTSIDE:
                where = _lower(region_label(region, spheres))
                gaps.append(
                    {
                        "region": region.value,
                        "severity": "misplaced",
                        "ids": [id_],
                        "text": f"'{name}' is marked outside IIP but sits inside {where}.",
                    }
                )
        return SpheresAnalysis(regions, gaps, MappingProxyType(self.region))


def analyse_spheres(doc: Document, known: Mapping[str, Region] | None = None) -> SpheresAnalysis:
    """`known`: the regions of items a caller has already worked out, so they are not placed on the
    spheres again."""
    spheres = doc.all(Sphere)
    items = doc.all(Item)
    instruments = doc.entities[Instrument.KIND]
    known = known or {}
    unknown = [i for i in items if i.id not in known]
    placed = {i.id: known[i.id] for i in items if i.id in known} | (item_regions(unknown, spheres) if unknown else {})
    money = net_costs(doc)  # the one figure that adds up across budget types
    tally = RegionTally()
    for item in items:
        profile = instruments.get(item.id)
        if isinstance(profile, Instrument):
            tally.put(item, placed[item.id], profile, money.get(profile.id))
        else:
            tally.put(item, placed[item.id], None)
    return tally.analysis(spheres)


def _lower(text: str) -> str:
    """'Science & research policy and Industrial policy' -> 'science & research policy and industrial policy'."""
    return text[:1].lower() + text[1:].replace(" and I", " and i").replace(", I", ", i")
