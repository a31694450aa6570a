"""The high-contrast theme reaches every canvas, the value-chain charts and the presentation stage: their
items paint with the theme's colours (resources/themes, "canvas"), and text on a canvas reaches 7:1
against what it is written on."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem

from tests.ui.test_theme_contrast import over, ratio
from ui import theme
from ui.views.ecosystem.items import ActorItem
from ui.views.ecosystem.links import Look
from ui.views.spheres.items import OutsideArea, PolicyItem, RegionLabel, SphereItem
from ui.views.theory_of_change.items import ChainCard, ChainLine
from ui.views.value_chain.items import BandTitle, CoverageCell, InstrumentBar, StageHeader
from ui.views.workshop.notes import NoteItem

ENHANCED = 7.0  # WCAG's enhanced contrast, for a projector at the back of a room
PAINTED = {  # the items each canvas paints itself, a few of each kind
    "spheres": (PolicyItem, SphereItem, RegionLabel, OutsideArea),
    "value-chain": (InstrumentBar, StageHeader, CoverageCell, BandTitle),
    "ecosystem": (ActorItem,),
    "theory-of-change": (ChainCard,),
    "workshop": (NoteItem, PolicyItem),
}


class Recorder(QPainter):
    """A painter that notes the colours an item paints with: each text with the fill under its middle,
    each shape's fill and outline."""

    def __init__(self, image: QImage):
        super().__init__(image)
        self.texts: list[QColor] = []
        self.grounds: list[QColor | None] = []  # the fill under each text, None for the canvas
        self.fills: list[tuple[QRectF, QColor]] = []
        self.lines: list[QColor] = []
        self.pens: list[QPen] = []

    def _shape(self, bounds: QRectF) -> None:
        if self.brush().style() == Qt.BrushStyle.SolidPattern:
            self.fills.append((self.transform().mapRect(QRectF(bounds)), self.brush().color()))
        if self.pen().style() != Qt.PenStyle.NoPen:
            self.lines.append(self.pen().color())
            self.pens.append(QPen(self.pen()))

    def drawText(self, *args) -> None:
        where = args[0]
        middle = QRectF(where).center() if isinstance(where, (QRectF, QRect)) else QPointF(where)
        middle = self.transform().map(middle)
        under = [colour for rect, colour in self.fills if rect.contains(middle)]
        self.texts.append(self.pen().color())
        self.grounds.append(under[-1] if under else None)
        super().drawText(*args)

    def drawRect(self, rect) -> None:
        self._shape(rect)
        super().drawRect(rect)

    def drawRoundedRect(self, rect, *args) -> None:
        self._shape(rect)
        super().drawRoundedRect(rect, *args)

    def drawEllipse(self, *args) -> None:
        self._shape(
            QRectF(args[0])
            if len(args) == 1
            else QRectF(args[0].x() - args[1], args[0].y() - args[2], 2 * args[1], 2 * args[2])
        )
        super().drawEllipse(*args)

    def drawPath(self, path) -> None:
        self._shape(path.boundingRect())
        super().drawPath(path)

    def fillRect(self, rect, fill) -> None:
        colour = fill.color() if isinstance(fill, QBrush) else QColor(fill)
        if not isinstance(fill, QBrush) or fill.style() == Qt.BrushStyle.SolidPattern:
            self.fills.append((self.transform().mapRect(QRectF(rect)), colour))
        super().fillRect(rect, fill)


def paint(item: QGraphicsItem, widget) -> Recorder:
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    recorder = Recorder(image)
    try:
        item.paint(recorder, QStyleOptionGraphicsItem(), widget)
    finally:
        recorder.end()
    return recorder


def items_of(view, kinds) -> list[QGraphicsItem]:
    """Up to three items of each kind, the selected ones left aside."""
    found = []
    for kind in kinds:
        found += [i for i in view.canvas.scene().items() if type(i) is kind and i.isVisible()][:3]
    return found


