"""The headless command line, run as a user would run it (a real subprocess)."""

from __future__ import annotations

import json
import platform
import sqlite3
import struct
import subprocess
from pathlib import Path

import pytest

from db.migrations import SCHEMA_VERSION
from tests.e2e.cli import run_cli


def test_version_and_help(app_home):
    assert run_cli("--version", home=app_home).stdout.startswith("IIP Workbench ")
    out = run_cli("--help", home=app_home)
    assert out.returncode == 0
    for name in ("new", "info", "check", "render"):
        assert name in out.stdout


def test_new_sample_info_json_and_check(tmp_path, app_home):
    target = tmp_path / "sample.iipw"
    assert run_cli("new", str(target), "--sample", home=app_home).returncode == 0
    info = run_cli("info", str(target), "--json", home=app_home)
    assert info.returncode == 0, info.stderr
    data = json.loads(info.stdout)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["counts"]["sphere"] == 3 and data["counts"]["stage"] == 7
    assert data["counts"]["instrument"] >= 15 and data["counts"]["actor"] >= 20
    assert data["marking"].startswith("OFFICIAL")
    check = run_cli("check", str(target), home=app_home)
    assert check.returncode == 0 and "sound" in check.stdout


def test_new_refuses_to_overwrite(tmp_path, app_home):
    target = tmp_path / "a.iipw"
    assert run_cli("new", str(target), home=app_home).returncode == 0
    again = run_cli("new", str(target), home=app_home)
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty"), (b"hello, this is not a database" * 40, "not an IIP Workbench document")],
)
def test_errors_are_clear_and_without_traceback(tmp_path, app_home, content, words):
    bad = tmp_path / "bad.iipw"
    bad.write_bytes(content)
    for command in ("check", "info"):
        out = run_cli(command, str(bad), home=app_home)
        assert out.returncode == 2
        assert words in out.stderr and "Traceback" not in out.stderr


def test_missing_file_named(tmp_path, app_home):
    out = run_cli("info", str(tmp_path / "nowhere.iipw"), home=app_home)
    assert out.returncode == 2 and "nowhere.iipw" in out.stderr and "Traceback" not in out.stderr


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_render_window_welcome_and_section(tmp_path, app_home):
    target = tmp_path / "s.iipw"
    run_cli("new", str(target), "--sample", home=app_home)
    out = run_cli(
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
    assert run_cli("render", "--view", "welcome", "-o", str(tmp_path / "welcome.png"), home=app_home).returncode == 0
    assert _png_size(tmp_path / "welcome.png") == (1280, 800)
    out = run_cli("render", str(target), "--view", "objectives", "-o", str(tmp_path / "o.png"), home=app_home)
    assert out.returncode == 0 and (tmp_path / "o.png").stat().st_size > 1000


def test_render_bad_view_is_refused(tmp_path, app_home):
    out = run_cli("render", "--view", "nonsense", "-o", str(tmp_path / "x.png"), home=app_home)
    assert out.returncode == 2 and "Unknown view" in out.stderr
    assert not (tmp_path / "x.png").exists()


def _one_sentence(out: subprocess.CompletedProcess) -> str:
    assert out.returncode == 2, out.stderr
    message = out.stderr.strip()
    assert "\n" not in message and message.endswith("."), message
    for word in ("Traceback", "unexpected", "[Errno", "Error"):
        assert word not in message, message
    return message


def _with_pragma(source: Path, target: Path, pragma: str) -> Path:
    target.write_bytes(source.read_bytes())
    conn = sqlite3.connect(target)
    conn.execute(pragma)
    conn.commit()
    conn.close()
    return target


def test_hostile_files_are_refused_in_one_sentence(tmp_path, app_home):
    """A symlink loop, a wrong document version, a lock naming an impossible process, a 400-digit number."""
    doc = tmp_path / "a.iipw"
    assert run_cli("new", str(doc), home=app_home).returncode == 0
    (tmp_path / "loop1.iipw").symlink_to(tmp_path / "loop2.iipw")
    (tmp_path / "loop2.iipw").symlink_to(tmp_path / "loop1.iipw")
    assert "loop" in _one_sentence(run_cli("info", str(tmp_path / "loop1.iipw"), home=app_home))
    for version in (-5, 0, 1):
        odd = _with_pragma(doc, tmp_path / f"v{version}.iipw", f"PRAGMA user_version={version}")
        before = odd.read_bytes()
        assert f"v{version}.iipw" in _one_sentence(run_cli("info", str(odd), home=app_home))
        assert odd.read_bytes() == before
    huge = "9" * 400
    (tmp_path / "big.json").write_text(f'{{"actors": [{{"id": "a1", "name": "A", "x": {huge}}}]}}', encoding="utf-8")
    before = doc.read_bytes()
    skipped = run_cli("import", str(doc), str(tmp_path / "big.json"), home=app_home)  # only its row is refused
    assert skipped.returncode == 0 and "Map x is far too large a number" in skipped.stdout, skipped
    lock = tmp_path / ".~lock.a.iipw#"
    lock.write_text(json.dumps({"user": "x", "host": platform.node(), "pid": int(huge), "time": "t"}), "utf-8")
    assert "lock" in _one_sentence(run_cli("import", str(doc), str(tmp_path / "big.json"), home=app_home))
    assert doc.read_bytes() == before
