"""An option's costs and benefits as a grid of years, the way a spreadsheet shows them.

Rows are what the money is (a cost of one budget type, or a benefit from one outcome), columns are
financial years; a cell is one OptionFlow. Editing or pasting cells becomes one set of creates,
updates and deletes, so a paste from Excel is one undo step. Pasted text is checked whole before
anything changes: the first bad cell is named and nothing is written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.money.budget import budget_type, budget_types
from workbench.money.entities import MONEY, Flow, OptionFlow

SHOWN_YEARS = 10  # years a new option's grid offers from the base year
Cell = tuple[int, int]  # (row, column)


@dataclass(frozen=True)
class Row:
    """What one row of money is: a cost of a budget type, or a benefit from an outcome (objective id or None)."""

    flow: str
    key: str | None  # the budget type of a cost; the objective id of a benefit


@dataclass(frozen=True)
class Edits:
    """What a change to the grid writes: new flows, (id, new amount) updates and ids to delete."""

    create: list[OptionFlow]
    update: list[tuple[str, float]]
    delete: list[str]

    def __bool__(self) -> bool:
        return bool(self.create or self.update or self.delete)


class FlowGrid:
    """One option's flows laid out by row and year: a row per budget type that costs money, then one per outcome."""

    def __init__(self, option_id: str, flows: Iterable[OptionFlow], base_year: int, outcomes: Mapping[str, str]):
        """`outcomes` names the objectives a benefit may come from (id -> statement), in the order shown."""
        self.option_id = option_id
        self.outcomes = outcomes
        self.flows = [f for f in flows if f.option_id == option_id]
        spent = {f.budget_type for f in self.flows if f.flow == Flow.COST}
        costs = [
            Row(Flow.COST.value, t.key)
            for t in budget_types().values()
            if t.counts_in_net_cost != "none" or t.key in spent  # no row for money never spent, unless entered
        ]
        used = [f.objective_id for f in self.flows if f.flow == Flow.BENEFIT]
        benefits = list(dict.fromkeys([*outcomes, *used]))
        self.rows = costs + [Row(Flow.BENEFIT.value, key) for key in benefits or [None]]
        years = [f.year for f in self.flows]
        first = min([base_year, *years])
        last = max([base_year + SHOWN_YEARS - 1, *years])
        self.years = list(range(first, last + 1))
        row_of = {(row.flow, row.key): n for n, row in enumerate(self.rows)}
        self._cells: dict[tuple[int, int], list[OptionFlow]] = {}
        self._totals = [0.0] * len(self.rows)
        for f in self.flows:  # two flows in one cell (an import can make them) show, and are written, as one
            row = row_of[f.flow, f.budget_type if f.flow == Flow.COST else f.objective_id]
            self._cells.setdefault((row, f.year), []).append(f)
            self._totals[row] += f.amount

    def same_shape(self, other: FlowGrid) -> bool:
        """Same rows and years: a view may redraw the cells without laying the table out again."""
        return self.rows == other.rows and self.years == other.years

    def changed_cells(self, other: FlowGrid) -> list[Cell]:
        """The (row, column) cells whose amount differs in `other`, a grid of the same shape."""
        first = self.years[0]
        return [
            (row, year - first)
            for row, year in self._cells.keys() | other._cells.keys()
            if self.amount(row, year - first) != other.amount(row, year - first)
        ]

    def label(self, row: int) -> str:
        r = self.rows[row]
        if r.flow == Flow.COST:
            return f"Cost: {budget_type(r.key or '').label.lower()}"
        return f"Benefit: {self.outcomes.get(r.key or '', 'no outcome named') if r.key else 'no outcome named'}"

    def amount(self, row: int, column: int) -> float | None:
        found = self._cells.get((row, self.years[column]))
        return sum(f.amount for f in found) if found else None

    def row_total(self, row: int) -> float:
        return self._totals[row]

    def edits(self, values: dict[Cell, float | None]) -> Edits:
        """The writes that give cells these amounts (None or 0 clears a cell)."""
        create: list[OptionFlow] = []
        update: list[tuple[str, float]] = []
        delete: list[str] = []
        for (row, column), amount in sorted(values.items()):
            first, *extra = self._cells.get((row, self.years[column])) or [None]
            delete.extend(f.id for f in extra)
            if not amount:
                if first:
                    delete.append(first.id)
            elif first is None:
                create.append(self._new_flow(self.rows[row], self.years[column], amount))
            elif first.amount != amount or extra:
                update.append((first.id, amount))
        return Edits(create, update, delete)

    def _new_flow(self, row: Row, year: int, amount: float) -> OptionFlow:
        if row.flow == Flow.COST:
            return OptionFlow(option_id=self.option_id, flow=row.flow, budget_type=row.key, year=year, amount=amount)
        return OptionFlow(
            option_id=self.option_id, flow=row.flow, budget_type=None, objective_id=row.key, year=year, amount=amount
        )

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
                        f"The pasted block is {len(lines)} rows by {len(line.split(chr(9)))} columns and does not "
                        "fit from the chosen cell; choose a cell further up or left, or add years first."
                    )
                out[row, column] = parse_amount(raw, where=f"{self.label(row)}, {self.years[column]}")
        return out


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
