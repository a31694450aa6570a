"""How a group or participant shows on the board: a light note colour and initials, never colour alone."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.workshop.entities import Note, Participant

# Light sticky-note colours, distinct from one another and from the sphere colours; black text reads on all.
PALETTE = ("#fff3a3", "#ffc9de", "#bfe3ff", "#c9f2b8", "#ffd9a8", "#dfd0ff", "#b9efe6", "#e0e0e0")
UNASSIGNED = "#ffffff"  # "No group": plain white, never a group's colour


def initials(name: str) -> str:
    """'Table two' -> 'TT', 'Energy' -> 'EN': at most three letters taken from the name's words."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return "".join(w[0] for w in words[:3]).upper()


def label_of(participant: Participant) -> str:
    return participant.initials.strip() or initials(participant.name)


def next_colour(used: Iterable[str]) -> str:
    """The first palette colour nobody has yet, so each new group stands out; cycles when all are taken."""
    taken = [c.lower() for c in used]
    for colour in PALETTE:
        if colour not in taken:
            return colour
    return PALETTE[len(taken) % len(PALETTE)]


def note_colour(note: Note, participant: Participant | None) -> str:
    """The note's own colour, else its group's, else plain sticky-note yellow."""
    return note.colour or (participant.colour if participant else UNASSIGNED)


def ink_for(colour: str) -> str:
    """Black or white text, whichever contrasts more with `colour` (#rrggbb), by WCAG relative luminance."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"
