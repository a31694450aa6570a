"""Python's cyclic garbage collector held off while a document's rows are read in bulk (opening, and
an import, which reads, checks and writes tens of thousands of records).

Reading 100,000 rows makes hundreds of thousands of objects that all live on (the entities), and none
that is garbage. Left on, the collector runs each time a few hundred of them were made and goes
through everything the older generations hold, again and again: a third of the time of opening a
large document. Objects made meanwhile are seen by the next collection as usual.
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
