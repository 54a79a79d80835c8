"""Dates as front pages print them.

Mastheads give a Gregorian year and month, often a weekday and a lunar date,
and sometimes lose the day of the month in extraction; the weekday and the
lunar date then pin the day down. Datelines ("7月11日下午", "11日下午",
"7月10日至11日") omit the year, and sometimes the month, which the issue's own
date supplies.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from lunardate import LunarDate

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_LUNAR_MONTHS = {
    "正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "十": 10, "十一": 11, "冬": 11, "十二": 12, "腊": 12,
}
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# 天干地支: the lunar year's name, e.g. 甲辰 = 2024.
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"

_GREGORIAN = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?")
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)(?P<weekday>[一二三四五六日天])")
LUNAR = re.compile(
    r"农历\s*(?:(?P<ganzhi>[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])年)?\s*"
    r"(?P<leap>闰)?(?P<month>十一|十二|[正一二三四五六七八九十冬腊])月\s*"
    r"(?P<day>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十|廿[一二三四五六七八九]|三十)"
)


def lunar_day(text: str) -> int:
    if text.startswith("初"):
        return _DIGITS[text[1]]
    if text == "十":
        return 10
    if text == "二十":
        return 20
    if text == "三十":
        return 30
    tens = 10 if text[0] == "十" else 20
    return tens + _DIGITS[text[1]]


# The paper's first issue (as 浙江法制报) appeared in the 1980s; no issue is
# dated after next year. Within that span a 干支 name picks one year.
FIRST_YEAR = 1980


def ganzhi_years(name: str) -> list[int]:
    """Gregorian years of the archive's span whose lunar year bears this 干支 name."""
    stem, branch = _STEMS.index(name[0]), _BRANCHES.index(name[1])
    last = datetime.date.today().year + 1
    return [y for y in range(FIRST_YEAR, last + 1) if (y - 4) % 10 == stem and (y - 4) % 12 == branch]


@dataclass
class MastheadDate:
    """What a masthead says about the date, and what that resolves to."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    lunar: tuple[int, int, bool] | None = None  # (month, day, leap)
    lunar_year: str = ""  # 干支, e.g. 甲辰
    text: str = ""

    @property
    def given(self) -> bool:
        return bool(self.year or self.weekday is not None or self.lunar)

    def resolve(self) -> tuple[datetime.date | None, list[str]]:
        """The one date that fits everything printed, and warnings."""
        warnings: list[str] = []
        if self.year and self.month and self.day:
            try:
                date = datetime.date(self.year, self.month, self.day)
            except ValueError:
                return None, [f"报头日期不存在：{self.text}"]
            if not self._fits(date):
                warnings.append(f"报头的星期或农历与 {date.isoformat()} 不符：{self.text}")
            return date, warnings
        candidates = [date for date in self._candidates() if self._fits(date)]
        if len(candidates) == 1:
            return candidates[0], warnings
        if self.given:
            reason = "没有一天相符" if not candidates else f"有 {len(candidates)} 天相符"
            warnings.append(f"无法确定报头日期（{reason}）：{self.text}")
        return None, warnings

    def _candidates(self) -> list[datetime.date]:
        if self.year and self.month:
            days = calendar.monthrange(self.year, self.month)[1]
            return [datetime.date(self.year, self.month, day) for day in range(1, days + 1)]
        if self.lunar and (self.year or self.lunar_year):
            years = [self.year] if self.year else ganzhi_years(self.lunar_year)
            month, day, leap = self.lunar
            dates = []
            for year in years:
                try:
                    dates.append(LunarDate(year, month, day, leap).to_solar_date())
                except ValueError:
                    continue
            return dates
        return []

    def _fits(self, date: datetime.date) -> bool:
        if self.weekday is not None and date.weekday() != self.weekday:
            return False
        if self.month and date.month != self.month:
            return False
        if self.lunar:
            month, day, leap = self.lunar
            lunar = LunarDate.from_solar_date(date.year, date.month, date.day)
            if (lunar.month, lunar.day, bool(lunar.is_leap_month)) != (month, day, leap):
                return False
            if self.lunar_year and lunar.year not in ganzhi_years(self.lunar_year):
                return False
        return True


def read_masthead_date(text: str) -> MastheadDate:
    found = MastheadDate(text=" ".join(text.split()))
    if match := _GREGORIAN.search(text):
        found.year, found.month = int(match["year"]), int(match["month"])
        found.day = int(match["day"]) if match["day"] else None
    if match := _WEEKDAY.search(text):
        found.weekday = WEEKDAYS[match["weekday"]]
    if match := LUNAR.search(text):
        found.lunar = (_LUNAR_MONTHS[match["month"]], lunar_day(match["day"]), bool(match["leap"]))
        found.lunar_year = match["ganzhi"] or ""
    return found


# A dateline opens the lead: "7月11日下午," "11日下午," "7月10日至11日,"
# "2024年7月24日,", or a day counted from the issue's ("昨日上午,", "前天晚上9时许,",
# "昨天起,"), kept as printed and resolved against the issue date.
_TIME_OF_DAY = "凌晨|清晨|早晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间|深夜|晚|上旬|中旬|下旬"
RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "前日": -2, "大前天": -3}
DATELINE = re.compile(
    r"^(?P<text>"
    r"(?:(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日"
    r"(?:(?:至|到|-|—|~)(?:(?P<month2>\d{1,2})月)?(?P<day2>\d{1,2})日)?"
    rf"|(?P<relative>{'|'.join(sorted(RELATIVE_DAYS, key=len, reverse=True))}))"
    rf"(?:{_TIME_OF_DAY})?"
    r"(?:\d{1,2}(?:时|点)(?:\d{1,2}分)?)?(?:许|左右|起)?"
    r")(?=[,, ])"
)


def resolve_dateline(match: re.Match, issue_date: datetime.date | None) -> datetime.date | None:
    """The first day a dateline names, completed from the issue's date.

    A dateline never lies after its issue: a month or year later than the
    issue's means the previous month or year. A day counted from the issue
    (昨日, 前天) needs the issue's date."""
    relative = match.groupdict().get("relative")
    if relative:
        return issue_date + datetime.timedelta(days=RELATIVE_DAYS[relative]) if issue_date else None
    day = int(match["day"])
    month = int(match["month"]) if match["month"] else None
    year = int(match["year"]) if match["year"] else None
    if year and month:
        return _date_or_none(year, month, day)
    if issue_date is None:
        return None
    if month is None:
        month, year = issue_date.month, issue_date.year
        if day > issue_date.day:
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        return _date_or_none(year, month, day)
    year = issue_date.year
    date = _date_or_none(year, month, day)
    if date and date > issue_date + datetime.timedelta(days=7):
        date = _date_or_none(year - 1, month, day)
    return date


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
