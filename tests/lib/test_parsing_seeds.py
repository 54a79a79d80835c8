"""What the parser must read from the five seed pages, written by hand from the
printed text."""

import datetime

import pytest

from archive.lib.parsing import parse_bytes
from tests.paths import SEEDS_DIR


def parse(prefix):
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return parse_bytes(path.read_bytes())


def heads(issue):
    return [(a.kind, a.kicker, a.title, a.subtitle, a.deck) for a in issue.articles]


def credits(article):
    return [(b.name, b.role, b.credit) for b in article.bylines]


def test_000_school_safety_meeting_and_continuations():
    issue = parse("000")
    assert (issue.number, issue.date, issue.page_count, issue.date_source) == (None, None, None, "")
    assert heads(issue) == [
        ("news", "", "全省校园安全工作现场会暨校园安全协同共治体系建设推进会召开",
         "以高质量平安校园建设助推高水平平安浙江建设", "王成国讲话 杨青玖主持"),
        ("news", "王成国在湖州调研时强调", "筑牢安全发展底线 强化服务效能提升", "以政法工作现代化支撑服务高质量发展", ""),
        ("news", "", "杭州法院开展“执护营商一鲲鹏执行2024”年中行动", "执行到位3.61亿元", ""),
    ]
    first, second, third = issue.articles
    assert credits(first) == [("王乃召", "本报记者", "text"), ("王志浩", "本报记者", "text")]
    assert first.dateline == "7月11日下午" and first.date is None
    assert first.paragraphs[0].startswith("全省校园安全工作现场会暨校园安全协同共治体系建设推进会在嘉善召开。")
    assert "省委教育工委副书记、省教育厅党组书记、厅长陈春雷参加。" in first.paragraphs[0]
    assert first.paragraphs[1].endswith("坚决扛起维护校园安全稳定这一重大责任。")
    assert len(first.paragraphs) == 5
    assert first.paragraphs[-1].endswith("在主会场参加会议。")
    assert second.dateline == "7月10日至11日"
    assert second.continued_on_page == 2
    assert "王成国来到安吉县昌硕街道社会治理中心" in second.paragraphs[1]
    assert "“执法司法的实质贵在修复社会关系”的理念" in second.paragraphs[3]
    assert second.paragraphs[-1].endswith("切实保障道路交通安全。")
    assert third.captions == ["桐庐法院执行干警整装待发(右)", "余杭法院执行干警搜查车库时发现多箱白酒(下)"]
    assert credits(third) == [("高敏", "本报记者", "text"), ("蓝昕宇", "见习记者", "text"), ("钟法", "通讯员", "text")]
    assert third.dateline == "" and third.continued_on_page == 2
    assert third.paragraphs[0].startswith("当睡眼惺忪的被执行人潘某打开门")


def test_001_dateline_without_lead_photo_and_inline_continuation():
    issue = parse("001")
    assert heads(issue) == [
        ("news", "王浩在全省建设更高水平平安浙江工作会议上强调", "以走在前作示范的自觉建设更高水平平安浙江",
         "为高质量发展建设共同富裕示范区提供强大安全保障", "刘捷主持 王成出席"),
        ("photo", "", "千亩水杉换新绿 生态乡村景如画", "", ""),
        ("news", "", "我省县乡两级综治中心", "实现群众矛盾纠纷化解“最多跑一地”", ""),
        ("news", "", "让年轻人参与社区治理", "东白马湖有妙招!", ""),
    ]
    meeting, photo, centres, youth = issue.articles
    assert credits(meeting) == [("余勤", "浙江日报记者", "text"), ("陆乐", "浙江日报记者", "text")]
    assert meeting.dateline == "11日下午"
    assert "与会省领导为“平安鼎”" in meeting.paragraphs[1]
    assert "在守正创新中不断夯实基层基础" in meeting.paragraphs[2]
    assert credits(photo) == [("陈海伟", "通讯员", "photo")]
    assert photo.dateline == "4月13日" and len(photo.paragraphs) == 1
    assert centres.dateline == "" and centres.paragraphs[0].startswith("2024年,我省聚力")
    assert "受理的信访及矛盾纠纷案件总量高达52.72万件。" in centres.paragraphs[0]
    assert "“常驻+轮驻+随驻”" in centres.paragraphs[2]
    assert centres.continued_on_page == 2
    assert youth.continued_on_page == 2
    assert len(youth.paragraphs) == 2
    assert youth.paragraphs[0].endswith("年投入百万的公共服务却换来青年参与率不足12%的尴尬局面……")
    assert youth.paragraphs[-1].endswith("成为社区治理的中流砥柱。")


