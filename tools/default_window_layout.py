"""Write the dock layout a first start restores (ui/window_layout.py), placing the docks by area.

Run it again after adding or moving a dock: python tools/default_window_layout.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["IIP_WORKBENCH_HOME"] = tempfile.mkdtemp(prefix="iipw-layout-")


def main() -> None:
    from ui import window_layout
    from ui.app import application
    from ui.main_window import MainWindow

    app = application()
    target = window_layout.DEFAULT_STATE
    window_layout.DEFAULT_STATE = Path(os.environ["IIP_WORKBENCH_HOME"]) / "none"  # so docks go by area
    window = MainWindow()
    window.show()
    app.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(window.saveState()))
    window.close()
    print(target)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
