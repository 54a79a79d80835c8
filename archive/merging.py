"""Merging duplicate people, organisations and events into one survivor.

Everything that points at a merged row moves to the survivor (mentions,
bylines, positions, participations, child organisations, aliases), and the
merged names become aliases of the survivor, so that the next import of a
page printing them finds the survivor instead of creating the duplicate
again. Events have no aliases: an import finds an event through the
mentions of the article it re-reads, and those moved to the survivor. Rows
that would duplicate one the survivor already has are folded into it.
"""

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from archive import derived
from archive.models import (
    Byline,
    ChangeReason,
    Mention,
    Merged,
    Organisation,
    OrganisationAlias,
    Participant,
    PersonAlias,
    Position,
)

MERGED = ChangeReason.MERGED  # the change reason of rows a merge writes


@transaction.atomic
def merge_people(survivor, others):
    others = _others(survivor, others)
    _move_mentions("person", survivor, others)
    _move(Byline.objects.filter(person__in=others), "person", survivor)
    _move_positions(Position.objects.filter(person__in=others), "person", survivor)
    _move_participations(Participant.objects.filter(person__in=others), "person", survivor)
    _move(PersonAlias.objects.filter(person__in=others), "person", survivor)
    names = [other.name for other in others]
    _record("person", survivor, others)
    _delete(others)
    bulk_create_with_history(
        [PersonAlias(person=survivor, name=name) for name in names],
        PersonAlias,
        default_change_reason=MERGED,
    )
    _reviewed(survivor)
    # Credits are indexed by name: the merged-away names leave the index.
    derived.changed(Byline.objects.filter(person=survivor).values_list("article_id", flat=True), derived.INDEX)


@transaction.atomic
def merge_organisations(survivor, others):
    others = _others(survivor, others)
    _move_mentions("organisation", survivor, others)
    positions = list(Position.objects.filter(organisation__in=others))
    _move_rows(positions, "organisation", survivor)
    children = list(Organisation.objects.filter(parent__in=others).exclude(pk=survivor.pk))
    _move_rows(children, "parent", survivor)
    _move(OrganisationAlias.objects.filter(organisation__in=others), "organisation", survivor)
    if survivor.parent_id in {other.pk for other in others}:
        survivor.parent = None
    names = [other.name for other in others]
    _record("organisation", survivor, others)
    _delete(others)
    bulk_create_with_history(
        [OrganisationAlias(organisation=survivor, name=name) for name in names],
        OrganisationAlias,
        default_change_reason=MERGED,
    )
    _reviewed(survivor)


@transaction.atomic
def merge_events(survivor, others):
    others = _others(survivor, others)
    _move_mentions("event", survivor, others)
    _move_participations(Participant.objects.filter(event__in=others), "event", survivor)
    _record("event", survivor, others)
    _delete(others)
    _reviewed(survivor)


def _others(survivor, others):
    return [other for other in others if other.pk != survivor.pk]


def _record(kind, survivor, others):
    Merged.record(kind, survivor.pk, [other.pk for other in others])


def _move(queryset, field, survivor):
    _move_rows(list(queryset), field, survivor)


def _move_rows(rows, field, survivor):
    for row in rows:
        setattr(row, field, survivor)
    if rows:
        bulk_update_with_history(rows, type(rows[0]), [field], default_change_reason=MERGED)


def _move_mentions(field, survivor, others):
    """Move the mentions; one the survivor already has at the same place of
    the same article is dropped, unless it is the one an editor curated."""
    held = {
        (m.article_id, m.start, m.end, m.text): m
        for m in Mention.objects.filter(**{field: survivor})
    }
    moving, dropped = [], []
    for mention in Mention.objects.filter(**{f"{field}__in": others}):
        same = held.get((mention.article_id, mention.start, mention.end, mention.text))
        if same is None:
            moving.append(mention)
        elif same.status == Mention.Status.AUTOMATIC and mention.status != Mention.Status.AUTOMATIC:
            dropped.append(same)
            moving.append(mention)
        else:
            dropped.append(mention)
    _delete(dropped)
    _move_rows(moving, field, survivor)


def _move_positions(queryset, field, survivor):
    """A position the survivor already holds under the same title takes the
    wider span of dates and the organisation if it had none."""
    held = {p.title: p for p in Position.objects.filter(**{field: survivor})}
    moving, widened, dropped = [], [], []
    for position in queryset:
        same = held.get(position.title)
        if same is None:
            moving.append(position)
            continue
        for issue_date, issue_id in (
            (position.first_seen, position.first_issue_id),
            (position.last_seen, position.last_issue_id),
        ):
            if issue_date is not None:
                if same.first_seen is None or issue_date < same.first_seen:
                    same.first_seen, same.first_issue_id = issue_date, issue_id
                if same.last_seen is None or issue_date > same.last_seen:
                    same.last_seen, same.last_issue_id = issue_date, issue_id
        same.organisation_id = same.organisation_id or position.organisation_id
        widened.append(same)
        dropped.append(position)
    _delete(dropped)
    _move_rows(moving, field, survivor)
    if widened:
        bulk_update_with_history(
            list({p.pk: p for p in widened}.values()),
            Position,
            ["first_seen", "first_issue", "last_seen", "last_issue", "organisation"],
            default_change_reason=MERGED,
        )


def _move_participations(queryset, field, survivor):
    held = {
        (p.event_id, p.person_id, p.role) for p in Participant.objects.filter(**{field: survivor})
    }
    moving, dropped = [], []
    for participant in queryset:
        key = {"event": participant.event_id, "person": participant.person_id, field: survivor.pk}
        key = (key["event"], key["person"], participant.role)
        if key in held:
            dropped.append(participant)
        else:
            held.add(key)
            moving.append(participant)
    _delete(dropped)
    _move_rows(moving, field, survivor)


def _delete(rows):
    for row in rows:
        row._change_reason = MERGED
        row.delete()


def _reviewed(survivor):
    survivor.needs_review = False
    survivor._change_reason = MERGED
    survivor.save()
