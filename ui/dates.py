"""Dates as the user's locale writes them (the document stores them as ISO text, YYYY-MM-DD)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt


def shown_date(iso: object) -> str:
    """An ISO date in the locale's short form with the whole year ("05/03/2026" in Britain, "3/5/2026" in
    the United States; ISO where no locale is set); text that is not a date is shown as it is."""
    date = QDate.fromString(str(iso), Qt.DateFormat.ISODate)
    if not date.isValid():
        return str(iso)
    locale = QLocale()
    if locale.language() == QLocale.Language.C:  # no locale chosen: the international form
        return date.toString(Qt.DateFormat.ISODate)
    form = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in form:  # "26" could be any century's
        form = form.replace("yy", "yyyy")
    return locale.toString(date, form)
