"""The whole document in memory: every entity by kind and id, for analysis and rendering."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar, cast

from workbench.entity import Entity
from workbench.kinds import KINDS
from workbench.project import Project

E = TypeVar("E", bound=Entity)


@dataclass
class Document:
    """A snapshot of a document; analysis functions take one of these and return plain values."""

    entities: dict[str, dict[str, Entity]] = field(default_factory=lambda: {kind: {} for kind in KINDS})

    @classmethod
    def of(cls, entities: Iterable[Entity]) -> Document:
        doc = cls()
        for e in entities:
            doc.entities[e.KIND][e.id] = e
        return doc

    # `entities[kind.KIND]` holds only instances of `kind`: every way in (`of`, Store.load) files an
    # entity under its own KIND, so the accessors below can promise the class they were asked for.
    def all(self, kind: type[E]) -> list[E]:
        return cast("list[E]", list(self.entities[kind.KIND].values()))

    def table(self, kind: type[E]) -> dict[str, E]:
        """The live id -> entity table of one kind (not a copy: lookups stay O(1))."""
        return cast("dict[str, E]", self.entities[kind.KIND])

    def get(self, kind: type[E], id_: str) -> E | None:
        return cast("E | None", self.entities[kind.KIND].get(id_))

    def __iter__(self) -> Iterator[Entity]:
        for kind in KINDS:
            yield from self.entities[kind].values()

    @property
    def project(self) -> Project:
        return self.get(Project, "project") or Project()

    def counts(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in self.entities.items()}
