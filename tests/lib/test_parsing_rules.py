"""Each reading rule of the parser on a few lines of its own."""

import datetime

import pytest

from archive.lib.parsing import ParseError, parse_text
from archive.lib.parsing.bylines import parse_byline
from archive.lib.parsing.headlines import read_stack


def page(*blocks):
    return "\n\n".join(blocks)


def only(text):
    (article,) = parse_text(text).articles
    return article


@pytest.mark.parametrize(
    "line, expected",
    [
        ("本报记者 王乃召 王志浩", [("王乃召", "本报记者", "text"), ("王志浩", "本报记者", "text")]),
        ("本报首席记者 许梅 通讯员 阮家骅", [("许梅", "本报首席记者", "text"), ("阮家骅", "通讯员", "text")]),
        ("浙江日报记者 余勤 陆乐", [("余勤", "浙江日报记者", "text"), ("陆乐", "浙江日报记者", "text")]),
        ("新华社记者 张三", [("张三", "新华社记者", "text")]),
        ("通讯员 胡太顺 实习生 胡宗昊", [("胡太顺", "通讯员", "text"), ("胡宗昊", "实习生", "text")]),
        ("通讯员 陈海伟 摄", [("陈海伟", "通讯员", "photo")]),
        ("董旭明 倪雁强 孟欣 摄", [("董旭明", "", "photo"), ("倪雁强", "", "photo"), ("孟欣", "", "photo")]),
        ("本报记者王乃召", [("王乃召", "本报记者", "text")]),
        ("本报记者 李洁/摄", [("李洁", "本报记者", "photo")]),
    ],
)
def test_credit_lines(line, expected):
    assert [(b.name, b.role, b.credit) for b in parse_byline(line)] == expected


@pytest.mark.parametrize(
    "line",
    ["刘捷主持 王成出席", "英雄,走好!", "本报记者", "本报记者 王乃召 通讯员", "张三 李四", "会议指出,要坚持。"],
)
def test_lines_that_are_not_credits(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["全省安全工作推进会在嘉善召开 以高质量平安建设助推高水平发展 张三讲话 李四主持"],
         ("", "全省安全工作推进会在嘉善召开", "以高质量平安建设助推高水平发展", "张三讲话 李四主持")),
        (["王浩在某会议上强调 走在前列作示范 为发展提供强大保障"], ("王浩在某会议上强调", "走在前列作示范", "为发展提供强大保障", "")),
        (["千亩水杉换新绿 生态乡村景如画"], ("", "千亩水杉换新绿 生态乡村景如画", "", "")),
        (["省平安办主任会议要求", "高效统筹谋划 靠前协调督导", "发挥更大作用"],
         ("省平安办主任会议要求", "高效统筹谋划 靠前协调督导", "发挥更大作用", "")),
        (["建设平安金华", "——访平安办主任申瑞龙"], ("", "建设平安金华", "——访平安办主任申瑞龙", "")),
        (["全省推进会召开", "王成国讲话 杨青玖主持"], ("", "全省推进会召开", "", "王成国讲话 杨青玖主持")),
    ],
)
def test_headline_stacks(lines, expected):
    head = read_stack(lines)
    assert (head.kicker, head.title, head.subtitle, head.deck) == expected


def test_paragraph_broken_mid_word_is_joined_but_a_headline_stays_a_headline():
    text = page(
        "第一篇报道的标题",
        "本报记者 张三",
        "本报讯 7月1日,省委教育工",
        "委副书记出席会议。",
        "会议强调,要将长三角",
        "区域警务一体化放在大局中谋划,研究出台更多政策措施,推动各项工作落地见效。",
        "第二篇报道的标题",
        "通讯员 李四",
        "第二篇的正文。",
    )
    first, second = parse_text(text).articles
    assert first.paragraphs == ["省委教育工委副书记出席会议。", "会议强调,要将长三角区域警务一体化放在大局中谋划,研究出台更多政策措施,推动各项工作落地见效。"]
    assert second.title == "第二篇报道的标题"


def test_lead_with_credits_in_parentheses_and_place():
    article = only(page("标题在此", "本报讯(记者 王乃召 通讯员 张磊) 7月11日下午,会议召开。"))
    assert [(b.name, b.role) for b in article.bylines] == [("王乃召", "记者"), ("张磊", "通讯员")]
    assert article.dateline == "7月11日下午"
    assert article.paragraphs == ["会议召开。"]


