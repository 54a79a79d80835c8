"""Dates as the archive writes them out: ISO 8601, the one form of its JSON
pages, its export and its snapshots."""

import datetime


def iso_date(value: datetime.date | None) -> str | None:
    """``value`` (a date or a datetime) as ISO 8601; None stays None."""
    return value.isoformat() if value is not None else None
