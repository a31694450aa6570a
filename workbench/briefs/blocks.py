"""The pieces a composed brief is made of, independent of how they are printed.

All text here is plain text exactly as the user or the model holds it; the layout escapes it, so
nothing a user types can turn into markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Note:
    """A remark about the brief itself (e.g. "To be completed."), printed quieter than content."""

    text: str


@dataclass(frozen=True)
class Column:
    title: str
    weight: float = 1.0  # share of the table width
    numeric: bool = False  # right-aligned, never wrapped
    nowrap: bool = False  # short values kept on one line (dates)


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    total: tuple[str, ...] | None = None  # a closing row printed in bold


@dataclass(frozen=True)
class Figure:
    """A vector drawing (reportlab graphics Drawing) built from the model, with its caption."""

    drawing: Any
    caption: str
    number: int = 0  # set by composition, in order of appearance


Block = Para | Bullets | Subheading | Note | Table | Figure


@dataclass
class ComposedSection:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    annex: bool = False
    numbered: bool = False  # paragraphs get running numbers (1., 2., ...) as in a submission


@dataclass
class ComposedBrief:
    """Everything the layout needs, already decided: which sections, in what order, with what content."""

    template_id: str
    heading: str
    title: str
    department: str
    author: str
    subject: str
    marking: str
    version: str
    date: str
    header: list[tuple[str, str]]
    sections: list[ComposedSection]

    @property
    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]
