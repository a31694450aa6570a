"""Inspector line for items: the region of the spheres their position falls in."""

from __future__ import annotations

from ui.document import OpenDocument
from ui.inspector import FACTS
from workbench.entity import Entity
from workbench.spheres.entities import Sphere, region_label, region_of
from workbench.spheres.items import Item


def item_region(doc: OpenDocument, entity: Entity) -> list[tuple[str, str]]:
    spheres = [s for s in doc.all("sphere") if isinstance(s, Sphere)]
    assert isinstance(entity, Item)
    region = region_of(entity.x, entity.y, spheres)
    return [("Region", f"{region.value} — {region_label(region, spheres)}")]


FACTS.setdefault("item", []).append(item_region)
