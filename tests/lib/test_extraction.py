"""Entity extraction on snippets of the seed front pages and short texts."""

import datetime

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.lib.extraction import extract, lexicon_words
from archive.lib.extraction.organisations import canonical_name, find_organisations
from archive.lib.parsing.records import ADVERTISEMENT, CREDIT_PHOTO, CREDIT_TEXT, Article, Byline, article_text

ISSUE = datetime.date(2024, 7, 12)


def article(*paragraphs, **fields):
    return Article(position=1, paragraphs=list(paragraphs), **fields)


def persons(extraction, name=None):
    return [p for p in extraction.persons if name is None or p.name == name]


def names(extraction):
    return [p.name for p in extraction.persons]


def org(extraction, name):
    found = [o for o in extraction.organisations if o.name == name]
    assert found, f"{name} not among {[o.name for o in extraction.organisations]}"
    return found[0]


def event(extraction, name):
    found = [e for e in extraction.events if e.name == name]
    assert found, f"{name} not among {[e.name for e in extraction.events]}"
    return found[0]


SCHOOL_SAFETY = article(
    "全省校园安全工作现场会暨校园安全协同共治体系建设推进会在嘉善召开。会议强调,要深入学习贯彻习近平总书记"
    "关于校园安全工作的重要指示精神,以高质量平安校园建设助推高水平平安浙江建设。省委常委、政法委书记王成国"
    "出席会议并讲话,副省长、公安厅厅长杨青玖主持,省委教育工委副书记、省教育厅党组书记、厅长陈春雷参加。",
    "会上,杭州市教育局、嘉兴市公安局、嘉善县委、绍兴市公安局越城区分局、义乌市国际商贸学校等5家单位作交流汇报,"
    "宁波市委政法委、台州市消防救援支队2家单位作书面交流。会前,与会人员实地考察了嘉善县4个观摩点。",
    "会议以视频形式开至设区市。省委社工部、省委政法委、省委网信办、省公安厅、省卫健委、省消防救援总队、团省委、"
    "省妇联等单位有关负责同志;各设区市委政法委书记,副市长、公安局局长,教育局、消防救援支队主要负责同志在主会场参加会议。",
    title="全省校园安全工作现场会暨校园安全协同共治体系建设推进会召开",
    subtitle="以高质量平安校园建设助推高水平平安浙江建设",
    deck="王成国讲话 杨青玖主持",
    bylines=[Byline("王乃召", "本报记者"), Byline("王志浩", "本报记者")],
    dateline="7月11日下午",
)

PEACE_MEETING = article(
    "全省建设更高水平平安浙江工作会议在杭州召开。省委书记、省委建设平安浙江领导小组组长王浩出席会议并讲话。",
    "省长、省委建设平安浙江领导小组副组长刘捷主持会议,省委副书记王成出席。会议以视频会议形式开至各设区市。"
    "彭佳学、徐文光、邱启文、王成国、赵承、孙文举、赵光君、杨青玖、张振丰、王昌荣、李占国、林贻影、安大钧在省主会场参加。",
    "王浩指出,今年是“十四五”规划收官之年。刘捷在主持时强调,要强化使命担当。",
    kicker="王浩在全省建设更高水平平安浙江工作会议上强调",
    title="以走在前作示范的自觉建设更高水平平安浙江",
    deck="刘捷主持 王成出席",
    bylines=[Byline("余勤", "浙江日报记者"), Byline("陆乐", "浙江日报记者")],
    dateline="11日下午",
)


# -- people -------------------------------------------------------------------


def test_bylines_are_persons_without_offsets():
    extraction = extract(SCHOOL_SAFETY, ISSUE)
    credited = [p for p in extraction.persons if p.credit]
    assert [(p.name, p.role, p.credit, p.start) for p in credited] == [
        ("王乃召", "本报记者", CREDIT_TEXT, None),
        ("王志浩", "本报记者", CREDIT_TEXT, None),
    ]


def test_photo_credits_in_captions():
    photo = article(captions=["通讯员 陈海伟 摄", "董旭明 倪雁强 孟欣 摄"], title="千亩水杉换新绿")
    found = extract(photo).persons
    assert [(p.name, p.role, p.credit) for p in found] == [
        ("陈海伟", "通讯员", CREDIT_PHOTO),
        ("董旭明", "", CREDIT_PHOTO),
        ("倪雁强", "", CREDIT_PHOTO),
        ("孟欣", "", CREDIT_PHOTO),
    ]
    text = article_text(photo)
    assert all(text[p.start:p.end] == p.name for p in found)


