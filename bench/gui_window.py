"""The real main window, for the benchmarks that time what a user waits for in it (imported after the
benchmark has set up its app-data folder: the window reads its settings there)."""

from __future__ import annotations


def sample_in_briefs():
    """A window at a desk's size, showing the sample's Briefs section; (window, its BriefsView)."""
    from db.session import DocumentSession
    from ui.document import OpenDocument
    from ui.main_window import MainWindow
    from ui.views.briefs import BriefsView
    from workbench.sample import sample_entities

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.set_document(OpenDocument(DocumentSession.new(sample_entities()), window))
    window.show_section("briefs")
    view = window.current_view()
    assert isinstance(view, BriefsView)
    return window, view


def close_window(app, window) -> None:
    """Close the window's document and the window, as quitting does."""
    doc = window.doc
    window.set_document(None)
    if doc is not None:
        doc.close()
    window.close()
    app.processEvents()
