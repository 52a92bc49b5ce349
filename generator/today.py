"""The build's default 'today': the day of SOURCE_DATE_EPOCH (reproducible builds), else
today in Amsterdam. Commands take `--today` to set it."""

from __future__ import annotations

import datetime as dt
import os

from generator.model import TIMEZONE


def build_date() -> dt.date:
    """Today as the site should see it when no `--today` is given."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(TIMEZONE).date()
