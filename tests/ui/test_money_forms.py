"""The money fields in the window: the project dialog offers the currency, financial year, base year and
major-programme threshold, and the inspector shows an instrument's budget type, private finance and
expected loss rate (both built from the field declarations)."""

from __future__ import annotations

import pytest

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


def test_the_value_chain_and_the_spheres_panel_follow_a_change_of_spend(window):
    """A spend line edited anywhere (the Money panel, an import) shows on the instrument's bar (its own
    money) and in the net cost of its region (a loan counted at its expected loss rate)."""
    window.new_from_sample()
    window.show_section("spheres")
    scene = window.current_view().scene
    region = scene.analysis.region_of_item["item-gigafactory-loan"]
    before = scene.analysis.regions[region].budget
    window.show_section("value-chain")
    bar = window.current_view().scene.bars["item-gigafactory-loan"]
    assert bar.budget_text == "€420m"
    line = next(s for s in window.doc.all("spend") if s.instrument_id == "item-gigafactory-loan" and s.year == 2026)
    window.doc.store.update("spend", line.id, {"amount": 280e6})
    assert bar.budget_text == "€520m"
    window.show_section("spheres")
    assert scene.analysis.regions[region].budget == pytest.approx(before + 100e6 * 0.15)


def test_a_project_s_money_follows_its_country_unless_the_team_chose_it(window):
    window.new_document()
    dialog = ProjectDialog(window.doc, window)
    _type(dialog, "country", "United Kingdom")
    dialog.accept()
    project = window.doc.get("project", "project")
    assert (project.currency, project.year_start_month, project.major_threshold) == ("GBP", 4, 50e6)
    assert window.doc.undo_stack.count() == 1
    dialog = ProjectDialog(window.doc, window)
    _type(dialog, "major_threshold", "20000000")
    dialog.accept()
    dialog = ProjectDialog(window.doc, window)
    _type(dialog, "country", "Japan")
    dialog.accept()
    project = window.doc.get("project", "project")
    # the currency and year follow; the threshold the team set (£20m) is theirs, so it stays
    assert (project.currency, project.year_start_month, project.major_threshold) == ("JPY", 4, 20e6)
