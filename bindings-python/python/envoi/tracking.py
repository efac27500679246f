"""Tracking: signed tokens, one-time codes, tracked email, secure-email access and statistics (SPEC section 8).

Mirrors the core's ``envoi::token`` and ``envoi::tracking``. One token machinery serves every link
envoi hands out (open pixels, tracked links, approval links, sender verification, password reset,
secure-email access): compact, URL-safe, authenticated with a :class:`KeyRing` that rotates keys,
and refused for any purpose but its own.

>>> from datetime import datetime, timedelta, timezone
>>> from envoi import tracking
>>> ring = tracking.KeyRing({1: b"k" * 32, 2: b"K" * 32}, active=2)
>>> sent = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
>>> claims = {"account": 12345, "message": 1234567, "occurrence": 3, "recipient": 45678901, "link": 7}
>>> token = ring.issue("click", claims, expires=timedelta(days=90), now=sent)
>>> len(token)
52
>>> verified = ring.verify("click", token, now=sent)
>>> verified.claims == claims, verified.key_id
(True, 2)

Errors are :class:`envoi.TokenError` (codes ``token.*``: ``token.bad_tag``, ``token.expired``,
``token.wrong_purpose``…) and :class:`envoi.TrackingError` (codes ``tracking.*``) with ``.code``
and the core's fields as attributes. Instants in are aware datetimes (``now=None`` reads the real
clock); instants out are datetimes in UTC. Statistics count links, not people: a forwarded mail
carries the original recipient's links.
"""

from __future__ import annotations

from envoi._envoi import (
    AccessLock,
    ClickResolution,
    CodeChallenge,
    EngagementCounts,
    KeyRing,
    LinkStats,
    MachineRules,
    MessageStats,
    OpenResolution,
    RecipientLinkStats,
    SecureAccess,
    SecureOpen,
    Stats,
    StatsReport,
    TrackedEmail,
    Tracker,
    UntrackedLink,
    Verdict,
    Verified,
)

__all__ = [
    "AccessLock",
    "ClickResolution",
    "CodeChallenge",
    "EngagementCounts",
    "KeyRing",
    "LinkStats",
    "MachineRules",
    "MessageStats",
    "OpenResolution",
    "RecipientLinkStats",
    "SecureAccess",
    "SecureOpen",
    "Stats",
    "StatsReport",
    "TrackedEmail",
    "Tracker",
    "UntrackedLink",
    "Verdict",
    "Verified",
]
