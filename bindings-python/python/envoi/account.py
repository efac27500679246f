"""Accounts: who the customer is, its state and its options (SPEC section 1, issue 10).

Mirrors the core's ``envoi::account``. An :class:`Account` has an interface language, a time zone
(``tz``, ``"Europe/Brussels"`` by default), a customer kind and country for VAT, a VAT number with
its evidence (:meth:`Account.with_vat_number`), an invoicing address (an
:class:`envoi.invoice.Party`), :class:`AccountOptions` (channels, the SMS option, letter approval
per sender, low-balance thresholds) and a state, ``pending_payment`` → ``active`` ⇄
``suspended``, with every change recorded (:class:`StateChange`). A suspended account sends
nothing: the engine asks :meth:`Account.require_active` (or :meth:`Account.require_channel`)
before every send.

>>> from datetime import datetime, timezone
>>> from envoi.account import Account
>>> from envoi.invoice import Party
>>> at = lambda text: datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
>>> account = Account("acc_42", "fr", "business", "BE", Party("Boulangerie Dupont SPRL", "BE"),
...                   at("2026-03-02T09:00:00")).with_vat_number("BE 0403.170.701")
>>> account.state, account.invoicing_address.vat_number
('pending_payment', 'BE0403170701')
>>> change = account.activate(at("2026-03-04T08:00:00"), "bank transfer received")
>>> change.from_, change.to, change.at.isoformat()
('pending_payment', 'active', '2026-03-04T09:00:00+01:00')
>>> account.may_send(at("2026-03-05T08:00:00")), account.state_at(at("2026-03-03T08:00:00"))
(True, 'pending_payment')
>>> Account.from_json(account.to_json()) == account
True

Times in are aware datetimes (any tzinfo); out, datetimes in the account's zone. Errors are
:class:`envoi.AccountError` with ``.code`` (``account.suspended``, ``account.illegal_transition``…)
and the core's fields as attributes; an error of the invoicing address is
:class:`envoi.InvoiceError`.
"""

from __future__ import annotations

from envoi._envoi import ACCOUNT_STATES, Account, AccountOptions, StateChange

__all__ = [
    "ACCOUNT_STATES",
    "Account",
    "AccountOptions",
    "StateChange",
]
