"""The native part of the ``envoi`` package; import ``envoi``, ``envoi.sms`` and ``envoi.time`` instead."""

import datetime
from collections.abc import Sequence
from typing import final

from envoi.time import Clock

__all__ = ["__version__", "SmsAnalysis", "UserData", "analyze", "now_in", "_panic_for_test"]

__version__: str
"""The version of the envoi core and of this binding."""

@final
class UserData:
    """The TP-User-Data of one part, ready for an SMPP ``short_message``.

    Set ``esm_class`` UDHI when ``header_length > 0``.
    """

    @property
    def octets(self) -> bytes:
        """The header (UDHL and its information elements) followed by the encoded text."""

    @property
    def length(self) -> int:
        """TP-UDL: the length in septets (GSM-7, header included) or octets (UCS-2)."""

    @property
    def header_length(self) -> int:
        """The octets of the header, UDHL included (0 when the part has no header)."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class SmsAnalysis:
    """The result of ``analyze``: encoding, national tables, parts and the units they take.

    Units are septets for GSM-7 and UTF-16 code units for UCS-2; indices count code points of the
    text as given.
    """

    @property
    def encoding(self) -> str:
        """``"gsm7"`` or ``"ucs2"``."""

    @property
    def locking_shift(self) -> str | None:
        """The national locking shift table in use (``"turkish"``…), or None."""

    @property
    def single_shift(self) -> str | None:
        """The national single shift table in use (``"turkish"``…), or None."""

    @property
    def part_count(self) -> int:
        """The number of parts (each billed as one SMS); at least 1."""

    @property
    def parts(self) -> list[str]:
        """The text of each part, in order."""

    @property
    def part_units(self) -> list[int]:
        """The units each part takes, in order."""

    @property
    def units_per_part(self) -> int:
        """The capacity of each part in units (160/153/152… for GSM-7, 70/67/66 for UCS-2)."""

    @property
    def units_used(self) -> int:
        """The units of the whole message: the sum of the parts' units."""

    @property
    def units_left(self) -> int:
        """The units still free in the last part."""

    @property
    def non_gsm(self) -> list[tuple[int, str]]:
        """When the message is UCS-2, the characters that forced it: ``(index, character)``."""

    @property
    def replacements(self) -> list[tuple[int, str, str]]:
        """What smart encoding replaced: ``(index, original, replacement)``."""

    @property
    def text(self) -> str:
        """The text that was encoded: the input after replacements."""

    @property
    def user_data(self) -> list[UserData] | None:
        """Each part's user data when ``analyze(..., user_data=True)``, else None."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def analyze(
    text: str,
    *,
    smart_encoding: bool = False,
    languages: Sequence[str] = (),
    max_parts: int = 10,
    reference: int = 0,
    reference_bits: int = 8,
    user_data: bool = False,
) -> SmsAnalysis:
    """Analyses an SMS text: its encoding (GSM-7 or UCS-2), national shift tables, parts and units.

    ``languages`` names national languages of 3GPP TS 23.038 (``"turkish"``, ``"spanish"``…) whose
    shift tables may be used, in order of preference on a tie. ``max_parts`` is 1..=255;
    ``reference`` is the concatenation reference, ``reference_bits`` its width (8 or 16).
    ``user_data=True`` computes each part's TP-User-Data. Raises ``envoi.SmsError`` (``.code``
    ``"sms.too_many_parts"``, ``"sms.invalid_max_parts"``, ``"sms.invalid_reference"`` or
    ``"sms.unknown_language"``).
    """

def now_in(clock: Clock, zone: str = "Europe/Brussels") -> datetime.datetime:
    """The current time of the host's ``clock``, as an aware datetime in ``zone``.

    The result has ``tzinfo=ZoneInfo(zone)``. ``clock`` is any object whose ``now()`` returns an
    aware datetime (any tzinfo). An exception raised by ``now()`` reaches the caller unchanged.
    Raises ``envoi.TimeError`` with ``.code`` ``"time.unknown_zone"`` for an unknown zone and
    ``"time.not_zone_aware"`` when ``now()`` returns a naive datetime.
    """

def _panic_for_test() -> None:
    """Panics inside Rust, to prove a panic becomes ``envoi.InternalError``."""
