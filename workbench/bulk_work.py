"""Python's cyclic garbage collector held off during bulk work that makes many objects and no cycles.

Reading 100,000 rows (opening a document, or an import, which reads, checks and writes tens of thousands
of records) makes hundreds of thousands of objects that all live on (the entities), and none
that is garbage; analysing a map of 10,000 actors makes lists and dicts of hundreds of thousands of
entries, freed by their reference counts. Left on, the collector runs each time a few hundred objects
were made and goes through everything the older generations hold (a large document's every entity),
again and again: a third of the time of opening a large document, and more than half of the analysis.
Objects made meanwhile are seen by the next collection as usual. A collector run by hand (the window's,
ui.collector) waits as well: collecting every 50 ms while a large document's rows were checked beside the
window scanned them over and over, a tenth of a second of opening 100,000 entities.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_under_way = 0  # bulk work holding the collector off, on any thread


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Hold the collector off for the `with` block; leave it as it was (the window keeps it off itself)."""
    global _under_way
    was_on = gc.isenabled()
    gc.disable()
    with _lock:
        _under_way += 1
    try:
        yield
    finally:
        with _lock:
            _under_way -= 1
        if was_on:
            gc.enable()


def under_way() -> bool:
    """True while bulk work on any thread holds the collector off: a collector run by hand waits too."""
    return _under_way > 0
