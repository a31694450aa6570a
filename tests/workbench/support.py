"""Shared helpers for the domain tests."""

from __future__ import annotations

from workbench.checklists.model import Checklist, load_checklists


def checklist_by_id(checklist_id: str) -> Checklist:
    """A built-in checklist by its id (the program itself always walks them all, in order)."""
    return next(c for c in load_checklists() if c.id == checklist_id)
