"""An evaluation's Magenta Book fields and its questions are edited in the inspector, each edit one
undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from ui.dates import shown_date
from ui.views.evaluation_questions import QuestionsPanel
from ui.views.register import RegisterView
from workbench.registers.entities import Evaluation

PILOT = "eval-pilot-lines-interim"


def test_every_field_and_the_questions_are_edited_in_the_inspector_and_undone(window):
    window.new_from_sample()
    window.show_section("evaluation")
    assert isinstance(window.current_view(), RegisterView)
    window.doc.select([("evaluation", PILOT)])
    form = window.inspector.forms["evaluation"]
    assert set(form.editors) == {n for n, s in Evaluation.specs().items() if s.editable}
    undo = window.actions_by_name["actionUndo"]

    status = form.editors["status"]
    status.activated.emit(status.findData("reported"))
    assert window.doc.get("evaluation", PILOT).status == "reported"
    undo.trigger()
    assert window.doc.get("evaluation", PILOT).status == "in_progress"

    panel = window.inspector.findChild(QuestionsPanel)
    first = panel.questions()[0]
    assert first.question == "Can start-ups afford the line fees, and who is priced out?"
    links = window.inspector.findChild(QToolButton, f"question_links_{first.id}")
    assert links.text() == "Tests 1 link"
    links.menu().aboutToShow.emit()
    plant = next(a for a in links.menu().actions() if a.text().startswith("Vehicle makers sign"))
    plant.setChecked(True)
    assert window.doc.get("evaluation_question", first.id).toc_link_ids == ["toc-l-lines", "toc-l-plant-cells"]
    assert links.text() == "Tests 2 links"
    window.show_section("theory-of-change")  # the canvas no longer dashes the link a question now tests
    line = window.current_view().scene.lines[("toc_link", "toc-l-plant-cells")]
    assert not line.untested and "<b>Tested by</b>: Open-access pilot lines" in line.tip()
    window.show_section("evaluation")
    window.doc.select([("evaluation", PILOT)])
    panel = window.inspector.findChild(QuestionsPanel)
    undo.trigger()
    assert window.doc.get("evaluation_question", first.id).toc_link_ids == ["toc-l-lines"]

    panel.add_button.click()
    assert [q.question for q in panel.questions()][-1] == "New question"
    undo.trigger()
    assert len(panel.questions()) == 2

    window.doc.select([("toc_link", "toc-l-lines")])  # what a link is tested by comes from the questions
    assert "Open-access pilot lines: interim impact study: &#x27;Can start-ups afford" in window.inspector.facts.text()
    window.doc.select([("evaluation", "eval-challenge-interim")])  # due 2026-09-30, still in progress
    assert f"its report was due on {shown_date('2026-09-30')}" in window.inspector.facts.text()
