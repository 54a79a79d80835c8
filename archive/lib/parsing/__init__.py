"""Front pages as text in, dataclasses out: no database, no Django.

``parse_bytes`` is what the importer calls; the modules below it each hold one
part of reading a page: decoding, dates, credit lines, headlines, the page.
"""

from .decoding import decode, normalise
from .page import parse_source, parse_text, read_masthead, split_lines
from .records import ParseError, SourceLine

__all__ = ["ParseError", "SourceLine", "masthead_outlets", "parse_bytes", "parse_text", "read_source"]


def parse_bytes(data: bytes):
    """Decode, normalise and parse one file's bytes into a records.Issue."""
    return read_source(data)[0]


def read_source(data: bytes) -> tuple:
    """Decode, normalise and parse one file's bytes: the records.Issue and
    what each line of the text became (records.SourceLine)."""
    text, encoding = decode(data)
    issue, lines = parse_source(normalise(text))
    issue.encoding = encoding
    return issue, lines


def masthead_outlets(data: bytes) -> list[str]:
    """The paper and sites a stored page's masthead names (Issue.outlets),
    read again without parsing its articles; [] for bytes that are no page."""
    try:
        text, _ = decode(data)
    except ParseError:
        return []
    return read_masthead(split_lines(normalise(text)))[0].outlets
