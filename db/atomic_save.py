"""Write a document so that a crash at any instant leaves the old file or the new one, never a torn one.

Steps: copy the working document into a temporary file beside the target (SQLite's backup API, page
for page; VACUUM INTO when a fair share of its pages are free, which compacts it), check it while it is
flushed to disk, settle SQLite's sidecar files of the current target (see sidecars), keep the current
target as `<name>.iipw.bak` (under a second name, or copied), then give the new file the old one's
permissions, rename it over the target and flush the folder. Temporary files get random names and are
created exclusively (see workbench.safe_files). Deleted text never reaches the file: the working copy
zeroes what it frees (secure_delete, see sqlite_file), and a compacting copy holds only what is live.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from db import sidecars
from db.errors import SaveFailed, reason_of
from db.sqlite_file import APPLICATION_ID, fsync_path
from workbench.safe_files import new_temp_beside, open_temp_beside, sibling, temp_names

if TYPE_CHECKING:
    from concurrent.futures import Executor

TEMP_TAG = "saving"

log = logging.getLogger(__name__)


def bak_path(target: Path) -> Path:
    return sibling(target, "", ".bak")


COMPACT_SHARE = 0.25  # free pages in the working copy above which a save compacts it (VACUUM INTO)
MMAP_BYTES = 1 << 30  # bytes of a document a copy or its check may map (a larger one is read the usual way beyond)


def write_temp(source: sqlite3.Connection, temp: Path) -> None:
    """A self-contained copy of the working document (no -journal, no -wal) in the empty `temp`.

    Page for page (SQLite's backup API: no journal for a file no one else knows, flushed by the caller),
    unless a quarter of its pages are free after deletions: then VACUUM INTO writes it compacted."""
    pages = source.execute("PRAGMA page_count").fetchone()[0]
    free = source.execute("PRAGMA freelist_count").fetchone()[0]
    if free > pages * COMPACT_SHARE:
        source.execute("VACUUM INTO ?", (str(temp),))
        return
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        source.backup(conn)
    finally:
        conn.close()


def verify(temp: Path, schema_version: int) -> None:
    """The copy is a sound document of this version: every page and record readable (quick_check, as
    opening checks a file; the copy is the working document page for page, whose rows were checked)."""
    conn = sqlite3.connect(temp)
    try:
        conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # pages read in place, not copied into SQLite's cache
        ok = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    if not ok or app_id != APPLICATION_ID or version != schema_version:
        raise SaveFailed("The copy written for saving did not pass its check; your previous file is unchanged.")


def verify_while_flushing(temp: Path, schema_version: int, beside: Sequence[Callable[[Path], object]] = ()) -> None:
    """Check the copy while the disk takes it in (and each of `beside` reads it): the check reads what
    the system already holds in memory, the flush and `beside` wait on the disk, so they overlap. The
    check or the flush failing fails the save, once all are over; each of `beside` answers for its own
    errors."""
    pool = helpers()
    flushed = pool.submit(fsync_path, temp)
    besides = [pool.submit(work, temp) for work in beside]
    try:
        verify(temp, schema_version)
    finally:
        error = flushed.exception()
        for work in besides:
            work.exception()  # done with the file before the save goes on
    if error is not None:
        raise error


_pool: list[Executor] = []


def helpers() -> Executor:
    """Threads for the steps of a save that wait on the disk (its flush, and what a save does beside it:
    its rolling backup, its digest, then the naming of that backup), started by the first save and kept."""
    if not _pool:
        from concurrent.futures import ThreadPoolExecutor  # here: only saving needs it

        _pool.append(ThreadPoolExecutor(3, thread_name_prefix="saving"))
    return _pool[0]


def end_helpers() -> None:
    """Finish the work handed to the helper threads and end them (a command, as it ends: none is then left
    running beside it). Any later work starts them again."""
    if _pool:
        _pool.pop().shutdown(wait=True)


def keep_previous(target: Path, *, flushed: bool = False) -> None:
    """Give the current file the name .bak (via a temporary name, so the .bak is never torn either).

    A second name for the same file costs no copy: the save then renames the new file over the target,
    and the old one lives on as .bak alone. A file that has other names too (or is a symbolic link, or
    sits where there are no hard links) is copied instead, so that the .bak shares its bytes with nothing.
    The file is flushed first, as another program may have written it, unless it is `flushed` (this
    program saved it): its second name then becomes durable with the folder's flush that ends the save."""
    if not target.exists():
        return
    bak = bak_path(target)
    sidecars.settle(bak)  # a -wal beside the .bak would be replayed into it just the same
    linked = link_beside(target)
    tmp = linked or copy_beside(target)
    try:
        if linked is None or not flushed:  # a copy is new data, always flushed
            fsync_path(tmp)
        os.replace(tmp, bak)
    except BaseException:
        discard(tmp)  # a failed step (e.g. disk full) must not leave a stray file
        raise


def link_beside(target: Path) -> Path | None:
    """A temporary second name for `target`, or None where it would not be the file's only other name."""
    try:
        found = os.lstat(target)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode) or found.st_nlink != 1:
        return None
    for _attempt in range(8):
        name = sibling(target, ".", f".{os.urandom(4).hex()}.{TEMP_TAG}", len("-journal"))  # as open_temp_beside
        try:
            os.link(target, name)  # `target` is a regular file (above): nothing to follow
            return name
        except FileExistsError:
            continue
        except OSError as err:  # no hard links here (FAT, some network shares) or not allowed: copy
            log.info("Copying %s to .bak instead of linking it: %s", target.name, err)
            return None
    return None