def test_credits_inside_running_text():
    found = extract(article("本报记者王行增王君超", "孩子们在新年联欢会上表演节目。（新华社记者兰红光摄）")).persons
    assert [(p.name, p.credit) for p in found] == [("王行增", CREDIT_TEXT), ("王君超", CREDIT_TEXT), ("兰红光", CREDIT_PHOTO)]


def test_titles_and_their_organisations():
    extraction = extract(SCHOOL_SAFETY, ISSUE)
    wang = [p for p in persons(extraction, "王成国") if p.titles][0]
    assert wang.titles == "省委常委、政法委书记"
    assert wang.organisation == "浙江省委政法委"
    assert wang.role == "讲话"
    text = article_text(SCHOOL_SAFETY)
    assert text[wang.start:wang.end] == "王成国"
    yang = [p for p in persons(extraction, "杨青玖") if p.titles][0]
    assert (yang.titles, yang.organisation, yang.role) == ("副省长、公安厅厅长", "浙江省公安厅", "主持")
    chen = persons(extraction, "陈春雷")[0]
    assert chen.titles == "省委教育工委副书记、省教育厅党组书记、厅长"
    assert chen.organisation == "浙江省教育厅"
    assert chen.role == "参加"


@pytest.mark.parametrize(
    "text, name, titles, organisation, role",
    [
        ("省检察院党组成员、副检察长过孟超介绍,专项行动开展以来,全省检察机关共立案办理公益诉讼案件420件。",
         "过孟超", "省检察院党组成员、副检察长", "浙江省检察院", "介绍"),
        ("丽水市委书记胡海峰,省委政法委政治部主任朱巧湘,丽水市委副书记、政法委书记李锋等,与丽水市800多名党员政法干警代表参加主题党日活动。",
         "李锋", "丽水市委副书记、政法委书记", "丽水市委政法委", "参加"),
        ("“我们将加强与长三角地区法院的共建共享和业务协同。”嘉兴市中院院长姚海涛表示。",
         "姚海涛", "嘉兴市中院院长", "嘉兴市中院", "表示"),
        ("近日,金华市委副秘书长、政法委常务副书记、平安办主任申瑞龙在接受本报记者采访时这样说道。",
         "申瑞龙", "金华市委副秘书长、政法委常务副书记、平安办主任", "金华市平安办", "说"),
        ("省委政法委常务副书记、省平安办主任卫中强主持会议并讲话。",
         "卫中强", "省委政法委常务副书记、省平安办主任", "浙江省平安办", "讲话"),
    ],
)
def test_names_after_titles(text, name, titles, organisation, role):
    found = persons(extract(article(text)), name)
    assert found, names(extract(article(text)))
    assert (found[0].titles, found[0].organisation, found[0].role) == (titles, organisation, role)


def test_name_ends_where_the_verb_begins():
    extraction = extract(PEACE_MEETING, ISSUE)
    # 王成 and 王成国 are different people on the same page.
    assert {p.name for p in extraction.persons} >= {"王成", "王成国"}
    wang_cheng = persons(extraction, "王成")
    assert all(article_text(PEACE_MEETING)[p.start:p.end + 1] != "王成国" for p in wang_cheng)


def test_decks_and_kickers():
    extraction = extract(PEACE_MEETING, ISSUE)
    headline = [p for p in extraction.persons if p.start is not None and p.start < len(PEACE_MEETING.kicker) + len(PEACE_MEETING.title) + len(PEACE_MEETING.deck) + 3]
    assert [(p.name, p.role) for p in headline] == [("王浩", "强调"), ("刘捷", "主持"), ("王成", "出席")]
    school = extract(SCHOOL_SAFETY, ISSUE)
    deck = [p for p in school.persons if p.start is not None and p.start < 80]
    assert [(p.name, p.role) for p in deck] == [("王成国", "讲话"), ("杨青玖", "主持")]


