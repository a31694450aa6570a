"""The countdown of an agenda step: start, pause, add time, and one gentle signal at the end.

It reads time from an injected clock (seconds, monotonic), so tests drive it with a fake clock and
the window drives it with a QTimer that only asks it what to show.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

Clock = Callable[[], float]


class Countdown:
    _total: float
    _spent: float  # seconds counted down before the current run
    _since: float | None  # clock value when the current run started
    _signalled: bool

    def __init__(self, seconds: float, clock: Clock = time.monotonic):
        self._clock = clock
        self.reset(seconds)

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def spent(self) -> float:
        return self._spent + (self._clock() - self._since if self._since is not None else 0.0)

    @property
    def remaining(self) -> float:
        return max(0.0, self._total - self.spent)

    @property
    def overtime(self) -> float:
        """How long a running step has gone on past its time (0 before the end)."""
        return max(0.0, self.spent - self._total)

    @property
    def finished(self) -> bool:
        return self.remaining <= 0

    def start(self) -> None:
        if self._since is None and not self.finished:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            self._spent += self._clock() - self._since
            self._since = None

    def add(self, seconds: float) -> None:
        """More time (a minute for the discussion to finish); a countdown that had ended counts on from there."""
        if self.finished:
            self._total, self._spent = 0.0, 0.0
            self._signalled = False
            if self._since is not None:
                self._since = self._clock()
        self._total += seconds

    def reset(self, seconds: float) -> None:
        """Stop and set a fresh duration (the next agenda step)."""
        self._total = float(seconds)
        self._spent = 0.0
        self._since = None
        self._signalled = False

    def poll(self) -> bool:
        """True exactly once, the first time it is asked after the countdown reached zero."""
        if self.finished and not self._signalled:
            self._signalled = True
            return True
        return False


def clock_text(seconds: float) -> str:
    """'4:05' for 245 seconds; rounded up, so 0:00 shows only when time is really up."""
    whole = math.ceil(seconds - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


def overtime_text(seconds: float) -> str:
    """'+1:23' for 83 seconds past the end: whole seconds gone, rounded down."""
    whole = math.floor(seconds + 1e-9)
    return f"+{whole // 60}:{whole % 60:02d}"
