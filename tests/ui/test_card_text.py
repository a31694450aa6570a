"""Names on canvas cards: wrapped to the card, elided when they do not fit, written out in full when
the view is zoomed in (a facilitator framing one card for the room)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from ui.canvas.cards import font, wrap
from ui.views.ecosystem.items import ActorItem
from ui.views.spheres.items import PolicyItem
from workbench.ecosystem.entities import Actor
from workbench.spheres.entities import Region
from workbench.spheres.items import Item

LONG = "Battery scale-up Centre core programme for regional cell manufacturing and second-life reuse"


def test_wrap_breaks_between_words_and_elides_only_what_does_not_fit(qapp_instance):
    metrics = QFontMetricsF(font(7))
    assert wrap("Skills pipeline", metrics, 200, 2) == ["Skills pipeline"]
    two = wrap(LONG, metrics, 80, 2)
    assert len(two) == 2 and two[1].endswith("…") and LONG.startswith(two[0])
    assert all(metrics.horizontalAdvance(line) <= 80 for line in two)
    assert wrap("Supercalifragilisticexpialidocious", metrics, 40, 3)[0].endswith("…")
    assert wrap(LONG, metrics, 80, 1)[0].endswith("…")
    assert wrap("", metrics, 80, 2) == [] and wrap("   ", metrics, 80, 2) == []
    assert " ".join(wrap(LONG, metrics, 10_000, 2)) == LONG


def test_a_card_writes_its_whole_name_when_zoomed_in(qapp_instance):
    card = PolicyItem(Item.create(name=LONG), Region.A)
    scale, usual = card.name_lines()
    assert scale == 1 and len(usual) == 2 and usual[-1].endswith("…")
    scale, framed = card.name_lines(zoom=4)  # one card framed for the room
    assert " ".join(framed) == LONG
    assert 0.25 <= scale < 1  # smaller letters on the card, but no smaller on screen than at 100 %
    short_scale, _lines = PolicyItem(Item.create(name="Skills pipeline"), Region.A).name_lines(zoom=4)
    assert short_scale == 1  # a name that fits keeps its size (it grows with the zoom)


def test_an_actor_writes_its_whole_name_when_zoomed_in(qapp_instance):
    actor = ActorItem(Actor.create(name=LONG, actor_type="agency"))
    assert actor.name_lines()[1][-1].endswith("…")
    assert " ".join(actor.name_lines(zoom=4)[1]) == LONG
