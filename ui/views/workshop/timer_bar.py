"""The countdown of the current agenda step: start or pause, a minute more, next step, and a gentle
signal (one beep and a banner, never a modal box) when time is up.

A QTimer only asks the pure Countdown what to show, so a test drives the same code with a fake clock.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget

from ui import live, theme
from ui.views.workshop.widgets import button
from workbench.workshop.entities import AgendaStep
from workbench.workshop.timer import Clock, Countdown, clock_text, overtime_text

TICK_MS = 250
CLOCK_NAME = "Time left in this step"  # a screen reader hears "Time left in this step: 4:05"


class TimerBar(QWidget):
    next_requested = Signal()
    time_up = Signal(str)  # the step's title
    caption_changed = Signal(str)  # "Step title · 4:05", for the presentation screen

    def __init__(self, clock: Clock = time.monotonic, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timerBar")
        self.setAccessibleName("Agenda timer")
        self.countdown = Countdown(0, clock)
        self.step: AgendaStep | None = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.step_label = QLabel()
        self.step_label.setObjectName("timerStep")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("timerClock")
        big = QFont(self.clock_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        self.clock_label.setFont(big)
        self.start = button("timerStart", "Start", "Start or pause the countdown of this step", self.toggle)
        self.more = button("timerAddMinute", "+1 min", "One more minute for this step", self.add_minute)
        self.next = button("timerNext", "Next step", "Move to the next agenda step", self.next_requested.emit)
        self.over_label = QLabel("over time")  # said in words too, never by colour alone
        self.over_label.setObjectName("timerOver")
        theme.take_role(self.over_label, "overtime")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.step_label, self.clock_label, self.over_label, self.start, self.more, self.next):
            row.addWidget(widget, 1 if widget is self.step_label else 0)
        self.set_step(None)

    def set_step(self, step: AgendaStep | None) -> None:
        """Show a step's full time, stopped; a step edited while it runs keeps its countdown."""
        if step is not None and self.step is not None and step.id == self.step.id and step.minutes == self.step.minutes:
            self.step = step
        else:
            self.step = step
            self.countdown.reset(step.minutes * 60 if step else 0)
            self.ticker.stop()
        self.refresh()

    def toggle(self) -> None:
        if self.countdown.running:
            self.countdown.pause()
            self.ticker.stop()
        else:
            self.countdown.start()
            if self.countdown.running:
                self.ticker.start()
        self.refresh()

    def add_minute(self) -> None:
        self.countdown.add(60)
        self.refresh()

    def tick(self) -> None:
        self.refresh()
        if self.countdown.poll():
            QApplication.beep()
            live.announce(self.clock_label, f"Time is up for {self.step.title}." if self.step else "Time is up.")
            self.time_up.emit(self.step.title if self.step else "")

    def refresh(self) -> None:
        countdown, has_step = self.countdown, self.step is not None
        over = has_step and countdown.finished
        self.step_label.setText(f"▶ {self.step.title}" if self.step is not None else "No agenda step")
        if over:
            live.show(self.clock_label, overtime_text(countdown.overtime), CLOCK_NAME)
        else:
            live.show(self.clock_label, clock_text(countdown.remaining) if has_step else "–:––", CLOCK_NAME)
        if self.clock_label.property(theme.ROLE) != ("overtime" if over else "clock"):
            theme.take_role(self.clock_label, "overtime" if over else "clock")
        self.over_label.setVisible(over)
        # At zero the button stops the overtime count; stopped there, there is nothing to start.
        self.start.setText(("Stop" if over else "Pause") if countdown.running else "Start")
        self.start.setEnabled(has_step and (countdown.running or not over))
        self.more.setEnabled(has_step)
        self.caption_changed.emit(self.caption())

    def caption(self) -> str:
        """What the room sees above the canvas: the step and its time left, or that time is up."""
        if self.step is None:
            return ""
        if self.countdown.finished:
            over = self.countdown.overtime
            left = f"time is up, {overtime_text(over)} over time" if over >= 1 else "time is up"
        else:
            left = clock_text(self.countdown.remaining)
        return f"{self.step.title} · {left}"
