"""envoi.schedule.Schedule through Python: simple schedules, the datetime conversions and errors.

The expectations are the core's (core/tests/schedule_repeat.rs), read through the binding.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi.schedule import Schedule

BRUSSELS = ZoneInfo("Europe/Brussels")
NEW_YORK = ZoneInfo("America/New_York")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


def brussels(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def iso(values: list[datetime]) -> list[str]:
    return [value.isoformat() for value in values]


def first(schedule: Schedule, n: int) -> list[str]:
    """The first `n` occurrences (fewer when the schedule ends), as ISO strings in its zone."""
    found = []
    for index in range(n):
        occurrence = schedule.occurrence(index)
        if occurrence is None:
            break
        found.append(occurrence)
    return iso(found)


def test_daily_0900_keeps_its_wall_clock_time_across_the_spring_change() -> None:
    daily = Schedule(brussels(2026, 3, 28, 9), every=1, unit="days")
    assert first(daily, 3) == [
        "2026-03-28T09:00:00+01:00",
        "2026-03-29T09:00:00+02:00",
        "2026-03-30T09:00:00+02:00",
    ]
    autumn = Schedule(brussels(2026, 10, 24, 9), every=1, unit="days")
    assert first(autumn, 3) == [
        "2026-10-24T09:00:00+02:00",
        "2026-10-25T09:00:00+01:00",
        "2026-10-26T09:00:00+01:00",
    ]


def test_results_are_aware_datetimes_in_the_schedules_zone() -> None:
    daily = Schedule(utc(2026, 3, 28, 8), every=1, unit="days")
    result = daily.occurrence(1)
    assert result is not None
    assert type(result) is datetime
    assert isinstance(result.tzinfo, ZoneInfo)
    assert result.tzinfo == BRUSSELS
    assert result == utc(2026, 3, 29, 7)
    assert daily.start.tzinfo == BRUSSELS
    assert daily.start.isoformat() == "2026-03-28T09:00:00+01:00"
    ny = Schedule(utc(2026, 3, 7, 7, 30), every=1, unit="days", tz="America/New_York")
    assert ny.tz == "America/New_York"
    assert first(ny, 3) == [  # 02:30 does not exist on 8 March: moved forward by the gap
        "2026-03-07T02:30:00-05:00",
        "2026-03-08T03:30:00-04:00",
        "2026-03-09T02:30:00-04:00",
    ]
    assert all(value.tzinfo == NEW_YORK for value in ny.between(ny.start, utc(2026, 3, 10)))


def test_every_2_hours_counts_real_hours_across_the_spring_change() -> None:
    every_two_hours = Schedule(brussels(2026, 3, 29, 0), every=2, unit="hours")
    assert every_two_hours.next_after(every_two_hours.start) == brussels(2026, 3, 29, 3)
    assert first(every_two_hours, 3) == [
        "2026-03-29T00:00:00+01:00",
        "2026-03-29T03:00:00+02:00",  # 2 real hours after midnight
        "2026-03-29T05:00:00+02:00",
    ]


def test_a_fold_comes_back_with_the_right_fold_attribute() -> None:
    hourly = Schedule(utc(2026, 10, 24, 23), every=1, unit="hours")
    found = hourly.between(hourly.start, utc(2026, 10, 25, 3))
    assert iso(found) == [
        "2026-10-25T01:00:00+02:00",
        "2026-10-25T02:00:00+02:00",
        "2026-10-25T02:00:00+01:00",
        "2026-10-25T03:00:00+01:00",
        "2026-10-25T04:00:00+01:00",
    ]
    assert [value.fold for value in found] == [0, 0, 1, 0, 0]
    # The two 02:00 are distinct instants, one hour apart. Python compares and subtracts datetimes
    # that share a tzinfo by wall time, ignoring fold (PEP 495): compare in UTC.
    assert found[2].astimezone(timezone.utc) - found[1].astimezone(timezone.utc) == timedelta(hours=1)
    assert found[1].astimezone(timezone.utc) == utc(2026, 10, 25, 0)
    assert found[2].astimezone(timezone.utc) == utc(2026, 10, 25, 1)
    # A wall time in the fold, repeated daily, takes the first instant.
    daily = Schedule(utc(2026, 10, 24, 0, 30), every=1, unit="days")
    assert first(daily, 3) == [
        "2026-10-24T02:30:00+02:00",
        "2026-10-25T02:30:00+02:00",
        "2026-10-26T02:30:00+01:00",
    ]


def test_monthly_from_the_31st_clamps_without_drifting() -> None:
    monthly = Schedule(brussels(2026, 1, 31, 10), every=1, unit="months")
    assert first(monthly, 5) == [
        "2026-01-31T10:00:00+01:00",
        "2026-02-28T10:00:00+01:00",
        "2026-03-31T10:00:00+02:00",
        "2026-04-30T10:00:00+02:00",
        "2026-05-31T10:00:00+02:00",
    ]
    yearly = Schedule(brussels(2024, 2, 29, 12), every=12, unit="months")
    assert [day[:10] for day in first(yearly, 5)] == [
        "2024-02-29",
        "2025-02-28",
        "2026-02-28",
        "2027-02-28",
        "2028-02-29",
    ]


def test_weeks_are_seven_calendar_days() -> None:
    fortnightly = Schedule(brussels(2026, 3, 20, 9), every=2, unit="weeks")
    assert first(fortnightly, 3) == [
        "2026-03-20T09:00:00+01:00",
        "2026-04-03T09:00:00+02:00",
        "2026-04-17T09:00:00+02:00",
    ]


def test_the_stop_is_inclusive_and_the_count_includes_the_first_date() -> None:
    stopped = Schedule(utc(2026, 1, 1, 8), every=1, unit="days", stop=utc(2026, 1, 3, 8))
    assert len(first(stopped, 10)) == 3
    assert stopped.next_after(utc(2026, 1, 2, 8)) == utc(2026, 1, 3, 8)
    assert stopped.next_after(utc(2026, 1, 3, 8)) is None
    assert stopped.is_finished(utc(2026, 1, 3, 8))
    assert not stopped.is_finished(utc(2026, 1, 2, 8))
    assert stopped.count_until(utc(2030, 1, 1)) == 3
    assert stopped.occurrence(3) is None

    counted = Schedule(utc(2026, 1, 1, 8), every=1, unit="days", count=2)
    assert len(first(counted, 10)) == 2
    assert counted.count_until(utc(2030, 1, 1)) == 2
    assert counted.is_finished(utc(2026, 1, 2, 8))


def test_a_one_shot_schedule() -> None:
    once = Schedule(utc(2026, 12, 1, 8))
    assert (once.every, once.unit, once.stop, once.count) == (None, None, None, None)
    assert once.next_after(utc(2026, 12, 1, 7, 59)) == utc(2026, 12, 1, 8)
    assert once.next_after(utc(2026, 12, 1, 8)) is None
    assert once.occurrence(0) == utc(2026, 12, 1, 8)
    assert once.occurrence(1) is None
    assert once.count_until(utc(2026, 12, 1, 8)) == 1
    assert once.count_until(utc(2026, 12, 1, 7)) == 0


def test_queries_on_a_schedule_started_ten_years_ago() -> None:
    daily = Schedule(utc(2016, 11, 30, 8), every=1, unit="days")
    now = utc(2026, 11, 30, 10)
    next_one = daily.next_after(now)
    assert next_one == utc(2026, 12, 1, 8)
    assert next_one is not None and next_one.isoformat() == "2026-12-01T09:00:00+01:00"
    assert daily.count_until(now) == 3653  # 2016-11-30 … 2026-11-30 inclusive
    hourly = Schedule(utc(2016, 11, 30, 8), every=3, unit="hours")
    assert hourly.next_after(now) == utc(2026, 11, 30, 11)


def test_between_includes_both_ends_and_next_after_is_strict() -> None:
    daily = Schedule(utc(2026, 1, 1, 8), every=1, unit="days")
    found = daily.between(utc(2026, 1, 2, 8), utc(2026, 1, 4, 8))
    assert found == [utc(2026, 1, 2, 8), utc(2026, 1, 3, 8), utc(2026, 1, 4, 8)]
    assert daily.next_after(utc(2026, 1, 2, 8)) == utc(2026, 1, 3, 8)
    assert daily.between(utc(2026, 1, 4, 8), utc(2026, 1, 2, 8)) == []


def test_any_tzinfo_in() -> None:
    daily = Schedule(utc(2026, 1, 1, 8), every=1, unit="days")
    plus_two = timezone(timedelta(hours=2))
    for moment in (
        utc(2026, 1, 2, 8),
        brussels(2026, 1, 2, 9),
        datetime(2026, 1, 2, 10, tzinfo=plus_two),
        datetime(2026, 1, 2, 3, tzinfo=NEW_YORK),
    ):
        assert daily.next_after(moment - timedelta(microseconds=1)) == utc(2026, 1, 2, 8)
        assert daily.count_until(moment) == 2


def test_between_is_bounded_by_limit() -> None:
    hourly = Schedule(utc(2026, 1, 1), every=1, unit="hours")
    assert len(hourly.between(utc(2026, 1, 1), utc(2027, 1, 1) - timedelta(hours=1))) == 8760
    assert len(hourly.between(utc(2026, 1, 1), utc(2026, 1, 1, 9), limit=10)) == 10
    with pytest.raises(envoi.ScheduleError, match="more than 10000 occurrences") as info:
        hourly.between(utc(2026, 1, 1), utc(2028, 1, 1))
    assert info.value.code == "schedule.too_many_occurrences"
    assert "next_after" in str(info.value)
    with pytest.raises(envoi.ScheduleError, match="more than 10 occurrences") as info:
        hourly.between(utc(2026, 1, 1), utc(2026, 1, 1, 10), limit=10)
    assert info.value.code == "schedule.too_many_occurrences"
    assert len(hourly.between(utc(2026, 1, 1), utc(2028, 1, 1), limit=20_000)) == 17_521
    assert hourly.between(utc(2025, 1, 1), utc(2025, 1, 2), limit=0) == []
    with pytest.raises(ValueError, match="limit: -1 is negative"):
        hourly.between(utc(2026, 1, 1), utc(2026, 1, 2), limit=-1)


def test_json_round_trip_and_the_exact_form() -> None:
    monthly = Schedule(utc(2026, 1, 31, 9), every=1, unit="months", count=12)
    text = monthly.to_json()
    assert text == (
        '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels",'
        '"repeat":{"every":1,"unit":"months"},"stop":null,"count":12}'
    )
    assert Schedule.from_json(text) == monthly
    stopped = Schedule(
        brussels(2026, 1, 1, 9), every=2, unit="weeks", stop=brussels(2026, 6, 1), tz="America/New_York"
    )
    assert Schedule.from_json(stopped.to_json()) == stopped
    assert json.loads(stopped.to_json())["stop"] == "2026-05-31T22:00:00Z"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":0,"unit":"days"},'
         '"stop":null,"count":null}', "every: 0"),
        ('{"start":"2026-01-31T09:00:00Z","zone":"Mars/Base","repeat":null,"stop":null,"count":null}',
         "Mars/Base"),
        ('{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":null,'
         '"stop":"2026-01-01T00:00:00Z","count":null}', "before the first date"),
        ('{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":null,"stop":null,"count":0}',
         "count: 0"),
        ('{"start":"2026-01-31T09:00:00","zone":"Europe/Brussels","repeat":null,"stop":null,"count":null}',
         "line 1 column 30"),
        ("[]", "expected"),
    ],
)
def test_bad_json_is_a_value_error_naming_the_problem(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match="not a Schedule JSON") as info:
        Schedule.from_json(text)
    assert problem in str(info.value)


def test_properties_and_value_semantics() -> None:
    schedule = Schedule(brussels(2026, 1, 1, 9), every=3, unit="Days", stop=utc(2026, 2, 1), count=5)
    assert schedule.start == brussels(2026, 1, 1, 9)
    assert (schedule.every, schedule.unit, schedule.count, schedule.tz) == (3, "days", 5, "Europe/Brussels")
    assert schedule.stop == utc(2026, 2, 1)
    assert schedule.stop is not None and schedule.stop.tzinfo == BRUSSELS
    same = Schedule(utc(2026, 1, 1, 8), every=3, unit="days", stop=brussels(2026, 2, 1, 1), count=5)
    assert schedule == same and hash(schedule) == hash(same)
    assert schedule != Schedule(brussels(2026, 1, 1, 9), every=3, unit="days", stop=utc(2026, 2, 1))
    assert schedule != Schedule(brussels(2026, 1, 1, 9), every=3, unit="days", stop=utc(2026, 2, 1),
                                count=5, tz="Europe/Paris")
    assert schedule != "not a schedule"
    assert len({schedule, same}) == 1
    assert pickle.loads(pickle.dumps(schedule)) == schedule
    assert repr(schedule) == (
        "Schedule(datetime.datetime(2026, 1, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Brussels')), "
        "every=3, unit='days', stop=datetime.datetime(2026, 2, 1, 1, 0, "
        "tzinfo=zoneinfo.ZoneInfo(key='Europe/Brussels')), count=5, tz='Europe/Brussels')"
    )
    namespace: dict[str, Any] = {"datetime": __import__("datetime"), "zoneinfo": __import__("zoneinfo"),
                                 "Schedule": Schedule}
    assert eval(repr(schedule), namespace) == schedule
    assert repr(Schedule(utc(2026, 1, 1))) == (
        "Schedule(datetime.datetime(2026, 1, 1, 1, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Brussels')), "
        "tz='Europe/Brussels')"
    )
    with pytest.raises(AttributeError):
        schedule.every = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"every": 0, "unit": "days"}, "schedule.invalid_interval"),
        ({"every": -1, "unit": "days"}, "schedule.invalid_interval"),
        ({"every": 2**32, "unit": "days"}, "schedule.invalid_interval"),
        ({"every": 2**70, "unit": "days"}, "schedule.invalid_interval"),
        ({"count": 0}, "schedule.invalid_count"),
        ({"count": 2**70}, "schedule.invalid_count"),
        ({"every": 1, "unit": "fortnights"}, "schedule.unknown_unit"),
        ({"stop": brussels(2025, 12, 31)}, "schedule.stop_before_start"),
    ],
)
def test_invalid_arguments_are_schedule_errors(arguments: dict[str, Any], code: str) -> None:
    with pytest.raises(envoi.ScheduleError) as info:
        Schedule(brussels(2026, 1, 1, 9), **arguments)
    assert info.value.code == code


def test_unknown_unit_and_stop_before_start_name_the_value() -> None:
    with pytest.raises(envoi.ScheduleError, match='"fortnights"'):
        Schedule(brussels(2026, 1, 1), every=1, unit="fortnights")
    with pytest.raises(envoi.ScheduleError, match="2025-12-31"):
        Schedule(brussels(2026, 1, 1, 9), stop=brussels(2025, 12, 31, 9))


def test_every_and_unit_go_together() -> None:
    with pytest.raises(ValueError, match='every=2 needs a unit: unit="hours"'):
        Schedule(brussels(2026, 1, 1), every=2)
    with pytest.raises(ValueError, match='unit="days" needs an interval'):
        Schedule(brussels(2026, 1, 1), unit="days")


def test_unknown_zone_is_a_time_error() -> None:
    with pytest.raises(envoi.TimeError) as info:
        Schedule(brussels(2026, 1, 1), tz="Mars/Olympus")
    assert info.value.code == "time.unknown_zone"


def test_naive_datetimes_are_refused_naming_the_argument() -> None:
    naive = datetime(2026, 1, 1, 9)
    with pytest.raises(envoi.TimeError, match="^start: 2026-01-01 09:00:00 has no time zone") as info:
        Schedule(naive)
    assert info.value.code == "time.not_zone_aware"
    with pytest.raises(envoi.TimeError, match="^stop: "):
        Schedule(brussels(2026, 1, 1), stop=naive)
    daily = Schedule(brussels(2026, 1, 1, 9), every=1, unit="days")
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: daily.next_after(naive), "dt"),
        (lambda: daily.count_until(naive), "dt"),
        (lambda: daily.is_finished(naive), "dt"),
        (lambda: daily.between(naive, brussels(2026, 2, 1)), "a"),
        (lambda: daily.between(brussels(2026, 1, 1), naive), "b"),
    ]
    for call, name in calls:
        with pytest.raises(envoi.TimeError, match=f"^{name}: ") as error:
            call()
        assert error.value.code == "time.not_zone_aware"


def test_wrong_types_are_type_errors() -> None:
    daily = Schedule(brussels(2026, 1, 1, 9), every=1, unit="days")
    with pytest.raises(TypeError, match="start: expected an aware datetime.datetime, not str"):
        Schedule("2026-01-01T09:00:00+01:00")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="dt: expected an aware datetime.datetime, not date"):
        daily.next_after(brussels(2026, 1, 1).date())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Schedule(brussels(2026, 1, 1), every=1.5, unit="days")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Schedule(brussels(2026, 1, 1), every=1, unit=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Schedule(brussels(2026, 1, 1), 1, "days")  # type: ignore[call-arg]  # keyword-only
    with pytest.raises(TypeError):
        daily.occurrence("1")  # type: ignore[arg-type]


def test_occurrence_indices() -> None:
    daily = Schedule(brussels(2026, 1, 1, 9), every=1, unit="days")
    assert daily.occurrence(0) == daily.start
    assert daily.occurrence(365) == brussels(2027, 1, 1, 9)
    assert daily.occurrence(2**64) is None  # no date is that far
    assert daily.occurrence(10**9) is None  # past chrono's dates
    with pytest.raises(ValueError, match="index: -1 is negative"):
        daily.occurrence(-1)


def test_an_occurrence_past_pythons_years_is_a_time_error() -> None:
    hourly = Schedule(utc(9999, 12, 31, 20), every=1, unit="hours")
    assert hourly.occurrence(2) == utc(9999, 12, 31, 22)
    with pytest.raises(envoi.TimeError) as info:
        hourly.occurrence(5)  # 01:00 UTC on 1 January 10000
    assert info.value.code == "time.out_of_range"
    assert "outside the years of Python's datetimes (1 to 9999)" in str(info.value)


def test_microseconds_survive() -> None:
    start = datetime(2026, 1, 1, 9, 0, 0, 123456, tzinfo=BRUSSELS)
    daily = Schedule(start, every=1, unit="days")
    assert daily.start == start
    assert daily.next_after(start) == start + timedelta(days=1)
    assert Schedule.from_json(daily.to_json()) == daily


def test_in_several_threads() -> None:
    daily = Schedule(utc(2016, 11, 30, 8), every=1, unit="days")

    def work(offset: int) -> int:
        return len(daily.between(utc(2020, 1, 1, 8), utc(2020, 1, 1, 8) + timedelta(days=offset)))

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(work, range(50))) == [offset + 1 for offset in range(50)]
