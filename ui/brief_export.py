"""File > Export brief: choose template, sections, marking, page size, PDF or Word, and file; lay out
beside the window with progress (cancellable); then say where the file went, with buttons to open it or
its folder.

`ask_brief_export`, `ask_word_template`, `open_file` and `reveal_folder` are module functions so tests
can answer and observe them, as with ui.dialogs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from db.rows import read_rows, select_all
from db.sqlite_file import connect_readonly
from templates_reports.catalogue import TEMPLATE_IDS, load_template
from templates_reports.export import make_brief, make_docx, write_file, write_pdf
from templates_reports.fonts import register_fonts
from ui import dialogs, settings
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.jobs import Cancelled, Job, Progress
from ui.page_image import house_family, png_bytes
from ui.page_sizes import PAGE_SIZES
from ui.wheel_guard import ChoiceBox
from workbench import markings
from workbench.briefs.compose import available, brief_of, chosen_sections
from workbench.briefs.entities import Brief, brief_id
from workbench.document import Document
from workbench.kinds import entity_types
from workbench.project import Project

FORMATS = {"pdf": "PDF", "docx": "Word (.docx)"}
FILTERS = {"pdf": "PDF documents (*.pdf)", "docx": "Word documents (*.docx)"}


@dataclass(frozen=True)
class BriefRequest:
    template: str
    sections: list[str]
    marking: str
    page_size: str
    path: Path
    open_folder: bool
    format: str = "pdf"  # or "docx"
    word_template: Path | None = None  # a department's .docx whose styles a Word brief takes
    final: bool = False  # a submission without DRAFT, refused while a section is still to be completed


class ExportBriefDialog(QDialog):
    def __init__(self, doc: Document, template: str, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportBriefDialog")
        self.setWindowTitle("Export brief")
        self.doc = doc
        self.folder = folder
        self.request: BriefRequest | None = None
        saved = settings.settings()

        self.template = ChoiceBox()
        self.template.setObjectName("exportTemplate")
        self.template.setAccessibleName("Template")
        for template_id in TEMPLATE_IDS:
            self.template.addItem(load_template(template_id).name, template_id)
        self.template.setCurrentIndex(max(self.template.findData(template), 0))
        self.sections = QListWidget()
        self.sections.setObjectName("exportSections")
        self.sections.setAccessibleName("Sections to include")
        self.marking = ChoiceBox()
        self.marking.setObjectName("exportMarking")
        self.marking.setAccessibleName("Protective marking")
        for marking in markings.offered(doc.project.country):
            self.marking.addItem(marking.label, marking.value)
        if markings.not_offered(doc.project.marking):  # an old document's marking is kept, never offered anew
            self.marking.addItem(f"{markings.label(doc.project.marking)} (this document's)", doc.project.marking)
        self.marking.setCurrentIndex(max(self.marking.findData(doc.project.marking), 0))
        caveat = doc.project.caveat.strip().upper()
        after = f", followed by the project's descriptor {caveat} where the marking takes it" if caveat else ""
        self.marking.setToolTip(f"Printed at the top and bottom of every page{after}")
        self.status = ChoiceBox()
        self.status.setObjectName("exportStatus")
        self.status.setAccessibleName("Draft or final")
        self.status.addItem("Draft (marked DRAFT on every page)", False)
        self.status.addItem("Final (every section completed)", True)
        self.status.setToolTip("A final submission needs every section written; a draft may leave some to complete")
        self.page_size = ChoiceBox()
        self.page_size.setObjectName("exportPageSize")
        self.page_size.setAccessibleName("Page size")
        for key, label in PAGE_SIZES.items():
            self.page_size.addItem(label, key)
        self.page_size.setCurrentIndex(max(self.page_size.findData(saved.value("brief/pageSize", "a4")), 0))
        self.format = ChoiceBox()
        self.format.setObjectName("exportFormat")
        self.format.setAccessibleName("Format")
        for key, label in FORMATS.items():
            self.format.addItem(label, key)
        self.format.setCurrentIndex(max(self.format.findData(saved.value("brief/format", "pdf")), 0))
        self.word_template = QLineEdit(str(saved.value("brief/wordTemplate", "") or ""))
        self.word_template.setObjectName("exportWordTemplate")
        self.word_template.setAccessibleName("Word template")
        self.word_template.setPlaceholderText("None: Word's built-in styles")
        self.word_template.setToolTip("A department's Word document whose styles the brief takes (not its text)")
        choose_template = QPushButton("Choose…")
        choose_template.setObjectName("exportChooseWordTemplate")
        choose_template.clicked.connect(self._choose_word_template)
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.path.setAccessibleName("File to write")
        browse = QPushButton("Browse…")
        browse.setObjectName("exportBrowse")
        browse.clicked.connect(self._browse)
        self.open_folder = QCheckBox("Open the folder when done")
        self.open_folder.setObjectName("exportOpenFolder")
        self.open_folder.setChecked(saved.value("brief/openFolder", "true") == "true")
        self.problem = QLabel()
        self.problem.setObjectName("exportProblem")
        self.problem.setStyleSheet("color: #a1001c")

        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        styles_from = QHBoxLayout()
        styles_from.addWidget(self.word_template, 1)
        styles_from.addWidget(choose_template)
        self.template_row = QWidget()
        self.template_row.setLayout(styles_from)
        styles_from.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.addRow("&Template", self.template)
        form.addRow("&Sections", self.sections)
        form.addRow("&Marking", self.marking)
        form.addRow("Dra&ft or final", self.status)
        form.addRow("Page si&ze", self.page_size)
        form.addRow("F&ormat", self.format)
        form.addRow("&Word template", self.template_row)
        file_label = QLabel("&File")
        file_label.setBuddy(self.path)
        form.addRow(file_label, where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_folder)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.format.currentIndexChanged.connect(self._format_chosen)
        self._template_chosen()
        self._format_chosen()

    def _template_chosen(self) -> None:
        spec = load_template(self.template.currentData())
        kept = set(chosen_sections(self.doc, spec))
        self.status.setEnabled(spec.drafts)
        if not spec.drafts:
            self.status.setCurrentIndex(0)
        self.sections.clear()
        for section in spec.sections:
            if not available(section):
                continue
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if section.id in kept else Qt.CheckState.Unchecked)
            self.sections.addItem(item)
        title = brief_of(self.doc, spec).subject or self.doc.project.title
        self.path.setText(str(self.folder / f"{_file_name(title)} - {spec.name}.{self.format.currentData()}"))

    def _format_chosen(self) -> None:
        """The file name follows the format; a Word template only matters for Word."""
        suffix = f".{self.format.currentData()}"
        text = self.path.text().strip()
        if text and Path(text).suffix.lower() in (".pdf", ".docx"):
            self.path.setText(str(Path(text).with_suffix(suffix)))
        self.template_row.setEnabled(self.format.currentData() == "docx")

    def _choose_word_template(self) -> None:
        chosen = ask_word_template(self, self.word_template.text())
        if chosen is not None:
            self.word_template.setText(str(chosen))

    def _browse(self) -> None:
        chosen = dialogs.ask_export_path(self, self.path.text(), FILTERS[self.format.currentData()])
        if chosen is not None:
            self.path.setText(str(chosen))

    def chosen_sections(self) -> list[str]:
        items = (self.sections.item(n) for n in range(self.sections.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _accept(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.problem.setText("Choose the file to write.")
            return
        if not self.chosen_sections():
            self.problem.setText("Choose at least one section.")
            return
        kind = self.format.currentData()
        path = Path(text).expanduser()
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        word_template = self.word_template.text().strip()
        if kind == "docx" and word_template and not Path(word_template).expanduser().is_file():
            self.problem.setText("The Word template is not a file on this computer; choose another or clear it.")
            return
        self.request = BriefRequest(
            self.template.currentData(),
            self.chosen_sections(),
            self.marking.currentData(),
            self.page_size.currentData(),
            path,
            self.open_folder.isChecked(),
            kind,
            Path(word_template).expanduser() if kind == "docx" and word_template else None,
            bool(self.status.currentData()) and self.status.isEnabled(),
        )
        saved = settings.settings()
        saved.setValue("brief/format", kind)
        saved.setValue("brief/wordTemplate", word_template)
        saved.setValue("brief/pageSize", self.request.page_size)
        saved.setValue("brief/openFolder", "true" if self.request.open_folder else "false")
        saved.setValue("brief/folder", str(path.parent))
        self.accept()


def ask_brief_export(parent: QWidget | None, doc: Document, template: str, folder: Path) -> BriefRequest | None:
    dialog = ExportBriefDialog(doc, template, folder, parent)
    try:
        return dialog.request if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_word_template(parent: QWidget | None, current: str) -> Path | None:
    """A department's Word document to take the styles from; None if the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getOpenFileName(parent, "Word template", current, FILTERS["docx"])
    return Path(chosen) if chosen else None


