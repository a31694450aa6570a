"""The application shell: document flows, undo, prompts, recovery, locks, errors, recent files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from db.lockfile import lock_path
from db.session import DocumentSession
from tests.db.support import make_doc
from ui import dialogs, settings
from ui.views.register import RegisterView
from workbench.registers.entities import Objective
from workbench.spheres.entities import Region, region_anchor


def test_starts_on_welcome_with_editing_disabled(window):
    assert window.doc is None
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "IIP Workbench"
    for name in ("actionSave", "actionSaveAs", "actionClose", "action_delete", "action_paste"):
        assert not window.actions_by_name[name].isEnabled(), name


def test_new_save_as_close_reopen(window, answers, tmp_path):
    window.new_document()
    assert window.doc is not None
    assert window.windowTitle().startswith("Untitled[*]")
    assert not window.modified
    answers.save_path = tmp_path / "plan"
    assert window.save()  # untitled: Save asks where
    saved = tmp_path / "plan.iipw"
    assert saved.exists()
    assert window.windowTitle() == "plan.iipw[*] - IIP Workbench"
    assert window.status_saved.text() == "Saved"
    assert lock_path(saved).exists()
    assert window.close_document()
    assert not lock_path(saved).exists()
    assert window.open_path(saved)
    assert window.doc.session.path == saved.resolve()
    assert settings.recent_files()[0] == saved.resolve()


def _add_objective(window, qtbot) -> RegisterView:
    window.show_section("objectives")
    view = window.current_view()
    assert isinstance(view, RegisterView)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    return view


def test_register_add_edit_in_inspector_and_undo_redo(window, qtbot):
    window.new_document()
    view = _add_objective(window, qtbot)
    assert view.model.rowCount() == 1
    assert window.doc.selection and window.doc.selection[0][0] == "objective"
    assert window.modified and window.isWindowModified()
    editor = window.inspector.forms["objective"].editors["statement"]
    editor.setText("Cut cell cost by 30% by 2030")
    editor.editingFinished.emit()
    oid = window.doc.selection[0][1]
    assert window.doc.get("objective", oid).statement == "Cut cell cost by 30% by 2030"
    assert view.model.rows[0].statement == "Cut cell cost by 30% by 2030"
    stack = window.doc.undo_stack
    assert stack.count() == 2 and stack.undoText().startswith("Set statement")
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.get("objective", oid).statement == "New objective"
    assert view.model.rows[0].statement == "New objective"
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.get("objective", oid) is None and view.model.rowCount() == 0
    assert not window.modified
    window.actions_by_name["actionRedo"].trigger()
    window.actions_by_name["actionRedo"].trigger()
    assert window.doc.get("objective", oid).statement == "Cut cell cost by 30% by 2030"


def test_bad_value_in_inspector_is_named_and_changes_nothing(window, qtbot):
    window.new_document()
    _add_objective(window, qtbot)
    oid = window.doc.selection[0][1]
    editor = window.inspector.forms["objective"].editors["deadline"]
    editor.setText("next year")
    editor.editingFinished.emit()
    assert "Deadline" in window.inspector.error.text()
    assert window.doc.get("objective", oid).deadline is None
    assert window.doc.undo_stack.count() == 1


def test_delete_is_undoable(window, qtbot):
    window.new_document()
    view = _add_objective(window, qtbot)
    window.actions_by_name["action_delete"].trigger()
    assert view.model.rowCount() == 0 and window.doc.store.counts()["objective"] == 0
    window.actions_by_name["actionUndo"].trigger()
    assert view.model.rowCount() == 1


def test_project_properties_dialog_is_one_command(window, monkeypatch):
    from ui.project_dialog import ProjectDialog

    window.new_document()
    dialog = ProjectDialog(window.doc, window)
    dialog.form.editors["title"].setText("Northland battery plan")
    dialog.form.editors["title"].editingFinished.emit()
    combo = dialog.form.editors["marking"]
    combo.setCurrentIndex(combo.findData("official_sensitive"))
    combo.activated.emit(combo.currentIndex())
    dialog.accept()
    project = window.doc.get("project", "project")
    assert project.title == "Northland battery plan" and project.marking == "official_sensitive"
    assert window.status_marking.text() == "OFFICIAL-SENSITIVE"
    assert window.doc.undo_stack.count() == 1
    window.doc.undo_stack.undo()
    assert window.doc.get("project", "project").title == "Untitled policy project"
    assert window.status_marking.text() == "OFFICIAL"


def test_unsaved_changes_prompt_cancel_discard_save(window, answers, qtbot, tmp_path):
    window.new_document()
    _add_objective(window, qtbot)
    answers.unsaved = dialogs.Choice.CANCEL
    assert not window.close_document()
    assert window.doc is not None and answers.asked == ["unsaved"]
    answers.unsaved = dialogs.Choice.SAVE
    answers.save_path = tmp_path / "kept.iipw"
    assert window.close_document()
    assert window.doc is None
    reopened = DocumentSession.open(tmp_path / "kept.iipw", read_only=True)
    assert reopened.store.counts()["objective"] == 1
    reopened.close()


def test_close_event_with_cancel_keeps_window(window, answers, qtbot):
    window.new_document()
    _add_objective(window, qtbot)
    answers.unsaved = dialogs.Choice.CANCEL
    window.close()
    assert window.isVisible() and window.doc is not None


def test_recovery_offered_after_crash(window, answers, tmp_path, app_home):
    script = (
        "import os\n"
        "from db.session import DocumentSession\n"
        "from workbench.registers.entities import Objective\n"
        "s = DocumentSession.new()\n"
        "s.store.update('project', 'project', {'title': 'Crashed plan'})\n"
        "s.store.create([Objective.create(statement='Survives a crash')])\n"
        "os._exit(9)\n"
    )
    env = dict(os.environ, IIP_WORKBENCH_HOME=str(app_home))
    subprocess.run([sys.executable, "-c", script], env=env, check=False, timeout=60)
    answers.recover = dialogs.Choice.RECOVER
    window.offer_recovery()
    assert answers.asked == ["recover"]
    assert window.doc is not None
    assert window.doc.get("project", "project").title == "Crashed plan"
    assert [o.statement for o in window.doc.all("objective")] == ["Survives a crash"]
    assert window.modified and window.isWindowModified()


def _foreign_lock(path: Path) -> None:
    owner = {"user": "alice", "host": "ministry-pc-7", "pid": 4242, "time": "2026-11-24T09:00:00+00:00"}
    lock_path(path).write_text(json.dumps(owner), encoding="utf-8")


def test_locked_document_offers_read_only(window, answers, tmp_path):
    doc = make_doc(tmp_path / "shared.iipw")
    _foreign_lock(doc)
    answers.locked = dialogs.Choice.READ_ONLY
    assert window.open_path(doc)
    assert answers.asked == ["locked"]
    assert window.doc.read_only
    assert window.status_read_only.text() == "Read-only"
    assert not window.actions_by_name["actionSave"].isEnabled()
    assert not window.actions_by_name["actionUndo"].isEnabled()
    window.show_section("objectives")
    window.current_view().add()  # refused: nothing changes, the user is told
    assert window.doc.store.counts()["objective"] == 0
    assert answers.errors and "read-only" in answers.errors[0].message
    assert json.loads(lock_path(doc).read_text())["user"] == "alice"  # the other user's lock is untouched


def test_locked_document_open_a_copy_and_cancel(window, answers, tmp_path):
    doc = make_doc(tmp_path / "shared.iipw")
    _foreign_lock(doc)
    answers.locked = dialogs.Choice.CANCEL
    assert not window.open_path(doc)
    assert window.doc is None
    answers.locked = dialogs.Choice.COPY
    assert window.open_path(doc)
    assert not window.doc.read_only and window.doc.session.path is None
    assert window.windowTitle().startswith("Copy of shared")


def test_bad_file_shows_error_and_keeps_app_alive(window, answers, tmp_path):
    bad = tmp_path / "notes.iipw"
    bad.write_bytes(os.urandom(3000))
    assert not window.open_path(bad)
    assert len(answers.errors) == 1
    assert "notes.iipw" in answers.errors[0].message
    assert window.isVisible() and window.stack.currentWidget() is window.welcome


def test_a_window_opened_on_a_document_shows_it_without_the_welcome_screen(qapp_instance, qtbot, answers, tmp_path):
    from ui.main_window import MainWindow

    doc = make_doc(tmp_path / "launched.iipw", title="Hydrogen valleys")
    win = MainWindow(path=doc)
    qtbot.addWidget(win)
    assert win.doc is not None and win.doc.session.path == doc.resolve()
    assert win._welcome is None and win.current_view() is win.views["overview"]
    assert win.windowTitle() == "launched.iipw[*] - IIP Workbench"
    win.close()

    bad = tmp_path / "notes.iipw"
    bad.write_bytes(os.urandom(3000))
    win = MainWindow(path=bad)
    qtbot.addWidget(win)
    assert win.doc is None and win.stack.currentWidget() is win.welcome
    assert len(answers.errors) == 1 and "notes.iipw" in answers.errors[0].message
    win.close()


def test_bad_file_keeps_the_open_document(window, answers, tmp_path, qtbot):
    window.new_document()
    answers.unsaved = dialogs.Choice.DISCARD
    empty = tmp_path / "empty.iipw"
    empty.write_bytes(b"")
    assert not window.open_path(empty)
    assert answers.errors and "empty" in answers.errors[0].message


def test_recent_files_listed_on_welcome(window, tmp_path):
    doc = make_doc(tmp_path / "recent.iipw", title="Hydrogen valleys")
    window.open_path(doc)
    window.close_document()
    texts = [window.welcome.recent.item(i).text() for i in range(window.welcome.recent.count())]
    assert texts and "Hydrogen valleys" in texts[0] and "recent.iipw" in texts[0]


def test_drag_and_drop_opens_document(window, tmp_path):
    doc = make_doc(tmp_path / "dropped.iipw")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.doc is not None and window.doc.session.path == doc.resolve()


def test_standard_keys_take_only_their_main_binding(window):
    """Other bindings of a standard key may clash with a view's own keys (GNOME's Delete is also Ctrl+D)."""
    sk = QKeySequence.StandardKey
    for name, key in (("action_delete", sk.Delete), ("actionRedo", sk.Redo), ("actionClose", sk.Close)):
        assert window.actions_by_name[name].shortcuts() == [QKeySequence(key)], name


def test_navigator_counts_follow_edits(window, qtbot):
    window.new_document()
    row = [window.navigator.item(i).text() for i in range(window.navigator.count())].index("Objectives  (0)")
    _add_objective(window, qtbot)
    assert window.navigator.item(row).text() == "Objectives  (1)"
    window.doc.undo_stack.undo()
    assert window.navigator.item(row).text() == "Objectives  (0)"
    texts = [window.navigator.item(i).text() for i in range(window.navigator.count())]
    assert "Checklists  (0 answered)" in texts and "Workshop  (0 notes)" in texts


def test_every_section_opens_without_error(window):
    from ui.views.sections import SECTIONS

    window.new_document()
    for section in SECTIONS:
        window.show_section(section.key)
        assert window.current_view() is not None


def test_sample_project_opens(window):
    window.new_from_sample()
    counts = window.doc.store.counts()
    assert counts["item"] >= 15 and counts["actor"] >= 20


def test_an_empty_project_says_what_to_do_first(window):
    window.new_document()
    text = window.current_view().text.toPlainText()
    assert "What to do first" in text and "Needs attention" not in text


def test_the_overview_says_what_needs_attention_and_links_to_it(window, qtbot):
    window.new_from_sample()
    overview = window.current_view()
    assert "Looking at the project" in overview.text.toPlainText()  # worked out after the window shows
    qtbot.waitUntil(lambda: overview.attention is not None)
    text = overview.text.toPlainText()
    gap = "No item sits where science & research policy and industrial policy overlap."
    assert gap in text and "valley of death" in text and "questions are not answered yet" in text
    overview.text.setFocus()  # by keyboard: Tab reaches the first link (the spheres'), Enter follows it
    qtbot.keyClick(overview.text, Qt.Key.Key_Tab)
    assert overview.text.textCursor().selectedText() == "open spheres ›"
    qtbot.keyClick(overview.text, Qt.Key.Key_Return)
    assert window.current_view() is window.views["spheres"]
    spheres = window.current_view()
    x, y = region_anchor(Region.AC, list(spheres.scene.spheres.values()))
    spheres.add_item("instrument", QPointF(x, y))  # fills the empty overlap of A and C
    window.show_section("overview")
    qtbot.waitUntil(lambda: gap not in overview.text.toPlainText())
    window.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: gap in overview.text.toPlainText())


def test_session_is_a_real_objective_store(window):
    window.new_document()
    window.doc.store.create([Objective.create(statement="direct")])
    window.show_section("objectives")
    assert window.current_view().model.rowCount() == 1


def test_themes_switch_the_palette_the_style_sheet_and_every_role(window, qapp_instance):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLabel

    from ui import theme

    window.new_document()
    highlight = QPalette.ColorRole.Highlight
    hint = window.inspector.findChild(QLabel, "inspectorHint")
    roles = (window.navigator, window.status_marking, window.status_read_only, hint)

    def sheets(key: str) -> list[str]:
        return [theme.spec(key)["roles"][w.property(theme.ROLE)] for w in roles]

    window.set_theme("high_contrast")
    assert qapp_instance.property("theme") == "high_contrast"
    assert "QWidget { background: #ffffff; color: #000000; }" in qapp_instance.styleSheet()
    assert qapp_instance.palette().color(highlight).name() == "#000000"
    assert "#ffff00" in window.navigator.styleSheet()
    window.nav_dock.ensurePolished()  # its title is written white on the black title bar
    assert window.nav_dock.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert [w.styleSheet() for w in roles] == sheets("high_contrast")
    window.set_theme("light")
    assert qapp_instance.styleSheet() == ""  # none for the whole application: it would restyle every widget
    assert qapp_instance.palette().color(highlight).name() == "#1d4e89"
    assert [w.styleSheet() for w in roles] == sheets("light")


def test_every_theme_styles_the_same_roles_and_palette_colours():
    from ui import theme

    def parts(key: str) -> tuple[list[str], list[str]]:
        return sorted(theme.spec(key)["roles"]), sorted(theme.spec(key)["palette"])

    assert {key: parts(key) for key in theme.THEMES} == {key: parts("light") for key in theme.THEMES}


def test_save_failure_is_shown_and_keeps_the_document(window, answers, tmp_path, monkeypatch, qtbot):
    from db.errors import SaveFailed

    window.new_document()
    answers.save_path = tmp_path / "plan.iipw"
    assert window.save()
    _add_objective(window, qtbot)

    def disk_full():
        raise SaveFailed("The disk is full: plan.iipw could not be saved. Your work is safe.")

    monkeypatch.setattr(window.doc.session, "save", disk_full)
    assert not window.save()
    assert answers.errors and "disk is full" in answers.errors[0].message
    assert window.doc is not None and window.modified and window.isVisible()


def test_newer_version_file_is_refused_with_both_versions(window, answers, tmp_path):
    import sqlite3

    from db.migrations import SCHEMA_VERSION

    doc = make_doc(tmp_path / "future.iipw")
    conn = sqlite3.connect(doc)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    assert not window.open_path(doc)
    message = answers.errors[0].message
    assert str(SCHEMA_VERSION + 5) in message and str(SCHEMA_VERSION) in message
    assert window.doc is None


def test_read_only_register_cannot_add(window, answers, tmp_path):
    doc = make_doc(tmp_path / "shared.iipw")
    _foreign_lock(doc)
    answers.locked = dialogs.Choice.READ_ONLY
    window.open_path(doc)
    window.show_section("objectives")
    assert not window.current_view().add_button.isEnabled()


def test_save_as_turns_a_read_only_document_into_an_editable_copy(window, answers, tmp_path):
    doc = make_doc(tmp_path / "shared.iipw")
    _foreign_lock(doc)
    answers.locked = dialogs.Choice.READ_ONLY
    window.open_path(doc)
    answers.save_path = tmp_path / "mine.iipw"
    assert window.save_as()
    assert not window.doc.read_only and window.doc.session.path == (tmp_path / "mine.iipw").resolve()
    window.show_section("objectives")
    assert window.current_view().add_button.isEnabled()
    window.current_view().add()
    assert window.doc.store.counts()["objective"] == 1 and len(answers.errors) == 0
    assert window.actions_by_name["actionSave"].isEnabled()


def test_a_document_opened_heads_the_recent_files_once_the_window_is_whole(window, tmp_path, qtbot):
    """Written after the first screen (a settings file is read and written), or at once if it closes first."""
    doc = make_doc(tmp_path / "recent.iipw", title="Hydrogen valleys")
    window.open_path(doc)
    assert doc.resolve() not in settings.recent_files()
    qtbot.waitUntil(lambda: settings.recent_files()[:1] == [doc.resolve()], timeout=5_000)
