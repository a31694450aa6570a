"""Once a document shows, what the spheres need is made ready a step per turn of the event loop, so their
first showing does not wait for it (steps counted in turns, not timed, so a busy machine cannot fail it)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ui import ahead
from ui.views.sections import BY_KEY


def test_the_spheres_modules_load_a_step_per_turn_once_a_document_shows(window, qtbot, monkeypatch):
    loaded: list[tuple[str, int]] = []  # (module, the turn it loaded in)
    turns = [0]
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    ticker.start()
    monkeypatch.setattr(ahead, "import_module", lambda module: loaded.append((module, turns[0])))
    window.new_document()
    wanted = list(BY_KEY["spheres"].ahead)
    qtbot.waitUntil(lambda: len(loaded) == len(wanted), timeout=5_000)
    ticker.stop()
    assert [module for module, _turn in loaded] == wanted
    assert len({turn for _module, turn in loaded}) == len(wanted)  # one a turn
