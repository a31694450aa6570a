"""Documents this program has checked whole before, known by the SHA-256 of their bytes.

Opening checks every page and row of a file, as it may come from anyone; bytes that passed those checks
once pass them again. So a file whose exact bytes were checked here (when it was opened, or as a save here
wrote them) is not checked again, and the overview's findings, worked out for those bytes on the same
day, are shown at once instead of a moment after the window. A file changed by as much as one byte is
another file, checked whole. The records sit in the app-data folder, which only this user's program
writes (as it writes the working copies and the compiled methods); a record that cannot be read is no
record, one that cannot be written is only time lost. A new version of the program checks again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.migrations import SCHEMA_VERSION
from db.paths import app_data_dir
from workbench import __version__
from workbench.safe_files import open_temp_beside, remove_stale_temps

log = logging.getLogger(__name__)
KEPT = 64  # records kept, the newest: a file opened or saved in the last weeks, however many
FOLDER = "known"


def digest_of(path: Path) -> str:
    """The SHA-256 of the file's bytes, as hex (a 12 MB document takes about 12 ms, beside the window)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def digest_of_bytes(data: bytes) -> str:
    """`digest_of` a file whose bytes were read whole."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Known:
    """What a record says of a file: it was checked whole; `findings`, when kept for the day asked about,
    are the overview's summary of what needs attention in it (workbench.findings.summary_data)."""

    findings: list[Any] | None


def recall(digest: str, today: dt.date) -> Known | None:
    """The record of the file with this digest, if this version of the program checked it."""
    data = _record(digest)
    if data is None:
        return None
    kept = data.get("findings")
    if isinstance(kept, dict) and kept.get("on") == today.isoformat():
        return Known(kept.get("attention"))
    return Known(None)


def _record(digest: str) -> dict[str, Any] | None:
    """The record of this version of the program for the file with this digest, if there is one to read."""
    try:
        data = json.loads(_path(digest).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("program") != __version__ or data.get("schema") != SCHEMA_VERSION:
        return None
    return data


def remember(digest: str, findings: list[Any] | None = None, today: dt.date | None = None) -> None:
    """Record that the file with this digest was checked whole (and the overview's findings of `today`
    for it, when given). Failing to write is logged: the next opening checks the file again.

    Without findings, a record this version made is kept as it is, findings and all (they are of the same
    bytes), and only made the newest: a file saved again as it was costs no write."""
    if findings is None and _record(digest) is not None:
        try:
            os.utime(_path(digest))
            return
        except OSError:
            pass  # (removed meanwhile: written again below)
    record: dict[str, Any] = {"program": __version__, "schema": SCHEMA_VERSION}
    if findings is not None:
        record["findings"] = {"on": (today or dt.date.today()).isoformat(), "attention": findings}
    try:
        target = _path(digest)
        target.parent.mkdir(exist_ok=True)
        new = not target.exists()
        _write(target, json.dumps(record).encode("utf-8"))
        if new:
            _thin(target)
    except OSError as err:
        log.info("The record of a checked document could not be kept: %s", err)


def _write(target: Path, data: bytes) -> None:
    """Whole or not at all, as workbench.safe_files.write_atomically, but not flushed to disk: a record a
    power cut loses only costs its file a check, while waiting on the disk would cost every opening."""
    fd, temp = open_temp_beside(target, "partial")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def keep_findings_of_saved(path: Path, digest: str) -> None:
    """Work out the overview's findings of the file a save here has just written with this digest, and
    keep them for it (run beside the window). Nothing is kept if the file's bytes are not, before and
    after they are read, the ones the save wrote (another save, or another program, changed them)."""
    from db.snapshot import read_snapshot  # here: only this work, beside the window, needs them
    from workbench.attention import needs_attention
    from workbench.findings import summary_data

    if digest_of(path) != digest:
        return
    found = summary_data(needs_attention(read_snapshot(path)))
    if digest_of(path) == digest:
        remember(digest, found)


def recorded(digest: str) -> bool:
    """True when the file with this digest has a record (of this or another version)."""
    return _path(digest).exists()


def _path(digest: str) -> Path:
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        raise ValueError(f"not a SHA-256 digest: {digest[:80]!r}")
    return app_data_dir() / FOLDER / f"{digest}.json"


def _thin(written: Path) -> None:
    """Keep the KEPT newest records (the others' files are checked whole when next opened), and no
    temporary file a killed writer left."""
    remove_stale_temps(written, "partial")
    records = [e for e in os.scandir(written.parent) if e.name.endswith(".json")]
    if len(records) <= KEPT:
        return
    records.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
    for entry in records[KEPT:]:
        Path(entry.path).unlink(missing_ok=True)
