"""Every OS call a command makes, failed in turn with each errno: the user reads one plain sentence,
the command exits 2, and no file is changed (or the command succeeds and says so)."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from db.migrations import SCHEMA_VERSION
from db.paths import working_dir
from db.session import DocumentSession, working_copies_removed
from db.sqlite_file import inspect
from tests.e2e.faults import ERRNOS, Fault, assert_one_sentence, counting, failing, snapshot
from tests.quick import QUICK, spread
from ui.cli import main
from workbench.sample import sample_entities

OLD = b"the previous output\n"
IMPORT = b'{"actors": [{"id": "fresh-1", "name": "Fresh Robotics Ltd", "actor_type": "university"}]}\n'


@dataclass
class World:
    """A saved document, a file to import and earlier outputs, rebuilt from a pristine copy per run."""

    root: Path
    pristine: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def out(self) -> Path:
        return self.root / "out"

    def reset(self) -> None:
        for folder in (self.docs, self.out, working_dir()):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(self.pristine, self.docs)
        self.out.mkdir()
        for name in ("eco.json", "brief.pdf"):
            (self.out / name).write_bytes(OLD)

    def argv(self, command: str) -> list[str]:
        doc, out = str(self.docs / "policy.iipw"), self.out
        return {
            "info": ["info", doc],
            "import": ["import", doc, str(self.docs / "incoming.json")],
            "export": ["export", doc, "--format", "json", "-o", str(out / "eco.json")],
            "brief": ["brief", doc, "--template", "ministerial", "-o", str(out / "brief.pdf"), "--date", "2026-03-05"],
            "new": ["new", str(self.docs / "fresh.iipw")],
        }[command]


COMMANDS = ("info", "import", "export", "brief", "new")


@pytest.fixture
def world(tmp_path) -> World:
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    session = DocumentSession.new(sample_entities())
    session.save_as(pristine / "policy.iipw")
    session.close()
    working_copies_removed()  # before any call is counted or failed
    (pristine / "incoming.json").write_bytes(IMPORT)
    w = World(tmp_path, pristine)
    w.reset()
    return w


@contextmanager
def _no_added_log_handlers() -> Iterator[None]:
    """main() installs the log file handler; running it many times in one process must not stack them."""
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


def run_command(world: World, command: str, capsys, fault: Fault | None = None) -> tuple[int, str, str]:
    with _no_added_log_handlers():
        if fault is None:
            code = main(world.argv(command))
        else:
            with failing(fault):
                code = main(world.argv(command))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def calls_made(world: World, command: str, capsys) -> dict[str, int]:
    with _no_added_log_handlers(), counting() as calls:
        code = main(world.argv(command))
    out = capsys.readouterr()
    assert code == 0, out.err
    world.reset()
    return dict(calls)


def _files(world: World) -> dict[str, bytes]:
    """The user's files (documents, imports, outputs); lock files are checked on their own, and the
    temporary file a lock is written through may stay when removing it is what failed (tidied later)."""
    found = {**snapshot(world.docs), **{f"out/{k}": v for k, v in snapshot(world.out).items()}}
    return {name: data for name, data in found.items() if not Path(name).name.startswith((".~lock.", "..~lock."))}


def _locks_left_are_stale(world: World, fault: Fault) -> None:
    """A lock that could not be removed names this process, so the next open takes it over as stale.
    A lock whose own writing failed is left empty by DocumentLock.acquire; the lock rules have to
    treat such a lock as stale (see the lock tests), so that case is let through here."""
    for lock in world.docs.glob(".~lock.*"):
        text = lock.read_text(encoding="utf-8")
        if not text and fault.name == "open":
            continue
        assert json.loads(text).get("pid") == os.getpid(), lock.name


DELETING = ("os.unlink", "os.open", "os.rmdir")  # the calls shutil.rmtree makes


def check_outcome(world: World, command: str, fault: Fault, code: int, out: str, err: str, before: dict) -> None:
    """Either a plain refusal that changed nothing, or a success that did what it says."""
    where = f"{command} with call {fault.n} of {fault.name} failing ({errno.errorcode[fault.code]})"
    if fault.name not in DELETING:  # a working copy whose removal failed is tidied at the next start
        leftovers = [p.name for p in working_dir().iterdir()] if working_dir().exists() else []
        assert leftovers == [], f"{where}: working copies left behind: {leftovers}"
    _locks_left_are_stale(world, fault)
    after = _files(world)
    if code == 2:
        assert out == "", where
        assert_one_sentence(err.removeprefix("iip-workbench: "))
        changed = sorted(k for k in after.keys() | before.keys() if after.get(k) != before.get(k))
        # Saving copies the previous file to .bak before it replaces it; that copy may stay.
        changed = [k for k in changed if not (k.endswith(".bak") and after.get(k) == before.get(k[: -len(".bak")]))]
        assert changed == [], f"{where}: {changed} changed although the command failed: {err}"
        return
    assert code == 0, f"{where}: exit {code}: {err}"
    assert err == "", f"{where}: {err}"
    changed = {k for k in after.keys() | before.keys() if after.get(k) != before.get(k)}
    expected = {
        "info": set(),
        "import": {"policy.iipw", "policy.iipw.bak"},
        "export": {"out/eco.json"},
        "brief": {"out/brief.pdf"},
        "new": {"fresh.iipw"},
    }[command]
    assert changed <= expected, f"{where}: unexpected files changed: {changed - expected}"
    for name in changed:
        path = world.root / name if name.startswith("out/") else world.docs / name
        if path.suffix == ".iipw":
            assert inspect(path, SCHEMA_VERSION, full_check=True).schema_version == SCHEMA_VERSION
    hidden = [n for n in after if Path(n).name.startswith(".")]
    assert hidden == [] or fault.name in DELETING, f"{where}: temporary files left: {hidden}"


def run_faults(world: World, command: str, capsys, faults: list[Fault]) -> None:
    for fault in faults:
        world.reset()
        before = _files(world)
        code, out, err = run_command(world, command, capsys, fault)
        check_outcome(world, command, fault, code, out, err, before)


def _spread(count: int, most: int) -> list[int]:
    """At most `most` of the calls 1..count, spread evenly, always with the first and the last."""
    if count <= most:
        return list(range(1, count + 1))
    return sorted({1, count, *(1 + round(k * (count - 1) / (most - 1)) for k in range(most))})


@pytest.mark.parametrize("command", spread(list(COMMANDS)))
def test_each_call_failing_with_an_io_error_gives_one_sentence_and_changes_nothing(world, command, capsys):
    calls = calls_made(world, command, capsys)
    # The brief reads its fonts in some 90 calls of open(); the quick suite fails the first, the last
    # and two between of each function's calls (the full suite every one).
    most = 4 if QUICK else 12 if command == "brief" else 1000
    faults = [Fault(name, n, errno.EIO) for name, count in calls.items() for n in _spread(count, most)]
    assert faults
    run_faults(world, command, capsys, faults)


@pytest.mark.slow  # a subset of test_every_errno_at_every_call; the quick suite keeps the EIO-at-every-call sweep
@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "brief"])
def test_every_errno_at_the_first_and_last_call_of_each_function(world, command, capsys):
    calls = calls_made(world, command, capsys)
    steps = [(name, n) for name, count in calls.items() for n in sorted({1, count})]
    run_faults(world, command, capsys, [Fault(name, n, code) for name, n in steps for code in ERRNOS])


def test_a_full_app_data_disk_at_open_is_named(world, capsys, monkeypatch):
    real, working = os.mkdir, working_dir()

    def full(path, *args, **kwargs):
        if Path(path).parent == working:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, *args, **kwargs)

    before = _files(world)
    with monkeypatch.context() as mp:
        mp.setattr(os, "mkdir", full)
        code, out, err = run_command(world, "info", capsys)
    assert code == 2 and out == ""
    message = assert_one_sentence(err.removeprefix("iip-workbench: "))
    assert "app-data folder" in message and "disk is full" in message
    assert _files(world) == before


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_every_errno_at_every_call(world, command, capsys):
    calls = calls_made(world, command, capsys)
    most = 30 if command == "brief" else 1000
    faults = [Fault(name, n, code) for name, count in calls.items() for n in _spread(count, most) for code in ERRNOS]
    run_faults(world, command, capsys, faults)
