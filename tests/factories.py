"""What many tests build: issues and articles made directly as rows (no
parsing), for tests about what happens to rows."""

from archive.models import Article, Issue


def make_issue(name, date=None, *, titles=(), **fields):
    """An issue row known by the source file ``name``, with an article for
    each of ``titles`` (position 1, 2 …, a one-sentence body)."""
    issue = Issue.objects.create(
        source_name=name, source=b"", source_sha256="0" * 64, source_encoding="utf-8", date=date, **fields
    )
    for position, title in enumerate(titles, start=1):
        make_article(issue, position=position, title=title, body="正文。")
    return issue


def make_article(issue, **fields):
    """An article row of ``issue``, last on the page unless ``position`` is given."""
    if "position" not in fields:
        fields["position"] = issue.articles.count() + 1
    return Article.objects.create(issue=issue, **fields)
