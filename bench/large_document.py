"""Generated documents of any size, shaped like the sample: the sample project (its briefs and their
text) with `n` further entities, three in ten of them actors on the map, four in ten links between
them, and the rest funded items with their instrument profiles on the spheres and the value chain.

Names and positions are drawn from a seeded generator, so a size always gives the same document.
"""

from __future__ import annotations

import random

from workbench.document import Document
from workbench.ecosystem.entities import Actor, ActorType, Link, LinkType
from workbench.entity import Entity
from workbench.money.entities import SpendLine
from workbench.sample import sample_entities
from workbench.spheres.items import Instrument, InstrumentType, Item
from workbench.value_chain.entities import ValueChainStage

WORDS = [
    "regional",
    "battery",
    "cluster",
    "skills",
    "capital",
    "supply",
    "chain",
    "export",
    "agency",
    "fund",
    "institute",
    "network",
    "council",
    "partnership",
    "laboratory",
    "academy",
    "association",
    "industrial",
    "innovation",
    "materials",
    "recycling",
    "cells",
]
ACTOR_TYPES = [t.value for t in ActorType]
LINK_TYPES = [t.value for t in LinkType]
INSTRUMENT_TYPES = [t.value for t in InstrumentType]
SPREAD = 600.0  # the sample's map and spheres lie within about this many units of the centre


def _name(rnd: random.Random, n: int) -> str:
    return f"{' '.join(rnd.choice(WORDS).capitalize() for _ in range(rnd.randint(1, 4)))} {n}"


def generated_entities(n: int, seed: int = 17) -> list[Entity]:
    """The sample plus `n` generated entities (actors, links, items and their instrument profiles)."""
    rnd = random.Random(seed)
    base = sample_entities()
    stages = [e.id for e in base if isinstance(e, ValueChainStage)]
    n_actors, n_links = max(2, n * 3 // 10), n * 4 // 10
    n_items = max(0, (n - n_actors - n_links) // 2)
    actors = [
        Actor.create(
            id=f"gen-actor-{k}",
            name=_name(rnd, k),
            actor_type=rnd.choice(ACTOR_TYPES),
            x=rnd.uniform(-SPREAD, SPREAD),
            y=rnd.uniform(-SPREAD, SPREAD),
        )
        for k in range(n_actors)
    ]
    links = []
    for k in range(n_links):
        a, b = rnd.sample(actors, 2)
        links.append(
            Link.create(
                id=f"gen-link-{k}",
                source_id=a.id,
                target_id=b.id,
                link_type=rnd.choice(LINK_TYPES),
                weight=round(rnd.uniform(0.5, 5), 1),
                formal=rnd.random() < 0.5,
            )
        )
    items, instruments, spend = [], [], []
    for k in range(n_items):
        item = Item.create(
            id=f"gen-item-{k}", name=_name(rnd, k), x=rnd.uniform(-SPREAD, SPREAD), y=rnd.uniform(-SPREAD, SPREAD)
        )
        first = rnd.randrange(len(stages))
        trl = rnd.randint(1, 8)
        items.append(item)
        instruments.append(
            Instrument.create(
                id=item.id,
                instrument_type=rnd.choice(INSTRUMENT_TYPES),
                lead_actor_id=rnd.choice(actors).id,
                stage_from_id=stages[first],
                stage_to_id=stages[min(len(stages) - 1, first + rnd.randint(0, 2))],
                trl_min=trl,
                trl_max=min(9, trl + rnd.randint(0, 3)),
            )
        )
        spend.append(SpendLine.create(instrument_id=item.id, year=2026, amount=round(rnd.uniform(0.5, 80), 1) * 1e6))
    return [*base, *actors, *links, *items, *instruments, *spend]


def generated_document(n: int, seed: int = 17) -> Document:
    return Document.of(generated_entities(n, seed))
