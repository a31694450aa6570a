"""How a brief numbers what it prints, the same in the PDF and in Word: running paragraph numbers across
the numbered sections, sub-points of the paragraph just numbered, and a recommendation's lettered limbs.

Which blocks take which number is decided here too (`marks`), so the two layouts cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.briefs.blocks import Block, Bullets, Para


class Numbering:
    """Running paragraph numbers across the numbered sections of a brief (1., 2., 3., ...), and the
    sub-points of the paragraph last numbered (4.1, 4.2, ...)."""

    def __init__(self) -> None:
        self.n = 0
        self.k = 0

    def next(self) -> str:
        self.n += 1
        self.k = 0
        return f"{self.n}."

    def sub(self) -> str:
        self.k += 1
        return f"{self.n}.{self.k}"


def letter(n: int) -> str:
    """(a), (b), ... (z), (aa): a recommendation limb's label."""
    label = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("a") + rest) + label
    return f"({label})"


def marks(block: Block, numbering: Numbering, under: bool) -> Iterator[str]:
    """The number of each paragraph of `block` in a numbered section: a paragraph gets the next number;
    bullets right after a paragraph are its sub-points (4.1, 4.2), other bullets numbered paragraphs."""
    if isinstance(block, Para):
        yield numbering.next()
    elif isinstance(block, Bullets):
        for _ in block.items:
            yield numbering.sub() if under else numbering.next()
