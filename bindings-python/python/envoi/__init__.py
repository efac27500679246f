"""envoi: the rules engine for planned email, SMS and letters (Python binding).

Every rule lives in the Rust core; this package converts types and maps errors.

>>> import envoi
>>> analysis = envoi.sms.analyze("Your appointment is tomorrow at 09:30.")
>>> analysis.encoding, analysis.part_count
('gsm7', 1)
"""

from __future__ import annotations

from envoi import credits, invoice, post, schedule, sms, time, tracking, vat
from envoi._envoi import __version__
from envoi.errors import (
    ClockError,
    CreditError,
    EnvoiError,
    IdError,
    InternalError,
    InvoiceError,
    LanguageError,
    MoneyError,
    PostError,
    ScheduleError,
    SmsError,
    TimeError,
    TokenError,
    TrackingError,
    VatError,
)

__all__ = [
    "ClockError",
    "CreditError",
    "EnvoiError",
    "IdError",
    "InternalError",
    "InvoiceError",
    "LanguageError",
    "MoneyError",
    "PostError",
    "ScheduleError",
    "SmsError",
    "TimeError",
    "TokenError",
    "TrackingError",
    "VatError",
    "__version__",
    "credits",
    "invoice",
    "post",
    "schedule",
    "sms",
    "time",
    "tracking",
    "vat",
]
