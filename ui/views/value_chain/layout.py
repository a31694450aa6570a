"""Where things go on the value-chain canvas: stage columns, the bands across them, bar rows.

Plain numbers (no Qt), so the geometry can be checked without a window. Columns are stages in
order; bands run across all of them, top to bottom:

    stage headers | coverage strip | prototype-to-production call-out
    Innovation system (instruments that create value)
    Both (instruments that create and capture value)
    Capabilities (the link between the two systems, brief 000 figure 1)
    Industrial value chain (instruments that capture value)
    Not placed (instruments with no stage yet; shown only when there are some)
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workbench.spheres.items import Instrument
from workbench.value_chain.entities import Capability, ValueChainStage
from workbench.value_chain.spans import Span, span_of
from workbench.value_chain.stage_order import ordered, stage_index

LEFT = 178.0  # the band titles
COL_W = 158.0
HEADER_H = 48.0
STRIP_H = 46.0
CALLOUT_H = 30.0
ROW_H = 28.0
BAR_H = 22.0
INSET = 5.0  # between a bar and its column edges
BAND_PAD = 8.0
MIN_BAND_H = 56.0

# key, title, subtitle, what an empty band says
BANDS: tuple[tuple[str, str, str, str], ...] = (
    ("creation", "Innovation system", "creates value", "No instrument here creates value."),
    ("both", "Both", "creates and captures value", "No instrument both creates and captures value."),
    ("capability", "Capabilities", "link the two systems", "No capabilities yet: add them in the Capabilities tab."),
    ("capture", "Industrial value chain", "captures value", "No instrument here captures value."),
    ("unplaced", "Not placed", "no stage yet: drag onto a column", ""),
)


def pack_rows(spans: list[tuple[str, int, int]]) -> tuple[dict[str, int], int]:
    """Give each (id, first, last) span a row so spans in one row never share a stage.

    Greedy interval partitioning (fewest rows): spans taken by first stage, each into the row that
    frees up earliest if it is free by then. Returns rows by id and the number of rows.
    """
    rows: dict[str, int] = {}
    free: list[tuple[int, int]] = []  # (last stage used, row)
    count = 0
    for id_, first, last in sorted(spans, key=lambda s: (s[1], s[2], s[0])):
        if free and free[0][0] < first:
            _, row = heapq.heappop(free)
        else:
            row, count = count, count + 1
        rows[id_] = row
        heapq.heappush(free, (last, row))
    return rows, count


@dataclass
class Grid:
    """Column and band geometry for `stages` columns and the number of rows each band needs."""

    stages: int
    rows: dict[str, int] = field(default_factory=dict)
    tops: dict[str, float] = field(default_factory=dict)
    heights: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        y = self.lanes_top
        for key, *_ in BANDS:
            count = self.rows.get(key, 0)
            if key == "unplaced" and not count:
                continue
            self.tops[key] = y
            self.heights[key] = max(MIN_BAND_H, count * ROW_H + 2 * BAND_PAD)
            y += self.heights[key]
        self.bottom = y

    @property
    def lanes_top(self) -> float:
        return HEADER_H + STRIP_H + CALLOUT_H

    @property
    def right(self) -> float:
        return LEFT + max(self.stages, 1) * COL_W

    def column_x(self, index: int) -> float:
        return LEFT + index * COL_W

    def column_at(self, x: float) -> int:
        """The column under x, clamped to the first or last stage."""
        return max(0, min(self.stages - 1, int((x - LEFT) // COL_W)))

    def band_at(self, y: float) -> str | None:
        """The band under y (None above the lanes or below the last band)."""
        return next((key for key, top in self.tops.items() if top <= y < top + self.heights[key]), None)

    def span_x(self, first: int, last: int) -> tuple[float, float]:
        """x and width of a bar spanning columns first..last."""
        return self.column_x(first) + INSET, (last - first + 1) * COL_W - 2 * INSET

    def bar(self, band: str, row: int, first: int, last: int) -> tuple[float, float, float]:
        """x, y and width of a bar spanning columns first..last in a band's row."""
        x, y, width = self.in_band(row, first, last)
        return x, self.tops[band] + y, width

    def in_band(self, row: int, first: int, last: int) -> tuple[float, float, float]:
        """The same with y from the band's top: a band that moves down carries its bars along."""
        x, width = self.span_x(first, last)
        return x, BAND_PAD + row * ROW_H + (ROW_H - BAR_H) / 2, width

    def chip(self, n: int) -> tuple[float, float, float]:
        """Where the n-th unplaced instrument sits in its band: filling the columns left to right, row by row."""
        per_row = max(self.stages, 1)
        return self.in_band(n // per_row, n % per_row, n % per_row)


class Lanes:
    """Which stages each row of a band has taken (a bit per stage), so a bar moved after an edit takes
    the first row with room and every other bar stays where it is."""

    def __init__(self, rows: dict[str, int], spans: dict[str, tuple[int, int]], count: int):
        self.taken = [0] * count
        for id_, row in rows.items():
            self.taken[row] |= _mask(*spans[id_])

    def take(self, first: int, last: int) -> int:
        """The first row where the span fits, now taken (a new row when none has room)."""
        mask = _mask(first, last)
        for row, taken in enumerate(self.taken):
            if not taken & mask:
                self.taken[row] = taken | mask
                return row
        self.taken.append(mask)
        return len(self.taken) - 1

    def free(self, row: int, first: int, last: int) -> None:
        self.taken[row] &= ~_mask(first, last)


def _mask(first: int, last: int) -> int:
    return ((1 << (last - first + 1)) - 1) << first


SPARE_ROWS = 16  # a large lane gets a spare row per this many from the start: the first edits move no band
LANE_KEYS = ("creation", "both", "capture")


@dataclass
class ChainPlan:
    """Where the whole chain goes: stage order, each placed instrument's lane, row and span, each
    capability's row, the tray's order, the bands' rows and their geometry. Plain numbers, so a large
    chain is planned beside the window as it is read."""

    order: list[str]  # stage ids, left to right
    index: dict[str, int]
    bands: dict[str, list[tuple[str, int, int]]]  # lane -> (instrument id, first, last)
    rows: dict[str, int]  # instrument or capability id -> row of its band
    spans: dict[str, Span]  # the placed instruments'
    lanes: dict[str, Lanes]
    unplaced: list[str]  # by name
    grid: Grid
    top_down: list[str]  # every instrument, the top row first: the lanes in their order, then the tray


def capability_spans(
    capabilities: Iterable[Capability], spans: Mapping[str, Span], stages: int
) -> list[tuple[str, int, int]]:
    """Each capability over the stages of the placed instruments linked to it (every stage when none is)."""
    out = []
    for capability in capabilities:
        placed = [spans[i] for i in capability.instrument_ids if i in spans]
        first, last = (min(s[0] for s in placed), max(s[1] for s in placed)) if placed else (0, max(stages - 1, 0))
        out.append((capability.id, first, last))
    return out


def plan_chain(
    stages: Iterable[ValueChainStage],
    instruments: Mapping[str, Instrument],
    capabilities: Iterable[Capability],
    names: Mapping[str, str],
) -> ChainPlan:
    """Lay the whole chain out: every bar packed into the fewest rows of its lane, the unplaced ones by
    name (`names`: instrument id -> its item's name)."""
    order = ordered(stages)
    index = stage_index(order)
    n = len(order)
    bands: dict[str, list[tuple[str, int, int]]] = {key: [] for key in LANE_KEYS}
    unplaced = []
    for id_, instrument in instruments.items():
        span = span_of(instrument, index)
        if span is None:
            unplaced.append(id_)
        else:
            bands[instrument.value_role].append((id_, *span))
    rows: dict[str, int] = {}
    counts: dict[str, int] = {}
    now = {i: (a, b) for spans in bands.values() for i, a, b in spans}
    for key, spans in (*bands.items(), ("capability", capability_spans(capabilities, now, n))):
        found, counts[key] = pack_rows(spans)
        rows.update(found)
    lanes = {
        key: Lanes({i: rows[i] for i, *_ in spans}, {i: (a, b) for i, a, b in spans}, counts[key])
        for key, spans in bands.items()
    }
    for key in bands:
        counts[key] += counts[key] // SPARE_ROWS
    unplaced.sort(key=lambda i: (names.get(i, i).casefold(), i))
    counts["unplaced"] = math.ceil(len(unplaced) / max(n, 1))
    top_down = [i for key in LANE_KEYS for i in sorted((i for i, *_ in bands[key]), key=rows.__getitem__)] + unplaced
    return ChainPlan([s.id for s in order], index, bands, rows, now, lanes, unplaced, Grid(n, counts), top_down)
