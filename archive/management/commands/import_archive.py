import gzip
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from simple_history.models import HistoricalChanges

from archive.backup.restore import RestoreError, restore_archive
from archive.locking import BULK_WRITER_BUSY


class Command(BaseCommand):
    help = "从 export_archive 的备份文件（.json 或 .json.gz）恢复整个档案，只能导入到空的档案。"

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="export_archive 写出的文件")

    def handle(self, *args, file, **options):
        path = Path(file)
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8") as stream:
                counts, created = restore_archive(
                    stream, waiting=lambda: self.stderr.write(BULK_WRITER_BUSY)
                )
        except OSError as error:  # gzip.BadGzipFile is one
            raise CommandError(f"没有导入任何数据：读不了 {path}（{error}）。") from None
        except EOFError:
            raise CommandError(f"没有导入任何数据：{path} 不完整，压缩文件提前结束。") from None
        except RestoreError as error:
            raise CommandError(f"没有导入任何数据。{error}") from None
        histories = sum(n for model, n in counts.items() if issubclass(model, HistoricalChanges))
        rows = sum(counts.values()) - histories
        self.stdout.write(f"已恢复 {rows} 行档案数据和 {histories} 条修改历史，检索索引已重建。")
        if created:
            self.stdout.write(
                f"新建了 {len(created)} 个停用的用户（历史记录里有、这个数据库里没有）：{'、'.join(created)}。"
                "需要时在管理后台启用并设置密码。"
            )
