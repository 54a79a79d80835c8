"""Which files an import reads, and what became of each (``Outcome``)."""

from dataclasses import dataclass, field
from pathlib import Path

from archive.lib.parsing import records

from .prepare import FAILED


@dataclass
class Outcome:
    """What happened to one path given to the importer."""

    path: Path
    status: str
    reason: str = ""  # why it failed
    issue: records.Issue | None = None  # the parser's reading, when parsed
    notes: list[str] = field(default_factory=list)  # warnings the merge added
    characters: int = 0  # the characters of text segmented

    @property
    def warnings(self):
        found = list(self.issue.warnings) if self.issue else []
        for article in self.issue.articles if self.issue else ():
            found += article.warnings
        return found + self.notes


def find_sources(paths):
    """The files to import from the given files and folders (folders are
    searched for ``*.txt``, recursively, in sorted order), and a failed
    outcome for each path that gives none."""
    files, failures = [], []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                failures.append(Outcome(path, FAILED, "文件夹里没有 .txt 文件"))
            files += found
        elif path.exists():
            files.append(path)
        else:
            failures.append(Outcome(path, FAILED, "路径不存在"))
    # The file name is the issue's key: two files of one name would overwrite
    # each other.
    first_by_name = {}
    unique = []
    for path in files:
        first = first_by_name.setdefault(path.name, path)
        if first is path:
            unique.append(path)
        else:
            failures.append(Outcome(path, FAILED, f"与 {first} 同名；源文件名必须唯一"))
    return unique, failures
