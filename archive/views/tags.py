"""The tags editors put on articles, with how many public articles each
has, and each tag's articles."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from archive.models import ArticleTag

from . import public, serializers
from .links import tag_url
from .shortcuts import ARTICLES_PER_PAGE, page_data, paginate, respond, trail

TAGS_PER_PAGE = 200


@require_safe
def index(request):
    """Tags by name, each with its count of public articles (up to
    ``public.LISTED``, then "more than"), counted for the tags on the page
    only."""
    tags = (
        public.tags()
        .annotate(count=public.article_count(ArticleTag.objects.all(), "tag"))
        .order_by("name")
        .only("name", "slug")
    )
    page = paginate(request, tags, TAGS_PER_PAGE)
    context = {
        "tags": page.object_list,
        "page": page,
        "listed": public.LISTED,
        "trail": trail("tags"),
        "section": "tags",
    }

    def data():
        return {
            "tags": [
                {
                    **serializers.tag_summary(tag),
                    "articles": min(tag.count, public.LISTED),
                    "capped": tag.count > public.LISTED,
                }
                for tag in page.object_list
            ],
            "page": page_data(page),
        }

    return respond(request, "archive/tag_index.html", context, data)


@require_safe
def detail(request, slug):
    tag = get_object_or_404(public.tags(), slug=slug)
    page = paginate(request, public.Newest(ArticleTag.objects.filter(tag=tag)), ARTICLES_PER_PAGE)
    context = {
        "tag": tag,
        "page": page,
        "articles": page.object_list,
        "canonical_url": tag_url(tag.slug),
        "trail": trail("tags", here=tag.name),
        "section": "tags",
    }

    def data():
        return {
            **serializers.tag_summary(tag),
            "description": tag.description,
            "articles": [serializers.listed_article(a) for a in page.object_list],
            "page": page_data(page),
        }

    return respond(request, "archive/tag_detail.html", context, data)
