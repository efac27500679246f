"""The exceptions envoi raises.

Every error carries the core's stable, machine-readable ``code`` (such as ``"sms.too_many_parts"``)
and the core's human message (``str(error)``). One subclass per family of codes lets callers catch a
whole domain (``except envoi.SmsError``) or any envoi error (``except envoi.EnvoiError``).
"""

from __future__ import annotations

import datetime
import decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from envoi._envoi import RecipientFailure, SequenceProblem

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


class VatError(EnvoiError):
    """A VAT number, rate lookup, rate table or VAT treatment was refused (codes ``vat.*``).

    The error's fields are attributes, named as the core names them; those the error does not have
    are None. The number errors (``vat.empty``, ``vat.unknown_country``, ``vat.country_mismatch``,
    ``vat.invalid_character``, ``vat.bad_length``, ``vat.bad_format``, ``vat.bad_check_digit``)
    have ``value`` (the number as given) or ``compact``, and ``field``, ``hint``, ``prefix``,
    ``country``, ``character``, ``length``, ``expected``, ``rule`` as they apply;
    ``vat.no_rate`` has ``country``, ``date`` and ``covered``; ``vat.invalid_rate_table`` has
    ``entry``, ``field``, ``value`` and ``rule``; ``vat.invalid_argument`` has ``field``, ``value``
    and ``expected``; ``vat.invalid_amount`` has ``field``, ``value`` and ``rule``;
    ``vat.exemption_not_requested_at_order`` has ``order_id`` and ``treatment``.
    """

    field: str | None = None
    """The argument or table field (``vat_number``, ``country``, ``customer_kind``…)."""
    value: str | None = None
    """The value as given (as text)."""
    hint: str | None = None
    """A suggestion (``vat.unknown_country``: a GB number is accepted only as XI…), or None."""
    prefix: str | None = None
    """The prefix read from the number (``vat.country_mismatch``)."""
    country: str | None = None
    """The country (``EL`` for Greece) the number or the rate is read for."""
    character: str | None = None
    """The character no number of the country contains (``vat.invalid_character``)."""
    compact: str | None = None
    """The number without separators (``vat.bad_length``, ``vat.bad_format``, ``vat.bad_check_digit``)."""
    length: int | None = None
    """The number's length after the country prefix (``vat.bad_length``)."""
    expected: str | None = None
    """The lengths or values accepted, as a person reads them (``vat.bad_length``, ``vat.invalid_argument``)."""
    rule: str | None = None
    """The rule the value breaks (``vat.bad_format``, ``vat.invalid_rate_table``, ``vat.invalid_amount``)."""
    date: datetime.date | None = None
    """The day asked for (``vat.no_rate``)."""
    covered: str | None = None
    """What the rate table covers (``vat.no_rate``)."""
    entry: str | None = None
    """Where in the rate table (``vat.invalid_rate_table``)."""
    order_id: str | None = None
    """The order (``vat.exemption_not_requested_at_order``)."""
    treatment: str | None = None
    """The treatment the order was placed with, as a person reads it (``vat.exemption_not_requested_at_order``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class InvoiceError(EnvoiError):
    """An invoice line, party, invoice or its UBL export was refused (codes ``invoice.*``).

    The error's fields are attributes, named as the core names them; those the error does not have
    are None. ``invoice.invalid_text`` and ``invoice.invalid_identifier`` have ``field``, ``value``
    and ``rule``; ``invoice.invalid_quantity``, ``invoice.invalid_unit_price`` and
    ``invoice.invalid_rate`` have ``value`` (a Decimal) and ``rule``;
    ``invoice.category_rate_mismatch`` has ``category``, ``rate`` and ``rule``;
    ``invoice.invalid_argument`` has ``field``, ``value`` and ``expected``;
    ``invoice.invalid_tax_currency`` has ``currency``, ``exchange_rate`` and ``rule``;
    ``invoice.invalid_date`` has ``field``, ``value`` (a date) and ``rule``;
    ``invoice.missing_field``, ``invoice.not_applicable`` and ``invoice.amount_out_of_range`` have
    ``field`` and ``rule``; ``invoice.incompatible_categories`` has ``first``, ``second`` and
    ``rule``; ``invoice.unsupported_currency`` has ``field``, ``currency`` and ``rule``;
    ``invoice.line_rounding`` has ``index``, ``exact``, ``net`` and ``currency``; ``invoice.xml``
    has ``reason``.
    """

    field: str | None = None
    """The field (``description``, ``seller.name``, ``number``, ``customer.endpoint``…)."""
    value: str | decimal.Decimal | datetime.date | None = None
    """The value as given: text, a Decimal (quantity, unit price, rate) or a date."""
    rule: str | None = None
    """The rule it breaks, with the EN 16931 or Peppol rule id where there is one."""
    expected: str | None = None
    """The accepted values (``invoice.invalid_argument``)."""
    category: str | None = None
    """The VAT category code, such as ``"S"`` (``invoice.category_rate_mismatch``)."""
    rate: decimal.Decimal | None = None
    """The line's rate in percent (``invoice.category_rate_mismatch``)."""
    currency: str | None = None
    """The ISO 4217 code (``invalid_tax_currency``, ``unsupported_currency``, ``line_rounding``)."""
    exchange_rate: decimal.Decimal | None = None
    """The exchange rate given (``invoice.invalid_tax_currency``)."""
    first: str | None = None
    """One category present (``invoice.incompatible_categories``)."""
    second: str | None = None
    """Another category present (``invoice.incompatible_categories``)."""
    index: int | None = None
    """The position of the line, from 0 (``invoice.line_rounding``)."""
    exact: decimal.Decimal | None = None
    """Quantity × unit price, unrounded (``invoice.line_rounding``)."""
    net: decimal.Decimal | None = None
    """The net amount rounded to the currency's minor unit (``invoice.line_rounding``)."""
    reason: str | None = None
    """The XML writer's message (``invoice.xml``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class PostError(EnvoiError):
    """A letter, a job or a post computation was refused (codes ``post.*``).

    The error's fields are attributes, named as the core names them (``from`` is ``from_``); those
    the error does not have are None. ``post.too_many_sheets`` has ``sheets``, ``max`` and ``over``;
    ``post.envelope_too_small`` has ``envelope``, ``capacity``, ``sheets``, ``over`` and
    ``smallest_fitting``; ``post.empty_document`` has ``document`` and ``document_name``;
    ``post.not_a4`` has ``document``, ``document_name``, ``page`` (from 1), ``width_mm``,
    ``height_mm`` and ``size``; ``post.background_not_one_page`` has ``pages``;
    ``post.too_heavy`` has ``weight_grams``, ``format`` and ``max_grams``;
    ``post.registered_national_only`` and ``post.non_prior_national_only`` have ``country``;
    ``post.acknowledgement_registered_only`` has ``postage``; ``post.no_delivery_data`` has
    ``country`` and ``verified_on``; the country line's errors (``post.unknown_country``,
    ``post.country_not_in_capitals``, ``post.ambiguous_country``, ``post.country_line_missing``)
    have ``line`` and ``value``, and ``suggestions``, ``proposed``, ``candidates`` or ``prefix``;
    a PDF's errors (``post.pdf_corrupt``, ``post.pdf_encrypted``, ``post.pdf_no_pages``,
    ``post.pdf_page_without_box``, ``post.pdf_invalid_box``, ``post.pdf_invalid_rotate``) have
    ``reason``, ``page``, ``name``, ``value`` and ``rule`` as they apply, and ``document`` and
    ``document_name`` when the PDF was a document of a letter; ``post.illegal_transition`` has
    ``from_``, ``to`` and ``rule``; ``post.approval_required`` has ``from_``;
    ``post.self_approval`` has ``approver``; ``post.wrong_approver`` has ``approver`` (the one
    asked) and ``given``; ``post.approval_link_mismatch`` has ``link_account``, ``link_job``,
    ``account`` and ``job``; ``post.approval_link_without_job`` has ``missing``;
    ``post.invalid_link_base`` has ``value``; ``post.time_regression`` has ``at`` and ``last``;
    ``post.job_refused`` has ``recipients`` and ``failures``; ``post.invalid_job`` has ``field``,
    ``value`` and ``rule``; ``post.not_registered`` has ``postage``; ``post.wrong_job_state`` has
    ``action``, ``state`` and ``needed``; ``post.barcodes_not_assigned`` has ``letters``;
    ``post.invalid_barcode`` and ``post.invalid_barcode_range`` have ``field``, ``value`` and
    ``rule``; ``post.barcode_check_digit_mismatch`` has ``value``, ``serial``, ``expected`` and
    ``found``; ``post.barcode_next_outside_range`` has ``next``, ``first`` and ``last`` (serials);
    ``post.barcode_range_exhausted`` has ``first`` and ``last`` (the range's first and last
    barcodes), ``requested`` and ``remaining``; ``post.handover_before_submission`` has
    ``submitted_on`` and ``handed_over_on``; ``post.invalid_data`` and ``post.date_out_of_range``
    have ``field`` and ``rule``, and ``value`` or ``date``. The business calendar's errors stay
    :class:`ScheduleError`; an approval link's token errors are :class:`TokenError`.
    """

    document: int | str | None = None
    """The document: its index in the letter's documents (from 0), or ``"background"``."""
    document_name: str | None = None
    """The document's name, when it has one."""
    page: int | None = None
    """The page, from 1 (``not_a4``, the PDF's errors)."""
    width_mm: decimal.Decimal | None = None
    """The page's width in millimetres (``not_a4``)."""
    height_mm: decimal.Decimal | None = None
    """The page's height in millimetres (``not_a4``)."""
    size: tuple[decimal.Decimal, decimal.Decimal] | None = None
    """The page's ``(width_mm, height_mm)`` (``not_a4``)."""
    pages: int | None = None
    """The pages of the background (``background_not_one_page``)."""
    sheets: int | None = None
    """The sheets the letter needs (``too_many_sheets``, ``envelope_too_small``)."""
    max: int | None = None
    """The most sheets a letter may have, 25 (``too_many_sheets``)."""
    over: int | None = None
    """How many sheets too many (``too_many_sheets``, ``envelope_too_small``)."""
    envelope: str | None = None
    """The envelope forced, ``"us"``, ``"c5"`` or ``"c4"`` (``envelope_too_small``)."""
    capacity: int | None = None
    """The sheets the forced envelope holds (``envelope_too_small``)."""
    smallest_fitting: str | None = None
    """The smallest envelope that holds the letter (``envelope_too_small``)."""
    weight_grams: decimal.Decimal | None = None
    """The letter's weight in grams (``too_heavy``)."""
    format: str | None = None
    """The format, ``"small"`` or ``"large"`` (``too_heavy``)."""
    max_grams: int | None = None
    """The heaviest letter of the format in the post data (``too_heavy``)."""
    country: str | None = None
    """The destination country, an ISO code (``registered_national_only``…)."""
    postage: str | None = None
    """The postage asked for (``acknowledgement_registered_only``), or the job's
    (``not_registered``)."""
    verified_on: datetime.date | None = None
    """The day the post data was last checked (``no_delivery_data``)."""
    line: int | None = None
    """The address line read as the country line, from 0; None for ``country()``."""
    value: str | None = None
    """The value as given: the country line, a PDF box or /Rotate, a data field's value, a barcode…"""
    proposed: str | None = None
    """The country name in capitals (``country_not_in_capitals``)."""
    suggestions: list[tuple[str, str]] | None = None
    """The closest country names, ``[(code, name), …]``, maybe empty (``unknown_country``)."""
    candidates: list[tuple[str, str]] | None = None
    """The countries the name can mean, ``[(code, name), …]`` (``ambiguous_country``)."""
    prefix: str | None = None
    """The foreign postcode prefix, such as ``"F"`` (``country_line_missing``)."""
    reason: str | None = None
    """Why the file is not a readable PDF (``pdf_corrupt``)."""
    name: str | None = None
    """The PDF box, such as ``"MediaBox"`` (``pdf_invalid_box``)."""
    field: str | None = None
    """Where (``invalid_data``, ``date_out_of_range``, ``invalid_job``, ``invalid_barcode``,
    ``invalid_barcode_range``)."""
    rule: str | None = None
    """The rule broken, or what the state machine allows (``illegal_transition``)."""
    date: datetime.date | None = None
    """The day counted from (``date_out_of_range``); None past Python's dates."""
    from_: str | None = None
    """The job's state (``illegal_transition``, ``approval_required``)."""
    to: str | None = None
    """The state asked for (``illegal_transition``)."""
    approver: int | None = None
    """The approver: the sender (``self_approval``), or the one asked (``wrong_approver``)."""
    given: int | None = None
    """The user who tried to approve or reject (``wrong_approver``)."""
    missing: str | None = None
    """The claim an approval link lacks: ``"account"``, ``"message"`` or ``"account and message"``
    (``approval_link_without_job``)."""
    link_account: int | None = None
    """The account an approval link names (``approval_link_mismatch``)."""
    link_job: int | None = None
    """The job an approval link names (``approval_link_mismatch``)."""
    account: int | None = None
    """The account of the job (``approval_link_mismatch``)."""
    job: int | None = None
    """The job (``approval_link_mismatch``)."""
    at: datetime.datetime | None = None
    """The time given (``time_regression``), in Europe/Brussels."""
    last: datetime.datetime | int | str | None = None
    """The time of the job's last change (``time_regression``), the range's last serial
    (``barcode_next_outside_range``) or its last barcode (``barcode_range_exhausted``)."""
    first: int | str | None = None
    """The range's first serial (``barcode_next_outside_range``) or its first barcode
    (``barcode_range_exhausted``)."""
    next: int | None = None
    """The next serial of a stored range (``barcode_next_outside_range``)."""
    requested: int | None = None
    """How many barcodes were asked for (``barcode_range_exhausted``)."""
    remaining: int | None = None
    """How many barcodes are left, fewer than asked (``barcode_range_exhausted``)."""
    serial: str | None = None
    """The eight-digit serial of a UPU S10 barcode (``barcode_check_digit_mismatch``)."""
    expected: int | None = None
    """The check digit the serial gives (``barcode_check_digit_mismatch``)."""
    found: int | None = None
    """The check digit the barcode has (``barcode_check_digit_mismatch``)."""
    action: str | None = None
    """The action asked of the job: ``"assign_barcodes"`` or ``"registered_summaries"``
    (``wrong_job_state``)."""
    state: str | None = None
    """The job's state (``wrong_job_state``)."""
    needed: str | None = None
    """The state the action needs (``wrong_job_state``)."""
    letters: int | None = None
    """The number of registered letters of the job (``barcodes_not_assigned``)."""
    recipients: int | None = None
    """The number of recipients of the job (``job_refused``)."""
    failures: list[RecipientFailure] | None = None
    """Each refused recipient, an ``envoi.post.RecipientFailure`` in row order (``job_refused``)."""
    submitted_on: datetime.date | None = None
    """The submission day (``handover_before_submission``)."""
    handed_over_on: datetime.date | None = None
    """The handover day given (``handover_before_submission``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class LanguageError(EnvoiError):
    """A language code envoi does not write in (code ``language.unsupported``).

    envoi writes in ``"fr"``, ``"nl"``, ``"de"`` and ``"en"``; ``value`` is the code as given.
    """

    value: str | None = None
    """The language code as given."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class TokenError(EnvoiError):
    """A token, a key ring or a one-time code was refused (codes ``token.*``).

    A token that fails to verify gets the first check it fails, in the core's order:
    ``token.wrong_length``, ``token.bad_base64``, ``token.unsupported_version``,
    ``token.unknown_key``, ``token.bad_tag``, ``token.non_canonical``, ``token.wrong_purpose``,
    ``token.expired``. The error's fields are attributes, named as the core names them; those the
    error does not have are None. ``token.bad_base64`` and ``token.code_malformed`` have ``reason``;
    ``token.wrong_length`` has ``length``, ``unit`` (``"characters"`` or ``"bytes"``), ``min`` and
    ``max``; ``token.unsupported_version`` has ``version`` and ``supported``;
    ``token.unknown_key``, ``token.bad_tag``, ``token.duplicate_key`` and
    ``token.active_key_missing`` have ``key_id``; ``token.key_too_short`` has ``key_id``,
    ``length`` and ``min``; ``token.non_canonical`` has ``field`` and ``rule``;
    ``token.wrong_purpose`` has ``expected`` and ``found`` (purpose names); ``token.expired`` and
    ``token.code_expired`` have ``expires_at`` and ``now``; ``token.unknown_purpose`` has
    ``value``; ``token.invalid_time`` has ``field``, ``value`` (a datetime) and ``rule``;
    ``token.invalid_argument`` has ``field``, ``value`` (text) and ``rule``;
    ``token.code_mismatch`` has ``attempts_left``; ``token.code_locked`` has ``attempts``;
    ``token.code_used`` has none. Times are aware datetimes in UTC.
    """

    reason: str | None = None
    """What is wrong (``bad_base64``: and where; ``code_malformed``: the typed code)."""
    length: int | None = None
    """The length found (``wrong_length``) or the key's length in bytes (``key_too_short``)."""
    unit: str | None = None
    """``"characters"`` (the text, checked before decoding) or ``"bytes"`` (``wrong_length``)."""
    min: int | None = None
    """The shortest possible token (``wrong_length``) or key (``key_too_short``)."""
    max: int | None = None
    """The longest possible token in this unit (``wrong_length``)."""
    version: int | None = None
    """The version byte found (``unsupported_version``)."""
    supported: int | None = None
    """The version this envoi reads and writes (``unsupported_version``)."""
    key_id: int | None = None
    """The key id (``unknown_key``, ``bad_tag``, ``key_too_short``, ``duplicate_key``, ``active_key_missing``)."""
    field: str | None = None
    """The part or argument (``non_canonical``, ``invalid_time``, ``invalid_argument``)."""
    rule: str | None = None
    """The rule it breaks (``non_canonical``, ``invalid_time``, ``invalid_argument``)."""
    expected: str | None = None
    """The purpose the caller verifies for (``wrong_purpose``)."""
    found: str | None = None
    """The purpose the token was made for (``wrong_purpose``)."""
    expires_at: datetime.datetime | None = None
    """The token's or the code's expiry (``expired``, ``code_expired``)."""
    now: datetime.datetime | None = None
    """The time of the check (``expired``, ``code_expired``)."""
    value: str | datetime.datetime | None = None
    """The value as given: text (``unknown_purpose``, ``invalid_argument``) or a datetime (``invalid_time``)."""
    attempts_left: int | None = None
    """Wrong codes still allowed before the challenge locks (``code_mismatch``)."""
    attempts: int | None = None
    """The attempts the challenge allowed, all used (``code_locked``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class TrackingError(EnvoiError):
    """A tracked email, a secure-email access or the statistics refused something (codes ``tracking.*``).

    A token the key ring refused keeps the key ring's own error: :class:`TokenError`. The error's
    fields are attributes, named as the core names them; those the error does not have are None.
    Tracked email: ``tracking.invalid_option`` and ``tracking.invalid_claims`` have ``field``,
    ``value`` and ``rule``; ``tracking.too_many_links`` has ``limit``;
    ``tracking.ambiguous_html`` and ``tracking.html_rewrite_failed`` have ``detail``. Secure
    access: ``tracking.secure_link_mismatch`` has ``expected`` and ``found`` (claims dicts);
    ``tracking.secure_locked`` has ``reason`` (``"expired"``, ``"too_many_attempts"``,
    ``"revoked"``) and ``at``; ``tracking.secure_too_many_codes`` has ``max``;
    ``tracking.secure_wrong_code`` has ``attempts_left``; ``tracking.secure_code_malformed`` has
    ``reason``; ``tracking.secure_code_expired`` has ``expires_at``;
    ``tracking.secure_code_required``, ``tracking.secure_no_code_issued``,
    ``tracking.secure_code_not_required``, ``tracking.secure_code_used`` and
    ``tracking.secure_code_locked`` have none. Statistics: ``tracking.invalid_rules_json`` has
    ``line``, ``column`` and ``reason``; ``tracking.invalid_machine_rule`` and
    ``tracking.invalid_ip_range`` have ``entry``, ``field``, ``value`` and ``rule``;
    ``tracking.duplicate_rule_name`` has ``name``, ``first`` and ``second``;
    ``tracking.not_a_tracking_token`` has ``purpose``. Times are aware datetimes in UTC.
    """

    field: str | None = None
    """The option, claim or rule field (``base_url``, ``claims.link``, ``code.length``, ``seconds``…)."""
    value: str | None = None
    """The value as given, as text."""
    rule: str | None = None
    """The rule it breaks."""
    limit: int | None = None
    """The most links one email can track (``too_many_links``)."""
    detail: str | None = None
    """The HTML rewriter's description (``ambiguous_html``, ``html_rewrite_failed``)."""
    expected: dict[str, int] | None = None
    """The access's claims (``secure_link_mismatch``)."""
    found: dict[str, int] | None = None
    """The link's claims (``secure_link_mismatch``)."""
    reason: str | None = None
    """Why: the lock reason (``secure_locked``), what is wrong with a code (``secure_code_malformed``) or the JSON (``invalid_rules_json``)."""
    at: datetime.datetime | None = None
    """When the access locked (``secure_locked``)."""
    max: int | None = None
    """The codes the access allows (``secure_too_many_codes``)."""
    attempts_left: int | None = None
    """Wrong codes still allowed (``secure_wrong_code``)."""
    expires_at: datetime.datetime | None = None
    """The current code's expiry (``secure_code_expired``)."""
    line: int | None = None
    """The line of the JSON error, from 1 (``invalid_rules_json``)."""
    column: int | None = None
    """The column of the JSON error, from 1 (``invalid_rules_json``)."""
    entry: str | None = None
    """Which rule: ``rules[3] (apple_mpp_user_agent)`` (``invalid_machine_rule``, ``invalid_ip_range``)."""
    name: str | None = None
    """The verdict rule name two rules give (``duplicate_rule_name``)."""
    first: int | None = None
    """The position of the first rule with that name (``duplicate_rule_name``)."""
    second: int | None = None
    """The position of the second rule with that name (``duplicate_rule_name``)."""
    purpose: str | None = None
    """The token's purpose (``not_a_tracking_token``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class ContactError(EnvoiError):
    """A contact, a phone number, an email address or a region was refused (codes ``contacts.*``).

    The error's fields are attributes, named as the core names them; those the error does not have
    are None. ``contacts.invalid_phone`` has ``value`` (the text as given), ``reason`` (why, as a
    person reads it) and the reason's own fields: ``character`` and ``position`` (a character that
    is not allowed, counted from 1), ``length`` and ``max`` (too long a text), ``e164`` (a number
    that does not read back), ``region`` and ``country_code`` (not a valid number of its country);
    ``contacts.invalid_email`` has ``value`` and ``reason``; ``contacts.unknown_region`` has
    ``value``; ``contacts.unknown_contact`` has ``ids`` (every unknown id, each once, in order);
    ``contacts.consent_out_of_order`` has ``channel``, ``action`` (``"opt-out"`` or ``"opt-in"``),
    ``at`` and ``last``. Times are aware datetimes in UTC. The import's own errors are
    :class:`ContactImportError`.
    """

    value: str | None = None
    """The value as given (cut)."""
    reason: str | None = None
    """Why it was refused, as a person reads it (``invalid_phone``, ``invalid_email``)."""
    character: str | None = None
    """The character that is not allowed (``invalid_phone``)."""
    position: int | None = None
    """Its position in the trimmed text, from 1 (``invalid_phone``)."""
    length: int | None = None
    """The trimmed text's length in bytes (``invalid_phone``: too long)."""
    max: int | None = None
    """The longest text a phone number is written in (``invalid_phone``: too long)."""
    e164: str | None = None
    """The E.164 text it read as, which does not read back (``invalid_phone``)."""
    region: str | None = None
    """The number's region, None for the non-geographic codes (``invalid_phone``: invalid for its region)."""
    country_code: int | None = None
    """The country calling code (``invalid_phone``: invalid for its region)."""
    ids: list[str] | None = None
    """The unknown contact ids (``unknown_contact``)."""
    channel: str | None = None
    """The channel (``consent_out_of_order``)."""
    action: str | None = None
    """``"opt-out"`` or ``"opt-in"`` (``consent_out_of_order``)."""
    at: datetime.datetime | None = None
    """The time given (``consent_out_of_order``)."""
    last: datetime.datetime | None = None
    """The time of the channel's last change (``consent_out_of_order``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class ContactImportError(ContactError):
    """A contact import could not go on at all (codes ``contacts.import.*``).

    A problem with one row is never raised: it is a :class:`envoi.contacts.RowError` in the report.
    The error's fields are attributes, named as the core names them; those the error does not have
    are None. ``contacts.import.no_header`` has none; ``contacts.import.no_address_column`` has
    ``headers``; ``contacts.import.duplicate_column`` has ``target``, ``first``,
    ``first_position``, ``second`` and ``second_position``;
    ``contacts.import.unknown_mapping_column`` has ``column`` and ``headers``;
    ``contacts.import.unknown_field`` and ``contacts.import.invalid_delimiter`` have ``value``;
    ``contacts.import.malformed_text`` has ``detail``; ``contacts.import.unterminated_quote`` has
    ``quote_line`` (the header opens a quote it never closes); ``contacts.import.row_too_long`` has
    ``limit`` (the header line is longer); ``contacts.import.read_failed`` has
    ``detail`` (the reader's message; the core's field ``message``, renamed as ``message`` is the
    exception's own argument).
    """

    headers: list[str] | None = None
    """The header texts found (``no_address_column``, ``unknown_mapping_column``)."""
    target: str | None = None
    """What both columns would fill (``duplicate_column``: ``mobile``, ``custom field "Notes"``…)."""
    first: str | None = None
    """The first column's header (``duplicate_column``)."""
    first_position: int | None = None
    """Its position, from 1 (``duplicate_column``)."""
    second: str | None = None
    """The second column's header (``duplicate_column``)."""
    second_position: int | None = None
    """Its position, from 1 (``duplicate_column``)."""
    column: str | None = None
    """The mapping's key that is not a column (``unknown_mapping_column``)."""
    detail: str | None = None
    """The encoding and the byte offset (``malformed_text``) or the reader's message (``read_failed``)."""
    quote_line: int | None = None
    """The line of the header's unclosed quote (``unterminated_quote``)."""
    limit: int | None = None
    """The most bytes the header line may take (``row_too_long``)."""


class TemplateError(EnvoiError):
    """A merge-field template was refused or could not be rendered (codes ``templates.*``).

    The error's fields are attributes, named as the core names them; those the error does not have
    are None. Positions are ``line`` and ``column`` (from 1, the column in characters).
    ``templates.unclosed_field`` has ``line``, ``column``, ``excerpt`` and ``until``
    (``"end_of_text"``, ``"end_of_line"`` or ``"next_field"``, with ``until_line`` and
    ``until_column``); ``templates.empty_name`` has ``line``, ``column`` and ``excerpt``;
    ``templates.invalid_name`` has ``line``, ``column``, ``character``, ``excerpt`` and ``hint``;
    ``templates.unknown_field`` has ``unknown`` (every unknown use in reading order, each a dict
    with ``name``, ``line``, ``column`` and ``suggestion``), ``known``, and the first use's
    ``name``, ``line``, ``column`` and ``suggestion``;
    ``templates.missing_value`` has ``name``, ``line`` and ``column``;
    ``templates.invalid_task_field`` has ``name``.
    """

    line: int | None = None
    """The line, from 1."""
    column: int | None = None
    """The column in characters, from 1."""
    excerpt: str | None = None
    """The offending text (at most 40 characters)."""
    until: str | None = None
    """Where the search for ``}}`` stopped (``unclosed_field``)."""
    until_line: int | None = None
    """The line of the next ``{{`` (``unclosed_field`` with ``until="next_field"``)."""
    until_column: int | None = None
    """The column of the next ``{{`` (``unclosed_field`` with ``until="next_field"``)."""
    character: str | None = None
    """The character that cannot be in a field name (``invalid_name``)."""
    hint: str | None = None
    """A valid name close to what was written (``invalid_name``), or None."""
    name: str | None = None
    """The field's name (``unknown_field``, ``missing_value``, ``invalid_task_field``)."""
    known: list[str] | None = None
    """The known fields, sorted (``unknown_field``)."""
    unknown: list[dict[str, object]] | None = None
    """Every unknown field use, in reading order (``unknown_field``): ``name``, ``line``,
    ``column``, ``suggestion``."""
    suggestion: str | None = None
    """The closest known field (``unknown_field``), or None."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class SenderError(EnvoiError):
    """A sender, its number or its verification was refused (codes ``senders.*``).

    A number that is not a phone number at all is :class:`ContactError`
    (``contacts.invalid_phone``), a verification code the key ring refuses :class:`TokenError`
    (``token.code_mismatch``…). The error's fields are attributes, named as the core names them;
    those the error does not have are None. ``senders.not_international`` has ``value`` and
    ``suggestion``; ``senders.alphanumeric_sender`` has ``value``; ``senders.not_mobile`` has
    ``number`` and ``kind``; ``senders.not_verified`` has ``sender`` and ``state``;
    ``senders.wrong_channel`` has ``sender``, ``address`` and ``channel``;
    ``senders.already_verified`` has ``sender`` and ``at``; ``senders.no_pending_verification`` has
    ``sender``; ``senders.challenge_mismatch`` has ``sender``, ``found_account`` and
    ``found_sender``, or (a code sent to another address) ``sender`` and ``address``;
    ``senders.too_many_verifications`` has ``sender``, ``count`` and ``next_allowed_at``;
    ``senders.invalid_parameter`` has ``field``, ``value`` and ``rule``.
    """

    value: str | None = None
    """The text as given."""
    suggestion: str | None = None
    """The international form, when the text reads as a Belgian mobile (``not_international``)."""
    number: str | None = None
    """The number in E.164 form (``not_mobile``)."""
    kind: str | None = None
    """The number's kind of line (``not_mobile``)."""
    sender: int | None = None
    """The sender's id."""
    state: str | None = None
    """``"unverified"`` or ``"pending"`` (``not_verified``)."""
    address: str | None = None
    """The channel of the sender's address (``wrong_channel``), or the sender's current address
    (``challenge_mismatch`` for a code sent to another address)."""
    channel: str | None = None
    """The channel asked for (``wrong_channel``)."""
    at: datetime.datetime | None = None
    """When the sender was verified (``already_verified``)."""
    found_account: int | None = None
    """The account the stored challenge names (``challenge_mismatch``)."""
    found_sender: int | None = None
    """The sender the stored challenge names (``challenge_mismatch``)."""
    count: int | None = None
    """The verification codes sent within 24 hours (``too_many_verifications``)."""
    next_allowed_at: datetime.datetime | None = None
    """When the next code may be sent (``too_many_verifications``)."""
    field: str | None = None
    """The parameter (``invalid_parameter``)."""
    rule: str | None = None
    """The rule it breaks (``invalid_parameter``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class SecurityError(EnvoiError):
    """A login, a lockout policy or a password reset was refused (codes ``security.*``).

    A reset token that does not verify keeps the key ring's error: :class:`TokenError`. The
    error's fields are attributes, named as the core names them; those the error does not have are
    None. ``security.invalid_parameter`` has ``field``, ``value`` and ``rule`` (or, for a cap below
    the first lock, ``cap_seconds`` and ``first_lock_seconds``); ``security.account_locked`` has
    ``locked_until`` and ``remaining`` (a ``timedelta``); ``security.credential_changed`` has
    ``token_version`` and ``current_version``; ``security.reset_token_used`` has ``token_id``;
    ``security.wrong_account`` has ``token_account`` and ``account``;
    ``security.reset_token_incomplete`` has ``missing``. Times are aware datetimes in UTC.
    """

    field: str | None = None
    """The parameter (``invalid_parameter``)."""
    value: str | None = None
    """The value as given (``invalid_parameter``)."""
    rule: str | None = None
    """The rule it breaks (``invalid_parameter``)."""
    cap_seconds: int | None = None
    """The cap (``invalid_parameter``: below the first lock)."""
    first_lock_seconds: int | None = None
    """The first lock (``invalid_parameter``: above the cap)."""
    locked_until: datetime.datetime | None = None
    """When the lock ends (``account_locked``)."""
    remaining: datetime.timedelta | None = None
    """The time left at the check (``account_locked``)."""
    token_version: int | None = None
    """The credential version in the token (``credential_changed``)."""
    current_version: int | None = None
    """The account's current credential version (``credential_changed``)."""
    token_id: str | None = None
    """The token's id (``reset_token_used``)."""
    token_account: int | None = None
    """The account the token names (``wrong_account``)."""
    account: int | None = None
    """The account that asked (``wrong_account``)."""
    missing: str | None = None
    """The missing part (``reset_token_incomplete``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class AccountError(EnvoiError):
    """An account, a change of its state or a send it may not make was refused (codes ``account.*``).

    The error's fields are attributes, named as the core names them (``from`` is ``from_``); those
    the error does not have are None. ``account.invalid_country`` has ``value``;
    ``account.illegal_transition`` has ``account``, ``from_`` and ``to``;
    ``account.time_went_back`` has ``account``, ``field``, ``at`` and ``last``;
    ``account.missing_reason`` has ``account`` and ``value``; ``account.suspended`` has
    ``account``, ``since`` and ``reason``; ``account.pending_payment`` has ``account`` and
    ``since``; ``account.channel_disabled`` has ``account`` and ``channel``;
    ``account.vat_number_mismatch`` and ``account.country_mismatch`` have ``address`` and
    ``account`` (the numbers or countries of the address and of the account);
    ``account.invalid_account`` has ``account`` (None when the text has no id), ``field``,
    ``value``, ``rule`` and ``inner_code`` (the code of the rule's own error, or None);
    ``account.job_of_another_account`` has ``job``, ``job_account`` and ``account`` (the host's
    numbers). Times are aware datetimes in the account's zone. An error of the invoicing address stays :class:`InvoiceError`.
    """

    account: str | int | None = None
    """The account's id; for ``vat_number_mismatch`` and ``country_mismatch``, the account's VAT
    number or country; for ``job_of_another_account``, the host's number of the account asked."""
    job: int | None = None
    """The host's job id (``job_of_another_account``)."""
    job_account: int | None = None
    """The host's number of the job's account (``job_of_another_account``)."""
    inner_code: str | None = None
    """The code of the error of the rule a stored account breaks (``invalid_account``), or None."""
    value: str | None = None
    """The value as given (``invalid_country``, ``missing_reason``, ``invalid_account``)."""
    from_: str | None = None
    """The account's state (``illegal_transition``)."""
    to: str | None = None
    """The state asked for (``illegal_transition``)."""
    field: str | None = None
    """The field (``time_went_back``: ``at``, ``history[2].at``…; ``invalid_account``)."""
    at: datetime.datetime | None = None
    """The time given (``time_went_back``)."""
    last: datetime.datetime | None = None
    """The account's last change, or its creation (``time_went_back``)."""
    since: datetime.datetime | None = None
    """When the account was suspended, or created (``suspended``, ``pending_payment``)."""
    reason: str | None = None
    """Why it was suspended (``suspended``)."""
    channel: str | None = None
    """The channel asked for (``channel_disabled``)."""
    address: str | None = None
    """The invoicing address's VAT number or country (``vat_number_mismatch``, ``country_mismatch``)."""
    rule: str | None = None
    """The rule the stored account breaks (``invalid_account``)."""

    def __init__(self, message: str, code: str, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class BillingError(EnvoiError):
    """A price list, a price query, an invoice number, an order, an invoice or a run was refused
    (codes ``billing.*``).

    The error's fields are attributes, named as the core names them; those the error does not have
    are None. Every error of a price list has ``file`` (the name the caller passed) and, but
    ``billing.syntax``, ``entry`` (``packs[2] (sms-1000)``, ``top level``): ``billing.syntax`` has
    ``format`` (``"JSON"`` or ``"TOML"``) and ``message``; ``billing.missing_field`` has ``field``
    and ``rule``; ``billing.unknown_field`` has ``field`` and ``allowed``;
    ``billing.invalid_field`` has ``field``, ``value`` and ``rule``; ``billing.unknown_currency``,
    ``billing.unknown_channel``, ``billing.unknown_format`` and ``billing.negative_price`` have
    ``field`` and ``value``; ``billing.unknown_postage`` has ``field``, ``value`` and ``rule``;
    ``billing.unknown_weight_band`` has ``field``, ``value`` (grams, an int), ``zone``,
    ``format`` and ``bands``; ``billing.overlapping_validity`` has ``validity``, ``other`` and
    ``other_validity``; ``billing.inconsistent_entry`` has ``field``, ``value``, ``other`` and
    ``other_value``; ``billing.duplicate_field`` has ``field``; ``billing.duplicate_entry`` has
    ``field``, ``value`` and ``other``. ``billing.no_price`` has ``subject``, ``on`` and
    ``detail``; ``billing.invalid_query`` has ``field``, ``value`` and ``rule``;
    ``billing.invalid_invoice_number`` has ``value`` and ``rule``; ``billing.invoice_sequence``
    has ``problems``. ``billing.invalid_argument`` has ``field``, ``value`` and ``rule``;
    ``billing.vat_pending_verification`` has ``subject`` and ``vat_number``;
    ``billing.exemption_after_order`` has ``order_id`` and ``treatment``;
    ``billing.order_not_paid`` has ``order_id`` and ``state``; ``billing.order_state`` has
    ``order_id``, ``action``, ``state`` and ``rule``; ``billing.invoice_conflict`` has ``key``,
    ``number`` and ``difference``; ``billing.missing_exchange_rate`` has ``subject`` and
    ``currency``; ``billing.mixed_currencies`` has ``subject``, ``first`` and ``other``;
    ``billing.invalid_record`` has ``what``, ``field``, ``value`` and ``rule``. An amount that
    overflows is :class:`MoneyError`; a block plan the credits module refuses,
    :class:`CreditError`; the VAT rules, the invoice and the account keep their classes
    (:class:`VatError`, :class:`InvoiceError`, :class:`AccountError`).
    """

    file: str | None = None
    """The file name the caller passed."""
    entry: str | None = None
    """The entry: ``packs[2] (sms-1000)``, ``letter_tariffs[0]``, ``top level``."""
    field: str | None = None
    """The field (``price``, ``postage[3].up_to_grams``) or the query's field."""
    value: str | int | None = None
    """The value found, as text (quoted when it was text); grams for ``unknown_weight_band``."""
    rule: str | None = None
    """The rule it breaks."""
    format: str | None = None
    """``"JSON"`` or ``"TOML"`` (``syntax``); the letter format (``unknown_weight_band``)."""
    message: str | None = None
    """The parser's message, with the line and column (``syntax``)."""
    allowed: str | None = None
    """The fields the entry has (``unknown_field``)."""
    zone: str | None = None
    """The postage's zone, ``"national"`` or ``"international"`` (``unknown_weight_band``)."""
    bands: str | None = None
    """The weight bands that exist, in grams (``unknown_weight_band``)."""
    validity: str | None = None
    """The entry's validity, ``2026-01-01..2026-07-01`` (``overlapping_validity``)."""
    other: str | None = None
    """The other entry or row (``overlapping_validity``, ``inconsistent_entry``, ``duplicate_entry``)."""
    other_validity: str | None = None
    """The other entry's validity (``overlapping_validity``)."""
    other_value: str | None = None
    """The field's value in the other entry (``inconsistent_entry``)."""
    subject: str | None = None
    """What has no price (``no_price``: ``pack sms-1000``, ``unit price of sms``…)."""
    on: datetime.date | None = None
    """The day asked for (``no_price``)."""
    detail: str | None = None
    """What the list has for it (``no_price``)."""
    problems: list[SequenceProblem] | None = None
    """Every gap and duplicate, per series and year (``invoice_sequence``)."""
    vat_number: str | None = None
    """The VAT number as typed (``vat_pending_verification``)."""
    order_id: str | None = None
    """The order (``exemption_after_order``, ``order_not_paid``, ``order_state``)."""
    treatment: str | None = None
    """The order's VAT treatment as a person reads it (``exemption_after_order``)."""
    state: str | None = None
    """Where the order stands (``order_not_paid``, ``order_state``)."""
    action: str | None = None
    """What was asked of the order (``order_state``: ``cancel``, ``reverse``…)."""
    key: str | None = None
    """The draft's key (``invoice_conflict``)."""
    number: str | None = None
    """The number the key was issued as (``invoice_conflict``)."""
    difference: str | None = None
    """What differs from the issued invoice (``invoice_conflict``)."""
    currency: str | None = None
    """The invoice's currency (``missing_exchange_rate``)."""
    first: str | None = None
    """The first currency met (``mixed_currencies``)."""
    what: str | None = None
    """What was read (``invalid_record``: ``order``, ``issued invoice``, ``invoice book``)."""

    # Positional-only: ``message`` is also a field (``billing.syntax``: the parser's message).
    def __init__(self, message: str, code: str, /, **fields: object) -> None:
        super().__init__(message, code)
        for name, value in fields.items():
            setattr(self, name, value)


class IdError(EnvoiError):
    """An identifier was refused (codes ``id.*``)."""


class InternalError(EnvoiError):
    """A bug inside envoi (code ``internal.panic``): a Rust panic, caught before it could abort."""
