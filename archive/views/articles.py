"""An article's own page: everything the page printed about it, the people
credited, where it sits in its issue, and how to cite it."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from archive.lib.dates import iso_date
from archive.models import Byline

from . import public, serializers
from .issues import issue_trail
from .links import article_url, issue_url
from .shortcuts import respond

# GB/T 7714-2015 names at most three authors, then "等".
CITED_AUTHORS = 3


def authors(article):
    """The people credited for the text, in print order (photographers are
    credited but are not the article's authors)."""
    return [b.person for b in article.bylines.all() if b.credit == Byline.Credit.TEXT]


def heading(article):
    """What to call the article where a title is wanted."""
    return article.title or article.kicker or article.subtitle or str(article)


def citation(article, permalink):
    """A reference in the GB/T 7714-2015 style for newspapers:
    作者. 题名[N]. 报纸名, 出版日期(版次). 网址"""
    names = [person.name for person in authors(article)]
    if len(names) > CITED_AUTHORS:
        names = names[:CITED_AUTHORS] + ["等"]
    issue = article.issue
    date = iso_date(issue.date) or "出版日期不详"
    parts = [", ".join(names) + ". "] if names else []
    parts.append(f"{heading(article)}[N]. {issue.publication}, {date}({article.page}). {permalink}")
    return "".join(parts)


@require_safe
def detail(request, pk):
    article = get_object_or_404(public.with_named(public.with_bylines(public.articles())), pk=pk)
    named = serializers.named(article)
    siblings = list(
        public.articles()
        .select_related(None)
        .filter(issue=article.issue_id)
        .only("id", "title", "kicker", "subtitle", "kind", "position")
        .order_by("position", "pk")
    )
    at = [sibling.pk for sibling in siblings].index(article.pk)
    previous = siblings[at - 1] if at > 0 else None
    following = siblings[at + 1] if at + 1 < len(siblings) else None
    permalink = request.build_absolute_uri(article_url(article.pk))
    context = {
        "article": article,
        "heading": heading(article),
        "paragraphs": article.body.splitlines(),
        "authors": authors(article),
        "issue": article.issue,
        "issue_url": issue_url(article.issue),
        "previous_article": previous,
        "next_article": following,
        "permalink": permalink,
        "citation": citation(article, permalink),
        "named": named,
        "canonical_url": article_url(article.pk),
        "trail": issue_trail(article.issue, here=heading(article)),
        "section": "issues",
    }

    def data():
        return {
            **serializers.article_summary(article),
            "deck": article.deck,
            "paragraphs": context["paragraphs"],
            "captions": article.captions,
            "continued_on_page": article.continued_on_page,
            "issue": serializers.issue_summary(article.issue),
            "previous": serializers.article_neighbour(previous),
            "next": serializers.article_neighbour(following),
            "permalink": permalink,
            "citation": context["citation"],
            **named,
        }

    return respond(request, "archive/article_detail.html", context, data)
