"""Memory as a user browses: a 10k-entity document open in the window (offscreen), then every section
visited in turn and the first one shown again. The baseline is the memory right after opening, in the
same run; the target (the issue): after visiting every section <= 2x the memory after opening it.

Memory is the process's resident set (VmRSS), read after a full garbage collection and after the C
allocator has handed the memory it holds free back to the system (glibc's malloc_trim), so what a
released view let go of counts as gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import isolated_home, missed

isolated_home()

from db.session import DocumentSession  # noqa: E402
from db.store import warm_up  # noqa: E402
from ui.app import application  # noqa: E402
from ui.document import OpenDocument  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.views.base import SectionView  # noqa: E402
from ui.views.sections import SECTIONS  # noqa: E402
from workbench.ecosystem.entities import Actor, Link  # noqa: E402
from workbench.entity import Entity  # noqa: E402
from workbench.registers.entities import Objective  # noqa: E402
from workbench.sample import starter_entities  # noqa: E402
from workbench.spheres.items import Instrument, Item  # noqa: E402

TARGET = "<= 2x"
ITEMS, FUNDED, ACTORS, LINKS, OBJECTIVES = 4800, 3600, 500, 1000, 100  # about 10,000 entities


def entities() -> list[Entity]:
    rnd = random.Random(7)
    out: list[Entity] = list(starter_entities())
    items = [
        Item.create(name=f"Instrument {n}", x=round(rnd.uniform(-330, 330), 1), y=round(rnd.uniform(-290, 340), 1))
        for n in range(ITEMS)
    ]
    out += items
    for item in items[:FUNDED]:
        first = rnd.randrange(7)
        stages = {"stage_from_id": f"stage-{first}", "stage_to_id": f"stage-{min(6, first + rnd.randrange(3))}"}
        out.append(Instrument.create(id=item.id, **stages))
    actors = [
        Actor.create(name=f"Actor {n}", x=rnd.uniform(-900, 900), y=rnd.uniform(-900, 900)) for n in range(ACTORS)
    ]
    out += actors
    out += [Link.create(source_id=a.id, target_id=b.id) for a, b in (rnd.sample(actors, 2) for _ in range(LINKS))]
    out += [Objective.create(statement=f"Objective {n}") for n in range(OBJECTIVES)]
    return out


def resident_mb() -> float:
    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc:
        trim = getattr(ctypes.CDLL(libc), "malloc_trim", None)
        if trim is not None:
            trim(0)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("this benchmark reads the resident set from /proc (Linux)")


def settle(window: MainWindow) -> None:
    app = application()
    app.processEvents()
    view = window.current_view()
    if isinstance(view, SectionView):
        view.settle()
    app.processEvents()


def main() -> None:
    application()
    made = entities()
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.set_document(OpenDocument(DocumentSession.new(made, title="Memory benchmark")))
    del made
    settle(window)
    warm_up()  # as the window loads the write machinery beside it once it is whole (ui.app)
    opened = resident_mb()
    assert window.doc is not None
    print(f"memory, {sum(window.doc.store.counts().values()):,} entities: {opened:.0f} MB after opening", flush=True)
    for section in SECTIONS:
        start = time.perf_counter()
        window.show_section(section.key)
        settle(window)
        print(f"  {section.title}: {resident_mb():.0f} MB ({time.perf_counter() - start:.1f} s to show)", flush=True)
    window.show_section(SECTIONS[0].key)
    settle(window)
    browsed = resident_mb()
    line = f"memory after visiting every section: {browsed:.0f} MB  (after opening {opened:.0f} MB, ratio "
    line += f"{browsed / opened:.2f}x)  target {TARGET}"
    failed = missed(TARGET, browsed, opened)
    print(line + ("  MISSED" if failed else ""), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
