import os
import time

from django.core.management.base import BaseCommand, CommandError

from archive.importer import FAILED, Tally, find_sources, import_files
from archive.locking import BULK_WRITER_BUSY


class Command(BaseCommand):
    help = (
        "导入报纸版面的文本文件（文件夹则递归导入其中的 *.txt）。"
        "同名文件再次导入时：内容未变则跳过，内容有变则更新，编辑改过的内容不会被覆盖。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="只解析并报告每个文件的结果，不写入数据库",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            metavar="N",
            help="解析、识别和分词用的进程数（默认：本机的 CPU 核数）",
        )

    def handle(self, *args, paths, dry_run, workers, verbosity, **options):
        if workers < 1:
            raise CommandError("--workers 至少为 1。")
        files, failures = find_sources(paths)
        for outcome in failures:
            self.stderr.write(outcome.lines()[0])
        progress = Progress(self.stderr, len(files)) if self.stderr.isatty() else None
        tally = Tally(failures=failures)
        began = time.monotonic()

        def waiting():
            self.stderr.write(BULK_WRITER_BUSY)

        for outcome in import_files(files, workers=workers, dry_run=dry_run, waiting=waiting):
            tally.add(outcome)
            if progress:
                progress.show(tally.characters, tally.articles)
            if outcome.status == FAILED:
                if progress:
                    progress.clear()
                self.stderr.write(outcome.lines()[0])
                continue
            if dry_run or verbosity >= 2:
                if progress:
                    progress.clear()
                for line in outcome.lines():
                    self.stdout.write(line)
        if progress:
            progress.clear()
        seconds = time.monotonic() - began

        summary = tally.summary()
        if files:
            summary += (
                f"用时 {seconds:.1f} 秒，每秒 {len(files) / seconds:.1f} 个文件、"
                f"{tally.characters / seconds:,.0f} 字（{workers} 个进程）。"
            )
        prefix = "预演（没有写入数据库）：" if dry_run else "导入完成："
        self.stdout.write(prefix + summary)
        if tally.failures:
            raise CommandError(f"{len(tally.failures)} 个路径未能导入，原因见上。")


class Progress:
    """One status line on a terminal, rewritten in place: files done of all,
    characters per second, articles, and the time left."""

    ERASE_LINE = "\r\033[K"

    def __init__(self, stream, total):
        self.stream = stream
        self.total = total
        self.done = 0
        self.began = time.monotonic()

    def show(self, characters, articles):
        self.done += 1
        seconds = max(time.monotonic() - self.began, 1e-9)
        left = (self.total - self.done) * seconds / self.done
        width = 20
        filled = width * self.done // max(self.total, 1)
        text = (
            f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} 个文件，"
            f"{characters / seconds:,.0f} 字/秒，文章 {articles} 篇，"
            f"剩余约 {int(left) // 60}:{int(left) % 60:02d}"
        )
        self.stream.write(self.ERASE_LINE + text, style_func=str, ending="")
        self.stream.flush()

    def clear(self):
        self.stream.write(self.ERASE_LINE, style_func=str, ending="")
