"""The window fits a projector: at 1280x720 and 1366x768 (with the docks open) nothing is cut off or
squeezed below what it needs, the idea field keeps room for a sentence, the inspector does not jump
while a field is edited, and the window comes back where it was left even after a crash."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from db import operations as ops
from templates_reports import styles
from tests.quick import spread
from ui import settings, theme, window_layout
from ui.commands import StoreCommand
from ui.main_window import MainWindow
from ui.views import briefs, register
from ui.views.sections import SECTIONS
from workbench.ecosystem.entities import ActorType

GRID = "item-grid-fast-track"
A4_POINTS = 595  # wide


def _fits(widget: QWidget) -> bool:
    hint = widget.minimumSizeHint()
    return not hint.isValid() or (widget.width() >= hint.width() and widget.height() >= hint.height())


@pytest.mark.parametrize(
    ("screen", "theme_key"),
    spread([((1280, 720), "high_contrast"), ((1366, 768), "light"), ((1280, 720), "light")], floor=1),
)
def test_the_default_window_fits_the_screen_with_the_docks_open(
    qapp_instance, qtbot, answers, monkeypatch, screen, theme_key
):
    theme.apply(theme_key, remember=False)  # high contrast: bold type and thicker frames take more room
    available = QRect(0, 0, *screen)
    win = _small_window(qtbot, monkeypatch, screen)
    assert win.nav_dock.isVisible() and win.inspector_dock.isVisible()
    side, title = window_layout.FRAME[0] // 2, window_layout.FRAME[1] - window_layout.FRAME[0] // 2
    frame = win.geometry().adjusted(-side, -title, side, side)  # with a window manager's border and title bar
    assert available.contains(frame), (frame, available)
    for section in SECTIONS:
        win.show_section(section.key)
        if section.key == "briefs":  # page one as its preview shows it once drawn (beside the window, later)
            win.current_view().preview.setPixmap(QPixmap(briefs.PREVIEW_WIDTH, round(briefs.PREVIEW_WIDTH * 2**0.5)))
        # Two passes: a section wider than the last one lays out the stack, then the window (the docks
        # give way on the next pass; hidden sections still holding their scenes are laid out meanwhile).
        QApplication.processEvents()
        QApplication.processEvents()
        hint = win.minimumSizeHint()
        assert hint.width() <= win.width() and hint.height() <= win.height(), section.key
        for widget in (win.navigator, win.inspector, win.current_view()):
            assert _fits(widget), f"{section.key}: {widget.objectName()} {widget.size()} < {widget.minimumSizeHint()}"
        grown = win.geometry().adjusted(-side, -title, side, side)
        assert available.contains(grown), f"{section.key} grew the window off the screen: {grown}"
    idea = win.views["workshop"].capture.field
    assert idea.width() >= idea.fontMetrics().averageCharWidth() * 25  # a short sentence, not 3 characters
    win.close_document()
    theme.apply("light", remember=False)


@pytest.mark.parametrize(
    ("screen", "size"), [((1280, 720), (1264, 672)), ((1366, 768), (1280, 720)), ((1920, 1080), (1728, 972))]
)
def test_a_first_start_takes_most_of_the_screen_and_no_more(screen, size):
    """Nine tenths of a large screen, centred; never less than the layout was made for, where there is room;
    never more than the screen, frame and title bar included."""
    available = QRect(0, 24, *screen)  # a panel along the top
    placed = window_layout.default_geometry(available)
    assert placed.size() == QSize(*size)
    side, title = window_layout.FRAME[0] // 2, window_layout.FRAME[1] - window_layout.FRAME[0] // 2
    frame = placed.adjusted(-side, -title, side, side)
    assert available.contains(frame), (frame, available)
    assert abs((frame.left() - available.left()) - (available.right() - frame.right())) <= 1  # centred
    assert abs((frame.top() - available.top()) - (available.bottom() - frame.bottom())) <= 1


def test_a_first_start_on_a_large_screen_opens_the_window_at_its_first_size(qapp_instance, qtbot, answers, monkeypatch):
    available = QRect(0, 0, 1920, 1080)
    monkeypatch.setattr(window_layout, "available_geometry", lambda window: available)
    win = MainWindow()
    qtbot.addWidget(win)
    assert (win.width(), win.height()) == (1728, 972)  # not the 1280x800 of a small screen


def test_the_window_comes_back_where_it_was_left_even_after_a_crash(qapp_instance, qtbot, answers):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(40, 60, 710, 520)  # within the test screen
    qtbot.waitUntil(lambda: settings.settings().value("window/geometry") is not None)
    # No close: the program died. The next start finds the geometry as it was left.
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (710, 520)


def test_the_inspector_does_not_move_its_fields_when_a_readiness_level_is_entered(window):
    window.new_from_sample()
    window.doc.run(StoreCommand(ops.update([("instrument", GRID, {"trl_min": None, "trl_max": None})]), "Clear"))
    window.doc.select([("item", GRID)])
    form = window.inspector.forms["instrument"]
    QApplication.processEvents()
    field = form.editors["mrl_min"]
    before = field.mapTo(window.inspector.widget(), field.rect().topLeft())
    editor = form.editors["trl_min"]
    editor.setText("4")
    editor.editingFinished.emit()
    QApplication.processEvents()
    assert "TRL 4:" in window.inspector.facts.text()
    assert field.mapTo(window.inspector.widget(), field.rect().topLeft()) == before


def _needed(combo: QComboBox) -> int:
    """The width a choice box needs to show its current choice whole (as Qt sizes one to its contents)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = QSize(metrics.horizontalAdvance(combo.currentText()), metrics.height())
    return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo).width()


