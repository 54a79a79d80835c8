"""Chinese surnames: the one list the parser (credit lines, decks) and the
extractor (names in running text) both read."""

from __future__ import annotations

# Common surnames: the single-character ones cover well over 95% of the
# population; the double ones are rare but unmistakable. 和, 国 and 时 are
# surnames too, but far more often the word after a title ("总理向全国",
# "领导和依靠", "代表时强调"), so they are left out.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷"
    "侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂"
    "章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁"
    "冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺"
    "楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄平计索宣晋相初门"
    "云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危"
    "玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由过习萧"
)

DOUBLE_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
    "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "南宫", "独孤", "呼延", "钟离",
    "闻人", "申屠", "澹台", "公冶", "太史", "万俟", "东郭", "西门", "百里", "拓跋",
})

# Every surname, single and double.
SURNAMES = SINGLE_SURNAMES | DOUBLE_SURNAMES


def surname_length(text: str, start: int = 0) -> int:
    """Length of the surname opening text[start:], 0 when none does."""
    if text[start:start + 2] in DOUBLE_SURNAMES:
        return 2
    if start < len(text) and text[start] in SINGLE_SURNAMES:
        return 1
    return 0
