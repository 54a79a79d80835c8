"""The organisations the articles name, and each one's page: what it is
called, where it sits among its parent and children, who held positions
there, and the articles naming it."""

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from archive.lib.dates import iso_date
from archive.models import ORGANISATION_KIND_LABELS, Position

from . import public, serializers
from .links import follows_merges, organisation_url
from .shortcuts import ARTICLES_PER_PAGE, page_data, paginate, respond, trail

ORGANISATIONS_PER_PAGE = 100
POSITIONS_PER_PAGE = 50
# The page parameter of the second list, the positions held there.
POSITIONS_PAGE = "positions"


@require_safe
def index(request):
    """Every public organisation by name (Unicode order puts Chinese names
    by radical and stroke count), optionally of one kind."""
    everyone = public.organisations().order_by("name").only("id", "name", "kind")
    kind = request.GET.get("kind", "")
    if kind in ORGANISATION_KIND_LABELS:
        everyone = everyone.filter(kind=kind)
    else:
        kind = ""
    page = paginate(request, everyone, ORGANISATIONS_PER_PAGE)
    context = {
        "organisations": page.object_list,
        "page": page,
        "kinds": ORGANISATION_KIND_LABELS.items(),
        "kind": kind,
        "kind_query": f"kind={kind}" if kind else "",
        "trail": trail("organisations"),
        "section": "organisations",
    }

    def data():
        return {
            "organisations": [serializers.organisation_summary(o) for o in page.object_list],
            "page": page_data(page),
        }

    return respond(request, "archive/organisation_index.html", context, data)


@require_safe
@follows_merges("organisation")
def detail(request, pk):
    organisation = get_object_or_404(
        public.organisations()
        .select_related("parent")
        .annotate(parent_public=public.flag(public.shown_organisation("parent"))),
        pk=pk,
    )
    aliases = [alias.name for alias in organisation.aliases.all()]
    children = list(
        organisation.children.annotate(shown=public.flag(public.shown_organisation())).order_by("name")
    )
    positions = paginate(
        request,
        Position.objects.filter(public.shown_person("person"), organisation=organisation)
        .select_related("person")
        .order_by(F("last_seen").desc(nulls_last=True), "person__sort_key", "title", "pk"),
        POSITIONS_PER_PAGE,
        param=POSITIONS_PAGE,
    )
    page = paginate(
        request, public.Newest(public.naming(organisation=organisation)), ARTICLES_PER_PAGE
    )
    context = {
        "organisation": organisation,
        "aliases": aliases,
        "children": children,
        "positions": positions,
        "page": page,
        "articles": page.object_list,
        "articles_query": f"{POSITIONS_PAGE}={positions.number}" if positions.number > 1 else "",
        "positions_query": f"page={page.number}" if page.number > 1 else "",
        "canonical_url": organisation_url(organisation.pk),
        "trail": trail("organisations", here=organisation.name),
        "section": "organisations",
    }

    def data():
        return {
            **serializers.organisation_summary(organisation),
            "aliases": aliases,
            "parent": _related(organisation.parent, organisation.parent_public),
            "children": [_related(child, child.shown) for child in children],
            "positions": [
                {
                    "title": position.title,
                    "person": serializers.person_summary(position.person),
                    "first_seen": iso_date(position.first_seen),
                    "last_seen": iso_date(position.last_seen),
                }
                for position in positions.object_list
            ],
            "positions_page": page_data(positions),
            "articles": [serializers.listed_article(a) for a in page.object_list],
            "page": page_data(page),
        }

    return respond(request, "archive/organisation_detail.html", context, data)


def _related(organisation, shown):
    """A parent or a child: its page only if it has one."""
    if organisation is None:
        return None
    return {
        "name": organisation.name,
        "url": organisation_url(organisation.pk) if shown else None,
    }
