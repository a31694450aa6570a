"""Data files of IIP Workbench (checklists, themes, sample, fonts, ...), installed with the package.

Most readers go through importlib.resources. Start-up code (theme, window layout) reads from FOLDER
instead: loading importlib.resources' readers costs about 1.5 ms of every start.
"""

from pathlib import Path

FOLDER = Path(__file__).parent
