"""Front pages as text in, dataclasses out: no database, no Django.

``parse_bytes`` is what the importer calls; the modules below it each hold one
part of reading a page: decoding, dates, credit lines, headlines, the page.
"""

from .decoding import decode, normalise
from .page import parse_text
from .records import ParseError

__all__ = ["ParseError", "parse_bytes", "parse_text"]


def parse_bytes(data: bytes):
    """Decode, normalise and parse one file's bytes into a records.Issue."""
    text, encoding = decode(data)
    issue = parse_text(normalise(text))
    issue.encoding = encoding
    return issue
