"""The three overlapping policy spheres and the regions they make.

An item's region is computed from geometry, never typed: the brief behind this tool warns that the
overlaps are where policy gets neglected, so the overlaps must be visible and countable.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from workbench.boxes import Box, BoxIndex
from workbench.entity import Entity
from workbench.fields import Choice, attr


class SphereKey(Choice):
    A = "A"
    B = "B"
    C = "C"


class Region(Choice):
    """The seven regions of three circles, plus 'outside' all of them."""

    A = "A"
    B = "B"
    C = "C"
    AB = "AB"
    AC = "AC"
    BC = "BC"
    ABC = "ABC"
    OUTSIDE = "outside"

    @property
    def keys(self) -> tuple[str, ...]:
        return () if self is Region.OUTSIDE else tuple(self.value)


REGIONS: tuple[Region, ...] = tuple(Region)
OVERLAP_REGIONS = (Region.AB, Region.AC, Region.BC, Region.ABC)


@dataclasses.dataclass(kw_only=True, slots=True)
class Sphere(Entity):
    KIND: ClassVar[str] = "sphere"
    LABEL: ClassVar[str] = "Sphere"

    key: str = attr("A", label="Key", kind="choice", choices=SphereKey, required=True, editable=False)
    name: str = attr("", label="Name", required=True, max_length=120)
    colour: str = attr("#0072b2", label="Colour", kind="colour", required=True)
    cx: float = attr(0.0, label="Centre x", kind="float", required=True, minimum=-1e6, maximum=1e6)
    cy: float = attr(0.0, label="Centre y", kind="float", required=True, minimum=-1e6, maximum=1e6)
    r: float = attr(200.0, label="Radius", kind="float", required=True, minimum=10, maximum=1e6)
    owner_department: str = attr("", label="Owning department", max_length=200)

    def contains(self, x: float, y: float) -> bool:
        """True when the point lies inside or on the circle."""
        return (x - self.cx) ** 2 + (y - self.cy) ** 2 <= self.r**2


# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
_DEFAULTS = (
    ("A", "Science & research policy", "#0072b2", -110.0, -70.0),
    ("B", "Innovation policy", "#e69f00", 110.0, -70.0),
    ("C", "Industrial policy", "#009e73", 0.0, 120.0),
)
DEFAULT_RADIUS = 200.0


def default_spheres() -> list[Sphere]:
    """The three spheres of brief 000 in a classic Venn arrangement."""
    return [
        Sphere.create(id=f"sphere-{key}", key=key, name=name, colour=colour, cx=cx, cy=cy, r=DEFAULT_RADIUS)
        for key, name, colour, cx, cy in _DEFAULTS
    ]


def region_of(x: float, y: float, spheres: Sequence[Sphere]) -> Region:
    """The region a point falls in: the keys of every sphere containing it, in A, B, C order."""
    keys = "".join(s.key for s in sorted(spheres, key=lambda s: s.key) if s.contains(x, y))
    return Region(keys) if keys else Region.OUTSIDE


def regions_of(points: Iterable[tuple[float, float]], spheres: Sequence[Sphere]) -> list[Region]:
    """Regions of many points at once; the hot path when a sphere moves under thousands of items."""
    circles = [(s.key, s.cx, s.cy, s.r * s.r) for s in sorted(spheres, key=lambda s: s.key)]
    lookup = {"": Region.OUTSIDE} | {r.value: r for r in Region if r is not Region.OUTSIDE}
    out = []
    for x, y in points:
        keys = "".join(k for k, cx, cy, r2 in circles if (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r2)
        out.append(lookup[keys])
    return out


def region_label(region: Region, spheres: Sequence[Sphere]) -> str:
    """Plain words for a region, e.g. 'Science & research policy and Industrial policy'."""
    if region is Region.OUTSIDE:
        return "Outside all spheres"
    names = {s.key: s.name for s in spheres}
    parts = [names.get(k, k) for k in region.keys]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def region_anchor(region: Region, spheres: Sequence[Sphere]) -> tuple[float, float]:
    """A point inside the region (for placing a new item there); see region_anchors."""
    return region_anchors(spheres)[region]



Spot = tuple[float, float, float]  # depth inside its region, x, y
ANCHOR_TRIES = 80  # spots near a region's middle tried for its label before settling for the deepest


@dataclasses.dataclass(frozen=True)
class RegionSpots:
    """Label candidates of every region, deepest first: they depend on the spheres only, so a canvas
    works them out when a sphere moves and reuses them while items come and go."""

    spots: dict[Region, list[Spot]]
    fallback: tuple[float, float]  # for a region with no spot on the grid
    step: float  # between grid points


def region_spots(spheres: Sequence[Sphere]) -> RegionSpots:
    """Points on a grid around the spheres, by region, the deepest (farthest from any circle's edge)
    first. One sweep classifies the whole grid for all eight regions."""
    if not spheres:
        return RegionSpots({}, (0.0, 0.0), 1.0)
    left = min(s.cx - s.r for s in spheres)
    right = max(s.cx + s.r for s in spheres)
    top = min(s.cy - s.r for s in spheres)
    bottom = max(s.cy + s.r for s in spheres)
    step = max(right - left, bottom - top) / 60
    points = []
    y = top - 4 * step
    while y <= bottom + 4 * step:
        x = left - 4 * step
        while x <= right + 4 * step:
            points.append((x, y))
            x += step
        y += step
    ranked: dict[Region, list[Spot]] = {}
    for (x, y), region in zip(points, regions_of(points, spheres), strict=True):
        depth = min(abs(math.hypot(x - s.cx, y - s.cy) - s.r) for s in spheres)
        ranked.setdefault(region, []).append((depth, x, y))
    for spots in ranked.values():
        spots.sort(key=lambda spot: -spot[0])
    return RegionSpots(ranked, (right + 2 * step, bottom + 2 * step), step)


def pick_anchors(
    candidates: RegionSpots, covered: Callable[[Box], bool], label: tuple[float, float] = (0.0, 0.0)
) -> dict[Region, tuple[float, float]]:
    """For every region, its deepest spot where a label of size `label` fits inside the region and
    is not `covered` (by an item card), else its deepest spot. Costs the regions' few tries, whatever
    the number of items."""
    if not candidates.spots:
        return dict.fromkeys(REGIONS, candidates.fallback)
    half_w, half_h = label[0] / 2, label[1] / 2
    anchors = dict.fromkeys(REGIONS, candidates.fallback)
    for region, spots in candidates.spots.items():
        free = (
            (x, y)
            for depth, x, y in spots[:ANCHOR_TRIES]
            if depth >= max(half_w, half_h) and not covered((x - half_w, y - half_h, x + half_w, y + half_h))
        )
        anchors[region] = next(free, spots[0][1:])
    return anchors


def region_anchors(
    spheres: Sequence[Sphere], keep_clear: Sequence[Box] = (), label: tuple[float, float] = (0.0, 0.0)
) -> dict[Region, tuple[float, float]]:
    """For every region, the point deepest inside it where a label of size `label` fits inside and
    covers none of the `keep_clear` boxes (the item cards), else the deepest point."""
    if not spheres:
        return dict.fromkeys(REGIONS, (0.0, 0.0))
    candidates = region_spots(spheres)
    taken = BoxIndex(keep_clear, cell=max(*label, 4 * candidates.step))
    return pick_anchors(candidates, taken.overlaps, label)


class PointIndex:
    """Points by id (where the items are), bucketed by grid cell: moving one costs one bucket, and asking
    whether any lies in a box looks at the cells the box covers only. Answers are remembered until a
    point comes into or leaves the box, so the same few label spots asked after every edit cost nothing."""

    def __init__(self, cell: float = 16.0):
        self.cell = cell
        self.where: dict[str, tuple[float, float]] = {}
        self.cells: dict[tuple[int, int], dict[str, tuple[float, float]]] = {}
        self.answers: dict[Box, bool] = {}
        self.generation = 0  # changes whenever a remembered answer may no longer hold

    def put(self, id_: str, x: float, y: float) -> None:
        if self.where.get(id_) == (x, y):
            return
        self.drop(id_)
        self.where[id_] = (x, y)
        self.cells.setdefault(self._key(x, y), {})[id_] = (x, y)
        self._changed(x, y)

    def drop(self, id_: str) -> None:
        point = self.where.pop(id_, None)
        if point is not None:
            key = self._key(*point)
            bucket = self.cells[key]
            del bucket[id_]
            if not bucket:
                del self.cells[key]
            self._changed(*point)

    def forget(self) -> None:
        """Let go of the remembered answers (the boxes asked about will not be asked again)."""
        self.answers.clear()
        self.generation += 1

    def _key(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.cell), math.floor(y / self.cell)

    def _changed(self, x: float, y: float) -> None:
        kept = {b: hit for b, hit in self.answers.items() if not (b[0] < x < b[2] and b[1] < y < b[3])}
        if len(kept) != len(self.answers):
            self.answers = kept
            self.generation += 1

    def any_within(self, box: Box) -> bool:
        """True if a point lies strictly inside `box`."""
        hit = self.answers.get(box)
        if hit is None:
            hit = self.answers[box] = self._search(box)
        return hit

    def _search(self, box: Box) -> bool:
        """A cell wholly inside the box answers by being occupied, so a crowded canvas answers at once;
        only the cells on its edge look at their points."""
        left, top, right, bottom = box
        c = self.cell
        for i in range(math.floor(left / c), math.floor(right / c) + 1):
            inner_x = left < i * c and (i + 1) * c <= right
            for j in range(math.floor(top / c), math.floor(bottom / c) + 1):
                bucket = self.cells.get((i, j))
                if not bucket:
                    continue
                if inner_x and top < j * c and (j + 1) * c <= bottom:
                    return True
                if any(left < x < right and top < y < bottom for x, y in bucket.values()):
                    return True
        return False
