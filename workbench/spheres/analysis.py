"""Where items sit on the three spheres, and which overlaps are empty or thin.

The overlaps are where policy gets neglected (brief 000), so an empty or thin overlap is reported in
plain words naming the policy areas involved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.document import Document
from workbench.spheres.budgets import budgets
from workbench.spheres.entities import OVERLAP_REGIONS, REGIONS, Region, Sphere, region_label, regions_of
from workbench.spheres.items import Instrument, Item

THIN = 1  # an overlap with this many items or fewer is flagged as thin


@dataclass
class RegionStats:
    region: Region
    ids: list[str] = field(default_factory=list)
    budget: float = 0.0
    unknown_budget: int = 0  # funded items with no budget given

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass
class SpheresAnalysis:
    regions: dict[Region, RegionStats]
    gaps: list[dict]
    region_of_item: dict[str, Region]

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


def analyse_spheres(doc: Document, known: Mapping[str, Region] | None = None) -> SpheresAnalysis:
    """`known`: the regions of items a caller has already worked out (a canvas keeps them as it follows
    edits), so renaming something does not place every item on the spheres again."""
    spheres = doc.all(Sphere)
    items = doc.all(Item)
    instruments = doc.entities[Instrument.KIND]
    money = budgets(doc)
    regions = {r: RegionStats(r) for r in REGIONS}
    known = known or {}
    unknown = [i for i in items if i.id not in known]
    placed = {i.id: known[i.id] for i in items if i.id in known} | (item_regions(unknown, spheres) if unknown else {})
    for item in items:
        stats = regions[placed[item.id]]
        stats.ids.append(item.id)
        profile = instruments.get(item.id)
        if isinstance(profile, Instrument):
            budget = money[profile.id]
            if budget is None:
                stats.unknown_budget += 1
            else:
                stats.budget += budget
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
    for item in items:
        if item.outside_iip and placed[item.id] is not Region.OUTSIDE:
            gaps.append(
                {
                    "region": placed[item.id].value,
                    "severity": "misplaced",
                    "ids": [item.id],
                    "text": f"'{item.name}' is marked outside IIP but sits inside "
                    f"{_lower(region_label(placed[item.id], spheres))}.",
                }
            )
    return SpheresAnalysis(regions, gaps, placed)


def _lower(text: str) -> str:
    """'Science & research policy and Industrial policy' -> 'science & research policy and industrial policy'."""
    return text[:1].lower() + text[1:].replace(" and I", " and i").replace(", I", ", i")
