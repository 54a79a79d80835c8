"""``import_issues``: front-page files in, rows out.

Workers read, parse, extract and segment files (``prepare``, no database);
this process writes them (``writer``): new issues as new rows (``rows``,
``bulk``), changed ones merged with what editors did (``merge``), and the
people, organisations and events they name (``mentions``). ``sources`` finds
the files and reports what became of each.
"""

from .prepare import CREATED, FAILED, UNCHANGED, UPDATED
from .sources import Outcome, Tally, find_sources
from .writer import import_file, import_files

__all__ = [
    "CREATED",
    "FAILED",
    "UNCHANGED",
    "UPDATED",
    "Outcome",
    "Tally",
    "find_sources",
    "import_file",
    "import_files",
]
