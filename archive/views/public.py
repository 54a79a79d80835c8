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

from functools import cache

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

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


# The conditions below are built once per field and reused: Django copies
# a condition's subqueries when a queryset uses it, and building them cost
# a list page several milliseconds.


@cache
def shown_person(field="pk"):
    """A condition on the row's ``field`` (a person's key): the person is
    public, credited on or named in a public article. A name only hidden
    articles print is not. (Mentions are asked first: most people are
    named in a text, few are credited, so most rows are settled by one
    probe.)"""
    return _shown(field, [(naming(), "person"), (Byline.objects.all(), "person")])


@cache
def shown_organisation(field="pk"):
    return _shown(field, [(naming(), "organisation")])


@cache
def shown_event(field="pk"):
    return _shown(field, [(naming(), "event")])


@cache
def shown_tag(field="pk"):
    return _shown(field, [(ArticleTag.objects.all(), "tag")])


# The articles the public may not see: withdrawn ones, and published ones of
# withdrawn issues. Editors withdraw few, and both parts are read from
# partial indexes of the withdrawn rows (archive_article_hidden,
# archive_issue_hidden, migration 0010), never from the whole tables.
HIDDEN_ARTICLES = (
    'SELECT "id" FROM "archive_article" WHERE NOT "published" '
    'UNION ALL SELECT a."id" FROM "archive_issue" i JOIN "archive_article" a ON a."issue_id" = i."id" '
    'WHERE NOT i."published" AND a."published"'
)


def hidden_articles():
    """The ids of the hidden articles, as a subquery (``pk__in=…``)."""
    return RawSQL(HIDDEN_ARTICLES, [])


def _shown(field, links):
    """A condition on the row's ``field`` (the key of a person, an
    organisation, an event or a tag): a public article links to it through
    one of ``links``, pairs of a queryset of link rows and the field of
    theirs that points to what they link.

    Asking of a key whether a public article links to it costs a join per
    key, which a list of every person pays thousands of times. So the
    question is split: a key with any link (one probe of the link's index)
    is public unless a hidden article links it, and only those few keys are
    asked the full question. (Which keys a hidden article links is asked of
    all its links, rejected mentions too: a wider net costs nothing. The
    full question is a join, not "a link on no hidden article": PostgreSQL
    would answer that one by hashing every link.)"""
    linked = touched = asked = None
    for rows, linking in links:
        mine = rows.filter(**{linking: OuterRef(field)})
        linked = _either(linked, Q(Exists(mine)))
        asked = _either(asked, Q(Exists(mine.filter(article__published=True, article__issue__published=True))))
        hidden = rows.model.objects.filter(article__in=hidden_articles(), **{f"{linking}__isnull": False})
        touched = _either(touched, Q(**{f"{field}__in": hidden.values(linking)}))
    return linked & (~touched | asked)


class _CountOf(Subquery):
    """The number of rows of a subquery, which may be sliced."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def article_count(links, field):
    """The number of public articles ``links`` (taggings: one row per
    article) link to the row ``OuterRef("pk")`` by ``field``, as an
    expression, counted as far as ``LISTED + 1``: all the links, from their
    index alone and no further than that plus the number of hidden articles,
    less those on hidden articles, read from the hidden articles' side."""
    hidden = Article.objects.filter(pk__in=hidden_articles())
    enough = LISTED + 1 + hidden.count()
    mine = links.filter(**{field: OuterRef("pk")}).order_by().values(field)
    on_hidden = hidden.filter(Exists(links.filter(**{field: OuterRef(OuterRef("pk")), "article": OuterRef("pk")})))
    return _CountOf(mine[:enough]) - _CountOf(on_hidden.values("pk"))


