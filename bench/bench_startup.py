"""Cold start to a usable main window with the sample open, vs a bare PySide6 QMainWindow.

Both run as fresh subprocesses on the offscreen platform; median of several runs each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import isolated_home, report

BARE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()\n"
    "print('ready', flush=True)\n"
)


def cold(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=True)
    elapsed = time.perf_counter() - start
    assert "ready" in out.stdout, out.stdout + out.stderr
    return elapsed


def main(repeats: int = 7) -> None:
    home = isolated_home()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IIP_WORKBENCH_HOME=str(home), IIP_WORKBENCH_EXIT_WHEN_READY="1")
    sample = home / "sample.iipw"
    subprocess.run(
        [sys.executable, "-m", "ui.cli", "new", str(sample), "--sample"], env=env, check=True, capture_output=True
    )
    ours_cmd = [sys.executable, "-m", "ui.cli", str(sample)]
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
