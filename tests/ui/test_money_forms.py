"""The money fields in the window: the project dialog offers the currency, financial year, base year and
major-programme threshold, and the inspector shows an instrument's budget type, private finance and
expected loss rate (both built from the field declarations)."""

from __future__ import annotations

from tests.workbench.support import checklist_by_id
from ui.project_dialog import ProjectDialog
from workbench.checklists.scoring import evaluate_question
from workbench.money.budget import budget_types
from workbench.money.currency import currencies
from workbench.project import Project


def _type(dialog: ProjectDialog, name: str, text: str) -> None:
    editor = dialog.form.editors[name]
    editor.setText(text)
    editor.editingFinished.emit()


def test_the_project_dialog_sets_the_money_of_the_project_in_one_step(window):
    window.new_document()
    dialog = ProjectDialog(window.doc, window)
    combo = dialog.form.editors["currency"]
    assert [combo.itemData(n) for n in range(combo.count())] == list(currencies())
    combo.setCurrentIndex(combo.findData("GBP"))
    assert combo.currentText() == "GBP: Pound sterling"
    combo.activated.emit(combo.currentIndex())
    _type(dialog, "year_start_month", "4")
    _type(dialog, "base_year", "2027")
    _type(dialog, "major_threshold", "25,000,000")
    dialog.accept()
    project = window.doc.get("project", "project")
    assert isinstance(project, Project)
    assert (project.currency, project.year_start_month, project.base_year, project.major_threshold) == (
        "GBP", 4, 2027, 25e6
    )
    assert window.doc.undo_stack.count() == 1
    question = checklist_by_id("evaluation").question("major_instruments_evaluated")
    shown = evaluate_question(window.doc.store.load(), question).question.text
    assert shown == "Does every instrument with a budget of £25m or more have an evaluation planned?"


def test_the_inspector_shows_an_instrument_s_money_fields(window):
    window.new_from_sample()
    window.doc.select([("item", "item-gigafactory-loan")])
    form = window.inspector.forms["instrument"]
    kinds = form.editors["budget_type"]
    assert [kinds.itemData(n) for n in range(kinds.count()) if kinds.itemData(n)] == list(budget_types())
    assert kinds.currentData() == "loan"
    assert form.editors["loss_rate"].text() == "0.15"
    assert form.editors["private_finance"].text() == "1100000000"