def flag(condition):
    """A ``shown_…`` condition as a value, for ``annotate``. SQLite computes
    every part of an OR it meets as a value, the full question's join (5 ms
    for a name in 60,000 articles) included; in a CASE, as in a WHERE, it
    stops at the first part that settles it."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _either(first, second):
    return second if first is None else first | second


def people():
    return Person.objects.filter(shown_person())


def organisations():
    return Organisation.objects.filter(shown_organisation())


def events():
    return Event.objects.filter(shown_event())


def naming(**entity):
    """The mentions of ``entity`` (``person=…``, ``organisation=…`` or
    ``event=…``; all when none) no editor rejected, on any article."""
    return Mention.objects.filter(**entity).exclude(status=Mention.Status.REJECTED)


def tags():
    """Tags on at least one public article."""
    return Tag.objects.filter(shown_tag())


# The articles a list of a person's, an organisation's, an event's or a tag's
# articles pages through: the newest this many. Counting and paging further
# would read every match, and one name can be in a third of the archive.
LISTED = 1000


# Links read and their articles sorted here, at most: an entity linked more
# often is common enough to be found by walking the issues.
SORTED = 5000


class Newest:
    """The public articles that rows of ``links`` (mentions, bylines or
    tags: rows with an ``article``) point to, newest first, stopping at the
    newest ``LISTED``. For a paginator: ``count()`` finds how many (at most
    ``LISTED``) and ``capped`` tells whether there were more.

    Two ways, by how many links there are, read from their index alone as
    far as ``SORTED``. At most that many: their public articles'
    dates are read by id and sorted here, and every page, the last
    included, is those ids (a few thousand rows cost milliseconds; asked to
    sort them, a database may instead walk the issues, which for a name in
    one article of a hundred reads thousands). More: the name is common
    enough that walking the issues from the newest (index
    ``archive_issue_newest``), asking each article whether it is linked,
    soon finds a page of them, and counting reads at most ``LISTED + 1`` of
    its public articles."""

    def __init__(self, links, fields=()):
        self.links = links
        self.fields = fields
        self.capped = False
        self.ids = None  # the newest LISTED ids, when they were sorted here
        # When sorted here, every public link as (article id, issue date,
        # source name, position, *fields): a page may sum them up.
        self.rows = None

    def count(self):
        if self.ids is not None:
            return len(self.ids)
        linked = list(self.links.order_by().values_list("article", flat=True)[: SORTED + 1])
        if len(linked) <= SORTED:
            self.rows = list(
                self.links.filter(article__published=True, article__issue__published=True)
                .order_by()
                .values_list(
                    "article", "article__issue__date", "article__issue__source_name", "article__position",
                    *self.fields,
                )
            )
            ordered = sorted({row[:4] for row in self.rows}, key=_newest_first_key)
            self.capped = len(ordered) > LISTED
            self.ids = [row[0] for row in ordered[:LISTED]]
            return len(self.ids)
        # Many links: the public articles among those read, if they are
        # enough (what is hidden is a few ids), else counted.
        hidden = Article.objects.filter(pk__in=hidden_articles()).order_by().values_list("pk", flat=True)
        found = len(set(linked).difference(hidden))
        if found <= LISTED:
            found = (
                self.links.filter(article__published=True, article__issue__published=True)
                .order_by()
                .values("article")
                .distinct()[: LISTED + 1]
                .count()
            )
        self.capped = found > LISTED
        return min(found, LISTED)

    def __getitem__(self, key):
        if self.ids is None:
            walked = articles().filter(Exists(self.links.filter(article=OuterRef("pk"))))
            return newest_first(walked)[key]
        return list(newest_first(articles().filter(pk__in=self.ids[key])))

    def __len__(self):
        return self.count()


def _newest_first_key(row):
    """``newest_first``'s order for (id, date, source name, position) rows."""
    pk, date, source_name, position = row
    return (date is None, -date.toordinal() if date else 0, source_name, position, pk)


def newest_first(queryset):
    """Articles as the pages of a person, an organisation, an event or a tag
    list them: newest first (undated issues last), credits loaded, bodies
    not."""
    return with_bylines(queryset.defer("body")).order_by(
        F("issue__date").desc(nulls_last=True), "issue__source_name", "position", "pk"
    )