def _clipped_choices(win: MainWindow) -> list[str]:
    port = win.inspector.viewport()
    found = []
    for combo in win.inspector.widget().findChildren(QComboBox):
        right = combo.mapTo(port, combo.rect().topRight()).x()
        if combo.isVisible() and (combo.width() < _needed(combo) or right > port.width()):
            found.append(f"{combo.accessibleName() or combo.objectName()}: '{combo.currentText()}' {combo.width()}px")
    return found


def _cut_texts(plot: pg.PlotWidget) -> list[str]:
    """The words of a chart (title, key, axis labels and ticks, the number at each bar) drawn only in part."""
    item = plot.getPlotItem()
    seen = plot.mapToScene(plot.viewport().rect()).boundingRect()
    view = item.getViewBox().sceneBoundingRect()
    texts = [(label.item, label.sceneBoundingRect()) for label in plot.items() if isinstance(label, pg.LabelItem)]
    texts += [(a.label, a.sceneBoundingRect()) for a in map(item.getAxis, ("left", "bottom")) if a.label.isVisible()]
    texts += [(t, view) for t in item.items if isinstance(t, pg.TextItem) and t.isVisible()]
    cut = []
    for text, room in texts:
        margin = getattr(text, "textItem", text).document().documentMargin()  # blank around the words
        drawn = text.sceneBoundingRect().adjusted(margin, margin, -margin, -margin)
        if not (room.adjusted(-1, -1, 1, 1).contains(drawn) and seen.adjusted(-1, -1, 1, 1).contains(drawn)):
            cut.append(getattr(text, "textItem", text).toPlainText())
    axis = item.getAxis("left")  # a tick's words too wide for the axis are left out whole
    metrics = QFontMetricsF(axis.font())
    room = axis.width() - axis.style["tickTextOffset"][0] - max(0, axis.style["tickLength"])
    for level in axis._tickLevels or []:
        cut += [words for _value, words in level if metrics.horizontalAdvance(words) > room]
    return cut


