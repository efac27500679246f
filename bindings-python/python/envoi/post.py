"""Letters: sheets, envelopes, weight, postage, the destination country and dates (SPEC section 9).

Mirrors the core's ``envoi::post``. :func:`quote` says, before any upload, what a letter to one
recipient takes and when it arrives: its A4 sheets (each document starts on a new sheet; duplex
puts two pages on a sheet), the smallest envelope that holds them (US up to 6 sheets, C5 up to 8,
C4 up to 25), its format and weight, the destination country read from the address's last line, the
postage applied, the handover day (12:00 cut-off on Europe/Brussels business days) and the delivery
day or range, and the retention deadlines.

>>> from datetime import datetime, timezone
>>> from envoi import post
>>> q = post.quote([{"pages": 3}, {"pages": 1, "name": "flyer"}], postage="prior",
...                address=["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"],
...                submitted_at=datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc))
>>> q.sheets, q.envelope, q.format, q.country, q.handover_date.isoformat(), q.delivery_date.isoformat()
(4, 'us', 'small', 'BE', '2026-03-10', '2026-03-11')
>>> post.country("PAYS-BAS")
'NL'

A document is ``{"pages": 3}`` (three A4 pages), ``{"page_sizes_mm": [[210, 297], ...]}`` (each
page's size; anything but A4 is an error naming the document, the page and its size), or a PDF:
its bytes, or ``{"pdf": data, "name": "flyer"}``, read for its page count and page sizes.

Jobs (:func:`quote_job`, :class:`Job`) send one letter to an address list, each recipient with its
own postage check, country and dates; :class:`Job` is the state machine draft → submitted →
processing → handed over (with an approval step when the account requires it, and cancel before
processing). Registered mail: barcodes are strings checked by the core (UPU S10 with its check
digit, or bpost's 30-digit national number; :func:`parse_barcode`); :class:`BarcodeRange` hands
out the host's, :meth:`Job.assign_barcodes` gives each registered letter of a job its own once
printing starts, and :class:`RegisteredSummary` is the summary a person prints. The retention
functions compute the deadlines; the host deletes.

Errors are :class:`envoi.PostError` with ``.code`` (``post.too_many_sheets``, ``post.not_a4``,
``post.unknown_country``…) and the core's numbers as attributes (``sheets``, ``max``, ``over``,
``document``, ``page``, ``size``, ``suggestions``…).
"""

from __future__ import annotations

from envoi._envoi import (
    CLAIM_MONTHS,
    CUT_OFF_HOUR,
    DEPOSIT_RECEIPT_KEPT_YEARS,
    DOCUMENTS_KEPT_DAYS,
    BARCODE_FORMATS,
    ENVELOPES,
    MAX_SHEETS,
    POSTAGES,
    REGISTERED_SUMMARY_KEPT_DAYS,
    ApprovalLink,
    BarcodeRange,
    DeliveryRange,
    Destination,
    Job,
    JobReport,
    PostData,
    Quote,
    RecipientFailure,
    RecipientQuote,
    RegisteredLetter,
    RegisteredSummary,
    Transition,
    barcode_format,
    claim_deadline,
    country,
    country_name,
    deposit_receipt_kept_until,
    destination,
    documents_kept_until,
    parse_barcode,
    pdf_page_sizes,
    quote,
    quote_job,
    registered_summary_kept_until,
    s10_barcode,
    submission_date,
)

__all__ = [
    "CLAIM_MONTHS",
    "CUT_OFF_HOUR",
    "DEPOSIT_RECEIPT_KEPT_YEARS",
    "DOCUMENTS_KEPT_DAYS",
    "BARCODE_FORMATS",
    "ENVELOPES",
    "MAX_SHEETS",
    "POSTAGES",
    "REGISTERED_SUMMARY_KEPT_DAYS",
    "ApprovalLink",
    "BarcodeRange",
    "DeliveryRange",
    "Destination",
    "Job",
    "JobReport",
    "PostData",
    "Quote",
    "RecipientFailure",
    "RecipientQuote",
    "RegisteredLetter",
    "RegisteredSummary",
    "Transition",
    "barcode_format",
    "claim_deadline",
    "country",
    "country_name",
    "deposit_receipt_kept_until",
    "destination",
    "documents_kept_until",
    "parse_barcode",
    "pdf_page_sizes",
    "quote",
    "quote_job",
    "registered_summary_kept_until",
    "s10_barcode",
    "submission_date",
]
