"""The build's 'today': POH_TODAY when set (tests, `--today`), else the day of
SOURCE_DATE_EPOCH (reproducible builds), else today in Amsterdam."""

from __future__ import annotations

import datetime as dt
import os

from generator.model import TIMEZONE


def build_date() -> dt.date:
    """Today as the site should see it; set POH_TODAY=YYYY-MM-DD or SOURCE_DATE_EPOCH to fix it.

    The build itself sets SOURCE_DATE_EPOCH to midnight UTC of its today, so the epoch's
    date is read in UTC.
    """
    fixed = os.environ.get("POH_TODAY")
    if fixed:
        return dt.date.fromisoformat(fixed)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(TIMEZONE).date()
