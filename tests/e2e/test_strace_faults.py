"""`import` under strace fault injection: from the N-th write on, every write fails with EIO.

An extra to the in-process fault tests (test_cli_faults.py): here the failures reach SQLite's own
writes too. Across N, no run may print 'unexpected' or a traceback, exit other than 0 or 2, or leave
the document changed when it reported a failure (an import that finished but could not print its
report says so).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from db.session import DocumentSession
from workbench.sample import sample_entities

STRACE = shutil.which("strace")
IMPORT = b'{"actors": [{"id": "fresh-1", "name": "Fresh Robotics Ltd", "actor_type": "university"}]}\n'
MOST_RUNS = 80  # per system call, spread over the calls the import makes

pytestmark = [pytest.mark.slow]


def test_strace_is_there():
    """The slow suite needs strace (the CI script installs it); without it this fails, never skips."""
    assert STRACE, "strace is not installed: the fault-injection sweep cannot run"


def _strace(args: list[str], home: Path, *options: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, IIP_WORKBENCH_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    command = [STRACE, "-f", "-qq", *options, sys.executable, "-m", "ui.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def _calls(args: list[str], home: Path, syscall: str, trace: Path) -> int:
    _strace(args, home, "-e", f"trace={syscall}", "-o", str(trace))
    return sum(1 for line in trace.read_text().splitlines() if re.search(rf"\b{syscall}\(", line))


@pytest.mark.parametrize("syscall", ["write", "pwrite64"])
def test_import_with_every_write_failing_from_the_nth_on(tmp_path, app_home, syscall):
    pristine = tmp_path / "pristine.iipw"
    session = DocumentSession.new(sample_entities())
    session.save_as(pristine)
    session.close()
    doc, incoming = tmp_path / "policy.iipw", tmp_path / "incoming.json"
    incoming.write_bytes(IMPORT)
    args = ["import", str(doc), str(incoming)]
    shutil.copyfile(pristine, doc)
    count = _calls(args, app_home, syscall, tmp_path / "trace.txt")
    assert count > 0
    step = max(1, count // MOST_RUNS)
    unexpected, changed, failed = [], [], 0
    for n in range(1, count + 2, step):
        shutil.copyfile(pristine, doc)
        for leftover in [*tmp_path.glob("policy.iipw.bak"), *tmp_path.glob(".~lock.*")]:
            leftover.unlink()  # a lock whose own writing failed is left empty: the lock rules' to clear
        inject = f"inject={syscall}:error=EIO:when={n}+"
        out = _strace(args, app_home, "-o", os.devnull, "-e", inject)
        assert out.returncode in (0, 2), (n, out.returncode, out.stderr)
        said = out.stderr.strip()
        if "unexpected" in said.lower() or "Traceback" in said or "\n" in said:
            unexpected.append((n, said))
        if out.returncode == 2:
            failed += 1
            if doc.read_bytes() != pristine.read_bytes() and said and "finished" not in said:
                changed.append((n, said))
    assert unexpected == []
    assert changed == []
    assert failed > 0  # the injection did reach the import
