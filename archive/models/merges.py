"""Where the people, organisations and events merged away went.

A merge deletes the rows merged into the survivor; their public addresses
(``/people/<id>/``) were linked, cited and indexed by search engines, so the
id each had is kept with the survivor's, and the address leads there (301)
instead of to nothing.
"""

from django.db import models

from .entities import ENTITY_KINDS

KIND_LABELS = {"person": "人物", "organisation": "机构", "event": "活动"}


class Merged(models.Model):
    """One row merged away: its kind, the id it had, and the id of the row
    it lives on in. Plain ids, not foreign keys: the old row is gone, and a
    survivor merged in turn hands its rows on (``Merged.record``), so that
    an address leads to the last survivor in one step."""

    kind = models.CharField("类别", max_length=20, choices=[(kind, KIND_LABELS[kind]) for kind in ENTITY_KINDS])
    merged_id = models.PositiveBigIntegerField("原编号")
    survivor_id = models.PositiveBigIntegerField("并入的编号")
    merged_at = models.DateTimeField("合并时间", auto_now_add=True)

    class Meta:
        verbose_name = "合并记录"
        verbose_name_plural = "合并记录"
        constraints = [models.UniqueConstraint(fields=["kind", "merged_id"], name="archive_merged_once")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.merged_id} → {self.survivor_id}"

    @classmethod
    def record(cls, kind, survivor_id, merged_ids):
        """``merged_ids`` now live on in ``survivor_id``; so do the rows
        merged into them before."""
        cls.objects.filter(kind=kind, survivor_id__in=merged_ids).update(survivor_id=survivor_id)
        cls.objects.bulk_create(
            [cls(kind=kind, merged_id=pk, survivor_id=survivor_id) for pk in merged_ids],
            update_conflicts=True,
            unique_fields=["kind", "merged_id"],
            update_fields=["survivor_id"],
        )

    @classmethod
    def survivor(cls, kind, pk):
        """The id the row ``pk`` of ``kind`` was merged into, or None."""
        return cls.objects.filter(kind=kind, merged_id=pk).values_list("survivor_id", flat=True).first()
