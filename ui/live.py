"""Words on screen that change by themselves (a countdown, a page count, a status message), kept
readable by screen readers: the label's accessible name carries the words, and assistive technology
is told when they change (a live region, in web terms). Qt's accessibility types load with the first
change told: naming QAccessible builds its Python type and enums (2 to 3 ms), which the window's first
screen does without."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAccessibleEvent
    from PySide6.QtWidgets import QLabel, QWidget


def send(event: QAccessibleEvent) -> None:
    """Tell assistive technology (a no-op while none listens)."""
    from PySide6.QtGui import QAccessible

    QAccessible.updateAccessibility(event)


def show(label: QLabel, text: str, name: str) -> None:
    """Show `text` in `label`, read as "name: text"; a change is told, the same words again are not."""
    if label.text() == text and label.accessibleName().startswith(name):
        return
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    label.setText(text)
    label.setAccessibleName(f"{name}: {text}" if text else name)
    send(QAccessibleEvent(label, QAccessible.Event.NameChanged))


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say `message` once, politely (after what it is saying)."""
    if message:
        from PySide6.QtGui import QAccessibleAnnouncementEvent

        send(QAccessibleAnnouncementEvent(widget, message))
