from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_delete


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = "报纸档案"

    def ready(self):
        from archive.search import prepare_index
        from archive.segmentations import forget_segmentation

        # A migration that rebuilds archive_article on SQLite drops the
        # search index's delete trigger with the old table.
        post_migrate.connect(prepare_index, sender=self)
        pre_delete.connect(forget_segmentation, sender=self.get_model("Segmentation"))
