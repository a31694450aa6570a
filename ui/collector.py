"""Python's cyclic garbage collector runs on the window's thread only.

Left to itself, the collector runs on whichever thread allocates when its youngest generation fills
up. On a thread beside the window it would free the window's Qt objects caught in reference cycles
(the widgets of a closed document, say) off the thread they belong to, which crashes Qt. So once the
window runs (or work beside it starts), automatic collection is off and a timer on the window's
thread collects when a generation has filled, as the automatic collector would have.

What start-up loaded before any document opened (modules, classes) is frozen, out of the
collector's sight: it is never garbage, and scanning it made each full collection take a tenth of a
second. So is what a document holds once it has opened (its entities, the first section), and, while
a document is open, whatever survives a full collection (the sections shown since): a full collection
scanning the 10,000 entities of a large document and its sections held the window for 80 to 280 ms;
now it scans what was made since the last one. When a document closes everything frozen goes back in
the collector's sight, so a closed document's objects are collected as before (frozen, a cycle among
them would be kept for as long as the program runs).

Young collections are no exception: what a long build made (a section's scene, the document a brief's
layout reads beside the window) is mostly in use, and a collection of the youngest generations scans
every object made since the last one: after building a large section, a young collection held the
window for 100 to 350 ms. So while a document is open and nothing runs beside the window (what a
build on the window's thread made), young generations holding more than a few milliseconds' scan are
set aside as they are, and only smaller ones are collected (and what a section's build made, at once,
even while work runs beside the window: the build starts it); garbage among what is set aside is freed
when its last reference goes, as all garbage without a cycle is, and a cycle among it when the document
closes. Work beside the window is not set aside: a brief's layout is garbage once it ends, its objects
referring to one another, and set aside it would be kept after every preview. Young generations that
large while work runs beside are collected once it is over, not while it runs: the work is mostly a
section's reading or layout, started by a switch whose turns (building, first paint) a collection of
tens of thousands of objects (10 to 25 ms) made longer still; and a moment after it is over (its result
shown), most of what it made has gone.

The same check lets go of the source lines Python keeps for tracebacks (linecache): the Qt bindings
read the whole source of every module imported after them (to see whether it uses them), and kept, the
modules the sections and the brief load held 30 MB of text. It is let go of only while nothing runs
beside the window, whose imports read the same cache.
"""

from __future__ import annotations

import gc
import linecache
import time

from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer

from workbench import bulk_work

CHECK_MS = 50  # the young generation fills in tens of milliseconds at most, even while laying out a brief
# Young objects a collection may scan: about 5 ms on a quiet machine (a quarter of a microsecond each
# on a busy one); more, while a document is open, are set aside instead.
YOUNG_SCAN_LIMIT = 20_000
SETTLE_S = 0.3  # what work beside the window left is collected this long after it is over (its result shown)


class _Collector:
    def __init__(self):
        self.timer = QTimer(QCoreApplication.instance())
        self.timer.timeout.connect(self.collect_due)
        self.old = 0  # objects in the oldest generation after its last collection
        self.owed = False  # young generations too large to collect were left while work ran beside the window
        self.quiet_since: float | None = None  # when that work was seen over

    def _settled(self) -> bool:
        """Whether the work beside the window has been over a while (its result shown, not just come in)."""
        now = time.monotonic()
        if self.quiet_since is None:
            self.quiet_since = now
        return now - self.quiet_since >= SETTLE_S

    def collect_due(self) -> None:
        """CPython's own rule: a generation is collected once the one below it was collected `threshold`
        times; the oldest only once it has grown by a quarter since (else full collections go quadratic)."""
        beside = _work_beside()
        if linecache.cache and not beside:
            linecache.clearcache()  # read again from the file if a traceback needs it
        if self.owed:
            if beside:
                self.quiet_since = None
                return
            if not self._settled():
                return
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if not thresholds[0] or counts[0] <= thresholds[0] or bulk_work.under_way():  # what it makes lives on
            return
        generation = 1 if counts[1] > thresholds[1] else 0
        if generation == 1 and counts[2] > thresholds[2]:
            oldest = len(gc.get_objects(2))
            if oldest - self.old > self.old / 4:
                generation = 2
        if _documents_open and self.young(min(generation, 1)) > YOUNG_SCAN_LIMIT:
            if beside:  # collected once the work is over (see the module's docstring)
                self.owed = True
                return
            if not self.owed:
                gc.freeze()  # what a build made: set aside, not scanned
                return
        if self.owed:
            generation, self.owed, self.quiet_since = max(generation, 1), False, None  # what the work left
        self.collect(generation)

    @staticmethod
    def young(generation: int) -> int:
        """About how many objects a collection of `generation` (0 or 1) would scan."""
        made = gc.get_count()[0]  # tracked objects made since the youngest was last collected, less those freed
        return made if generation == 0 or made > YOUNG_SCAN_LIMIT else made + len(gc.get_objects(1))

    def collect(self, generation: int) -> None:
        gc.collect(generation)
        if generation == 2:
            if _documents_open:
                gc.freeze()  # what a full collection left is in use: the next one need not scan it again
            self.old = len(gc.get_objects(2))


def _work_beside() -> bool:
    return QThreadPool.globalInstance().activeThreadCount() > 0


def collect_young() -> None:
    """Collect the young generations now: call it after long work on the window's thread that leaves
    mostly garbage (a layout), which the next check would otherwise set aside as if it were a build."""
    gc.collect(1)


_collector: _Collector | None = None
_documents_open = 0


def collect_on_window_thread() -> None:
    """From now on, collect only on this thread (the window's); call it on that thread, as often as you like."""
    global _collector
    gc.disable()
    if _collector is None:
        _collector = _Collector()
    if not _collector.timer.isActive():
        _collector.timer.start(CHECK_MS)


def freeze_start_up() -> None:
    """Put what start-up has loaded so far out of the collector's sight; call it before any document opens."""
    gc.freeze()


def set_aside_open_document() -> None:
    """Put what is alive now, a document that has just opened included, out of the collector's sight;
    call it on the window's thread once the document shows. Garbage made later is collected as usual."""
    global _documents_open
    _documents_open += 1
    gc.freeze()


def set_aside_build() -> None:
    """Set aside what a section's build has just made on the window's thread, when it is more than a young
    collection may scan; call it right after the build. The timer's check does the same, except while work
    runs beside the window (a build starts its section's reading beside it): collected young then, a
    large build's objects went on to the middle generation and each collection of it scanned them again
    (17 to 22 ms of processor time, 30 to 57 ms on a loaded machine). What work beside made meanwhile is
    set aside with them, once per section and document, and collected when the document closes."""
    if _documents_open and gc.get_count()[0] > YOUNG_SCAN_LIMIT:
        gc.freeze()


def document_closed() -> None:
    """Everything set aside is in the collector's sight again: what the closed document held is collected
    with the next full collection (what start-up loaded is set aside again with the next document)."""
    global _documents_open
    _documents_open = max(0, _documents_open - 1)
    gc.unfreeze()
    if _collector is not None:
        _collector.old = 0  # the oldest generation has grown by all that was frozen: collect it when due


def collecting() -> bool:
    """True while the window's thread does the collecting (and the automatic collector is off)."""
    return _collector is not None and _collector.timer.isActive() and not gc.isenabled()
