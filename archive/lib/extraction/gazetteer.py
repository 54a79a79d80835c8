"""Place names the extractor anchors organisations on.

Zhejiang's administrative geography is public and changes slowly, so it lives
here as data rather than being learned: an organisation name almost always
opens with the place it serves ("绍兴市公安局越城区分局", "嘉善县委"), and a
bare "市公安局" can only be read against the city the article is about.
Districts and counties that were merged away (下城区, 江干区, 江东区, 奉化市 …)
stay in the list because the archive holds the old issues that name them.
"""

from __future__ import annotations

PROVINCE = "浙江省"

# Prefecture-level city -> its districts, counties and county-level cities.
ZHEJIANG: dict[str, tuple[str, ...]] = {
    "杭州市": (
        "上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区",
        "富阳区", "临安区", "桐庐县", "淳安县", "建德市",
        "下城区", "江干区", "富阳市", "临安市", "余杭县", "萧山市",
    ),
    "宁波市": (
        "海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "象山县", "宁海县",
        "余姚市", "慈溪市", "江东区", "奉化市", "鄞县",
    ),
    "温州市": (
        "鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县",
        "泰顺县", "瑞安市", "乐清市", "龙港市", "洞头县",
    ),
    "嘉兴市": ("南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"),
    "湖州市": ("吴兴区", "南浔区", "德清县", "长兴县", "安吉县"),
    "绍兴市": ("越城区", "柯桥区", "上虞区", "新昌县", "诸暨市", "嵊州市", "绍兴县", "上虞市"),
    "金华市": ("婺城区", "金东区", "武义县", "浦江县", "磐安县", "兰溪市", "义乌市", "东阳市", "永康市"),
    "衢州市": ("柯城区", "衢江区", "常山县", "开化县", "龙游县", "江山市"),
    "舟山市": ("定海区", "普陀区", "岱山县", "嵊泗县"),
    "台州市": (
        "椒江区", "黄岩区", "路桥区", "三门县", "天台县", "仙居县", "温岭市", "临海市",
        "玉环市", "玉环县",
    ),
    "丽水市": (
        "莲都区", "青田县", "缙云县", "遂昌县", "松阳县", "云和县", "庆元县",
        "景宁畲族自治县", "龙泉市",
    ),
}

# Provincial-level divisions: the full name and the short form papers print.
PROVINCES: dict[str, str] = {
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆",
    "河北省": "河北", "山西省": "山西", "辽宁省": "辽宁", "吉林省": "吉林",
    "黑龙江省": "黑龙江", "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽",
    "福建省": "福建", "江西省": "江西", "山东省": "山东", "河南省": "河南",
    "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东", "海南省": "海南",
    "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西",
    "甘肃省": "甘肃", "青海省": "青海", "台湾省": "台湾",
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}

# Cities outside Zhejiang that the paper's national and regional news names
# most: provincial capitals and the large cities of the Yangtze delta.
OTHER_CITIES = (
    "石家庄市", "太原市", "沈阳市", "大连市", "长春市", "哈尔滨市", "南京市", "苏州市",
    "无锡市", "常州市", "南通市", "扬州市", "合肥市", "芜湖市", "福州市", "厦门市",
    "南昌市", "济南市", "青岛市", "郑州市", "武汉市", "长沙市", "广州市", "深圳市",
    "南宁市", "海口市", "成都市", "贵阳市", "昆明市", "拉萨市", "西安市", "兰州市",
    "西宁市", "银川市", "乌鲁木齐市", "呼和浩特市",
)

COUNTRIES = (
    "中华人民共和国", "中国", "美国", "日本", "韩国", "朝鲜", "俄罗斯", "英国", "法国",
    "德国", "意大利", "西班牙", "加拿大", "澳大利亚", "新西兰", "印度", "巴基斯坦",
    "新加坡", "马来西亚", "泰国", "越南", "印度尼西亚", "菲律宾", "巴西", "墨西哥",
    "南非", "埃及", "以色列", "伊朗", "伊拉克", "土耳其", "荷兰", "比利时", "瑞士",
    "瑞典", "挪威", "丹麦", "芬兰", "波兰", "乌克兰", "葡萄牙", "希腊", "阿根廷",
)

# Short forms that are also everyday words (江山 "the realm", 开化 "civilised",
# 路桥 "roads and bridges", 天台 "rooftop" …): as anchors they would turn
# ordinary phrases into organisations, so only their full forms count.
AMBIGUOUS_SHORT = frozenset({
    "江山", "开化", "路桥", "临海", "天台", "江北", "上城", "滨江", "南湖", "西湖",
    "定海", "三门", "江东", "下城", "江干", "普陀", "东阳", "象山", "常山", "文成",
    "新昌", "永康", "海盐", "长兴", "德清", "平阳", "武义", "龙泉", "云和", "青田",
})

CITY = "city"  # 地级市 and provincial-level cities
COUNTY = "county"  # districts, counties and county-level cities
PROVINCE_LEVEL = "province"
COUNTRY = "country"


def _short(name: str) -> str:
    for suffix in ("畲族自治县", "自治县", "市", "县", "区"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _build() -> dict[str, tuple[str, str]]:
    """Every printed form -> (level, full name)."""
    places: dict[str, tuple[str, str]] = {}
    for country in COUNTRIES:
        places[country] = (COUNTRY, country)
    for full, short in PROVINCES.items():
        places[full] = places[short] = (PROVINCE_LEVEL, full)
    for city in OTHER_CITIES:
        places.setdefault(city, (CITY, city))
        places.setdefault(_short(city), (CITY, city))
    for city, counties in ZHEJIANG.items():
        places[city] = places[_short(city)] = (CITY, city)
        for county in counties:
            places.setdefault(county, (COUNTY, county))
            short = _short(county)
            if short != county and short not in AMBIGUOUS_SHORT:
                places.setdefault(short, (COUNTY, county))
    return places


PLACES = _build()

# County-level full name -> its city ("萧山区" -> "杭州市").
CITY_OF: dict[str, str] = {county: city for city, counties in ZHEJIANG.items() for county in counties}
