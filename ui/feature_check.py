"""A faster answer to the question PySide asks of every module: does its source name PySide6?

PySide (for its `__feature__` switches) asks this of every module loaded once it is, and of those loaded
before, reading each one's source with `inspect.getsource`, which decodes and splits it into lines: about
a tenth of a millisecond a module, 10 to 15 ms of every start. Here the same question is asked of the
file's bytes. A module without a .py file gets PySide's own answer, and a PySide without the function is
left as it is. Installed by ui.cli before the first Qt module loads.
"""

from __future__ import annotations

import sys
from types import ModuleType


def install() -> None:
    import PySide6  # noqa: F401  the package only (its support modules), not yet a Qt module

    feature = sys.modules.get("PySide6.support.feature")
    asked = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or asked is None or getattr(asked, "reads_bytes", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return asked(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    uses_pyside.__wrapped__ = asked  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