def reveal_folder(path: Path) -> bool:
    """Open the folder holding `path` in the file manager; False when none would open it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def open_file(path: Path) -> bool:
    """Open `path` in the program the system has for it; False when there is none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def say_written(parent: QWidget, path: Path, revealed: bool | None) -> None:
    """Tell the user the brief is written and where: in the status bar, with buttons to open the file or
    its folder, or in a message when the folder they asked to see could not be opened (so they still know
    where to look)."""
    if revealed is False:
        dialogs.inform(
            parent,
            "Export brief",
            f"The brief is saved as {path}, but its folder could not be opened on this computer.",
        )
        return
    bar = getattr(parent.window(), "statusBar", None)
    if callable(bar):
        show_written(parent, bar(), path)


def show_written(parent: QWidget, bar: QStatusBar, path: Path) -> None:
    """'Brief saved as …' with Open and Show in folder, in the status bar until the next export (never a
    box to dismiss: the user goes on working)."""
    old = bar.findChild(QWidget, "exportWritten")
    if old is not None:
        bar.removeWidget(old)
        old.deleteLater()
    notice = QWidget(bar)
    notice.setObjectName("exportWritten")
    row = QHBoxLayout(notice)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"Brief saved as {path}")
    label.setObjectName("exportWrittenPath")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    row.addWidget(label)
    for name, text, action in (("exportOpenFile", "Open", _open), ("exportShowFolder", "Show in folder", _show)):
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFlat(True)
        button.clicked.connect(lambda _checked=False, act=action: act(parent, path))
        row.addWidget(button)
    bar.addWidget(notice, 1)


