"""The lock message says when in words people use, never a raw ISO stamp."""

from __future__ import annotations

import datetime as dt

from db.errors import DocumentLocked


def test_the_lock_time_reads_as_a_date_and_time():
    stamp = dt.datetime(2026, 12, 3, 9, 22, 7).astimezone()
    err = DocumentLocked("plan.iipw", {"user": "ana", "host": "desk-7", "time": stamp.isoformat()})
    assert err.message == "plan.iipw is open by ana on desk-7 since 3 December 2026 at 09:22."


def test_an_unreadable_lock_time_is_unknown():
    for stamp in (None, "", "yesterday", 12):
        err = DocumentLocked("plan.iipw", {"user": "ana", "host": "desk-7", "time": stamp})
        assert err.message.endswith("since an unknown time."), err.message
