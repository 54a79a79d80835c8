"""The admin's history pages, readable: each change in Chinese, its reason,
and a long text's change shown where it is, not as "[910 chars]".

django-simple-history lists a model's versions and, for each, the fields
that changed, every value cut to 100 characters. Here (``ReadableHistory``)
a value is written as an editor reads it (是/否, a choice's label, （空）), a
long or multi-line text is shown whole as one text with the removed part
struck out and the added part marked (``text_diff``, unchanged stretches
shortened), and an article's history also lists what changed in the rows
that hang on it (its credits, its mentions, its tags) and its segmentation's
correction (``article_related_changes``).
"""

import datetime
import json
from difflib import SequenceMatcher

from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from simple_history.template_utils import HistoricalRecordContextHelper

from archive.models import ChangeReason, Segmentation

# A text this long, or on more than one line, is shown as one text with its
# changes marked; a shorter one as old → new.
SHORT = 60
# Characters of unchanged text kept on each side of a change.
CONTEXT = 40
# Changes of the rows hanging on an article shown on its history page.
RELATED_SHOWN = 200
# Rows the import made (every mention and credit it found) are counted, not
# listed: the list is for what changed since.
MADE_BY_IMPORT = {ChangeReason.IMPORTED, ChangeReason.EXTRACTED}

ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}
EMPTY = "（空）"


def readable(field, value):
    """A field's value as an editor reads it, as text."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "\n".join(item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def _shortened(same, first, last):
    """Unchanged text between changes, its middle left out when long."""
    if len(same) <= 2 * CONTEXT + 10:
        return escape(same)
    head = "" if first else same[:CONTEXT]
    tail = "" if last else same[-CONTEXT:]
    left_out = len(same) - len(head) - len(tail)
    return format_html('{}<span class="history-skip">……（{} 字未改）……</span>{}', head, left_out, tail)


def _marked(old, new):
    parts = []
    if old:
        parts.append(format_html("<del>{}</del>", old))
    if new:
        parts.append(format_html("<ins>{}</ins>", new))
    return "".join(parts)


def _pieces(before, after):
    """The character changes of ``before`` into ``after`` as (unchanged,
    removed, added) pieces; an unchanged run of a character or two between
    changes joins them (安全 → 平安 reads as one replacement, not as
    +平 安 -全)."""
    pieces = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append([before[a1:a2], None, None])
        elif pieces and pieces[-1][0] is None:
            pieces[-1][1] += before[a1:a2]
            pieces[-1][2] += after[b1:b2]
        elif len(pieces) > 1 and len(pieces[-1][0]) <= 2 and pieces[-2][0] is None:
            same = pieces.pop()[0]
            pieces[-1][1] += same + before[a1:a2]
            pieces[-1][2] += same + after[b1:b2]
        else:
            pieces.append([None, before[a1:a2], after[b1:b2]])
    return pieces


def text_diff(old, new):
    """``old`` changed into ``new`` as one text (HTML): removed characters in
    ``<del>``, added ones in ``<ins>``, long unchanged stretches shortened.
    Paragraphs are matched first and characters within the changed ones, so
    the cost follows the size of the change, not of the text."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    parts = []
    blocks = SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for number, (op, i1, i2, j1, j2) in enumerate(blocks):
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if op == "equal":
            parts.append(_shortened(before, number == 0, number == len(blocks) - 1))
            continue
        if op != "replace":
            parts.append(_marked(before, after))
            continue
        pieces = _pieces(before, after)
        for place, (same, removed, added) in enumerate(pieces):
            if same is None:
                parts.append(_marked(removed, added))
            else:
                first = number == 0 and place == 0
                last = number == len(blocks) - 1 and place == len(pieces) - 1
                parts.append(_shortened(same, first, last))
    return mark_safe("".join(parts))  # every piece escaped above


def change_context(model, change):
    """One changed field: its label, and either ``old`` and ``new`` (short
    values) or ``diff`` (a long text's change, marked)."""
    field = model._meta.get_field(change.field)
    old, new = readable(field, change.old), readable(field, change.new)
    entry = {"field": str(field.verbose_name), "old": old, "new": new, "diff": None}
    if old != EMPTY and new != EMPTY and (max(len(old), len(new)) > SHORT or "\n" in old + new):
        entry["diff"] = text_diff(old, new)
    return entry


class ReadableChanges(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        return [change_context(self.model, change) for change in delta.changes]


class ReadableHistory:
    """For a ``SimpleHistoryAdmin``: the history list in Chinese with whole
    diffs; ``related_history(obj)``, when set, gives the changes of rows
    that belong to the object, listed below its own, and how many rows the
    import made."""

    object_history_list_template = "admin/archive/history_list.html"
    related_history = None

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_view_title(self, request, obj):
        return f"“{obj}”的修改历史"

    def history_view(self, request, object_id, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.related_history is not None:
            obj = self.get_object(request, object_id)
            if obj is not None:
                extra_context["related_changes"], extra_context["related_from_import"] = self.related_history(obj)
        return super().history_view(request, object_id, extra_context)


def _entry(record, label, changes):
    return {
        "date": record.history_date,
        "kind": label,
        "object": str(record.instance),
        "action": ACTIONS.get(record.history_type, record.history_type),
        "user": record.history_user,
        "reason": record.history_change_reason or "",
        "changes": changes,
    }


def article_related_changes(article):
    """Newest first, at most RELATED_SHOWN: the versions of the rows that
    point at ``article`` and keep a history (credits, mentions, tags: every
    such table, found from the model), each with what changed since the row's
    version before, and the correction of its segmentation; and how many
    rows the import made (``MADE_BY_IMPORT``, not listed)."""
    entries, from_import = [], 0
    for relation in type(article)._meta.related_objects:
        model = relation.related_model
        if not relation.one_to_many or not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        history = getattr(model, model._meta.simple_history_manager_attribute)
        label = str(model._meta.verbose_name)
        previous = {}  # row id -> its version before
        row_id = model._meta.pk.attname
        records = history.filter(**{relation.field.attname: article.pk}).order_by("history_date", "history_id")
        for record in records.select_related("history_user"):
            before = previous.get(getattr(record, row_id))
            previous[getattr(record, row_id)] = record
            if record.history_type == "+" and record.history_change_reason in MADE_BY_IMPORT:
                from_import += 1
                continue
            changes = []
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before, foreign_keys_are_objs=True)
                changes = [change_context(model, change) for change in delta.changes]
            entries.append(_entry(record, label, changes))
    segmentation = Segmentation.objects.filter(article=article, state=Segmentation.State.EDITOR).first()
    if segmentation is not None and segmentation.edited_at is not None:
        entries.append(
            {
                "date": segmentation.edited_at,
                "kind": str(Segmentation._meta.verbose_name),
                "object": "编辑校正的分词",
                "action": ACTIONS["~"],
                "user": segmentation.edited_by,
                "reason": Segmentation.State.EDITOR.label,
                "changes": [],
            }
        )
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return entries[:RELATED_SHOWN], from_import
