from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = "报纸档案"

    def ready(self):
        from archive import derived
        from archive.search import prepare_index
        from archive.segmentations import forget_segmentation

        # A migration that rebuilds archive_article on SQLite drops the
        # search index's delete trigger with the old table.
        post_migrate.connect(prepare_index, sender=self)
        pre_delete.connect(forget_segmentation, sender=self.get_model("Segmentation"))
        # Whatever saves an article, its byline or its issue (a form, a
        # revert, a spreadsheet, a shell), what follows is made again.
        Article, Byline, Issue = (self.get_model(name) for name in ("Article", "Byline", "Issue"))
        pre_save.connect(derived.article_saving, sender=Article)
        post_save.connect(derived.article_saved, sender=Article)
        pre_save.connect(derived.issue_saving, sender=Issue)
        post_save.connect(derived.issue_saved, sender=Issue)
        post_save.connect(derived.byline_saved, sender=Byline)
        post_delete.connect(derived.byline_deleted, sender=Byline)
        post_save.connect(derived.person_saved, sender=self.get_model("Person"))
