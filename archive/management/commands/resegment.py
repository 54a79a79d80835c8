from django.core.management.base import BaseCommand

from archive.segmentations import resegment


class Command(BaseCommand):
    help = (
        "用当前词库重新分词：全部文章（--all），或含有某个词的文章（--word，可重复）。"
        "编辑校正过分词的文章保持不变。"
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="重新分词全部文章")
        which.add_argument(
            "--word",
            action="append",
            metavar="W",
            help="重新分词含有 W 的文章（经全文索引查找）；可重复",
        )

    def handle(self, *args, **options):
        def progress(done, total):
            if options["verbosity"]:
                self.stdout.write(f"已处理 {done}/{total} 篇")

        changed = resegment(None if options["all"] else options["word"], progress=progress)
        self.stdout.write(f"已重新分词 {len(changed)} 篇文章。")
