"""The practice library section: search and filters, "Use this" as a lesson or a draft instrument
(undoable, one click from the result), and the user's own practices kept in the document."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.views.practices import PracticesView
from ui.views.register import RegisterView
from workbench.practices.library import load_library


def open_library(window, qtbot) -> PracticesView:
    window.show_section("practices")
    view = window.current_view()
    assert isinstance(view, PracticesView)
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() > 0)  # filled on the turn after the section shows
    return view


def shown(view: PracticesView) -> list[str]:
    return [view.list.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole) for n in range(view.list.topLevelItemCount())]


def choose(view: PracticesView, practice_id: str) -> None:
    view.list.setCurrentItem(
        next(view.list.topLevelItem(n) for n in range(view.list.topLevelItemCount()) if shown(view)[n] == practice_id)
    )


def test_the_section_shows_before_its_list_is_filled_and_the_list_follows_on_the_next_turn(window, qtbot):
    """Laid out and drawn with the list and the chosen practice's words, the first switch to the section
    held the window for 30 to 40 ms: the section shows first, the list and the words a turn later."""
    window.new_document()
    window.show_section("practices")
    view = window.current_view()
    assert isinstance(view, PracticesView)
    assert view.list.topLevelItemCount() == 0 and not view.title.text()
    total = len(load_library().practices)
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() == total)
    assert view.title.text() and view.count.text() == f"{total} of {total} practices"


def test_a_picture_of_the_section_shows_its_list(window):
    """A picture (iip-workbench render) is taken without waiting for the next turn: settling fills the list."""
    window.new_document()
    window.show_section("practices")
    view = window.current_view()
    assert isinstance(view, PracticesView)
    view.settle()
    assert view.list.topLevelItemCount() == len(load_library().practices) and view.title.text()


def test_search_and_filters_narrow_the_list(window, qtbot):
    window.new_document()
    view = open_library(window, qtbot)
    total = len(load_library().practices)
    assert len(shown(view)) == total and view.count.text() == f"{total} of {total} practices"
    qtbot.keyClicks(view.search, "sandbox")
    assert [view.practices[i].country for i in shown(view)] == ["Singapore"]
    view.search.clear()
    view.country.setCurrentIndex(view.country.findData("Sweden"))
    assert {view.practices[i].country for i in shown(view)} == {"Sweden"}
    view.theme.setCurrentIndex(view.theme.findData("evaluation"))
    assert [(view.practices[i].country, view.practices[i].theme) for i in shown(view)] == [("Sweden", "evaluation")]
    view.country.setCurrentIndex(view.country.findData("Korea"))
    assert shown(view) == [] and "No practice matches" in view.title.text()
    assert not view.as_lesson.isEnabled()


def test_built_in_practice_shows_its_source_and_is_read_only(window, qtbot):
    window.new_document()
    view = open_library(window, qtbot)
    practice = load_library().practices[0]
    choose(view, practice.id)
    assert practice.source in view.body.text() and "Built-in, read-only" in view.meta.text()
    assert view.remove.isHidden()
    assert window.doc.selection == []


def test_use_as_lesson_is_undoable_and_one_click_from_lessons(window, qtbot):
    window.new_document()
    view = open_library(window, qtbot)
    practice = next(p for p in load_library().practices if p.country == "Sweden")
    choose(view, practice.id)
    qtbot.mouseClick(view.as_lesson, Qt.MouseButton.LeftButton)
    [lesson] = window.doc.all("lesson")
    assert (lesson.source_kind, lesson.source, lesson.lesson) == ("other_country", "Sweden", practice.lesson)
    assert "Show it in Lessons" in view.done.text()
    view.done.linkActivated.emit(f"lesson:{lesson.id}")
    register = window.current_view()
    assert isinstance(register, RegisterView) and register._selected_ids() == [lesson.id]
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.all("lesson") == [] and register.model.rowCount() == 0


def test_use_as_draft_instrument_adds_item_and_profile_undoably(window, qtbot):
    window.new_document()
    view = open_library(window, qtbot)
    practice = load_library().practices[1]
    choose(view, practice.id)
    qtbot.mouseClick(view.as_draft, Qt.MouseButton.LeftButton)
    [item] = window.doc.all("item")
    assert item.name == practice.title and window.doc.get("instrument", item.id).status == "proposed"
    qtbot.mouseClick(view.as_draft, Qt.MouseButton.LeftButton)
    first, second = window.doc.all("item")
    assert (first.x, first.y) != (second.x, second.y)
    window.actions_by_name["actionUndo"].trigger()
    window.actions_by_name["actionUndo"].trigger()
    assert window.doc.all("item") == [] and window.doc.all("instrument") == []


def test_own_practice_is_added_edited_in_the_inspector_and_saved(window, answers, qtbot, tmp_path):
    window.new_document()
    view = open_library(window, qtbot)
    qtbot.mouseClick(view.add_own, Qt.MouseButton.LeftButton)
    [own] = window.doc.all("practice")
    assert window.doc.selection == [("practice", own.id)] and view.current_id() == own.id
    assert not view.remove.isHidden()
    editor = window.inspector.forms["practice"].editors["title"]
    editor.setText("Innovation vouchers through regional hubs")
    editor.editingFinished.emit()
    assert view.current().title == "Innovation vouchers through regional hubs"
    assert "(yours)" in view.list.currentItem().text(0)
    answers.save_path = tmp_path / "own.iipw"
    assert window.save() and window.close_document()
    assert window.open_path(tmp_path / "own.iipw")
    view = open_library(window, qtbot)
    qtbot.keyClicks(view.search, "vouchers through regional hubs")
    assert shown(view) == [own.id]
    window.actions_by_name["action_delete"].trigger()
    assert window.doc.all("practice") == [] and shown(view) == []
    window.actions_by_name["actionUndo"].trigger()
    assert shown(view) == [own.id]
