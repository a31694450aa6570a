"""The preview follows typing: page 1 shows the words just typed within 300 ms of the last key, and the
window answers meanwhile (it is laid out beside the window)."""

from __future__ import annotations

import time

from templates_reports import picture
from tests.ui.test_briefs_view import LONGEST_STALL_S, PREVIEW_TIMEOUT_MS, StallProbe, open_briefs
from ui import brief_preview

LATENCY_MS = 300  # from the last key to page 1 showing it


def test_page_one_shows_the_typed_words_within_300_ms_of_the_last_key(window, qtbot, monkeypatch):
    window.new_from_sample()
    view = open_briefs(window)
    qtbot.waitUntil(lambda: view.pages >= 4, timeout=PREVIEW_TIMEOUT_MS)  # the first layout: imports, fonts
    words_of: dict[int, str] = {}
    real = brief_preview.page_image

    def painted(page, *args):
        image = real(page, *args)
        words_of[image.cacheKey()] = " ".join(t.text for t in page.items if isinstance(t, picture.Text))
        return image

    monkeypatch.setattr(brief_preview, "page_image", painted)
    shown: list[tuple[float, str]] = []
    view.first_pages.finished.connect(lambda page: shown.append((time.perf_counter(), words_of[page.image.cacheKey()])))
    editor = view.form.text_editors["issue"]
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    with StallProbe() as probe:
        qtbot.keyClicks(editor, " Quokka")
        last_key = time.perf_counter()
        qtbot.waitUntil(lambda: any("Quokka" in words for _t, words in shown), timeout=LATENCY_MS)
    at = next(t for t, words in shown if "Quokka" in words)
    assert (at - last_key) * 1000 < LATENCY_MS
    assert probe.longest < LONGEST_STALL_S, f"the window stalled for {probe.longest * 1000:.0f} ms"
    qtbot.waitUntil(lambda: not view.busy, timeout=PREVIEW_TIMEOUT_MS)
