"""What a reader who is not logged in may see: published articles of
published issues; the people, organisations and events they credit or name
(rejected mentions do not count) and the tags on them. Something known only
from hidden articles does not appear.

Pages, search and counts all start from these querysets (search from an
index that carries the same rule, see ``archive.search.index_articles``), so
they agree on what is public. They also load only the columns a public page
shows: an issue's source bytes, the parser's snapshots and warnings never
travel to a public page, and on SQLite reading any issue column stored after
the source bytes would mean reading the bytes too.
"""

from django.db.models import Exists, F, OuterRef, Prefetch

from archive.models import Article, ArticleTag, Byline, Event, Issue, Mention, Organisation, Person, Tag

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


def mentions():
    """Mentions on public articles that no editor rejected."""
    return Mention.objects.filter(article__published=True, article__issue__published=True).exclude(
        status=Mention.Status.REJECTED
    )


def with_named(queryset):
    """Articles with the people, organisations and events they mention (in
    text order) and their tags, in two more queries however many articles
    there are."""
    return queryset.prefetch_related(
        Prefetch(
            "mentions",
            Mention.objects.exclude(status=Mention.Status.REJECTED)
            .select_related("person", "organisation", "event")
            .order_by(F("start").asc(nulls_first=True), "pk"),
        ),
        Prefetch("tags", Tag.objects.order_by("name")),
    )


def shown_person(person):
    """Whether a person (a pk or an ``OuterRef``) is public: credited on, or
    named in, a public article. A name only hidden articles print is not."""
    return Exists(bylines().filter(person=person)) | Exists(mentions().filter(person=person))


def shown_organisation(organisation):
    return Exists(mentions().filter(organisation=organisation))


def shown_event(event):
    return Exists(mentions().filter(event=event))


def people():
    return Person.objects.filter(shown_person(OuterRef("pk")))


def organisations():
    return Organisation.objects.filter(shown_organisation(OuterRef("pk")))


def events():
    return Event.objects.filter(shown_event(OuterRef("pk")))


def naming(**entity):
    """The mentions of ``entity`` (``person=…``, ``organisation=…`` or
    ``event=…``) no editor rejected, on any article: for ``Newest``."""
    return Mention.objects.filter(**entity).exclude(status=Mention.Status.REJECTED)


def tags():
    """Tags on at least one public article."""
    return Tag.objects.filter(
        Exists(
            ArticleTag.objects.filter(
                tag=OuterRef("pk"), article__published=True, article__issue__published=True
            )
        )
    )


# The articles a list of a person's, an organisation's, an event's or a tag's
# articles pages through: the newest this many. Counting and paging further
# would read every match, and one name can be in a third of the archive.
LISTED = 1000


class Newest:
    """The public articles that rows of ``links`` (mentions, bylines or
    tags: rows with an ``article``) point to, newest first, stopping at the
    newest ``LISTED``. For a paginator: ``count()`` reads at most
    ``LISTED + 1`` articles, from the links' index, and ``capped`` tells
    whether there were more.

    The pages then come one of two ways. A name in more than ``LISTED``
    articles is common enough that walking issues from the newest (index
    ``archive_issue_newest``) and asking each article whether it is linked
    soon finds a page of them. A rarer one is in at most ``LISTED``
    articles, whose ids counting has just read: the page sorts those, where
    walking could read the whole archive to find a name only old issues
    print."""

    def __init__(self, links):
        self.links = links
        self.queryset = newest_first(articles().filter(Exists(links.filter(article=OuterRef("pk")))))
        self.capped = False

    def count(self):
        found = list(
            self.links.filter(article__published=True, article__issue__published=True)
            .order_by("article")
            .values_list("article", flat=True)
            .distinct()[: LISTED + 1]
        )
        self.capped = len(found) > LISTED
        if not self.capped:
            self.queryset = newest_first(articles().filter(pk__in=found))
        return min(len(found), LISTED)

    def __getitem__(self, key):
        return self.queryset[key]

    def __len__(self):
        return self.count()


def newest_first(queryset):
    """Articles as the pages of a person, an organisation, an event or a tag
    list them: newest first (undated issues last), credits loaded, bodies
    not."""
    return with_bylines(queryset.defer("body")).order_by(
        F("issue__date").desc(nulls_last=True), "issue__source_name", "position", "pk"
    )

