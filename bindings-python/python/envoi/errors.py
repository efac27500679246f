"""The exceptions envoi raises.

Every error carries the core's stable, machine-readable ``code`` (such as ``"sms.too_many_parts"``)
and the core's human message (``str(error)``). One subclass per family of codes lets callers catch a
whole domain (``except envoi.SmsError``) or any envoi error (``except envoi.EnvoiError``).
"""

from __future__ import annotations

import datetime

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

    def __reduce__(self) -> tuple[type[EnvoiError], tuple[str, str], dict[str, object]]:
        return (type(self), (str(self), self.code), dict(self.__dict__))


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


class CreditError(EnvoiError):
    """A credit operation or billing plan was refused (codes ``credits.*``).

    The error's fields are attributes, named as the core names them; those the error does not
    have are None. ``credits.insufficient_credit`` has ``kind``, ``needed`` and ``available``;
    ``credits.exceeds_reserved`` has ``key``, ``reserved`` and ``requested``;
    ``credits.time_regression`` has ``at`` and ``last``; ``credits.idempotency_conflict`` has
    ``key``, ``first`` and ``this``; the reservation errors have ``key`` (and ``units``,
    ``committed_at``, ``released_at``, ``reserved_at``, ``timed_out_at``); the order errors have
    ``order_id`` (and ``voided_at``); ``credits.invalid_units``, ``credits.invalid_argument`` and
    ``credits.invalid_kind`` have ``field``, ``value`` and ``rule`` (``invalid_kind``: ``value``);
    ``credits.invalid_entries`` has ``index`` and ``reason``. Times are aware datetimes in the
    ledger's zone. A refused operation wrote nothing.
    """

    kind: str | None = None
    """The credit kind (``insufficient_credit``)."""
    needed: int | None = None
    """The units the operation needed (``insufficient_credit``)."""
    available: int | None = None
    """The units available at the operation's time (``insufficient_credit``)."""
    key: str | None = None
    """The idempotency or reservation key (``idempotency_conflict``, the reservation errors)."""
    first: str | None = None
    """The first operation made with the key, as a person reads it (``idempotency_conflict``)."""
    this: str | None = None
    """The refused operation, as a person reads it (``idempotency_conflict``)."""
    order_id: str | None = None
    """The order id (``order_not_found``, ``order_voided``)."""
    voided_at: datetime.datetime | None = None
    """When the order was voided (``order_voided``)."""
    units: int | None = None
    """The units a reservation consumed (``reservation_already_committed``)."""
    committed_at: datetime.datetime | None = None
    """When the reservation was committed (``reservation_already_committed``)."""
    released_at: datetime.datetime | None = None
    """When the reservation was released (``reservation_already_released``)."""
    reserved_at: datetime.datetime | None = None
    """When the reservation was made (``reservation_timed_out``)."""
    timed_out_at: datetime.datetime | None = None
    """When the reservation timed out (``reservation_timed_out``)."""
    reserved: int | None = None
    """The units reserved (``exceeds_reserved``)."""
    requested: int | None = None
    """The units the commit asked for (``exceeds_reserved``)."""
    at: datetime.datetime | None = None
    """The operation's time (``time_regression``)."""
    last: datetime.datetime | None = None
    """The time of the last operation written (``time_regression``)."""
    field: str | None = None
    """The argument (``invalid_units``, ``invalid_argument``)."""
    value: int | str | None = None
    """The value as given (``invalid_units``: an int; ``invalid_argument``, ``invalid_kind``: text)."""
    rule: str | None = None
    """The rule the value breaks (``invalid_units``, ``invalid_argument``)."""
    index: int | None = None
    """The position of the first entry that does not replay (``invalid_entries``)."""
    reason: str | None = None
    """Why it does not replay (``invalid_entries``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class IdError(EnvoiError):
    """An identifier was refused (codes ``id.*``)."""


class InternalError(EnvoiError):
    """A bug inside envoi (code ``internal.panic``): a Rust panic, caught before it could abort."""
