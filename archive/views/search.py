"""The search page: a query, filters that narrow it, facet counts that show
how the matches divide, and results best first or newest first.

Pages go forward with "next page" links: the facet counts already give the
total, and no page ever needs to count the archive.
"""

import datetime

from django import forms
from django.db.models import Q
from django.views.decorators.http import require_safe

from archive import search
from archive.models import KIND_LABELS

from . import public, serializers
from .shortcuts import ARTICLES_PER_PAGE, respond, trail

SNIPPET_LENGTH = 120
RELEVANCE, NEWEST, OLDEST = "relevance", "newest", "oldest"
SORTS = [(RELEVANCE, "相关度"), (NEWEST, "日期(新→旧)"), (OLDEST, "日期(旧→新)")]
ORDERS = {RELEVANCE: search.BEST, NEWEST: search.NEWEST, OLDEST: search.OLDEST}
FILTERS = ("year", "start", "end", "kind", "person")


class SearchForm(forms.Form):
    q = forms.CharField(label="检索词", required=False, max_length=200)
    year = forms.IntegerField(label="年份", required=False, min_value=1, max_value=9999)
    start = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label="类型", required=False, choices=[("", "全部"), *KIND_LABELS.items()]
    )
    person = forms.IntegerField(label="人物", required=False, min_value=1, widget=forms.HiddenInput)
    sort = forms.ChoiceField(label="排序", required=False, choices=SORTS)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data


def index_filters(data):
    """The form's filters as the index takes them: a year is a date range."""
    start, end = data.get("start"), data.get("end")
    if data.get("year"):
        first, last = datetime.date(data["year"], 1, 1), datetime.date(data["year"], 12, 31)
        start, end = max(start or first, first), min(end or last, last)
    return search.Filters(
        start=start, end=end, kind=data.get("kind") or None, person=data.get("person")
    )


class Links:
    """Addresses of this search with one parameter changed; a changed filter
    starts again from the first page."""

    def __init__(self, request):
        self.params = request.GET.copy()
        self.params.pop("format", None)
        self.params.pop("page", None)
        self.path = request.path

    def url(self, params):
        return f"{self.path}?{params.urlencode()}" if params else self.path

    def with_(self, **changes):
        params = self.params.copy()
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = str(value)
        return self.url(params)

    def page_url(self, number):
        params = self.params.copy()
        if number > 1:
            params["page"] = str(number)
        return self.url(params)


def active_filters(data, links, person):
    """The filters in force, each with the address that drops it."""
    labels = {
        "year": lambda value: f"{value}年",
        "start": lambda value: f"自{value:%Y-%m-%d}",
        "end": lambda value: f"至{value:%Y-%m-%d}",
        "kind": lambda value: KIND_LABELS.get(value, value),
        "person": lambda value: person.name if person else f"人物 {value}",
    }
    return [
        {"label": labels[name](data[name]), "remove_url": links.with_(**{name: None})}
        for name in FILTERS
        if data.get(name)
    ]


def result(article, query):
    """An article found, with the query marked in its headline, and a
    snippet from where the text matched: the body, else the captions (a
    match in the headline or the credits shows the body's opening)."""
    snippet = None
    for text in (article.body, "\n".join(article.captions)):
        candidate = search.excerpt(text, query, length=SNIPPET_LENGTH)
        if candidate.hits:
            snippet = candidate
            break
    return {
        "article": article,
        "kicker": search.excerpt(article.kicker, query),
        "title": search.excerpt(article.title or str(article), query),
        "subtitle": search.excerpt(article.subtitle, query),
        "snippet": snippet or search.excerpt(article.body, query, length=SNIPPET_LENGTH),
    }


def result_data(found):
    article = found["article"]
    return {
        **serializers.article_summary(article),
        "issue": serializers.issue_summary(article.issue),
        "snippet": {
            "text": found["snippet"].text,
            "hits": found["snippet"].hits,
            "clipped_start": found["snippet"].clipped_start,
            "clipped_end": found["snippet"].clipped_end,
        },
    }


