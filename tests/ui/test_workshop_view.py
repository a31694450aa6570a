"""Workshop mode in the window: keyboard capture, conversion, dot voting, timer, snapshots, presentation."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui import dialogs, theme
from ui.presentation import choose_screen, content_rect
from ui.views.workshop.view import WorkshopView
from workbench.workshop.timer import clock_text


class FakeClock:
    def __init__(self):
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def workshop(window) -> WorkshopView:
    window.new_document()
    window.show_section("workshop")
    view = window.current_view()
    assert isinstance(view, WorkshopView)
    return view


def type_note(view: WorkshopView, text: str) -> None:
    QTest.keyClicks(view.capture.field, text)
    QTest.keyClick(view.capture.field, Qt.Key.Key_Return)


def add_group(view: WorkshopView, name: str, votes: int = 3) -> str:
    view.votes_panel.allowance.setValue(votes)
    QTest.keyClicks(view.votes_panel.name, name)
    QTest.keyClick(view.votes_panel.name, Qt.Key.Key_Return)
    return next(p.id for p in view.doc.all("participant") if p.name == name)


def note_id(view: WorkshopView, text: str) -> str:
    return next(n.id for n in view.doc.all("note") if n.text == text)


def select_note(view: WorkshopView, text: str) -> str:
    id_ = note_id(view, text)
    view.select([("note", id_)])
    return id_


# ----- capture -------------------------------------------------------------------------------


def test_notes_are_captured_by_keyboard_only(workshop):
    group = add_group(workshop, "Table one")
    workshop.capture.field.setFocus()
    QTest.keyClick(workshop.capture.group, Qt.Key.Key_Down)  # from "No group" to Table one
    for text in ("Shared pilot line", "Skills academy", "Sandbox for second-life packs"):
        type_note(workshop, text)
    notes = {n.text: n for n in workshop.doc.all("note")}
    assert set(notes) == {"Shared pilot line", "Skills academy", "Sandbox for second-life packs"}
    assert {n.participant_id for n in notes.values()} == {group}
    assert len({(n.x, n.y) for n in notes.values()}) == 3  # each in its own parking slot
    assert set(workshop.scene.note_items) == {n.id for n in notes.values()}
    assert workshop.capture.field.text() == ""
    assert workshop.doc.undo_stack.count() == 4  # the group, then one step per note
    label = workshop.scene.note_items[notes["Skills academy"].id].label
    assert label == "TO"  # the group shows by initials, not by colour alone


def test_an_empty_line_adds_nothing_and_a_refused_note_keeps_its_text(workshop, monkeypatch):
    QTest.keyClick(workshop.capture.field, Qt.Key.Key_Return)
    assert workshop.doc.all("note") == []
    monkeypatch.setattr(workshop.doc.store, "read_only", True)
    type_note(workshop, "Kept")
    assert workshop.capture.field.text() == "Kept"


def test_shortcut_n_jumps_to_the_capture_field(workshop, qtbot):
    workshop.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workshop.window())
    workshop.canvas.setFocus()
    QTest.keyClick(workshop.canvas, Qt.Key.Key_N)
    assert workshop.capture.field.hasFocus()


def test_tab_on_the_board_selects_notes_one_by_one_for_keyboard_voting(workshop, qtbot):
    add_group(workshop, "Table one")
    type_note(workshop, "First")
    type_note(workshop, "Second")
    workshop.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workshop.window())
    workshop.canvas.setFocus()
    seen = []
    for _ in range(2):
        QTest.keyClick(workshop.canvas, Qt.Key.Key_Tab)
        seen.append(workshop.doc.selection)
    assert seen == [[("note", note_id(workshop, "First"))], [("note", note_id(workshop, "Second"))]]
    QTest.keyClick(workshop.canvas, Qt.Key.Key_V)
    assert [(v.note_id, v.count) for v in workshop.doc.all("vote")] == [(note_id(workshop, "Second"), 1)]
    QTest.keyClick(workshop.canvas, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert workshop.doc.selection == [("note", note_id(workshop, "First"))]


# ----- conversion ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "stored_as", "field"),
    [
        ("instrument", "item", "name"),
        ("actor", "actor", "name"),
        ("objective", "objective", "statement"),
        ("lesson", "lesson", "lesson"),
    ],
)
def test_a_note_becomes_each_kind_in_one_undoable_step(workshop, kind, stored_as, field):
    type_note(workshop, "Shared pilot line")
    id_ = select_note(workshop, "Shared pilot line")
    before = workshop.doc.undo_stack.count()
    workshop.convert_actions[kind].trigger()
    note = workshop.doc.get("note", id_)
    assert note.converted_kind == kind
    target = workshop.doc.get(stored_as, note.converted_id)
    assert getattr(target, field) == "Shared pilot line"
    if kind == "instrument":
        assert (target.x, target.y) == (note.x, note.y)
        assert workshop.doc.get("instrument", target.id) is not None
        assert target.id in workshop.scene.policy_items  # it is on the board at once
    assert "→" in workshop.scene.note_items[id_]._tag()
    assert workshop.doc.undo_stack.count() == before + 1
    workshop.doc.undo_stack.undo()
    assert workshop.doc.get(stored_as, note.converted_id) is None
    assert workshop.doc.get("note", id_).converted_kind is None
    workshop.doc.undo_stack.redo()
    assert workshop.doc.get(stored_as, note.converted_id) is not None


def test_conversion_needs_one_note_and_only_once(workshop):
    type_note(workshop, "Idea")
    workshop.convert_actions["objective"].trigger()
    assert "Select one note" in workshop.message.text()
    select_note(workshop, "Idea")
    workshop.convert_actions["objective"].trigger()
    workshop.convert_actions["lesson"].trigger()
    assert "already became an objective" in workshop.message.text()
    assert len(workshop.doc.all("objective")) == 1 and workshop.doc.all("lesson") == []


# ----- voting --------------------------------------------------------------------------------


def test_votes_respect_the_limit_and_totals_stay_hidden_until_revealed(workshop):
    add_group(workshop, "Table one", votes=3)
    type_note(workshop, "Pilot line")
    id_ = select_note(workshop, "Pilot line")
    vote = workshop.actions_by_name["workshopVote"]
    for _ in range(3):
        vote.trigger()
    assert [v.count for v in workshop.doc.all("vote")] == [3]
    vote.trigger()
    assert "used all 3" in workshop.message.text()
    assert sum(v.count for v in workshop.doc.all("vote")) == 3
    assert "0 of 3 votes left" in workshop.votes_panel.list.item(0).text()
    shown = workshop.scene.note_items[id_]
    assert shown.total is None and "hidden" in workshop.votes_panel.status.text()
    workshop.actions_by_name["workshopReveal"].trigger()
    assert shown.total == 3 and workshop.votes_panel.reveal.isChecked()
    assert workshop.doc.get("workshop", "workshop").totals_revealed  # stored in the document
    workshop.actions_by_name["workshopUnvote"].trigger()
    assert shown.total == 2
    workshop.actions_by_name["workshopReveal"].trigger()
    assert shown.total is None


def test_votes_on_items_show_a_badge_once_revealed(workshop):
    add_group(workshop, "Table one")
    type_note(workshop, "Loan")
    select_note(workshop, "Loan")
    workshop.convert_actions["instrument"].trigger()
    item_id = workshop.doc.get("note", note_id(workshop, "Loan")).converted_id
    workshop.select([("item", item_id)])
    workshop.votes_panel.up.click()
    assert workshop.doc.all("vote")[0].item_id == item_id
    assert workshop.scene.badges == {}
    workshop.votes_panel.reveal.click()
    assert workshop.scene.badges[item_id].total == 1
    assert workshop.scene.badges[item_id].parentItem() is workshop.scene.policy_items[item_id]


def test_voting_without_a_target_or_voter_says_what_is_missing(workshop):
    workshop.actions_by_name["workshopVote"].trigger()
    assert "select a note or item" in workshop.message.text()
    assert workshop.doc.all("vote") == []


# ----- decisions, moves, deletes -----------------------------------------------------------------


def test_decisions_moves_and_deletes(workshop, qtbot):
    type_note(workshop, "Pilot line")
    id_ = select_note(workshop, "Pilot line")
    workshop.actions_by_name["workshopDecision"].trigger()
    assert workshop.doc.get("note", id_).decision
    before = workshop.doc.get("note", id_)
    workshop.canvas.setFocus()
    QTest.keyClick(workshop.canvas, Qt.Key.Key_Left)
    assert workshop.doc.get("note", id_).x == before.x - 10
    item = workshop.scene.note_items[id_]
    start = workshop.canvas.mapFromScene(item.pos())
    QTest.mousePress(workshop.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(workshop.canvas.viewport(), start + QPoint(30, 20))
    QTest.mouseRelease(
        workshop.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(60, 40)
    )
    moved = workshop.doc.get("note", id_)
    assert (moved.x, moved.y) == (round(item.x(), 1), round(item.y(), 1)) != (before.x - 10, before.y)
    workshop.select([("note", id_)])
    workshop.delete()
    assert workshop.doc.get("note", id_) is None and id_ not in workshop.scene.note_items
    workshop.doc.undo_stack.undo()
    assert id_ in workshop.scene.note_items


def test_participants_and_steps_are_edited_in_the_inspector_and_deleted_with_their_votes(window, workshop):
    group = add_group(workshop, "Table one")
    add_group(workshop, "Table two")
    type_note(workshop, "Pilot line")
    select_note(workshop, "Pilot line")
    workshop.votes_panel.list.setCurrentRow(0)
    workshop.votes_panel.list.setCurrentRow(1)
    workshop.votes_panel.list.setCurrentRow(0)  # choosing the voter keeps the note selected
    workshop.actions_by_name["workshopVote"].trigger()
    assert len(workshop.doc.all("vote")) == 1
    QTest.keyClick(workshop.votes_panel.list, Qt.Key.Key_Return)
    assert workshop.doc.selection == [("participant", group)]
    assert window.inspector.shown == [("participant", group)]
    workshop.delete()
    assert workshop.doc.get("participant", group) is None and workshop.doc.all("vote") == []
    workshop.doc.undo_stack.undo()
    assert workshop.doc.get("participant", group) is not None and len(workshop.doc.all("vote")) == 1

    QTest.keyClicks(workshop.agenda_panel.title, "Ideas")
    QTest.keyClick(workshop.agenda_panel.title, Qt.Key.Key_Return)
    step = workshop.doc.all("agenda_step")[0]
    workshop.agenda_panel.list.setCurrentRow(-1)
    workshop.agenda_panel.list.setCurrentRow(0)
    assert window.inspector.shown == [("agenda_step", step.id)]
    workshop.delete()
    assert workshop.doc.all("agenda_step") == [] and workshop.timer.step is None


# ----- agenda and timer --------------------------------------------------------------------------


def test_timer_counts_down_on_a_fake_clock_and_signals_gently_once(window, qtbot, monkeypatch):
    window.new_document()
    clock = FakeClock()
    view = WorkshopView(window.doc, clock=clock)
    qtbot.addWidget(view)
    view.show()  # a view follows the document while it is on screen
    beeps = []
    monkeypatch.setattr(QApplication, "beep", lambda: beeps.append(1))
    QTest.keyClicks(view.agenda_panel.title, "Ideas for the overlaps")
    view.agenda_panel.minutes.setValue(1)
    QTest.keyClick(view.agenda_panel.title, Qt.Key.Key_Return)
    assert view.timer.clock_label.text() == "1:00"  # the first step becomes the current one
    assert view.caption() == "Ideas for the overlaps · 1:00"
    view.timer.start.click()
    clock.now += 25
    view.timer.tick()
    assert view.timer.clock_label.text() == "0:35"
    view.timer.start.click()  # pause
    clock.now += 300
    view.timer.tick()
    assert view.timer.clock_label.text() == "0:35"
    view.timer.start.click()
    clock.now += 40
    view.timer.tick()
    view.timer.tick()
    assert beeps == [1] and view.banner.isVisibleTo(view)
    assert view.caption() == "Ideas for the overlaps · time is up, +0:05 over time"
    assert "Time is up for 'Ideas for the overlaps'" in view.banner_text.text()
    view.timer.more.click()
    assert view.timer.clock_label.text() == clock_text(60) and not view.banner.isVisibleTo(view)


def test_agenda_walkthrough_and_next_step(workshop):
    workshop.agenda_panel.walkthrough_requested.emit()
    steps = workshop.doc.all("agenda_step")
    assert sorted(s.checklist_id for s in steps) == ["evaluation", "experimentation", "learning", "objectives"]
    workshop.timer.next.click()
    assert workshop.timer.step.checklist_id == "objectives"
    workshop.timer.next.click()
    assert workshop.timer.step.checklist_id == "experimentation"
    assert workshop.agenda_panel.list.currentItem().text().startswith("▶ 2.")
    type_note(workshop, "Sandbox")
    assert workshop.doc.all("note")[0].step_id == workshop.timer.step.id
    workshop.doc.undo_stack.undo()
    workshop.doc.undo_stack.undo()  # back to the first step
    assert workshop.timer.step.checklist_id == "objectives"


# ----- snapshots ---------------------------------------------------------------------------------


def test_snapshots_round_trip_through_save_and_reopen(window, workshop, answers, tmp_path):
    type_note(workshop, "Pilot line")
    type_note(workshop, "Skills academy")
    workshop.snapshots_panel.name.setText("Before the vote")
    workshop.snapshots_panel.findChild(type(workshop.votes_panel.up), "saveSnapshot").click()
    moved_id = note_id(workshop, "Pilot line")
    start = workshop.doc.get("note", moved_id)
    workshop.edits.move_cards([("note", moved_id, (12.5, -40.0))])
    type_note(workshop, "Late idea")
    workshop.snapshots_panel.save_requested.emit("After the vote")
    answers.save_path = tmp_path / "workshop.iipw"
    assert window.save_as()
    assert window.close_document()
    assert window.open_path(tmp_path / "workshop.iipw")
    window.show_section("workshop")
    view = window.current_view()
    panel = view.snapshots_panel
    assert [panel.list.item(i).text().split(" · ")[0] for i in range(panel.list.count())] == [
        "Before the vote",
        "After the vote",
    ]

    panel.list.selectAll()
    panel.compare.click()
    text = view.edits.compare_dialog.text.toPlainText()
    assert "Added (1)" in text and "Late idea" in text and "Moved (1)" in text and "Pilot line" in text
    view.edits.compare_dialog.close()

    panel.list.clearSelection()
    panel.list.item(0).setSelected(True)
    undo_before = view.doc.undo_stack.count()
    panel.restore.click()
    restored = view.doc.get("note", moved_id)
    assert (restored.x, restored.y) == (start.x, start.y)
    assert "Late idea" not in {n.text for n in view.doc.all("note")}
    assert len(view.doc.all("snapshot")) == 2  # the later snapshot survives the restore
    assert view.scene.note_items[moved_id].pos().x() == start.x
    assert view.doc.undo_stack.count() == undo_before + 1
    view.doc.undo_stack.undo()
    assert view.doc.get("note", moved_id).x == 12.5
    assert "Late idea" in {n.text for n in view.doc.all("note")}


# ----- presentation ------------------------------------------------------------------------------


def test_presentation_mode_fills_the_screen_in_high_contrast_and_esc_restores(window, workshop):
    theme.apply("light")
    QTest.keyClicks(workshop.agenda_panel.title, "Vote")
    QTest.keyClick(workshop.agenda_panel.title, Qt.Key.Key_Return)
    action = window.actions_by_name["actionPresentation"]
    assert action.shortcut().toString() == "F5"
    action.trigger()
    stage = window.presentation.stage
    assert stage is not None and action.isChecked()
    assert stage.isFullScreen() and stage.windowState() & Qt.WindowState.WindowFullScreen
    assert stage.view.scene() is workshop.scene  # the same board, not a copy
    assert stage.property("theme") == "high_contrast"  # the stage alone: the laptop keeps its theme
    assert QApplication.instance().property("theme") == "light"
    assert theme.current() == "light"  # a presentation does not change the user's theme
    assert stage.caption.isVisibleTo(stage) and stage.caption.text().startswith("Vote · 10:00")
    assert stage.caption.font().pointSize() >= 24
    QTest.keyClick(stage, Qt.Key.Key_Escape)
    assert window.presentation.stage is None and not action.isChecked()
    assert QApplication.instance().property("theme") == "light"
    assert window.current_view() is workshop and window.nav_dock.isVisible()


def test_the_room_sees_the_selection_large_and_the_stage_zooms_by_key(window, workshop):
    for text in ("Skills pipeline", "Grid connection delays", "Shared pilot lines", "Export credit"):
        type_note(workshop, text)
    window.actions_by_name["actionPresentation"].trigger()
    stage = window.presentation.stage
    stage.showNormal()
    stage.resize(1280, 720)
    QApplication.processEvents()
    stage.fit()
    whole = stage.view.transform().m11()
    first = next(iter(workshop.scene.note_items.values()))
    first.setSelected(True)
    framed = stage.view.transform().m11()
    assert framed > 1.5 * whole  # the selected note fills much more of the screen
    assert stage.view.viewport().rect().contains(stage.view.mapFromScene(first.sceneBoundingRect().center()))
    workshop.scene.clearSelection()
    assert stage.view.transform().m11() == pytest.approx(whole)
    QTest.keyClick(stage, Qt.Key.Key_Plus)
    assert stage.view.transform().m11() == pytest.approx(whole * 1.25)
    QTest.keyClick(stage, Qt.Key.Key_0)  # the whole board, however small its text
    board = stage.view.mapFromScene(content_rect(workshop.scene)).boundingRect()
    assert stage.view.viewport().rect().adjusted(-1, -1, 1, 1).contains(board)
    QTest.keyClick(stage, Qt.Key.Key_Escape)
    assert window.presentation.stage is None


def test_presentation_needs_a_canvas(window, workshop):
    window.show_section("objectives")
    window.actions_by_name["actionPresentation"].trigger()
    assert window.presentation.stage is None
    assert not window.actions_by_name["actionPresentation"].isChecked()
    assert "canvas" in window.statusBar().currentMessage()


def test_presentation_follows_the_section_and_ends_with_the_document(window, workshop):
    window.actions_by_name["actionPresentation"].trigger()
    window.show_section("spheres")
    assert window.presentation.stage.view.scene() is window.current_view().scene
    window.close_document()
    assert window.presentation.stage is None


def test_a_second_screen_is_offered_only_when_there_is_one():
    asked = []

    def ask():
        asked.append(1)
        return True

    assert choose_screen(["laptop"], "laptop", ask) == "laptop" and asked == []
    assert choose_screen(["laptop", "projector"], "laptop", ask) == "projector" and asked == [1]
    assert choose_screen(["laptop", "projector"], "laptop", lambda: False) == "laptop"


# ----- summary -----------------------------------------------------------------------------------


def test_workshop_summary_pdf_holds_notes_votes_decisions_and_gaps(workshop, monkeypatch, tmp_path):
    add_group(workshop, "Table one")
    type_note(workshop, "Shared pilot line")
    type_note(workshop, "Skills academy")
    select_note(workshop, "Shared pilot line")
    workshop.actions_by_name["workshopVote"].trigger()
    workshop.actions_by_name["workshopDecision"].trigger()
    select_note(workshop, "Skills academy")
    workshop.convert_actions["objective"].trigger()
    type_note(workshop, "Scale-up loan")
    select_note(workshop, "Scale-up loan")
    workshop.convert_actions["instrument"].trigger()  # an item on the spheres: the gaps have something to say
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *args: target)
    workshop.findChild(type(workshop.votes_panel.up), "exportSummary").click()
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    for words in (
        "Workshop summary",
        "Ideas from the room",
        "Shared pilot line",
        "TO Table one",
        "Votes and decisions",
        "Decided",
        "became the objective",
        "Gaps found",
    ):
        assert words in text, words


def test_the_board_is_let_go_of_while_hidden_and_shown_as_the_document_is_when_back(window, workshop, qtbot):
    from db import operations as ops
    from ui.commands import StoreCommand
    from workbench.workshop.entities import Note

    type_note(workshop, "Kept")
    window.show_section("overview")
    qtbot.waitUntil(lambda: workshop.released)  # a while after the overview shows
    assert not workshop.scene.note_items and not workshop.scene.sphere_items  # a large board's memory goes
    added = Note.create(text="Added meanwhile")
    window.doc.run(StoreCommand(ops.create([added]), "Add note"))
    window.show_section("workshop")
    assert set(workshop.scene.note_items) == {note_id(workshop, "Kept"), added.id}
    assert workshop.scene.sphere_items
