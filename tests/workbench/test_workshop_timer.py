"""The agenda countdown, driven by a fake clock: start, pause, add a minute, one signal at the end."""

from __future__ import annotations

from workbench.workshop.timer import Countdown, clock_text, overtime_text


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_counts_down_only_while_running():
    clock = FakeClock()
    timer = Countdown(300, clock)
    clock.advance(50)
    assert timer.remaining == 300 and not timer.running
    timer.start()
    clock.advance(60)
    assert timer.remaining == 240
    timer.pause()
    clock.advance(500)
    assert timer.remaining == 240
    timer.start()
    clock.advance(40)
    assert timer.remaining == 200


def test_adding_a_minute_extends_a_running_countdown():
    clock = FakeClock()
    timer = Countdown(120, clock)
    timer.start()
    clock.advance(100)
    timer.add(60)
    assert timer.remaining == 80


def test_signals_once_at_the_end_and_never_shows_negative_time():
    clock = FakeClock()
    timer = Countdown(10, clock)
    timer.start()
    clock.advance(9)
    assert not timer.poll()
    clock.advance(5)
    assert timer.remaining == 0 and timer.finished
    assert timer.poll()
    clock.advance(5)
    assert not timer.poll()
    assert clock_text(timer.remaining) == "0:00"


def test_a_minute_after_the_end_counts_on_and_signals_again():
    clock = FakeClock()
    timer = Countdown(10, clock)
    timer.start()
    clock.advance(30)
    assert timer.poll()
    timer.add(60)
    assert timer.remaining == 60 and timer.running
    clock.advance(60)
    assert timer.poll()


def test_reset_stops_and_sets_the_next_step():
    clock = FakeClock()
    timer = Countdown(10, clock)
    timer.start()
    clock.advance(3)
    timer.reset(900)
    assert not timer.running and timer.remaining == 900


def test_start_does_nothing_when_time_is_up():
    clock = FakeClock()
    timer = Countdown(5, clock)
    timer.start()
    clock.advance(6)
    timer.pause()
    timer.start()
    assert not timer.running


def test_clock_text_rounds_up():
    assert clock_text(245) == "4:05"
    assert clock_text(244.2) == "4:05"
    assert clock_text(0.4) == "0:01"
    assert clock_text(0) == "0:00"
    assert clock_text(3600) == "60:00"


def test_a_running_step_counts_its_overtime_until_paused():
    clock = FakeClock()
    c = Countdown(60, clock)
    c.start()
    clock.advance(59)
    assert c.overtime == 0
    clock.advance(84)
    assert c.remaining == 0 and c.overtime == 83 and overtime_text(c.overtime) == "+1:23"
    c.pause()
    clock.advance(100)
    assert c.overtime == 83
    assert overtime_text(0.4) == "+0:00" and overtime_text(59.99) == "+0:59"