def test_a_list_of_names_shares_its_verb():
    extraction = extract(PEACE_MEETING, ISSUE)
    listed = ["彭佳学", "徐文光", "邱启文", "王成国", "赵承", "孙文举", "赵光君", "杨青玖", "张振丰", "王昌荣", "李占国", "林贻影", "安大钧"]
    found = [p for p in extraction.persons if p.name in listed]
    assert [p.name for p in found] == listed
    assert {p.role for p in found} == {"参加"}


def test_speakers_and_repeated_names():
    text = (
        "申瑞龙说,首先是扛责任强担当形成“大合力”。"
        "“金华也很重视抓基层打基础铺好‘奠基石’。”申瑞龙说,金华以“基层党建+社会治理”创新为主抓手。"
        "在申瑞龙看来,金华在平安建设工作中还非常注重讲法治强效率。"
    )
    found = extract(article(text)).persons
    assert [(p.name, p.role) for p in found] == [("申瑞龙", "说"), ("申瑞龙", "说"), ("申瑞龙", "")]
    assert all(text[p.start:p.end] == "申瑞龙" for p in found)


def test_kicker_name_repeated_in_the_body():
    found = extract(article(
        "7月10日至11日,省委常委、政法委书记王成国在湖州安吉县、长兴县、南浔区等地调研。",
        "王成国来到安吉县昌硕街道社会治理中心。王成国强调,要始终从老百姓的视角思考问题。",
        kicker="王成国在湖州调研时强调",
    )).persons
    assert [p.name for p in found] == ["王成国"] * 4
    assert found[0].role == "强调" and found[-1].role == "强调"


@pytest.mark.parametrize(
    "text",
    [
        "当睡眼惺忪的被执行人潘某打开门,看见穿着法院制服的执行干警,大吃一惊。",
        "不久前,李女士因小区道路施工导致房屋外墙开裂而来到综治中心求助。李女士对此赞不绝口。",
        "张先生说,过去需要跑七八个部门才能解决的问题。",
        "被告人王某某表示认罪认罚。",
    ],
)
def test_anonymised_people_are_not_persons(text):
    assert names(extract(article(text))) == []


def test_words_jieba_tags_as_names_are_not_persons():
    extraction = extract(article(
        "全省校园安全工作现场会在嘉善召开。要以高质量平安校园建设助推高水平平安浙江建设。",
        "安吉县综治中心整合了纪委监委、政法委、信访局、法院等18个部门的力量。",
    ))
    assert names(extraction) == []


def test_a_titled_name_is_found_although_jieba_splits_it():
    # jieba cuts 陈春雷 as 陈/春雷.
    assert names(extract(article("厅长陈春雷参加。"))) == ["陈春雷"]


def test_a_title_after_a_name():
    found = extract(article("要深入学习贯彻习近平总书记关于校园安全工作的重要指示精神。")).persons
    assert [(p.name, p.title_after, p.role) for p in found] == [("习近平", "总书记", "")]
    # 有关负责同志: jieba does not cut a name there.
    assert names(extract(article("省公安厅有关负责同志在主会场参加会议。"))) == []


def test_the_verbs_after_an_object_are_not_its_role():
    found = extract(article("深学细悟习近平总书记关于平安建设重要论述和考察浙江重要讲话精神。")).persons
    assert [(p.name, p.role) for p in found] == [("习近平", "")]


def test_a_full_name_opening_a_sentence_as_its_subject():
    text = "这里的青年人群占比高达66%。吕晓飞曾经是一位被生活琐事缠身的二胎宝妈,如今已华丽转身。"
    assert names(extract(article(text))) == ["吕晓飞"]
    assert names(extract(article("高峰曾经是这里的常态。"))) == []  # 高峰 is a word


def test_a_name_the_lexicon_taught_the_tokenizer_is_still_a_name():
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.add_word("杨青玖", 10**9)
    tokenizer.user_word_tag_tab["杨青玖"] = "nr"
    found = extract(article("副省长、公安厅厅长杨青玖主持会议。"), tokenizer=tokenizer)
    assert names(found) == ["杨青玖"]


def test_advertisements_have_no_signatures():
    ad = article("中国银行", "BANK OF CHINA", "万事达", kind=ADVERTISEMENT)
    assert names(extract(ad)) == []


# -- organisations ------------------------------------------------------------

