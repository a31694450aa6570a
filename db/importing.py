"""Import into an open document: read and plan every file in full, then back the document up and apply the
plan in one transaction. A file that cannot be read raises before anything is copied or written; a dry run
only plans. It all runs on the caller's thread: copying the document beside the planning gained nothing, as
the copy waited on the planning for Python's lock at each of its steps (and a thread cost its start); the
disk writes the copy while the rows are written (`apply_plan`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from db.session import DocumentSession
from workbench import bulk_work
from workbench.document import Document
from workbench.interchange.files import plan_files
from workbench.interchange.plan import ImportPlan


def ecosystem_of(session: DocumentSession) -> Document:
    """The actors and links an import is checked against (the rest of the document is not needed)."""
    return Document.of([*session.store.all("actor"), *session.store.all("link")])


def apply_plan(session: DocumentSession, plan: ImportPlan) -> None:
    """Back up, then write every entity of the plan in one transaction (nothing when it has none). The copy
    is made first and flushed to disk, and named a backup, just before the transaction commits: the disk
    writes it while the rows are written. A copy that cannot be made or flushed leaves nothing written."""
    if not plan.entities:
        return
    copy = session.pending_backup("import")
    try:
        session.store.upsert(
            plan.entities, validated=True, initiator="import", ready=lambda: session.backup("import", copy)
        )
    finally:
        copy.discard()  # nothing left of a copy named a backup, or of one an import refused half-way left


def import_files(
    session: DocumentSession,
    paths: Sequence[Path],
    kind: str | None = None,
    *,
    allow_cp1252: bool = False,
    match: str = "id",
    dry_run: bool = False,
) -> ImportPlan:
    """Plan the files against the document and, unless `dry_run`, apply the plan. The collector is held
    off meanwhile (see workbench.bulk_work): an import of 50,000 links makes about a million objects that live
    on until it ends, and scanning them again and again took a tenth of its time."""
    with bulk_work.no_collection():
        plan = plan_files(paths, ecosystem_of(session), kind, allow_cp1252=allow_cp1252, match=match)
        if not dry_run:
            apply_plan(session, plan)
        return plan
