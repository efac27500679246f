"""Schedules and the business calendar: when a task sends, and which days are business days.

Mirrors the core's ``envoi::schedule``. :class:`Schedule` is a first date, an optional repeat every
N hours, days, weeks or months, an optional inclusive stop and an optional occurrence count, in an
IANA zone; it takes and returns aware :class:`datetime.datetime` objects.
:meth:`Schedule.from_rrule` makes one that follows an RFC 5545 recurrence rule instead.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from envoi.schedule import Schedule
>>> daily = Schedule(datetime(2026, 3, 28, 9, 0, tzinfo=ZoneInfo("Europe/Brussels")), every=1, unit="days")
>>> daily.occurrence(1).isoformat()  # the day of the DST change: still 09:00
'2026-03-29T09:00:00+02:00'
>>> last_day = Schedule.from_rrule("RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD",
...                                datetime(2026, 1, 31, 10, 0, tzinfo=ZoneInfo("Europe/Brussels")))
>>> last_day.occurrence(1).isoformat()  # no 31 February: the month's last day
'2026-02-28T10:00:00+01:00'

:class:`BusinessCalendar`: :func:`belgium` is Monday to Friday except the ten Belgian public
holidays, computed for any year; :func:`weekdays` has no holidays. Add the host's closed days with
:meth:`BusinessCalendar.with_closed_days` and join two calendars with
:meth:`BusinessCalendar.combine`.

Days are :class:`datetime.date` objects: a calendar day has no zone. A :class:`datetime.datetime`
is refused with a ``TypeError``; take ``.date()`` in the right zone (Europe/Brussels for the post)
first.

>>> from datetime import date
>>> from envoi import schedule
>>> schedule.belgium().add_business_days(date(2026, 4, 3), 1)  # Easter Monday is closed
datetime.date(2026, 4, 7)
"""

from __future__ import annotations

from envoi._envoi import (
    MAX_CANDIDATES,
    MAX_CLOSED_RUN_DAYS,
    BusinessCalendar,
    Schedule,
    belgium,
    easter_sunday,
    holiday_name,
    weekdays,
)

__all__ = [
    "MAX_CANDIDATES",
    "MAX_CLOSED_RUN_DAYS",
    "BusinessCalendar",
    "Schedule",
    "belgium",
    "easter_sunday",
    "holiday_name",
    "weekdays",
]
