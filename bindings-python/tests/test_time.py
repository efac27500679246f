"""envoi.time through Python: a Python clock called from Rust, and the datetime conversions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi.time import Clock, now_in

BRUSSELS = ZoneInfo("Europe/Brussels")


class FixedClock:
    """A clock stopped at one datetime, counting its calls."""

    def __init__(self, value: datetime) -> None:
        self.value = value
        self.calls = 0

    def now(self) -> datetime:
        self.calls += 1
        return self.value


class RaisingClock:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def now(self) -> datetime:
        raise self.error


def utc(
    year: int, month: int, day: int, hour: int, minute: int, second: int = 0, micro: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=timezone.utc)


def test_winter_and_summer_wall_times_in_brussels() -> None:
    clock = FixedClock(utc(2026, 11, 30, 8, 0))
    winter = now_in(clock, "Europe/Brussels")
    assert clock.calls == 1
    assert (winter.year, winter.month, winter.day, winter.hour, winter.minute) == (2026, 11, 30, 9, 0)
    assert winter.utcoffset() == timedelta(hours=1)
    assert winter.tzinfo == BRUSSELS
    assert isinstance(winter.tzinfo, ZoneInfo)
    assert winter.isoformat() == "2026-11-30T09:00:00+01:00"
    assert winter == utc(2026, 11, 30, 8, 0)

    summer = now_in(FixedClock(utc(2026, 7, 1, 10, 0)), "Europe/Brussels")
    assert summer.isoformat() == "2026-07-01T12:00:00+02:00"
    assert summer.utcoffset() == timedelta(hours=2)


def test_default_zone_is_brussels() -> None:
    result = now_in(FixedClock(utc(2026, 11, 30, 8, 0)))
    assert isinstance(result.tzinfo, ZoneInfo)
    assert result.tzinfo.key == "Europe/Brussels"
    assert result.hour == 9


def test_other_zones() -> None:
    result = now_in(FixedClock(utc(2026, 11, 30, 8, 0)), "America/New_York")
    assert result.isoformat() == "2026-11-30T03:00:00-05:00"
    assert result.tzinfo == ZoneInfo("America/New_York")
    assert now_in(FixedClock(utc(2026, 11, 30, 8, 0)), "Asia/Kolkata").isoformat() == (
        "2026-11-30T13:30:00+05:30"
    )


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc),
        datetime(2026, 11, 30, 9, 0, tzinfo=BRUSSELS),
        datetime(2026, 11, 30, 3, 0, tzinfo=ZoneInfo("America/New_York")),
        datetime(2026, 11, 30, 13, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        datetime(2026, 11, 30, 6, 0, tzinfo=timezone(timedelta(hours=-2), "fixed")),
    ],
    ids=["timezone.utc", "ZoneInfo-Brussels", "ZoneInfo-New_York", "fixed+05:30", "fixed-02:00"],
)
def test_any_aware_datetime_is_accepted(value: datetime) -> None:
    result = now_in(FixedClock(value), "Europe/Brussels")
    assert result.isoformat() == "2026-11-30T09:00:00+01:00"


def test_microseconds_are_kept() -> None:
    result = now_in(FixedClock(utc(2026, 11, 30, 8, 0, 0, 123456)))
    assert result.microsecond == 123456
    assert result == utc(2026, 11, 30, 8, 0, 0, 123456)


def test_dst_fold_is_resolved_to_the_right_occurrence() -> None:
    # 2026-10-25 in Brussels: 03:00 CEST -> 02:00 CET, so 02:30 happens twice.
    first = now_in(FixedClock(utc(2026, 10, 25, 0, 30)))
    second = now_in(FixedClock(utc(2026, 10, 25, 1, 30)))
    assert (first.hour, first.minute, first.fold) == (2, 30, 0)
    assert first.utcoffset() == timedelta(hours=2)
    assert (second.hour, second.minute, second.fold) == (2, 30, 1)
    assert second.utcoffset() == timedelta(hours=1)
    assert second.timestamp() - first.timestamp() == 3600


def test_naive_datetime_is_refused_with_an_envoi_error() -> None:
    with pytest.raises(envoi.TimeError) as info:
        now_in(FixedClock(datetime(2026, 11, 30, 8, 0)))
    assert info.value.code == "time.not_zone_aware"
    assert isinstance(info.value, envoi.EnvoiError)
    assert "2026-11-30 08:00:00" in str(info.value)


def test_unknown_zone() -> None:
    with pytest.raises(envoi.TimeError) as info:
        now_in(FixedClock(utc(2026, 11, 30, 8, 0)), "Mars/Olympus")
    assert info.value.code == "time.unknown_zone"
    assert "Mars/Olympus" in str(info.value)


class NtpDown(Exception):
    pass


@pytest.mark.parametrize(
    "error",
    [
        NtpDown("NTP unreachable"),
        KeyError("clock"),
        envoi.SmsError("a host raising an envoi error", "sms.too_many_parts"),
        KeyboardInterrupt(),
    ],
    ids=["custom", "KeyError", "envoi-error", "KeyboardInterrupt"],
)
def test_host_exception_passes_through_unchanged(error: BaseException) -> None:
    with pytest.raises(type(error)) as info:
        now_in(RaisingClock(error))
    assert info.value is error
    assert info.value.args == error.args


def test_host_exception_keeps_its_traceback_and_the_next_call_works() -> None:
    error = NtpDown("NTP unreachable")
    with pytest.raises(NtpDown) as info:
        now_in(RaisingClock(error))
    frames = [entry.name for entry in info.traceback]
    assert "now" in frames  # the host's own frame is still there
    assert now_in(FixedClock(utc(2026, 11, 30, 8, 0))).hour == 9


def test_clock_returning_something_else_is_a_type_error() -> None:
    class StringClock:
        def now(self) -> str:
            return "2026-11-30T08:00:00Z"

    with pytest.raises(TypeError, match="datetime"):
        now_in(StringClock())  # type: ignore[arg-type]


def test_object_without_now_raises_the_python_error() -> None:
    with pytest.raises(AttributeError):
        now_in(object())  # type: ignore[arg-type]


def test_clock_protocol_accepts_a_bound_class() -> None:
    clock: Clock = FixedClock(utc(2026, 7, 1, 10, 0))
    assert now_in(clock).hour == 12
