"""Start-up as the user waits for it: from launch until the window shows its document whole (the
overview with what needs attention), against a bare PySide6 QMainWindow shown and painted.

Both are fresh processes of the same interpreter on the offscreen platform, started in turn (ours, bare,
ours, bare, ...) so that load from other programs hits both alike; the figure is the median of each.
The app says "shown" after its first paint and "ready" once the overview is complete (ui.app); both
moments are printed, the target is on "ready". Documents: the sample, and 10k and 100k entities.
The targets are on reopening a file, as a user does every day: its bytes were checked whole and its
findings worked out at an earlier start that day (db.known_files). The first opening of a file never
seen here (a received file, checked whole) is measured too, in the same interleaving, and printed.
Our packages are byte-compiled first, as they are after a wheel install or the first start on a
user's machine (pip and `make run` compile them; this shell may set PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import build_document, isolated_home, report, report_growth

ROOT = Path(__file__).resolve().parent.parent
BARE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()\n"
    "print('ready', flush=True)\n"
)
TARGETS = {"sample": "<= 1.5x bare QMainWindow", "10k": "<= 2.5x bare QMainWindow", "100k": "<= 2.5x bare QMainWindow"}


def launch(args: list[str], env: dict) -> dict[str, float]:
    """Seconds from launch to each line the process prints ("shown", "ready")."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    seen = {}
    for line in proc.stdout:
        seen[line.strip()] = time.perf_counter() - start
        if line.strip() == "ready":
            break
    out, err = proc.communicate(timeout=300)
    assert "ready" in seen and proc.returncode == 0, f"{seen} {out} {err}"
    return seen


def unknown(home: Path) -> None:
    """As on a computer that has never opened the document: no record of a file checked (db.known_files)."""
    shutil.rmtree(home / "known", ignore_errors=True)


def main() -> None:
    for package in ("workbench", "db", "ui", "resources"):
        compileall.compile_dir(ROOT / package, quiet=1)
    home = isolated_home()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IIP_WORKBENCH_HOME=str(home), IIP_WORKBENCH_EXIT_WHEN_READY="1")
    docs = {"sample": home / "sample.iipw"}
    subprocess.run(
        [sys.executable, "-m", "ui.cli", "new", str(docs["sample"]), "--sample"],
        env=env,
        check=True,
        capture_output=True,
    )
    for label, n in (("10k", 10_000), ("100k", 100_000)):
        docs[label] = build_document(home / f"doc-{label}.iipw", n)
    script = Path(sys.executable).with_name("iip-workbench")  # as `make run` and an installed app start it
    start = [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]
    bare_cmd = [sys.executable, "-c", BARE]
    ready: dict[int, float] = {}
    for label, path in docs.items():
        runs = 9 if label != "100k" else 5
        launch([*start, str(path)], env), launch(bare_cmd, env)  # warm the OS file cache for both
        ours, bare, first = [], [], []
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            bare.append(launch(bare_cmd, env)["ready"])
            ours.append(launch([*start, str(path)], env))
            unknown(home)
            first.append(launch([*start, str(path)], env)["ready"])  # and it is known again, for the next
        base = statistics.median(bare)
        shown = statistics.median(o["shown"] for o in ours)
        whole = statistics.median(o["ready"] for o in ours)
        print(
            f"start-up with the {label} document: window shown after {shown * 1000:.0f} ms ({shown / base:.2f}x bare)"
        )
        received = statistics.median(first)
        print(
            f"start-up to the overview complete, {label} document opened for the first time (checked whole): "
            f"{received * 1000:.0f} ms ({received / base:.2f}x bare)"
        )
        report(f"start-up to the overview complete, {label} document", whole, baseline=base, target=TARGETS[label])
        if label != "sample":
            ready[10_000 if label == "10k" else 100_000] = whole
    report_growth("start-up to the overview complete", ready, factor=2.0)


if __name__ == "__main__":
    main()