def unreadable(recorder: Recorder, background: QColor) -> list[str]:
    """Each text against what it is written on (a translucent fill as it shows on the canvas), below 7:1."""
    found = []
    for text, under in zip(recorder.texts, recorder.grounds, strict=True):
        ground = background if under is None else over(under, background)
        if ratio(text, ground) < ENHANCED:
            found.append(f"{text.name()} on {ground.name()}: {ratio(text, ground):.1f}:1")
    return found


@pytest.fixture
def themed_sample(sample):
    yield sample
    theme.apply("light", remember=False)


@pytest.mark.parametrize("key", list(PAINTED))
def test_high_contrast_reaches_the_canvas_and_its_text_reads_at_7_to_1(themed_sample, key):
    window = themed_sample
    window.show_section(key)
    view = window.current_view()
    if key == "workshop":
        view.edits.add_note("Share the pilot line", None)
    QApplication.processEvents()
    items = items_of(view, PAINTED[key])
    assert {type(i) for i in items} == set(PAINTED[key])
    light = [paint(i, view.canvas.viewport()) for i in items]
    before = view.canvas.grab().toImage()

    theme.apply("high_contrast", remember=False)
    QApplication.processEvents()
    c = theme.ink_of("high_contrast")
    assert theme.ink(view.canvas.viewport()) == c
    allowed_text = {c.ink.rgba(), c.muted.rgba(), c.warn.rgba(), c.selected.rgba()}
    for item, was in zip(items, light, strict=True):
        now = paint(item, view.canvas.viewport())
        assert {t.rgba() for t in now.texts} <= allowed_text, type(item).__name__
        assert [t.rgba() for t in now.texts] != [t.rgba() for t in was.texts] or now.lines != was.lines
        assert not unreadable(now, c.background), (type(item).__name__, unreadable(now, c.background))
    assert view.canvas.grab().toImage() != before  # the canvas on screen was drawn again in the new colours


def test_lines_qt_paints_take_the_theme_when_it_changes(themed_sample):
    window = themed_sample
    window.show_section("ecosystem")
    layer = window.current_view().canvas.scene().layer  # every link is drawn by this one item
    window.show_section("theory-of-change")
    lines = [i for i in window.current_view().canvas.scene().items() if isinstance(i, ChainLine)]
    assert layer.looks and lines
    light = theme.ink_of("light")
    assert len({look.pens(light, False, False)[0][0].color().rgba() for look in layer.looks}) > 1  # a colour per type
    theme.apply("high_contrast", remember=False)
    c = theme.ink_of("high_contrast")
    assert {look.pens(c, False, False)[0][0].color().rgba() for look in layer.looks} == {c.link.rgba()}
    assert {line.pen().color().rgba() for line in lines} <= {c.ink.rgba(), c.warn.rgba(), c.selected.rgba()}


def test_high_contrast_spheres_are_outlines_in_the_themes_ink_each_in_a_line_of_its_own(themed_sample):
    """No tinted fill lowers the contrast of what is written inside a sphere; a sphere is told by its
    outline's style and its name, not its colour."""
    window = themed_sample
    window.show_section("spheres")
    spheres = sorted(items_of(window.current_view(), (SphereItem,)), key=lambda s: s.sphere.key)
    theme.apply("high_contrast", remember=False)
    c = theme.ink_of("high_contrast")
    styles = set()
    inside = c.background
    for sphere in spheres:
        circle = paint(sphere, window.current_view().canvas.viewport())
        fill, edge = circle.fills[0][1], circle.pens[0]
        assert fill == c.sphere_fill and edge.color() == c.sphere_edge, sphere.sphere.key
        styles.add(edge.style())
        inside = over(fill, inside)  # where every sphere overlaps
    assert len(styles) == len(spheres) == 3
    for text in (c.ink, c.muted, c.warn):
        assert ratio(text, inside) >= ENHANCED


def test_the_value_chain_charts_take_the_theme(themed_sample, qtbot):
    window = themed_sample
    window.show_section("value-chain")
    view = window.current_view()
    qtbot.waitUntil(lambda: view.charts is not None)  # built after the first paint
    charts = view.charts
    theme.apply("high_contrast", remember=False)
    c = theme.ink_of("high_contrast")
    assert charts.budget.backgroundBrush().color() == c.background
    for role in ("creation", "both", "capture"):
        assert QBrush(charts.budget_bars[role].opts["brush"]).color() == c.background  # white bars, told by hatching
    assert QBrush(charts.trl_bars.opts["brush"]).color() == c.chart_bar
    assert charts.budget.getPlotItem().getAxis("left").textPen().color() == c.ink
    assert ratio(c.ink, c.background) >= ENHANCED and ratio(c.warn, c.background) >= ENHANCED


