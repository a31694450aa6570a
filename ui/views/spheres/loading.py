"""Opening the board of the spheres (and of the workshop, which draws on them): a small one read at once;
a large one read and worked out beside the window (ui.canvas.beside), the scene taking it over in one step.
"""

from __future__ import annotations

from ui.canvas.beside import ReadBeside
from ui.document import OpenDocument
from ui.views.spheres.model import KINDS, Board, board_at, build
from ui.views.spheres.scene import CARDS_AT_ONCE


def read_beside(doc: OpenDocument) -> bool:
    """The document's board is large: read beside the window."""
    return doc.store.counts(["item"]).get("item", 0) > CARDS_AT_ONCE


def read_board(doc: OpenDocument, reader: ReadBeside[Board]) -> None:
    store = doc.store
    if not read_beside(doc):
        reader.now(build(*(store.all(kind) for kind in KINDS)))  # type: ignore[arg-type]
    else:
        path = store.path
        reader.beside(lambda: board_at(path))
