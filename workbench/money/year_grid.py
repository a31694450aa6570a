"""Money by financial year as a grid, the way a spreadsheet shows it: an option's costs and benefits,
or the instruments' spend.

Rows are what the money is, columns are financial years; a cell holds one entity with an `amount`
(an OptionFlow, a SpendLine). Editing or pasting cells becomes one set of creates, updates and
deletes, so a paste from Excel is one undo step. Pasted text is checked whole before anything
changes: the first bad cell is named and nothing is written.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.money.budget import budget_type, budget_types
from workbench.money.entities import MONEY, Flow, OptionFlow, SpendLine
from workbench.words import count

SHOWN_YEARS = 10  # years a grid offers from the base year when nothing later is entered
Cell = tuple[int, int]  # (row, column)


@dataclass(frozen=True)
class Edits:
    """What a change to the grid writes: new entities, (id, new amount) updates and ids to delete."""

    create: list[Entity]
    update: list[tuple[str, float]]
    delete: list[str]

    def __bool__(self) -> bool:
        return bool(self.create or self.update or self.delete)


class YearGrid:
    """Entities with an amount laid out by row and financial year. A subclass names its rows, the row
    an entity sits in, its label, and how a new entity for a row and year is made."""

    KIND: ClassVar[str]  # the kind of entity in the cells

    def __init__(self, rows: list[Hashable], entities: Iterable[Any], base_year: int):
        self.rows = rows
        entities = list(entities)
        years = [e.year for e in entities]
        self.years = list(range(min([base_year, *years]), max([base_year + SHOWN_YEARS - 1, *years]) + 1))
        self._row_of = {key: n for n, key in enumerate(rows)}
        self._cells: dict[tuple[int, int], list[Any]] = {}
        self._where: dict[str, tuple[int, int]] = {}  # entity id -> (row, year)
        self._totals = [0.0] * len(rows)
        for e in entities:  # two entities in one cell (an import can make them) show, and are written, as one
            self._put(e, self._row_of[self.row_key(e)])

    def _put(self, e: Any, row: int) -> None:
        self._cells.setdefault((row, e.year), []).append(e)
        self._where[e.id] = (row, e.year)
        self._totals[row] += e.amount

    def replace(self, gone: Iterable[str], came: Iterable[Any]) -> list[Cell] | None:
        """Take entities out by id and put new or changed ones in, in place; the cells that changed,
        or None when one no longer fits the rows and years (the grid is then made again)."""
        came = list(came)
        if any(self._row_of.get(self.row_key(e)) is None or e.year not in self._years_set for e in came):
            return None
        first = self.years[0]
        changed: list[Cell] = []
        for id_ in [*gone, *(e.id for e in came)]:
            where = self._where.pop(id_, None)
            if where is None:
                continue
            cell = self._cells[where]
            kept = [e for e in cell if e.id != id_]
            self._totals[where[0]] -= sum(e.amount for e in cell) - sum(e.amount for e in kept)
            if kept:
                self._cells[where] = kept
            else:
                del self._cells[where]
            changed.append((where[0], where[1] - first))
        for e in came:
            row = self._row_of[self.row_key(e)]
            self._put(e, row)
            changed.append((row, e.year - first))
        return changed

    @property
    def _years_set(self) -> range:
        return range(self.years[0], self.years[-1] + 1)

    def row_key(self, entity: Any) -> Hashable:
        raise NotImplementedError

    def label(self, row: int) -> str:
        raise NotImplementedError

    def new(self, row: int, year: int, amount: float) -> Entity:
        raise NotImplementedError

    def same_shape(self, other: YearGrid) -> bool:
        """Same rows and years: a view may redraw the cells without laying the table out again."""
        return self.rows == other.rows and self.years == other.years

    def changed_cells(self, other: YearGrid) -> list[Cell]:
        """The (row, column) cells whose amount differs in `other`, a grid of the same shape."""
        first = self.years[0]
        return [
            (row, year - first)
            for row, year in self._cells.keys() | other._cells.keys()
            if self.amount(row, year - first) != other.amount(row, year - first)
        ]

    def amount(self, row: int, column: int) -> float | None:
        found = self._cells.get((row, self.years[column]))
        return sum(e.amount for e in found) if found else None

    def row_total(self, row: int) -> float:
        return self._totals[row]

    def edits(self, values: dict[Cell, float | None]) -> Edits:
        """The writes that give cells these amounts (None or 0 clears a cell)."""
        create: list[Entity] = []
        update: list[tuple[str, float]] = []
        delete: list[str] = []
        for (row, column), amount in sorted(values.items()):
            first, *extra = self._cells.get((row, self.years[column])) or [None]
            delete.extend(e.id for e in extra)
            if not amount:
                if first:
                    delete.append(first.id)
            elif first is None:
                create.append(self.new(row, self.years[column], amount))
            elif first.amount != amount or extra:
                update.append((first.id, amount))
        return Edits(create, update, delete)

    def pasted(self, text: str, at: Cell) -> dict[Cell, float | None]:
        """The cells tab-separated text (rows of cells, as Excel copies them) gives from `at` onwards.

        Raises, naming the first bad cell, when a value is not a number, is negative, or falls
        outside the grid; nothing is returned half-read."""
        top, left = at
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        out: dict[Cell, float | None] = {}
        for i, line in enumerate(lines):
            for j, raw in enumerate(line.split("\t")):
                row, column = top + i, left + j
                if row >= len(self.rows) or column >= len(self.years):
                    raise WorkbenchError(
                        f"The pasted block ({count(len(lines), 'row')} of up to "
                        f"{count(len(line.split(chr(9))), 'column')}) does not fit from the chosen cell; "
                        "choose a cell further up or left, or add years first."
                    )
                out[row, column] = parse_amount(raw, where=f"{self.label(row)}, {self.years[column]}")
        return out


@dataclass(frozen=True)
class FlowRow:
    """An option's row: a cost of a budget type, or a benefit from an outcome (objective id or None)."""

    flow: str
    key: str | None


