"""How the index names its rows and the people credited.

Each index row is keyed by a number that holds the issue's date, the
article's id, whether the public may see it and its kind (``key``), so that
the pages' questions are answered from the index alone: newest or oldest
first is key order, a date range is a key range (``dated_between``), and
counts by year and kind read keys only. A credited person is a label among
the row's terms (``person_label``), so that filtering by person is one more
term to match.
"""

from archive.lib.parsing import records

# A key: issue date as yyyymmdd (0 when unknown) | article id | hidden | kind.
DATE_SHIFT = 36
ID_SHIFT = 4
ID_MASK = 0xFFFFFFFF
HIDDEN = 8
KIND_MASK = 7
DATED = 1 << DATE_SHIFT  # the smallest key of a dated article
KIND_CODES = {kind: code for code, kind in enumerate(records.KINDS)}
KINDS_BY_CODE = dict(enumerate(records.KINDS))
OTHER_KIND = KIND_MASK


def _day(date):
    return date.year * 10000 + date.month * 100 + date.day


def key(article_id, date, kind, hidden):
    """The index key of an article (``date``: its issue's date)."""
    return (
        ((_day(date) if date else 0) << DATE_SHIFT)
        | (article_id << ID_SHIFT)
        | (HIDDEN if hidden else 0)
        | KIND_CODES.get(kind, OTHER_KIND)
    )


def dated_between(start, end):
    """(lowest, highest) key of the articles of issues dated from ``start``
    to ``end``, both inclusive, either None for open; the undated are left
    out."""
    lowest = _day(start) << DATE_SHIFT if start else DATED
    highest = (1 << 62) - 1
    if end:
        highest = ((_day(end) + 1) << DATE_SHIFT) - 1
    return lowest, highest


def person_label(person_id):
    return f"p{person_id}"
