"""The overview's lists lead somewhere: each step of "What to do first" opens its section, and each
finding of "Needs attention" opens its section with the objects it names selected."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _tab_to(overview, qtbot, starts: str) -> None:
    overview.text.setFocus()
    for _ in range(60):
        qtbot.keyClick(overview.text, Qt.Key.Key_Tab)
        if overview.text.textCursor().selectedText().startswith(starts):
            return
    raise AssertionError(f"no link starting {starts!r}")


def test_a_step_of_what_to_do_first_opens_its_section(window, qtbot):
    window.new_document()
    overview = window.current_view()
    _tab_to(overview, qtbot, "Ecosystem")
    qtbot.keyClick(overview.text, Qt.Key.Key_Return)
    assert window.current_view() is window.views["ecosystem"]


def test_a_finding_goes_to_the_objects_it_names(window, qtbot):
    window.new_from_sample()
    overview = window.current_view()
    qtbot.waitUntil(lambda: overview.attention is not None)
    text = overview.text.toPlainText()
    assert "Objectives" in text and "Evaluation" in text and "no planned evaluation" in text
    _tab_to(overview, qtbot, "1 objective has no indicator with a baseline and a target")
    qtbot.keyClick(overview.text, Qt.Key.Key_Return)
    assert window.current_view() is window.views["objectives"]
    assert window.doc.selection == [("objective", "obj-community-benefit")]
    window.show_section("overview")
    _tab_to(overview, qtbot, "1 evaluation is run in-house")
    qtbot.keyClick(overview.text, Qt.Key.Key_Return)
    assert window.current_view() is window.views["evaluation"]
    assert window.doc.selection == [("evaluation", "eval-loan-ex-ante")]
    window.show_section("overview")
    _tab_to(overview, qtbot, "Prototype-to-production gap")
    qtbot.keyClick(overview.text, Qt.Key.Key_Return)
    assert window.current_view() is window.views["value-chain"]
    assert ("item", "item-gigafactory-loan") in window.doc.selection