SEED_ORGANISATIONS = [
    "杭州市教育局", "嘉兴市公安局", "嘉善县委", "绍兴市公安局越城区分局", "义乌市国际商贸学校", "宁波市委政法委",
    "台州市消防救援支队", "省委社工部", "省委政法委", "省委网信办", "省公安厅", "省卫健委", "省消防救援总队", "团省委",
    "省妇联",
]


def test_organisations_of_the_school_safety_lead():
    extraction = extract(SCHOOL_SAFETY, ISSUE)
    for name in SEED_ORGANISATIONS:
        found = org(extraction, name)
        assert article_text(SCHOOL_SAFETY)[found.start:found.end] == name


@pytest.mark.parametrize(
    "text, name",
    [
        ("11月26日,省检察院、省安委办联合举办新闻发布会。", "省检察院"),
        ("11月26日,省检察院、省安委办联合举办新闻发布会。", "省安委办"),
        ("平湖市检察院通过制发检察建议、提起诉讼等方式督促整改。", "平湖市检察院"),
        ("嘉兴市秀洲区检察院从办理的刑事案件中发现问题线索。", "嘉兴市秀洲区检察院"),
        ("跨境网购,杭州互联网法院发布指引。", "杭州互联网法院"),
        ("中国银行\nBANK OF CHINA", "中国银行"),
        ("浙江音乐学院的小提琴手与浙江大学研发的机器人乐队合奏。", "浙江音乐学院"),
        ("浙江音乐学院的小提琴手与浙江大学研发的机器人乐队合奏。", "浙江大学"),
        ("来自新华社、中新社、浙江日报、浙江法制报等媒体的记者。", "新华社"),
        ("来自新华社、中新社、浙江日报、浙江法制报等媒体的记者。", "中新社"),
        ("来自新华社、中新社、浙江日报、浙江法制报等媒体的记者。", "浙江日报"),
        ("本次活动由浙江省新闻工作者协会、浙江法制报社主办。", "浙江省新闻工作者协会"),
        ("嘉兴市中院从全市挑选了5名员额法官。", "嘉兴市中院"),
        ("温州市公安局瓯海分局、嵊州市公安局、永康市委社会工作部等5家单位作交流发言。", "温州市公安局瓯海分局"),
        ("温州市公安局瓯海分局、嵊州市公安局、永康市委社会工作部等5家单位作交流发言。", "嵊州市公安局"),
        ("温州市公安局瓯海分局、嵊州市公安局、永康市委社会工作部等5家单位作交流发言。", "永康市委社会工作部"),
        ("泗水长流,法治久安。长兴县泗安人民法庭是首批全省“枫桥式人民法庭”。", "长兴县泗安人民法庭"),
        ("湖州市毒情监测预警中心是全省首创警企共建市域毒情监测预警机构。", "湖州市毒情监测预警中心"),
    ],
)
def test_organisations_named_in_seed_articles(text, name):
    found = org(extract(article(*text.split("\n"))), name)
    assert found.end - found.start == len(name)


@pytest.mark.parametrize(
    "name, canonical, kind, parent",
    [
        ("省公安厅", "浙江省公安厅", "police", ""),
        ("省委政法委", "浙江省委政法委", "party", "浙江省委"),
        ("团省委", "共青团浙江省委", "association", ""),
        ("绍兴市公安局越城区分局", "绍兴市公安局越城区分局", "police", "绍兴市公安局"),
        ("台州市消防救援支队", "台州市消防救援支队", "fire", ""),
        ("义乌市国际商贸学校", "义乌市国际商贸学校", "school", ""),
        ("嘉善县委", "嘉善县委", "party", ""),
        ("宁波市委政法委", "宁波市委政法委", "party", "宁波市委"),
        ("省卫健委", "浙江省卫健委", "government", ""),
    ],
)
def test_canonical_names_kinds_and_parents(name, canonical, kind, parent):
    found = org(extract(SCHOOL_SAFETY, ISSUE), name)
    assert (found.canonical, found.kind, found.parent) == (canonical, kind, parent)


def test_kinds_of_other_bodies():
    found = {o.name: o.kind for o in find_organisations(
        "省检察院、嘉兴市中院、浙江日报、中国银行、浙江省新闻工作者协会、湖州市毒情监测预警中心、公安部治安管理局"
    )}
    assert found == {
        "省检察院": "procuratorate", "嘉兴市中院": "court", "浙江日报": "media", "中国银行": "company",
        "浙江省新闻工作者协会": "association", "湖州市毒情监测预警中心": "other", "公安部治安管理局": "police",
    }


