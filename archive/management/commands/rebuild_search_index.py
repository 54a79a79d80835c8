from django.core.management.base import BaseCommand

from archive.models import Article
from archive.search import index_articles

BATCH = 5000


class Command(BaseCommand):
    help = "重建全文检索索引(导入了索引出现之前的数据、或索引与文章不一致时使用)。"

    def handle(self, *args, verbosity, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            index_articles(ids[start : start + BATCH])
            if verbosity >= 2:
                self.stdout.write(f"已索引 {min(start + BATCH, len(ids))}/{len(ids)} 篇")
        self.stdout.write(f"检索索引已重建:{len(ids)} 篇文章。")
