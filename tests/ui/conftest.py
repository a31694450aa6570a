"""GUI fixtures: a main window per test, dialogs answered by the test, no leaked windows, documents,
views or working copies."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui import leaks
from ui import dialogs, window_layout
from ui.app import application


def pytest_configure(config):
    config.addinivalue_line("markers", f"{leaks.MARKER}(reason): the test keeps a document or view alive on purpose")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember whether the test itself failed: its traceback holds its objects, which are then no leak."""
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def no_leaks(request, app_home, monkeypatch):
    """After each GUI test nothing it opened is alive or on disk: closing released it (napari checks its
    viewers the same way). Set up before every other fixture of the test, so it checks after their teardown."""
    before = leaks.alive()
    yield
    if getattr(request.node, "call_failed", True) or request.node.get_closest_marker(leaks.MARKER):
        return
    request.node.funcargs.clear()  # pytest keeps each fixture's value there until after teardown
    monkeypatch.undo()  # a patched dialog holds what it was asked (an error, with its traceback)
    found = leaks.leftovers(app_home, before)
    assert not found, f"left behind after the test: {', '.join(found)}"


class Answers:
    """What the patched dialogs answer, and a record of what was asked."""

    def __init__(self):
        self.unsaved = dialogs.Choice.DISCARD
        self.locked = dialogs.Choice.CANCEL
        self.recover = dialogs.Choice.LATER
        self.open_path = None
        self.save_path = None
        self.errors: list[BaseException] = []
        self.asked: list[str] = []


@pytest.fixture
def answers(monkeypatch) -> Answers:
    a = Answers()

    def record(name, value):
        def fn(*args, **kwargs):
            a.asked.append(name)
            return value() if callable(value) else value

        return fn

    monkeypatch.setattr(dialogs, "ask_unsaved", record("unsaved", lambda: a.unsaved))
    monkeypatch.setattr(dialogs, "ask_locked", record("locked", lambda: a.locked))
    monkeypatch.setattr(dialogs, "ask_recover", record("recover", lambda: a.recover))
    monkeypatch.setattr(dialogs, "ask_open_path", record("open_path", lambda: a.open_path))
    monkeypatch.setattr(dialogs, "ask_save_path", record("save_path", lambda: a.save_path))
    monkeypatch.setattr(dialogs, "inform", record("inform", None))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, err, title="": a.errors.append(err))
    return a


@pytest.fixture
def qapp_instance():
    return application()


@pytest.fixture
def window(qapp_instance, qtbot, answers):
    from ui.main_window import MainWindow

    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*window_layout.DEFAULT_SIZE)  # the test screen is smaller than a desktop's; the views expect room
    win.show()
    yield win
    answers.unsaved = dialogs.Choice.DISCARD
    win.close()
    qapp_instance.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
    assert not leaked, f"windows left open: {[w.objectName() or type(w).__name__ for w in leaked]}"


@pytest.fixture
def sample(window, qtbot):
    """The window, large and active, with the sample project open (keyboard and screen-reader tests
    need the window to have the focus). A test module may define its own `sample`."""
    window.resize(1600, 1000)
    window.new_from_sample()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def read_on_window_thread(monkeypatch) -> list[str]:
    """The kinds the store reads on the window's thread from now on (a large view reads beside it)."""
    import threading

    from db.store import Store

    read_here: list[str] = []
    real = Store.all_of

    def all_of(store, t):
        if threading.current_thread() is threading.main_thread():
            read_here.append(t.KIND)
        return real(store, t)

    monkeypatch.setattr(Store, "all_of", all_of)
    return read_here