def test_aliases_hold_other_forms_of_the_same_body():
    found = org(extract(article("嘉兴市中院知识产权审判庭庭长徐瑾说。", "浙江省检察院和省检察院是同一个机关。")), "省检察院")
    assert found.canonical == "浙江省检察院"
    assert "浙江省检察院" in found.aliases and "浙江省人民检察院" in found.aliases
    court = org(extract(article("嘉兴市中院从全市挑选了5名员额法官。")), "嘉兴市中院")
    assert court.aliases == ("嘉兴市中级人民法院",)


def test_a_city_abbreviation_is_read_against_the_city_named_before():
    found = extract(article("在杭州市余杭区,针对金融借款合同纠纷频发的痛点,区综治中心加强专业解纷力量建设。"))
    assert org(found, "区综治中心").canonical == "余杭区综治中心"
    assert canonical_name("市公安局") == ""  # no city named before: dropped, not guessed
    assert [o.name for o in extract(article("市公安局加大管理力度。")).organisations] == []


@pytest.mark.parametrize(
    "text",
    [
        "各地各有关部门要充分认识维护校园安全稳定的重要性。",
        "全省非警务事项协同处置工作创新推进以来,各级党委政府高度重视。",
        "杭州、绍兴等地检察机关推动相关部门投入6500余万元。",
        "加强公安机关业务指导,各政法单位要深学笃行。",
        "各设区市市委社会工作部、市委政法委、市信访局、市公安局有关负责同志参加会议。",
        "四地公安机关要以主力军姿态,全面提升防风险能力,服务国家战略大局。",
    ],
)
def test_generic_nouns_are_not_organisations(text):
    assert [o.name for o in extract(article(text)).organisations] == []


def test_bodies_named_in_titles_are_organisations():
    extraction = extract(article("金华市委副秘书长、政法委常务副书记、平安办主任申瑞龙在接受本报记者采访时这样说道。"))
    assert [(o.name, o.canonical, o.parent) for o in extraction.organisations] == [
        ("金华市委", "金华市委", ""), ("政法委", "金华市委政法委", "金华市委"), ("平安办", "金华市平安办", ""),
    ]
    text = article_text(article("金华市委副秘书长、政法委常务副书记、平安办主任申瑞龙在接受本报记者采访时这样说道。"))
    assert all(text[o.start:o.end] == o.name for o in extraction.organisations)


def test_the_paper_of_a_byline_is_an_organisation_without_offsets():
    found = extract(article("会议在杭州召开。", bylines=[Byline("余勤", "浙江日报记者"), Byline("王乃召", "本报记者")]))
    assert [(o.name, o.kind, o.start) for o in found.organisations] == [("浙江日报", "media", None)]


def test_a_committee_after_a_verb():
    found = extract(article("认真贯彻落实省委常委会(扩大)会议精神。")).organisations
    assert [(o.name, o.canonical) for o in found] == [("省委常委会", "浙江省委常委会")]
    generic = extract(article("各设区市市委社会工作部、市委政法委有关负责同志参加会议。")).organisations
    assert generic == []


def test_a_title_after_a_unit_is_not_part_of_it():
    found = extract(article("新疆电力工业局局长刘应宽大年三十仍在一线。")).organisations
    assert [o.name for o in found] == ["新疆电力工业局"]


# -- events -------------------------------------------------------------------


def test_event_from_headline_and_lead():
    found = extract(SCHOOL_SAFETY, ISSUE).events
    assert len(found) == 1
    meeting = found[0]
    assert meeting.name == "全省校园安全工作现场会暨校园安全协同共治体系建设推进会"
    assert meeting.kind == "meeting"
    assert (meeting.date_text, meeting.start_date, meeting.end_date) == ("7月11日下午", datetime.date(2024, 7, 11), datetime.date(2024, 7, 11))
    assert meeting.place == "嘉善"
    assert [(p.name, p.role) for p in meeting.participants] == [
        ("王成国", "讲话"), ("杨青玖", "主持"), ("王成国", "出席"), ("陈春雷", "参加"),
    ]


