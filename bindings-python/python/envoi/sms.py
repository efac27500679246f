"""SMS segmentation: how a text is encoded (GSM-7 or UCS-2) and cut into parts.

Mirrors the core's ``envoi::sms``. See :func:`analyze`.
"""

from __future__ import annotations

from envoi._envoi import SmsAnalysis, UserData, analyze

__all__ = ["SmsAnalysis", "UserData", "analyze"]
