"""envoi.schedule.Schedule.from_rrule through Python: RFC 5545 recurrence rules and their errors.

The expectations are the core's (core/tests/schedule_rrule.rs), read through the binding.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi.schedule import MAX_CANDIDATES, Schedule

BRUSSELS = ZoneInfo("Europe/Brussels")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


def brussels(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def test_skip_backward_moves_the_31st_to_the_months_last_day() -> None:
    rule = "FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD"
    monthly = Schedule.from_rrule(rule, utc(2026, 1, 31, 9))
    next_one = monthly.next_after(monthly.start)
    assert next_one == utc(2026, 2, 28, 9)
    assert next_one is not None and next_one.isoformat() == "2026-02-28T10:00:00+01:00"
    assert next_one.tzinfo == BRUSSELS
    assert [d.day for d in monthly.between(utc(2026, 1, 1), utc(2026, 5, 1))] == [31, 28, 31, 30]
    assert monthly.occurrence(3) == brussels(2026, 4, 30, 10)  # wall clock kept: 08:00 UTC in summer
    assert monthly.count_until(utc(2026, 4, 30, 9)) == 4
    assert not monthly.is_finished(utc(2030, 1, 1))


def test_an_hourly_rule_counts_the_gap_instant_once() -> None:
    hourly = Schedule.from_rrule("FREQ=HOURLY;COUNT=5", brussels(2026, 3, 29))
    assert hourly.start == utc(2026, 3, 28, 23)
    found = hourly.between(utc(2026, 3, 28), utc(2026, 3, 30))
    assert [d.hour for d in found] == [0, 1, 3, 4, 5]
    assert found == [utc(2026, 3, 28, 23), utc(2026, 3, 29, 0), utc(2026, 3, 29, 1),
                     utc(2026, 3, 29, 2), utc(2026, 3, 29, 3)]
    assert hourly.count_until(utc(2026, 3, 30)) == 5
    assert hourly.occurrence(4) == utc(2026, 3, 29, 3)
    assert hourly.occurrence(5) is None
    assert hourly.next_after(utc(2026, 3, 29, 3)) is None
    assert hourly.is_finished(utc(2026, 3, 29, 3))


def test_the_rrule_text_and_the_other_properties() -> None:
    text = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE\nEXDATE:20260105T090000Z"
    weekly = Schedule.from_rrule(text, utc(2026, 1, 1, 9), tz="Europe/Paris")
    assert weekly.rrule == text
    assert (weekly.every, weekly.unit, weekly.stop, weekly.count) == (None, None, None, None)
    assert weekly.tz == "Europe/Paris"
    assert weekly.between(utc(2026, 1, 1), utc(2026, 1, 12, 12)) == [
        utc(2026, 1, 1, 9),  # DTSTART, a Thursday: always the first occurrence
        utc(2026, 1, 7, 9),  # Monday the 5th is an EXDATE
        utc(2026, 1, 12, 9),
    ]
    assert Schedule(utc(2026, 1, 1, 9)).rrule is None
    assert Schedule(utc(2026, 1, 1, 9), every=1, unit="days").rrule is None


def test_json_round_trip_and_the_exact_form() -> None:
    text = "RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD;COUNT=4"
    monthly = Schedule.from_rrule(text, utc(2026, 1, 31, 9))
    assert monthly.to_json() == (
        '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels",'
        '"rrule":"RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD;COUNT=4"}'
    )
    again = Schedule.from_json(monthly.to_json())
    assert again == monthly and hash(again) == hash(monthly)
    assert again.rrule == text
    assert pickle.loads(pickle.dumps(monthly)) == monthly
    assert monthly != Schedule.from_rrule(text, utc(2026, 1, 31, 9), tz="Europe/Paris")
    assert monthly != Schedule.from_rrule("FREQ=MONTHLY;COUNT=4", utc(2026, 1, 31, 9))
    bad = json.loads(monthly.to_json()) | {"rrule": "FREQ=DAILY;COUNT=0"}
    with pytest.raises(ValueError, match="not a Schedule JSON"):
        Schedule.from_json(json.dumps(bad))


def test_repr_evaluates_to_an_equal_schedule() -> None:
    namespace: dict[str, Any] = {"datetime": __import__("datetime"), "zoneinfo": __import__("zoneinfo"),
                                 "Schedule": Schedule}
    weekly = Schedule.from_rrule("RRULE:FREQ=WEEKLY\nRDATE:20260102T090000Z", utc(2026, 1, 1, 9))
    assert repr(weekly) == (
        "Schedule.from_rrule('RRULE:FREQ=WEEKLY\\nRDATE:20260102T090000Z', "
        "datetime.datetime(2026, 1, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Brussels')), "
        "tz='Europe/Brussels')"
    )
    assert eval(repr(weekly), namespace) == weekly
    # The JSON form can give an RRULE schedule its own count.
    counted = Schedule.from_json(
        '{"start":"2026-01-01T09:00:00Z","zone":"Europe/Brussels","rrule":"FREQ=DAILY","count":3}'
    )
    assert counted.count == 3 and counted.rrule == "FREQ=DAILY"
    assert repr(counted).startswith("Schedule.from_json(")
    assert eval(repr(counted), namespace) == counted
    assert len(counted.between(utc(2026, 1, 1), utc(2027, 1, 1))) == 3


def test_a_rule_that_never_occurs() -> None:
    with pytest.raises(envoi.ScheduleError) as info:
        Schedule.from_rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", utc(2026, 1, 1, 9))
    assert info.value.code == "schedule.never_occurs"
    assert "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" in str(info.value)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("FREQ=DAILY;COUNT=0", "COUNT"),
        ("FREQ=FORTNIGHTLY", ""),
        ("", ""),
        ("RRULE:FREQ=DAILY\nEXDATE;VALUE=PERIOD:20260102T090000Z/PT1H", "EXDATE"),
    ],
)
def test_invalid_rules_are_schedule_errors(text: str, part: str) -> None:
    with pytest.raises(envoi.ScheduleError) as info:
        Schedule.from_rrule(text, utc(2026, 1, 1, 9))
    assert info.value.code == "schedule.invalid_rrule"
    assert str(info.value).startswith("rrule: ")
    assert part in str(info.value)


def test_exdate_and_rdate_take_days() -> None:
    # EXDATE;VALUE=DATE removes every occurrence on that local day; RDATE;VALUE=DATE adds one on
    # that day at the first date's wall time (09:00 in Brussels here).
    text = "RRULE:FREQ=DAILY;COUNT=3\nEXDATE;VALUE=DATE:20260102\nRDATE;VALUE=DATE:20260110"
    schedule = Schedule.from_rrule(text, utc(2026, 1, 1, 8))
    days = [d.date().isoformat() for d in schedule.between(utc(2026, 1, 1), utc(2026, 2, 1))]
    assert days == ["2026-01-01", "2026-01-03", "2026-01-10"]
    assert all(d.hour == 9 for d in schedule.between(utc(2026, 1, 1), utc(2026, 2, 1)))


def test_a_query_past_max_candidates_is_too_expensive() -> None:
    assert MAX_CANDIDATES == 100_000
    start = utc(2026, 1, 1)
    # With COUNT every query counts from the first date: two days of seconds is past the bound.
    secondly = Schedule.from_rrule("FREQ=SECONDLY;COUNT=1000000", start)
    later = start + timedelta(days=2)  # 172,800 seconds
    assert secondly.next_after(start) == start + timedelta(seconds=1)
    # Without a count the expansion starts near the query, however old the schedule.
    uncounted = Schedule.from_rrule("FREQ=SECONDLY", start)
    assert uncounted.next_after(later) == later + timedelta(seconds=1)
    calls: list[Callable[[], object]] = [
        lambda: secondly.next_after(later),
        lambda: secondly.count_until(later),
        lambda: secondly.is_finished(later),
        lambda: secondly.between(later, later + timedelta(seconds=5)),
        lambda: secondly.occurrence(200_000),
    ]
    for call in calls:
        with pytest.raises(envoi.ScheduleError) as info:
            call()
        assert info.value.code == "schedule.too_expensive"
        assert "FREQ=SECONDLY;COUNT=1000000" in str(info.value)


def test_the_arguments_are_checked() -> None:
    with pytest.raises(envoi.TimeError) as zone:
        Schedule.from_rrule("FREQ=DAILY", utc(2026, 1, 1), tz="Mars/Olympus")
    assert zone.value.code == "time.unknown_zone"
    with pytest.raises(envoi.TimeError, match="^start: ") as naive:
        Schedule.from_rrule("FREQ=DAILY", datetime(2026, 1, 1, 9))
    assert naive.value.code == "time.not_zone_aware"
    with pytest.raises(TypeError):
        Schedule.from_rrule(3, utc(2026, 1, 1))  # type: ignore[arg-type]
