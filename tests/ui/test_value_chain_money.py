"""The value chain's Money tab: each stage's money by budget type and year, types never added together,
and it follows an edit while on screen (and catches up when shown after one made elsewhere)."""

from __future__ import annotations

from ui.views.value_chain.view import ValueChainView
from workbench.money.currency import currency as currency_of
from workbench.money.currency import format_amount, format_money
from workbench.money.entities import SpendLine


def money_tab(window):
    window.new_from_sample()
    window.show_section("value-chain")
    view = window.current_view()
    assert isinstance(view, ValueChainView)
    view.tabs.setCurrentIndex(3)
    return view.money


def rows(panel) -> dict[str, dict[str, list[str]]]:
    out = {}
    tree = panel.tree
    for n in range(tree.topLevelItemCount()):
        stage = tree.topLevelItem(n)
        out[stage.text(0)] = {
            stage.child(k).text(0): [stage.child(k).text(c) for c in range(1, tree.columnCount())]
            for k in range(stage.childCount())
        }
    return out


def test_each_stage_lists_its_budget_types_apart_with_yearly_figures(window, qtbot):
    panel = money_tab(window)
    shown = rows(panel)
    assert panel.tree.isVisibleTo(panel) and not panel.empty.isVisibleTo(panel)
    types_per_stage = [set(types) for types in shown.values()]
    assert any(len(t) > 1 for t in types_per_stage)  # the sample mixes grants, loans, equity...
    for types in shown.values():
        for figures in types.values():
            assert figures[0]  # every type row has its all-years total, of that type only


def test_an_edited_spend_line_shows_in_the_tab_a_moment_later(window, qtbot):
    panel = money_tab(window)
    doc = window.doc
    line, *others = doc.all(SpendLine.KIND)
    doc.store.batch(delete=[(SpendLine.KIND, o.id) for o in others])
    doc.store.update(SpendLine.KIND, line.id, {"amount": 300e6})
    instrument = doc.get("instrument", line.instrument_id)
    stages = {s.id: s.name for s in doc.all("stage")}
    spanned = {stages[i] for i in (instrument.stage_from_id, instrument.stage_to_id) if i}
    currency = doc.get("project", "project").currency
    qtbot.waitUntil(lambda: not panel.stale and len([s for s, types in rows(panel).items() if types]) >= 1)
    shown = {stage: types for stage, types in rows(panel).items() if types}
    assert set(shown) >= spanned  # the stages between its first and last too
    share = 300e6 / len(shown)
    for types in shown.values():
        ((_type, figures),) = types.items()
        assert figures == [format_amount(share), format_amount(share)]  # all years, the year
    header = panel.tree.headerItem().text(0)
    assert header.endswith(currency_of(currency).symbol.strip())  # named once, in the heading
    item = next(
        panel.tree.topLevelItem(n)
        for n in range(panel.tree.topLevelItemCount())
        if panel.tree.topLevelItem(n).text(0) in shown
    )
    assert item.child(0).toolTip(1) == format_money(share, currency)  # in full where the pointer rests


def test_an_instruments_spend_is_typed_or_pasted_in_the_grid_one_step_each(window, qtbot):
    panel = money_tab(window)
    doc = window.doc
    grid = panel.spend_model.grid
    row = next(n for n in range(len(grid.rows)) if grid.label(n).startswith("Gigafactory first-of-a-kind loan"))
    before = {s.id for s in doc.all(SpendLine.KIND) if s.instrument_id == "item-gigafactory-loan"}
    steps = doc.undo_stack.count()
    panel.spend.setCurrentIndex(panel.spend_model.index(row, 0))
    panel.spend.paste_text("1,000,000\t2000000")
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText().startswith("Set the spend of Gigafactory first-of-a-kind loan")
    first, second = (panel.spend_model.grid.years[n] for n in (0, 1))
    lines = {s.year: s.amount for s in doc.all(SpendLine.KIND) if s.instrument_id == "item-gigafactory-loan"}
    assert lines[first] == 1e6 and lines[second] == 2e6
    panel.spend.paste_text("lots")
    assert doc.undo_stack.count() == steps + 1 and "'lots' is not a number" in panel.message.text()
    doc.undo_stack.undo()
    assert {s.id for s in doc.all(SpendLine.KIND) if s.instrument_id == "item-gigafactory-loan"} == before
