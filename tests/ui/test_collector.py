"""A full garbage collection does not scan what an open document holds, nor what the last full collection
left (with 10,000 entities it held the window for up to a quarter of a second); once the document closes,
what it held is collected as before."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

from ui import collector


class Node:
    """Garbage that only the cyclic collector can free (it refers to itself)."""

    def __init__(self):
        self.me = self


def scanned(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())


@contextmanager
def collections_started() -> Iterator[list[int]]:
    """The generation of each collection that starts meanwhile."""
    collections: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield collections
    finally:
        gc.callbacks.remove(note)


def test_an_open_document_is_out_of_the_collectors_sight_until_it_closes(window):
    window.new_from_sample()
    doc = window.doc
    assert not scanned(doc) and not scanned(doc.store)
    garbage = Node()  # made while the document is open: collected as usual
    made_while_open = weakref.ref(garbage)
    del garbage
    gc.collect()
    assert made_while_open() is None
    gone = weakref.ref(doc)
    kept = Node()  # alive at a full collection while the document is open: not scanned by the next
    collector.collect_on_window_thread()
    assert collector._collector is not None
    collector._collector.collect(2)
    assert not scanned(kept)
    del doc
    window.close_document()
    assert gc.get_freeze_count() == 0
    assert scanned(kept)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what deleteLater() asked for
    gc.collect()
    assert gone() is None


def test_what_a_long_build_made_is_set_aside_not_scanned_by_a_young_collection(window):
    """A young collection after building a large section held the window for 100 to 350 ms."""
    window.new_from_sample()
    collector.collect_on_window_thread()
    assert collector._collector is not None
    built = [Node() for _ in range(collector.YOUNG_SCAN_LIMIT + 1_000)]  # a scene's items, say (well over the
    # limit: the young count goes down with every object freed before the check, a few dozen when run alone)
    cycle = weakref.ref(built[0])
    with collections_started() as collections:
        collector._collector.collect_due()
    assert collections == [] and not scanned(built[-1])
    del built
    window.close_document()  # the cycles among what was set aside are collected with the document
    gc.collect()
    assert cycle() is None


def test_what_work_beside_the_window_leaves_is_collected_once_it_is_over_not_set_aside(window, qtbot, monkeypatch):
    """A brief's layout beside the window is garbage once it ends, its objects referring to one another:
    set aside, it would be kept after every preview. Collected while the work ran, among the turns of the
    switch that started it, it made them longer still (10 to 25 ms)."""
    from ui.jobs import Job

    window.new_from_sample()
    collector.collect_on_window_thread()
    assert collector._collector is not None
    gc.collect()
    laid_out = [Node() for _ in range(collector.YOUNG_SCAN_LIMIT + 1)]  # garbage as soon as it is dropped
    left = weakref.ref(laid_out[0])
    del laid_out
    frozen = gc.get_freeze_count()
    release = threading.Event()
    job = Job(lambda _progress, _stop: release.wait(30))
    job.start()
    try:
        qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() > 0)
        collector._collector.collect_due()
        collector._collector.collect_due()
        assert left() is not None and gc.get_freeze_count() == frozen  # left for now, not set aside
    finally:
        release.set()
        qtbot.waitUntil(lambda: not job.running)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    monkeypatch.setattr(collector, "SETTLE_S", 0.05)
    collector._collector.collect_due()
    assert left() is not None  # its result is being shown: a moment later
    qtbot.wait(60)
    collector._collector.collect_due()
    assert left() is None


def test_source_lines_read_by_imports_are_not_kept(window, qtbot):
    """The Qt bindings read the whole source of every module imported after them: kept, 30 MB of text."""
    import linecache

    collector.collect_on_window_thread()
    assert collector._collector is not None
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)  # no import beside the window
    linecache.getlines(__file__)
    collector._collector.collect_due()
    assert not linecache.cache


def test_the_window_collects_nothing_while_bulk_work_holds_the_collector_off(window):
    """Opening 100,000 entities: collecting every 50 ms while their rows were checked beside the window
    scanned them again and again (a tenth of a second); once the work is over, what is due is collected."""
    from workbench import bulk_work

    collector.collect_on_window_thread()
    assert collector._collector is not None
    made = [Node() for _ in range(gc.get_threshold()[0] + 1)]  # a young generation due for collection
    with collections_started() as collections:
        with bulk_work.no_collection():
            collector._collector.collect_due()
        held_off = list(collections)
        collector._collector.collect_due()
    assert held_off == [] and collections
    assert len(made) > gc.get_threshold()[0]


def test_what_a_section_build_made_is_set_aside_even_while_work_runs_beside(window, qtbot, monkeypatch):
    """A build starts its section's reading beside the window; collected young meanwhile, what the build
    made went on to the middle generation, and each collection of it scanned all of it again (30 to 57 ms)."""
    from ui import main_window
    from ui.jobs import Job

    class Large:
        """A section whose build makes more than a young collection may scan (a scene's items, say)."""

        def __init__(self, section):
            self.section, self.title = section, section.title

        def build(self, doc):
            view = self.section.build(doc)
            view.made = [Node() for _ in range(collector.YOUNG_SCAN_LIMIT + 1)]
            release = threading.Event()
            view.reading = Job(lambda _progress, _stop: release.wait(30))  # its reading beside the window
            view.reading.start()
            view.release = release
            return view

    window.new_from_sample()
    collector.collect_on_window_thread()
    monkeypatch.setitem(main_window.BY_KEY, "rationale", Large(main_window.BY_KEY["rationale"]))
    window.show_section("rationale")
    view = window.views["rationale"]
    try:
        qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() > 0)
        assert not scanned(view.made[-1])
    finally:
        view.release.set()
        qtbot.waitUntil(lambda: not view.reading.running)
