"""One pass of analyses over a document: what many of them ask for (the policy's instruments, each
instrument's budget) is worked out once in the pass, not once per question that asks.

The checklists ask for the policy's instruments twice for each of a dozen questions; on a document of
20,000 instruments each asking walked them all again, a tenth of a second per question. A pass lasts
as long as its `with` block on the thread that opened it (a context variable: the window's thread and
work beside it never share one), and only answers for the document it was opened on, which the
analyses inside it read and never change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from workbench.document import Document

_pass: ContextVar[tuple[Document, dict[Callable, object]] | None] = ContextVar("analysis_pass", default=None)


@contextmanager
def one_pass(doc: Document) -> Iterator[None]:
    """Within the block, what `once_per_pass` functions work out for `doc` is kept (a pass already open
    on `doc` goes on: nested analyses share it)."""
    current = _pass.get()
    if current is not None and current[0] is doc:
        yield
        return
    token = _pass.set((doc, {}))
    try:
        yield
    finally:
        _pass.reset(token)


def once_per_pass[T](work: Callable[[Document], T]) -> Callable[[Document], T]:
    """`work(doc)` worked out once per pass over `doc`, every time outside one. What it returns is shared
    by every caller in the pass: they must not change it."""

    @wraps(work)
    def remembered(doc: Document) -> T:
        current = _pass.get()
        if current is None or current[0] is not doc:
            return work(doc)
        kept = current[1]
        if work not in kept:
            kept[work] = work(doc)
        return kept[work]  # type: ignore[return-value]  # kept under `work`, so made by it

    return remembered
