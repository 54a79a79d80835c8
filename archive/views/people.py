"""The people credited in the archive, in the order a Chinese index puts
them (``archive.pinyin``), and each person's page."""

from urllib.parse import urlencode

from django.db.models import Count, F
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from archive.pinyin import initial

from . import documents, public
from .links import person_url
from .rendering import page_data, paginate, respond

PEOPLE_PER_PAGE = 100
ARTICLES_PER_PAGE = 20
COLLEAGUES = 10


def _date(value):
    return value.isoformat() if value else None


@require_safe
def index(request):
    everyone = public.people().order_by("sort_key", "name")
    firsts = everyone.annotate(first=Substr("sort_key", 1, 1)).values_list("first", flat=True)
    letters = sorted({initial(first) for first in firsts.order_by().distinct()})
    letter = request.GET.get("letter", "")
    if letter == "#":
        everyone = everyone.exclude(sort_key__regex=r"^[a-z]")
    elif len(letter) == 1 and letter.isascii() and letter.isalpha():
        everyone = everyone.filter(sort_key__startswith=letter.lower())
    page = paginate(request, everyone.only("id", "name", "sort_key"), PEOPLE_PER_PAGE)
    context = {
        "people": [(initial(p.sort_key), p) for p in page.object_list],
        "page": page,
        "letters": letters,
        "letter": letter.upper(),
        "letter_query": urlencode({"letter": letter}) if letter else "",
        "trail": [("人物", None)],
        "section": "people",
    }

    def data():
        return {
            "people": [documents.person_summary(person) for person in page.object_list],
            "page": page_data(page),
        }

    return respond(request, "archive/person_index.html", context, data)


@require_safe
def detail(request, pk):
    person = get_object_or_404(public.people(), pk=pk)
    # All the person's public credits in one query, newest first: the list
    # to page through and the roles are both made from it in Python (a
    # person has thousands of credits at most, the archive millions).
    credits = public.bylines().filter(person=person).order_by(
        F("article__issue__date").desc(nulls_last=True),
        "article__issue__source_name",
        "article__position",
        "article_id",
    ).values_list("article_id", "role", "credit", "article__issue__date")
    credited, by_role = [], {}
    for article_id, role, credit, date in credits:
        credited.append(article_id)
        found = by_role.setdefault((role, credit), {"articles": set(), "dates": []})
        found["articles"].add(article_id)
        if date:
            found["dates"].append(date)
    roles = sorted(
        (
            {
                "role": role,
                "credit": credit,
                "count": len(found["articles"]),
                "first": min(found["dates"], default=None),
                "last": max(found["dates"], default=None),
            }
            for (role, credit), found in by_role.items()
        ),
        key=lambda row: (-row["count"], row["role"]),
    )
    page = paginate(request, list(dict.fromkeys(credited)), ARTICLES_PER_PAGE)
    rows = public.with_bylines(public.articles().defer("body")).in_bulk(page.object_list)
    articles = [rows[pk] for pk in page.object_list]
    colleagues = list(
        public.bylines()
        .filter(article__bylines__person=person)
        .exclude(person=person)
        .values("person", "person__name")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "person__name")[:COLLEAGUES]
    )
    context = {
        "person": person,
        "page": page,
        "articles": articles,
        "roles": roles,
        "colleagues": colleagues,
        "canonical_url": person_url(person.pk),
        "trail": [("人物", reverse("archive:people")), (person.name, None)],
        "section": "people",
    }

    def data():
        return {
            **documents.person_summary(person),
            "roles": [
                {**role, "first": _date(role["first"]), "last": _date(role["last"])}
                for role in roles
            ],
            "colleagues": [
                {"id": c["person"], "url": person_url(c["person"]), "name": c["person__name"], "articles": c["count"]}
                for c in colleagues
            ],
            "articles": [
                {**documents.article_summary(a), "issue": documents.issue_summary(a.issue)}
                for a in articles
            ],
            "page": page_data(page),
        }

    return respond(request, "archive/person_detail.html", context, data)