def test_dated_lead_form():
    article = only(page("标题在此", "通讯员 张三", "本报嘉兴7月11日讯 会议召开。"))
    assert article.dateline == "7月11日"
    assert article.paragraphs == ["会议召开。"]


def test_continuation_alone_or_at_the_end_of_a_paragraph():
    text = page("甲报道标题", "本报记者 张三", "正文一。(下转第3版)", "乙报道标题", "本报记者 李四", "正文二。", "(下转2版)")
    first, second = parse_text(text).articles
    assert (first.continued_on_page, first.paragraphs) == (3, ["正文一。"])
    assert (second.continued_on_page, second.paragraphs) == (2, ["正文二。"])


def test_dateline_resolved_against_the_issue_date_across_a_year_end():
    text = page("浙江法治报", "2025年1月2日 星期四", "标题", "本报记者 张三", "本报讯 12月31日下午,会议召开。")
    issue = parse_text(text)
    assert issue.date == datetime.date(2025, 1, 2)
    assert issue.articles[0].date == datetime.date(2024, 12, 31)


def test_photo_caption_credit_and_photo_story():
    text = page(
        "一张照片的标题", "7月24日,渔船回港避风。", "通讯员 吴达夫 摄",
        "英雄,走好!", "7月8日,告别仪式在殡仪馆举行。", "本报记者 陈立波",
    )
    photo, story = parse_text(text).articles
    assert (photo.kind, photo.dateline, photo.paragraphs) == ("photo", "7月24日", ["渔船回港避风。"])
    assert (story.kind, [b.name for b in story.bylines]) == ("photo", ["陈立波"])


def test_teasers_pair_a_question_with_its_answer():
    issue = parse_text(page("某报道", "本报记者 张三", "正文。", "导读", "能退货吗?", "法院给出答案", "另一条导读"))
    teasers = [(a.kind, a.title, a.subtitle) for a in issue.articles[1:]]
    assert teasers == [("teaser", "能退货吗?", "法院给出答案"), ("teaser", "另一条导读", "")]


def test_advertisement_block():
    issue = parse_text(page("某报道", "本报记者 张三", "正文。", "某某银行\nBANK OF CHINA", "跨境\nVISA"))
    advert = issue.articles[-1]
    assert (advert.kind, advert.title, advert.paragraphs) == ("advertisement", "某某银行", ["BANK OF CHINA", "跨境", "VISA"])


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Hello world.\nThis is English.", "没有中文"),
        ("今天天气很好。我们去公园散步。\n\n公园里有很多人。", "找不到报头、署名或电头"),
    ],
)
def test_text_that_is_no_newspaper_page(text, reason):
    with pytest.raises(ParseError, match=reason):
        parse_text(text)


def test_page_without_masthead_date_is_flagged():
    issue = parse_text(page("标题", "本报记者 张三", "本报讯 7月11日,会议召开。"))
    assert issue.date is None and issue.date_source == ""
    assert any("报头没有日期" in w for w in issue.warnings)
    assert issue.articles[0].date is None


def test_one_line_interview_headline():
    article = only(page("建设更高水平的平安金华 打造平安浙江示范区 ——访平安办主任申瑞龙", "通讯员 陈盼", "近年来,金华始终坚持建设平安金华。"))
    assert (article.kind, article.title, article.subtitle) == (
        "interview", "建设更高水平的平安金华 打造平安浙江示范区", "——访平安办主任申瑞龙")


def test_advertisement_just_before_teasers():
    text = page("进港避风", "7月24日,渔船回港。", "通讯员 吴达夫 摄", "\n\n中国银行\nBANK OF CHINA", "跨境\nGO", "\n\n导读", "能退货吗?")
    kinds = [(a.kind, a.title) for a in parse_text(text).articles]
    assert kinds == [("photo", "进港避风"), ("advertisement", "中国银行"), ("teaser", "能退货吗?")]


def test_ellipsis_ends_a_paragraph_and_is_kept():
    article = only(page("标题", "本报记者 张三", "本报讯 难题也随之浮现……", "如何破局?大家都在想办法。"))
    assert article.paragraphs == ["难题也随之浮现……", "如何破局?大家都在想办法。"]


def test_advertisement_in_a_dump_without_blank_lines():
    issue = parse_text("某报道\n本报记者 张三\n本报讯 7月1日,会议召开。\n中国银行\nBANK OF CHINA\n跨境\nVISA")
    assert [(a.kind, a.title) for a in issue.articles] == [("news", "某报道"), ("advertisement", "中国银行")]
