"""envoi.schedule through Python: the business calendar, date conversions and errors."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi import schedule
from envoi.schedule import BusinessCalendar, belgium, easter_sunday, holiday_name, weekdays

EASTER_MONDAY = date(2026, 4, 6)
GOOD_FRIDAY = date(2026, 4, 3)
TUESDAY_AFTER = date(2026, 4, 7)


def test_easter_monday_is_a_holiday_and_not_a_business_day() -> None:
    calendar = belgium()
    assert calendar.holiday(EASTER_MONDAY) == "easter_monday"
    assert not calendar.is_business_day(EASTER_MONDAY)
    assert calendar.is_business_day(TUESDAY_AFTER)
    assert calendar.holiday(TUESDAY_AFTER) is None
    # weekdays() knows no holidays
    assert weekdays().is_business_day(EASTER_MONDAY)
    assert weekdays().holiday(EASTER_MONDAY) is None


def test_friday_plus_one_business_day_is_the_tuesday_after_easter() -> None:
    calendar = belgium()
    result = calendar.add_business_days(GOOD_FRIDAY, 1)
    assert result == TUESDAY_AFTER
    assert type(result) is date
    assert calendar.next_business_day(GOOD_FRIDAY) == TUESDAY_AFTER
    assert calendar.previous_business_day(TUESDAY_AFTER) == GOOD_FRIDAY
    assert calendar.add_business_days(TUESDAY_AFTER, -1) == GOOD_FRIDAY
    assert calendar.add_business_days(EASTER_MONDAY, 0) == EASTER_MONDAY
    assert calendar.this_or_next_business_day(date(2026, 4, 4)) == TUESDAY_AFTER
    assert calendar.this_or_next_business_day(TUESDAY_AFTER) == TUESDAY_AFTER


def test_business_days_between() -> None:
    calendar = belgium()
    assert calendar.business_days_between(GOOD_FRIDAY, TUESDAY_AFTER) == 1
    assert calendar.business_days_between(TUESDAY_AFTER, GOOD_FRIDAY) == -1
    assert calendar.business_days_between(GOOD_FRIDAY, GOOD_FRIDAY) == 0
    assert calendar.business_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253


def test_holidays_of_2026() -> None:
    holidays = belgium().holidays(2026)
    assert len(holidays) == 10
    assert holidays[0] == (date(2026, 1, 1), "new_year")
    assert (EASTER_MONDAY, "easter_monday") in holidays
    assert holidays[-1] == (date(2026, 12, 25), "christmas")
    assert [day for day, _ in holidays] == sorted(day for day, _ in holidays)
    assert weekdays().holidays(2026) == []


def test_holiday_names_and_easter() -> None:
    assert holiday_name("easter_monday") == "Easter Monday"
    assert holiday_name("armistice", "nl") == "Wapenstilstand"
    assert holiday_name("christmas", language="fr") == "Noël"
    assert holiday_name("labour_day", "de") == "Tag der Arbeit"
    with pytest.raises(ValueError, match='unknown holiday "boxing_day"'):
        holiday_name("boxing_day")
    with pytest.raises(ValueError, match='unknown language "es"'):
        holiday_name("christmas", "es")
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2038) == date(2038, 4, 25)
    with pytest.raises(ValueError, match="year 10000 is out of range"):
        easter_sunday(10_000)
    with pytest.raises(ValueError, match="out of range"):
        belgium().holidays(2**70)


def test_400_closed_days_is_no_business_day() -> None:
    start = date(2026, 1, 1)
    closed = [start + timedelta(days=n) for n in range(1, 401)]
    calendar = belgium().with_closed_days(closed)
    assert schedule.MAX_CLOSED_RUN_DAYS == 366
    with pytest.raises(envoi.ScheduleError) as info:
        calendar.next_business_day(start)
    assert info.value.code == "schedule.no_business_day"
    assert "no business day from 2026-01-02" in str(info.value)
    assert isinstance(info.value, envoi.EnvoiError)
    with pytest.raises(envoi.ScheduleError, match="no business day"):
        calendar.add_business_days(start, 5)
    # the closed days and the rest of the calendar still answer
    assert not calendar.is_business_day(date(2026, 6, 1))
    assert calendar.business_days_between(start, start + timedelta(days=400)) == 0


def test_with_closed_days_and_combine() -> None:
    bridge = date(2026, 5, 15)  # the Friday after Ascension
    production = belgium()
    post = belgium().with_closed_days([bridge])
    assert post != production
    assert production.is_business_day(bridge)
    assert not post.is_business_day(bridge)
    assert post.add_business_days(date(2026, 5, 13), 1) == date(2026, 5, 18)
    assert production.add_business_days(date(2026, 5, 13), 1) == bridge
    # any iterable of dates; duplicates collapse
    assert belgium().with_closed_days(iter([bridge, bridge])) == post
    assert belgium().with_closed_days(d for d in (bridge,)) == post
    assert belgium().with_closed_days([]) == belgium()

    a = belgium().with_closed_days([date(2026, 12, 28)])
    b = weekdays().with_closed_days([date(2026, 12, 29)])
    both = a.combine(b)
    assert both == b.combine(a)
    assert both.next_business_day(date(2026, 12, 24)) == date(2026, 12, 30)
    assert both.holiday(date(2026, 12, 25)) == "christmas"
    # the originals are unchanged
    assert a.next_business_day(date(2026, 12, 24)) == date(2026, 12, 29)
    assert weekdays().combine(weekdays()) == weekdays()
    assert weekdays().combine(belgium()) == belgium()


def test_json_round_trip() -> None:
    calendar = belgium().with_closed_days([date(2026, 5, 15), date(2026, 1, 2)])
    text = calendar.to_json()
    assert json.loads(text) == {"holidays": ["belgium"], "closed_days": ["2026-01-02", "2026-05-15"]}
    again = BusinessCalendar.from_json(text)
    assert again == calendar
    assert hash(again) == hash(calendar)
    assert again.to_json() == text
    assert weekdays().to_json() == '{"holidays":[],"closed_days":[]}'
    assert BusinessCalendar.from_json('{"holidays":["belgium"],"closed_days":[]}') == belgium()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "EOF"),
        ("{", "EOF"),
        ('{"holidays":["belgium"],"closed_days":[],"extra":1}', "unknown field `extra`"),
        ('{"holidays":["france"],"closed_days":[]}', "unknown variant `france`"),
        ('{"holidays":[],"closed_days":["2026-02-30"]}', "input is out of range"),
        ('{"holidays":[],"closed_days":["2026-04-06T10:00:00"]}', "trailing input"),
        ('{"holidays":[]}', "missing field `closed_days`"),
    ],
)
def test_bad_json_is_a_value_error_naming_the_problem(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match="not a BusinessCalendar JSON") as info:
        BusinessCalendar.from_json(text)
    assert problem in str(info.value)


def test_value_semantics() -> None:
    calendar = belgium().with_closed_days([date(2026, 5, 15)])
    assert calendar == belgium().with_closed_days([date(2026, 5, 15)])
    assert calendar != belgium()
    assert belgium() != weekdays()
    assert calendar != "belgium"
    assert len({belgium(), belgium(), weekdays(), calendar}) == 3
    assert pickle.loads(pickle.dumps(calendar)) == calendar
    assert eval(repr(calendar), {"BusinessCalendar": BusinessCalendar}) == calendar
    assert repr(weekdays()) == """BusinessCalendar.from_json('{"holidays":[],"closed_days":[]}')"""
    with pytest.raises(AttributeError):
        calendar.foo = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        BusinessCalendar()  # no constructor: build with belgium() or weekdays()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 4, 6, 12, 0),
        datetime(2026, 4, 6, 12, 0, tzinfo=timezone.utc),
        datetime(2026, 4, 6, 12, 0, tzinfo=ZoneInfo("Europe/Brussels")),
    ],
)
def test_a_datetime_is_refused(moment: datetime) -> None:
    calendar = belgium()
    with pytest.raises(TypeError, match="expected a datetime.date, got the datetime") as info:
        calendar.is_business_day(moment)
    assert ".date() in the right zone" in str(info.value)
    with pytest.raises(TypeError, match="got the datetime"):
        calendar.add_business_days(moment, 1)
    with pytest.raises(TypeError, match="'b'"):  # pyo3 names the argument (a PEP 678 note)
        calendar.business_days_between(date(2026, 4, 6), moment)
    with pytest.raises(TypeError, match="got the datetime"):
        calendar.with_closed_days([moment])
    # the way out the message names
    assert not calendar.is_business_day(moment.date())


def test_wrong_types_are_type_errors() -> None:
    calendar = belgium()
    with pytest.raises(TypeError, match="expected a datetime.date, not str"):
        calendar.is_business_day("2026-04-06")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not iterable"):
        calendar.with_closed_days(date(2026, 4, 6))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        calendar.add_business_days(date(2026, 4, 6), 1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        calendar.combine("belgium")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        BusinessCalendar.from_json(b"{}")  # type: ignore[arg-type]


def test_a_date_subclass_is_a_date() -> None:
    class MyDate(date):
        pass

    assert belgium().holiday(MyDate(2026, 4, 6)) == "easter_monday"


def test_dates_out_of_range() -> None:
    calendar = belgium()
    assert date.max.weekday() == 4  # Friday 31 December 9999
    moves: list[Callable[[], date]] = [
        lambda: calendar.next_business_day(date.max),
        lambda: calendar.with_closed_days([date.max]).this_or_next_business_day(date.max),
        lambda: calendar.previous_business_day(date.min),
        lambda: calendar.add_business_days(date(2026, 1, 1), 10**9),  # past chrono's years too
        lambda: calendar.add_business_days(date(2026, 1, 1), -(2**70)),  # past i64
    ]
    for moved in moves:
        with pytest.raises(envoi.ScheduleError) as error:
            moved()
        assert error.value.code == "schedule.date_out_of_range"
    with pytest.raises(envoi.ScheduleError) as info:
        calendar.add_business_days(date.max, 1)
    assert info.value.code == "schedule.date_out_of_range"
    assert str(info.value) == (
        "date: 9999-12-31 moved by 1 business days leaves the range of Python dates "
        "(0001-01-01 to 9999-12-31)"
    )
    with pytest.raises(envoi.ScheduleError) as info:
        calendar.previous_business_day(date.min)
    assert info.value.code == "schedule.date_out_of_range"
    assert "0001-01-01 moved by -1 business days" in str(info.value)
    with pytest.raises(envoi.ScheduleError) as info:
        calendar.add_business_days(date(2026, 1, 1), 2**70)
    assert info.value.code == "schedule.date_out_of_range"
    # the last business day Python can hold is still reachable
    assert calendar.this_or_next_business_day(date.max) == date.max
    assert calendar.add_business_days(date(9999, 12, 29), 2) == date.max
    assert calendar.business_days_between(date.min, date.max) > 2_500_000


def test_in_several_threads() -> None:
    calendar = belgium()
    start = date(2026, 1, 1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: calendar.add_business_days(start, n), range(1, 301)))
    assert all(calendar.business_days_between(start, d) == n for n, d in enumerate(results, start=1))
    assert all(calendar.is_business_day(d) for d in results)
