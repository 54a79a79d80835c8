"""The people credited in the archive, in the order a Chinese index puts
them (``archive.lib.pinyin``), and each person's page."""

from urllib.parse import urlencode

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from archive.lib.dates import iso_date
from archive.lib.pinyin import initial
from archive.models import Byline, Participant, Person

from . import public, serializers
from .events import roles_by
from .links import follows_merges, organisation_url, person_url
from .shortcuts import ARTICLES_PER_PAGE, page_data, paginate, respond, trail

PEOPLE_PER_PAGE = 100
COLLEAGUES = 10
EVENTS = 20
# The page parameter of the second list of articles, those naming the person.
MENTIONED_PAGE = "mentioned"


@require_safe
def index(request):
    # Who is public is asked of every person, so it is asked once: every
    # public person's key, name and id in the index's order, from which the
    # letters, the count and the page all come. (Counting per letter and
    # then reading a page asked it twice, a deep page of every person
    # before it.)
    everyone = list(public.people().order_by("sort_key", "name").values_list("sort_key", "name", "pk"))
    letters = sorted({initial(key) for key, _, _ in everyone})
    letter = request.GET.get("letter", "")
    if letter == "#" or (len(letter) == 1 and letter.isascii() and letter.isalpha()):
        everyone = [row for row in everyone if initial(row[0]) == letter.upper()]
    page = paginate(request, everyone, PEOPLE_PER_PAGE)
    shown = [Person(pk=pk, name=name, sort_key=key) for key, name, pk in page.object_list]
    context = {
        "people": [(initial(p.sort_key), p) for p in shown],
        "page": page,
        "letters": letters,
        "letter": letter.upper(),
        "letter_query": urlencode({"letter": letter}) if letter else "",
        "trail": trail("people"),
        "section": "people",
    }

    def data():
        return {
            "people": [serializers.person_summary(person) for person in shown],
            "page": page_data(page),
        }

    return respond(request, "archive/person_index.html", context, data)


