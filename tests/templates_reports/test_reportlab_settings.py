"""reportlab's shape checking is off before its shapes module reads it: set after (as it was), every
attribute set on a figure's shape still went through a checking __setattr__.

Run in a fresh interpreter: in the test process whichever test loaded reportlab first decided it."""

from __future__ import annotations

import subprocess
import sys

CHECK = (
    "import templates_reports.pdf\n"
    "from reportlab.graphics.shapes import Shape\n"
    "print('__setattr__' in Shape.__dict__)\n"
)


def test_figure_shapes_are_made_without_checking_each_attribute():
    run = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "False"


def test_text_is_measured_by_reportlabs_compiled_accelerator():
    """Briefs measure every word of every cell; reportlab's pure-Python measuring made export a fifth slower."""
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"
    assert rl_accel.instanceStringWidthTTF.__module__ == "_rl_accel"
