"""What a reader who is not logged in may see: published articles of
published issues, and the people credited on them.

Pages, search and counts all start from these querysets (search from an
index that carries the same rule, see ``archive.search.index_articles``), so
they agree on what is public. They also load only the columns a public page
shows: an issue's source bytes, the parser's snapshots and warnings never
travel to a public page, and on SQLite reading any issue column stored after
the source bytes would mean reading the bytes too.
"""

from django.db.models import Exists, OuterRef, Prefetch

from archive.models import Article, Byline, Issue, Person

# What the public pages show of an issue.
ISSUE_FIELDS = ("id", "publication", "number", "date", "date_source", "page_count", "source_name")
ARTICLE_PRIVATE_FIELDS = ("parsed", "warnings")


def _issue_private_fields():
    return [f.name for f in Issue._meta.concrete_fields if f.name not in ISSUE_FIELDS]


def issues():
    return Issue.objects.filter(published=True).only(*ISSUE_FIELDS)


def articles():
    """Articles with their issue in the same query."""
    return (
        Article.objects.filter(published=True, issue__published=True)
        .select_related("issue")
        .defer(*ARTICLE_PRIVATE_FIELDS)
        .defer(*(f"issue__{name}" for name in _issue_private_fields()))
    )


def bylines():
    """Credits on public articles."""
    return Byline.objects.filter(article__published=True, article__issue__published=True)


def with_bylines(queryset):
    """Articles with their bylines and the people named, in print order, in
    one more query however many articles there are."""
    return queryset.prefetch_related(
        Prefetch(
            "bylines",
            Byline.objects.select_related("person").order_by("position", "pk"),
        )
    )


def people():
    """People credited on at least one public article: a name credited only
    on hidden articles does not appear."""
    return Person.objects.filter(Exists(bylines().filter(person=OuterRef("pk"))))
