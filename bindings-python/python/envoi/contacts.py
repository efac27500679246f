"""Contacts: phone numbers, email addresses, contacts, groups, opt-outs and CSV import (SPEC section 3).

Mirrors the core's ``envoi::contacts`` and ``envoi::contacts::import``.

>>> from datetime import datetime, timezone
>>> from envoi import contacts
>>> mobile = contacts.normalize_phone("0475 12 34 56", default_region="BE")
>>> mobile.e164, mobile.kind, mobile.is_mobile
('+32475123456', 'mobile', True)
>>> report = contacts.import_csv("Nom;GSM\\nDupont;0475 12 34 56\\nMartin;12345\\n".encode())
>>> [c.last_name for c in report.contacts], [(e.line, e.column, e.code) for e in report.errors]
(['Dupont'], [(3, 'GSM', 'contacts.invalid_phone')])
>>> contact = report.contacts[0]
>>> at = datetime(2026, 3, 2, 18, 30, tzinfo=timezone.utc)
>>> contact.apply_reply(contacts.classify_reply("Arrêt !"), at)
True
>>> contact.may_receive("sms", contacts.AccountSmsOption(True), at).code
'contacts.opted_out'

:func:`import_csv` reads a whole file (bytes or a path) into an :class:`ImportReport`;
:class:`ContactImporter` gives the same rows as chunks of :class:`RowOutcome`, keeping only the
duplicate index in memory, for files of any size. Every row is imported or reported
(:class:`RowError`: line, column, value, code, reason) and the counts add up to the data rows.

Errors are :class:`envoi.ContactError` (codes ``contacts.*``) and, for an import that cannot go on,
:class:`envoi.ContactImportError` (codes ``contacts.import.*``), with ``.code`` and the core's
fields as attributes. Instants in are aware datetimes (``at=None`` reads the real clock); out,
datetimes in UTC.
"""

from __future__ import annotations

from envoi._envoi import (
    MAX_PHONE_TEXT_LEN,
    MAX_ROW_BYTES,
    AccountSmsOption,
    Column,
    ColumnTarget,
    Contact,
    ContactImporter,
    DuplicateRow,
    EmailAddress,
    Group,
    ImportCounts,
    ImportReport,
    OptIn,
    OptOut,
    PhoneNumber,
    Refusal,
    ReplyKeyword,
    RowError,
    RowOutcome,
    classify_reply,
    ensure_contacts_exist,
    import_csv,
    merge_non_empty,
    normalize_phone,
    reply_keywords,
    validate_email,
)

__all__ = [
    "MAX_PHONE_TEXT_LEN",
    "MAX_ROW_BYTES",
    "AccountSmsOption",
    "Column",
    "ColumnTarget",
    "Contact",
    "ContactImporter",
    "DuplicateRow",
    "EmailAddress",
    "Group",
    "ImportCounts",
    "ImportReport",
    "OptIn",
    "OptOut",
    "PhoneNumber",
    "Refusal",
    "ReplyKeyword",
    "RowError",
    "RowOutcome",
    "classify_reply",
    "ensure_contacts_exist",
    "import_csv",
    "merge_non_empty",
    "normalize_phone",
    "reply_keywords",
    "validate_email",
]
