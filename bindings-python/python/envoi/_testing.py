"""Hooks for envoi's own tests. Not part of the public API."""

from __future__ import annotations

from envoi._envoi import _panic_for_test as panic

__all__ = ["panic"]