def _open(parent: QWidget, path: Path) -> None:
    if not open_file(path):
        kind = "Word" if path.suffix.lower() == ".docx" else path.suffix.upper().lstrip(".") or "such"
        dialogs.inform(
            parent,
            "Export brief",
            f"This computer has no program that opens {kind} files; the brief is saved as {path}.",
        )


def _show(parent: QWidget, path: Path) -> None:
    if not reveal_folder(path):
        dialogs.inform(
            parent,
            "Export brief",
            f"The folder {path.parent} could not be opened on this computer; the brief is saved there as {path.name}.",
        )


def export_brief(parent: QWidget, doc: OpenDocument, template: str = "ministerial") -> Job | None:
    """The whole File > Export brief flow. The brief is laid out beside the window behind a progress
    dialog with Cancel; returns that job (None if the user chose not to export)."""
    last = settings.settings().value("brief/folder", "")
    if doc.session.path is not None:
        folder = doc.session.path.parent
    else:
        folder = Path(last) if isinstance(last, str) and last else Path.home()
    request = ask_brief_export(parent, header_document(doc), template, folder)
    if request is None:
        return None
    _remember_sections(doc, request)
    path = doc.store.path
    family = house_family() if request.format == "docx" else ""  # Qt's fonts: asked on the window's thread

    def work(progress: Progress, stop: threading.Event) -> Path:
        document = read_document(path)
        if request.format == "docx":
            with laying_out(stop):
                data = make_docx(
                    document,
                    request.template,
                    lambda picture: png_bytes(picture, family),
                    sections=request.sections,
                    marking=request.marking,
                    page_size=request.page_size,
                    word_template=request.word_template,
                    final=request.final,
                )
            if stop.is_set():
                raise Cancelled
            return write_file(data, request.path)

        def on_page(number: int) -> None:
            progress(number, 0, "pages")
            if stop.is_set():
                raise Cancelled

        with laying_out(stop):
            rendered = make_brief(
                document,
                request.template,
                sections=request.sections,
                marking=request.marking,
                page_size=request.page_size,
                on_page=on_page,
                final=request.final,
            )
        if stop.is_set():
            raise Cancelled
        return write_pdf(rendered, request.path)

    job = Job(work)
    _follow(parent, job, request)
    job.start()
    return job