def test_event_named_in_a_kicker():
    meeting = event(extract(PEACE_MEETING, datetime.date(2025, 7, 12)), "全省建设更高水平平安浙江工作会议")
    assert meeting.place == "杭州"
    assert meeting.start_date == datetime.date(2025, 7, 11)
    roles = {(p.name, p.role) for p in meeting.participants}
    assert {("王浩", "讲话"), ("刘捷", "主持"), ("王成", "出席"), ("安大钧", "参加"), ("彭佳学", "参加")} <= roles


@pytest.mark.parametrize(
    "fields, issue, name, kind, date_text, start, end, place",
    [
        (dict(paragraphs=["全省警源治理暨非警务事项协同处置工作推进会在杭州市萧山区召开。"], dateline="11月26日下午"),
         datetime.date(2024, 11, 27), "全省警源治理暨非警务事项协同处置工作推进会", "meeting", "11月26日下午",
         datetime.date(2024, 11, 26), datetime.date(2024, 11, 26), "杭州市萧山区"),
        (dict(paragraphs=["2024年长三角区域警务一体化领导小组会议在浙江温州召开。"], dateline="7月24日"),
         datetime.date(2024, 7, 25), "2024年长三角区域警务一体化领导小组会议", "meeting", "7月24日",
         datetime.date(2024, 7, 24), datetime.date(2024, 7, 24), "浙江温州"),
        (dict(paragraphs=["牺牲消防员周锦勇遗体告别仪式在温州市殡仪馆举行。获救的人来了。"], dateline="7月8日"),
         datetime.date(2019, 7, 9), "周锦勇遗体告别仪式", "ceremony", "7月8日",
         datetime.date(2019, 7, 8), datetime.date(2019, 7, 8), "温州市殡仪馆"),
        (dict(paragraphs=["为进一步加强浙江省政法系统新媒体宣传工作,7月9日至11日,浙江政法微信排行榜200期十强颁奖暨"
                          "平安浙江(鄞州)新媒体培训活动将在宁波鄞州举行。"]),
         datetime.date(2019, 7, 8), "浙江政法微信排行榜200期十强颁奖暨平安浙江(鄞州)新媒体培训活动", "activity",
         "7月9日至11日", datetime.date(2019, 7, 9), datetime.date(2019, 7, 11), "宁波鄞州"),
        (dict(paragraphs=["安全生产,事事关乎民生。11月26日,省检察院、省安委办联合举办“公益诉讼守护群众身边安全”新闻发布会。"]),
         datetime.date(2024, 11, 27), "公益诉讼守护群众身边安全新闻发布会", "press_conference", "11月26日",
         datetime.date(2024, 11, 26), datetime.date(2024, 11, 26), ""),
        (dict(paragraphs=["丽水市政法系统举办弘扬践行“浙西南革命精神”主题党日活动。"], dateline="7月8日下午"),
         datetime.date(2019, 7, 9), "弘扬践行“浙西南革命精神”主题党日活动", "activity", "7月8日下午",
         datetime.date(2019, 7, 8), datetime.date(2019, 7, 8), ""),
        (dict(paragraphs=["在第二届良渚论坛中外音乐家对话分论坛上,浙江音乐学院的小提琴手合奏一曲。"], dateline="11月26日"),
         datetime.date(2024, 11, 27), "第二届良渚论坛中外音乐家对话分论坛", "forum", "11月26日",
         datetime.date(2024, 11, 26), datetime.date(2024, 11, 26), ""),
    ],
)
def test_events_with_dates_and_places(fields, issue, name, kind, date_text, start, end, place):
    found = event(extract(Article(position=1, **fields), issue), name)
    assert (found.kind, found.date_text, found.start_date, found.end_date, found.place) == (kind, date_text, start, end, place)


def test_meeting_chaired_and_addressed_by_one_person():
    found = extract(article(
        "2024年度省委建设平安浙江领导小组办公室第二次主任会议召开,深入学习贯彻党的二十届三中全会精神。"
        "省委政法委常务副书记、省平安办主任卫中强主持会议并讲话。",
        dateline="7月24日下午",
    ), datetime.date(2024, 7, 25)).events
    assert [e.name for e in found] == ["2024年度省委建设平安浙江领导小组办公室第二次主任会议"]
    assert [(p.name, p.role) for p in found[0].participants] == [("卫中强", "主持"), ("卫中强", "讲话")]
    assert found[0].start_date == datetime.date(2024, 7, 24)


