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


def made_up_page(number=9001, date="2031年3月5日 星期三"):
    """A front page's text file, made up, with two articles; without
    ``date`` the masthead has none, which the parser warns of."""
    masthead = ["浙江法治报", *([date] if date else []), f"第{number}期"]
    stories = [
        "湖畔镇试行邻里调解新办法 小纠纷不出村",
        "本报记者 吕清溪 通讯员 章晓岚",
        "本报讯 3月4日上午,湖畔镇召开邻里调解工作推进会。会议提出,要把邻里纠纷化解在萌芽状态,让群众少跑腿。",
        "据介绍,湖畔镇去年共调解邻里纠纷一百余起,调解成功率逐年提高。",
        "山区法庭开通巡回审判专线",
        "本报记者 吕清溪",
        "本报讯 3月3日,青岭县人民法院山区法庭开通巡回审判专线,方便偏远村民就近立案。",
    ]
    return "\n\n".join([*masthead, *stories]).encode() + b"\n"