class FlowGrid(YearGrid):
    """One option's costs and benefits: a row per budget type that costs money, then one per outcome."""

    KIND = OptionFlow.KIND

    def __init__(self, option_id: str, flows: Iterable[OptionFlow], base_year: int, outcomes: Mapping[str, str]):
        """`outcomes` names the objectives a benefit may come from (id -> statement), in the order shown."""
        self.option_id = option_id
        self.outcomes = outcomes
        mine = [f for f in flows if f.option_id == option_id]
        spent = {f.budget_type for f in mine if f.flow == Flow.COST}
        costs = [
            FlowRow(Flow.COST.value, t.key)
            for t in budget_types().values()
            if t.counts_in_net_cost != "none" or t.key in spent  # no row for money never spent, unless entered
        ]
        used = [f.objective_id for f in mine if f.flow == Flow.BENEFIT]
        benefits = [FlowRow(Flow.BENEFIT.value, key) for key in dict.fromkeys([*outcomes, *used]) or [None]]
        super().__init__([*costs, *benefits], mine, base_year)

    def row_key(self, entity: OptionFlow) -> FlowRow:
        key = entity.budget_type if entity.flow == Flow.COST else entity.objective_id
        return FlowRow(entity.flow, key)

    def label(self, row: int) -> str:
        r = self.rows[row]
        assert isinstance(r, FlowRow)
        if r.flow == Flow.COST:
            return f"Cost: {budget_type(r.key or '').label.lower()}"
        return f"Benefit: {self.outcomes.get(r.key, 'no outcome named') if r.key else 'no outcome named'}"

    def new(self, row: int, year: int, amount: float) -> OptionFlow:
        r = self.rows[row]
        assert isinstance(r, FlowRow)
        if r.flow == Flow.COST:
            return OptionFlow(option_id=self.option_id, flow=r.flow, budget_type=r.key, year=year, amount=amount)
        return OptionFlow(
            option_id=self.option_id, flow=r.flow, budget_type=None, objective_id=r.key, year=year, amount=amount
        )


class SpendGrid(YearGrid):
    """The instruments' public money: a row per instrument (its money is all of its one budget type)."""

    KIND = SpendLine.KIND

    def __init__(self, instruments: Mapping[str, tuple[str, str]], lines: Iterable[SpendLine], base_year: int):
        """`instruments`: id -> (name, budget type), in the order shown."""
        self.instruments = instruments
        super().__init__(list(instruments), [s for s in lines if s.instrument_id in instruments], base_year)

    def row_key(self, entity: SpendLine) -> str:
        return entity.instrument_id

    def label(self, row: int) -> str:
        name, type_key = self.instruments[str(self.rows[row])]
        return f"{name} ({budget_type(type_key).label.lower()})"

    def new(self, row: int, year: int, amount: float) -> SpendLine:
        return SpendLine(instrument_id=str(self.rows[row]), year=year, amount=amount)


def parse_amount(raw: str, where: str) -> float | None:
    """A money figure as a person types or pastes it ("1,250,000", "  35e6 ", ""), in whole units."""
    text = raw.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not text or text in ("-", "\u2013"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise WorkbenchError(f"{where}: {raw.strip()!r} is not a number; nothing was changed.") from None
    if not math.isfinite(value):
        raise WorkbenchError(f"{where}: {raw.strip()!r} is not a number; nothing was changed.")
    if value < MONEY["minimum"]:
        raise WorkbenchError(f"{where}: an amount cannot be negative; enter savings as benefits. Nothing was changed.")
    if value > MONEY["maximum"]:
        raise WorkbenchError(f"{where}: {raw.strip()} is larger than any budget; nothing was changed.")
    return value