def copy_beside(target: Path) -> Path:
    """A temporary copy of `target` beside it, with its permission bits."""
    fd, tmp = open_temp_beside(target, TEMP_TAG, reserve=len("-journal"))  # named like the save's own temp
    try:
        with open(target, "rb") as src, os.fdopen(fd, "wb") as dst:
            copy_file(src, dst)
        keep_mode(target, tmp)
    except BaseException:
        discard(tmp)
        raise
    return tmp


def copy_file(src: BinaryIO, dst: BinaryIO) -> None:
    """Copy one open file into another: in the kernel where it can (no pass through Python's buffers),
    else in chunks."""
    if hasattr(os, "copy_file_range"):
        size = os.fstat(src.fileno()).st_size
        done = 0
        try:
            while done < size:
                sent = os.copy_file_range(src.fileno(), dst.fileno(), size - done)
                if sent == 0:
                    break
                done += sent
        except OSError as err:
            if err.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL) or done:
                raise
        if done == size:
            return
    shutil.copyfileobj(src, dst)


def keep_mode(target: Path, new: Path) -> None:
    """Give `new` the permission bits of `target` (a private 600 or read-only 444 file stays so)."""
    os.chmod(new, stat.S_IMODE(os.stat(target).st_mode))


def replace(temp: Path, target: Path) -> None:
    os.replace(temp, target)
    try:
        fsync_path(target.parent)
    except OSError as err:  # the new file is in place; only the folder entry's flush failed
        log.warning("Could not flush folder %s after saving: %s", target.parent, err)


def remove_leftovers(target: Path) -> list[Path]:
    """Delete temporary files an interrupted save left beside the target (we hold its lock)."""
    ours = temp_names(target, TEMP_TAG, len("-journal"))
    removed = []
    for leftover in target.parent.iterdir():
        name = leftover.name
        if ours.fullmatch(name.removesuffix("-journal")) or name == target.name + ".bak.tmp":  # .bak.tmp: older
            discard(leftover)
            removed.append(leftover)
    return removed


def leftover_names(target: Path, st: os.stat_result) -> int:
    """How many of the file's names an interrupted save gave it: keep_previous links the old file under a
    temporary name, then makes that name the .bak, and the new file takes the target's name last. Killed
    in between, the save leaves the file under one of those names too: they are the save's own, not the
    user's (the next save gives the .bak its own file)."""
    ours = temp_names(target, TEMP_TAG, len("-journal"))
    bak = bak_path(target).name
    count = 0
    for found in target.parent.iterdir():
        if ours.fullmatch(found.name) or found.name == bak:
            try:
                other = os.lstat(found)
            except OSError:
                continue
            count += (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)
    return count


def discard(temp: Path) -> None:
    """Remove a temporary file if it is there. Failing to is logged, not raised: it must not turn a
    save that reached the disk into a reported failure (the next save removes it)."""
    try:
        temp.unlink(missing_ok=True)
    except OSError as err:
        log.warning("Could not remove the temporary file %s: %s", temp, err)


def save_atomically(
    source: sqlite3.Connection,
    target: Path,
    schema_version: int,
    beside: Sequence[Callable[[Path], object]] = (),
    *,
    flushed: bool = False,
) -> None:
    """Save the open working document to `target`; raise SaveFailed with a plain message on failure.

    Each of `beside` is given the new file, under its temporary name, while it is checked (verify_while_flushing).
    `flushed`: the current target is a file this program saved and flushed, unchanged since (keep_previous)."""
    target = Path(target)
    temp = None
    try:
        remove_leftovers(target)
        # A new document gets the usual permissions (0o666 less the umask); an existing one keeps its own.
        temp = new_temp_beside(target, TEMP_TAG, 0o600 if target.exists() else 0o666)
        write_temp(source, temp)
        verify_while_flushing(temp, schema_version, beside)
        sidecars.settle(target)
        keep_previous(target, flushed=flushed)
        if target.exists():
            keep_mode(target, temp)
        replace(temp, target)
        temp = None  # it is the target now
    except SaveFailed:
        raise
    except (OSError, sqlite3.Error) as err:
        raise SaveFailed(_explain(err, target), f"{type(err).__name__}: {err}") from err
    finally:
        if temp is not None:
            discard(temp)
            discard(temp.with_name(temp.name + "-journal"))


def _explain(err: Exception, target: Path) -> str:
    """One sentence: why the save failed, that nothing was lost, and what to do."""
    text = str(err).lower()
    code = getattr(err, "errno", None)
    safe = "your work is safe in the open document and the previous file is unchanged"
    elsewhere = "free some space, or use Save As to save elsewhere"
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "full" in text or "too large" in text:
        return f"The disk is full, so {target.name} could not be saved; {safe} ({elsewhere})."
    if getattr(err, "sqlite_errorname", None) == "SQLITE_IOERR_WRITE":
        # SQLite reports only ENOSPC as "full"; a quota (EDQUOT) or file-size limit (EFBIG) arrives as a write error.
        return f"The disk is full or could not be written, so {target.name} could not be saved; {safe} ({elsewhere})."
    if isinstance(err, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return (
            f"You do not have permission to save in {target.parent}, so {target.name} could not be saved; "
            f"{safe} (use Save As to choose another folder)."
        )
    what, todo = reason_of(err)
    return f"{target.name} could not be saved because {what}; {safe} ({todo})."
