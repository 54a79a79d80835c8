"""Which files an import reads, what became of each (``Outcome``), and the
sums an import reports (``Tally``): the same words from ``import_issues`` and
from an import started in the admin."""

from dataclasses import dataclass, field
from pathlib import Path

from archive.lib.parsing import records

from .prepare import CREATED, FAILED, UNCHANGED, UPDATED

STATUS_LABELS = {CREATED: "新增", UPDATED: "更新", UNCHANGED: "未变", FAILED: "失败"}


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

    def lines(self, name=None):
        """What a report says of this file, under ``name`` (its path if
        none): one line, then one per warning."""
        name = name or str(self.path)
        if self.status == FAILED:
            return [f"失败 {name}：{self.reason}"]
        line = f"{STATUS_LABELS[self.status]} {name}"
        issue = self.issue
        if issue:
            number = f"第{issue.number}期" if issue.number is not None else "期号不详"
            date = issue.date.isoformat() if issue.date else "日期不详"
            line += f"：{number}，{date}，文章 {len(issue.articles)} 篇，警告 {len(self.warnings)} 条"
        return [line, *(f"  警告：{warning}" for warning in self.warnings)]


@dataclass
class Tally:
    """The sums of an import's outcomes."""

    counts: dict = field(default_factory=lambda: dict.fromkeys([CREATED, UPDATED, UNCHANGED], 0))
    articles: int = 0
    warnings: int = 0
    characters: int = 0
    failures: list = field(default_factory=list)

    def add(self, outcome):
        self.characters += outcome.characters
        if outcome.issue:
            self.articles += len(outcome.issue.articles)
        if outcome.status == FAILED:
            self.failures.append(outcome)
            return
        self.counts[outcome.status] += 1
        if outcome.issue:
            self.warnings += len(outcome.warnings)

    def summary(self):
        return (
            f"新增 {self.counts[CREATED]} 期，更新 {self.counts[UPDATED]} 期，"
            f"未变 {self.counts[UNCHANGED]} 期；文章 {self.articles} 篇，警告 {self.warnings} 条；"
            f"失败 {len(self.failures)} 个。"
        )


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
