"""Senders: the verified email addresses and SMS numbers an account sends from (SPEC section 2).

Mirrors the core's ``envoi::senders``. An SMS sender number is accepted only in international
form and only as a mobile; an alphanumeric sender is refused. A sender is unverified until the
one-time code sent to it (the key ring's codes) comes back.

>>> from datetime import datetime, timedelta, timezone
>>> from envoi import senders, tracking
>>> senders.SmsSenderNumber("0032475123456").e164
'+32475123456'
>>> ring = tracking.KeyRing({1: b"k" * 32}, 1)
>>> sender = senders.Sender(12, 3, sms="+32 475 12 34 56")
>>> at = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
>>> code = sender.start_verification(ring, "sender-3-1", validity=timedelta(minutes=15), at=at)
>>> sender.verification
'pending'
>>> sender.confirm(ring, code, at + timedelta(minutes=2))
>>> sender.require_for("sms")

Errors are :class:`envoi.SenderError` (codes ``senders.*``) with ``.code`` and the core's fields as
attributes; a number that is no phone number at all is :class:`envoi.ContactError`, a code the key
ring refuses :class:`envoi.TokenError`.
"""

from __future__ import annotations

from envoi._envoi import Sender, SmsSenderNumber

__all__ = ["Sender", "SmsSenderNumber"]
