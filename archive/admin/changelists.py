"""Changelists of the tables with hundreds of thousands of rows (articles,
bylines, mentions) or rows that count them (people): what Django's admin
does by default that costs in proportion to the archive, done otherwise.

Counting. The changelist asks its paginator how many rows match, to number
the pages. Counting half a million articles or millions of mentions costs
more than showing a page of them, and the number only has to be right while
it is small enough to page through. ``EstimatingPaginator`` counts at most
``EXACT`` rows; past that it takes PostgreSQL's planner estimate (the
statistics ``ANALYZE`` keeps) and shows it as "约 N", or on SQLite, which
keeps no such estimate, shows "超过 N" and pages through the first ``EXACT``
rows (filters, search and the column sorts reach the others).

Searching. Django looks for each word with ``LIKE '%word%'`` in every
search field, joining the related tables, over every row: seconds for
articles, more for mentions. ``IndexedArticleSearch`` and
``IndexedMentionSearch`` ask the full-text index (``archive.search``) first
for the articles whose text holds every word's characters, then apply
Django's test to those rows only. Article search reaches the body and the
issue's number (期号) too, which Django's search over the fields could not
afford.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal

from archive import search
from archive.counting import planner_estimate
from archive.models import Byline, Issue

EXACT = 10_000


class EstimatingPaginator(Paginator):
    estimated = False  # the count is the planner's estimate
    capped = False  # more rows than the count match

    @cached_property
    def count(self):
        # The rows only: the columns a changelist annotates (counts of
        # mentions per person, say) would be worked out for each row counted.
        queryset = self.object_list.order_by().values("pk")
        counted = queryset[: EXACT + 1].count()
        if counted <= EXACT:
            return counted
        estimate = planner_estimate(queryset)
        if estimate is not None:
            self.estimated = True
            return max(EXACT + 1, round(estimate))
        self.capped = True
        return EXACT


class Estimating:
    """An estimated count, and no second count of the whole table beside
    the filtered one."""

    paginator = EstimatingPaginator
    show_full_result_count = False


def _words(search_term):
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit:
            yield bit


def _any_word(field, words):
    return Q.create([(f"{field}__icontains", word) for word in words], connector=Q.OR)


def _any_field(fields, word):
    return Q.create([(f"{field}__icontains", word) for field in fields], connector=Q.OR)


# A word that names an issue by its number: 7047, 第7047期.
_ISSUE_NUMBER = re.compile(r"第?(\d{1,9})期?")
# The text fields an article is searched in, as Django would search them.
_ARTICLE_TEXT = ("kicker", "title", "subtitle", "deck", "body")


class IndexedArticleSearch:
    """Article search in the text (headline, deck and body), the credited
    names, the issue's file name and its number (期号): every word in one of
    them, as Django's search over those fields, among the candidates the
    full-text index gives for that word (a word that is only in a file name
    has no index terms to match: issues are few enough to look through)."""

    def get_search_results(self, request, queryset, search_term):
        words = list(_words(search_term))
        if not words:
            return queryset, False
        found = Q()
        for word in words:
            matches = _any_field(_ARTICLE_TEXT, word) | Exists(
                Byline.objects.filter(article=OuterRef("pk"), person__name__icontains=word)
            )
            candidates = search.document_candidates([word])
            if candidates is not None:
                matches &= Q(pk__in=RawSQL(*candidates))
            named = Issue.objects.filter(source_name__icontains=word)
            if named.exists():
                matches |= Q(issue__in=named)
            number = _ISSUE_NUMBER.fullmatch(word)
            if number:
                matches |= Q(issue__number=int(number[1]))
            found &= matches
        return queryset.filter(found), False


class IndexedMentionSearch:
    """Mention search in the printed text, the name of the person,
    organisation or event and the article's title: every word in one of
    them, as Django's search over those fields, among the mentions of the
    articles whose index holds every word, and those of the people,
    organisations and events whose name holds one."""

    def get_search_results(self, request, queryset, search_term):
        words = list(_words(search_term))
        if not words:
            return queryset, False
        found = Q()
        for word in words:
            found &= (
                Q(text__icontains=word)
                | Q(person__name__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(event__name__icontains=word)
                | Q(article__title__icontains=word)
            )
        candidates = search.document_candidates(words)
        if candidates is not None:
            # A union rather than OR: PostgreSQL reads every mention to
            # test an OR of subqueries, and each part here has its index.
            mentions = queryset.model.objects.order_by()
            parts = [mentions.filter(article__in=RawSQL(*candidates)).values("pk")]
            for entity in ("person", "organisation", "event"):
                named = queryset.model._meta.get_field(entity).related_model.objects.filter(
                    _any_word("name", words)
                )
                if named.exists():
                    parts.append(mentions.filter(**{f"{entity}__in": named}).values("pk"))
            found &= Q(pk__in=parts[0].union(*parts[1:], all=True))
        return queryset.filter(found), False
