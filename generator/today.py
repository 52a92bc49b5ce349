"""The build's 'today': from POH_TODAY when set (tests, reproducible builds), else Amsterdam."""

from __future__ import annotations

import datetime as dt
import os

from generator.model import TIMEZONE


def build_date() -> dt.date:
    """Today as the site should see it; set POH_TODAY=YYYY-MM-DD to fix it."""
    fixed = os.environ.get("POH_TODAY")
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.datetime.now(TIMEZONE).date()
