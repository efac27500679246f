"""Account security: login protection and password reset (SPEC section 1).

Mirrors the core's ``envoi::security``. :class:`LoginGuard` is the state machine of one account's
failed logins under a :class:`LockoutPolicy` (default: 5 failures within 15 minutes lock for 15
minutes, each further lock doubles, capped at 24 hours; a success resets the count and the
doubling); the host stores its JSON form with the account. :class:`PasswordReset` issues and
accepts single-use, expiring reset tokens that embed the account's credential version.

>>> from datetime import datetime, timedelta, timezone
>>> from envoi import security, tracking
>>> policy = security.LockoutPolicy()
>>> guard = security.LoginGuard()
>>> start = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
>>> [guard.record_failure(policy, start + timedelta(seconds=s)).kind for s in range(5)][-2:]
['counted', 'locked']
>>> guard.locked_until == start + timedelta(seconds=4, minutes=15)
True
>>> ring = tracking.KeyRing({1: b"k" * 32}, 1)
>>> link = security.PasswordReset.issue(ring, 1234, 7, validity=timedelta(hours=1), at=start)
>>> token = security.PasswordReset.read(ring, link, start + timedelta(minutes=2))
>>> (token.account, token.credential_version)
(1234, 7)

Errors are :class:`envoi.SecurityError` (codes ``security.*``) with ``.code`` and the core's fields
as attributes; a token the key ring refuses is :class:`envoi.TokenError`.
"""

from __future__ import annotations

from envoi._envoi import FailureOutcome, LockoutPolicy, LoginGuard, PasswordReset, ResetToken

__all__ = ["FailureOutcome", "LockoutPolicy", "LoginGuard", "PasswordReset", "ResetToken"]
