"""Why a row changed, as its history records it (``history_change_reason``).

Every writer that is not an editor's form names its reason here, so the
admin's history, the export and the tests read one vocabulary. Editors' own
saves leave the reason empty: the user is the reason.
"""

from django.db import models


class ChangeReason(models.TextChoices):
    IMPORTED = "导入"
    REIMPORTED = "重新导入"
    EXTRACTED = "识别"  # entities, mentions and their links the importer found
    MERGED = "合并"
    REVIEWED = "复核"  # the "reviewed" action on people, organisations and events
    EDITED = "编辑"  # an editor's action on many rows at once
    PUBLISHED = "公开"
    WITHDRAWN = "撤下"
    DATED = "补全日期"  # datelines resolved, warnings dropped, once the date is known