def test_the_stage_is_high_contrast_while_the_window_stays_light(themed_sample, monkeypatch):
    from ui import dialogs

    window = themed_sample
    monkeypatch.setattr(dialogs, "ask_second_screen", lambda parent: False)
    window.show_section("spheres")
    view = window.current_view()
    assert window.presentation.enter()
    try:
        stage = window.presentation.stage
        card = items_of(view, (PolicyItem,))[0]
        with theme.painting(stage.view.viewport()):  # a card painted into its cache gets no widget
            on_stage = paint(card, None)
        on_laptop = paint(card, view.canvas.viewport())
        hc, light = theme.ink_of("high_contrast"), theme.ink_of("light")
        assert {t.rgba() for t in on_stage.texts} == {hc.ink.rgba()}
        assert {t.rgba() for t in on_laptop.texts} == {light.ink.rgba()}
        image = stage.view.grab().toImage()
        assert image.pixelColor(2, 2) == hc.background
    finally:
        window.presentation.leave()


def test_every_theme_names_every_canvas_colour():
    for key in theme.THEMES:
        ink = theme.ink_of(key)  # a missing or unknown colour fails here
        assert ink.key == key


def test_a_recorded_paint_sees_the_colours(qapp_instance):
    """The recorder itself: a rectangle filled and a word written are both seen."""
    image = QImage(40, 20, QImage.Format.Format_ARGB32)
    recorder = Recorder(image)
    recorder.setBrush(QColor("#123456"))
    recorder.drawRect(QRectF(0, 0, 10, 10))
    recorder.setPen(QColor("#654321"))
    recorder.drawText(QRectF(0, 0, 10, 10), "x")
    recorder.end()
    assert [colour for _rect, colour in recorder.fills] == [QColor("#123456")]
    assert recorder.texts == [QColor("#654321")] and recorder.grounds == [QColor("#123456")]