def _scrollers(widget: QWidget, top: QWidget) -> list[QAbstractScrollArea]:
    """`widget` and those around it up to `top` that scroll."""
    found = []
    while widget is not None and widget is not top:
        if isinstance(widget, QAbstractScrollArea):
            found.append(widget)
        widget = widget.parentWidget()
    return found


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)])
def test_the_inspector_shows_whole_choices_and_the_charts_keep_a_usable_size(
    qapp_instance, qtbot, answers, monkeypatch, screen
):
    available = QRect(0, 0, *screen)
    monkeypatch.setattr(window_layout, "available_geometry", lambda window: available)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.new_from_sample()
    try:
        win.show_section("value-chain")
        view = win.current_view()
        qtbot.waitUntil(lambda: view.charts is not None)
        names = {a.id: a.name for a in win.doc.all("actor")}
        led = max(win.doc.all("instrument"), key=lambda i: len(names.get(i.lead_actor_id or "", "")))
        typed = max(win.doc.all("actor"), key=lambda a: len(ActorType(a.actor_type).label))
        for kind, id_ in (("item", led.id), ("actor", typed.id)):  # the longest lead actor, the longest type
            win.doc.select([(kind, id_)])
            QApplication.processEvents()
            assert not _clipped_choices(win), (kind, _clipped_choices(win))
            facts = win.inspector.facts
            if facts.isVisible():  # a readiness level's definition, written out whole
                assert facts.height() >= facts.heightForWidth(facts.width())
        QApplication.processEvents()
        for plot in (view.charts.budget, view.charts.trl, view.charts.mrl):
            assert plot.width() >= 200 and plot.height() >= 150, (plot.objectName(), plot.size())
            plot.grab()  # drawn, as when scrolled into sight: labels are placed as they paint
            assert not _cut_texts(plot), (plot.objectName(), _cut_texts(plot))
        sideways = [w.objectName() for w in _scrollers(view.charts, view) if w.horizontalScrollBar().isVisible()]
        assert not sideways, f"the charts scroll sideways in {sideways}"
        view.tabs.setCurrentIndex(3)  # Money: no figure cut to "€…", the totals in sight
        tree = view.money.tree
        QApplication.processEvents()
        header = tree.header()
        for column in range(tree.columnCount()):
            needed = max(tree.sizeHintForColumn(column), header.sectionSizeHint(column))
            assert header.sectionSize(column) >= needed, (tree.headerItem().text(column), header.sectionSize(column))
        wide = sum(header.sectionSize(c) for c in range(tree.columnCount()))
        assert not tree.horizontalScrollBar().isVisible(), f"money by stage scrolls: {wide} > {tree.viewport().width()}"
        totals = header.logicalIndex(1)
        assert tree.headerItem().toolTip(totals) == "All years"
        assert header.sectionViewportPosition(totals) + header.sectionSize(totals) <= tree.viewport().width()
    finally:
        win.close_document()


def _small_window(qtbot, monkeypatch, screen=(1280, 720)) -> MainWindow:
    available = QRect(0, 0, *screen)
    monkeypatch.setattr(window_layout, "available_geometry", lambda window: available)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.new_from_sample()
    return win


def test_no_register_is_wider_than_the_middle_of_a_small_screen_and_the_docks_keep_their_width(
    qapp_instance, qtbot, answers, monkeypatch
):
    """The capability and scale-up registers asked 746 and 812 px of a 733 px middle: opening them shrank
    both docks, for good."""
    win = _small_window(qtbot, monkeypatch)
    try:
        QApplication.processEvents()
        docks, middle = (win.nav_dock.width(), win.inspector_dock.width()), win.centralWidget().width()
        win.show_section("value-chain")
        view = win.current_view()
        for tab in (1, 2, 0):
            view.tabs.setCurrentIndex(tab)
            QApplication.processEvents()
        for section in ("objectives", "indicators", "measurements", "experiments", "evaluation", "lessons", "risks"):
            win.show_section(section)
            QApplication.processEvents()
        registers = win.findChildren(register.RegisterView)
        assert len(registers) >= 3
        wide = {r.objectName(): r.minimumSizeHint().width() for r in registers if r.minimumSizeHint().width() > middle}
        assert not wide, (middle, wide)
        assert (win.nav_dock.width(), win.inspector_dock.width()) == docks
    finally:
        win.close_document()


def _cut_row_names(grid) -> list[str]:
    header, model = grid.verticalHeader(), grid.model()
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 2 * header.frameWidth()
    names = [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]
    return [n for n in names if header.fontMetrics().horizontalAdvance(n) + margin > header.width()]


