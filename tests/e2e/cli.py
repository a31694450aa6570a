"""The `iip-workbench` command as the end-to-end tests run it.

The full suite starts a real process for every call, as a user's shell would. The quick suite
(IIPW_QUICK_TESTS) calls the same `main()` in the test's own process: starting Python, Qt and the
document layer again for each call was most of its time. A test that needs a process of its own
(exit on a broken pipe, a fresh interpreter) passes `process=True`.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from db.paths import HOME_ENV
from tests.quick import QUICK


def run_cli(*args: object, home: Path, process: bool = False) -> subprocess.CompletedProcess:
    argv = [str(a) for a in args]
    if QUICK and not process:
        return _in_this_process(argv, home)
    env = dict(os.environ, **{HOME_ENV: str(home)}, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *argv], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def _in_this_process(argv: list[str], home: Path) -> subprocess.CompletedProcess:
    from ui.cli import main

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(err):
        patch.setenv(HOME_ENV, str(home))
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's --help, --version and usage errors
            code = stop.code if isinstance(stop.code, int) else 2
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
