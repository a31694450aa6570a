"""A command's process ends at once after its work and exit handlers, with the command's exit code."""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time

import pytest

from tests.e2e.cli import run_cli
from ui import cli


class Ended(Exception):
    def __init__(self, code: int):
        self.code = code


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


def test_a_command_ends_its_process_after_its_work_beside_and_its_exit_handlers(ending, monkeypatch, tmp_path):
    beside: list[str] = []

    def command(args) -> int:
        worker = threading.Thread(target=lambda: (time.sleep(0.05), beside.append("done")))
        worker.start()
        return 2

    monkeypatch.setitem(cli.COMMANDS, "check", command)
    monkeypatch.setattr(sys, "argv", ["iip-workbench", "check", str(tmp_path / "x.iipw")])
    with pytest.raises(Ended) as ended:
        cli.run()
    assert ended.value.code == 2 and beside == ["done"] and ending == ["exit handlers", "ended"]


def test_the_window_s_process_ends_as_python_ends_it(ending, monkeypatch):
    monkeypatch.setattr(cli, "main", lambda argv: 0)
    monkeypatch.setattr(sys, "argv", ["iip-workbench"])
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 0 and ending == []


def test_the_installed_command_ends_with_its_code_and_its_output(sample, tmp_path):
    ok = run_cli("brief", sample, "--template", "ministerial", "-o", tmp_path / "b.pdf", home=tmp_path, process=True)
    assert ok.returncode == 0 and "Wrote" in ok.stdout and (tmp_path / "b.pdf").stat().st_size > 0
    bad = run_cli("brief", tmp_path / "missing.iipw", "--template", "ministerial", "-o", tmp_path / "c.pdf",
                  home=tmp_path, process=True)  # fmt: skip
    assert bad.returncode == 2 and bad.stderr.startswith("iip-workbench: ")
