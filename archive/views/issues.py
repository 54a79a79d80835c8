"""The archive as it was printed: issues by year and month, a calendar of the
days that have one, the issues whose date nobody knows yet listed apart, and
an issue's own page with its articles in reading order."""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from archive import search
from archive.counting import planner_estimate
from archive.lib.dates import iso_date
from archive.lib.parsing import records
from archive.models import Person

from . import public, serializers
from .links import article_url, day_url, issue_url
from .shortcuts import page_data, paginate, respond, trail

LATEST_ISSUES = 6
# Above these many public articles (or people), the home page shows an
# estimate: see ``article_count`` and ``people_count``.
EXACT_ARTICLES = 100_000
PEOPLE_SAMPLE = 1000
UNDATED_PER_PAGE = 20
HEADLINES = 3  # per issue in a list; the issue's own page has them all
# Headlines shown for an issue in a list: the news, not the page furniture.
LIST_KINDS = (records.NEWS, records.INTERVIEW, records.PHOTO)


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    has_issue: bool


def month_calendar(first_day, days_with_issues):
    """Weeks (Monday first) of ``first_day``'s month, each day saying whether
    an issue came out on it."""
    weeks = calendar.Calendar().monthdatescalendar(first_day.year, first_day.month)
    return [
        [
            CalendarDay(day, day.month == first_day.month, day in days_with_issues)
            for day in week
        ]
        for week in weeks
    ]


def headlines(issues):
    """The first few articles to name for each of ``issues`` in a list, in
    reading order: {issue id: [articles]}, in one query."""
    found = {issue.pk: [] for issue in issues}
    rows = (
        public.articles()
        .select_related(None)
        .filter(issue__in=found, kind__in=LIST_KINDS)
        .only("id", "issue_id", "kind", "kicker", "title", "subtitle", "position")
        .annotate(
            rank=Window(RowNumber(), partition_by="issue", order_by=["position", "pk"])
        )
        .filter(rank__lte=HEADLINES)
        .order_by("issue", "position", "pk")
    )
    for article in rows:
        found[article.issue_id].append(article)
    return found


def date_crumbs(date, depth):
    """Crumbs down the issues to ``date``: 2024年 › 7月 › 25日, to ``depth``
    levels (1 the year, 2 the month, 3 the day)."""
    return [
        (f"{date.year}年", reverse("archive:issue_year", args=[date.year])),
        (f"{date.month}月", reverse("archive:issue_month", args=[date.replace(day=1)])),
        (f"{date.day}日", day_url(date)),
    ][:depth]


def issue_trail(issue, here=None):
    """Breadcrumbs to an issue, or below it to the page ``here``. An issue
    without a date sits among the undated ones, under its source's name."""
    if issue.date:
        above = date_crumbs(issue.date, 3)
    else:
        above = [("日期不详", reverse("archive:issues") + "#undated"), (issue.source_name, issue_url(issue))]
    return trail("issues", *above, here=here)


def issue_with_headlines(issue, found):
    return {
        **serializers.issue_summary(issue),
        "headlines": [
            {"url": article_url(a.pk), "title": a.title} for a in found[issue.pk]
        ],
    }


def article_count():
    """The public articles and whether that number is an estimate. Counting
    half a million keys of the search index takes longer than a page may;
    where PostgreSQL's planner expects more than ``EXACT_ARTICLES`` the home
    page gives its estimate (from the statistics of ``published``, close to
    the truth) instead. SQLite has no estimate and counts."""
    expected = planner_estimate(public.articles())
    if expected is not None and expected > EXACT_ARTICLES:
        return int(round(expected, -3)), True
    # From the index's keys: counting article rows would read them all.
    return search.Search(search.parse_query("")).count(), False


def people_count():
    """The public people and whether that number is an estimate, in one
    query. Whether someone is public is asked person by person, so the
    newest ``PEOPLE_SAMPLE`` people are asked and the share found public
    scales the number of all people; with no more people than that it is
    exact."""
    threshold = Coalesce(
        Subquery(Person.objects.order_by("-pk").values("pk")[PEOPLE_SAMPLE - 1 : PEOPLE_SAMPLE]), 0
    )
    sampled = Q(pk__gte=threshold)
    found = Person.objects.aggregate(
        everyone=Count("pk"),
        sampled=Count("pk", filter=sampled),
        shown=Count("pk", filter=sampled & public.shown_person()),
    )
    if found["everyone"] <= PEOPLE_SAMPLE:
        return found["shown"], False
    return int(round(found["shown"] * found["everyone"] / found["sampled"], -2)), True


@require_safe
def home(request):
    latest = list(public.issues().filter(date__isnull=False)[:LATEST_ISSUES])
    found = headlines(latest)
    for issue in latest:
        issue.headlines = found[issue.pk]
    articles, articles_estimated = article_count()
    people, people_estimated = people_count()
    counts = {"issues": public.issues().count(), "articles": articles, "people": people}
    # The totals only estimated, shown as "约 N".
    estimated = [name for name, flag in (("articles", articles_estimated), ("people", people_estimated)) if flag]
    context = {"latest": latest, "counts": counts, "estimated": estimated}

    def data():
        return {
            "counts": counts,
            "estimated_counts": estimated,
            "latest_issues": [issue_with_headlines(i, found) for i in latest],
        }

    return respond(request, "archive/home.html", context, data)