def _colours(item: QGraphicsItem, widget) -> set[int]:
    """The colours `item` paints on a white image for the view whose viewport is `widget` (no antialiasing)."""
    bounds = item.boundingRect()
    image = QImage(int(bounds.width()) + 2, int(bounds.height()) + 2, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(-bounds.topLeft())
    with theme.painting(widget):
        item.paint(painter, QStyleOptionGraphicsItem(), widget)
    painter.end()
    return set(np.unique(_pixels(image)).tolist()) - {QColor("white").rgb()}


def _pixels(image: QImage) -> np.ndarray:
    """Every pixel of `image` as 0xAARRGGBB."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(image.height(), -1)
    return rows[:, : image.width()].copy()  # the image goes with this function


def _chromatic(image: QImage) -> int:
    """How many pixels are a colour rather than a grey."""
    pixels = _pixels(image)
    channels = np.stack([(pixels >> shift) & 0xFF for shift in (16, 8, 0)]).astype(np.int32)
    return int((channels.max(axis=0) - channels.min(axis=0) > 60).sum())


def test_links_and_chain_lines_on_the_stage_take_the_stages_ink(themed_sample, monkeypatch):
    """The laptop stays light while the stage is high contrast: links are painted in each view's own ink;
    chain lines (one pen for every view) in the stage's while it shows, the laptop's again after."""
    from ui import dialogs

    window = themed_sample
    monkeypatch.setattr(dialogs, "ask_second_screen", lambda parent: False)
    hc, light = theme.ink_of("high_contrast"), theme.ink_of("light")
    window.show_section("theory-of-change")
    laptop = window.current_view().canvas.viewport()
    lines = [i for i in window.current_view().canvas.scene().items() if isinstance(i, ChainLine)][:10]
    parts = [part for line in lines for part in (line, line.head)]
    assert window.presentation.enter()
    try:
        stage = window.presentation.stage.view.viewport()
        for part in parts:
            assert set() < _colours(part, stage) <= {c.rgb() for c in (hc.ink, hc.warn, hc.selected)}
        window.show_section("ecosystem")  # the stage follows
        QApplication.processEvents()
        canvas = window.current_view().canvas
        assert _chromatic(canvas.grab().toImage()) > 0  # the laptop's links have their types' colours
        assert _chromatic(window.presentation.stage.view.grab().toImage()) == 0  # the stage's are black
    finally:
        window.presentation.leave()
    window.show_section("theory-of-change")  # hidden, it let go of its items: these are drawn anew
    lines = [i for i in window.current_view().canvas.scene().items() if isinstance(i, ChainLine)][:10]
    for part in (part for line in lines for part in (line, line.head)):
        assert set() < _colours(part, laptop) <= {c.rgb() for c in (light.ink, light.warn, light.selected)}


def _line_styles(plan, ink: theme.Ink) -> set[tuple[float, ...]]:
    """The patterns (in map units; () solid) of the link lines a plan strokes in `ink` (end marks and an
    informal link's hollow left out)."""
    return {
        tuple(round(d * pen.widthF(), 3) for d in pen.dashPattern()) if pen.style() != Qt.PenStyle.SolidLine else ()
        for (pen, brush), _path in plan
        if brush.style() == Qt.BrushStyle.NoBrush and pen.color() == ink.ink
    }


def test_link_types_on_the_stage_are_told_apart_by_their_pattern_not_their_colour(themed_sample, monkeypatch):
    from ui import dialogs

    window = themed_sample
    monkeypatch.setattr(dialogs, "ask_second_screen", lambda parent: False)
    hc = theme.ink_of("high_contrast")
    window.show_section("ecosystem")
    scene = window.current_view().canvas.scene()
    assert len({link.link_type for link in window.doc.all("link")}) >= 3
    assert window.presentation.enter()
    try:
        stage = window.presentation.stage.view
        stage.resize(1920, 1080)
        QTest.keyClick(window.presentation.stage, Qt.Key.Key_0)  # the whole map, as the room first sees it
        port = stage.viewport().rect()
        shown = stage.mapToScene(port).boundingRect()
        plan = scene.layer.plan(
            shown, stage.transform().m11(), port.width() * port.height(), theme.ink(stage.viewport())
        )
        lines = [pen for (pen, brush), _path in plan if brush.style() == Qt.BrushStyle.NoBrush]
        assert {pen.color().rgb() for pen in lines} <= {hc.ink.rgb(), hc.background.rgb()}  # one ink, as before
        by_type = {look.link_type: _pattern(look, hc) for look in scene.layer.looks if look.formal}
        assert len(set(by_type.values())) == len(by_type) >= 3  # yet each type has a pattern of its own
        assert set(by_type.values()) <= _line_styles(plan, hc)  # and the stage draws them
    finally:
        window.presentation.leave()


def test_every_two_link_types_differ_in_pattern_in_high_contrast():
    from workbench.ecosystem.entities import LinkType

    hc = theme.ink_of("high_contrast")
    assert len({_pattern(Look(kind, 1.5, True), hc) for kind in LinkType}) == len(LinkType)


def _pattern(look, ink: theme.Ink) -> tuple[float, ...]:
    """The pattern of a link of `look`'s line, close enough to read."""
    lines, _mark, _fill = look.pens(ink, selected=False, plain=False)
    return _line_styles([((lines[0], QBrush()), None)], ink).pop()


def test_the_value_chains_legend_tells_the_lanes_by_place_not_by_a_colour_high_contrast_does_not_show(themed_sample):
    from PySide6.QtWidgets import QLabel

    window = themed_sample
    window.show_section("value-chain")
    theme.apply("high_contrast", remember=False)
    c = theme.ink_of("high_contrast")
    assert c.creation_fill == c.capture_fill == c.both_fill  # every bar looks the same...
    legend = next(label.text() for label in window.current_view().findChildren(QLabel) if "Each bar" in label.text())
    assert not {"blue", "orange", "green"} & set(legend.lower().replace(",", " ").split())  # ...so none is named by it
