"""Rows are read into entities slot by slot, which is only what the constructor does for a plain entity."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import pytest

from db import rows
from workbench.ecosystem.entities import Actor


@dataclasses.dataclass(kw_only=True, slots=True)
class _Checked(Actor):
    """An entity whose constructor does more than store its fields."""

    KIND: ClassVar[str] = "checked_actor"

    def __post_init__(self) -> None:
        self.name = self.name.strip()


def test_a_row_reads_as_the_constructor_builds_it():
    actor = Actor.create(name="Agency", actor_type="agency", x=1.5)
    row = tuple(rows.to_row(actor)[c] for c in rows.columns("actor"))
    assert rows.from_row(Actor, row) == actor


def test_a_kind_whose_constructor_does_more_cannot_be_read_slot_by_slot(monkeypatch):
    monkeypatch.setattr(rows, "entity_type", lambda kind: _Checked)
    with pytest.raises(TypeError, match="cannot be read into it slot by slot"):
        rows.from_row(_Checked, ("c", " Agency ", "agency", "national", None, None, None, None, ""))
