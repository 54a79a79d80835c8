import gzip
import os
from pathlib import Path

from django.core.management.base import BaseCommand

from archive.backup.export import write_archive


class Command(BaseCommand):
    help = "把整个档案导出为 JSON（UTF-8，格式见 README.md），也是 import_archive 可以恢复的备份。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help="写入这个文件（默认写到标准输出）；写完才替换原文件；以 .gz 结尾则用 gzip 压缩",
        )

    def handle(self, *args, output, **options):
        if output is None:
            self.stdout.ending = ""
            write_archive(self.stdout)
            return
        # Write next to the target and rename, so that an interrupted export
        # never leaves a truncated file behind.
        target = Path(output)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with _open(partial, compressed=target.suffix == ".gz") as stream:
                write_archive(stream)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)


def _open(path, *, compressed):
    if compressed:
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
    return path.open("w", encoding="utf-8")
