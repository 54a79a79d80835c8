"""The issue's change page shows its source beside the parse: each line, what
it became, a link to its article, and the parser's warnings at their lines."""

import re

import pytest
from django.urls import reverse

from archive.importer import import_file
from archive.models import Issue
from tests.factories import made_up_page

pytestmark = pytest.mark.django_db

# Made up: a paragraph with no headline above it (the parser warns), then a story.
PAGE = """浙江法治报

第9001期

湖畔镇去年共调解邻里纠纷一百余起,调解成功率逐年提高。

山区法庭开通巡回审判专线

本报记者 吕清溪

本报讯 3月3日,青岭县人民法院山区法庭开通巡回审判专线,方便偏远村民就近立案。
"""


def change_page(admin_client, path):
    import_file(path)
    issue = Issue.objects.get(source_name=path.name)
    return issue, admin_client.get(reverse("admin:archive_issue_change", args=[issue.pk])).text


def rows(html):
    table = html[html.index('<table class="source-lines">'):]
    table = table[: table.index("</table>")]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr class=\"role-\w+\">(.*?)</tr>", table, re.S)
    ]


def test_lines_with_their_roles_and_article_links(admin_client, tmp_path):
    path = tmp_path / "p9001.txt"
    path.write_bytes(made_up_page())
    issue, html = change_page(admin_client, path)
    assert "原文对照" in html
    assert [row[2:] for row in rows(html)] == [
        ["报头", ""],
        ["报头", ""],
        ["报头", ""],
        ["标题", "第1篇"],
        ["署名", "第1篇"],
        ["电头", "第1篇"],
        ["正文", "第1篇"],
        ["标题", "第2篇"],
        ["署名", "第2篇"],
        ["电头", "第2篇"],
    ]
    for article in issue.articles.all():
        link = reverse("admin:archive_article_change", args=[article.pk])
        assert f'<a href="{link}">第{article.position}篇</a>' in html


def test_warnings_at_their_lines_and_the_page_s_above(admin_client, tmp_path):
    path = tmp_path / "p9002.txt"
    path.write_text(PAGE.replace("第9001期", "第9002期"), encoding="utf-8")
    _, html = change_page(admin_client, path)
    first = rows(html)[2]
    assert first[0] == "5" and first[2:] == ["正文", "第1篇"]
    assert "段落前没有标题" in first[1]
    # The masthead has no date: a warning of the page, listed above the table.
    assert html.index("报头没有日期") < html.index('<table class="source-lines">')


def test_a_source_that_no_longer_parses_says_so(admin_client):
    issue = Issue.objects.create(source_name="x.txt", source=b"no page", source_sha256="0" * 64)
    html = admin_client.get(reverse("admin:archive_issue_change", args=[issue.pk])).text
    assert "重新解析失败" in html
