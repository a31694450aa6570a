"""The headless command line, run as a user would run it (a real subprocess)."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from db.migrations import SCHEMA_VERSION

CLI = [sys.executable, "-m", "ui.cli"]


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, IIP_WORKBENCH_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


def test_version_and_help(app_home):
    assert run("--version", home=app_home).stdout.startswith("IIP Workbench ")
    out = run("--help", home=app_home)
    assert out.returncode == 0
    for name in ("new", "info", "check", "render"):
        assert name in out.stdout


def test_new_sample_info_json_and_check(tmp_path, app_home):
    target = tmp_path / "sample.iipw"
    assert run("new", str(target), "--sample", home=app_home).returncode == 0
    info = run("info", str(target), "--json", home=app_home)
    assert info.returncode == 0, info.stderr
    data = json.loads(info.stdout)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["counts"]["sphere"] == 3 and data["counts"]["stage"] == 7
    assert data["counts"]["instrument"] >= 15 and data["counts"]["actor"] >= 20
    assert data["marking"].startswith("OFFICIAL")
    check = run("check", str(target), home=app_home)
    assert check.returncode == 0 and "sound" in check.stdout


def test_new_refuses_to_overwrite(tmp_path, app_home):
    target = tmp_path / "a.iipw"
    assert run("new", str(target), home=app_home).returncode == 0
    again = run("new", str(target), home=app_home)
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty"), (b"hello, this is not a database" * 40, "not an IIP Workbench document")],
)
def test_errors_are_clear_and_without_traceback(tmp_path, app_home, content, words):
    bad = tmp_path / "bad.iipw"
    bad.write_bytes(content)
    for command in ("check", "info"):
        out = run(command, str(bad), home=app_home)
        assert out.returncode == 2
        assert words in out.stderr and "Traceback" not in out.stderr


def test_missing_file_named(tmp_path, app_home):
    out = run("info", str(tmp_path / "nowhere.iipw"), home=app_home)
    assert out.returncode == 2 and "nowhere.iipw" in out.stderr and "Traceback" not in out.stderr


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_render_window_welcome_and_section(tmp_path, app_home):
    target = tmp_path / "s.iipw"
    run("new", str(target), "--sample", home=app_home)
    out = run(
        "render",
        str(target),
        "--view",
        "window",
        "-o",
        str(tmp_path / "w.png"),
        "--width",
        "1000",
        "--height",
        "700",
        home=app_home,
    )
    assert out.returncode == 0, out.stderr
    assert _png_size(tmp_path / "w.png") == (1000, 700)
    assert run("render", "--view", "welcome", "-o", str(tmp_path / "welcome.png"), home=app_home).returncode == 0
    assert _png_size(tmp_path / "welcome.png") == (1280, 800)
    out = run("render", str(target), "--view", "objectives", "-o", str(tmp_path / "o.png"), home=app_home)
    assert out.returncode == 0 and (tmp_path / "o.png").stat().st_size > 1000


def test_render_bad_view_is_refused(tmp_path, app_home):
    out = run("render", "--view", "nonsense", "-o", str(tmp_path / "x.png"), home=app_home)
    assert out.returncode == 2 and "Unknown view" in out.stderr
    assert not (tmp_path / "x.png").exists()
