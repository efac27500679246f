"""The exceptions envoi raises.

Every error carries the core's stable, machine-readable ``code`` (such as ``"sms.too_many_parts"``)
and the core's human message (``str(error)``). One subclass per family of codes lets callers catch a
whole domain (``except envoi.SmsError``) or any envoi error (``except envoi.EnvoiError``).
"""

from __future__ import annotations

__all__ = [
    "ClockError",
    "EnvoiError",
    "IdError",
    "InternalError",
    "MoneyError",
    "ScheduleError",
    "SmsError",
    "TimeError",
]


class EnvoiError(Exception):
    """Any error raised by envoi.

    ``code`` is stable (part of the public contract); ``str(error)`` names the field, the value and
    the rule, and may be improved at any time.
    """

    code: str
    """The stable code of the error, ``family.reason`` such as ``"sms.too_many_parts"``."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> tuple[type[EnvoiError], tuple[str, str]]:
        return (type(self), (str(self), self.code))


class SmsError(EnvoiError):
    """An SMS could not be analysed (codes ``sms.*``)."""


class TimeError(EnvoiError):
    """A time-zone or date-time error (codes ``time.*``, such as ``time.not_zone_aware``)."""


class ClockError(EnvoiError):
    """The host's clock failed (code ``clock.host_error``).

    A Python exception raised by a clock's ``now()`` is re-raised unchanged rather than wrapped in
    this class.
    """


class MoneyError(EnvoiError):
    """A money error (codes ``money.*``)."""


class ScheduleError(EnvoiError):
    """A business-day computation failed (codes ``schedule.*``, such as ``schedule.no_business_day``)."""


class IdError(EnvoiError):
    """An identifier was refused (codes ``id.*``)."""


class InternalError(EnvoiError):
    """A bug inside envoi (code ``internal.panic``): a Rust panic, caught before it could abort."""
