"""An installed wheel, not only this checkout, finds its resources and templates."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # builds and installs a wheel
def test_wheel_ships_and_finds_resources(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    wheel = next(dist.glob("iip_workbench-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "resources/sample/battery_scale_up.json" in names
    assert {"resources/themes/light.json", "resources/themes/high_contrast.qss"} <= set(names)
    assert "resources/layout/window_state.bin" in names
    assert "resources/actions.json" in names  # the window builds its menus from it
    fonts = {f"resources/fonts/{p.name}" for p in (ROOT / "resources" / "fonts").iterdir() if p.is_file()}
    assert {"resources/fonts/LiberationSans-Regular.ttf", "resources/fonts/LICENSE-Liberation.txt"} <= fonts
    assert fonts <= set(names)  # every font with its licence
    assert "db/migrations/v0_to_v1.sql" in names
    assert any(n.startswith("templates_reports/") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # -S: no site.py, so the editable checkout on sys.path is not seen; dependencies come from
    # the environment's site-packages, our packages only from the unpacked wheel.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]]))
    code = (
        "import db, workbench, resources\n"
        f"assert db.__file__.startswith({str(site)!r}), db.__file__\n"
        "from workbench.sample import sample_entities\n"
        "from db.migrations import migrate\n"
        "import sqlite3\n"
        "c = sqlite3.connect(':memory:'); migrate(c)\n"
        "from resources import FOLDER\n"
        f"assert str(FOLDER).startswith({str(site)!r}) and (FOLDER / 'layout' / 'window_state.bin').is_file()\n"
        "print(len(sample_entities()))\n"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) > 50
