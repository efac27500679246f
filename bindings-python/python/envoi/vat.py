"""VAT: numbers, the rates in force on a day, and which VAT an order carries (SPEC section 7).

Mirrors the core's ``envoi::vat``. The seller is established in Belgium; nothing here does I/O: the
online check of a VAT number (VIES) is the host's: its answer, or its checker, is an argument.

:func:`validate` reads a VAT number as people type it (spaces, dots, dashes, slashes, any case, the
Belgian "(0)", full-width digits; with or without the prefix when the country is given; ``GR`` read
as ``EL``) and checks its country's format and check digits, as python-stdnum does:

>>> from envoi import vat
>>> number = vat.validate("be 0403.170.701")
>>> number.valid, number.country, number.compact
(True, 'BE', 'BE0403170701')
>>> wrong = vat.validate("FR40303265046")
>>> wrong.valid, wrong.reason
(False, 'vat.bad_check_digit')

:func:`rate` gives the rates of a member state in force on a day (``decimal.Decimal`` percent), and
:func:`treatment` decides an order's VAT with the rule that decided it:

>>> from datetime import date
>>> vat.rate("DE", date(2020, 9, 1)).standard
Decimal('16')
>>> decided = vat.treatment("DE", "business", "electronic", date(2026, 3, 2),
...                         vat_number="DE136695976", vies=True, exemption_requested=True)
>>> decided.kind, decided.rate, decided.mention, decided.reason
('reverse_charge', Decimal('0'), 'reverse_charge', 'eu_business_reverse_charge')

Errors are :class:`envoi.VatError` with ``.code`` (``vat.no_rate``,
``vat.exemption_not_requested_at_order``…) and the core's fields as attributes, and
:class:`envoi.LanguageError` for a language envoi does not write in.
"""

from __future__ import annotations

from envoi._envoi import (
    B2C_THRESHOLD_EUR,
    SELLER_COUNTRY,
    VAT_COUNTRIES,
    OnlineCheck,
    Rate,
    RateTable,
    Treatment,
    Validation,
    VatEvidence,
    explain,
    is_eu_member_state,
    mention_text,
    parse,
    rate,
    treatment,
    validate,
    validate_many,
)

__all__ = [
    "B2C_THRESHOLD_EUR",
    "SELLER_COUNTRY",
    "VAT_COUNTRIES",
    "OnlineCheck",
    "Rate",
    "RateTable",
    "Treatment",
    "Validation",
    "VatEvidence",
    "explain",
    "is_eu_member_state",
    "mention_text",
    "parse",
    "rate",
    "treatment",
    "validate",
    "validate_many",
]
