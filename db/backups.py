"""Rolling backups of saved documents, thinned to 12 daily, 10 weekly and 9 monthly copies.

A backup is written under a temporary name, checked to be whole, then renamed into place: a copy cut
short (a full disk, a killed process) is never listed as a backup. Files that are not whole are not
listed either, so a cut-short copy left by an older version is not offered.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db.atomic_save import copy_file
from db.paths import backups_dir, present
from db.sqlite_file import fsync_path
from workbench.retention import backups_to_keep
from workbench.safe_files import new_temp_beside

STAMP = "%Y%m%dT%H%M%S%f"
EXTENSION = ".iipw"
TEMP_TAG = "partial"
_LEFTOVER = re.compile(rf"\..*\.[0-9a-f]{{8}}\.{TEMP_TAG}")
log = logging.getLogger(__name__)


def folder_for(document: Path) -> Path:
    """One folder per document path: readable stem plus a short hash of the full path."""
    import hashlib  # here, not at the top: only saving needs it, and it costs start-up time

    document = Path(document).resolve()
    digest = hashlib.sha256(str(document).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return present(backups_dir() / f"{document.stem[:100]}-{digest}")


def _stamp_of(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.stem.rsplit("-", 1)[-1], STAMP)
    except ValueError:
        return None


def is_whole(path: Path) -> bool:
    """True when the file is as long as its SQLite header says (a copy cut short is not)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
        size = os.path.getsize(path)
    except OSError:
        return False
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if page_size < 512 or size % page_size:
        return False
    header_count_valid = pages > 0 and head[24:28] == head[92:96]
    return size == pages * page_size if header_count_valid else size > 0


def list_backups(document: Path) -> list[tuple[dt.datetime, Path]]:
    """The whole backups of `document`, newest stamp first."""
    folder = folder_for(document)
    names = [e.name for e in os.scandir(folder) if e.name.endswith(EXTENSION)]  # (no Path made for the others)
    found = [(s, p) for name in names if (s := _stamp_of(p := folder / name)) is not None and is_whole(p)]
    return sorted(found, reverse=True)


def backup_path(document: Path, reason: str, now: dt.datetime) -> Path:
    return folder_for(document) / f"{reason}-{now.strftime(STAMP)}{EXTENSION}"


def publish(target: Path, write: Callable[[Path], None]) -> Path:
    """Have `write` fill a temporary file beside `target`, check it is whole, then rename it to `target`."""
    return pending(target, write).publish()


@dataclass(frozen=True)
class Pending:
    """A backup written whole under a temporary name beside `target`, on its way to the disk: `publish`
    flushes it and names it, `discard` drops it. An import has it written while it writes its rows, and
    names it just before they are committed: by then the disk has written most of it."""

    temp: Path
    target: Path

    def publish(self) -> Path:
        try:
            fsync_path(self.temp)
            os.replace(self.temp, self.target)
        finally:
            self.discard()
        return self.target

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)


def pending(target: Path, write: Callable[[Path], None]) -> Pending:
    """A temporary file beside `target`, filled by `write` and checked whole, that the disk starts writing."""
    return Pending(_whole(target, write, start_writing), target)


def filled(target: Path, write: Callable[[Path], None]) -> Path:
    """A temporary file beside `target`, filled by `write`, checked whole and flushed to disk."""
    return _whole(target, write, fsync_path)


def _whole(target: Path, write: Callable[[Path], None], then: Callable[[Path], None]) -> Path:
    """A temporary file beside `target`, filled by `write`, checked whole, then handed to `then` (the flush,
    or the start of it); removed if any of it fails."""
    for entry in os.scandir(target.parent):  # of a backup that was cut short earlier
        if _LEFTOVER.fullmatch(entry.name):
            Path(entry.path).unlink(missing_ok=True)
    temp = new_temp_beside(target, TEMP_TAG)
    try:
        write(temp)
        if not is_whole(temp):
            raise OSError(f"the backup copy {target.name} came out incomplete")
        then(temp)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def start_writing(path: Path) -> None:
    """Have the disk start writing the file now, where the system takes the hint (not on Windows or macOS):
    flushing it later then waits for little more than the folder's entry."""
    if hasattr(os, "posix_fadvise"):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)  # writes the dirty pages out, keeps none cached
        finally:
            os.close(fd)


def _copy(source: Path) -> Callable[[Path], None]:
    def write(temp: Path) -> None:
        with open(source, "rb") as src, open(temp, "wb") as dst:
            copy_file(src, dst)
        shutil.copystat(source, temp)

    return write


def make_backup(document: Path, reason: str = "save", now: dt.datetime | None = None) -> Path:
    """Copy the document into its backup folder, then thin the folder; returns the copy's path."""
    document = Path(document)
    now = now or dt.datetime.now()
    target = publish(backup_path(document, reason, now), _copy(document))
    thin(document, now)
    return target


class SaveBackup:
    """The rolling backup of a save, made alongside it: `fill` copies the save's new file while the save
    checks it (atomic_save), `publish` names the copy once the save has succeeded, and a save that failed
    leaves none (`discard`). A backup that cannot be made is logged, never fails the save."""

    def __init__(self, document: Path, now: dt.datetime | None = None):
        self.document = Path(document)
        self.now = now or dt.datetime.now()
        self.target: Path | None = None
        self.temp: Path | None = None
        try:
            self.target = backup_path(self.document, "save", self.now)
        except Exception as err:
            log.warning("No rolling backup of %s: %s", self.document, err)

    def fill(self, new_file: Path) -> None:
        if self.target is None:
            return
        try:
            self.temp = filled(self.target, _copy(new_file))
        except Exception as err:
            log.warning("Rolling backup of %s failed: %s", self.document, err)

    def publish(self) -> Path | None:
        if self.temp is None or self.target is None:
            return None
        try:
            os.replace(self.temp, self.target)
            self.temp = None
            thin(self.document, self.now)
        except Exception as err:
            log.warning("Rolling backup of %s failed: %s", self.document, err)
            self.discard()
            return None
        return self.target

    def discard(self) -> None:
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None


def thin(document: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete backups the retention rule no longer keeps; returns what was removed."""
    backups = list_backups(document)
    keep = backups_to_keep([s for s, _ in backups], now=now or dt.datetime.now())
    removed = []
    for stamp, path in backups:
        if stamp not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
