"""The Checklists section: answering is undoable and saved with the document, failing objects are one
click away, scores follow the document, and the walk-through goes through every question by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.workbench.support import checklist_by_id
from ui.views.checklists import view as checklists_view
from ui.views.checklists.view import ChecklistsView
from ui.views.register import RegisterView
from workbench.checklists.answers import response_id
from workbench.registers.entities import Answer


def open_checklists(window, checklist: str = "objectives") -> ChecklistsView:
    window.show_section("checklists")
    view = window.current_view()
    assert isinstance(view, ChecklistsView)
    view.scoreboard.choose(checklist)
    return view


def choose_question(view: ChecklistsView, question_id: str) -> None:
    for n in range(view.questions.topLevelItemCount()):
        item = view.questions.topLevelItem(n)
        if item.data(0, Qt.ItemDataRole.UserRole) == question_id:
            view.questions.setCurrentItem(item)
            return
    raise AssertionError(question_id)


def state_shown(view: ChecklistsView, question_id: str) -> str:
    for n in range(view.questions.topLevelItemCount()):
        item = view.questions.topLevelItem(n)
        if item.data(0, Qt.ItemDataRole.UserRole) == question_id:
            return item.text(0)
    raise AssertionError(question_id)


def click_answer(view: ChecklistsView, qtbot, answer: Answer) -> None:
    qtbot.mouseClick(view.panel.findChild(type(view.walk), f"answer_{answer.value}"), Qt.MouseButton.LeftButton)


def test_answer_creates_one_response_updates_it_and_undoes(window, qtbot):
    window.new_document()
    view = open_checklists(window, "roamef")
    choose_question(view, "appraisal")
    assert state_shown(view, "appraisal") == "? Not answered"
    click_answer(view, qtbot, Answer.PARTLY)
    rid = response_id("roamef", "appraisal")
    assert window.doc.get("response", rid).answer == "partly"
    assert state_shown(view, "appraisal") == "◐ Partly"
    assert view.scoreboard.rows["roamef"].words.text() == "8%: 0.5 of 6 points, 1 not answered"
    click_answer(view, qtbot, Answer.YES)
    assert [r.answer for r in window.doc.all("response")] == ["yes"]
    view.panel.note.setText("Options compared in annex B")
    view.panel.note.editingFinished.emit()
    assert window.doc.get("response", rid).note == "Options compared in annex B"
    stack = window.doc.undo_stack
    assert stack.count() == 3 and stack.undoText().startswith("Note on")
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.get("response", rid).note == "" and view.panel.note.text() == ""
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.get("response", rid).answer == "partly"
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.get("response", rid) is None
    assert state_shown(view, "appraisal") == "? Not answered"
    window.actions_by_name["actionRedo"].trigger()
    assert state_shown(view, "appraisal") == "◐ Partly"


def test_clearing_an_answer_leaves_it_not_answered(window, qtbot):
    window.new_document()
    view = open_checklists(window, "roamef")
    choose_question(view, "feedback")
    click_answer(view, qtbot, Answer.NO)
    assert view.panel.clear.isEnabled()
    qtbot.mouseClick(view.panel.clear, Qt.MouseButton.LeftButton)
    assert window.doc.get("response", response_id("roamef", "feedback")).answer is None
    assert state_shown(view, "feedback") == "? Not answered"


def test_answers_persist_across_save_and_reopen(window, answers, qtbot, tmp_path):
    window.new_document()
    view = open_checklists(window, "learning")
    choose_question(view, "handover_on_rotation")
    click_answer(view, qtbot, Answer.NA)
    view.panel.note.setText("No staff changes planned")
    view.panel.note.editingFinished.emit()
    answers.save_path = tmp_path / "answered.iipw"
    assert window.save()
    assert window.close_document()
    assert window.open_path(tmp_path / "answered.iipw")
    view = open_checklists(window, "learning")
    choose_question(view, "handover_on_rotation")
    assert state_shown(view, "handover_on_rotation") == "– Not applicable"
    assert view.panel.note.text() == "No staff changes planned"
    assert view.panel.findChild(type(view.walk), "answer_na").isChecked()


def test_failing_objects_are_one_click_from_their_register(window, qtbot):
    window.new_from_sample()
    view = open_checklists(window, "objectives")
    choose_question(view, "indicator_and_target")
    assert state_shown(view, "indicator_and_target") == "✖ Fails"
    assert "obj-community-benefit" in view.panel.failing.text()
    view.panel.failing.linkActivated.emit("objective:obj-community-benefit")
    register = window.current_view()
    assert isinstance(register, RegisterView) and register.kind == "objective"
    assert window.doc.selection == [("objective", "obj-community-benefit")]
    assert register._selected_ids() == ["obj-community-benefit"]
    assert window.inspector.shown == [("objective", "obj-community-benefit")]


def test_fixing_the_failing_object_turns_the_question_to_passes(window, qtbot):
    window.new_from_sample()
    view = open_checklists(window, "experimentation")
    assert state_shown(view, "decision_rule_set") == "✖ Fails"
    before = view.scoreboard.rows["experimentation"].bar.value()
    window.jump_to([("experiment", "exp-second-life-sandbox")])
    editor = window.inspector.forms["experiment"].editors["decision_rule"]
    editor.setPlainText("Write the waiver into law if no site has a safety incident in two years.")
    editor.finish_typing()  # what leaving the field does
    window.show_section("checklists")
    assert state_shown(view, "decision_rule_set") == "✔ Passes"
    assert view.scoreboard.rows["experimentation"].bar.value() > before


def test_wizard_walks_through_every_question_by_keyboard(window, qtbot):
    window.new_document()
    view = open_checklists(window, "roamef")
    wizard = view.walk_through()
    qtbot.waitUntil(wizard.isVisible)
    questions = checklist_by_id("roamef").questions
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, None, Qt.Key.Key_1]
    for n, key in enumerate(keys):
        assert wizard.index == n
        assert questions[n].text in wizard.panel.text.text()
        if key is None:
            QTest.keyClick(wizard, Qt.Key.Key_S)
            continue
        QTest.keyClick(wizard, key)
        QTest.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.on_finish_page
    assert "skipped 1" in wizard.finish.text()
    QTest.keyClick(wizard, Qt.Key.Key_Backspace)
    assert wizard.index == len(questions) - 1
    QTest.keyClick(wizard, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert wizard.index == len(questions) - 2
    stored = {r.question_id: r.answer for r in window.doc.all("response")}
    # rationale, objectives, monitoring and evaluation are computed from the registers: keys answer nothing there
    assert stored == {"appraisal": "no", "feedback": "yes"}
    QTest.keyClick(wizard, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.get("response", response_id("roamef", "feedback")) is None
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert state_shown(view, "appraisal") == "✖ No"


def test_walking_through_every_checklist_goes_from_one_to_the_next(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from ui.markup import escape
    from ui.views.checklists.wizard import WalkThrough

    window.new_document()
    view = open_checklists(window, "roamef")
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, WalkThrough))
    qtbot.waitUntil(wizard.isVisible)
    checklists = [checklist_by_id(c.id) for c in wizard.checklists]
    assert len(checklists) == len(view.results) > 1
    assert wizard.progress.maximum() == sum(len(c.questions) for c in checklists)
    first, second = checklists[:2]
    wizard.show_page(len(first.questions) - 1)
    assert escape(first.title) in wizard.heading.text() and "checklist 1 of" in wizard.heading.text()
    QTest.keyClick(wizard, Qt.Key.Key_Return)
    assert escape(second.title) in wizard.heading.text() and "question 1 of" in wizard.heading.text()
    n = next(i for i, q in enumerate(second.questions) if not q.computed)
    wizard.show_page(len(first.questions) + n)
    QTest.keyClick(wizard, Qt.Key.Key_1)
    assert window.doc.get("response", response_id(second.id, second.questions[n].id)).answer == "yes"
    wizard.show_page(wizard.progress.maximum())
    assert wizard.on_finish_page and all(escape(c.title) in wizard.finish.text() for c in checklists)
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_wizard_passes_computed_questions_and_types_notes_without_triggering_keys(window, qtbot):
    window.new_from_sample()
    view = open_checklists(window, "experimentation")
    wizard = view.walk_through()
    qtbot.waitUntil(wizard.isVisible)
    total = len(checklist_by_id("experimentation").questions)
    QTest.keyClick(wizard, Qt.Key.Key_Return)  # question 1 is answered: skip past it
    assert wizard.current().question.computed
    QTest.keyClick(wizard, Qt.Key.Key_1)  # computed questions take no answer
    assert window.doc.all("response") == []
    wizard.show_page(4)
    wizard.panel.note.setFocus()
    QTest.keyClicks(wizard.panel.note, "s1 ok")
    QTest.keyClick(wizard.panel.note, Qt.Key.Key_Return)
    assert wizard.index == 5
    response = window.doc.get("response", response_id("experimentation", "controlled_conditions"))
    assert (response.answer, response.note) == (None, "s1 ok")
    for _ in range(total):
        QTest.keyClick(wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_wizard_link_closes_it_and_jumps(window, qtbot):
    window.new_from_sample()
    view = open_checklists(window, "learning")
    wizard = view.walk_through()
    qtbot.waitUntil(wizard.isVisible)
    wizard.show_page(1)
    wizard.panel.failing.linkActivated.emit("lesson:lesson-own-pilot-lines")
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert window.doc.selection == [("lesson", "lesson-own-pilot-lines")]
    assert window.current_view().kind == "lesson"


def test_a_note_being_typed_is_stored_without_leaving_the_field_as_one_undo_step(window, qtbot):
    """A killed program keeps the note: it reaches the working copy a moment after the last keystroke."""
    window.new_document()
    view = open_checklists(window, "roamef")
    choose_question(view, "appraisal")
    click_answer(view, qtbot, Answer.YES)
    rid = response_id("roamef", "appraisal")
    steps = window.doc.undo_stack.count()
    view.panel.note.setFocus()
    QTest.keyClicks(view.panel.note, "Annex B")
    assert window.modified  # typed, not yet stored: the window must not say "Saved"
    qtbot.waitUntil(lambda: window.doc.get("response", rid).note == "Annex B", timeout=3000)
    QTest.keyClicks(view.panel.note, " compares the options")
    qtbot.waitUntil(lambda: window.doc.get("response", rid).note.endswith("the options"), timeout=3000)
    assert window.doc.undo_stack.count() == steps + 1  # one burst of typing, one step
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.get("response", rid).note == ""


def test_a_note_typed_before_choosing_another_question_stays_with_its_question(window, qtbot):
    window.new_document()
    view = open_checklists(window, "roamef")
    choose_question(view, "appraisal")
    click_answer(view, qtbot, Answer.PARTLY)
    view.panel.note.setFocus()
    QTest.keyClicks(view.panel.note, "Draft case")
    choose_question(view, "feedback")  # before the pause has stored it
    assert window.doc.get("response", response_id("roamef", "appraisal")).note == "Draft case"
    assert window.doc.get("response", response_id("roamef", "feedback")) is None
    assert view.panel.note.text() == ""


def test_a_large_document_is_read_and_checked_beside_the_window(window, qtbot, monkeypatch):
    """Ten thousand entities take longer to read than a user may wait on the window: the checklists of a
    large document are worked out beside it and shown when ready; its walk-through waits for them."""
    monkeypatch.setattr(checklists_view, "SYNC_ENTITIES", 10)
    window.new_from_sample()
    loads = []
    load = window.doc.store.load
    monkeypatch.setattr(window.doc.store, "load", lambda: loads.append(1) or load())
    window.show_section("checklists")
    view = window.current_view()
    assert isinstance(view, ChecklistsView)
    assert not view.walk.isEnabled()
    qtbot.waitUntil(lambda: bool(view.results), timeout=20_000)
    assert not loads and view.walk.isEnabled()
    view.scoreboard.choose("experimentation")
    assert state_shown(view, "decision_rule_set") == "✖ Fails"
    window.doc.store.update("experiment", "exp-second-life-sandbox", {"decision_rule": "Write the waiver into law."})
    qtbot.waitUntil(lambda: state_shown(view, "decision_rule_set") == "✔ Passes", timeout=20_000)
    assert not loads


def test_a_large_document_is_checked_beside_the_window_once_the_section_has_shown(window, qtbot, monkeypatch):
    """Started as the section was made, the checking beside the window shared the interpreter with the
    section's first showing (half as long again on the 10k document)."""
    monkeypatch.setattr(checklists_view, "SYNC_ENTITIES", 10)
    window.new_from_sample()
    window.show_section("checklists")
    view = window.current_view()
    assert isinstance(view, ChecklistsView)
    assert not view.checks.busy
    qtbot.waitUntil(lambda: view.checks.busy or bool(view.results), timeout=20_000)
    qtbot.waitUntil(lambda: bool(view.results), timeout=20_000)
