"""The TRL (1-9), MRL (1-10) and capability (0-5) scales, read from resources/readiness.

The definitions are written for IIP Workbench; each scale names the public source it follows
(NASA / EU Horizon 2020 for TRL, the US DoD MRL Deskbook for MRL), so a reader can check them.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class ReadinessLevel:
    level: int
    name: str
    definition: str
    example: str


@dataclass(frozen=True)
class Scale:
    key: str  # "trl" or "mrl"
    title: str
    source: str
    levels: tuple[ReadinessLevel, ...]

    @property
    def top(self) -> int:
        return self.levels[-1].level

    def within(self, low: int | None, high: int | None) -> list[ReadinessLevel]:
        ends = level_range(low, high)
        return [] if ends is None else [lv for lv in self.levels if ends[0] <= lv.level <= ends[1]]


def level_range(low: int | None, high: int | None) -> tuple[int, int] | None:
    """The levels an instrument's range supports: one end alone is that one level (the cautious reading,
    so a gap is never hidden by guessing); no end at all is none."""
    if low is None and high is None:
        return None
    low, high = (low if low is not None else high), (high if high is not None else low)
    assert low is not None and high is not None
    return min(low, high), max(low, high)


@functools.cache
def scale(key: str) -> Scale:
    text = resources.files("resources").joinpath("readiness", f"{key}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    levels = tuple(ReadinessLevel(**entry) for entry in data["levels"])
    return Scale(key, data["scale"], data["source"], levels)
