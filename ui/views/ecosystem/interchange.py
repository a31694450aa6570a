"""Import and export of actors and links from the window: the same functions as the command line,
with the questions asked in dialogs. The files are read and checked beside the window, and new
actors without a position are placed by their links there too; the user then sees the plan (what
is new, what changes, what is skipped and why) and chooses how rows match actors. Import applies
it as one undo step, after a backup."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.operations import Upsert
from db.stepwise import StepwiseWrite
from ui import dialogs
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.jobs import Cancelled, Job, JobProgress, Progress
from ui.views.ecosystem.layout import STEPS
from ui.wheel_guard import ChoiceBox
from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.ecosystem.layout import SpringLayout
from workbench.entity_columns import Entities
from workbench.errors import WorkbenchError
from workbench.interchange.errors import ImportStopped, NeedsEncodingChoice
from workbench.interchange.files import export_files, plan_files
from workbench.interchange.plan import ImportPlan
from workbench.words import count

IMPORT_FILTERS = (
    "Actors and links (*.csv *.graphml *.xml *.json);;CSV (*.csv);;GraphML (*.graphml *.xml);;JSON (*.json)"
)
EXPORT_FILTERS = {"csv": "CSV for Excel (*.csv)", "graphml": "GraphML for Gephi (*.graphml)", "json": "JSON (*.json)"}
MATCH_CHOICES = {  # the command line's --match, in words
    "id": "By id: files this program exported update their actors; other files add theirs",
    "name": "By name: also update the one actor with the same name",
    "none": "Never: every row adds a new actor",
}
IMPORT = "import"


def imported(plan: ImportPlan) -> str:
    """What the plan imports, in words ("3 actors and 5000 links")."""
    counts = {k: plan.new.get(k, 0) + plan.updated.get(k, 0) for k in ("actor", "link")}
    return " and ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n)


def import_command(plan: ImportPlan) -> StoreCommand:
    """The import as one undo step: one transaction writes it (placing included, see `place_new`), and
    its undo puts back what it overwrote and removes what it added."""
    return StoreCommand(Upsert(plan.entities, validated=True), f"Import {imported(plan)}", origin=IMPORT)


class Importer(QObject):
    """File/Import from the window, one at a time.

    The files are read and checked beside the window, with progress and Cancel in `row`, against the
    actors and links read there too (on a connection of its own: the worker never touches the
    document's connection). Then the document is backed up, beside the window too, and the import
    applied on the window's thread as one undo step; had the document changed meanwhile, the files are
    checked again first. Before that the user sees the plan and may change how rows match actors (the
    files are then checked again) or cancel.
    """

    ended = Signal(object)  # the ImportPlan applied, or None when nothing changed

    def __init__(self, parent: QWidget, doc: OpenDocument, row: JobProgress, still_open: Callable[[], bool]):
        super().__init__(parent)
        self.window = parent  # dialogs are owned by a widget; QObject.parent() is not typed as one
        self.doc = doc
        self.row = row
        self.still_open = still_open  # False once the window has closed the document
        self.paths: list[Path] = []
        self.allow_cp1252 = False
        self.match = "id"
        self.revision = 0
        self.job: Job | None = None
        self.chosen: ImportPlan | None = None  # the plan the user chose to import, while the backup is made
        self.writing = False  # the plan is being written, a slice per turn

    @property
    def running(self) -> bool:
        return self.job is not None or self.writing

    def start(self) -> bool:
        """Ask for files and start checking them; False if the user chose none or an import runs."""
        if self.running:
            return False
        paths = dialogs.ask_import_paths(self.window, IMPORT_FILTERS, "Import actors and links")
        if not paths:
            return False
        self.paths, self.allow_cp1252, self.match = list(paths), False, "id"
        self._plan()
        return True

    def _plan(self) -> None:
        copy, paths = self.doc.store.path, self.paths
        allow_cp1252, match = self.allow_cp1252, self.match
        self.revision = self.doc.store.revision

        def work(progress: Progress, stop: threading.Event) -> ImportPlan | None:
            ecosystem = actors_and_links(copy)
            try:
                plan = plan_files(
                    paths, ecosystem, allow_cp1252=allow_cp1252, match=match, progress=progress, stop=stop.is_set
                )
                return place_new(plan, ecosystem, progress, stop.is_set)
            except ImportStopped:
                return None  # the job reports it as cancelled

        job = Job(work)
        job.finished.connect(self._planned)  # bound methods: nothing is called once the view is gone
        job.failed.connect(self._failed)
        job.cancelled.connect(self._end)
        self.destroyed.connect(job.cancel)
        self.job = job
        self.row.follow(job, f"Importing {paths[0].name if len(paths) == 1 else count(len(paths), 'file')}")
        job.start()

    def _planned(self, plan: ImportPlan) -> None:
        self.job = None
        if not self.still_open():
            self._end()
        elif self.doc.store.revision != self.revision:
            self._plan()  # edited meanwhile: check the files against the document as it is now
        else:
            self.row.hold("waiting for your choice")
            answer = review(self.window, plan, self.match)
            if answer == IMPORT and plan.entities and self.still_open():
                self._back_up(plan)
            elif answer in MATCH_CHOICES:
                self.match = answer
                self._plan()
            else:
                self._end()

    def _back_up(self, plan: ImportPlan) -> None:
        """Copy the document into the backups beside the window (the whole file: a pause of the window's
        as long as the import's own write), then apply the plan."""
        session, self.chosen = self.doc.session, plan
        job = Job(lambda _progress, _stop: session.backup("import"))
        job.finished.connect(self._backed_up)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._end)
        self.job = job
        self.row.follow(job, self.row.text)
        self.row.hold("backing up the document")
        job.start()

    def _backed_up(self, _backup: Path) -> None:
        self.job = None
        plan, self.chosen = self.chosen, None
        if plan is None or not self.still_open():
            self._end()
        elif self.doc.store.revision != self.revision:
            self._plan()  # edited meanwhile: check the files again (and back the document up again)
        else:
            self._apply(plan)

    def _apply(self, plan: ImportPlan) -> None:
        """Write the plan a slice per turn (the window paints meanwhile and takes no other change), then
        it is one undo step."""
        self.writing = True
        what = imported(plan)
        self.row.hold(f"writing {what}; other changes wait until it is done")
        store = self.doc.store

        def written(applied: bool) -> None:
            self.writing = False
            self.ended.emit(plan if applied else None)

        def start() -> StepwiseWrite:
            return store.upsert_stepwise(plan.entities, what, validated=True, initiator=IMPORT)

        self.doc.run_in_turns(import_command(plan), start, written)

    def _failed(self, err: Exception) -> None:
        self.job = None
        if not self.still_open():
            self._end()
        elif not isinstance(err, NeedsEncodingChoice):
            dialogs.show_error(self.window, err, "Nothing was imported")
            self._end()
        elif not self.allow_cp1252 and dialogs.confirm(
            self.window,
            "Import as Windows-1252?",
            f"{err.message}?",
            "Choose No if you are not sure; nothing changes.",
        ):
            self.allow_cp1252 = True
            self._plan()
        else:
            self._end()

    def _end(self) -> None:
        self.job = None
        self.ended.emit(None)


def actors_and_links(copy: Path) -> Document:
    """Beside the window: the actors and links of the working copy at `copy`, on a connection of their own."""
    from db.snapshot import read_snapshot  # loaded beside the window, when first needed

    return read_snapshot(copy, ("actor", "link"))


def place_new(plan: ImportPlan, ecosystem: Document, progress: Progress, stop: Callable[[], bool]) -> ImportPlan:
    """Give new actors without a position one by their links, before the plan is shown: the import
    and its placing are then one undo step (and the map never shows them waiting)."""
    actors = ecosystem.table(Actor) | {e.id: e for e in plan.entities if isinstance(e, Actor)}
    moving = [e.id for e in plan.entities if isinstance(e, Actor) and (e.x is None or e.y is None)]
    moving = [i for i in moving if i not in ecosystem.entities["actor"]]
    if not moving:
        return plan
    links = ecosystem.table(Link) | {e.id: e for e in plan.entities if isinstance(e, Link)}
    placed = {i: (a.x, a.y) for i, a in actors.items() if a.x is not None and a.y is not None}
    layout = SpringLayout(list(actors), [(k.source_id, k.target_id) for k in links.values()], placed, moving)
    for done in layout.steps(STEPS):
        if stop():
            raise ImportStopped
        if done % 4 == 0:
            progress(done, STEPS, "steps placing new actors")
    positions = layout.positions()
    plan.entities = Entities(
        e.changed(x=positions[e.id][0], y=positions[e.id][1]) if e.id in positions else e for e in plan.entities
    )
    return plan


class ImportPreview(QDialog):
    """What the import will do, before it does it: the counts, every update with the fields that
    change, every row skipped and why; how rows match actors; Import or Cancel.

    Choosing another matching closes the dialog with that choice (`answer`), so the files are
    checked again and the new plan shown."""

    def __init__(self, parent: QWidget | None, plan: ImportPlan, match: str):
        super().__init__(parent)
        self.setWindowTitle("Import actors and links")
        self.setObjectName("importPreview")
        self.answer: str | None = None
        layout = QVBoxLayout(self)
        summary = QLabel(f"{'Import' if plan.entities else 'Nothing to change:'} {plan.summary()}.")
        summary.setObjectName("importSummary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.details = QPlainTextEdit("\n".join(plan.lines()) or "No actor or link changes; none is skipped.")
        self.details.setObjectName("importDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What the import will change and skip")
        layout.addWidget(self.details)
        form = QFormLayout()
        self.matching = ChoiceBox()
        self.matching.setObjectName("importMatching")
        for key, text in MATCH_CHOICES.items():
            self.matching.addItem(text, key)
        self.matching.setCurrentIndex(list(MATCH_CHOICES).index(match))
        self.matching.currentIndexChanged.connect(self._rematch)
        form.addRow("&Match rows to actors:", self.matching)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importConfirm")
        self.import_button.setEnabled(bool(plan.entities))
        self.import_button.setDefault(bool(plan.entities))
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _import(self) -> None:
        self.answer = IMPORT
        self.accept()

    def _rematch(self) -> None:
        self.answer = self.matching.currentData()
        self.accept()


def review(parent: QWidget | None, plan: ImportPlan, match: str) -> str | None:
    """Show the plan; IMPORT, another matching to plan again with, or None (Cancel)."""
    dialog = ImportPreview(parent, plan, match)
    dialog.exec()
    return dialog.answer


def export_data(parent: QWidget, doc: OpenDocument, row: JobProgress | None = None) -> Job | None:
    """Ask where, then write the actors and links in the format the file name says: read and written
    beside the window (on a connection of their own), followed in `row`; the user is told where once
    written. The job, or None if nothing is written."""
    project = doc.get("project", "project")
    title = project.title if project else "ecosystem"
    path = dialogs.ask_export_path(parent, f"{title} - ecosystem.csv", ";;".join(EXPORT_FILTERS.values()))
    if path is None:
        return None
    form = path.suffix.lower().lstrip(".")
    if form not in EXPORT_FILTERS:
        dialogs.show_error(
            parent,
            WorkbenchError(
                f"Cannot export actors and links as {path.suffix or 'a file without extension'}; "
                "use .csv, .graphml or .json."
            ),
        )
        return None
    copy = doc.store.path

    def work(_progress: Progress, stop: threading.Event) -> list[Path]:
        ecosystem = actors_and_links(copy)
        if stop.is_set():
            raise Cancelled
        return export_files(ecosystem, form, path)

    job = Job(work)
    told = _Exported(parent)
    job.finished.connect(told.written)
    job.failed.connect(told.failed)
    job.cancelled.connect(told.deleteLater)
    if row is not None:
        row.follow(job, f"Exporting {path.name}")
    job.start()
    return job


class _Exported(QObject):
    """Tells the user how an export ended; a child of the window, so nothing is said once it has gone."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.window = parent

    def written(self, written: list[Path]) -> None:
        self.deleteLater()
        dialogs.inform(self.window, "Exported", "Wrote " + " and ".join(p.name for p in written) + ".")

    def failed(self, err: Exception) -> None:
        self.deleteLater()
        dialogs.show_error(self.window, err)
