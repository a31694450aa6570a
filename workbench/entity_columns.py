"""Entities kept a field at a time: an import of 50,000 links checks them a column at a time and writes them
as rows, so it keeps them as columns from reading to writing and makes an object per link only for whoever
asks for one (a test, the window placing new actors). `Entities` is the plan's list: entities made one at a
time and runs of columns, in the order they were planned."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from operator import attrgetter
from typing import Any, overload

from workbench.entity import Entity


class Columns[E: Entity]:
    """Entities of class `cls`: `ids` and, for each field given, one value per id (the values `cls(id=i,
    **values)` takes, checked already). A field not given holds its default, as `__init__` gives it."""

    def __init__(self, cls: type[E], ids: Sequence[str], values: Mapping[str, Sequence[Any]]):
        self.cls, self.ids, self.values = cls, ids, values
        self._made: list[E] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, name: str) -> Sequence[Any]:
        """Each entity's value of the field `name` (or its id)."""
        if name == "id":
            return self.ids
        if name in self.values:
            return self.values[name]
        field = next(f for f in dataclasses.fields(self.cls) if f.name == name)
        if field.default is dataclasses.MISSING:  # a default made for each (a list): as the entities hold it
            return list(map(attrgetter(name), self.made()))
        return list(repeat(field.default, len(self.ids)))

    def made(self) -> list[E]:
        """The entities themselves, made once (a field at a time, see `Entity.assembled`)."""
        if self._made is None:
            self._made = self.cls.assembled(self.ids, self.values)
        return self._made

    def sliced(self, start: int, stop: int) -> Columns[E]:
        if (start, stop) == (0, len(self.ids)):
            return self
        return Columns(self.cls, self.ids[start:stop], {name: v[start:stop] for name, v in self.values.items()})


class Entities(Sequence[Entity]):
    """Entities in order, each part as it was made: a list of entities, or `Columns`. Reading one makes
    every object (once); `column` and `by_class` read the parts as they are."""

    def __init__(self, entities: Iterable[Entity] = ()):
        self.parts: list[list[Entity] | Columns] = []
        self._made: list[Entity] | None = None
        for entity in entities:
            self.append(entity)

    def append(self, entity: Entity) -> None:
        if not self.parts or isinstance(self.parts[-1], Columns):
            self.parts.append([])
        self.parts[-1].append(entity)  # type: ignore[union-attr]  # a list, just made sure
        self._made = None

    def add(self, columns: Columns) -> None:
        if len(columns):
            self.parts.append(columns)
            self._made = None

    def __len__(self) -> int:
        return sum(map(len, self.parts))

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities())

    @overload
    def __getitem__(self, index: int) -> Entity: ...
    @overload
    def __getitem__(self, index: slice) -> list[Entity]: ...
    def __getitem__(self, index: int | slice) -> Entity | list[Entity]:
        return self._entities()[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return self._entities() == list(other)

    __hash__ = None  # type: ignore[assignment]  # as a list's

    def __repr__(self) -> str:
        return f"Entities({self._entities()!r})"

    def _entities(self) -> list[Entity]:
        if self._made is None:
            made = (part if isinstance(part, list) else part.made() for part in self.parts)
            self._made = list(itertools.chain.from_iterable(made))
        return self._made

    def column(self, name: str) -> Iterator[Any]:
        """Each entity's value of the field `name` (or its id), in order; every entity has the field."""
        return itertools.chain.from_iterable(
            map(attrgetter(name), part) if isinstance(part, list) else part.column(name) for part in self.parts
        )

    def by_class(self) -> dict[type[Entity], Entities]:
        """The entities of each class, in order."""
        out: dict[type[Entity], Entities] = {}
        for part in self.parts:
            if isinstance(part, Columns):
                out.setdefault(part.cls, Entities()).add(part)
                continue
            for entity in part:
                out.setdefault(type(entity), Entities()).append(entity)
        return out
