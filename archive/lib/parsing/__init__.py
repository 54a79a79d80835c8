"""Front pages as text in, dataclasses out: no database, no Django.

``parse_bytes`` is what the importer calls; the modules below it each hold one
part of reading a page: decoding, dates, credit lines, headlines, the page.
"""

from .decoding import decode, normalise
from .page import parse_text, read_masthead, split_lines
from .records import ParseError

__all__ = ["ParseError", "masthead_outlets", "parse_bytes", "parse_text"]


def parse_bytes(data: bytes):
    """Decode, normalise and parse one file's bytes into a records.Issue."""
    text, encoding = decode(data)
    issue = parse_text(normalise(text))
    issue.encoding = encoding
    return issue


def masthead_outlets(data: bytes) -> list[str]:
    """The paper and sites a stored page's masthead names (Issue.outlets),
    read again without parsing its articles; [] for bytes that are no page."""
    try:
        text, _ = decode(data)
    except ParseError:
        return []
    return read_masthead(split_lines(normalise(text)))[0].outlets
