"""What each line of a page's text became: the parser says so from the same
pass that builds the articles (parse_source), for the admin's source view."""

from archive.lib.parsing import parse_text, read_source
from archive.lib.parsing.decoding import normalise
from archive.lib.parsing.page import parse_source

PAGE = """浙江法治报

2031年3月5日 星期三

第9001期

法治视点

守护一方平安
湖畔镇试行邻里调解新办法

本报记者 吕清溪 通讯员 章晓岚

本报讯 3月4日上午,湖畔镇召开邻里调解工作推进会。会议提出,要把邻里纠纷化解在萌芽状态,

让群众少跑腿。

据介绍,湖畔镇去年共调解邻里纠纷一百余起。

(下转2版)

调解员走访村民(右)

山区法庭开通巡回审判专线

本报记者 吕清溪

本报讯 3月3日,青岭县人民法院山区法庭开通巡回审判专线,方便偏远村民就近立案。


导读

青岭县推行诉前调解

湖畔镇建成法治公园
"""


def roles(text):
    return [(line.text[:8], line.role, line.article) for line in parse_source(normalise(text))[1]]


def test_each_line_is_marked_with_its_field_and_article():
    assert roles(PAGE) == [
        ("浙江法治报", "masthead", None),
        ("2031年3月5", "masthead", None),
        ("第9001期", "masthead", None),
        ("法治视点", "column", 1),
        ("守护一方平安", "title", 1),
        ("湖畔镇试行邻里调", "subtitle", 1),
        ("本报记者 吕清溪", "credit", 1),
        ("本报讯 3月4日", "lead", 1),
        ("让群众少跑腿。", "paragraph", 1),
        ("据介绍,湖畔镇去", "paragraph", 1),
        ("(下转2版)", "continued", 1),
        ("调解员走访村民(", "caption", 2),
        ("山区法庭开通巡回", "title", 2),
        ("本报记者 吕清溪", "credit", 2),
        ("本报讯 3月3日", "lead", 2),
        ("导读", "teaser", None),
        ("青岭县推行诉前调", "teaser", 3),
        ("湖畔镇建成法治公", "teaser", 4),
    ]


def test_every_non_blank_line_once_with_its_number():
    _, lines = parse_source(normalise(PAGE))
    source = PAGE.split("\n")
    assert [line.number for line in lines] == [n for n, text in enumerate(source, start=1) if text]
    assert all(source[line.number - 1] == line.text for line in lines)


def test_a_kicker_line():
    text = "浙江法治报\n\n第9001期\n\n全省调解工作会议提出\n湖畔镇廉政教育基地开馆\n\n本报记者 吕清溪\n\n本报讯 基地今天开馆。\n"
    assert roles(text)[2:4] == [("全省调解工作会议", "kicker", 1), ("湖畔镇廉政教育基", "title", 1)]


def test_the_records_are_those_of_parse_text():
    issue, _ = read_source(PAGE.encode())
    assert issue == parse_text(normalise(PAGE))
