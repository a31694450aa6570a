"""Cold start to a usable main window with the sample open, vs a bare PySide6 QMainWindow.

Both run as fresh subprocesses on the offscreen platform and are timed from launch until they print
"ready" (window shown and painted; teardown is not part of start-up); median of several runs each.
Our packages are byte-compiled first, as they are after a wheel install or the first start on a
user's machine (pip and `make run` compile them; this shell may set PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import isolated_home, report

ROOT = Path(__file__).resolve().parent.parent
BARE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()\n"
    "print('ready', flush=True)\n"
)


def cold(args: list[str], env: dict) -> float:
    """Seconds from launch until the process says its window is ready."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    out, err = proc.communicate(timeout=120)
    assert line.strip() == "ready" and proc.returncode == 0, line + out + err
    return elapsed


def main(repeats: int = 15) -> None:
    for package in ("workbench", "db", "ui", "resources"):
        compileall.compile_dir(ROOT / package, quiet=1)
    home = isolated_home()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IIP_WORKBENCH_HOME=str(home), IIP_WORKBENCH_EXIT_WHEN_READY="1")
    sample = home / "sample.iipw"
    subprocess.run(
        [sys.executable, "-m", "ui.cli", "new", str(sample), "--sample"], env=env, check=True, capture_output=True
    )
    script = Path(sys.executable).with_name("iip-workbench")  # as `make run` and an installed app start it
    ours_cmd = [str(script), str(sample)] if script.exists() else [sys.executable, "-m", "ui.cli", str(sample)]
    bare_cmd = [sys.executable, "-c", BARE]
    cold(ours_cmd, env), cold(bare_cmd, env)  # warm the OS file cache for both
    ours, bare = [], []
    for _ in range(repeats):  # interleaved, so machine noise hits both alike
        bare.append(cold(bare_cmd, env))
        ours.append(cold(ours_cmd, env))
    report(
        "cold start with the sample open",
        statistics.median(ours),
        baseline=statistics.median(bare),
        target="<= 1.5x bare QMainWindow",
    )


if __name__ == "__main__":
    main()
