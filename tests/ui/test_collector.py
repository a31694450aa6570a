"""A full garbage collection does not scan what an open document holds (with 10,000 entities it held the
window for up to a quarter of a second); once the document closes, what it held is collected as before."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent


class Node:
    """Garbage that only the cyclic collector can free (it refers to itself)."""

    def __init__(self):
        self.me = self


def scanned(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())


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
    del doc
    window.close_document()
    assert gc.get_freeze_count() == 0
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what deleteLater() asked for
    gc.collect()
    assert gone() is None
