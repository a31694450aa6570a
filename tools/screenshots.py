"""Render every view of the sample project to PNG (make screenshots): the pictures to look at."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("IIP_WORKBENCH_HOME", tempfile.mkdtemp(prefix="iipw-shots-"))


def main(out: Path) -> None:
    from db.session import DocumentSession
    from ui.render import render
    from ui.views.sections import SECTIONS
    from workbench.sample import sample_entities

    out.mkdir(parents=True, exist_ok=True)
    sample = Path(os.environ["IIP_WORKBENCH_HOME"]) / "sample.iipw"
    session = DocumentSession.new(sample_entities())
    session.save_as(sample)
    session.close()
    for view in ("window", "welcome", *(s.key for s in SECTIONS)):
        target = out / f"{view}.png"
        render(sample, view, target, 1400, 900)
        print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
