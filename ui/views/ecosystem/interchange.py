"""Import and export of actors and links from the window: the same functions as the command line,
with the questions asked in dialogs. An import is one undo step, made after a backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from db.importing import ecosystem_of
from db.store import Store
from ui import dialogs
from ui.commands import StoreCommand
from ui.document import OpenDocument
from workbench.changes import Op
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.interchange.errors import NeedsEncodingChoice
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


def import_files(parent: QWidget, doc: OpenDocument) -> ImportPlan | None:
    """Ask for files, validate them all, back up, then import in one step; None if nothing changed."""
    paths = dialogs.ask_import_paths(parent, IMPORT_FILTERS)
    if not paths:
        return None
    allow_cp1252 = False
    while True:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = plan_files(paths, ecosystem_of(doc.session), allow_cp1252=allow_cp1252)
            break
        except NeedsEncodingChoice as err:
            if allow_cp1252 or not dialogs.confirm(
                parent, "Import as Windows-1252?", f"{err.message}?", "Choose No if you are not sure; nothing changes."
            ):
                return None
            allow_cp1252 = True
        except WorkbenchError as err:
            dialogs.show_error(parent, err, "Nothing was imported")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
    if not plan.entities:
        dialogs.inform(parent, "Nothing to import", f"Nothing to change: {plan.summary()}.")
        return None
    doc.session.backup("import")
    return plan if doc.run(ImportCommand(doc.store, plan)) else None


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
