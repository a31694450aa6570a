"""Import into an open document: read and plan every file in full while the document is copied for its
backup, then name the copy a backup and apply the plan in one transaction. A file that cannot be read
raises before the copy is named, and nothing changes; a dry run only plans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
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
    """Back up, then write every entity of the plan in one transaction (nothing when it has none)."""
    if plan.entities:
        session.backup("import")
        session.store.upsert(plan.entities, validated=True, initiator="import")


def _plan_while_backing_up(session: DocumentSession, plan: Callable[[], ImportPlan]) -> ImportPlan:
    """`plan()` while the document is copied for its backup on another thread (the copy waits on the
    disk, the planning on the processor: the import's fixed cost at a thousand links); then the plan is
    applied, after the copy is named a backup. A plan that fails, or changes nothing, leaves no backup."""
    with ThreadPoolExecutor(max_workers=1) as beside:
        copy = beside.submit(session.pending_backup, "import")
        try:
            made = plan()
        except BaseException:
            if copy.exception() is None:
                copy.result().discard()
            raise
        if not made.entities:
            copy.result().discard()
            return made
        session.backup("import", copy.result())
    session.store.upsert(made.entities, validated=True, initiator="import")
    return made


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

    def plan() -> ImportPlan:
        return plan_files(paths, ecosystem_of(session), kind, allow_cp1252=allow_cp1252, match=match)

    with bulk_work.no_collection():
        return plan() if dry_run else _plan_while_backing_up(session, plan)