@require_safe
@follows_merges("person")
def detail(request, pk):
    """A person: positions over time, credits by role, events and roles in
    them, the people credited alongside or met at the same events, the
    articles credited to them and those naming them in the text. A constant
    number of queries; the credits by role are summed from the rows the list
    of their articles reads (``public.Newest``)."""
    person = get_object_or_404(public.people(), pk=pk)
    credited = public.Newest(Byline.objects.filter(person=person), fields=("role", "credit"))
    page = paginate(request, credited, ARTICLES_PER_PAGE)
    roles = _roles(credited.rows) if credited.rows is not None else _roles_of(person)
    # Named in the text: a credit has no place in the text.
    mentioned = paginate(
        request,
        public.Newest(public.naming(person=person, start__isnull=False)),
        ARTICLES_PER_PAGE,
        param=MENTIONED_PAGE,
    )
    # A position is shown when a public article prints it before the name;
    # one no mention carries (an editor's, or from a title after the name)
    # when it was seen in a public issue, or in none.
    printed = public.naming(person=person, titles=OuterRef("title"))
    positions = list(
        person.positions.filter(
            Exists(printed.filter(article__published=True, article__issue__published=True))
            | (
                ~Exists(printed)
                & (Q(first_issue__isnull=True) | Q(first_issue__published=True) | Q(last_issue__published=True))
            )
        )
        .select_related("organisation")
        .annotate(organisation_public=public.flag(public.shown_organisation("organisation")))
        .order_by(F("first_seen").asc(nulls_last=True), "title")
    )
    participations = list(
        person.participations.filter(public.shown_event("event"))
        .select_related("event")
        .order_by(F("event__start_date").desc(nulls_last=True), "event__name", "pk")[: EVENTS + 1]
    )
    more_events = len(participations) > EVENTS
    participations = participations[:EVENTS]
    # Who shares their bylines, on the newest ``public.LISTED`` articles
    # credited to them (the ids the list of them has sorted: one read of
    # the credits' index by article), or on all of them for someone
    # credited so often that the list walks the issues instead.
    if credited.ids is not None:
        shared = Byline.objects.filter(article__in=credited.ids)
    else:
        shared = public.bylines().filter(article__bylines__person=person)
    colleagues = list(
        shared.exclude(person=person)
        .values("person", "person__name")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "person__name")[:COLLEAGUES]
    )
    # Who took part in the same events: bounded by the person's events, where
    # counting who else each article names would read every such article.
    companions = list(
        Participant.objects.filter(
            public.shown_event("event"),
            public.shown_person("person"),
            event__participants__person=person,
        )
        .exclude(person=person)
        .values("person", "person__name")
        .annotate(count=Count("event", distinct=True))
        .order_by("-count", "person__name")[:COLLEAGUES]
    )
    context = {
        "person": person,
        "page": page,
        "articles": page.object_list,
        "mentioned": mentioned,
        "roles": roles,
        "positions": positions,
        "participations": roles_by(participations, "event"),
        "more_events": more_events,
        "colleagues": colleagues,
        "colleagues_capped": credited.capped and credited.ids is not None,
        "companions": companions,
        "articles_query": urlencode({MENTIONED_PAGE: mentioned.number}) if mentioned.number > 1 else "",
        "mentioned_query": urlencode({"page": page.number}) if page.number > 1 else "",
        "canonical_url": person_url(person.pk),
        "trail": trail("people", here=person.name),
        "section": "people",
    }

    def data():
        return {
            **serializers.person_summary(person),
            "positions": [
                {
                    "title": position.title,
                    "organisation": position.organisation.name if position.organisation else None,
                    "organisation_url": (
                        organisation_url(position.organisation_id) if position.organisation_public else None
                    ),
                    "first_seen": iso_date(position.first_seen),
                    "last_seen": iso_date(position.last_seen),
                }
                for position in positions
            ],
            "roles": [
                {**role, "first": iso_date(role["first"]), "last": iso_date(role["last"])}
                for role in roles
            ],
            "events": [
                {"event": serializers.event_summary(p.event), "role": p.role} for p in participations
            ],
            "colleagues": [_neighbour(c, "articles") for c in colleagues],
            # Colleagues counted on this many newest articles only (None: all).
            "colleagues_among_newest": page.paginator.count if context["colleagues_capped"] else None,
            "companions": [_neighbour(c, "events") for c in companions],
            "articles": [serializers.listed_article(a) for a in page.object_list],
            "page": page_data(page),
            "mentioned": [serializers.listed_article(a) for a in mentioned.object_list],
            "mentioned_page": page_data(mentioned),
        }

    return respond(request, "archive/person_detail.html", context, data)


def _roles(rows):
    """Credits by role, from the list of articles' rows (article id, issue
    date, source name, position, role, credit): how many articles, the
    first and the last date, most first."""
    found = {}
    for article, date, _, _, role, credit in rows:
        articles, dates = found.setdefault((role, credit), (set(), []))
        articles.add(article)
        if date:
            dates.append(date)
    return _most_first(
        {"role": role, "credit": credit, "count": len(articles),
         "first": min(dates, default=None), "last": max(dates, default=None)}
        for (role, credit), (articles, dates) in found.items()
    )


def _most_first(roles):
    """Roles by count, then by role and credit in code point order (the
    same whichever collation the database has)."""
    return sorted(roles, key=lambda r: (-r["count"], r["role"], r["credit"]))


def _roles_of(person):
    """``_roles`` for someone credited too often for the list to hold every
    credit: summed by the database."""
    return _most_first(
        public.bylines()
        .filter(person=person)
        .values("role", "credit")
        .annotate(
            count=Count("article", distinct=True),
            first=Min("article__issue__date"),
            last=Max("article__issue__date"),
        )
        .order_by()
    )


def _neighbour(row, counted):
    """Someone credited alongside (counting "articles") or at the same
    events (counting "events")."""
    return {
        "id": row["person"],
        "url": person_url(row["person"]),
        "name": row["person__name"],
        counted: row["count"],
    }
