"""Filters and tags the public pages share: a page's title, where an issue
lives, credits set the way the paper prints them, and an article as lists
show it."""

from itertools import groupby

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from archive.models import Byline
from archive.views import links

register = template.Library()


@register.filter(is_safe=True)
def with_site_name(title, site_name):
    """A page's title completed by base.html: the page's own ``{% block
    title %}`` ("张三 · 人物"), then the site's name. The home page gives none
    and is titled by the site's name alone."""
    return f"{title} · {site_name}" if title else site_name


@register.filter
def issue_url(issue):
    return links.issue_url(issue)


# Addresses by id: ``{{ article.pk|article_url }}``.
register.filter("article_url", links.article_url)
register.filter("person_url", links.person_url)
register.filter("organisation_url", links.organisation_url)
register.filter("event_url", links.event_url)


def byline_groups(bylines):
    """Consecutive bylines of one role and credit, as the page prints them
    ("本报记者 王乃召 王志浩", "通讯员 陈海伟 摄"): [(role, is_photo, bylines)]."""
    return [
        (role, credit == Byline.Credit.PHOTO, list(group))
        for (role, credit), group in groupby(bylines, key=lambda b: (b.role, b.credit))
    ]


@register.simple_tag
def bylines(credits):
    """Credits as the paper prints them: ``<p class="bylines">…</p>``, or
    nothing when there are none."""
    groups = byline_groups(credits)
    if not groups:
        return ""
    return format_html(
        '<p class="bylines">{}</p>',
        mark_safe(" ".join(
            format_html(
                '<span class="byline-group">{}{}{}</span>',
                format_html('<span class="byline-role">{}</span> ', role) if role else "",
                mark_safe(" ".join(
                    format_html('<a href="{}">{}</a>', links.person_url(b.person_id), b.person.name) for b in group
                )),
                " 摄" if is_photo else "",
            )
            for role, is_photo, group in groups
        )),
    )


def excerpt(found):
    """An ``archive.search.Excerpt``: the hits marked, "…" where clipped."""
    return format_html(
        "{}{}{}",
        "…" if found.clipped_start else "",
        format_html_join(
            "", "{}", ((format_html("<mark>{}</mark>", text) if hit else text,) for text, hit in found.pieces)
        ),
        "…" if found.clipped_end else "",
    )


@register.simple_tag
def article_item(article, level=3, show_issue=False, show_lead=False, marked=None):
    """An article in a list (an issue's reading order, search results, the
    articles of a person, an organisation, an event or a tag): headline,
    issue, credits and a lead or a snippet. Built here, not by a template,
    because a page lists up to forty: Django's template engine took about a
    millisecond for each."""
    issue = article.issue if show_issue else None
    lead = ""
    if marked and marked["snippet"].pieces:
        lead = format_html('<p class="snippet">{}</p>\n  ', excerpt(marked["snippet"]))
    elif show_lead and article.body:
        lead = format_html('<p class="lead">{}</p>', Truncator(article.body).chars(90))
    lines = [
        format_html('<p class="column-name">{}</p>', article.column) if article.column else "",
        format_html('<p class="kind-label">{}</p>', article.get_kind_display()) if article.kind != "news" else "",
        format_html(
            '<p class="kicker">{}</p>', excerpt(marked["kicker"]) if marked else article.kicker
        ) if article.kicker else "",
        format_html(
            '<h{} class="article-item__title"><a href="{}">{}</a></h{}>',
            level or 3, links.article_url(article.pk), excerpt(marked["title"]) if marked else str(article), level or 3,
        ),
        format_html(
            '<p class="subtitle">{}</p>', excerpt(marked["subtitle"]) if marked else article.subtitle
        ) if article.subtitle else "",
        format_html(
            '<p class="article-item__issue"><a href="{}">{}</a>{} · 第{}版</p>',
            links.issue_url(issue),
            date_format(issue.date) if issue.date else f"日期不详({issue.source_name})",
            f" · 第{issue.number}期" if issue.number else "",
            article.page,
        ) if issue else "",
        format_html("{}\n", bylines(article.bylines.all())),
        lead,
        format_html(
            '<ul class="captions" aria-label="图片说明">{}</ul>',
            format_html_join("", "<li>{}</li>", ((caption,) for caption in article.captions)),
        ) if show_lead and article.captions else "",
        format_html('<p class="continued">(下转第{}版)</p>', article.continued_on_page)
        if show_lead and article.continued_on_page else "",
    ]
    return format_html(
        '<article class="article-item article-item--{}">\n{}\n</article>\n',
        article.kind,
        mark_safe("\n".join("  " + conditional_escape(line) for line in lines)),
    )


@register.simple_tag(takes_context=True)
def edit_link(context, obj):
    """For staff who may change ``obj``: a link "编辑" to its page in the
    admin; for everyone else nothing."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_staff:
        return ""
    opts = obj._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return ""
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html(
        '<p class="edit-link"><a href="{}" title="在管理后台编辑这一{}">编辑</a></p>', url, opts.verbose_name
    )
