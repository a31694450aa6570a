"""Opening holds Python's collector off while it reads rows in bulk, and leaves it as it found it."""

from __future__ import annotations

import contextlib
import gc

import pytest

import workbench.bulk_work
from db.session import DocumentSession


@pytest.mark.parametrize("was_on", [True, False])
def test_opening_reads_without_the_collector_and_leaves_it_as_it_was(saved_doc, monkeypatch, was_on):
    seen = []
    real = workbench.bulk_work.no_collection

    def watched():
        with real():
            seen.append(gc.isenabled())
            yield

    monkeypatch.setattr(workbench.bulk_work, "no_collection", contextlib.contextmanager(watched))
    (gc.enable if was_on else gc.disable)()
    try:
        DocumentSession.open(saved_doc, read_only=True).close()
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert seen == [False]
