"""The native part of the ``envoi`` package; import ``envoi``, ``envoi.sms``, ``envoi.time`` and ``envoi.schedule`` instead."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Final, final

from envoi.time import Clock

__all__ = [
    "__version__",
    "SmsAnalysis",
    "UserData",
    "analyze",
    "now_in",
    "MAX_CANDIDATES",
    "MAX_CLOSED_RUN_DAYS",
    "BusinessCalendar",
    "Schedule",
    "belgium",
    "weekdays",
    "easter_sunday",
    "holiday_name",
    "_panic_for_test",
]

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

MAX_CANDIDATES: Final[int]
"""The most candidate instants one query on an RRULE schedule examines (100,000).

Past it, the query raises ``envoi.ScheduleError`` with code ``schedule.too_expensive``: about 274
years of a daily rule, 11 years of an hourly one, 69 days of a minutely one, counted from the first
date.
"""

MAX_CLOSED_RUN_DAYS: Final[int]
"""The longest stretch of consecutive days without a business day a computation crosses (366).

A longer one (possible only through the host's closed days) raises ``envoi.ScheduleError`` with code
``schedule.no_business_day``.
"""

@final
class BusinessCalendar:
    """Which days are business days: Monday to Friday, except the public holidays of its rules and
    the closed days the host added.

    Build one with ``belgium()`` or ``weekdays()``, then ``with_closed_days(...)`` and
    ``combine(...)``; it is immutable and hashable. Days are ``datetime.date``s: decide the day in
    the right zone first (Europe/Brussels for the post); a ``datetime`` is refused with a
    ``TypeError``.
    """

    def with_closed_days(self, days: Iterable[datetime.date]) -> BusinessCalendar:
        """This calendar, also closed on ``days`` (a bridge day, a strike, an annual closure).

        Days already closed change nothing.
        """

    def combine(self, other: BusinessCalendar) -> BusinessCalendar:
        """A calendar closed whenever this one or ``other`` is closed."""

    def is_business_day(self, date: datetime.date) -> bool:
        """Whether ``date`` is a Monday to Friday that is neither a holiday nor a closed day."""

    def next_business_day(self, date: datetime.date) -> datetime.date:
        """The first business day strictly after ``date``.

        Raises ``envoi.ScheduleError`` (``schedule.no_business_day``, ``schedule.date_out_of_range``).
        """

    def previous_business_day(self, date: datetime.date) -> datetime.date:
        """The last business day strictly before ``date``.

        Raises ``envoi.ScheduleError`` (``schedule.no_business_day``, ``schedule.date_out_of_range``).
        """

    def this_or_next_business_day(self, date: datetime.date) -> datetime.date:
        """``date`` when it is a business day, otherwise the next business day.

        Raises ``envoi.ScheduleError`` (``schedule.no_business_day``, ``schedule.date_out_of_range``).
        """

    def add_business_days(self, date: datetime.date, n: int) -> datetime.date:
        """``date`` moved by ``n`` business days ("D+n").

        ``n > 0``: the ``n``-th business day strictly after ``date``; ``n < 0``: the ``|n|``-th
        strictly before; ``n == 0``: ``date`` itself. Raises ``envoi.ScheduleError``
        (``schedule.no_business_day``, ``schedule.date_out_of_range``).
        """

    def business_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """The number of business days after ``a``, up to and including ``b``; negative when ``b < a``."""

    def holiday(self, date: datetime.date) -> str | None:
        """The code of the holiday on ``date`` (such as ``"easter_monday"``), or None."""

    def holidays(self, year: int) -> list[tuple[datetime.date, str]]:
        """The holidays of ``year`` this calendar closes on, in date order: ``(date, code)``.

        Raises ``ValueError`` for a year outside Python's dates (1 to 9999).
        """

    def to_json(self) -> str:
        """The calendar's JSON form (the core's serde form).

        Such as ``{"holidays":["belgium"],"closed_days":["2026-05-15"]}``.
        """

    @staticmethod
    def from_json(text: str) -> BusinessCalendar:
        """The calendar of a JSON form written by ``to_json`` (in any language).

        Raises ``ValueError`` naming the problem when ``text`` is not one.
        """

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Callable[[str], BusinessCalendar], tuple[str]]: ...

@final
class Schedule:
    """When a task sends: a first date, an optional repeat, an optional inclusive stop and an
    optional occurrence count, in an IANA time zone.

    The repeat is every ``every`` ``unit``s (``"hours"``, ``"days"``, ``"weeks"`` or ``"months"``)
    counted from ``start``. Hours count elapsed time (every 2 hours is 2 real hours apart across a
    DST change); days, weeks and months keep the wall-clock time of ``start`` in ``tz`` (a daily
    09:00 task stays at 09:00; a wall time in a DST gap moves forward by the gap, one in a fold takes
    the first instant); months from the 31st clamp to the month's last day without drifting.
    Datetimes in are aware (any tzinfo; a naive one raises ``envoi.TimeError``, code
    ``time.not_zone_aware``); datetimes out have ``tzinfo=ZoneInfo(tz)``. Immutable, hashable,
    picklable.

    ``Schedule.from_rrule(text, start, tz)`` follows an RFC 5545 recurrence rule instead (``RRULE``
    with ``EXDATE``/``RDATE`` lines and RFC 7529 ``SKIP``); its queries expand the rule from
    ``start`` and raise ``envoi.ScheduleError`` (``schedule.too_expensive``) past
    ``MAX_CANDIDATES`` candidates.
    """

    def __new__(
        cls,
        start: datetime.datetime,
        *,
        every: int | None = None,
        unit: str | None = None,
        stop: datetime.datetime | None = None,
        count: int | None = None,
        tz: str = "Europe/Brussels",
    ) -> Schedule:
        """A schedule from ``start``; ``every`` and ``unit`` go together (both or neither).

        Raises ``envoi.ScheduleError`` (``schedule.invalid_interval``, ``schedule.unknown_unit``,
        ``schedule.stop_before_start``, ``schedule.invalid_count``), ``envoi.TimeError``
        (``time.unknown_zone``, ``time.not_zone_aware``), and ``ValueError`` when only one of
        ``every`` and ``unit`` is given.
        """

    @staticmethod
    def from_rrule(text: str, start: datetime.datetime, tz: str = "Europe/Brussels") -> Schedule:
        """A schedule following an RFC 5545 recurrence.

        ``text`` holds an ``RRULE:`` line (or a bare rule value ``FREQ=...``) and optional
        ``EXDATE`` and ``RDATE`` lines; ``start`` (an aware datetime) is DTSTART, always the first
        occurrence, and the rule expands in wall-clock time of ``tz``. Raises
        ``envoi.ScheduleError`` (``schedule.invalid_rrule`` naming the wrong line or rule part,
        ``schedule.never_occurs``) and ``envoi.TimeError`` (``time.unknown_zone``,
        ``time.not_zone_aware``).
        """

    @property
    def start(self) -> datetime.datetime:
        """The first date, in ``tz``."""

    @property
    def tz(self) -> str:
        """The IANA name of the zone of the wall-clock rules, such as ``"Europe/Brussels"``."""

    @property
    def every(self) -> int | None:
        """How many units apart the occurrences are, or None for a one-shot or RRULE schedule."""

    @property
    def unit(self) -> str | None:
        """``"hours"``, ``"days"``, ``"weeks"`` or ``"months"``, or None for a one-shot or RRULE
        schedule."""

    @property
    def stop(self) -> datetime.datetime | None:
        """The inclusive stop, in ``tz``, or None."""

    @property
    def count(self) -> int | None:
        """The most occurrences (the first date included), or None."""

    @property
    def rrule(self) -> str | None:
        """The recurrence text of a schedule made by ``from_rrule``, as given (trimmed), or None."""

    def next_after(self, dt: datetime.datetime) -> datetime.datetime | None:
        """The first occurrence strictly after ``dt``, in ``tz``; None when the schedule is finished.

        Costs the same whether a simple schedule started yesterday or ten years ago; an RRULE
        schedule expands from ``start`` and raises ``envoi.ScheduleError``
        (``schedule.too_expensive``) past ``MAX_CANDIDATES`` candidates.
        """

    def between(
        self, a: datetime.datetime, b: datetime.datetime, *, limit: int = 10000
    ) -> list[datetime.datetime]:
        """The occurrences from ``a`` to ``b``, both included, in order, in ``tz``.

        Empty when ``b < a``. At most ``limit`` (10,000 by default): more than ``limit``
        occurrences raises ``envoi.ScheduleError`` (``schedule.too_many_occurrences``) rather than
        return a partial list; narrow the range, raise the limit, or step with ``next_after``. A
        negative ``limit`` raises ``ValueError``. An RRULE schedule may raise
        ``envoi.ScheduleError`` (``schedule.too_expensive``).
        """

    def occurrence(self, index: int) -> datetime.datetime | None:
        """The occurrence of index ``index`` (0 is ``start``), in ``tz``, or None.

        None when the schedule has no such occurrence (past its count or stop, or a one-shot
        schedule). Raises ``ValueError`` for a negative index; an RRULE schedule may raise
        ``envoi.ScheduleError`` (``schedule.too_expensive``).
        """

    def count_until(self, dt: datetime.datetime) -> int:
        """How many occurrences fall at or before ``dt``.

        An RRULE schedule may raise ``envoi.ScheduleError`` (``schedule.too_expensive``).
        """

    def is_finished(self, dt: datetime.datetime) -> bool:
        """Whether the schedule has no occurrence after ``dt``.

        An RRULE schedule may raise ``envoi.ScheduleError`` (``schedule.too_expensive``).
        """

    def to_json(self) -> str:
        """The schedule's JSON form (the core's serde form).

        Such as ``{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels",
        "repeat":{"every":1,"unit":"months"},"stop":null,"count":12}``, or for an RRULE schedule
        ``{"start":...,"zone":...,"rrule":"RRULE:FREQ=WEEKLY"}``.
        """

    @staticmethod
    def from_json(text: str) -> Schedule:
        """The schedule of a JSON form written by ``to_json`` (in any language).

        Raises ``ValueError`` naming the problem when ``text`` is not one.
        """

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Callable[[str], Schedule], tuple[str]]: ...

def belgium() -> BusinessCalendar:
    """Monday to Friday except the ten Belgian public holidays of every year."""

def weekdays() -> BusinessCalendar:
    """Monday to Friday, with no holidays and no closed days."""

def easter_sunday(year: int) -> datetime.date:
    """The date of Easter Sunday of ``year`` (Gregorian calendar).

    Raises ``ValueError`` for a year outside Python's dates (1 to 9999).
    """

def holiday_name(code: str, language: str = "en") -> str:
    """The name of the Belgian holiday ``code`` in ``language`` (``"fr"``, ``"nl"``, ``"de"``, ``"en"``).

    Raises ``ValueError`` for an unknown code or language.
    """

def _panic_for_test() -> None:
    """Panics inside Rust, to prove a panic becomes ``envoi.InternalError``."""
