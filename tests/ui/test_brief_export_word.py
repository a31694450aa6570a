"""File > Export brief as Word, and what every export says when done: where the file went, with
buttons to open it or its folder, and a sentence when the computer has nothing to open them with."""

from __future__ import annotations

from docx import Document as open_docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from templates_reports.catalogue import load_template
from ui import brief_export, dialogs
from ui.brief_export import BriefRequest, ExportBriefDialog

MINISTERIAL = [s.id for s in load_template("ministerial").sections]
TIMEOUT_MS = 60_000  # laid out beside the window on a busy machine


def test_a_word_export_writes_the_docx_and_offers_to_open_it_or_its_folder(window, qtbot, monkeypatch, tmp_path):
    window.new_from_sample()
    target = tmp_path / "submission.docx"
    request = BriefRequest("ministerial", MINISTERIAL, "official", "a4", target, False, "docx")
    monkeypatch.setattr(brief_export, "ask_brief_export", lambda *args: request)
    opened, shown = [], []
    monkeypatch.setattr(brief_export, "open_file", lambda path: opened.append(path) or False)  # nothing opens .docx
    monkeypatch.setattr(brief_export, "reveal_folder", lambda path: shown.append(path) or True)
    told: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: told.append(text))
    window.actions_by_name["actionExportBrief"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().findChild(QLabel, "exportWrittenPath") is not None, timeout=TIMEOUT_MS)
    word = open_docx(str(target))
    assert word.inline_shapes and word.sections[0].header.paragraphs[0].text == "OFFICIAL"
    assert window.statusBar().findChild(QLabel, "exportWrittenPath").text() == f"Brief saved as {target}"
    qtbot.mouseClick(window.statusBar().findChild(QPushButton, "exportShowFolder"), Qt.MouseButton.LeftButton)
    assert shown == [target] and told == []
    qtbot.mouseClick(window.statusBar().findChild(QPushButton, "exportOpenFile"), Qt.MouseButton.LeftButton)
    assert opened == [target]
    assert told == [f"This computer has no program that opens Word files; the brief is saved as {target}."]


def test_choosing_word_in_the_dialog_renames_the_file_and_checks_the_template(window, qtbot, monkeypatch, tmp_path):
    window.new_from_sample()
    dialog = ExportBriefDialog(window.doc.store.load(), "ministerial", tmp_path)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.path.text().endswith(".pdf") and not dialog.template_row.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.path.text().endswith("Ministerial submission.docx") and dialog.template_row.isEnabled()
    monkeypatch.setattr(brief_export, "ask_word_template", lambda parent, current: tmp_path / "nowhere.docx")
    qtbot.mouseClick(dialog.findChild(QPushButton, "exportChooseWordTemplate"), Qt.MouseButton.LeftButton)
    dialog._accept()
    assert dialog.request is None and "Word template is not a file" in dialog.problem.text()
    house = tmp_path / "house.docx"
    open_docx().save(str(house))
    dialog.word_template.setText(str(house))
    dialog._accept()
    assert dialog.request is not None
    assert (dialog.request.format, dialog.request.word_template, dialog.request.path.suffix) == ("docx", house, ".docx")
    dialog.close()
