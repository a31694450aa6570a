"""Python's cyclic garbage collector held off during bulk work that makes many objects and no cycles.

Reading 100,000 rows (opening a document, or an import, which reads, checks and writes tens of thousands
of records) makes hundreds of thousands of objects that all live on (the entities), and none
that is garbage; analysing a map of 10,000 actors makes lists and dicts of hundreds of thousands of
entries, freed by their reference counts. Left on, the collector runs each time a few hundred objects
were made and goes through everything the older generations hold (a large document's every entity),
again and again: a third of the time of opening a large document, and more than half of the analysis.
Objects made meanwhile are seen by the next collection as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Hold the collector off for the `with` block; leave it as it was (the window keeps it off itself)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
