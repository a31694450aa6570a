"""Base of every domain entity: a dataclass with a stable id and described attributes."""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import Any, ClassVar, Self

from workbench.errors import ValidationError
from workbench.fields import FieldSpec
from workbench.words import count


def new_id() -> str:
    """A stable id: 16 hex digits, unique across documents so copy/paste and import stay safe."""
    return os.urandom(8).hex()


@dataclasses.dataclass(kw_only=True, slots=True)
class Entity:
    """Common behaviour; subclasses set KIND (storage and change name) and LABEL (for people)."""

    KIND: ClassVar[str] = ""
    LABEL: ClassVar[str] = ""
    TITLE_FIELD: ClassVar[str] = "name"
    PLURAL: ClassVar[str] = ""  # when LABEL + "s" is wrong
    # Entities of this kind a document always keeps, by id, with the sentence that says why (workbench.kinds).
    KEPT: ClassVar[dict[str, str]] = {}

    @classmethod
    def plural(cls) -> str:
        return cls.PLURAL or cls.LABEL + "s"

    @classmethod
    def noun(cls, n: int) -> str:
        """'1 capability', '3 capabilities': the lower-case noun for a count."""
        return count(n, cls.LABEL.lower(), cls.plural().lower())

    id: str = dataclasses.field(default_factory=new_id)

    @classmethod
    def specs(cls) -> dict[str, FieldSpec]:
        """The described attributes, in declaration order (id excluded)."""
        return _specs(cls)

    @classmethod
    def create(cls, **values: Any) -> Self:
        """Build a validated entity; unknown or bad values raise ValidationError."""
        unknown = set(values) - set(cls.specs()) - {"id"}
        if unknown:
            raise ValidationError(cls.LABEL, ", ".join(sorted(unknown)), "is not a known field")
        entity = cls(**values)
        entity.validate()
        return entity

    @classmethod
    def assembled(cls, ids: Sequence[str], columns: Mapping[str, Sequence[Any]]) -> list[Self]:
        """What `cls(id=i, **values)` makes for each id, its values taken from `columns` (field -> one value per
        id), built a field at a time: for values already checked (an import of 50,000 links), with no call of
        `__init__` per entity. Fields not given take their defaults, as `__init__` gives them."""
        unknown = set(columns) - {f.name for f in dataclasses.fields(cls)}
        if unknown or any(len(values) != len(ids) for values in columns.values()):
            raise TypeError(f"{cls.__name__} has no field {sorted(unknown)}" if unknown else "a column per id")
        entities = list(map(object.__new__, repeat(cls, len(ids))))
        for f in dataclasses.fields(cls):
            given: Iterable[Any]
            if f.name == "id":
                given = ids
            elif f.name in columns:
                given = columns[f.name]
            elif f.default is not dataclasses.MISSING:
                given = repeat(f.default)
            else:
                given = (f.default_factory() for _ in ids)  # type: ignore[operator]
            deque(map(getattr(cls, f.name).__set__, entities, given), maxlen=0)
        return entities

    def validate(self) -> None:
        """Normalise every attribute in place, then check rules spanning several attributes."""
        for name, spec in self.specs().items():
            setattr(self, name, spec.check(self.LABEL, name, getattr(self, name)))
        self.check_rules()

    def check_rules(self) -> None:
        """Rules across attributes (e.g. min <= max); subclasses override."""

    def changed(self, **changes: Any) -> Self:
        """A validated copy with some attributes changed."""
        unknown = set(changes) - set(self.specs())
        if unknown:
            raise ValidationError(self.LABEL, ", ".join(sorted(unknown)), "is not a known field")
        other = dataclasses.replace(self, **changes)
        other.validate()
        return other

    def values(self) -> dict[str, Any]:
        """All attributes including id, as plain values (lists copied)."""
        return {f: _copy(getattr(self, f)) for f in ("id", *self.specs())}

    @property
    def title(self) -> str:
        return str(getattr(self, self.TITLE_FIELD) or f"Untitled {self.LABEL.lower()}")


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


_SPEC_CACHE: dict[type, dict[str, FieldSpec]] = {}


def _specs(cls: type) -> dict[str, FieldSpec]:
    found = _SPEC_CACHE.get(cls)
    if found is None:
        found = {f.name: f.metadata["spec"] for f in dataclasses.fields(cls) if "spec" in f.metadata}
        _SPEC_CACHE[cls] = found
    return found


def check_range(entity: Entity, low: str, high: str) -> None:
    """Raise if both ends of a range are set and the low end exceeds the high end."""
    lo, hi = getattr(entity, low), getattr(entity, high)
    if lo is not None and hi is not None and lo > hi:
        specs = entity.specs()
        raise ValidationError(entity.LABEL, specs[low].label, f"({lo}) must not exceed {specs[high].label} ({hi})")
