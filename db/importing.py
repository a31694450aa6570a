"""Import into an open document: validate every file in full, back the document up, then apply
everything in one transaction. A bad file raises before the backup, and nothing changes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from db.session import DocumentSession
from workbench.document import Document
from workbench.interchange.files import plan_files
from workbench.interchange.records import ImportPlan


def ecosystem_of(session: DocumentSession) -> Document:
    """The actors and links an import is checked against (the rest of the document is not needed)."""
    return Document.of([*session.store.all("actor"), *session.store.all("link")])


def import_files(
    session: DocumentSession, paths: Sequence[Path], kind: str | None = None, *, allow_cp1252: bool = False
) -> ImportPlan:
    plan = plan_files(paths, ecosystem_of(session), kind, allow_cp1252=allow_cp1252)
    if plan.entities:
        session.backup("import")
        session.store.upsert(plan.entities, validated=True)
    return plan
