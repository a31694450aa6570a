"""A command's process ends at once after its work and exit handlers, with the command's exit code."""

from __future__ import annotations

import atexit
import gc
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.cli import run_cli
from ui import cli


class Ended(Exception):
    def __init__(self, code: int):
        self.code = code


@pytest.fixture(autouse=True)
def collector_kept():
    """A command run here sets this process's collector thresholds: they are put back after each test."""
    kept = gc.get_threshold()
    yield
    gc.set_threshold(*kept)


@pytest.fixture
def ending(monkeypatch):
    """os._exit and the exit handlers, noted instead of carried out."""
    done: list[str] = []
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: done.append("exit handlers"))

    def end(code: int):
        done.append("ended")
        raise Ended(code)

    monkeypatch.setattr(os, "_exit", end)
    return done


def test_a_command_with_nothing_left_beside_ends_its_process_after_its_exit_handlers(ending, monkeypatch, tmp_path):
    monkeypatch.setitem(cli.COMMANDS, "check", lambda args: 2)
    monkeypatch.setattr(sys, "argv", ["iip-workbench", "check", str(tmp_path / "x.iipw")])
    with pytest.raises(Ended) as ended:
        cli.run()
    assert ended.value.code == 2 and ending == ["exit handlers", "ended"]


def test_a_command_s_collector_runs_every_twenty_thousand_objects_and_the_window_s_is_left_to_it(
    ending, monkeypatch, tmp_path
):
    """A command runs for a moment and most of what it makes lives to its end: the default young
    threshold (700) had the collector go through the modules and the document again and again."""
    seen = []
    monkeypatch.setitem(cli.COMMANDS, "check", lambda args: seen.append(gc.get_threshold()) or 0)
    monkeypatch.setattr(sys, "argv", ["iip-workbench", "check", str(tmp_path / "x.iipw")])
    with pytest.raises(Ended):
        cli.run()
    assert seen == [(20_000, 10, 10)]
    gc.set_threshold(700, 10, 10)
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(gc.get_threshold()) or 0)
    monkeypatch.setattr(sys, "argv", ["iip-workbench"])
    with pytest.raises(SystemExit):
        cli.run()
    assert seen[-1] == (700, 10, 10)


def test_a_command_that_left_work_beside_ends_as_python_ends_it(ending, monkeypatch, tmp_path):
    """Python tells a pool's idle workers to stop before it waits for them: waited for here, they never would."""
    pool = ThreadPoolExecutor(max_workers=1)

    def command(args) -> int:
        pool.submit(time.sleep, 0.01).result()  # its worker stays, idle, until the pool is shut down
        return 0

    monkeypatch.setitem(cli.COMMANDS, "check", command)
    monkeypatch.setattr(sys, "argv", ["iip-workbench", "check", str(tmp_path / "x.iipw")])
    try:
        with pytest.raises(SystemExit) as stopped:
            cli.run()
    finally:
        pool.shutdown()
    assert stopped.value.code == 0 and ending == []


def test_a_command_whose_document_work_used_threads_beside_ends_its_process_once_that_work_is_done(
    ending, monkeypatch, tmp_path
):
    """Closing a document removes its working copy on a thread kept for such work: the command waits for it,
    then ends its process at once, those threads ended."""
    from db.atomic_save import helpers

    finished: list[bool] = []

    def command(args) -> int:
        helpers().submit(lambda: (time.sleep(0.05), finished.append(True)))
        return 0

    monkeypatch.setitem(cli.COMMANDS, "check", command)
    monkeypatch.setattr(sys, "argv", ["iip-workbench", "check", str(tmp_path / "x.iipw")])
    with pytest.raises(Ended) as ended:
        cli.run()
    assert ended.value.code == 0 and ending == ["exit handlers", "ended"] and finished == [True]


def test_the_window_s_process_ends_as_python_ends_it(ending, monkeypatch):
    monkeypatch.setattr(cli, "main", lambda argv: 0)
    monkeypatch.setattr(sys, "argv", ["iip-workbench"])
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 0 and ending == []


def test_the_installed_command_ends_with_its_code_and_its_output(sample, tmp_path):
    ok = run_cli("brief", sample, "--template", "ministerial", "-o", tmp_path / "b.pdf", home=tmp_path, process=True)
    assert ok.returncode == 0 and "Wrote" in ok.stdout and (tmp_path / "b.pdf").stat().st_size > 0
    made = run_cli("new", tmp_path / "new.iipw", "--sample", home=tmp_path, process=True)  # saves on a pool
    assert made.returncode == 0 and (tmp_path / "new.iipw").exists()
    bad = run_cli("brief", tmp_path / "missing.iipw", "--template", "ministerial", "-o", tmp_path / "c.pdf",
                  home=tmp_path, process=True)  # fmt: skip
    assert bad.returncode == 2 and bad.stderr.startswith("iip-workbench: ")
