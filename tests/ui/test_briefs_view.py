"""The Briefs section and File > Export brief: text kept in the document and undoable, a live page
count and first-page preview, and an export that writes the PDF chosen and opens its folder."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QPushButton

from bench.large_document import generated_entities
from db.session import DocumentSession
from templates_reports import picture
from templates_reports.catalogue import load_template
from ui import brief_export, collector, dialogs
from ui.brief_export import BriefRequest, ExportBriefDialog
from ui.document import OpenDocument
from ui.views.briefs import PREVIEW_FAILED, BriefsView
from workbench.briefs.entities import brief_id, section_id
from workbench.errors import WorkbenchError
from workbench.sample import sample_entities

MINISTERIAL = [s.id for s in load_template("ministerial").sections]
OPTIONAL = [s.id for s in load_template("ministerial").sections if s.optional]  # diagnostic annexes
PREVIEW_TIMEOUT_MS = 30_000  # laid out beside the window: the first layout of a busy machine takes seconds
LARGE_TIMEOUT_MS = 300_000  # a brief of a 10,000-entity document, laid out beside the window on a busy machine
LONGEST_STALL_S = 0.05


def open_briefs(window) -> BriefsView:
    window.show_section("briefs")
    view = window.current_view()
    assert isinstance(view, BriefsView)
    return view


def finish_typing(editor) -> None:
    """What leaving a text box does: the editor commits its text."""
    QApplication.sendEvent(editor, QFocusEvent(QEvent.Type.FocusOut))


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_the_sample_brief_is_shown_with_its_page_count_and_first_page(window, qtbot):
    window.new_from_sample()
    view = open_briefs(window)
    assert view.form.header_editors["recipient"].text() == "Minister for Industry and Enterprise"
    assert view.form.header_editors["copy_to"].toPlainText().splitlines()[1] == "Director, Industrial Strategy"
    assert view.form.text_editors["issue"].toPlainText().startswith("Public support for battery cells")
    assert "annex_instruments" in view.form.include and "annex_instruments" not in view.form.text_editors
    qtbot.waitUntil(lambda: view.pages >= 4, timeout=PREVIEW_TIMEOUT_MS)
    assert view.page_count.text() == f"{view.pages} pages"
    pixmap = view.preview.pixmap()
    assert not pixmap.isNull() and pixmap.height() > pixmap.width()


def test_typing_moves_the_page_count_and_is_stored_as_one_undoable_edit(window, qtbot):
    window.new_document()
    view = open_briefs(window)
    qtbot.waitUntil(lambda: view.pages > 0, timeout=PREVIEW_TIMEOUT_MS)
    before = view.pages
    editor = view.form.text_editors["background"]
    stack = window.doc.undo_stack
    count = stack.count()
    editor.setPlainText("\n\n".join(["A long paragraph of background " * 20] * 30))
    qtbot.waitUntil(lambda: view.pages > before + 2, timeout=PREVIEW_TIMEOUT_MS)
    sid = section_id("ministerial", "background")
    qtbot.waitUntil(lambda: window.doc.get("brief_section", sid) is not None)  # stored without leaving the box
    finish_typing(editor)
    assert window.doc.get("brief_section", sid).text.startswith("A long paragraph")
    assert stack.count() == count + 1 and stack.text(count) == "Edit 'Background' of the ministerial submission"
    stack.undo()
    assert window.doc.get("brief_section", sid) is None and editor.toPlainText() == ""
    qtbot.waitUntil(lambda: view.pages == before, timeout=PREVIEW_TIMEOUT_MS)
    stack.redo()
    assert editor.toPlainText().startswith("A long paragraph")


def test_unticking_a_section_leaves_it_out_until_undone(window, qtbot):
    window.new_from_sample()
    view = open_briefs(window)
    box = view.form.include["timing"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the tick box
    assert window.doc.get("brief", brief_id("ministerial")).omitted_sections == ["timing"]
    assert not view.form.include["timing"].isChecked()
    window.doc.undo_stack.undo()
    assert window.doc.get("brief", brief_id("ministerial")).omitted_sections == []
    assert view.form.include["timing"].isChecked()


def test_a_long_annex_title_wraps_and_clicking_its_words_ticks_it(window, qtbot):
    window.new_from_sample()
    view = open_briefs(window)
    box = view.form.include["annex_spheres"]
    words = next(w for w in box.parentWidget().findChildren(QLabel) if w.buddy() is box)
    assert words.wordWrap() and words.minimumSizeHint().width() < words.fontMetrics().horizontalAdvance(words.text())
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert box.isChecked()
    assert "annex_spheres" in window.doc.get("brief", brief_id("ministerial")).added_sections


def test_header_edits_create_the_brief_and_bad_dates_are_refused(window, qtbot, answers):
    window.new_document()
    view = open_briefs(window)
    date = view.form.header_editors["date"]
    date.setText("31/02/2026")
    date.editingFinished.emit()  # the first edit of this brief: nothing to update yet
    assert len(answers.errors) == 1 and "Date" in answers.errors[0].message
    assert window.doc.get("brief", brief_id("ministerial")) is None and date.text() == ""
    recipient = view.form.header_editors["recipient"]
    recipient.setText("Minister of State")
    recipient.editingFinished.emit()
    assert window.doc.get("brief", brief_id("ministerial")).recipient == "Minister of State"
    date.setText("2026-02-30")
    date.editingFinished.emit()
    assert len(answers.errors) == 2 and "not a real date" in answers.errors[1].message
    assert window.doc.get("brief", brief_id("ministerial")).date is None and date.text() == ""
    copies = view.form.header_editors["copy_to"]
    copies.setPlainText("Director, Industrial Strategy\n\n  Press office ")
    finish_typing(copies)
    assert window.doc.get("brief", brief_id("ministerial")).copy_to == ["Director, Industrial Strategy", "Press office"]


def test_purpose_clearance_contact_and_optional_annexes_are_undoable_edits(window, qtbot):
    window.new_from_sample()
    view = open_briefs(window)
    form, stack = view.form, window.doc.undo_stack
    stored = lambda: window.doc.get("brief", brief_id("ministerial"))  # noqa: E731
    purpose = form.header_editors["purpose"]
    assert purpose.currentText() == "For decision"
    purpose.activated.emit(purpose.findData("for_information"))
    assert stored().purpose == "for_information" and stack.text(stack.count() - 1) == (
        "Edit the purpose of the ministerial submission"
    )
    stack.undo()
    assert stored().purpose == "for_decision" and purpose.currentText() == "For decision"
    for name, value in (("clearance", "Director, cleared 4 March"), ("contact", "Ben Ode, policy adviser, 0123")):
        editor = form.header_editors[name]
        editor.setText(value)
        editor.editingFinished.emit()
        assert getattr(stored(), name) == value
    stack.undo()
    assert stored().contact.startswith("Anna Lindqvist")
    annex = form.include["annex_checklists"]
    assert not annex.isChecked() and form.include["annex_objectives"].isChecked()  # diagnostics: off by default
    qtbot.mouseClick(annex, Qt.MouseButton.LeftButton, pos=QPoint(8, annex.height() // 2))
    assert stored().added_sections == ["annex_checklists"] and annex.isChecked()
    stack.undo()
    assert stored().added_sections == [] and not annex.isChecked()


def test_the_export_dialog_offers_draft_or_final_for_a_submission_only(window, qtbot, tmp_path):
    window.new_from_sample()
    dialog = ExportBriefDialog(window.doc.store.load(), "ministerial", tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.status.isEnabled() and dialog.status.currentData() is False  # a draft unless chosen
    dialog.status.setCurrentIndex(dialog.status.findData(True))
    dialog._accept()
    assert dialog.request is not None and dialog.request.final
    dialog.template.setCurrentIndex(dialog.template.findData("workshop"))
    assert not dialog.status.isEnabled() and dialog.status.currentData() is False
    dialog.close()


def test_a_final_export_with_sections_left_empty_is_refused_naming_them_and_a_draft_still_exports(
    window, qtbot, monkeypatch, answers, tmp_path
):
    window.new_from_sample()
    for section in ("devolution", "equalities"):
        window.doc.store.update("brief_section", section_id("ministerial", section), {"text": ""})
    target = tmp_path / "submission.pdf"
    final = True

    def answer(parent, doc, template, folder):
        """The export dialog itself, answered as a user would: this file, final or draft."""
        dialog = ExportBriefDialog(doc, template, folder, parent)
        qtbot.addWidget(dialog)
        dialog.path.setText(str(target))
        dialog.status.setCurrentIndex(dialog.status.findData(final))
        dialog._accept()
        return dialog.request

    monkeypatch.setattr(brief_export, "ask_brief_export", answer)
    monkeypatch.setattr(brief_export, "reveal_folder", lambda path: True)
    job = brief_export.export_brief(window, window.doc)
    assert job is not None
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=PREVIEW_TIMEOUT_MS)
    assert [e.message for e in answers.errors] == [
        "The ministerial submission cannot be exported as final until “Devolution” and “Equalities” are "
        "completed; export it as a draft meanwhile."
    ]
    assert not target.exists()
    final = False
    brief_export.export_brief(window, window.doc)
    qtbot.waitUntil(target.exists, timeout=PREVIEW_TIMEOUT_MS)
    pages = pdf_text(target)
    assert all("DRAFT" in p for p in pages) and "To be completed" in " ".join(pages)
    assert len(answers.errors) == 1


def test_each_template_has_its_own_header_and_sections(window, qtbot):
    window.new_from_sample()
    view = open_briefs(window)
    view.template.setCurrentIndex(view.template.findData("workshop"))
    labels = [w.text() for w in view.form.header_box.findChildren(QLabel)]
    assert "Facilitator" in labels and "Participants" in labels
    assert {"purpose", "next_steps"} <= set(view.form.text_editors) and "placed" in view.form.include
    view.template.setCurrentIndex(view.template.findData("evaluation"))
    assert view.form.text_editors["purpose"].toPlainText().startswith("This plan sets out")


def test_export_brief_writes_the_chosen_pdf_and_opens_its_folder(window, qtbot, monkeypatch, tmp_path):
    assert not window.actions_by_name["actionExportBrief"].isEnabled()
    window.new_from_sample()
    assert window.actions_by_name["actionExportBrief"].isEnabled()
    target = tmp_path / "submission.pdf"
    chosen = [s for s in MINISTERIAL if s != "timing"]
    asked, revealed = [], []

    def answer(parent, doc, template, folder):
        asked.append((template, folder))
        return BriefRequest("ministerial", chosen, "official_sensitive", "letter", target, True)

    monkeypatch.setattr(brief_export, "ask_brief_export", answer)
    monkeypatch.setattr(brief_export, "reveal_folder", revealed.append)
    window.actions_by_name["actionExportBrief"].trigger()
    assert asked[0][0] == "ministerial"
    qtbot.waitUntil(lambda: revealed == [target], timeout=PREVIEW_TIMEOUT_MS)  # laid out beside the window
    pages = pdf_text(target)
    assert all(p.count("OFFICIAL-SENSITIVE COMMERCIAL") == 2 for p in pages)
    outline = [o.title for o in pypdf.PdfReader(target).outline]
    assert outline[:3] == ["Issue", "Recommendation", "Background"]  # Timing left out
    assert pypdf.PdfReader(target).pages[0].mediabox.width == 612  # US Letter
    assert window.doc.get("brief", brief_id("ministerial")).omitted_sections == ["timing"]
    assert window.doc.get("brief", brief_id("ministerial")).added_sections == OPTIONAL
    assert window.doc.undo_stack.undoText() == "Choose the sections of the ministerial submission"


def test_exporting_from_the_view_keeps_the_text_being_typed(window, qtbot, monkeypatch, tmp_path):
    window.new_document()
    view = open_briefs(window)
    view.template.setCurrentIndex(view.template.findData("workshop"))
    editor = view.form.text_editors["next_steps"]
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.setPlainText("- Anna drafts the <b>options</b> paper & circulates it")
    target = tmp_path / "workshop.pdf"
    monkeypatch.setattr(
        brief_export,
        "ask_brief_export",
        lambda parent, doc, template, folder: BriefRequest(template, ["next_steps"], "official", "a4", target, False),
    )
    monkeypatch.setattr(brief_export, "reveal_folder", lambda path: (_ for _ in ()).throw(AssertionError(path)))
    view.export()
    stored = window.doc.get("brief_section", section_id("workshop", "next_steps"))
    qtbot.waitUntil(target.exists, timeout=PREVIEW_TIMEOUT_MS)
    assert stored is not None and "<b>options</b>" in stored.text
    assert "Anna drafts the <b>options</b> paper & circulates it" in " ".join(pdf_text(target)).replace("\n", " ")


def test_a_cancelled_export_writes_nothing(window, qtbot, monkeypatch, tmp_path):
    window.new_from_sample()
    target = tmp_path / "never.pdf"
    request = BriefRequest("ministerial", MINISTERIAL, "official", "a4", target, True)
    monkeypatch.setattr(brief_export, "ask_brief_export", lambda *args: None)
    monkeypatch.setattr(brief_export, "reveal_folder", lambda path: None)
    assert brief_export.export_brief(window, window.doc) is None
    monkeypatch.setattr(brief_export, "ask_brief_export", lambda *args: request)
    cancelled_on_screen = threading.Event()
    real = brief_export.make_brief

    def held_after_the_first_page(*args, on_page, **kwargs):
        def page(number: int) -> None:
            on_page(number)
            if number == 1:
                cancelled_on_screen.wait(10)

        return real(*args, on_page=page, **kwargs)

    monkeypatch.setattr(brief_export, "make_brief", held_after_the_first_page)
    job = brief_export.export_brief(window, window.doc)
    progress = window.findChild(QProgressDialog, "exportBriefProgress")
    qtbot.waitUntil(lambda: progress.labelText() == "Laying out page 1…")  # the window follows the pages
    with qtbot.waitSignal(job.cancelled, timeout=PREVIEW_TIMEOUT_MS):
        progress.findChild(QPushButton).click()  # Cancel
        cancelled_on_screen.set()
    assert not target.exists() and list(tmp_path.glob("*.partial")) == []
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "exportBriefProgress") is None)


def test_an_export_cancelled_while_waiting_its_turn_never_starts(window, qtbot, monkeypatch, tmp_path):
    window.new_from_sample()
    target = tmp_path / "never.pdf"
    request = BriefRequest("ministerial", MINISTERIAL, "official", "a4", target, True)
    monkeypatch.setattr(brief_export, "ask_brief_export", lambda *args: request)
    laid_out = []
    monkeypatch.setattr(brief_export, "make_brief", lambda *args, **kwargs: laid_out.append(args))
    ended = []
    with brief_export._LAYOUT:  # another brief is being laid out: this one waits its turn
        job = brief_export.export_brief(window, window.doc)
        job.cancelled.connect(lambda: ended.append("cancelled"))
        job.finished.connect(lambda _path: ended.append("finished"))
        window.findChild(QProgressDialog, "exportBriefProgress").findChild(QPushButton).click()
    qtbot.waitUntil(lambda: bool(ended), timeout=PREVIEW_TIMEOUT_MS)
    assert ended == ["cancelled"] and laid_out == [] and not target.exists()


def test_an_export_that_fails_says_so_in_a_sentence(window, qtbot, monkeypatch, tmp_path, answers):
    window.new_from_sample()
    request = BriefRequest("ministerial", MINISTERIAL, "official", "a4", tmp_path / "gone" / "brief.pdf", True)
    monkeypatch.setattr(brief_export, "ask_brief_export", lambda *args: request)
    monkeypatch.setattr(brief_export, "reveal_folder", lambda path: (_ for _ in ()).throw(AssertionError(path)))
    job = brief_export.export_brief(window, window.doc)
    with qtbot.waitSignal(job.failed, timeout=PREVIEW_TIMEOUT_MS):
        pass
    assert len(answers.errors) == 1 and "folder" in answers.errors[0].message
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "exportBriefProgress") is None)


def test_the_export_dialog_offers_templates_sections_marking_and_a_pdf_name(window, qtbot, monkeypatch, tmp_path):
    window.new_from_sample()
    doc = window.doc.store.load()
    dialog = ExportBriefDialog(doc, "evaluation", tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.marking.currentData() == "official_sensitive"
    assert dialog.path.text() == str(tmp_path / "Northland Battery Cell Scale-up Programme - Evaluation plan.pdf")
    dialog.template.setCurrentIndex(dialog.template.findData("ministerial"))
    assert dialog.chosen_sections() == [s for s in MINISTERIAL if s not in OPTIONAL]
    name = "Battery cell scale-up- closing the gap between demonstration and volume"  # no ':', cut at a word
    assert dialog.path.text() == str(tmp_path / f"{name} - Ministerial submission.pdf")
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggestion, filters: tmp_path / "chosen")
    qtbot.mouseClick(dialog.findChild(QPushButton, "exportBrowse"), Qt.MouseButton.LeftButton)
    for n in range(dialog.sections.count()):
        dialog.sections.item(n).setCheckState(Qt.CheckState.Unchecked)
    dialog._accept()
    assert dialog.request is None and dialog.problem.text() == "Choose at least one section."
    dialog.sections.item(0).setCheckState(Qt.CheckState.Checked)
    dialog._accept()
    assert dialog.request == BriefRequest(
        "ministerial", ["issue"], "official_sensitive", "a4", tmp_path / "chosen.pdf", True
    )
    dialog.close()


def test_a_read_only_document_shows_its_brief_but_cannot_change_it(window, qtbot, tmp_path):
    session = DocumentSession.new(sample_entities())
    path = session.save_as(tmp_path / "sample.iipw")
    session.close()
    window.set_document(OpenDocument(DocumentSession.open(path, read_only=True), window))
    view = open_briefs(window)
    assert view.form.text_editors["issue"].isReadOnly() and not view.form.include["issue"].isEnabled()
    qtbot.waitUntil(lambda: view.pages >= 4, timeout=PREVIEW_TIMEOUT_MS)
    assert not view.preview.pixmap().isNull()


def test_the_preview_is_laid_out_beside_the_window_while_typing_goes_on(window, qtbot, monkeypatch):
    window.new_from_sample()
    view = open_briefs(window)
    qtbot.waitUntil(lambda: view.pages >= 4, timeout=PREVIEW_TIMEOUT_MS)
    release, threads = threading.Event(), []
    real = picture.first_page

    def held(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(picture, "first_page", held)
    editor = view.form.text_editors["background"]
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, " and")
    qtbot.waitUntil(lambda: bool(threads))  # a moment after typing stops, the preview follows
    qtbot.keyClicks(editor, " more")  # the window answers while the page is laid out
    assert editor.toPlainText().startswith(" and more") and threads[0] is not threading.main_thread()
    release.set()
    qtbot.waitUntil(lambda: not view.previews.busy, timeout=PREVIEW_TIMEOUT_MS)


def test_a_newer_preview_supersedes_an_older_one(window, qtbot, monkeypatch):
    window.new_document()
    view = open_briefs(window)
    qtbot.waitUntil(lambda: view.pages > 0, timeout=PREVIEW_TIMEOUT_MS)
    short = view.pages
    shown = []
    view.previews.finished.connect(lambda preview: shown.append(preview.pages))
    release, started = threading.Event(), []
    real = picture.first_page

    def held_once(*args, **kwargs):
        started.append(True)
        if len(started) == 1:
            release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(picture, "first_page", held_once)
    view.form.text_editors["background"].setPlainText("A short paragraph.")
    view.refresh_preview()  # the older request, held while being laid out
    qtbot.waitUntil(lambda: bool(started))
    view.form.text_editors["background"].setPlainText("\n\n".join(["A long paragraph of background " * 20] * 30))
    view.refresh_preview()  # the newer: the older one is cancelled
    release.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=PREVIEW_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not view.previews.busy, timeout=PREVIEW_TIMEOUT_MS)
    assert shown == [view.pages] and view.pages > short + 2  # only the newer page was shown


def test_a_preview_that_fails_says_so_in_a_sentence(window, qtbot, monkeypatch):
    window.new_from_sample()
    view = open_briefs(window)
    qtbot.waitUntil(lambda: view.pages >= 4, timeout=PREVIEW_TIMEOUT_MS)

    def broken(*args, **kwargs):
        raise KeyError("DejaVuSans")

    monkeypatch.setattr(picture, "first_page", broken)
    view.form.text_editors["issue"].setPlainText("Something new")
    view.refresh_preview()
    qtbot.waitUntil(lambda: view.preview.text() == PREVIEW_FAILED, timeout=PREVIEW_TIMEOUT_MS)
    assert view.page_count.text() == "" and "Traceback" not in view.preview.text()
    monkeypatch.setattr(picture, "first_page", lambda *a, **k: (_ for _ in ()).throw(WorkbenchError("No room.")))
    view.form.text_editors["issue"].setPlainText("Something newer")
    view.refresh_preview()
    qtbot.waitUntil(lambda: view.preview.text() == "No room.", timeout=PREVIEW_TIMEOUT_MS)


class StallProbe:
    """A timer on the window's event loop that notes the most work the window's thread did between two
    of its ticks: how long the window could not answer the user because it was busy. The thread's own
    processor time is counted, not the clock: on a machine shared with other programs the clock also
    counts their turns, and a check of this program must not fail because the machine is busy.

    The garbage collector's checks (ui.collector, on the window's thread) wait meanwhile: their cost is
    that of the whole heap, whichever section is shown, not the section's."""

    def __init__(self, interval_ms: int = 5):
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.longest = self.last = 0.0

    def __enter__(self) -> StallProbe:
        collector.collect_on_window_thread()  # the automatic collector stays off
        collector._collector.timer.stop()
        self.held = pytest.MonkeyPatch()
        self.held.setattr(collector, "collect_on_window_thread", lambda: None)  # starting a job restarts it
        self.last = time.thread_time()
        self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._tick()
        self.timer.stop()
        self.held.undo()
        collector.collect_on_window_thread()

    def _tick(self) -> None:
        now = time.thread_time()
        self.longest = max(self.longest, now - self.last)
        self.last = now


@pytest.mark.slow  # lays out the brief of a 10,000-entity document
def test_the_briefs_section_of_a_large_document_never_stalls_the_window(window, qtbot):
    window.set_document(OpenDocument(DocumentSession.new(generated_entities(10_000), title="Large"), window))
    view = open_briefs(window)  # the first switch: nothing heavy on the window's thread
    QApplication.processEvents()  # the section's widgets made and painted (30-45 ms): timed by bench_stall
    with StallProbe() as probe:
        qtbot.waitUntil(lambda: not view.preview.pixmap().isNull(), timeout=LARGE_TIMEOUT_MS)  # page 1 first
        assert view.pages == 0  # the whole brief is still being laid out beside the window
        qtbot.waitUntil(lambda: view.pages > 20, timeout=LARGE_TIMEOUT_MS)
    assert view.page_count.text() == f"{view.pages} pages"
    assert probe.longest < LONGEST_STALL_S, f"the window stalled for {probe.longest * 1000:.0f} ms"
