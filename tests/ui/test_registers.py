"""The four process registers: names for linked objects, sorting, text and choice filters, counts,
empty states, and rows that follow the document's selection."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from ui.dates import shown_date
from ui.views.register import RegisterView


def open_register(window, key: str) -> RegisterView:
    window.show_section(key)
    view = window.current_view()
    assert isinstance(view, RegisterView)
    return view


def column(view: RegisterView, name: str) -> list[str]:
    c = view.model.columns.index(name)
    return [view.proxy.index(r, c).data() for r in range(view.proxy.rowCount())]


def test_linked_instruments_show_names_and_follow_renames(window):
    window.new_from_sample()
    view = open_register(window, "evaluation")
    assert "Gigafactory first-of-a-kind loan" in column(view, "subject_id")
    assert not any(v.startswith("item-") for v in column(view, "subject_id"))
    objectives = open_register(window, "objectives")
    assert "Gigafactory first-of-a-kind loan" in column(objectives, "instrument_ids")[0]
    window.doc.store.update("item", "item-gigafactory-loan", {"name": "Cell plant loan"})
    assert "Cell plant loan" in column(objectives, "instrument_ids")[0]  # on screen: at once
    assert "Cell plant loan" not in column(view, "subject_id")  # hidden: nothing done yet
    assert open_register(window, "evaluation") is view
    assert "Cell plant loan" in column(view, "subject_id")  # caught up when shown


def test_text_and_choice_filters_combine_and_say_how_many(window, qtbot):
    window.new_from_sample()
    view = open_register(window, "evaluation")
    assert view.count.text() == "5 evaluations"
    view.choice_filter.setCurrentIndex(view.choice_filter.findData("in_progress"))
    assert column(view, "status") == ["In progress", "In progress"]
    assert view.count.text() == "2 of 5 evaluations shown"
    qtbot.keyClicks(view.filter, "pilot lines")
    assert column(view, "name") == ["Open-access pilot lines: interim impact study"]
    qtbot.keyClicks(view.filter, " nothing like this")
    assert view.proxy.rowCount() == 0 and not view.empty.isHidden()
    assert "match the filter" in view.empty.text()


def test_choice_filter_of_each_register(window):
    window.new_from_sample()
    expected = {"objectives": "Kind", "experiments": "Type", "evaluation": "Status", "lessons": "Source"}
    for key, label in expected.items():
        assert open_register(window, key).choice_filter.itemText(0) == f"{label}: any"
    lessons = open_register(window, "lessons")
    lessons.choice_filter.setCurrentIndex(lessons.choice_filter.findData("own_programme"))
    assert column(lessons, "source") == ["Pilot-line scheme 2019-2023 (Northland)"]


def test_sorting_numbers_as_numbers_and_text_ignoring_case(window):
    window.new_from_sample()
    view = open_register(window, "evaluation")
    view.table.sortByColumn(view.model.columns.index("budget"), Qt.SortOrder.AscendingOrder)
    assert column(view, "budget") == ["€200k", "€250k", "€300k", "€350k", "€500k"]  # money as numbers, printed
    view.table.sortByColumn(view.model.columns.index("planned_date"), Qt.SortOrder.DescendingOrder)
    assert column(view, "planned_date")[0] == shown_date("2037-06-30")


@pytest.mark.parametrize(
    ("locale", "written"), [("en_GB", "30/06/2037"), ("en_US", "6/30/2037"), ("de_DE", "30.06.2037")]
)
def test_dates_show_as_the_locale_writes_them_with_the_whole_year_and_sort_by_date(window, locale, written):
    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        window.new_from_sample()
        view = open_register(window, "evaluation")
        view.table.sortByColumn(view.model.columns.index("planned_date"), Qt.SortOrder.DescendingOrder)
        shown = column(view, "planned_date")
        stored = sorted((e.planned_date for e in window.doc.all("evaluation") if e.planned_date), reverse=True)
        assert shown[0] == written and "-" not in "".join(shown)  # no ISO text left
        assert shown[: len(stored)] == [shown_date(d) for d in stored]  # in date order, whatever the text's
    finally:
        QLocale.setDefault(before)


def test_empty_register_says_what_to_do_and_add_delete_are_undoable(window, qtbot):
    window.new_document()
    view = open_register(window, "experiments")
    assert not view.empty.isHidden() and "Add experiment" in view.empty.text()
    assert not view.delete_button.isEnabled()
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert view.empty.isHidden() and view.delete_button.isEnabled()
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 0 and not view.empty.isHidden()
    window.actions_by_name["actionUndo"].trigger()
    assert view.model.rowCount() == 1


def test_rows_follow_the_document_selection_even_through_a_filter(window, qtbot):
    window.new_from_sample()
    view = open_register(window, "lessons")
    qtbot.keyClicks(view.filter, "Singapore")
    window.jump_to([("lesson", "lesson-own-pilot-lines")])
    assert view.filter.text() == "" and view._selected_ids() == ["lesson-own-pilot-lines"]
    window.doc.select([("item", "item-gigafactory-loan")])
    assert view._selected_ids() == []
    window.show_section("lessons")
    view.table.selectRow(0)
    assert window.doc.selection == [("lesson", view.model.rows[0].id)]


def test_add_shortcut_works_in_each_register_after_visiting_several(window, qtbot):
    """Every register has Ctrl+Shift+A; only the register on screen may answer it."""
    window.new_document()
    for key in ("objectives", "experiments", "lessons", "ecosystem", "practices", "experiments"):
        window.show_section(key)
    qtbot.waitExposed(window)
    window.activateWindow()
    view = window.current_view()
    view.table.setFocus()
    QTest.keySequence(view.table, "Ctrl+Shift+A")
    counts = window.doc.store.counts()
    assert (counts["experiment"], counts["objective"], counts["lesson"], counts["actor"]) == (1, 0, 0, 0)


def test_numbers_are_right_aligned(window):
    window.new_from_sample()
    window.show_section("evaluation")
    model = window.current_view().model
    column = model.columns.index("budget")
    alignment = model.data(model.index(0, column), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None


def test_money_prints_in_the_project_s_currency_and_follows_a_change_of_it(window):
    window.new_from_sample()
    view = open_register(window, "evaluation")
    assert "€300k" in column(view, "budget")
    window.doc.store.update("project", "project", {"currency": "GBP"})
    assert "£300k" in column(view, "budget") and "€300k" not in column(view, "budget")


def test_the_risk_register_lists_the_sample_risks_and_adding_one_is_undoable(window, qtbot):
    window.new_from_sample()
    view = open_register(window, "risks")
    assert view.count.text() == "5 risks"
    assert view.choice_filter.itemText(0) == "Category: any"
    assert any(r.startswith("Cell prices fall faster than forecast") for r in column(view, "risk"))
    assert set(column(view, "likelihood")) == {"Low", "Medium", "High"}
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 6 and len(window.doc.store.all("risk")) == 6
    window.actions_by_name["actionUndo"].trigger()
    assert view.model.rowCount() == 5 and len(window.doc.store.all("risk")) == 5


RISK = "risk-technicians"


def risk_row(view: RegisterView) -> dict[str, str]:
    """What the register shows of the risk being edited, column by column."""
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data().startswith("Too few"))
    return {name: view.proxy.index(row, c).data() for c, name in enumerate(view.model.columns)}


def test_every_edit_of_a_risk_and_its_deletion_are_undone_and_redone(window, qtbot):
    window.new_from_sample()
    view = open_register(window, "risks")
    view.table.selectRow(next(r for r in range(view.model.rowCount()) if view.model.rows[r].id == RISK))
    assert window.doc.selection == [("risk", RISK)]
    editors = window.inspector.forms["risk"].editors
    assert set(editors) == {"risk", "category", "likelihood", "impact", "owner", "mitigation"}
    stack = window.doc.undo_stack
    before = window.doc.get("risk", RISK)
    edits = {
        "risk": "Too few trained technicians for the second line.",
        "category": "delivery",
        "likelihood": "low",
        "impact": "high",
        "owner": "Eastmark skills academy",
        "mitigation": "A second cohort starts a year early.",
    }
    for name, value in edits.items():
        editor, old, shown = editors[name], getattr(before, name), risk_row(view)[name]
        if hasattr(editor, "findData"):
            editor.activated.emit(editor.findData(value))
        else:
            editor.setFocus()
            editor.selectAll()
            qtbot.keyClicks(editor, value)
            editor.finish_typing()
        assert getattr(window.doc.get("risk", RISK), name) == value, name
        assert risk_row(view)[name] != shown, name  # the register follows at once
        stack.undo()
        assert getattr(window.doc.get("risk", RISK), name) == old, name
        assert risk_row(view)[name] == shown and editor_value(editor) == old
        stack.redo()
        assert getattr(window.doc.get("risk", RISK), name) == value, name
        assert risk_row(view)[name] != shown and editor_value(editor) == value
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert window.doc.store.get("risk", RISK) is None and view.count.text() == "4 risks"
    stack.undo()
    assert window.doc.get("risk", RISK) == dataclasses.replace(before, **edits) and view.count.text() == "5 risks"
    stack.redo()
    assert window.doc.store.get("risk", RISK) is None and view.count.text() == "4 risks"


def editor_value(editor) -> object:
    """The value a field of the inspector shows."""
    if hasattr(editor, "currentData"):
        return editor.currentData()
    return editor.toPlainText() if hasattr(editor, "toPlainText") else editor.text()
