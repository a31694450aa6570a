"""The country practice library: the built-in practices of report 001 plus the user's own.

The built-in library is read-only data in resources/practices/library.json; the user's practices are
Practice entities in the document. Both are Practice objects, so searching, filtering and "Use this"
treat them alike; only `is_built_in` tells them apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from workbench.document import Document
from workbench.entity import Entity
from workbench.practices.entities import Practice, Theme
from workbench.registers.entities import Lesson, LessonSource
from workbench.spheres.entities import Region, Sphere, region_anchor
from workbench.spheres.items import Instrument, Item, ItemKind, Status

DRAFT_STEP = 24.0  # canvas units between drafts, so new drafts do not hide each other


@dataclass(frozen=True, slots=True)
class Library:
    source: str
    practices: tuple[Practice, ...]
    ids: frozenset[str]


@cache
def load_library() -> Library:
    text = resources.files("resources").joinpath("practices", "library.json").read_text(encoding="utf-8")
    data = json.loads(text)
    practices = tuple(Practice.create(**record) for record in data["practices"])
    return Library(data["source"], practices, frozenset(p.id for p in practices))


def is_built_in(practice: Practice) -> bool:
    return practice.id in load_library().ids


def all_practices(doc: Document) -> list[Practice]:
    """Built-in practices first, then the user's own."""
    return [*load_library().practices, *doc.all(Practice)]


def countries(practices: Iterable[Practice]) -> list[str]:
    return sorted({p.country for p in practices}, key=str.casefold)


def search(
    practices: Iterable[Practice], text: str = "", country: str | None = None, theme: str | None = None
) -> list[Practice]:
    """Practices matching every word of `text` (in title, summary, lesson, country or theme), the
    country and the theme; None means any."""
    words = text.casefold().split()
    out = []
    for p in practices:
        if country is not None and p.country != country:
            continue
        if theme is not None and p.theme != theme:
            continue
        haystack = " ".join((p.title, p.summary, p.lesson, p.country, Theme(p.theme).label)).casefold()
        if all(w in haystack for w in words):
            out.append(p)
    return out


def as_lesson(practice: Practice) -> Lesson:
    """A lesson from another country; how far it transfers is left for the user to judge."""
    context = f"{practice.title}. {practice.summary}".strip() + (
        f"\n\nSource: {practice.source}" if practice.source else ""
    )
    return Lesson.create(
        lesson=practice.lesson or practice.title,
        source_kind=LessonSource.OTHER_COUNTRY.value,
        source=practice.country,
        context=context,
        transferability=None,
    )


def as_draft_instrument(practice: Practice, at: tuple[float, float]) -> list[Entity]:
    """A proposed instrument (item and profile) modelled on the practice, for the user to place and adapt."""
    origin = f"Drafted from the practice library: {practice.country}, '{practice.title}'"
    origin += f" ({practice.source})." if practice.source else "."
    item = Item.create(
        kind=ItemKind.INSTRUMENT.value,
        name=practice.title,
        description=f"{practice.summary}\n\n{origin}".strip(),
        x=at[0],
        y=at[1],
    )
    return [item, Instrument.create(id=item.id, status=Status.PROPOSED.value)]


def draft_position(doc: Document) -> tuple[float, float]:
    """Outside every sphere, so a draft counts in no region until the user places it; below earlier drafts."""
    x, y = region_anchor(Region.OUTSIDE, doc.all(Sphere))
    taken = {(item.x, item.y) for item in doc.all(Item)}
    while (x, y) in taken:
        y += DRAFT_STEP
    return (x, y)
