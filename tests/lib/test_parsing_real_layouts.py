"""What real front pages print beyond the seeds: credit lines of other papers,
leads of other papers and agencies, relative datelines, captions between
stories, dumps without blank lines and headline stacks. Made-up text, one
category of layout per test."""

import datetime

import pytest

from archive.lib.parsing import parse_text
from archive.lib.parsing.bylines import bare_names, parse_byline
from archive.lib.parsing.headlines import read_stack
from archive.lib.parsing.leads import read_lead

MASTHEAD = ("浙江法治报", "2024年3月12日 星期二")


def page(*blocks):
    return "\n\n".join(blocks)


def heads(issue):
    return [(a.kicker, a.title, a.subtitle) for a in issue.articles]


def credits(article):
    return [(b.name, b.role, b.credit) for b in article.bylines]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("本报首席记者 陈小明", [("陈小明", "本报首席记者", "text")]),
        ("本报通讯员 周大力", [("周大力", "本报通讯员", "text")]),
        ("全媒体记者 林一 融媒体记者 何二", [("林一", "全媒体记者", "text"), ("何二", "融媒体记者", "text")]),
        ("本报驻湖州记者 孙立", [("孙立", "本报驻湖州记者", "text")]),
        ("特约记者 冯远", [("冯远", "特约记者", "text")]),
        ("某某日报记者 吴桐 通讯员 郑好", [("吴桐", "某某日报记者", "text"), ("郑好", "通讯员", "text")]),
        ("本报记者 方圆 文/摄", [("方圆", "本报记者", "text")]),
        ("记者 方圆 文/图", [("方圆", "记者", "text")]),
        ("文 方圆 摄 白云", [("方圆", "", "text"), ("白云", "", "photo")]),
        ("图/白云", [("白云", "", "photo")]),
        ("摄影 白云", [("白云", "摄影", "photo")]),
        ("(记者 方圆 通讯员 白云)", [("方圆", "记者", "text"), ("白云", "通讯员", "text")]),
    ],
)
def test_credit_lines_of_other_papers(line, expected):
    assert [(b.name, b.role, b.credit) for b in parse_byline(line)] == expected


@pytest.mark.parametrize("line, names", [("杨小树 翁大河", ["杨小树", "翁大河"]), ("奚一鸣", ["奚一鸣"])])
def test_names_without_a_role_may_be_a_credit(line, names):
    assert [b.name for b in bare_names(line)] == names


@pytest.mark.parametrize("line", ["疏通排水沟", "徒步巡防 安全高效", "他们都来了"])
def test_headline_words_are_not_bare_names(line):
    assert bare_names(line) is None


def test_bare_names_under_a_headline_are_its_credit():
    text = page("渔民深夜落水获救", "杨小树 翁大河", "本报讯 昨日凌晨,一艘渔船在港口附近倾覆。", "两名船员随后获救。")
    (article,) = parse_text(text).articles
    assert credits(article) == [("杨小树", "", "text"), ("翁大河", "", "text")]
    assert article.paragraphs == ["一艘渔船在港口附近倾覆。", "两名船员随后获救。"]


def test_an_unknown_credit_line_does_not_glue_two_stories_together():
    text = page(
        "第一条新闻的标题", "本报记者 张三", "本报讯 会议召开。",
        "第二条新闻的标题", "奚一鸣", "近日,某社区举办了一场活动。",
    )
    first, second = parse_text(text).articles
    assert (first.title, first.paragraphs) == ("第一条新闻的标题", ["会议召开。"])
    assert (second.title, [b.name for b in second.bylines]) == ("第二条新闻的标题", ["奚一鸣"])


@pytest.mark.parametrize(
    "paragraph, source, date",
    [
        ("本报杭州4月2日讯 会议召开。", "本报", "4月2日"),
        ("本报宁海3月11日电 会议召开。", "本报", "3月11日"),
        ("某某日报讯 会议召开。", "某某日报", ""),
        ("某某晚报讯 会议召开。", "某某晚报", ""),
        ("快报讯 会议召开。", "快报", ""),
        ("新华社北京3月11日电 会议召开。", "新华社", "3月11日"),
        ("中新网浙江新闻3月11日电 会议召开。", "中新网", "3月11日"),
    ],
)
def test_leads_of_other_papers_and_agencies(paragraph, source, date):
    lead = read_lead(paragraph)
    assert lead.source + lead.place in paragraph and lead.source.startswith(source[:2])
    assert (lead.date, paragraph[lead.end:]) == (date, "会议召开。")


def test_a_story_without_a_lead_is_not_read_as_one():
    assert read_lead("报名工作已经开始,市民可以登录网站报名。") is None


@pytest.mark.parametrize(
    "lead, dateline",
    [
        # another source's lead is kept: it says who filed the story
        ("某某晚报讯 3月10日上午,会议召开。", "某某晚报讯 3月10日上午"),
        ("新华社北京3月10日电 会议召开。", "新华社北京3月10日电"),
        # this paper's own lead gives only its date
        ("本报杭州3月10日讯 10日上午,会议召开。", "3月10日上午"),
        ("本报讯 3月10日上午,会议召开。", "3月10日上午"),
    ],
)
def test_the_lead_and_its_time_phrase_go_to_the_dateline(lead, dateline):
    (article,) = parse_text(page(*MASTHEAD, "会议的标题", "本报记者 张三", lead)).articles
    assert (article.dateline, article.date, article.paragraphs) == (dateline, datetime.date(2024, 3, 10), ["会议召开。"])


