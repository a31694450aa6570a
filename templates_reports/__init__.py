"""Brief templates (ministerial submission, workshop summary, evaluation plan) and their layout.

reportlab reads its settings when its modules first load: its shapes module then gives every figure's
shape a checking __setattr__ unless shapeChecking is off, so the setting is made here, before any module
of this package loads reportlab (through the environment, which reportlab reads, so that the window's
thread, which loads this package for the templates' names, need not load reportlab itself). A value
set by the user is kept.
"""

import os

os.environ.setdefault("RL_shapeChecking", "0")  # figures' shapes are made by tested code: no checks
