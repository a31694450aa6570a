"""`iip-workbench render PATH --view workshop`: the board with its sticky notes, without a screen."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from db.session import DocumentSession
from tests.e2e.cli import run_cli
from workbench.workshop.entities import Note, Participant, Vote, WorkshopState

NOTE_GREEN = "#c9f2b8"  # a group colour nothing else on the board uses




def count_colour(image: QImage, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if image.pixel(x, y) == wanted
    )


def test_render_workshop_board_shows_the_notes(sample, tmp_path, app_home):
    doc = sample
    session = DocumentSession.open(doc)
    try:
        session.store.create(
            [
                Participant.create(id="g1", name="Regions", colour=NOTE_GREEN),
                Note.create(id="n1", text="Joint test bed with two regions", participant_id="g1", x=520.0, y=-200.0),
                Note.create(id="n2", text="Scale-up loan guarantee", participant_id="g1", x=0.0, y=60.0),
                Vote.create(voter_id="g1", note_id="n1", count=2),
                WorkshopState.create(totals_revealed=True),
            ]
        )
        session.save()
    finally:
        session.close()
    out = tmp_path / "workshop.png"
    done = run_cli(
        "render", str(doc), "--view", "workshop", "-o", str(out), "--width", "1400", "--height", "900", home=app_home
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    assert count_colour(image, NOTE_GREEN) > 500  # both notes painted, not just listed


def test_render_workshop_of_an_empty_document(tmp_path, app_home):
    doc = tmp_path / "empty.iipw"
    assert run_cli("new", str(doc), home=app_home).returncode == 0
    done = run_cli("render", str(doc), "--view", "workshop", "-o", str(tmp_path / "e.png"), home=app_home)
    assert done.returncode == 0, done.stderr
    assert QImage(str(tmp_path / "e.png")).width() == 1280
