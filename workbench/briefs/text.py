"""Free text as the user types it -> paragraphs and bullet lists.

The rules are the ones people already use in plain e-mail: a blank line starts a new paragraph, a
line starting with "- ", "* " or "• " is a bullet, an indented line continues the bullet above it.
A recommendation reads the same text as lettered limbs: every bullet, line or paragraph is one limb,
except an opening line that ends with a colon ("That you:").
"""

from __future__ import annotations

import re

from workbench.briefs.blocks import Bullets, Lettered, Para

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


def lettered_blocks(text: str) -> list[Para | Lettered]:
    out: list[Para | Lettered] = []
    limbs: list[str] = []
    for block in text_blocks(text):
        if isinstance(block, Bullets):
            limbs += block.items
        elif block.text.endswith(":") and "\n" not in block.text:
            _flush_limbs(limbs, out)
            out.append(block)
        else:
            lines = block.text.split("\n")
            if not limbs and len(lines) > 1 and lines[0].endswith(":"):
                out.append(Para(lines.pop(0)))
            limbs += lines
    _flush_limbs(limbs, out)
    return out


def _flush_limbs(limbs: list[str], out: list[Para | Lettered]) -> None:
    if limbs:
        out.append(Lettered(tuple(limbs)))
        limbs.clear()


def _flush_para(lines: list[str], out: list[Para | Bullets]) -> None:
    if lines:
        out.append(Para("\n".join(lines)))
        lines.clear()


def _flush_bullets(bullets: list[str], out: list[Para | Bullets]) -> None:
    kept = [b for b in bullets if b]
    if kept:
        out.append(Bullets(tuple(kept)))
    bullets.clear()
