"""The value-chain figure tells the value roles apart by more than colour: "creates" and "captures"
print as the same grey, so each role's bars (and its key) carry a hatching of their own."""

from __future__ import annotations

from reportlab.graphics.shapes import Line, Rect

from templates_reports.figures.value_chain import ROLES, value_chain_drawing
from workbench.document import Document
from workbench.sample import sample_entities
from workbench.value_chain.analysis import analyse_value_chain


def _hatching(drawing, box: Rect) -> set[int]:
    """The slopes (+1 rising, -1 falling) of the lines drawn inside `box`."""
    inside = set()
    for shape in drawing.contents:
        if not isinstance(shape, Line):
            continue
        xs, ys = (shape.x1, shape.x2), (shape.y1, shape.y2)
        within = all(box.x - 0.01 <= x <= box.x + box.width + 0.01 for x in xs) and all(
            box.y - 0.01 <= y <= box.y + box.height + 0.01 for y in ys
        )
        if within and shape.x2 != shape.x1 and shape.y2 != shape.y1:
            inside.add(1 if (shape.y2 - shape.y1) * (shape.x2 - shape.x1) > 0 else -1)
    return inside


def test_each_value_role_has_its_own_hatching_in_the_bars_and_the_key():
    analysis = analyse_value_chain(Document.of(sample_entities()))
    drawing = value_chain_drawing(analysis, "EUR")
    looks: dict[str, set[frozenset[int]]] = {key: set() for key, _w, _c in ROLES}
    for shape in drawing.contents:
        for key, _words, colour in ROLES:
            if isinstance(shape, Rect) and shape.fillColor == colour and shape.height > 0.5:
                looks[key].add(frozenset(_hatching(drawing, shape)))
    assert all(len(found) == 1 for found in looks.values()), looks  # bars and key alike
    hatchings = [next(iter(found)) for found in looks.values()]
    assert len(set(hatchings)) == len(ROLES)  # three roles, three looks: plain, rising, falling
    assert frozenset() in hatchings and all(len(h) <= 1 for h in hatchings)
