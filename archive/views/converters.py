"""Dates in addresses are ISO 8601 (2024, 2024-07, 2024-07-25): sortable,
unambiguous, and what a researcher would type. A well-formed but impossible
date (2024-02-30) is not a match, so it answers 404."""

import datetime


class YearConverter:
    regex = r"[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class IsoMonthConverter:
    """A month as the date of its first day."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value):
        year, month = map(int, value.split("-"))
        return datetime.date(year, month, 1)  # ValueError: no match

    def to_url(self, value):
        return f"{value.year:04d}-{value.month:02d}"


class IsoDateConverter:
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        return datetime.date.fromisoformat(value)  # ValueError: no match

    def to_url(self, value):
        return value.isoformat()
