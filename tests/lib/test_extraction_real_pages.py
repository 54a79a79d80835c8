"""Organisations and events the way real pages print them: units named after
their locality, police named collectively, papers named in a lead, positions
that only look like bodies; visits, races, inspections and campaigns as
reported, not as planned. Made-up text."""

import pytest

from archive.lib.extraction import extract
from archive.lib.parsing.records import Article, Byline


def article(*paragraphs, **fields):
    return Article(position=1, title=fields.pop("title", "某条新闻"), paragraphs=list(paragraphs), **fields)


def organisations(*paragraphs, **fields):
    return {o.name: o for o in extract(article(*paragraphs, **fields)).organisations}


def events(*paragraphs, **fields):
    return [e.name for e in extract(article(*paragraphs, **fields)).events]


@pytest.mark.parametrize(
    "text, name",
    [
        ("近日凌晨,柳溪派出所的民警接到报警。", "柳溪派出所"),
        ("当事人来到北港村警务室求助。", "北港村警务室"),
        ("案件由石门法庭审理。", "石门法庭"),
    ],
)
def test_units_named_after_their_locality(text, name):
    assert name in organisations(text)


@pytest.mark.parametrize(
    "text",
    ["辖区派出所民警赶到现场。", "当地法庭及时受理。", "民警建立起网上流动警务室。", "他们以新方式接手巡回法庭。"],
)
def test_where_or_what_before_a_unit_is_no_name(text):
    assert organisations(text) == {}


def test_police_named_collectively_after_a_place():
    found = organisations("杭州警方昨天通报了案情,湖州交警也发布了提醒。")
    assert found["杭州警方"].canonical == "杭州市公安局" and "湖州交警" in found


def test_police_words_in_a_longer_word_are_not_collective_names():
    assert organisations("杭州公安机关和湖州交警部门联合执法。") == {}


@pytest.mark.parametrize("text", ["省、市人大代表应邀出席。", "市政协委员提出建议。", "市、区两级公安局联动。"])
def test_bodies_fused_into_a_position_or_a_class_are_not_bodies(text):
    assert organisations(text) == {}


def test_a_committee_fused_into_a_standing_committee_title_is_no_mention():
    found = organisations("会上,湖南省委常委、宣传部部长李明远作动员讲话。")
    assert "湖南省委" not in found and found["宣传部"].canonical == "湖南省委宣传部"
    assert found["宣传部"].parent == "湖南省委"


def test_a_committee_and_government_printed_as_one_name_are_one_mention_of_both():
    found = extract(article("全县上下按照县委县政府的统一部署,在淳安县开展整治。")).organisations
    assert [(o.name, o.canonical) for o in found if o.name != "淳安县"] == [
        ("县委县政府", "淳安县委"),
        ("县委县政府", "淳安县政府"),
    ]
    assert organisations("按照省委、省政府的部署。").keys() == {"省委", "省政府"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("昨天,江苏太仓市公安局城东派出所接到报警。", "江苏太仓市公安局城东派出所"),
        ("怀宁县公安局巡警大队组建了步行巡逻队。", "怀宁县公安局巡警大队"),
        ("当天,南岗区人民法院公开宣判了一起案件。", "南岗区人民法院"),
    ],
)
def test_places_of_other_provinces_anchor_a_name(text, name):
    assert name in organisations(text)


def test_everyday_words_the_dictionary_tags_as_places_anchor_nothing():
    assert organisations("周边城市公安局长来访。沿海地区法院也派员参加。") == {}
    assert organisations("推进长三角区域警务一体化领导小组工作。") == {}


@pytest.mark.parametrize(
    "text, name, parent",
    [
        ("某某县公安局110指挥中心接到报警。", "", ""),
        ("长兴县公安局110指挥中心接到报警。", "长兴县公安局110指挥中心", "长兴县公安局"),
        ("市民可以到湖州市检察院12309检察服务中心办理。", "湖州市检察院12309检察服务中心", "湖州市检察院"),
    ],
)
def test_a_hotline_number_inside_a_name(text, name, parent):
    found = organisations(text)
    if name:
        assert found[name].parent == parent
    else:
        assert not any(char.isdigit() for found_name in found for char in found_name)


def test_a_number_that_counts_or_dates_is_no_part_of_a_name():
    assert set(organisations("长兴县公安局2024年度考核领导小组成立,湖州市检察院120名干警参加。")) == {
        "长兴县公安局", "湖州市检察院",
    }


def test_a_city_abbreviated_before_a_district_is_the_districts_city():
    found = organisations("日前,市公安局越城区分局北港派出所组建了巡逻队。")
    assert found["市公安局越城区分局北港派出所"].canonical == "绍兴市公安局越城区分局北港派出所"


def test_national_papers_are_known_by_name():
    assert organisations("义乌警方与人民公安报一起发起活动。")["人民公安报"].kind == "media"


def test_a_body_of_another_kind_after_a_court_is_no_unit_of_it():
    assert set(organisations("当天,石桥法庭石桥街道办事处内的调解室启用。")) == {"石桥法庭"}
    assert organisations("青山派出所青湾警务室民警赶到。")["青山派出所青湾警务室"].parent == "青山派出所"


def test_a_village_party_branch_is_named_after_its_village():
    assert "溪头村党支部" in organisations("“今年人多。”溪头村党支部书记王大林介绍。")
    assert organisations("该村党支部组织党员巡逻,各村党支部落实责任。") == {}


def test_a_name_in_quotation_marks_is_not_a_body():
    assert organisations("打开小程序“某某微法庭”即可立案。") == {}


def test_a_paper_named_by_its_brand_and_in_a_lead():
    assert "钱塘晚报" in organisations("钱塘晚报记者从交警部门了解到,情况属实。")
    assert "某某快报" in organisations("会议召开。", dateline="某某快报讯 昨天上午")


def test_a_city_named_only_later_resolves_the_abbreviation():
    found = organisations("市公安局局长主持会议。会议要求建设更高水平的平安嘉兴。")
    assert found["市公安局"].canonical == "嘉兴市公安局"


@pytest.mark.parametrize(
    "text, name",
    [
        ("昨日,某某国际马拉松开跑,吸引了上万名跑者。", "某某国际马拉松"),
        ("全市2023年度安全生产考核抽查已完成。", "全市2023年度安全生产考核抽查"),
        ("社区在广场开展法治主题宣传展,吸引了居民。", "法治主题宣传展"),
        ("警方组织开展了为期3个月的夏季治安会战。", "夏季治安会战"),
        ("法院举行以“公正,为民”为主题的网上开放日活动。", "网上开放日活动"),
    ],
)
def test_events_as_reported(text, name):
    assert name in events(text)


def test_an_event_only_planned_is_not_reported():
    assert events("学校表示将组织安全专题教育活动。") == []


def test_a_visit_is_named_by_who_went_where():
    found = events("张立新在某市调研时强调,要抓好平安建设。", title="张立新在某市调研时强调")
    assert found == ["张立新在某市调研"]


def test_an_article_by_the_papers_own_reporters_names_the_masthead_outlets():
    outlets = ["浙江法治报", "某某平安网"]
    own = article("民警在街头巡查。", bylines=[Byline("张明远", "本报记者"), Byline("李青", "通讯员")])
    found = [(o.name, o.canonical, o.kind, o.start) for o in extract(own, outlets=outlets).organisations]
    assert found == [("浙江法治报", "浙江法治报", "media", None), ("某某平安网", "某某平安网", "media", None)]
    reprinted = article("民警在街头巡查。", bylines=[Byline("张明远", "记者")])
    assert extract(reprinted, outlets=outlets).organisations == []