def test_002_masthead_number_photo_without_role_and_advertisement():
    issue = parse("002")
    assert (issue.number, issue.page_count, issue.date) == (7132, 8, None)
    assert [a.kind for a in issue.articles] == ["news", "photo", "news", "advertisement"]
    meeting, photo, procuratorate, advert = issue.articles
    assert meeting.deck == "王成国讲话 杨青玖主持"
    assert meeting.dateline == "11月26日下午"
    assert "重复报警同比下降30.5%。" in meeting.paragraphs[1]
    assert "不断提升警源治理和非警务事项协同处置能力水平。" in meeting.paragraphs[4]
    assert photo.title == "人机合奏《梁祝》"
    assert credits(photo) == [("董旭明", "", "photo"), ("倪雁强", "", "photo"), ("孟欣", "", "photo")]
    assert credits(procuratorate) == [("许梅", "本报首席记者", "text"), ("阮家骅", "通讯员", "text")]
    assert procuratorate.dateline == ""
    assert procuratorate.paragraphs[0].startswith("安全生产,事事关乎民生。")
    assert "存在严重安全隐患,由此引发的安全事故也频频发生。" in procuratorate.paragraphs[2]
    assert "积极与检察机关沟通,依法纠正" in procuratorate.paragraphs[3]
    assert advert.title == "中国银行" and "VISA" in advert.paragraphs


def test_003_masthead_date_from_weekday_and_lunar_date():
    issue = parse("003")
    assert (issue.publication, issue.number, issue.page_count) == ("浙江法治报", 7047, 8)
    assert issue.date == datetime.date(2024, 7, 25) and issue.date_source == "masthead"
    assert heads(issue) == [
        ("news", "", "沪苏浙皖深入推进警务一体化高质量发展", "", ""),
        ("news", "省平安办主任会议要求", "高效统筹谋划 靠前协调督导", "在建设更高水平平安中国示范区中发挥更大作用", ""),
        ("photo", "", "进港避“格美”", "", ""),
        ("teaser", "", "跨境网购,也能“七天无理由退货”吗?", "杭州互联网法院发布指引,给出答案", ""),
        ("teaser", "", "5岁男童被标“已婚”,不能只当笑话看", "", ""),
    ]
    police, office, photo = issue.articles[:3]
    assert credits(police) == [("谢佳", "通讯员", "text")]
    assert (police.dateline, police.date) == ("7月24日", datetime.date(2024, 7, 24))
    assert "“常见交通违法行为一窗通办”等10个项目" in police.paragraphs[1]
    assert police.paragraphs[3].startswith("会议强调,四地公安机关要将长三角区域警务一体化放在全国")
    assert "以“人”为核心完善加强打防管控建各项举措" in police.paragraphs[3]
    assert len(police.paragraphs) == 4
    assert (office.dateline, office.date) == ("7月24日下午", datetime.date(2024, 7, 24))
    assert office.paragraphs[-1] == "省平安办有关成员单位负责同志参加会议。"
    assert credits(photo) == [("吴达夫", "通讯员", "photo")]


def test_004_interview_column_photo_story_and_interns():
    issue = parse("004")
    assert [a.kind for a in issue.articles] == ["interview", "photo", "news", "news", "news"]
    interview, hero, ranking, party_day, ip = issue.articles
    assert interview.title == "建设更高水平的平安金华 打造平安浙江示范区"
    assert interview.subtitle == "——访金华市委副秘书长、政法委常务副书记、平安办主任申瑞龙"
    assert interview.column == "平安浙江15周年 / 平安办主任谈平安"
    assert credits(interview) == [("陈盼", "通讯员", "text"), ("萧江", "通讯员", "text")]
    assert "开展劳动密集型企业、“多合一”场所" in interview.paragraphs[4]
    assert hero.title == "英雄,走好!" and hero.dateline == "7月8日"
    assert credits(hero) == [("陈立波", "本报记者", "text"), ("婷玮", "通讯员", "text")]
    assert ranking.subtitle == "如何提升新媒体法治宣传效果,平安浙江(鄞州)新媒体培训活动同期举行"
    assert "浙江法制报等省内外10多家媒体的记者" in ranking.paragraphs[1]
    assert "如何打造高质量微信?现场" in ranking.paragraphs[2]
    assert credits(party_day) == [("胡太顺", "通讯员", "text"), ("胡宗昊", "实习生", "text")]
    assert party_day.dateline == "7月8日下午"
    assert "这一伟大的“浙西南革命精神”,已经深深融入" in party_day.paragraphs[3]
    assert credits(ip) == [("沈羽石", "通讯员", "text"), ("田舍郎", "通讯员", "text")]
    assert ip.paragraphs[-1].endswith("嘉兴市中院院长姚海涛表示。")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_positions_are_reading_order(prefix):
    issue = parse(prefix)
    assert [a.position for a in issue.articles] == list(range(1, len(issue.articles) + 1))
    assert all(a.page == 1 for a in issue.articles)
