"""Import and export of actors and links from the window: the same functions as the command line,
with the questions asked in dialogs. The files are read and checked beside the window; the import
is then one undo step, made after a backup."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from db.importing import ecosystem_of
from db.store import Store
from ui import dialogs
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.views.ecosystem.jobs import Job, JobProgress, Progress
from workbench.changes import Op
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.interchange.errors import ImportStopped, NeedsEncodingChoice
from workbench.interchange.files import export_files, plan_files
from workbench.interchange.records import ImportPlan

IMPORT_FILTERS = (
    "Actors and links (*.csv *.graphml *.xml *.json);;CSV (*.csv);;GraphML (*.graphml *.xml);;JSON (*.json)"
)
EXPORT_FILTERS = {"csv": "CSV for Excel (*.csv)", "graphml": "GraphML for Gephi (*.graphml)", "json": "JSON (*.json)"}


class ImportCommand(StoreCommand):
    """Apply a validated import in one transaction; undo puts back what it overwrote and removes
    what it added."""

    def __init__(self, store: Store, plan: ImportPlan):
        counts = {k: plan.new.get(k, 0) + plan.updated.get(k, 0) for k in ("actor", "link")}
        what = " and ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n)
        super().__init__(store, f"Import {what}")
        self.entities = plan.entities
        self.previous: list[Entity] = []
        self.created: dict[str, list[str]] = {}

    def apply(self) -> None:
        self.previous, changes = self.store.upsert(self.entities, validated=True)
        self.created = {c.kind: sorted(c.ids) for c in changes if c.op == Op.CREATED}

    def revert(self) -> None:
        """One transaction: remove what the import added, put back what it overwrote."""
        added = [(kind, id_) for kind in ("link", "actor") for id_ in self.created.get(kind, [])]
        restored = [(e.KIND, e.id, {k: v for k, v in e.values().items() if k != "id"}) for e in self.previous]
        self.store.batch(update=restored, delete=added)


class Importer(QObject):
    """File/Import from the window, one at a time.

    The files are read and checked beside the window, with progress and Cancel in `row`, against a
    copy of the actors and links taken on the window thread (the worker never touches the
    document's connection). Back on the window thread the document is backed up and the import
    applied as one undo step; had the document changed meanwhile, the files are checked again first.
    """

    ended = Signal(object)  # the ImportPlan applied, or None when nothing changed

    def __init__(self, parent: QWidget, doc: OpenDocument, row: JobProgress, still_open: Callable[[], bool]):
        super().__init__(parent)
        self.doc = doc
        self.row = row
        self.still_open = still_open  # False once the window has closed the document
        self.paths: list[Path] = []
        self.allow_cp1252 = False
        self.revision = 0
        self.job: Job | None = None

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self) -> bool:
        """Ask for files and start checking them; False if the user chose none or an import runs."""
        if self.running:
            return False
        paths = dialogs.ask_import_paths(self.parent(), IMPORT_FILTERS)
        if not paths:
            return False
        self.paths, self.allow_cp1252 = list(paths), False
        self._plan()
        return True

    def _plan(self) -> None:
        ecosystem, paths, allow_cp1252 = ecosystem_of(self.doc.session), self.paths, self.allow_cp1252
        self.revision = self.doc.store.revision

        def work(progress: Progress, stop: threading.Event) -> ImportPlan | None:
            try:
                return plan_files(paths, ecosystem, allow_cp1252=allow_cp1252, progress=progress, stop=stop.is_set)
            except ImportStopped:
                return None  # the job reports it as cancelled

        job = Job(work)
        job.finished.connect(self._planned)  # bound methods: nothing is called once the view is gone
        job.failed.connect(self._failed)
        job.cancelled.connect(self._end)
        self.destroyed.connect(job.cancel)
        self.job = job
        self.row.follow(job, f"Importing {paths[0].name if len(paths) == 1 else f'{len(paths)} files'}")
        job.start()

    def _planned(self, plan: ImportPlan) -> None:
        self.job = None
        if not self.still_open():
            self._end()
        elif self.doc.store.revision != self.revision:
            self._plan()  # edited meanwhile: check the files against the document as it is now
        elif not plan.entities:
            dialogs.inform(self.parent(), "Nothing to import", f"Nothing to change: {plan.summary()}.")
            self._end()
        else:
            self._apply(plan)

    def _apply(self, plan: ImportPlan) -> None:
        self.row.hold(f"adding {len(plan.entities):,} actors and links to the map")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.doc.session.backup("import")
            applied = self.doc.run(ImportCommand(self.doc.store, plan))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.ended.emit(plan if applied else None)

    def _failed(self, err: Exception) -> None:
        self.job = None
        if not self.still_open():
            self._end()
        elif not isinstance(err, NeedsEncodingChoice):
            dialogs.show_error(self.parent(), err, "Nothing was imported")
            self._end()
        elif not self.allow_cp1252 and dialogs.confirm(
            self.parent(),
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


def export_data(parent: QWidget, doc: OpenDocument) -> list[Path]:
    """Ask where, then write the actors and links in the format the file name says."""
    project = doc.get("project", "project")
    title = project.title if project else "ecosystem"
    path = dialogs.ask_export_path(parent, f"{title} - ecosystem.csv", ";;".join(EXPORT_FILTERS.values()))
    if path is None:
        return []
    form = path.suffix.lower().lstrip(".")
    try:
        if form not in EXPORT_FILTERS:
            raise WorkbenchError(
                f"Cannot export actors and links as {path.suffix or 'a file without extension'}; "
                "use .csv, .graphml or .json."
            )
        written = export_files(ecosystem_of(doc.session), form, path)
    except WorkbenchError as err:
        dialogs.show_error(parent, err)
        return []
    dialogs.inform(parent, "Exported", "Wrote " + " and ".join(p.name for p in written) + ".")
    return written