@require_safe
def results(request):
    form = SearchForm(request.GET)
    links = Links(request)
    context = {"form": form, "trail": trail("search"), "section": "search"}
    if not form.is_valid():
        context["searched"] = False

        def errors():
            return {"errors": form.errors.get_json_data()}

        response = respond(request, "archive/search.html", context, errors)
        response.status_code = 400
        return response

    data = form.cleaned_data
    query = search.parse_query(data["q"])
    filters = {name: data[name] for name in FILTERS if data.get(name)}
    # Typed, but nothing in it can be searched for (only punctuation, say).
    unsearchable = bool(query.text) and not query
    searched = bool(query.text) or bool(filters)
    sort = data["sort"] or (RELEVANCE if query else NEWEST)
    if sort == RELEVANCE and not query:
        sort = NEWEST
    number = data["page"] or 1

    asked = search.Search(query, index_filters(data))
    if searched:
        offset = (number - 1) * ARTICLES_PER_PAGE
        with search.planned():
            facets = asked.facets()
            ids = asked.page(ORDERS[sort], offset, ARTICLES_PER_PAGE + 1)
    else:
        facets, offset, ids = search.Facets(0, [], [], [], False), 0, []
    has_next = len(ids) > ARTICLES_PER_PAGE
    if not facets.exact:  # an estimate, but never below what the pages show
        facets.total = max(facets.total, offset + len(ids))
    rows = public.with_bylines(public.articles()).in_bulk(ids[:ARTICLES_PER_PAGE])
    found = [result(rows[pk], query) for pk in ids[:ARTICLES_PER_PAGE] if pk in rows]

    named = set(query.words + query.phrases)
    wanted = Q(name__in=named)
    if data.get("person"):
        wanted |= Q(pk=data["person"])
    people = {p.pk: p for p in public.people().filter(wanted)} if (named or filters) else {}
    person = people.get(data.get("person"))
    context.update(
        searched=searched,
        unsearchable=unsearchable,
        query=query,
        sort=sort,
        sort_links=[
            {"label": label, "url": links.with_(sort=value), "selected": value == sort}
            for value, label in SORTS
            if query or value != RELEVANCE
        ],
        active_filters=active_filters(data, links, person),
        facets=facets,
        year_facets=[
            {
                **row,
                "url": links.with_(year=row["year"]) if row["year"] else None,
                "selected": row["year"] is not None and row["year"] == data.get("year"),
            }
            for row in facets.years
        ],
        kind_facets=[
            {
                **row,
                "label": KIND_LABELS.get(row["kind"], row["kind"]),
                "url": links.with_(kind=row["kind"]),
                "selected": row["kind"] == data.get("kind"),
            }
            for row in facets.kinds
        ],
        person_facets=[
            {
                **row,
                "url": links.with_(person=row["person"]),
                "selected": row["person"] == data.get("person"),
            }
            for row in facets.people
        ],
        results=found,
        first_number=offset + 1,
        has_next=has_next,
        previous_url=links.page_url(number - 1) if number > 1 else None,
        next_url=links.page_url(number + 1) if has_next else None,
        named_people=[p for p in people.values() if p.name in named],
        sample=search.SAMPLE,
        confirm=search.CONFIRM,
    )

    def payload():
        return {
            "query": query.text,
            "filters": {name: str(value) for name, value in filters.items()},
            "sort": sort,
            "total": facets.total,
            "total_exact": facets.exact,
            "total_capped": facets.capped,
            "page": number,
            "has_next": has_next,
            "results": [result_data(r) for r in found],
            "facets": {
                "years": facets.years,
                "kinds": facets.kinds,
                "people": facets.people,
                "people_sampled": facets.people_sampled,
            },
            "people": [serializers.person_summary(p) for p in context["named_people"]],
        }

    return respond(request, "archive/search.html", context, payload)
