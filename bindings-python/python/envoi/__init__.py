"""envoi: the rules engine for planned email, SMS and letters (Python binding).

Every rule lives in the Rust core; this package converts types and maps errors.

>>> import envoi
>>> analysis = envoi.sms.analyze("Your appointment is tomorrow at 09:30.")
>>> analysis.encoding, analysis.part_count
('gsm7', 1)
"""

from __future__ import annotations

from envoi import account, billing, contacts, credits, invoice, post, schedule, security, senders, sms, templates, time, tracking, vat
from envoi._envoi import __version__
from envoi.errors import (
    AccountError,
    BillingError,
    ClockError,
    ContactError,
    ContactImportError,
    CreditError,
    EnvoiError,
    IdError,
    InternalError,
    InvoiceError,
    LanguageError,
    MoneyError,
    PostError,
    ScheduleError,
    SecurityError,
    SenderError,
    SmsError,
    TemplateError,
    TimeError,
    TokenError,
    TrackingError,
    VatError,
)

__all__ = [
    "AccountError",
    "BillingError",
    "ClockError",
    "ContactError",
    "ContactImportError",
    "CreditError",
    "EnvoiError",
    "IdError",
    "InternalError",
    "InvoiceError",
    "LanguageError",
    "MoneyError",
    "PostError",
    "ScheduleError",
    "SecurityError",
    "SenderError",
    "SmsError",
    "TemplateError",
    "TimeError",
    "TokenError",
    "TrackingError",
    "VatError",
    "__version__",
    "account",
    "billing",
    "contacts",
    "credits",
    "invoice",
    "post",
    "schedule",
    "security",
    "senders",
    "sms",
    "templates",
    "time",
    "tracking",
    "vat",
]
