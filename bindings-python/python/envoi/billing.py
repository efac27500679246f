"""Billing: price lists, invoice numbers, orders, invoices and the runs (issue 10).

Mirrors the core's ``envoi::billing``. A :class:`PriceList` is data, not code: per-channel
:class:`UnitPrice` entries, the :class:`Pack` catalogue, block plans (:class:`BlockPlanPrice`, whose
``subscribe`` makes an :class:`envoi.credits.BlockPlan`) and :class:`LetterTariff` entries, each
with its currency and :class:`Validity`, read from JSON or TOML text with errors that name the
file, the entry and the field. A query at a day gets the price valid that day, or
``billing.no_price`` saying what has no price that day: never a guess.

>>> from datetime import date
>>> from envoi.billing import InvoiceNumber, PriceList, check_sequence
>>> prices = PriceList.from_json('''{"packs": [
...   {"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR",
...    "valid_from": "2026-01-01", "valid_until": "2026-07-01"},
...   {"id": "sms-1000", "kind": "sms", "units": 1000, "price": "72.00", "currency": "EUR",
...    "valid_from": "2026-07-01"}]}''', file="prices.json")
>>> pack = prices.pack("sms-1000", date(2026, 7, 1))
>>> pack.kind, pack.units, pack.price, pack.currency
('sms', 1000, Decimal('72.00'), 'EUR')
>>> number = InvoiceNumber.parse("2026-F-000123")
>>> number.year, number.series, number.sequence, str(number.next())
(2026, 'F', 123, '2026-F-000124')
>>> check_sequence(["2026-F-000001", "2026-F-000002"]) is None
True

Orders of credit packs (:func:`place_order` → :class:`PackOrder`, the VAT decided when ordering),
their :class:`InvoiceDraft` and the :class:`InvoiceBook` that numbers each draft key once
(:class:`IssuedInvoice`: UBL, text, HTML), :func:`monthly_run` for a month's letters and messages,
and :func:`subscribe_block_plan` / :func:`block_plan_run` for block plans, follow the core's
``envoi::billing``; the binding's README walks the whole flow.

Invoice numbers (``2026-F-000123``) run in one gapless sequence per series and year; the host's
store allocates them and :func:`check_sequence` raises one :class:`envoi.BillingError`
(``billing.invoice_sequence``) listing every gap and duplicate (:class:`SequenceProblem`). Days are
:class:`datetime.date` objects, amounts :class:`decimal.Decimal` with their ISO 4217 ``currency``.
Errors are :class:`envoi.BillingError` with ``.code`` (``billing.negative_price``…) and the core's
fields as attributes (``file``, ``entry``, ``field``, ``value``, ``rule``…).
"""

from __future__ import annotations

from envoi._envoi import (
    PAYMENT_METHODS,
    SEQUENCE_DIGITS,
    BlockPlanPrice,
    BlockSubscription,
    InvoiceBook,
    InvoiceDraft,
    InvoiceNumber,
    IssuedInvoice,
    LetterPrice,
    LetterQuery,
    LetterTariff,
    LetterUsage,
    MessageUsage,
    MonthlyUsage,
    Pack,
    PackOrder,
    PostageRate,
    PriceList,
    Seller,
    SequenceProblem,
    UnitPrice,
    Validity,
    block_plan_run,
    check_sequence,
    check_sequence_after,
    monthly_run,
    place_order,
    subscribe_block_plan,
)

__all__ = [
    "PAYMENT_METHODS",
    "SEQUENCE_DIGITS",
    "BlockPlanPrice",
    "BlockSubscription",
    "InvoiceBook",
    "InvoiceDraft",
    "InvoiceNumber",
    "IssuedInvoice",
    "LetterPrice",
    "LetterQuery",
    "LetterTariff",
    "LetterUsage",
    "MessageUsage",
    "MonthlyUsage",
    "Pack",
    "PackOrder",
    "PostageRate",
    "PriceList",
    "Seller",
    "SequenceProblem",
    "UnitPrice",
    "Validity",
    "block_plan_run",
    "check_sequence",
    "check_sequence_after",
    "monthly_run",
    "place_order",
    "subscribe_block_plan",
]