def header_document(doc: OpenDocument) -> Document:
    """What the export dialog reads (the project and the briefs' headers): a few rows, where the
    whole document is thousands."""
    return Document.of([*doc.store.all(Project.KIND), *doc.store.all(Brief.KIND)])


def read_document(path: Path) -> Document:
    """The document as last stored, read beside the window through a read-only connection of the
    work's own (the window's connection stays on its thread). The rows are fetched in one read
    transaction, so they agree with one another, and made into entities after it ends: an edit made
    meanwhile waits only for the fetch."""
    conn = connect_readonly(path)
    try:
        conn.execute("BEGIN")
        rows = [(t, conn.execute(select_all(t.KIND)).fetchall()) for t in entity_types()]
        conn.rollback()
    finally:
        conn.close()
    document = Document()
    for t, found in rows:
        document.entities[t.KIND] = {e.id: e for e in read_rows(t, found)}
    return document


def _follow(parent: QWidget, job: Job, request: BriefRequest) -> None:
    """A progress dialog with Cancel while `job` runs; then the folder opened, or the problem said."""
    progress = QProgressDialog("Laying out the brief…", "Cancel", 0, 0, parent)
    progress.setObjectName("exportBriefProgress")
    progress.setWindowTitle("Export brief")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.canceled.connect(job.cancel)

    def page(done: int, _total: int, _what: str) -> None:
        progress.setLabelText(f"Laying out page {done}…")

    def close() -> None:
        progress.canceled.disconnect(job.cancel)
        progress.close()
        progress.deleteLater()
        # These handlers hold the window; a job its caller keeps must not keep the window too.
        for signal, handler in ((job.progressed, page), (job.finished, written), (job.failed, failed)):
            signal.disconnect(handler)
        job.cancelled.disconnect(close)

    def written(path: Path) -> None:
        close()
        say_written(parent, path, reveal_folder(path) if request.open_folder else None)

    def failed(err: Exception) -> None:
        close()
        dialogs.show_error(parent, err, "Could not export the brief")

    job.progressed.connect(page)
    job.finished.connect(written)
    job.failed.connect(failed)
    job.cancelled.connect(close)


@contextmanager
def laying_out(stop: threading.Event) -> Iterator[None]:
    """Beside the window, one brief is laid out at a time (reportlab keeps its fonts and caches at module
    level, and registers the fonts on first use); work cancelled while it waits its turn stops there."""
    with _LAYOUT:
        if stop.is_set():
            raise Cancelled
        register_fonts()
        yield


_LAYOUT = threading.Lock()


def _remember_sections(doc: OpenDocument, request: BriefRequest) -> None:
    """Sections left out (and optional annexes put in) in the dialog stay so next time (one undoable step)."""
    spec = load_template(request.template)
    chosen = {
        "omitted_sections": [s.id for s in spec.sections if not s.optional and s.id not in request.sections],
        "added_sections": [s.id for s in spec.sections if s.optional and s.id in request.sections],
    }
    current = doc.store.get_of(Brief, brief_id(spec.id))
    stored = {name: getattr(current, name) if current is not None else [] for name in chosen}
    if doc.read_only or stored == chosen:
        return
    text = f"Choose the sections of the {spec.name.lower()}"
    if current is None:
        brief = Brief.create(id=brief_id(spec.id), template=spec.id, **chosen)
        doc.run(StoreCommand(ops.create([brief]), text, origin="briefs"))
    else:
        doc.run(StoreCommand(ops.update([(Brief.KIND, current.id, chosen)]), text, origin="briefs"))


def _file_name(title: str) -> str:
    """A title made safe as a file name on every system."""
    cleaned = "".join("-" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title).strip(" .")
    if len(cleaned) > 80:
        cleaned = cleaned[:80].rsplit(" ", 1)[0]  # at a word break
    return cleaned or "Brief"