def test_campaign_named_in_headline_and_lead_is_one_event():
    found = extract(article(
        "7月11日凌晨5点起,杭州法院开展“执护营商一鲲鹏执行2024”年中集中执行专项行动,15家法院整装待发。",
        title="杭州法院开展“执护营商一鲲鹏执行2024”年中行动",
    ), ISSUE).events
    assert [(e.name, e.kind, e.start_date) for e in found] == [
        ("执护营商一鲲鹏执行2024年中集中执行专项行动", "campaign", datetime.date(2024, 7, 11)),
    ]


def test_press_conference_speaker_is_a_participant():
    found = extract(article(
        "11月26日,省检察院、省安委办联合举办“公益诉讼守护群众身边安全”新闻发布会。",
        "今年3月以来,省检察院联合省安委办部署开展“检察公益诉讼助力安全生产风险隐患排查整治专项行动”。",
        "省检察院党组成员、副检察长过孟超介绍,专项行动开展以来,全省检察机关共立案办理公益诉讼案件420件。",
    ), datetime.date(2024, 11, 27)).events
    conference = found[0]
    assert conference.name == "公益诉讼守护群众身边安全新闻发布会"
    assert [(p.name, p.role) for p in conference.participants] == [("过孟超", "介绍")]
    campaign = found[1]
    assert (campaign.name, campaign.kind, campaign.participants) == ("检察公益诉讼助力安全生产风险隐患排查整治专项行动", "campaign", [])


def test_a_list_of_held_events():
    found = extract(article(
        "开展好法院系统“案件零增长”活动、检察系统“法律监督行动年”活动、公安系统“基层干警严管厚爱工程”、"
        "党委政法委“能力素质提升年”活动,为规范司法权力运行提供保障。"
    )).events
    assert [e.name for e in found] == [
        "法院系统“案件零增长”活动", "检察系统“法律监督行动年”活动", "党委政法委“能力素质提升年”活动",
    ]


def test_a_campaign_pushed_forward():
    found = extract(article("纵深推进扫黑除恶专项斗争,做到集中攻坚、除恶务尽。")).events
    assert [(e.name, e.kind) for e in found] == [("扫黑除恶专项斗争", "campaign")]
    # "推进会", "在深入推进…座谈会上": names, not a verb before one.
    assert extract(article("贯彻落实习近平总书记在深入推进长三角一体化发展座谈会上重要讲话精神。")).events == []


def test_events_only_referred_to_are_left_out():
    text = "认真落实全国中小学幼儿园安全工作视频会议和平安浙江建设20周年大会精神,深化护校安园专项行动。"
    assert extract(article(text)).events == []


def test_without_an_issue_date_a_partial_date_stays_unresolved():
    found = extract(article("全省警源治理工作推进会在杭州召开。", dateline="11月26日下午")).events[0]
    assert (found.date_text, found.start_date) == ("11月26日下午", None)


# -- interface ----------------------------------------------------------------


def test_lexicon_words_keep_names_whole():
    extraction = extract(SCHOOL_SAFETY, ISSUE)
    words = lexicon_words(extraction)
    assert ("王成国", "nr") in words and ("陈春雷", "nr") in words
    assert ("省公安厅", "nt") in words and ("浙江省公安厅", "nt") in words
    assert len(words) == len({word for word, _ in words})


def test_a_tokenizer_can_be_passed_in():
    assert extract(SCHOOL_SAFETY, ISSUE, tokenizer=jieba.dt) == extract(SCHOOL_SAFETY, ISSUE)


# Characters of names, titles, units and punctuation, so that random text
# runs through every rule.
ALPHABET = "王李张陈某省市县区委公安局厅院书记长主任说表示讲话主持出席参加在召开举行会议论坛、,。“”()嘉兴杭州 1月日"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=4), st.text(alphabet=ALPHABET, max_size=20))
def test_offsets_always_spell_the_mention(paragraphs, title):
    random_article = article(*paragraphs, title=title)
    text = article_text(random_article)
    extraction = extract(random_article, ISSUE)
    for mention in [*extraction.persons, *extraction.organisations]:
        if mention.start is not None:
            assert text[mention.start:mention.end] == mention.name
    for found in extraction.events:
        assert 0 <= found.start < found.end <= len(text)