def _cut_headings(table) -> list[str]:
    """Column headings of the options compared not shown whole, on as many lines as the heading has room for."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    cut = []
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        room = QRect(0, 0, header.sectionSize(column) - 8, header.height())
        drawn = metrics.boundingRect(room, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
        if drawn.width() > room.width() or drawn.height() > room.height():
            cut.append(text)
    return cut


def test_a_brief_is_written_in_a_roomy_field_beside_a_legible_page(qapp_instance, qtbot, answers, monkeypatch):
    """At 1280x720 the preview beside the form held 440 px: the form had 250 px and scrolled sideways,
    its fields a few words wide."""
    win = _small_window(qtbot, monkeypatch)
    try:
        win.show_section("briefs")
        view = win.current_view()
        form = view.form
        qtbot.waitUntil(lambda: not view.busy and not view.preview.pixmap().isNull(), timeout=30000)
        QApplication.processEvents()
        scroll = view.findChild(QScrollArea, "briefEditor")
        port = scroll.viewport()
        for editor in [*form.header_editors.values(), *form.text_editors.values()]:
            right = editor.mapTo(port, editor.rect().topRight()).x()
            assert editor.width() >= 45 * editor.fontMetrics().averageCharWidth(), editor.objectName()
            assert right < port.width(), f"{editor.objectName()} runs out of sight"
        assert not scroll.horizontalScrollBar().isVisible()
        page = view.preview.pixmap()
        assert page.width() <= view.preview.contentsRect().width()  # drawn at its width, whole, not scaled
        assert styles.BODY_SIZE * page.width() / A4_POINTS >= 6, page.width()  # body text 6 px or more
    finally:
        win.close_document()


@pytest.mark.parametrize("theme_key", list(theme.THEMES))
def test_the_checklists_show_their_scores_and_answer_buttons_whole(
    qapp_instance, qtbot, answers, monkeypatch, theme_key
):
    """At 1280x720 the answer buttons ran out of sight ("Clear answ"), and in high contrast a checklist's
    bold title was wider than the list, which scrolled sideways."""
    theme.apply(theme_key, remember=False)
    win = _small_window(qtbot, monkeypatch)
    try:
        win.show_section("checklists")
        view = win.current_view()
        QApplication.processEvents()
        listing = view.scoreboard.list
        assert not listing.horizontalScrollBar().isVisible()
        for n in range(listing.count()):
            row = listing.itemWidget(listing.item(n))
            assert row.width() >= row.sizeHint().width() and row.geometry().right() < listing.viewport().width()
        detail = view.findChild(QScrollArea, "questionDetail")
        port = detail.viewport()
        assert not detail.horizontalScrollBar().isVisible()
        buttons = [b for b in view.panel.findChildren(QPushButton) if b.isVisible()]
        assert len(buttons) >= 5
        for button in buttons:
            right = button.mapTo(port, button.rect().topRight()).x()
            assert button.width() >= button.minimumSizeHint().width() and right < port.width(), button.text()
    finally:
        win.close_document()
        theme.apply("light", remember=False)


def test_row_names_and_option_headings_show_whole_where_there_is_room(qapp_instance, qtbot, answers, monkeypatch):
    """At 1920x1080 the spend grid cut its row names at 280 px ("Battery doctoral training centre (grant
    (resour"); the options' headings were cut at every size ("Business as usu"), and the empty profile's
    words sat under its key."""
    win = _small_window(qtbot, monkeypatch, (1920, 1080))
    try:
        win.show_section("value-chain")
        view = win.current_view()
        view.tabs.setCurrentIndex(3)
        QApplication.processEvents()
        spend = view.money.spend
        assert spend.model().rowCount() > 0
        assert not _cut_row_names(spend)
        win.show_section("options")
        options = win.current_view()
        for size in ((1728, 972), (1264, 672)):
            win.resize(*size)
            QApplication.processEvents()
            assert not _cut_headings(options.table), (size, _cut_headings(options.table))
        assert options.chart.height() >= 150
        empty = next(o for o in options.options.values() if not options.flows.get(o.id))
        options.choose(empty.id)
        QApplication.processEvents()
        assert options.chart.empty.isVisible() and not options.chart.legend.isVisible()
    finally:
        win.close_document()
