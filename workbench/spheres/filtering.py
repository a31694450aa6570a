"""Which policy items a search and the filters of the Spheres view keep.

Words match the name or the description, whatever their case. A filter left at "any" (None) keeps
everything. Level, status and instrument type are an instrument's profile, so setting any of them
leaves out the items that have none (an institution has no level).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workbench.spheres.items import Instrument, Item


@dataclass(frozen=True)
class ItemFilter:
    text: str = ""
    kind: str | None = None
    level: str | None = None
    status: str | None = None
    instrument_type: str | None = None

    @property
    def keeps_everything(self) -> bool:
        """Nothing searched, every filter at "any" (the usual case)."""
        return not (self.text.strip() or self.kind or self.level or self.status or self.instrument_type)

    def keeps(self, item: Item, profile: Instrument | None) -> bool:
        words = self.text.strip().casefold()
        if words and words not in item.name.casefold() and words not in item.description.casefold():
            return False
        if self.kind and item.kind != self.kind:
            return False
        wanted = {"level": self.level, "status": self.status, "instrument_type": self.instrument_type}
        asked = {name: value for name, value in wanted.items() if value}
        if not asked:
            return True
        return profile is not None and all(getattr(profile, name) == value for name, value in asked.items())


def matching(items: Iterable[Item], profiles: Mapping[str, Instrument], chosen: ItemFilter) -> list[str]:
    """The ids of the items `chosen` keeps, in the order given; `profiles` are the instruments' by item id.
    Keeping everything looks at no item: a large board opens with nothing chosen."""
    if chosen.keeps_everything:
        return [item.id for item in items]
    return [item.id for item in items if chosen.keeps(item, profiles.get(item.id))]
