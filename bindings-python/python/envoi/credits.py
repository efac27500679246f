"""Credits: packs of units per kind, their expiry, and their use in two phases.

Mirrors the core's ``envoi::credits``. A :class:`Ledger` holds one account's credits as
append-only entries: orders of packs (:meth:`Ledger.purchase`, :meth:`Ledger.activate`,
:meth:`Ledger.void_order`), sends in two phases (:meth:`Ledger.reserve`, then
:meth:`Ledger.commit` or :meth:`Ledger.release`) or one (:meth:`Ledger.consume`), and manual
grants and removals (:meth:`Ledger.adjust`). Its state at any instant is a pure function of the
entries: :meth:`Ledger.balance`, :meth:`Ledger.lots_at`, :meth:`Ledger.notices_at`,
:meth:`Ledger.statement`.

When an order of a kind is activated, every unexpired lot of that kind expires ``validity_months``
(24) after it, on the account's wall clock; expired units are never revived. Units are spent from
the lots that expire first. Every operation is idempotent by its key; operations never go back in
time. Kinds are strings (``"sms"``, ``"email"``, ``"secure_email"`` or a host's own); times are
aware :class:`datetime.datetime` objects in, and datetimes in the ledger's zone out.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from envoi.credits import Ledger
>>> brussels = ZoneInfo("Europe/Brussels")
>>> ledger = Ledger()
>>> _ = ledger.purchase("order-1", "sms", 1000, datetime(2025, 3, 1, 10, 0, tzinfo=brussels))
>>> _ = ledger.consume("march-newsletter", "sms", 300, datetime(2025, 3, 15, 10, 0, tzinfo=brussels))
>>> _ = ledger.purchase("order-2", "sms", 500, datetime(2026, 3, 1, 10, 0, tzinfo=brussels))
>>> balance = ledger.balance("sms", datetime(2026, 3, 2, tzinfo=brussels))
>>> balance.available, balance.expires_at.isoformat()
(1200, '2028-03-01T10:00:00+01:00')

Billing plans turn use into :class:`BillableItem` values (pricing with VAT belongs to invoicing): a
:class:`BlockPlan` bills a fee per started block of N messages per monthly period anchored on the
subscription day, and :func:`monthly_statement` groups pay-as-you-go :class:`UsageRecord` jobs
(letters, billed in the month they are handed over). Amounts are :class:`decimal.Decimal`.

Errors are :class:`envoi.CreditError` with ``.code`` (``credits.insufficient_credit``…) and the
core's fields as attributes (``needed``, ``available``, ``reserved``, ``requested``…).
"""

from __future__ import annotations

from envoi._envoi import (
    DEFAULT_VALIDITY_MONTHS,
    MAX_UNITS,
    Adjustment,
    Balance,
    BillableItem,
    BlockPeriod,
    BlockPlan,
    Expiring,
    Ledger,
    Lot,
    LowBalance,
    MonthlyStatement,
    Notices,
    Order,
    Reservation,
    Settled,
    StatementLine,
    UsageRecord,
    monthly_statement,
)

__all__ = [
    "DEFAULT_VALIDITY_MONTHS",
    "MAX_UNITS",
    "Adjustment",
    "Balance",
    "BillableItem",
    "BlockPeriod",
    "BlockPlan",
    "Expiring",
    "Ledger",
    "Lot",
    "LowBalance",
    "MonthlyStatement",
    "Notices",
    "Order",
    "Reservation",
    "Settled",
    "StatementLine",
    "UsageRecord",
    "monthly_statement",
]