@require_safe
def index(request):
    # Counted in Python from the dates alone: an index-only read, where
    # grouping by extracted year and month in SQL would read every row.
    per_month = Counter(
        (day.year, day.month)
        for day in public.issues().filter(date__isnull=False).values_list("date", flat=True)
    )
    years = {}
    for (number, month), count in sorted(per_month.items(), reverse=True):
        year = years.setdefault(number, {"year": number, "months": [0] * 12})
        year["months"][month - 1] = count
    for year in years.values():
        year["count"] = sum(year["months"])
        year["months"] = [
            {"month": number, "count": count, "first_day": datetime.date(year["year"], number, 1)}
            for number, count in enumerate(year["months"], start=1)
        ]
    undated = paginate(
        request,
        public.issues().filter(date__isnull=True).order_by("source_name"),
        UNDATED_PER_PAGE,
    )
    found = headlines(undated.object_list)
    for issue in undated.object_list:
        issue.headlines = found[issue.pk]
    context = {
        "years": list(years.values()),
        "undated": undated,
        "month_numbers": range(1, 13),
        "trail": trail("issues"),
        "section": "issues",
    }

    def data():
        return {
            "years": [
                {
                    "year": y["year"],
                    "count": y["count"],
                    "months": [{"month": m["month"], "count": m["count"]} for m in y["months"]],
                }
                for y in years.values()
            ],
            "undated": [issue_with_headlines(i, found) for i in undated.object_list],
            "undated_page": page_data(undated),
        }

    return respond(request, "archive/issue_index.html", context, data)


def _neighbour_dates(first, after_last):
    """The nearest dates with an issue before ``first`` and from
    ``after_last`` on."""
    dated = public.issues().filter(date__isnull=False)
    before = dated.filter(date__lt=first).order_by("-date").values_list("date", flat=True).first()
    after = dated.filter(date__gte=after_last).order_by("date").values_list("date", flat=True).first()
    return before, after


@require_safe
def year(request, year):
    try:
        first, after_last = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    except ValueError:
        raise Http404("没有这一年。") from None
    days = set(
        public.issues()
        .filter(date__gte=first, date__lt=after_last)
        .values_list("date", flat=True)
    )
    if not days:
        raise Http404("这一年没有报纸。")
    months = []
    for number in range(1, 13):
        first_day = datetime.date(year, number, 1)
        count = sum(1 for d in days if d.month == number)
        months.append(
            {
                "first_day": first_day,
                "count": count,
                "url": reverse("archive:issue_month", args=[first_day]) if count else None,
                "weeks": month_calendar(first_day, days),
            }
        )
    before, after = _neighbour_dates(first, after_last)
    context = {
        "year": year,
        "months": months,
        "count": len(days),
        "previous_year": before.year if before else None,
        "next_year": after.year if after else None,
        "trail": trail("issues", *date_crumbs(first, 1)),
        "section": "issues",
    }

    def data():
        return {
            "year": year,
            "days": [
                {"date": iso_date(d), "url": day_url(d)} for d in sorted(days)
            ],
            "previous_year": context["previous_year"],
            "next_year": context["next_year"],
        }

    return respond(request, "archive/issue_year.html", context, data)


@require_safe
def month(request, month):
    after_last = (month + datetime.timedelta(days=31)).replace(day=1)
    issues = list(
        public.issues().filter(date__gte=month, date__lt=after_last).order_by("date", "number", "source_name")
    )
    if not issues:
        raise Http404("这个月没有报纸。")
    found = headlines(issues)
    for issue in issues:
        issue.headlines = found[issue.pk]
    before, after = _neighbour_dates(month, after_last)
    context = {
        "month": month,
        "issues": issues,
        "weeks": month_calendar(month, {issue.date for issue in issues}),
        "previous_month": before.replace(day=1) if before else None,
        "next_month": after.replace(day=1) if after else None,
        "trail": trail("issues", *date_crumbs(month, 2)),
        "section": "issues",
    }

    def data():
        return {
            "month": f"{month:%Y-%m}",
            "issues": [issue_with_headlines(i, found) for i in issues],
            "previous_month": f"{before:%Y-%m}" if before else None,
            "next_month": f"{after:%Y-%m}" if after else None,
        }

    return respond(request, "archive/issue_month.html", context, data)


@require_safe
def day(request, day):
    issues = list(public.issues().filter(date=day).order_by("number", "source_name"))
    if not issues:
        raise Http404("这一天没有报纸。")
    if len(issues) == 1:
        return issue_page(request, issues[0])
    # Two files claim the same date (a reprint, or a date an editor has yet to
    # correct): name them all and let the reader choose.
    found = headlines(issues)
    for issue in issues:
        issue.headlines = found[issue.pk]
    context = {"day": day, "issues": issues, "trail": trail("issues", *date_crumbs(day, 3)), "section": "issues"}

    def data():
        return {"date": iso_date(day), "issues": [issue_with_headlines(i, found) for i in issues]}

    return respond(request, "archive/issue_day.html", context, data)


@require_safe
def by_source(request, source_name):
    return issue_page(request, get_object_or_404(public.issues(), source_name=source_name))


def issue_page(request, issue):
    articles = list(public.with_bylines(public.articles().filter(issue=issue)))
    previous = following = None
    if issue.date:
        # Issues that share this date are reached from the day's page.
        previous = public.issues().filter(date__lt=issue.date).order_by("-date", "-number").first()
        following = public.issues().filter(date__gt=issue.date).order_by("date", "number").first()
    context = {
        "issue": issue,
        "articles": articles,
        "previous_issue": previous,
        "next_issue": following,
        "canonical_url": issue_url(issue),
        "trail": issue_trail(issue),
        "section": "issues",
    }

    def data():
        return {
            **serializers.issue_summary(issue),
            "date_source": issue.date_source,
            "articles": [
                {**serializers.article_summary(a), "captions": a.captions} for a in articles
            ],
            "previous_issue": serializers.issue_summary(previous) if previous else None,
            "next_issue": serializers.issue_summary(following) if following else None,
        }

    return respond(request, "archive/issue_detail.html", context, data)
