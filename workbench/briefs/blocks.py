"""The pieces a composed brief is made of, independent of how they are printed.

All text here is plain text exactly as the user or the model holds it; the layout escapes it, so
nothing a user types can turn into markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.ecosystem.entities import Actor, Link
from workbench.spheres.analysis import SpheresAnalysis
from workbench.spheres.entities import Sphere
from workbench.theory_of_change.chain import Card, Line
from workbench.value_chain.analysis import ValueChainAnalysis


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Lettered:
    """The limbs of a recommendation, printed (a), (b), (c) so a reply can say "agree (a), not (b)"."""

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
class SpheresDiagram:
    """The three circles as the canvas shows them, with the item count of every region."""

    spheres: tuple[Sphere, ...]  # by key
    analysis: SpheresAnalysis
    marks: tuple[tuple[float, float, str], ...] = ()  # (x, y, label): a workshop's sticky notes where they sit
    names: Mapping[str, str] = field(default_factory=dict)  # item id -> name, to say which measures sit where


@dataclass(frozen=True)
class ValueChainDiagram:
    """Budget and instruments per stage by value role, the valley of death and the readiness levels."""

    analysis: ValueChainAnalysis
    currency: str


@dataclass(frozen=True)
class EcosystemDiagram:
    """Every actor where the team placed it on the map, and the links between them; the names of
    those in `named` (the first placed first), or of every actor when it is None."""

    actors: tuple[Actor, ...]
    links: tuple[Link, ...]
    named: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TheoryOfChangeDiagram:
    """The chain from rationale to impact: each column's cards, the lines between them, and what the
    analysis flags (cards with a finding, links whose assumption no evaluation tests)."""

    cards: tuple[Card, ...]
    lines: tuple[Line, ...]
    flagged: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class TrajectoryDiagram:
    """One indicator's measurements against the straight path from its baseline to its target, with its
    status by the stated rule (workbench.monitoring.status): `status` a key of its WORDS, `words` the
    status as a reader sees it ("▲ At risk"), so the figure never tells it by colour alone."""

    name: str
    unit: str
    path: tuple[tuple[str, float], ...]  # (ISO date, value): the baseline, then the target
    measurements: tuple[tuple[str, float], ...]  # (ISO date, value), oldest first
    status: str
    words: str


Diagram = SpheresDiagram | ValueChainDiagram | EcosystemDiagram | TheoryOfChangeDiagram | TrajectoryDiagram


@dataclass(frozen=True)
class Figure:
    """What a figure shows, with its caption; how it looks is the layout's business
    (templates_reports.figures), so the domain never draws."""

    diagram: Diagram
    caption: str
    number: int = 0  # set by composition, in order of appearance
    alt: str = ""  # what the figure shows, in words, for readers who cannot see it


Block = Para | Bullets | Lettered | Subheading | Note | Table | Figure


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
    draft: bool = True  # printed DRAFT across every page until the user exports it as final
    missing: tuple[str, ...] = ()  # titles of the sections still to be completed
    contents: bool = True  # a long brief gets a contents list; a submission never does

    @property
    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]
