"""Free text as the user types it -> paragraphs and bullet lists.

The rules are the ones people already use in plain e-mail: a blank line starts a new paragraph, a
line starting with "- ", "* " or "• " is a bullet, an indented line continues the bullet above it.
"""

from __future__ import annotations

import re

from workbench.briefs.blocks import Bullets, Para

_BULLET = re.compile(r"^\s*[-*•]\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def text_blocks(text: str) -> list[Para | Bullets]:
    out: list[Para | Bullets] = []
    for chunk in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines: list[str] = []
        bullets: list[str] = []
        for line in chunk.split("\n"):
            marker = _BULLET.match(line)
            if marker:
                _flush_para(lines, out)
                bullets.append(line[marker.end() :].strip())
            elif bullets and line[:1] in (" ", "\t") and line.strip():
                bullets[-1] = f"{bullets[-1]} {line.strip()}".strip()
            elif line.strip():
                _flush_bullets(bullets, out)
                lines.append(line.strip())
        _flush_para(lines, out)
        _flush_bullets(bullets, out)
    return out


def _flush_para(lines: list[str], out: list[Para | Bullets]) -> None:
    if lines:
        out.append(Para("\n".join(lines)))
        lines.clear()


def _flush_bullets(bullets: list[str], out: list[Para | Bullets]) -> None:
    kept = [b for b in bullets if b]
    if kept:
        out.append(Bullets(tuple(kept)))
    bullets.clear()