@pytest.mark.parametrize(
    "opening, dateline, date",
    [
        ("昨日下午,", "昨日下午", datetime.date(2024, 3, 11)),
        ("昨天,", "昨天", datetime.date(2024, 3, 11)),
        ("前天晚上9时许,", "前天晚上9时许", datetime.date(2024, 3, 10)),
        ("今天上午,", "今天上午", datetime.date(2024, 3, 12)),
        ("11日,", "11日", datetime.date(2024, 3, 11)),
    ],
)
def test_relative_datelines_are_kept_as_printed_and_resolved_against_the_issue(opening, dateline, date):
    text = page(*MASTHEAD, "某地举行活动", "本报记者 张三", f"本报讯 {opening}活动在广场举行。")
    (article,) = parse_text(text).articles
    assert (article.dateline, article.date, article.paragraphs) == (dateline, date, ["活动在广场举行。"])


def test_credits_in_parentheses_at_the_end_of_a_story():
    text = page(
        "某地举行活动", "本报讯 活动在广场举行。", "群众纷纷点赞。(记者 方圆 通讯员 白云)",
        "下一条新闻标题", "本报记者 张三", "正文。",
    )
    first, second = parse_text(text).articles
    assert credits(first) == [("方圆", "记者", "text"), ("白云", "通讯员", "text")]
    assert first.paragraphs == ["活动在广场举行。", "群众纷纷点赞。"]
    assert second.title == "下一条新闻标题"


def test_a_caption_with_its_own_credit_between_stories_goes_to_no_story_body():
    text = page(
        "第一条新闻的标题", "本报记者 张三", "本报讯 会议召开。",
        "民警在路口执勤 本报记者 李四 摄",
        "第二条新闻的标题", "本报记者 王五", "本报讯 活动举行。",
    )
    first, second = parse_text(text).articles
    assert first.paragraphs == ["会议召开。"]
    assert second.paragraphs == ["活动举行。"]


def test_a_one_sentence_caption_about_the_next_story_leaves_the_previous_body():
    text = page(
        "第一条新闻的标题", "本报记者 张三", "本报讯 会议召开。",
        "老周站在河边。",
        "老周勇救落水儿童", "本报记者 王五", "本报讯 前天下午,一名儿童落水。",
    )
    first, second = parse_text(text).articles
    assert first.paragraphs == ["会议召开。"]
    assert second.title == "老周勇救落水儿童"


def test_a_dump_without_blank_lines_reads_like_one_with_them():
    blocks = (
        *MASTHEAD, "要闻", "第一条新闻的标题", "本报记者 张三", "本报讯 会议召开。", "会议要求各地落实。",
        "第二条新闻的标题", "杨小树", "近日,某社区举办了一场活动。",
    )
    spaced, tight = parse_text("\n\n".join(blocks)), parse_text("\n".join(blocks))
    assert heads(tight) == heads(spaced)
    assert [a.paragraphs for a in tight.articles] == [a.paragraphs for a in spaced.articles]
    assert [(a.column, a.title) for a in tight.articles] == [("要闻", "第一条新闻的标题"), ("", "第二条新闻的标题")]


def test_a_kicker_of_few_characters_is_not_a_column_label():
    text = page("今年二月", "某市21人酒驾被查", "比去年同期多两成", "本报记者 张三", "本报讯 交警通报了数据。")
    (article,) = parse_text(text).articles
    assert (article.column, article.kicker, article.title) == ("", "今年二月", "某市21人酒驾被查")


@pytest.mark.parametrize(
    "lines, expected",
    [
        # a line with a space: a short hook and its outcome is one title
        (["老人深夜迷路 民警送其回家"], ("", "老人深夜迷路 民警送其回家", "")),
        # a second part opening with a connective continues the first
        (["骑车看手机的男子摔进水沟 多亏民警及时救起"], ("", "骑车看手机的男子摔进水沟 多亏民警及时救起", "")),
        # a first part that is a headline by itself keeps a subtitle
        (["全市基层调解组织实现全覆盖 矛盾纠纷就地化解"], ("", "全市基层调解组织实现全覆盖", "矛盾纠纷就地化解")),
        # a scene-setting kicker of two clauses over a one-clause title
        (["问题从哪里来,答案到哪里找", "某县“小法庭”办成大事"], ("问题从哪里来,答案到哪里找", "某县“小法庭”办成大事", "")),
        # a quoted first line is the title itself
        (["“哪里有群众,哪里就有法庭”", "庭审搬进村里"], ("", "“哪里有群众,哪里就有法庭”", "庭审搬进村里")),
        # three lines: kicker, title, subtitle
        (["今年二月", "某市21人酒驾被查", "比去年同期多两成"], ("今年二月", "某市21人酒驾被查", "比去年同期多两成")),
    ],
)
def test_headline_stacks_of_real_pages(lines, expected):
    head = read_stack(lines)
    assert (head.kicker, head.title, head.subtitle) == expected


def test_the_masthead_names_the_paper_and_its_sites():
    hotline = "新闻热线:0571-12345678 | 第1234期 今日8版 | 某某平安网:www.example.cn"
    story = ("某地开展夜间巡查", "本报记者 张明远", "本报讯 昨天晚上,民警在街头巡查。")
    assert parse_text(page(*MASTHEAD, hotline, *story)).outlets == ["浙江法治报", "某某平安网"]
    assert parse_text(page(hotline, *story)).outlets == ["某某平安网"]
    assert parse_text(page(*story)).outlets == []
