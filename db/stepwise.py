"""A write made a slice at a time (an import of thousands of links from the window), in one transaction on
a connection of its own to the working copy: the window's connection reads the document as it was until
the last step commits, so a crash half-way loses nothing the window showed, and the store refuses every
other write meanwhile (Store.writing), so nothing commits half of it."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from db.errors import DocumentError, explain_write_failure
from db.operations import Done
from db.sqlite_file import apply_pragmas
from db.upsert import Steps, Written

_BUMP_REVISION = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'"
Ended = Callable[[Written | None, str], Done | None]  # committed (what was written) or rolled back (None)


class StepwiseWrite:
    """`step` writes the next slice; the last one commits and returns what was done. `what` names the
    write for the sentence refusing other changes meanwhile, `initiator` who asked for it; `ended` hears
    how it ended (the store)."""

    def __init__(
        self, path: Path, steps: Callable[[sqlite3.Connection], Steps], what: str, initiator: str, ended: Ended
    ):
        self.what, self.initiator = what, initiator
        self.ended = ended
        self.conn = sqlite3.connect(path, isolation_level=None)
        with self._rolled_back_on_failure():
            apply_pragmas(self.conn)
            # Dirty pages stay in memory until the commit: spilling them would lock the file against the
            # window's reads half-way through.
            self.conn.execute("PRAGMA cache_spill=OFF")
            self.conn.execute("BEGIN IMMEDIATE")
            self.steps = steps(self.conn)

    def step(self) -> Done | None:
        """Write the next slice; None while there is more, then (on the last step, which commits) the done
        write, heard by the store's listeners. A failure rolls everything back and raises."""
        with self._rolled_back_on_failure():
            try:
                next(self.steps)
                return None
            except StopIteration as end:
                written: Written = end.value
            self.conn.execute(_BUMP_REVISION)
            self.conn.execute("COMMIT")
        self.conn.close()
        return self.ended(written, self.initiator)

    def abandon(self) -> None:
        """Roll back what is written so far (the document closes, or the window gives up)."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        finally:
            self.conn.close()
            self.ended(None, "")

    @contextlib.contextmanager
    def _rolled_back_on_failure(self) -> Iterator[None]:
        """Nothing of the write is kept when any part fails; the driver's error said in one sentence."""
        try:
            yield
        except BaseException as err:
            self.abandon()
            if isinstance(err, sqlite3.Error):
                raise DocumentError(explain_write_failure(err), f"{type(err).__name__}: {err}") from err
            raise
