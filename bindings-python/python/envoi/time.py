"""Time: the host's clock and IANA time zones.

Mirrors the core's ``envoi::time``. envoi never reads the system clock: the host passes a
:class:`Clock`, any object whose ``now()`` returns an aware :class:`datetime.datetime`.
"""

from __future__ import annotations

import datetime
from typing import Protocol

from envoi._envoi import now_in

__all__ = ["Clock", "now_in"]


class Clock(Protocol):
    """Where "now" comes from: any object with a ``now()`` returning an aware datetime.

    Any tzinfo is accepted (``zoneinfo.ZoneInfo``, ``datetime.timezone.utc``, a fixed offset); a
    naive datetime is refused with :class:`envoi.TimeError` (code ``time.not_zone_aware``). An
    exception raised by ``now()`` reaches the caller of envoi unchanged.
    """

    def now(self) -> datetime.datetime:
        """The current instant, as an aware datetime."""
        ...
