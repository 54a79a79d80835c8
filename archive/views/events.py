"""The events the articles report, as a timeline, and each event's page:
when and where, who took part and in what role, the articles reporting it."""

from itertools import groupby

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from archive.models import Participant

from . import public, serializers
from .links import event_url, follows_merges
from .shortcuts import ARTICLES_PER_PAGE, page_data, paginate, respond, trail

EVENTS_PER_PAGE = 50


def timeline(events):
    """Events grouped by year, then by month, in the order given; undated
    events apart, under ``None``: [(year, [(first day of month, [events])])]."""
    return [
        (year, [(month, list(found)) for month, found in groupby(in_year, key=_month)])
        for year, in_year in groupby(events, key=lambda e: e.start_date.year if e.start_date else None)
    ]


def roles_by(participants, key):
    """Participant rows as a page shows them: one line per event (or per
    person) with every role, in the order first met: [(thing, [roles])]."""
    lines = {}
    for participant in participants:
        thing = getattr(participant, key)
        lines.setdefault(thing.pk, (thing, []))[1].append(participant.role)
    return list(lines.values())


def _month(event):
    return event.start_date.replace(day=1) if event.start_date else None


@require_safe
def index(request):
    """Newest first, undated last; ``?person=`` keeps a person's events."""
    events = public.events().order_by(F("start_date").desc(nulls_last=True), "name", "pk")
    person = None
    wanted = request.GET.get("person")
    if wanted is not None:
        if not (wanted.isascii() and wanted.isdigit()):
            raise Http404("没有这个人物。")
        person = get_object_or_404(public.people(), pk=wanted)
        # Their events' ids first: as a subquery, the planners ask every
        # public event whether the person took part (4,231 at 207,000
        # articles) instead of starting from the person's dozen.
        taken_part = (
            Participant.objects.filter(person=person).order_by().values_list("event", flat=True).distinct()
        )
        events = events.filter(pk__in=list(taken_part))
    page = paginate(request, events, EVENTS_PER_PAGE)
    context = {
        "timeline": timeline(page.object_list),
        "page": page,
        "person": person,
        "person_query": f"person={person.pk}" if person else "",
        "trail": trail("events", here=person.name if person else None),
        "section": "events",
    }

    def data():
        return {
            "events": [serializers.event_summary(e) for e in page.object_list],
            "person": serializers.person_summary(person) if person else None,
            "page": page_data(page),
        }

    return respond(request, "archive/event_index.html", context, data)


@require_safe
@follows_merges("event")
def detail(request, pk):
    event = get_object_or_404(public.events(), pk=pk)
    participants = list(
        event.participants.filter(public.shown_person("person"))
        .select_related("person")
        .order_by("pk")
    )
    page = paginate(request, public.Newest(public.naming(event=event)), ARTICLES_PER_PAGE)
    context = {
        "event": event,
        "participants": roles_by(participants, "person"),
        "page": page,
        "articles": page.object_list,
        "canonical_url": event_url(event.pk),
        "trail": trail("events", here=event.name),
        "section": "events",
    }

    def data():
        return {
            **serializers.event_summary(event),
            "participants": [
                {"person": serializers.person_summary(p.person), "role": p.role} for p in participants
            ],
            "articles": [serializers.listed_article(a) for a in page.object_list],
            "page": page_data(page),
        }

    return respond(request, "archive/event_detail.html", context, data)
