"""Filters the public pages share: where an issue lives, and credits set the
way the paper prints them."""

from itertools import groupby

from django import template

from archive.models import Byline
from archive.views import links

register = template.Library()


@register.filter
def issue_url(issue):
    return links.issue_url(issue)


@register.filter
def byline_groups(bylines):
    """Consecutive bylines of one role and credit, as the page prints them
    ("本报记者 王乃召 王志浩", "通讯员 陈海伟 摄"): [(role, is_photo, bylines)]."""
    return [
        (role, credit == Byline.Credit.PHOTO, list(group))
        for (role, credit), group in groupby(bylines, key=lambda b: (b.role, b.credit))
    ]
