"""envoi: the rules engine for planned email, SMS and letters (Python binding).

Every rule lives in the Rust core; this package converts types and maps errors.

>>> import envoi
>>> analysis = envoi.sms.analyze("Your appointment is tomorrow at 09:30.")
>>> analysis.encoding, analysis.part_count
('gsm7', 1)
"""

from __future__ import annotations

from envoi import credits, schedule, sms, time
from envoi._envoi import __version__
from envoi.errors import (
    ClockError,
    CreditError,
    EnvoiError,
    IdError,
    InternalError,
    MoneyError,
    ScheduleError,
    SmsError,
    TimeError,
)

__all__ = [
    "ClockError",
    "CreditError",
    "EnvoiError",
    "IdError",
    "InternalError",
    "MoneyError",
    "ScheduleError",
    "SmsError",
    "TimeError",
    "__version__",
    "credits",
    "schedule",
    "sms",
    "time",
]
