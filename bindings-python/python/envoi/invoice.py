"""Invoices and credit notes: lines, the EN 16931 arithmetic and the UBL 2.1 / Peppol BIS Billing
3.0 export (SPEC section 7).

Mirrors the core's ``envoi::invoice``. An :class:`Invoice` is a currency, :class:`InvoiceLine` objects
(description, quantity, unit price, VAT rate in percent and VAT category), a seller and a customer
(:class:`Party`), a date, a language and references. :meth:`Invoice.totals` rounds each line's net
amount to the cent, sums them per (category, rate), computes the VAT per rate rounded half away from
zero, and adds up (:class:`Totals`, :class:`RateTotal`). :meth:`Invoice.to_ubl` writes the Peppol BIS
Billing 3.0 ``Invoice`` or ``CreditNote``.

>>> from decimal import Decimal
>>> from envoi.invoice import Invoice, InvoiceLine
>>> lines = [InvoiceLine("SMS pack, 1000 parts", 1000, Decimal("0.0075"), 21),
...          InvoiceLine("Registered letters", 3, Decimal("8.125"), 21)]
>>> totals = Invoice("EUR", lines).totals()
>>> totals.total_without_vat, totals.total_vat, totals.total_with_vat
(Decimal('31.88'), Decimal('6.69'), Decimal('38.57'))

Amounts are :class:`decimal.Decimal` (``int`` accepted in); a ``float`` is a ``TypeError``. Errors
are :class:`envoi.InvoiceError` with ``.code`` (``invoice.missing_field``…) and the core's fields as
attributes.
"""

from __future__ import annotations

from envoi._envoi import (
    LANGUAGES,
    VAT_CATEGORIES,
    Invoice,
    InvoiceLine,
    Party,
    RateTotal,
    Totals,
)

__all__ = [
    "LANGUAGES",
    "VAT_CATEGORIES",
    "Invoice",
    "InvoiceLine",
    "Party",
    "RateTotal",
    "Totals",
]
