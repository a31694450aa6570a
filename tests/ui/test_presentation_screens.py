"""Presentation mode with two real screens: where the stage goes, and what the window keeps.

The offscreen platform can simulate several screens from a JSON file, but the platform is chosen when
the QApplication starts, and this session already has one with a single screen. So each scenario runs in
its own Python, which reports what it saw as JSON for the assertions here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# The facilitator's laptop, and a projector to its right, larger so that a wrong size shows.
SCREENS = {
    "laptop": {"x": 0, "y": 0, "width": 1440, "height": 900},
    "projector": {"x": 1440, "y": 0, "width": 1920, "height": 1080},
}

CHILD = """\
import json, sys
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui import dialogs, theme
from ui.app import application

answer, window_screen, esc_on = sys.argv[1] == "yes", sys.argv[2], sys.argv[3]
asked = []
dialogs.ask_second_screen = lambda parent: asked.append(parent) or answer
dialogs.ask_unsaved = lambda *args, **kwargs: dialogs.Choice.DISCARD
app = application()
theme.apply("light")
from ui.main_window import MainWindow

window = MainWindow()
screens = {s.name(): s for s in app.screens()}
window.move(screens[window_screen].geometry().topLeft() + QPoint(40, 40))
window.show()
window.new_from_sample()
window.show_section("spheres")
app.processEvents()

def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]

screen_rects = {name: rect(s.geometry()) for name, s in screens.items()}  # read now: later the wrappers may go


def facts():
    stage = window.presentation.stage
    return {
        "stage": stage and {
            "screen": stage.screen().name(),
            "native_screen": stage.windowHandle().screen().name(),
            "geometry": rect(stage.frameGeometry()),
            "full_screen": stage.isFullScreen(),
            "same_scene": stage.view.scene() is window.current_view().scene,
            "covers_window": stage.frameGeometry().intersects(window.frameGeometry()),
            "theme": stage.property("theme"),
        },
        "window": {
            "screen": window.screen().name(),
            "visible": window.isVisible() and not window.isMinimized(),
            "shown": [w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()],
        },
        "theme": app.property("theme"),
        "remembered_theme": theme.current(),
    }

window.actions_by_name["actionPresentation"].trigger()
app.processEvents()
during = facts()
if esc_on == "window":  # the facilitator presses Esc on the laptop, the stage being on the projector
    window.activateWindow()
    app.processEvents()
    window.navigator.setFocus()
    QTest.keyClick(window.navigator, Qt.Key.Key_Escape)
else:
    QTest.keyClick(window.presentation.stage, Qt.Key.Key_Escape)
app.processEvents()
after = facts()
window.close()
print(json.dumps({
    "screens": screen_rects,
    "asked": len(asked),
    "during": during,
    "after": after,
}))
"""


def present(tmp_path, app_home, *, answer: bool, window_on: str, esc_on: str = "stage") -> dict:
    """Enter and leave presentation mode on two simulated screens; what the child saw."""
    config = tmp_path / "screens.json"
    screens = [
        {"name": name, **geometry, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
        for name, geometry in SCREENS.items()
    ]
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = dict(os.environ, IIP_WORKBENCH_HOME=str(app_home), QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, "yes" if answer else "no", window_on, esc_on],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


@pytest.mark.slow  # a window and a stage per screen arrangement
@pytest.mark.parametrize(
    ("window_on", "projector", "esc_on"),
    [("laptop", "projector", "stage"), ("projector", "laptop", "stage"), ("laptop", "projector", "window")],
)
def test_with_two_screens_the_stage_goes_to_the_other_one_and_the_window_keeps_its_controls(
    tmp_path, app_home, window_on, projector, esc_on
):
    seen = present(tmp_path, app_home, answer=True, window_on=window_on, esc_on=esc_on)
    assert sorted(seen["screens"]) == ["laptop", "projector"]
    assert seen["asked"] == 1
    stage, window = seen["during"]["stage"], seen["during"]["window"]
    assert stage["screen"] == stage["native_screen"] == projector
    assert stage["full_screen"] and stage["geometry"] == seen["screens"][projector]
    assert stage["same_scene"]
    assert window["screen"] == window_on and window["visible"] and not stage["covers_window"]
    # Only the stage turns high contrast: the laptop's window keeps the user's theme.
    assert stage["theme"] == "high_contrast" and seen["during"]["theme"] == "light"
    assert seen["during"]["remembered_theme"] == "light"
    after = seen["after"]
    assert after["stage"] is None and after["window"]["shown"] == ["mainWindow"]  # Esc left, from either screen
    assert after["window"]["screen"] == window_on and after["theme"] == after["remembered_theme"] == "light"


@pytest.mark.slow  # a window and a stage
def test_with_two_screens_declined_the_stage_covers_the_window_on_its_own_screen(tmp_path, app_home):
    seen = present(tmp_path, app_home, answer=False, window_on="laptop")
    assert seen["asked"] == 1
    stage = seen["during"]["stage"]
    assert stage["screen"] == stage["native_screen"] == "laptop"
    assert stage["full_screen"] and stage["geometry"] == seen["screens"]["laptop"]
    assert stage["covers_window"] and seen["during"]["window"]["screen"] == "laptop"
    assert stage["theme"] == "high_contrast"
    after = seen["after"]
    assert after["stage"] is None and after["window"]["shown"] == ["mainWindow"]
    assert after["theme"] == after["remembered_theme"] == "light"
