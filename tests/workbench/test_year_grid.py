"""An option's yearly costs and benefits as a grid: edits and pastes become exact writes, bad cells none."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.money.entities import OptionFlow
from workbench.money.year_grid import FlowGrid, parse_amount

OUTCOMES = {"obj-jobs": "Create 5,000 jobs"}


def cost(year: int, amount: float, kind: str = "grant", id_: str | None = None) -> OptionFlow:
    return OptionFlow(id=id_ or f"c-{kind}-{year}", option_id="opt-1", flow="cost", budget_type=kind, year=year,
                      amount=amount)


def grid(*flows: OptionFlow) -> FlowGrid:
    return FlowGrid("opt-1", flows, base_year=2026, outcomes=OUTCOMES)


def row_of(g: FlowGrid, label: str) -> int:
    return next(i for i in range(len(g.rows)) if g.label(i) == label)


def test_rows_are_every_budget_type_then_each_outcome_and_years_start_at_the_base_year():
    g = grid(cost(2040, 5.0))
    assert [g.label(i) for i in range(3)] == ["Cost: grant (resource)", "Cost: capital grant", "Cost: loan"]
    assert not any("regulation" in g.label(i) for i in range(len(g.rows)))  # no direct spend: no cost row
    assert g.label(len(g.rows) - 1) == "Benefit: Create 5,000 jobs"
    assert g.years[0] == 2026 and g.years[-1] == 2040  # stretched to the latest figure


def test_typing_into_cells_creates_updates_and_clears_exactly():
    g = grid(cost(2026, 10.0), cost(2027, 20.0))
    grant = row_of(g, g.label(0))
    edits = g.edits({(grant, 0): 10.0, (grant, 1): 25.0, (grant, 2): 30.0, (grant, 3): None})
    assert [(f.year, f.amount, f.budget_type) for f in edits.create] == [(2028, 30.0, g.rows[0].key)]
    assert edits.update == [("c-grant-2027", 25.0)]  # the unchanged 2026 cell writes nothing
    assert edits.delete == []
    cleared = g.edits({(grant, 0): None, (grant, 1): 0})
    assert cleared.delete == ["c-grant-2026", "c-grant-2027"] and not cleared.create and not cleared.update


def test_a_benefit_cell_names_its_outcome_and_no_budget_type():
    g = grid()
    jobs = row_of(g, "Benefit: Create 5,000 jobs")
    (made,) = g.edits({(jobs, 1): 4e6}).create
    assert (made.flow, made.objective_id, made.budget_type, made.year) == ("benefit", "obj-jobs", None, 2027)
    made.check_rules()  # a flow the store accepts


def test_two_flows_in_one_cell_show_as_their_sum_and_are_written_as_one():
    g = grid(cost(2026, 1.0, id_="a"), cost(2026, 2.0, id_="b"))
    assert g.amount(0, 0) == 3.0
    edits = g.edits({(0, 0): 5.0})
    assert edits.update == [("a", 5.0)] and edits.delete == ["b"]


def test_a_paste_from_excel_fills_a_block_from_the_chosen_cell():
    g = grid()
    cells = g.pasted("1,000\t2000\r\n 3e3 \t\r\n", at=(0, 2))
    assert cells == {(0, 2): 1000.0, (0, 3): 2000.0, (1, 2): 3000.0, (1, 3): None}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("100\tabc", "2029: 'abc' is not a number"),
        ("100\t-5", "cannot be negative"),
        ("1e20", "larger than any budget"),
        ("nan", "'nan' is not a number"),
    ],
)
def test_a_bad_pasted_cell_is_named_and_nothing_is_read(text, words):
    g = grid()
    with pytest.raises(WorkbenchError) as err:
        g.pasted(text, at=(0, 2))
    assert words in err.value.message and "nothing was changed" in err.value.message.lower()
    assert g.label(0) in err.value.message


def test_a_paste_that_does_not_fit_is_refused_whole():
    g = grid()
    with pytest.raises(WorkbenchError, match="does not fit"):
        g.pasted("1\t2\t3", at=(0, len(g.years) - 2))


def test_amounts_are_read_as_people_write_them():
    assert parse_amount(" 1,250,000 ", "x") == 1_250_000
    assert parse_amount("", "x") is None and parse_amount("-", "x") is None


def test_replacing_in_place_moves_amounts_and_totals_or_says_the_grid_must_be_made_again():
    g = grid(cost(2026, 10.0), cost(2027, 20.0))
    grant = 0
    changed = g.replace(["c-grant-2026"], [cost(2026, 15.0), cost(2028, 5.0, id_="new")])
    assert set(changed) == {(grant, 0), (grant, 2)}
    assert (g.amount(grant, 0), g.amount(grant, 2), g.row_total(grant)) == (15.0, 5.0, 40.0)
    assert g.replace(["c-grant-2027"], []) == [(grant, 1)] and g.amount(grant, 1) is None and g.row_total(grant) == 20.0
    assert g.replace([], [cost(2050, 1.0, id_="far")]) is None  # a year beyond the grid: make it again
    assert g.replace([], [cost(2026, 1.0, kind="regulation", id_="odd")]) is None  # no such row
