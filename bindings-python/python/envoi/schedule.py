"""The business calendar: which days are business days, and arithmetic over them.

Mirrors the core's ``envoi::schedule``. :func:`belgium` is Monday to Friday except the ten Belgian
public holidays, computed for any year; :func:`weekdays` has no holidays. Add the host's closed days
with :meth:`BusinessCalendar.with_closed_days` and join two calendars with
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
    MAX_CLOSED_RUN_DAYS,
    BusinessCalendar,
    belgium,
    easter_sunday,
    holiday_name,
    weekdays,
)

__all__ = [
    "MAX_CLOSED_RUN_DAYS",
    "BusinessCalendar",
    "belgium",
    "easter_sunday",
    "holiday_name",
    "weekdays",
]
