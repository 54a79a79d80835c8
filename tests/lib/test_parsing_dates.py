"""Masthead dates, including the day recovered from weekday and lunar date."""

import datetime

import pytest

from archive.lib.parsing.dates import DATELINE, read_masthead_date, resolve_dateline


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024年7月\n星期四\n农历甲辰年六月二十", datetime.date(2024, 7, 25)),
        ("2024年7月25日 星期四", datetime.date(2024, 7, 25)),
        ("2024年7月 农历六月二十", datetime.date(2024, 7, 25)),
        ("农历甲辰年六月二十", datetime.date(2024, 7, 25)),
        ("2024年2月 星期六 农历正月初一", datetime.date(2024, 2, 10)),
        ("2023年12月 星期日 农历冬月十九", datetime.date(2023, 12, 31)),
        ("2023年8月 星期二 农历六月廿九", datetime.date(2023, 8, 15)),
    ],
)
def test_masthead_dates(text, expected):
    date, warnings = read_masthead_date(text).resolve()
    assert (date, warnings) == (expected, [])


def test_weekday_alone_cannot_pick_a_day():
    date, warnings = read_masthead_date("2024年7月 星期四").resolve()
    assert date is None and "有 4 天相符" in warnings[0]


def test_contradicting_weekday_keeps_the_printed_date_and_warns():
    date, warnings = read_masthead_date("2024年7月25日 星期五").resolve()
    assert date == datetime.date(2024, 7, 25) and "不符" in warnings[0]


@pytest.mark.parametrize(
    "lead, text, date",
    [
        ("7月11日下午,全省", "7月11日下午", datetime.date(2024, 7, 11)),
        ("11日下午,全省", "11日下午", datetime.date(2024, 7, 11)),
        ("7月10日至11日,省委", "7月10日至11日", datetime.date(2024, 7, 10)),
        ("2023年12月1日,会议", "2023年12月1日", datetime.date(2023, 12, 1)),
        ("7月11日凌晨5点,干警", "7月11日凌晨5点", datetime.date(2024, 7, 11)),
    ],
)
def test_datelines(lead, text, date):
    match = DATELINE.match(lead)
    assert match["text"] == text
    assert resolve_dateline(match, datetime.date(2024, 7, 25)) == date


def test_dateline_day_after_issue_day_is_last_month():
    match = DATELINE.match("28日上午,会议")
    assert resolve_dateline(match, datetime.date(2024, 8, 2)) == datetime.date(2024, 7, 28)
