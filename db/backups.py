"""Rolling backups of saved documents, thinned to 12 daily, 10 weekly and 9 monthly copies."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from db.paths import backups_dir
from workbench.retention import backups_to_keep

STAMP = "%Y%m%dT%H%M%S%f"


def folder_for(document: Path) -> Path:
    """One folder per document path: readable stem plus a short hash of the full path."""
    import hashlib  # here, not at the top: only saving needs it, and it costs start-up time

    document = Path(document).resolve()
    digest = hashlib.sha256(str(document).encode("utf-8")).hexdigest()[:10]
    folder = backups_dir() / f"{document.stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stamp_of(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.stem.rsplit("-", 1)[-1], STAMP)
    except ValueError:
        return None


def list_backups(document: Path) -> list[tuple[dt.datetime, Path]]:
    found = [(s, p) for p in folder_for(document).glob("*.iipw") if (s := _stamp_of(p)) is not None]
    return sorted(found, reverse=True)


def make_backup(document: Path, reason: str = "save", now: dt.datetime | None = None) -> Path:
    """Copy the document into its backup folder, then thin the folder; returns the copy's path."""
    document = Path(document)
    now = now or dt.datetime.now()
    target = folder_for(document) / f"{reason}-{now.strftime(STAMP)}.iipw"
    shutil.copy2(document, target)
    thin(document, now)
    return target


def thin(document: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete backups the retention rule no longer keeps; returns what was removed."""
    backups = list_backups(document)
    keep = backups_to_keep([s for s, _ in backups])
    removed = []
    for stamp, path in backups:
        if stamp not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
