"""A font's tables read once are kept in the app-data folder and read back by the next run, giving the
font reportlab would have made by reading the file; a kept copy that cannot be read is read afresh."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from templates_reports import kept_faces
from templates_reports.fonts import SubsetFont, _face, _read
from templates_reports.typefaces import HOUSE


@pytest.fixture
def folder(tmp_path):
    kept_faces.keep_in(tmp_path)
    yield tmp_path
    kept_faces.keep_in(None)


def _not_read(*args, **kwargs):
    raise AssertionError("the font file was read again")


def _same_font(ours: SubsetFont, theirs: TTFont) -> None:
    mine, reportlab = vars(ours).copy(), vars(theirs).copy()
    for font in (mine, reportlab):
        del font["face"], font["encoding"], font["state"]  # an object each; compared below or new and empty
    assert {k: v for k, v in mine.items() if not k.startswith("_ascii_as") and k != "_mapped"} == reportlab
    ours_face, their_face = vars(ours.face).copy(), vars(theirs.face).copy()
    assert ours_face.pop("_pdfScale")(1234) == their_face.pop("_pdfScale")(1234)
    assert ours_face == their_face


@pytest.mark.parametrize("style", HOUSE.styles(), ids=lambda s: s[0])
def test_a_font_read_back_from_its_kept_tables_is_the_font_reportlab_reads(folder, monkeypatch, style):
    name, file = style
    data = _read(file)
    first = SubsetFont(name, _face(data))  # read from the file, and kept
    assert len(list(folder.iterdir())) == 1
    monkeypatch.setattr(TTFontFile, "extractInfo", _not_read)
    again = SubsetFont(name, _face(data))
    monkeypatch.undo()
    theirs = TTFont(name, io.BytesIO(data))
    _same_font(first, theirs)
    _same_font(again, theirs)


def test_a_kept_copy_that_cannot_be_read_is_read_from_the_font_and_kept_anew(folder):
    data = _read(HOUSE.regular[1])
    _face(data)
    (kept,) = folder.iterdir()
    kept.write_bytes(b"cut short")
    assert _face(data).charToGlyph == TTFont("x", io.BytesIO(data)).face.charToGlyph
    assert kept.read_bytes() != b"cut short"

