"""Words on screen that change by themselves (a countdown, a page count, a status message), kept
readable by screen readers: the label's accessible name carries the words, and assistive technology
is told when they change (a live region, in web terms)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QWidget


def send(event: QAccessibleEvent) -> None:
    """Tell assistive technology (a no-op while none listens)."""
    QAccessible.updateAccessibility(event)


def show(label: QLabel, text: str, name: str) -> None:
    """Show `text` in `label`, read as "name: text"; a change is told, the same words again are not."""
    if label.text() == text and label.accessibleName().startswith(name):
        return
    label.setText(text)
    label.setAccessibleName(f"{name}: {text}" if text else name)
    send(QAccessibleEvent(label, QAccessible.Event.NameChanged))


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say `message` once, politely (after what it is saying)."""
    if message:
        send(QAccessibleAnnouncementEvent(widget, message))
