"""The native part of the ``envoi`` package; import ``envoi``, ``envoi.sms``, ``envoi.time``, ``envoi.schedule``, ``envoi.credits``, ``envoi.vat``, ``envoi.invoice``, ``envoi.post``, ``envoi.tracking``, ``envoi.contacts``, ``envoi.templates``, ``envoi.senders``, ``envoi.security``, ``envoi.account`` and ``envoi.billing`` instead."""

import datetime
import decimal
import ipaddress
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Final, TypeAlias, final

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
    "DEFAULT_VALIDITY_MONTHS",
    "MAX_UNITS",
    "Ledger",
    "Order",
    "Reservation",
    "Settled",
    "Adjustment",
    "Balance",
    "Lot",
    "Notices",
    "LowBalance",
    "Expiring",
    "StatementLine",
    "BlockPlan",
    "BlockPeriod",
    "BillableItem",
    "UsageRecord",
    "MonthlyStatement",
    "monthly_statement",
    "B2C_THRESHOLD_EUR",
    "SELLER_COUNTRY",
    "VAT_COUNTRIES",
    "Validation",
    "validate",
    "validate_many",
    "parse",
    "is_eu_member_state",
    "Rate",
    "RateTable",
    "rate",
    "OnlineCheck",
    "VatEvidence",
    "Treatment",
    "treatment",
    "mention_text",
    "explain",
    "MAX_SHEETS",
    "CUT_OFF_HOUR",
    "DOCUMENTS_KEPT_DAYS",
    "REGISTERED_SUMMARY_KEPT_DAYS",
    "DEPOSIT_RECEIPT_KEPT_YEARS",
    "CLAIM_MONTHS",
    "POSTAGES",
    "ENVELOPES",
    "DeliveryRange",
    "Quote",
    "PostData",
    "quote",
    "RecipientQuote",
    "RecipientFailure",
    "JobReport",
    "quote_job",
    "Destination",
    "country",
    "destination",
    "country_name",
    "pdf_page_sizes",
    "Transition",
    "Job",
    "ApprovalLink",
    "BARCODE_FORMATS",
    "parse_barcode",
    "barcode_format",
    "s10_barcode",
    "BarcodeRange",
    "RegisteredLetter",
    "RegisteredSummary",
    "submission_date",
    "documents_kept_until",
    "registered_summary_kept_until",
    "deposit_receipt_kept_until",
    "claim_deadline",
    "LANGUAGES",
    "VAT_CATEGORIES",
    "InvoiceLine",
    "Party",
    "RateTotal",
    "Totals",
    "Invoice",
    "KeyRing",
    "Verified",
    "CodeChallenge",
    "Tracker",
    "TrackedEmail",
    "UntrackedLink",
    "ClickResolution",
    "OpenResolution",
    "MachineRules",
    "Stats",
    "Verdict",
    "StatsReport",
    "MessageStats",
    "RecipientLinkStats",
    "LinkStats",
    "EngagementCounts",
    "SecureAccess",
    "SecureOpen",
    "AccessLock",
    "MAX_PHONE_TEXT_LEN",
    "MAX_ROW_BYTES",
    "PhoneNumber",
    "EmailAddress",
    "ReplyKeyword",
    "AccountSmsOption",
    "Refusal",
    "OptIn",
    "OptOut",
    "Contact",
    "Group",
    "normalize_phone",
    "validate_email",
    "classify_reply",
    "reply_keywords",
    "ensure_contacts_exist",
    "ColumnTarget",
    "Column",
    "RowError",
    "DuplicateRow",
    "ImportCounts",
    "ImportReport",
    "RowOutcome",
    "ContactImporter",
    "import_csv",
    "merge_non_empty",
    "SUGGESTION_DISTANCE",
    "Template",
    "format_date",
    "format_date_with_weekday",
    "format_time",
    "field_name_for",
    "SmsSenderNumber",
    "Sender",
    "LockoutPolicy",
    "FailureOutcome",
    "LoginGuard",
    "ResetToken",
    "PasswordReset",
    "ACCOUNT_STATES",
    "Account",
    "AccountOptions",
    "StateChange",
    "SEQUENCE_DIGITS",
    "PriceList",
    "Validity",
    "UnitPrice",
    "Pack",
    "BlockPlanPrice",
    "PostageRate",
    "LetterTariff",
    "InvoiceNumber",
    "SequenceProblem",
    "check_sequence",
    "check_sequence_after",
    "LetterQuery",
    "LetterPrice",
    "PAYMENT_METHODS",
    "place_order",
    "PackOrder",
    "InvoiceDraft",
    "IssuedInvoice",
    "Seller",
    "InvoiceBook",
    "LetterUsage",
    "MessageUsage",
    "MonthlyUsage",
    "monthly_run",
    "BlockSubscription",
    "subscribe_block_plan",
    "block_plan_run",
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

DEFAULT_VALIDITY_MONTHS: Final[int]
"""The default validity of credits: 24 months after the last activated order of their kind."""

MAX_UNITS: Final[int]
"""The largest unit count one operation takes (10**12)."""

@final
class Order:
    """An order as an operation left it: ``purchase``, ``activate``, ``void_order``."""

    @property
    def order_id(self) -> str:
        """The order id."""

    @property
    def kind(self) -> str:
        """The credit kind, such as ``"sms"``."""

    @property
    def units(self) -> int:
        """The units of the pack."""

    @property
    def status(self) -> str:
        """``"pending"`` (waiting for its payment; adds nothing), ``"active"`` or ``"voided"``."""

    @property
    def lot(self) -> int | None:
        """The lot the order created (active, or voided after activation), else None."""

    @property
    def expires_at(self) -> datetime.datetime | None:
        """An active order's lot expiry at activation (later orders may extend it), else None."""

    @property
    def voided_at(self) -> datetime.datetime | None:
        """When a voided order was voided, else None."""

    @property
    def replayed(self) -> bool:
        """Whether the operation had already been made (same key and arguments).

        Nothing was written and this is the first result.
        """

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Reservation:
    """Units set aside by ``reserve``, or consumed at once by ``consume``."""

    @property
    def key(self) -> str:
        """Its key."""

    @property
    def kind(self) -> str:
        """The credit kind."""

    @property
    def units(self) -> int:
        """The units reserved (or consumed)."""

    @property
    def lots(self) -> list[tuple[int, int]]:
        """The lots the units were taken from, in spending order: ``(lot id, units)``."""

    @property
    def reserved_at(self) -> datetime.datetime:
        """When it was made."""

    @property
    def times_out_at(self) -> datetime.datetime | None:
        """When it is released unless committed or released before; None: never (and for ``consume``)."""

    @property
    def replayed(self) -> bool:
        """Whether the operation had already been made (same key and arguments).

        Nothing was written and this is the first result.
        """

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Settled:
    """What ``commit`` and ``release`` did."""

    @property
    def consumed(self) -> int:
        """Units consumed."""

    @property
    def released(self) -> int:
        """Units given back (to their lots, or to expired/removed when the lot expired or was voided)."""

    @property
    def timed_out(self) -> bool:
        """Whether the reservation had already timed out (a release then writes nothing)."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Adjustment:
    """What ``adjust`` did: the lot a grant created (None for a removal), and whether it was a replay."""

    @property
    def lot(self) -> int | None:
        """The lot a grant created; None for a removal."""

    @property
    def replayed(self) -> bool:
        """Whether the adjustment had already been made (same key and arguments): nothing was written."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Balance:
    """The balance of one credit kind at an instant.

    At every instant ``bought + granted == consumed + expired + removed + reserved + available``.
    """

    @property
    def bought(self) -> int:
        """Units of activated orders (voided ones included: their unspent units count as removed)."""

    @property
    def granted(self) -> int:
        """Units of manual grants."""

    @property
    def consumed(self) -> int:
        """Units committed (spent)."""

    @property
    def expired(self) -> int:
        """Units whose lot expired before they were spent."""

    @property
    def removed(self) -> int:
        """Units taken by manual removals and voided orders."""

    @property
    def reserved(self) -> int:
        """Units held by open reservations."""

    @property
    def available(self) -> int:
        """Units that can be reserved now."""

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When the first of the available units expire; None when none are available."""

    def is_consistent(self) -> bool:
        """Whether ``bought + granted == consumed + expired + removed + reserved + available``."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Lot:
    """One lot of units as seen at an instant (``lots_at``)."""

    @property
    def id(self) -> int:
        """The lot's number in this ledger (1, 2, … in order of creation)."""

    @property
    def kind(self) -> str:
        """The credit kind."""

    @property
    def source(self) -> str:
        """Where its units came from: ``"order"`` (an activated order) or ``"grant"`` (a manual grant)."""

    @property
    def order_id(self) -> str | None:
        """The order id of an order's lot, else None."""

    @property
    def key(self) -> str | None:
        """The adjustment key of a grant's lot, else None."""

    @property
    def reason(self) -> str | None:
        """The reason of a grant's lot, else None."""

    @property
    def units(self) -> int:
        """The units it started with."""

    @property
    def available(self) -> int:
        """Its units neither spent, reserved, removed nor expired at the instant asked."""

    @property
    def activated_at(self) -> datetime.datetime:
        """When it was created (order activated, grant made)."""

    @property
    def expires_at(self) -> datetime.datetime:
        """When its units expire (half-open: at this instant they are expired)."""

    @property
    def voided(self) -> bool:
        """Whether its order was voided."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LowBalance:
    """A kind at or under its low-balance threshold (``notices_at``)."""

    @property
    def kind(self) -> str:
        """The credit kind."""

    @property
    def available(self) -> int:
        """Its available units."""

    @property
    def threshold(self) -> int:
        """The threshold it is at or under."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Expiring:
    """Live units that expire soon (``notices_at``)."""

    @property
    def kind(self) -> str:
        """The credit kind."""

    @property
    def units(self) -> int:
        """The available units that expire then."""

    @property
    def expires_at(self) -> datetime.datetime:
        """When."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Notices:
    """What ``notices_at`` found: kinds under their threshold and units about to expire."""

    @property
    def low_balance(self) -> list[LowBalance]:
        """Kinds whose available units are at or under their threshold."""

    @property
    def expiring(self) -> list[Expiring]:
        """Live units expiring within the window, per kind and expiry."""

@final
class StatementLine:
    """One line of a ``statement``."""

    @property
    def at(self) -> datetime.datetime:
        """When."""

    @property
    def kind(self) -> str:
        """The credit kind."""

    @property
    def event(self) -> str:
        """What happened.

        ``"purchase"``, ``"activation"``, ``"extension"``, ``"reservation"``, ``"commit"``,
        ``"release"``, ``"consumption"``, ``"expiry"``, ``"grant"`` or ``"removal"``.
        """

    @property
    def units(self) -> int:
        """The units concerned.

        Signed: what the event did to the available units when it changes them; the units of the
        event otherwise.
        """

    @property
    def reference(self) -> str:
        """The order id or operation key."""

    @property
    def lot(self) -> int | None:
        """The lot concerned, when one is."""

    @property
    def note(self) -> str:
        """Detail for a person: a reason, a new expiry."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Ledger:
    """The credit ledger of one account: packs of units per kind, their expiry, two-phase use,
    manual adjustments, all as append-only entries.

    Kinds are strings (``"sms"``, ``"email"``, ``"secure_email"``, or a host's own: 1 to 32 of
    ``a-z``, ``0-9``, ``_``). Times in are aware datetimes (any tzinfo; a naive one raises
    ``envoi.TimeError``, code ``time.not_zone_aware``); times out have ``tzinfo=ZoneInfo(tz)``.
    Every operation is idempotent by its key (the order id for orders): the same key with the same
    arguments is a replay that writes nothing and returns the first result (``.replayed``); with
    other arguments it raises ``envoi.CreditError`` (``credits.idempotency_conflict``). Operations
    never go back in time (``credits.time_regression``); queries may ask any instant.

    The ledger is mutable and safe to share between threads: each operation runs whole, with the
    interpreter released.
    """

    def __new__(cls, tz: str = "Europe/Brussels", validity_months: int = 24) -> Ledger:
        """An empty ledger for an account in the IANA zone ``tz``.

        Credits stay valid ``validity_months`` after the last activated order of their kind,
        counted on the wall clock of ``tz``. Raises ``envoi.CreditError``
        (``credits.invalid_argument`` unless 1 to 1200 months) and ``envoi.TimeError``
        (``time.unknown_zone``).
        """

    @staticmethod
    def from_entries(
        entries: Iterable[Mapping[str, Any]], tz: str = "Europe/Brussels", validity_months: int = 24
    ) -> Ledger:
        """Rebuilds a ledger from its stored entries (as ``entries()`` gives them) by replaying them.

        Raises ``envoi.CreditError`` (``credits.invalid_entries`` naming the first entry that does
        not replay, ``credits.invalid_argument``), ``envoi.TimeError`` (``time.unknown_zone``), and
        ``ValueError`` for an entry that is not a ledger entry.
        """

    @property
    def tz(self) -> str:
        """The IANA name of the account's zone, such as ``"Europe/Brussels"``."""

    @property
    def validity_months(self) -> int:
        """The validity period in months."""

    @property
    def version(self) -> int:
        """The number of entries written: the version a store compares for optimistic concurrency."""

    @property
    def last_operation_at(self) -> datetime.datetime | None:
        """The time of the last operation written, in ``tz``, or None."""

    def purchase(
        self, order_id: str, kind: str, units: int, at: datetime.datetime, *, pending: bool = False
    ) -> Order:
        """Records an order of ``units`` of ``kind``: active at once, or ``pending`` until ``activate``.

        A pending order (bank transfer) adds nothing. On activation every unexpired lot of the kind
        gets expiry = activation + the validity period. Raises ``envoi.CreditError``
        (``credits.invalid_units``, ``credits.invalid_kind``, ``credits.idempotency_conflict``,
        ``credits.time_regression``, ``credits.invalid_argument`` for a bad order id).
        """

    def activate(self, order_id: str, at: datetime.datetime) -> Order:
        """Activates a pending order (its payment arrived).

        Its units become available and every unexpired lot of its kind gets the same expiry (never
        shortened). Activating an active order is a replay. Raises ``envoi.CreditError``
        (``credits.order_not_found``, ``credits.order_voided``, ``credits.time_regression``).
        """

    def void_order(self, order_id: str, at: datetime.datetime) -> Order:
        """Voids an order: a pending one can no longer be activated; an active one loses its lot.

        An active order (payment reversed) loses its lot's unspent units, counted as removed; the
        extension it gave other lots stays. Voiding a voided order is a replay. Raises
        ``envoi.CreditError`` (``credits.order_not_found``, ``credits.time_regression``).
        """

    def consume(self, key: str, kind: str, units: int, at: datetime.datetime) -> Reservation:
        """Consumes ``units`` of ``kind`` in one step, from the lots that expire first.

        Raises ``envoi.CreditError`` (``credits.insufficient_credit`` with ``needed`` and
        ``available``, ``credits.invalid_units``, ``credits.invalid_kind``,
        ``credits.idempotency_conflict``, ``credits.time_regression``, ``credits.invalid_argument``
        for a bad key).
        """

    def reserve(
        self,
        key: str,
        kind: str,
        units: int,
        at: datetime.datetime,
        *,
        timeout_s: int | None = None,
    ) -> Reservation:
        """Reserves ``units`` of ``kind`` for a send; ``commit`` or ``release`` them later.

        With ``timeout_s``, an open reservation is released at ``at + timeout_s`` seconds (without,
        it never times out). Raises ``envoi.CreditError`` as ``consume``, and
        ``credits.invalid_argument`` for a timeout under 1 second.
        """

    def commit(self, key: str, at: datetime.datetime, *, units: int | None = None) -> Settled:
        """Commits a reservation: consumes all its units, or ``units`` of them (the rest is released).

        Raises ``envoi.CreditError`` (``credits.unknown_reservation``,
        ``credits.reservation_already_committed`` whatever the count,
        ``credits.reservation_already_released``, ``credits.reservation_timed_out`` at or after its
        timeout, ``credits.exceeds_reserved`` with ``reserved`` and ``requested``,
        ``credits.invalid_units``, ``credits.time_regression``).
        """

    def release(self, key: str, at: datetime.datetime) -> Settled:
        """Releases a reservation: its units go back to their lots.

        To expired if the lot expired meanwhile, to removed if its order was voided. After its
        timeout the reservation is already released: this writes nothing and says so
        (``timed_out``). Raises ``envoi.CreditError`` (``credits.unknown_reservation``,
        ``credits.reservation_already_committed``, ``credits.reservation_already_released``,
        ``credits.time_regression``).
        """

    def adjust(
        self,
        key: str,
        kind: str,
        units: int,
        reason: str,
        at: datetime.datetime,
        *,
        expires_at: datetime.datetime | None = None,
    ) -> Adjustment:
        """A manual adjustment with a ``reason``: ``units > 0`` grants, ``units < 0`` removes.

        A grant is a lot of its own (expiring at ``expires_at``, or after the validity period;
        extended by later orders, extending nothing); a removal takes units in spending order,
        never more than available. Raises ``envoi.CreditError`` (``credits.invalid_units`` for 0,
        ``credits.invalid_argument`` for an empty reason or an expiry not after ``at``,
        ``credits.insufficient_credit`` for a removal, ``credits.idempotency_conflict``,
        ``credits.time_regression``).
        """

    def balance(self, kind: str, at: datetime.datetime) -> Balance:
        """The balance of ``kind`` at ``at`` (any instant).

        Reservations that timed out by then count as released. Raises ``envoi.CreditError``
        (``credits.invalid_kind``).
        """

    def lots_at(self, at: datetime.datetime) -> list[Lot]:
        """Every lot at ``at``, in order of creation, with its units available then."""

    def notices_at(
        self, at: datetime.datetime, thresholds: Mapping[str, int], within_days: int
    ) -> Notices:
        """Low-balance and upcoming-expiry notices at ``at``.

        Kinds whose available units are at or under their threshold in ``thresholds`` (other kinds
        are not checked), and live units expiring in ``(at, at + within_days days]``. Raises
        ``envoi.CreditError`` (``credits.invalid_kind``) and ``ValueError`` for a negative
        threshold or ``within_days``.
        """

    def statement(self, from_: datetime.datetime, to: datetime.datetime) -> list[StatementLine]:
        """What happened in ``[from_, to)``, in time order.

        Every entry, the extensions its activations gave, the timeouts, and the units that expired.
        """

    def entries(self) -> list[dict[str, Any]]:
        """Every entry written, in order, as plain values a store keeps as JSON.

        Dicts tagged by ``"op"``, times as RFC 3339 strings; hand them back to
        ``Ledger.from_entries``.
        """

    def entries_since(self, version: int) -> list[dict[str, Any]]:
        """The entries written after ``version`` (what to append to a store holding ``version``).

        Empty when ``version`` is the current one or later. Raises ``ValueError`` for a negative
        version.
        """

@final
class BlockPeriod:
    """One monthly period of a ``BlockPlan``: ``[start, end)``, starting at local midnight of ``first_day``."""

    @property
    def index(self) -> int:
        """The position of the period: 0 is the one holding the subscription."""

    @property
    def start(self) -> datetime.datetime:
        """Local midnight of ``first_day`` in the plan's zone."""

    @property
    def end(self) -> datetime.datetime:
        """The next period's start (excluded from this period)."""

    @property
    def first_day(self) -> datetime.date:
        """The period's first day on the account's wall clock (the fee is billed on that day).

        The subscription day, clamped to the month's end.
        """

    def contains(self, at: datetime.datetime) -> bool:
        """Whether ``at`` falls in the period (``start <= at < end``)."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class BillableItem:
    """One thing to bill: what, how many, the span it covers, the day it is billed, its unit price.

    Not an invoice line: VAT and invoices are computed elsewhere.
    """

    @property
    def charge(self) -> str:
        """What is charged: ``"block_fee"``, ``"extra_blocks"`` or ``"usage"``.

        ``block_fee``: a period's upfront fee; ``extra_blocks``: the started blocks used beyond the
        paid one, billed the next period; ``usage``: pay-as-you-go.
        """

    @property
    def block_size(self) -> int | None:
        """The number of messages in a block (``block_fee``, ``extra_blocks``), else None."""

    @property
    def usage(self) -> int | None:
        """The messages used in the covered period (``extra_blocks``), else None."""

    @property
    def kind(self) -> str | None:
        """The kind of job as the host names it (``usage``, such as ``"prior_national"``), else None."""

    @property
    def quantity(self) -> int:
        """How many (blocks, or units of usage)."""

    @property
    def period_start(self) -> datetime.datetime:
        """The first instant of the span the item covers."""

    @property
    def period_end(self) -> datetime.datetime:
        """The end of the span the item covers (excluded)."""

    @property
    def billed_on(self) -> datetime.date:
        """The day (on the account's wall clock) the item is billed."""

    @property
    def unit_price(self) -> decimal.Decimal | None:
        """The price of one unit of ``quantity``, when known, in ``currency``."""

    @property
    def currency(self) -> str | None:
        """The ISO 4217 code of ``unit_price`` and ``amount``, or None without a unit price."""

    @property
    def amount(self) -> decimal.Decimal | None:
        """``unit_price × quantity``, every decimal kept (round when invoicing); None without a price."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class BlockPlan:
    """A monthly block plan: ``fee`` per started block of ``block_size`` messages per period.

    Periods start on the subscription day on the wall clock of ``tz`` and recur monthly on that day
    (clamped to the month's end); each period's fee is billed on its first day (one block, upfront),
    and the started blocks used beyond it are billed on the next period's first day. Immutable:
    ``ending_at`` returns a new plan.
    """

    def __new__(
        cls,
        block_size: int,
        fee: decimal.Decimal | int,
        currency: str,
        subscribed_at: datetime.datetime,
        *,
        tz: str = "Europe/Brussels",
    ) -> BlockPlan:
        """A plan billing ``fee`` in ``currency`` per started block of ``block_size`` messages.

        Raises ``envoi.CreditError`` (``credits.invalid_argument``: ``block_size`` 0, a negative
        fee, a subscription too close to the end of the supported dates), ``envoi.MoneyError``
        (``money.unknown_currency``), ``envoi.TimeError`` (``time.unknown_zone``,
        ``time.not_zone_aware``), ``TypeError`` for a ``float`` fee and ``ValueError`` for a
        negative ``block_size``.
        """

    def ending_at(self, end: datetime.datetime) -> BlockPlan:
        """The same plan, ending at ``end``.

        No fee is billed for a period starting at or after ``end``, the extra blocks of the last
        period are still billed, and sends at or after ``end`` are not on the plan. Raises
        ``envoi.CreditError`` (``credits.invalid_argument`` unless ``end`` is after the
        subscription instant).
        """

    @property
    def block_size(self) -> int:
        """The number of messages in a block."""

    @property
    def fee(self) -> decimal.Decimal:
        """The fee of one block, in ``currency``."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of the fee."""

    @property
    def subscribed_at(self) -> datetime.datetime:
        """The subscription instant, in ``tz``."""

    @property
    def subscription_day(self) -> datetime.date:
        """The subscription day on the account's wall clock: the day every period starts on."""

    @property
    def tz(self) -> str:
        """The IANA name of the account's zone, whose wall clock places periods and sends."""

    @property
    def end(self) -> datetime.datetime | None:
        """The end of the option, in ``tz``, or None."""

    def period(self, index: int) -> BlockPeriod | None:
        """The period at ``index`` (0 holds the subscription), whether or not the option still runs.

        None only beyond the supported dates. Raises ``ValueError`` for a negative index.
        """

    def period_at(self, at: datetime.datetime) -> BlockPeriod | None:
        """The period holding ``at``, when the plan covers it (None before the subscription, at or after the end)."""

    def last_period(self) -> BlockPeriod | None:
        """The last period the option runs in; None when the option does not end."""

    def is_active(self, period: BlockPeriod) -> bool:
        """Whether the option runs at the start of ``period`` (so its fee is billed)."""

    def bill(self, period: BlockPeriod, previous_usage: int) -> list[BillableItem]:
        """What is billed on ``period``'s first day: its fee, then the previous period's extra blocks.

        Raises ``envoi.CreditError`` (``credits.invalid_argument``: a period of another plan, usage
        before period 0 or after the end) and ``ValueError`` for a negative ``previous_usage``.
        """

    def extra_blocks(self, usage: int) -> int:
        """The extra blocks for ``usage`` messages in one period: ``max(0, ceil(usage / block_size) - 1)``."""

    def usage_by_period(self, sends: Iterable[tuple[datetime.datetime, int]]) -> dict[int, int]:
        """The messages sent in each period, from ``(send instant, units)`` pairs.

        ``{period index: messages}`` for the periods with usage; sends the plan does not cover and
        0-unit sends are left out.
        """

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class UsageRecord:
    """One pay-as-you-go job as the host records it: what it is, how many units, where it stands.

    It is billed when it is not cancelled, has at least one unit and was handed over to the post in
    the statement's month.
    """

    def __new__(
        cls,
        id: str,
        kind: str,
        units: int,
        *,
        handed_over_at: datetime.datetime | None = None,
        cancelled: bool = False,
        unit_price: decimal.Decimal | int | None = None,
        currency: str | None = None,
    ) -> UsageRecord:
        """A job ``id`` of ``units`` of ``kind`` (a postage such as ``"prior_national"``).

        ``unit_price`` and ``currency`` go together. Raises ``ValueError`` for a negative ``units``
        or a price without its currency (or the reverse), ``envoi.MoneyError``
        (``money.unknown_currency``) and ``envoi.TimeError`` (``time.not_zone_aware``).
        """

    @property
    def id(self) -> str:
        """The job's id, unique among the records of one statement."""

    @property
    def kind(self) -> str:
        """What the units are; items are grouped by it."""

    @property
    def units(self) -> int:
        """How many units (letters, sheets…) the job bills."""

    @property
    def handed_over_at(self) -> datetime.datetime | None:
        """When the job was handed over to the post, in UTC; None while it was not."""

    @property
    def cancelled(self) -> bool:
        """Whether the job was cancelled before processing (then it is never billed)."""

    @property
    def unit_price(self) -> decimal.Decimal | None:
        """The price of one unit, in ``currency``, or None."""

    @property
    def currency(self) -> str | None:
        """The ISO 4217 code of ``unit_price``, or None."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MonthlyStatement:
    """A month's pay-as-you-go statement: one item per kind and unit price.

    Issued on the first day of the following month.
    """

    @property
    def year(self) -> int:
        """The year of the month billed."""

    @property
    def month(self) -> int:
        """The month billed, 1 to 12."""

    @property
    def period_start(self) -> datetime.datetime:
        """Local midnight of the month's first day."""

    @property
    def period_end(self) -> datetime.datetime:
        """Local midnight of the next month's first day (excluded)."""

    @property
    def issue_date(self) -> datetime.date:
        """The day the statement is issued: the first day of the following month."""

    @property
    def items(self) -> list[BillableItem]:
        """One item per kind and unit price."""

    @property
    def record_ids(self) -> list[str]:
        """The ids of the records billed, in the order given."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def monthly_statement(
    records: Iterable[UsageRecord], year: int, month: int, tz: str = "Europe/Brussels"
) -> MonthlyStatement | None:
    """The pay-as-you-go statement of ``month`` of ``year`` (months on the wall clock of ``tz``).

    The jobs handed over to the post that month, not cancelled, with at least one unit, grouped by
    kind and unit price; None for a month without billable jobs. Raises ``envoi.CreditError``
    (``credits.invalid_argument``: a month outside 1 to 12, a year beyond the supported dates, a
    blank kind, a duplicate id, a cancelled job that was handed over), ``envoi.TimeError``
    (``time.unknown_zone``), ``TypeError`` for a record that is not a ``UsageRecord`` and
    ``ValueError`` for a negative month.
    """

# ---- envoi.vat ------------------------------------------------------------------------------------

VAT_COUNTRIES: Final[tuple[str, ...]]
"""The 27 member states (Greece as ``"EL"``) and ``"XI"`` (Northern Ireland), alphabetically: the
countries whose VAT numbers ``validate`` checks (``"EU"``/``"IM"`` OSS ids validate too)."""

SELLER_COUNTRY: Final[str]
"""The seller's country: envoi's seller is established in Belgium (``"BE"``)."""

B2C_THRESHOLD_EUR: Final[decimal.Decimal]
"""The yearly cross-border EU B2C sales of electronic services above which the customer's member
state VAT applies: ``Decimal("10000")`` EUR ("exceeds" means strictly more)."""

@final
class Validation:
    """Whether a VAT number is valid, its compact form when it is, and why not when it is not.

    Made by ``validate``, ``validate_many`` and ``parse``. A valid number has ``country``,
    ``compact``, ``national`` and ``kind``, and ``reason`` and ``message`` None; an invalid one has
    ``reason`` (the error code, such as ``"vat.bad_check_digit"``) and ``message``, and the others
    None.
    """

    @property
    def valid(self) -> bool:
        """Whether the number passes its country's format and check digits."""

    @property
    def country(self) -> str | None:
        """The country prefix of a valid number (``"BE"``, ``"EL"`` for Greece, ``"XI"``, ``"EU"``/``"IM"``)."""

    @property
    def compact(self) -> str | None:
        """The prefix and the national part, upper case, without separators (``"BE0403170701"``)."""

    @property
    def national(self) -> str | None:
        """The part after the prefix (``"0403170701"``); None when invalid."""

    @property
    def kind(self) -> str | None:
        """``"customer"`` or ``"oss"`` (an ``EU…``/``IM…`` One-Stop-Shop id); None when invalid."""

    @property
    def reason(self) -> str | None:
        """None when valid, else the error code.

        ``"vat.empty"``, ``"vat.unknown_country"``, ``"vat.country_mismatch"``,
        ``"vat.invalid_character"``, ``"vat.bad_length"``, ``"vat.bad_format"`` or
        ``"vat.bad_check_digit"``.
        """

    @property
    def message(self) -> str | None:
        """None when valid, else what is wrong, as a person reads it."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def validate(number: str, country: str | None = None) -> Validation:
    """Reads and checks a VAT number as people type it.

    Spaces, dots, commas, colons, dashes and slashes anywhere, any case, the Belgian "(0)",
    full-width digits (NFKC), with or without the prefix when ``country`` is given (``"BE"``,
    ``"EL"`` or ``"GR"``, ``"XI"``, ``"EU"``/``"IM"``; any case; None or ``""`` when unknown).
    ``GR`` is read as ``EL``; a ``GB…`` number is read as ``XI`` only with ``country="XI"``.
    Never raises for a number (an unknown ``country`` is the verdict ``vat.unknown_country``).
    """

def validate_many(numbers: Iterable[str], country: str | None = None) -> list[Validation]:
    """``validate`` for each number, in order, all with the same ``country``, in one call."""

def parse(number: str, country: str | None = None) -> Validation:
    """``validate``, raising ``envoi.VatError`` (with its fields) when the number is invalid."""

def is_eu_member_state(country: str) -> bool:
    """Whether ``country`` is one of the 27 EU member states (Greece: ``"EL"`` and ``"GR"``; not ``"XI"``)."""

@final
class Rate:
    """The VAT rates of a member state in force on a day."""

    @property
    def country(self) -> str:
        """The member state (``"EL"`` for Greece)."""

    @property
    def standard(self) -> decimal.Decimal:
        """The standard rate in percent, such as ``Decimal("21")``."""

    @property
    def reduced(self) -> list[decimal.Decimal]:
        """The reduced rates in percent, highest first (may be empty)."""

    @property
    def effective_from(self) -> datetime.date:
        """The first day of the period these rates come from."""

    @property
    def unverified(self) -> bool:
        """Whether the day asked for is after the day the table was last verified."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RateTable:
    """A table of the EU-27 VAT rates with their effective dates, and the day it was last verified.

    ``RateTable.builtin()`` is the table envoi ships; a host can load a newer one in the same
    format with ``RateTable.from_json``. Immutable.
    """

    @staticmethod
    def builtin() -> RateTable:
        """The table envoi ships."""

    @staticmethod
    def from_json(text: str) -> RateTable:
        """A table from its JSON form; raises ``envoi.VatError`` (``vat.invalid_rate_table``)."""

    def to_json(self) -> str:
        """The table's JSON form, which ``from_json`` reads back."""

    @property
    def verified_on(self) -> datetime.date:
        """The day the table was last checked against its sources."""

    def rate(self, country: str, date: datetime.date) -> Rate:
        """The rates of ``country`` (any case; ``"GR"`` is ``"EL"``) in force on ``date``.

        Raises ``envoi.VatError`` (``vat.unknown_country``, ``vat.no_rate``) and ``TypeError`` for a
        ``datetime``.
        """

    def countries(self) -> list[str]:
        """The member states of the table, in alphabetical order."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], RateTable], tuple[str]]: ...

def rate(country: str, date: datetime.date) -> Rate:
    """The rates of ``country`` in force on ``date``, from the built-in table (see ``RateTable.rate``)."""

@final
class OnlineCheck:
    """The online check's (VIES) answer at order time, as the host got it."""

    def __new__(
        cls, valid: bool, request_id: str | None = None, checked_at: datetime.datetime | None = None
    ) -> OnlineCheck:
        """``valid``: the service's answer; ``request_id``: its consultation number; ``checked_at``: when.

        ``checked_at`` is an aware datetime; a naive one raises ``envoi.TimeError``
        (``time.not_zone_aware``).
        """

    @property
    def valid(self) -> bool:
        """Whether the service said the number is valid."""

    @property
    def request_id(self) -> str | None:
        """The service's consultation number, or None."""

    @property
    def checked_at(self) -> datetime.datetime | None:
        """When the host asked, in UTC, or None."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class VatEvidence:
    """What an order's VAT treatment rests on when a VAT number was given (part of the order)."""

    @property
    def typed(self) -> str:
        """The number exactly as the customer typed it."""

    @property
    def compact(self) -> str | None:
        """Its compact form, when it could be read."""

    @property
    def offline_error(self) -> str | None:
        """None when the offline checks pass, else the error code (``"vat.bad_check_digit"``…)."""

    @property
    def online(self) -> OnlineCheck | None:
        """The online check's answer, if the host made one."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Treatment:
    """The VAT an order carries, with the rule that decided it (SPEC section 7).

    Decided once, at order time; plain data with a JSON form to store with the order.
    """

    @property
    def kind(self) -> str:
        """``"charge"``, ``"reverse_charge"``, ``"out_of_scope"`` or ``"pending_verification"``."""

    @property
    def vat_country(self) -> str | None:
        """The member state whose VAT applies (``"EL"`` for Greece); None when out of scope."""

    @property
    def rate(self) -> decimal.Decimal | None:
        """The rate in percent; ``Decimal("0")`` for reverse charge and out of scope; None while pending."""

    @property
    def rate_unverified(self) -> bool:
        """Whether the rate comes from after the day the rate table was last verified."""

    @property
    def mention(self) -> str | None:
        """The code of the legal mention (``"reverse_charge"``, ``"out_of_scope"``), or None."""

    def mention_text(self, language: str = "en") -> str | None:
        """The text of the legal mention in ``language`` (``"fr"``, ``"nl"``, ``"de"``, ``"en"``), or None.

        Raises ``envoi.LanguageError`` (``language.unsupported``).
        """

    @property
    def reason(self) -> str:
        """The code of the rule that decided it, such as ``"belgian_customer"``."""

    @property
    def explanation(self) -> str:
        """What the rule says, for an accountant reading the order."""

    @property
    def treated_as_consumer(self) -> str | None:
        """Why a declared business is treated as a consumer, or None.

        ``"no_vat_number"``, ``"invalid_offline"``, ``"invalid_online"``, ``"oss_number"`` or
        ``"exemption_not_requested"``.
        """

    @property
    def evidence(self) -> VatEvidence | None:
        """The VAT number evidence, when a number was given."""

    def remove_vat_after_order(self, order_id: str) -> Treatment:
        """A request, after the order, to remove the VAT: refused unless already reverse charged.

        A reverse-charged order is returned unchanged; any other raises ``envoi.VatError``
        (``vat.exemption_not_requested_at_order``, with ``order_id`` and ``treatment``).
        """

    def to_json(self) -> str:
        """The treatment's JSON form (the core's serde form), to store with the order."""

    @staticmethod
    def from_json(text: str) -> Treatment:
        """The treatment of a JSON form written by ``to_json``; ``ValueError`` when ``text`` is not one."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], Treatment], tuple[str]]: ...

def treatment(
    customer_country: str,
    customer_kind: str,
    service: str,
    date: datetime.date,
    *,
    vat_number: str | None = None,
    vies: bool | OnlineCheck | Callable[[str], bool | OnlineCheck | None] | None = None,
    exemption_requested: bool = False,
    b2c_current_year: decimal.Decimal | int = 0,
    b2c_previous_year: decimal.Decimal | int = 0,
    table: RateTable | None = None,
) -> Treatment:
    """Decides the VAT of an order per SPEC section 7 (the seller is established in Belgium).

    ``customer_kind`` is ``"business"`` or ``"consumer"``, ``service`` ``"electronic"`` or
    ``"letter"``; ``vat_number`` the number as typed; ``vies`` the online check's answer at order
    time (True/False, an ``OnlineCheck``, or None when unavailable) or the host's checker, a
    callable taking the compact number (``"DE136695976"``; ``"EL…"`` for Greece) and returning one
    of those answers, called only when the answer decides; ``exemption_requested`` whether
    the customer asked for the exemption when ordering; ``b2c_current_year`` (including this supply)
    and ``b2c_previous_year`` the seller's cross-border EU B2C sales in EUR; ``table`` the rate table
    (default: the built-in one). An invalid VAT number is not an error: the customer is treated as a
    consumer. Raises ``envoi.VatError`` (``vat.unknown_country``, ``vat.invalid_argument``,
    ``vat.invalid_amount``, ``vat.no_rate``) and ``TypeError`` for a ``float`` total, a
    ``datetime`` date, another ``vies`` or a checker returning another type; an exception raised by
    the checker reaches the caller unchanged.
    """

def mention_text(mention: str, language: str = "en") -> str:
    """The text of a legal mention (``"reverse_charge"``, ``"out_of_scope"``) in ``language``.

    Raises ``envoi.VatError`` (``vat.invalid_argument``) and ``envoi.LanguageError``.
    """

def explain(reason: str) -> str:
    """What the rule of a reason code (such as ``"belgian_customer"``) says.

    Raises ``envoi.VatError`` (``vat.invalid_argument``) for an unknown code.
    """

# ---- envoi.post -----------------------------------------------------------------------------------

MAX_SHEETS: Final[int]
"""The most sheets a letter may have: what the largest envelope (C4) holds, 25."""

CUT_OFF_HOUR: Final[int]
"""A letter submitted before this hour (12; 12:00:00 is afternoon) on a business day, Brussels
time, is handed over that day."""

DOCUMENTS_KEPT_DAYS: Final[int]
"""Days the documents of a letter are kept after its submission (60)."""

REGISTERED_SUMMARY_KEPT_DAYS: Final[int]
"""Days the summary of a registered letter is kept after its handover (60)."""

DEPOSIT_RECEIPT_KEPT_YEARS: Final[int]
"""Years the post's deposit receipt of a registered letter is kept after its handover (3)."""

CLAIM_MONTHS: Final[int]
"""Months after its handover within which a claim for a lost registered letter is filed (12)."""

POSTAGES: Final[tuple[str, ...]]
"""The postage codes: ``"prior"``, ``"non_prior"``, ``"registered"``, ``"rp"``,
``"prior_international"``."""

ENVELOPES: Final[tuple[str, ...]]
"""The envelope codes, smallest first: ``"us"``, ``"c5"``, ``"c4"``."""

@final
class DeliveryRange:
    """The earliest and latest delivery days of an international letter."""

    @property
    def earliest(self) -> datetime.date:
        """The earliest delivery day."""

    @property
    def latest(self) -> datetime.date:
        """The latest delivery day."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Quote:
    """What a letter to one recipient takes and when it arrives (see ``quote``).

    National letters have a ``delivery_date``, international ones a ``delivery_range`` (exactly one
    of the two is set). The registered-mail deadlines are set for registered letters only. Plain
    data: ``==``, ``to_json()`` / ``Quote.from_json(text)``, pickling.
    """

    @property
    def sheets(self) -> int:
        """The A4 sheets printed."""

    @property
    def envelope(self) -> str:
        """The envelope: ``"us"``, ``"c5"`` or ``"c4"``."""

    @property
    def format(self) -> str:
        """The post's format: ``"small"`` (US) or ``"large"`` (C5, C4)."""

    @property
    def paper_grams(self) -> decimal.Decimal:
        """The paper's weight in grams."""

    @property
    def weight_grams(self) -> decimal.Decimal:
        """The letter's weight in grams (paper and envelope)."""

    @property
    def weight_band_grams(self) -> int:
        """The postage's weight band: letters up to this many grams (inclusive)."""

    @property
    def country(self) -> str:
        """The destination country, an ISO 3166-1 alpha-2 code (``"BE"``, ``"NL"``)."""

    @property
    def country_line(self) -> int | None:
        """The address line the country was read from (from 0), or None (Belgium)."""

    @property
    def postage(self) -> str:
        """The postage applied: the one asked for, except prior abroad (``"prior_international"``)."""

    @property
    def submitted_on(self) -> datetime.date:
        """The submission day (Europe/Brussels)."""

    @property
    def handover_date(self) -> datetime.date:
        """The day the letter is handed to the post."""

    @property
    def delivery_date(self) -> datetime.date | None:
        """The delivery day of a national letter; None abroad."""

    @property
    def delivery_range(self) -> DeliveryRange | None:
        """The earliest and latest delivery days of an international letter; None in Belgium."""

    @property
    def documents_kept_until(self) -> datetime.date:
        """The last day the documents are kept (60 days after submission)."""

    @property
    def registered_summary_kept_until(self) -> datetime.date | None:
        """Registered: the last day the summary is kept (60 days after handover); else None."""

    @property
    def deposit_receipt_kept_until(self) -> datetime.date | None:
        """Registered: the last day the deposit receipt is kept (3 years after handover); else None."""

    @property
    def claim_deadline(self) -> datetime.date | None:
        """Registered: the last day to file a claim (12 months after handover); else None."""

    def to_json(self) -> str:
        """The quote's JSON form (the core's serde form)."""

    @staticmethod
    def from_json(text: str) -> Quote:
        """The quote of a JSON form written by ``to_json``; ``ValueError`` when ``text`` is not one."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], Quote], tuple[str]]: ...

@final
class PostData:
    """The post's data: envelope weights, weight bands, international delivery times, sources.

    ``PostData.builtin()`` is the data envoi ships; a host that knows better figures loads data in
    the same format (``PostData.builtin_json()`` is a starting point) with ``PostData.from_json``.
    Immutable.
    """

    @staticmethod
    def builtin() -> PostData:
        """The data envoi ships."""

    @staticmethod
    def from_json(text: str) -> PostData:
        """Data in the format of the built-in file, checked.

        Raises ``envoi.PostError`` (``post.invalid_data``, with ``field``, ``value`` and ``rule``).
        """

    @staticmethod
    def builtin_json() -> str:
        """The text of the built-in data file (``postage.json``), with its sources and notes."""

    @property
    def verified_on(self) -> datetime.date:
        """The day the data was last checked against its sources."""

    def envelope_grams(self, envelope: str) -> decimal.Decimal:
        """The weight of an envelope (``"us"``, ``"c5"``, ``"c4"``) in grams."""

    def international_delivery(self, country: str) -> tuple[int, int]:
        """The delivery time of prior international letters to ``country``: business days after handover.

        ``(earliest, latest)``. Raises ``envoi.PostError`` (``post.no_delivery_data``) and
        ``ValueError`` for a code envoi does not know.
        """

    def countries_with_delivery_data(self) -> list[str]:
        """The destinations with a delivery time, ISO codes in alphabetical order."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def quote(
    documents: Iterable[Mapping[str, Any] | bytes | bytearray],
    *,
    address: Iterable[str],
    submitted_at: datetime.datetime,
    postage: str,
    color: bool = False,
    duplex: bool = False,
    acknowledgement: bool = False,
    envelope: str | None = None,
    return_address: Iterable[str] | None = None,
    background: Mapping[str, Any] | bytes | bytearray | None = None,
    production_closed_days: Iterable[datetime.date] | None = None,
    delivery_closed_days: Iterable[datetime.date] | None = None,
    data: PostData | None = None,
) -> Quote:
    """The quote of one letter to one recipient: sheets, envelope, weights, country, postage, dates.

    ``documents``: the main document first, then extra ones (flyer, reply coupon); each is
    ``{"pages": 3}``, ``{"page_sizes_mm": [[210, 297], …]}`` (``int`` or ``decimal.Decimal``
    millimetres), ``{"pdf": data}`` or the bytes of a PDF, with an optional ``"name"``.
    ``postage``: ``"prior"``, ``"non_prior"``, ``"registered"``, ``"rp"`` or
    ``"prior_international"``. ``envelope``: None (the smallest that fits), ``"us"``, ``"c5"`` or
    ``"c4"``. ``address``: its lines, the country line last (none: Belgium). ``background``: a
    one-page A4 letterhead under the main document. ``production_closed_days`` and
    ``delivery_closed_days``: the host's closed days, added to the Belgian business days.

    Raises ``envoi.PostError`` (``post.too_many_sheets``, ``post.not_a4``… with the numbers as
    attributes), ``envoi.ScheduleError``, ``envoi.TimeError`` (``time.not_zone_aware``),
    ``TypeError`` for a wrong type (a ``float`` page count) and ``ValueError`` for an unknown code.
    """

@final
class RecipientQuote:
    """The quote of one recipient of a job."""

    @property
    def row(self) -> int:
        """The recipient's position in the job's address list, from 0."""

    @property
    def quote(self) -> Quote:
        """Its quote."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RecipientFailure:
    """A recipient of a job that breaks a rule: its row and the reason (an exception, not raised)."""

    def __new__(cls, row: int, error: BaseException) -> RecipientFailure:
        """A failure of the recipient at ``row`` (from 0) for ``error``."""

    @property
    def row(self) -> int:
        """The recipient's position in the job's address list, from 0."""

    @property
    def error(self) -> Any:
        """Why it is refused: an ``envoi.PostError`` (or ``envoi.ScheduleError``) with its attributes."""

    @property
    def code(self) -> str:
        """The stable code of the reason (``"post.registered_national_only"``…)."""

    @property
    def message(self) -> str:
        """The reason, as a person reads it."""

    def __reduce__(self) -> tuple[type[RecipientFailure], tuple[int, BaseException]]: ...

@final
class JobReport:
    """The recipients of a job, quoted one by one: those that go and those refused, in row order."""

    @property
    def recipients(self) -> int:
        """The number of recipients of the job."""

    @property
    def quotes(self) -> list[RecipientQuote]:
        """The recipients that go, with their quote."""

    @property
    def failures(self) -> list[RecipientFailure]:
        """The recipients refused, with their reason."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def quote_job(
    documents: Iterable[Mapping[str, Any] | bytes | bytearray],
    *,
    recipients: Iterable[Iterable[str]],
    submitted_at: datetime.datetime,
    postage: str,
    policy: str,
    color: bool = False,
    duplex: bool = False,
    acknowledgement: bool = False,
    envelope: str | None = None,
    return_address: Iterable[str] | None = None,
    background: Mapping[str, Any] | bytes | bytearray | None = None,
    production_closed_days: Iterable[datetime.date] | None = None,
    delivery_closed_days: Iterable[datetime.date] | None = None,
    data: PostData | None = None,
) -> JobReport:
    """Quotes one letter (the arguments of ``quote``) for each address of ``recipients``.

    The letter's own checks are made once and raise whatever ``policy``. Then each recipient gets
    its own country, postage check and dates. ``policy``: ``"report_and_continue"`` reports each
    refused recipient in ``JobReport.failures``; ``"refuse_job"`` raises ``envoi.PostError``
    (``post.job_refused``, with ``recipients`` and ``failures``) when any is refused, as does either
    policy when none is left. Raises as ``quote``, and ``post.no_recipients``.
    """

@final
class Destination:
    """The country an address goes to, and the line it was read from."""

    @property
    def country(self) -> str:
        """The destination country, an ISO 3166-1 alpha-2 code."""

    @property
    def country_line(self) -> int | None:
        """The address line the country was read from (from 0), or None (Belgium)."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def country(name: str) -> str:
    """The ISO code of a country name in French, Dutch, German or English, in capitals.

    ``"PAYS-BAS"``, ``"NEDERLAND"``, ``"NIEDERLANDE"``, ``"NETHERLANDS"`` → ``"NL"``. Raises
    ``envoi.PostError`` (``post.unknown_country`` with ``suggestions``,
    ``post.country_not_in_capitals`` with ``proposed``, ``post.ambiguous_country`` with
    ``candidates``).
    """

def destination(lines: Iterable[str]) -> Destination:
    """The destination of an address: its last line in capitals names the country; none is Belgium.

    Raises ``envoi.PostError`` as ``country``, with ``line``, and ``post.country_line_missing``.
    """

def country_name(code: str, language: str = "en") -> str:
    """The name of a country (an ISO code) in ``language`` (``"fr"``, ``"nl"``, ``"de"``, ``"en"``).

    Raises ``ValueError`` for an unknown code and ``envoi.LanguageError``.
    """

def pdf_page_sizes(data: bytes | bytearray) -> list[tuple[decimal.Decimal, decimal.Decimal]]:
    """The page sizes of a PDF, ``(width_mm, height_mm)`` per page, as it prints.

    Raises ``envoi.PostError`` (``post.pdf_corrupt`` with ``reason``, ``post.pdf_encrypted``,
    ``post.pdf_no_pages``…).
    """

@final
class Transition:
    """One change of a job's state: ``from_``, ``to``, ``at`` (Europe/Brussels) and ``by``."""

    @property
    def from_(self) -> str:
        """The state before."""

    @property
    def to(self) -> str:
        """The state after."""

    @property
    def at(self) -> datetime.datetime:
        """When, in Europe/Brussels."""

    @property
    def by(self) -> int | None:
        """Who (the approver, the sender for an approval request, the canceller when given), or None."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ApprovalLink:
    """The approval link of a job: ``url`` (the host's base followed by ``token``), ``token``,
    ``approver`` and ``expires_at`` (UTC, or None)."""

    @property
    def url(self) -> str: ...
    @property
    def token(self) -> str: ...
    @property
    def approver(self) -> int: ...
    @property
    def expires_at(self) -> datetime.datetime | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Job:
    """A job (a mailing): one letter sent to each address of a list, with its state and history.

    States: ``"draft"`` → (``"awaiting_approval"`` → ``"approved"`` | ``"rejected"``) →
    ``"submitted"`` → ``"processing"`` → ``"handed_over"``; ``"cancelled"`` before processing (not
    billed). Each change takes its time and is kept in ``history``; an illegal change raises
    ``envoi.PostError`` (``post.illegal_transition``) and changes nothing. The approval request (a
    link signed with a ``KeyRing``) keeps the approver asked: only they may approve or reject.
    Registered mail: ``assign_barcodes`` once printing starts, then ``hand_over``, then
    ``registered_summaries``. Mutable, thread-safe; ``to_json()`` / ``Job.from_json(text)`` (checked
    by the core), pickling.
    """

    def __new__(
        cls,
        account: int,
        id: int,
        sender: int,
        documents: Iterable[Mapping[str, Any] | bytes | bytearray],
        *,
        recipients: Iterable[Iterable[str]],
        created_at: datetime.datetime,
        postage: str,
        color: bool = False,
        duplex: bool = False,
        acknowledgement: bool = False,
        envelope: str | None = None,
        return_address: Iterable[str] | None = None,
        background: Mapping[str, Any] | bytes | bytearray | None = None,
        approval_required: bool = False,
    ) -> Job:
        """A draft job of the host's ``account`` with the host's job ``id``, made by user ``sender``.

        The letter's arguments are those of ``quote``; its rules are checked at ``submit``.
        ``approval_required``: the account requires a manager's approval for this sender. Raises
        ``envoi.PostError`` (``post.no_recipients``, a PDF's errors) and as ``quote``.
        """

    @staticmethod
    def from_json(text: str) -> Job:
        """The job of a JSON form written by ``to_json``, checked: it keeps the rules its methods keep.

        Raises ``envoi.PostError`` (``post.invalid_job`` with ``field`` (``history[0].to``,
        ``approver``, ``sent_rows[1]``…; ``json`` for text that is not a job's JSON), ``value`` and
        ``rule``; ``post.no_recipients``; ``post.self_approval``).
        """

    @property
    def account(self) -> int:
        """The host's account id."""

    @property
    def id(self) -> int:
        """The host's job id."""

    @property
    def sender(self) -> int:
        """The user who made the job."""

    @property
    def approval_required(self) -> bool:
        """Whether the account requires a manager's approval for the sender."""

    @property
    def recipients(self) -> list[list[str]]:
        """The recipients' addresses, in row order."""

    @property
    def created_at(self) -> datetime.datetime:
        """When the job was made, in Europe/Brussels."""

    @property
    def state(self) -> str:
        """The current state (``"draft"``, ``"awaiting_approval"``, ``"approved"``, ``"rejected"``,
        ``"submitted"``, ``"processing"``, ``"handed_over"``, ``"cancelled"``)."""

    @property
    def next_states(self) -> list[str]:
        """The states the job may go to from its state."""

    @property
    def history(self) -> list[Transition]:
        """Every change of state, oldest first."""

    @property
    def approver(self) -> int | None:
        """The approver asked (``request_approval``), or None when approval was not asked."""

    @property
    def sent_rows(self) -> list[int]:
        """The rows of the recipients that go, chosen at ``submit``; empty before."""

    @property
    def registered_letters(self) -> list[RegisteredLetter]:
        """The barcode of each registered letter (``assign_barcodes``), in row order; empty before."""

    @property
    def submitted_at(self) -> datetime.datetime | None:
        """When the job was submitted (Europe/Brussels), or None."""

    @property
    def handed_over_on(self) -> datetime.date | None:
        """The day the job was handed to the post (Europe/Brussels), or None."""

    @property
    def billable(self) -> bool:
        """Whether the job is billed: it reached processing."""

    def approve(self, approver: int, at: datetime.datetime) -> None:
        """The approver asked approves the job awaiting approval.

        Raises ``envoi.PostError`` (``post.self_approval``, ``post.wrong_approver`` with
        ``approver`` and ``given``, ``post.illegal_transition``, ``post.time_regression``).
        """

    def request_approval(
        self,
        approver: int,
        key_ring: KeyRing,
        link_base: str,
        *,
        now: datetime.datetime | None = None,
        expires: datetime.datetime | datetime.timedelta | None = None,
    ) -> ApprovalLink:
        """Asks ``approver`` to approve the draft job: the job moves to ``"awaiting_approval"`` and the
        result carries the signed approval link (``link_base`` followed by an ``approval`` token of
        ``key_ring``) to send to the approver. Raises ``envoi.PostError`` (``post.self_approval``,
        ``post.illegal_transition``, ``post.time_regression``, ``post.invalid_link_base``) and
        ``envoi.TokenError``."""

    def verify_approval_link(self, key_ring: KeyRing, token: str, *, now: datetime.datetime | None = None) -> int:
        """Checks an approval link's token for this job and returns the approver it was made for.
        Raises ``envoi.TokenError`` or ``envoi.PostError`` (``post.approval_link_mismatch``,
        ``post.approval_link_without_job`` with ``missing``, ``post.approval_link_without_approver``)."""

    def reject(self, approver: int, at: datetime.datetime) -> None:
        """The approver rejects the job awaiting approval (final). Raises as ``approve``."""

    def submit(
        self,
        at: datetime.datetime,
        *,
        policy: str,
        production_closed_days: Iterable[datetime.date] | None = None,
        delivery_closed_days: Iterable[datetime.date] | None = None,
        data: PostData | None = None,
    ) -> JobReport:
        """Quotes every recipient (as ``quote_job``) and, unless refused, goes to submitted.

        Raises ``envoi.PostError`` (``post.approval_required``, ``post.illegal_transition``,
        ``post.time_regression``, the letter's errors, ``post.job_refused``); nothing changes on
        error.
        """

    def start_processing(self, at: datetime.datetime) -> None:
        """Printing starts: the job can no longer be cancelled and will be billed."""

    def hand_over(self, at: datetime.datetime) -> None:
        """The letters are handed to the post (final).

        A registered job only with its barcodes: ``post.barcodes_not_assigned`` (``letters``).
        """

    def assign_barcodes(self, barcodes: BarcodeRange) -> list[RegisteredLetter]:
        """Gives each registered letter its barcode from ``barcodes``, all or none, while processing.

        Asked again, returns the barcodes already given and leaves the range untouched. Raises
        ``envoi.PostError`` (``post.not_registered`` with ``postage``, ``post.wrong_job_state`` with
        ``action``, ``state`` and ``needed``, ``post.barcode_range_exhausted``).
        """

    def registered_summaries(self) -> list[RegisteredSummary]:
        """The summary of each registered letter, in row order, once the job is handed over.

        Raises ``envoi.PostError`` (``post.not_registered``, ``post.wrong_job_state``).
        """

    def cancel(self, at: datetime.datetime, by: int | None = None) -> None:
        """Cancels the job (free), by the user ``by`` when known, before processing."""

    def to_json(self) -> str:
        """The job's JSON form (the core's serde form), to store it."""

    def __reduce__(self) -> tuple[Callable[[str], Job], tuple[str]]: ...

BARCODE_FORMATS: Final[tuple[str, ...]]
"""The registered-mail barcode formats: ``"s10"`` (UPU S10, ``"RR123456785BE"``) and
``"bpost_national"`` (30 digits starting with ``010``)."""

def parse_barcode(text: str) -> str:
    """The barcode as written (spaces dropped), checked: a UPU S10 identifier with its check digit
    or a bpost national 30-digit number.

    Raises ``envoi.PostError`` (``post.invalid_barcode`` with ``field``, ``value`` and ``rule``;
    ``post.barcode_check_digit_mismatch`` with ``value``, ``serial``, ``expected`` and ``found``) and
    ``TypeError`` for a non-str.
    """

def barcode_format(barcode: str) -> str:
    """The format of a barcode: ``"s10"`` or ``"bpost_national"``. Raises as ``parse_barcode``."""

def s10_barcode(service: str, serial: int, country: str) -> str:
    """The UPU S10 identifier ``service`` (``"RA"``–``"RZ"``) + ``serial`` (8 digits) + its check
    digit + ``country``: ``s10_barcode("RR", 12345678, "BE") == "RR123456785BE"``.

    Raises ``envoi.PostError`` (``post.invalid_barcode`` naming ``service``, ``serial`` or
    ``country``).
    """

@final
class BarcodeRange:
    """The host's range of registered-mail barcodes (a fixed prefix and suffix around a range of
    serials), handed out in order as ``str``s.

    Made by ``BarcodeRange.s10`` or ``BarcodeRange.bpost_national``. Mutable, thread-safe;
    ``to_json()`` / ``BarcodeRange.from_json(text)``, pickling.
    """

    @staticmethod
    def s10(service: str, first: int, last: int, country: str) -> BarcodeRange:
        """UPU S10 barcodes ``service`` + serial (``first`` to ``last``) + check digit + ``country``.

        Raises ``envoi.PostError`` (``post.invalid_barcode_range``, with ``field``, ``value`` and
        ``rule``).
        """

    @staticmethod
    def bpost_national(prefix: str, first: int, last: int, suffix: str = "") -> BarcodeRange:
        """bpost national barcodes ``prefix`` (digits starting with ``010``) + serial (``first`` to
        ``last``, zero-padded to fill 30 digits) + ``suffix`` (digits).

        Raises ``envoi.PostError`` (``post.invalid_barcode_range``, with ``field``, ``value`` and
        ``rule``).
        """

    @staticmethod
    def from_json(text: str) -> BarcodeRange:
        """The range of a JSON form written by ``to_json``, checked as the constructors check.

        Raises ``envoi.PostError`` (``post.invalid_barcode_range``, field ``json`` for text that is
        not a range's JSON; ``post.barcode_next_outside_range`` with ``next``, ``first``, ``last``).
        """

    @property
    def format(self) -> str:
        """``"s10"`` or ``"bpost_national"``."""

    @property
    def prefix(self) -> str:
        """The fixed start: the S10 service indicator, or the bpost national prefix."""

    @property
    def suffix(self) -> str:
        """The fixed end: the S10 country code, or the bpost national suffix (may be empty)."""

    @property
    def first(self) -> int:
        """The first serial of the range."""

    @property
    def last(self) -> int:
        """The last serial of the range."""

    @property
    def next(self) -> int | None:
        """The next serial to hand out, or None once every serial is used."""

    @property
    def remaining(self) -> int:
        """How many barcodes are left."""

    def next_barcode(self) -> str:
        """The next barcode.

        Raises ``envoi.PostError`` (``post.barcode_range_exhausted``, with ``first``, ``last``,
        ``requested`` and ``remaining``).
        """

    def take(self, count: int) -> list[str]:
        """The next ``count`` barcodes, all or none.

        Raises ``envoi.PostError`` (``post.barcode_range_exhausted``) and ``ValueError`` for a
        negative count.
        """

    def to_json(self) -> str:
        """The range's JSON form, ``{"format":…,"prefix":…,"suffix":…,"first":…,"last":…,"next":…}``."""

    def __reduce__(self) -> tuple[Callable[[str], BarcodeRange], tuple[str]]: ...

@final
class RegisteredLetter:
    """The barcode of one registered letter of a job: the recipient's ``row`` and its ``barcode``."""

    def __new__(cls, row: int, barcode: str) -> RegisteredLetter:
        """The letter to the recipient at ``row`` (from 0) with ``barcode`` (checked as ``parse_barcode``)."""

    @property
    def row(self) -> int:
        """The recipient's position in the job's address list, from 0."""

    @property
    def barcode(self) -> str:
        """The letter's barcode."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[RegisteredLetter], tuple[int, str]]: ...

@final
class RegisteredSummary:
    """The summary of a registered letter that a person can print (it exists once handed over).

    Immutable; ``==``, ``to_json()`` / ``RegisteredSummary.from_json(text)``, pickling.
    """

    def __new__(
        cls,
        barcode: str,
        recipient: Iterable[str],
        submitted_at: datetime.datetime,
        handed_over_on: datetime.date,
        acknowledgement: bool = False,
    ) -> RegisteredSummary:
        """The summary of the letter with ``barcode`` to ``recipient`` (its address lines).

        Raises ``envoi.PostError`` (``post.invalid_barcode``, ``post.barcode_check_digit_mismatch``,
        ``post.handover_before_submission``, ``post.empty_address``).
        """

    @staticmethod
    def from_json(text: str) -> RegisteredSummary:
        """The summary of a JSON form written by ``to_json``; ``ValueError`` when ``text`` is not one."""

    @property
    def barcode(self) -> str:
        """The letter's barcode (``"RR123456785BE"``, or 30 digits for bpost national)."""

    @property
    def recipient(self) -> list[str]:
        """The recipient's address lines."""

    @property
    def submitted_at(self) -> datetime.datetime:
        """When the letter was submitted, in Europe/Brussels."""

    @property
    def submitted_on(self) -> datetime.date:
        """The submission day (Europe/Brussels)."""

    @property
    def handed_over_on(self) -> datetime.date:
        """The day it was handed to the post."""

    @property
    def acknowledgement(self) -> bool:
        """Whether an acknowledgement of receipt was asked for."""

    @property
    def kept_until(self) -> datetime.date:
        """The last day the summary is kept (60 days after handover)."""

    @property
    def deposit_receipt_kept_until(self) -> datetime.date:
        """The last day the post's deposit receipt is kept (3 years after handover)."""

    @property
    def claim_deadline(self) -> datetime.date:
        """The last day to file a claim with the post (12 months after handover)."""

    def to_text(self, language: str = "en") -> str:
        """The summary as text a person can print, in ``language`` (``"fr"``, ``"nl"``, ``"de"``, ``"en"``).

        Raises ``envoi.LanguageError``.
        """

    def to_json(self) -> str:
        """The summary's JSON form (the core's serde form)."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], RegisteredSummary], tuple[str]]: ...

def submission_date(submitted_at: datetime.datetime) -> datetime.date:
    """The submission day of ``submitted_at``: its date in Europe/Brussels."""

def documents_kept_until(submitted_on: datetime.date) -> datetime.date:
    """The last day the documents of a letter submitted on ``submitted_on`` are kept (60 days after)."""

def registered_summary_kept_until(handed_over_on: datetime.date) -> datetime.date:
    """The last day the summary of a registered letter is kept (60 days after its handover)."""

def deposit_receipt_kept_until(handed_over_on: datetime.date) -> datetime.date:
    """The last day the deposit receipt of a registered letter is kept (3 years after its handover)."""

def claim_deadline(handed_over_on: datetime.date) -> datetime.date:
    """The last day to file a claim for a registered letter (12 months after its handover)."""

# ---- envoi.invoice --------------------------------------------------------------------------------

LANGUAGES: Final[tuple[str, ...]]
"""The languages envoi writes invoices and mentions in: ``("fr", "nl", "de", "en")``."""

VAT_CATEGORIES: Final[tuple[str, ...]]
"""The VAT category codes: ``("S", "Z", "E", "AE", "O")``."""

@final
class InvoiceLine:
    """One line of an invoice or credit note: what, how many, the price of one, and its VAT."""

    def __new__(
        cls,
        description: str,
        quantity: decimal.Decimal | int,
        unit_price: decimal.Decimal | int,
        rate: decimal.Decimal | int,
        *,
        category: str | None = None,
    ) -> InvoiceLine:
        """A line of ``quantity`` × ``unit_price`` at the VAT ``rate`` in percent.

        ``category``: ``"S"`` (default above 0%), ``"Z"`` (default at 0%), ``"E"``, ``"AE"`` or
        ``"O"`` (every category but ``"S"`` sets the rate to 0). Raises ``envoi.InvoiceError``
        (``invoice.invalid_text``, ``invoice.invalid_quantity``, ``invoice.invalid_unit_price``,
        ``invoice.invalid_rate``, ``invoice.invalid_argument``,
        ``invoice.category_rate_mismatch``) and ``TypeError`` for a ``float``.
        """

    @property
    def description(self) -> str:
        """What is sold."""

    @property
    def quantity(self) -> decimal.Decimal:
        """How many (negative for a deduction)."""

    @property
    def unit_price(self) -> decimal.Decimal:
        """The price of one, without VAT (may have more decimals than the cent)."""

    @property
    def rate(self) -> decimal.Decimal:
        """The VAT rate in percent (0 for every category but ``"S"``)."""

    @property
    def category(self) -> str:
        """The VAT category code: ``"S"``, ``"Z"``, ``"E"``, ``"AE"`` or ``"O"``."""

    def net(self, currency: str) -> decimal.Decimal:
        """Quantity × unit price rounded to ``currency``'s minor unit, half away from zero."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Party:
    """The seller or the customer of an invoice. Immutable; compared by value."""

    def __new__(
        cls,
        name: str,
        country: str,
        *,
        street: str | None = None,
        city: str | None = None,
        postal_code: str | None = None,
        vat_number: str | None = None,
        enterprise_number: str | None = None,
        endpoint: tuple[str, str] | None = None,
    ) -> Party:
        """A party named ``name`` in ``country`` (ISO 3166-1 alpha-2, any case).

        ``street``, ``city`` and ``postal_code`` make its address; ``vat_number`` has its country
        prefix; ``enterprise_number`` is Belgian and gives the Peppol endpoint ``("0208", number)``
        unless ``endpoint`` ``(scheme, id)`` is given. Raises ``envoi.InvoiceError``
        (``invoice.invalid_text``, ``invoice.invalid_identifier``).
        """

    @property
    def name(self) -> str:
        """The name."""

    @property
    def country(self) -> str:
        """The country code, upper case."""

    @property
    def street(self) -> str | None:
        """The street and number, or None."""

    @property
    def city(self) -> str | None:
        """The city, or None."""

    @property
    def postal_code(self) -> str | None:
        """The postal code, or None."""

    @property
    def vat_number(self) -> str | None:
        """The VAT number, compact (``"BE0403170701"``), or None."""

    @property
    def enterprise_number(self) -> str | None:
        """The Belgian enterprise number, 10 digits, or None."""

    @property
    def endpoint(self) -> tuple[str, str] | None:
        """The Peppol endpoint ``(scheme, id)``: the one given, else ``("0208", enterprise number)``, else None."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RateTotal:
    """The taxable amount and the VAT of one (category, rate) of an invoice (EN 16931 BG-23)."""

    @property
    def category(self) -> str:
        """The VAT category code: ``"S"``, ``"Z"``, ``"E"``, ``"AE"`` or ``"O"``."""

    @property
    def rate(self) -> decimal.Decimal:
        """The rate in percent."""

    @property
    def base(self) -> decimal.Decimal:
        """The taxable amount: the sum of the lines' net amounts, to the cent."""

    @property
    def vat(self) -> decimal.Decimal:
        """The VAT: taxable amount × rate, rounded half away from zero to the cent."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Totals:
    """An invoice's totals (EN 16931): per (category, rate), highest rate first, and overall."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount."""

    @property
    def per_rate(self) -> list[RateTotal]:
        """One ``RateTotal`` per (category, rate), highest rate first."""

    @property
    def total_without_vat(self) -> decimal.Decimal:
        """The sum of the taxable amounts (BT-109)."""

    @property
    def total_vat(self) -> decimal.Decimal:
        """The sum of the VAT per rate (BT-110)."""

    @property
    def total_with_vat(self) -> decimal.Decimal:
        """The total with VAT (BT-112)."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Invoice:
    """An invoice or a credit note: a currency, lines, a seller and a customer, a date, a language
    and references. Immutable; compared by value; its JSON form is the core's serde form.
    """

    def __new__(
        cls,
        currency: str,
        lines: Iterable[InvoiceLine],
        *,
        seller: Party | None = None,
        customer: Party | None = None,
        date: datetime.date | None = None,
        language: str = "en",
        number: str | None = None,
        due_date: datetime.date | None = None,
        buyer_reference: str | None = None,
        order_reference: str | None = None,
        note: str | None = None,
        payment_terms: str | None = None,
        tax_currency: str | None = None,
        exchange_rate: decimal.Decimal | int | None = None,
        preceding_invoice: str | None = None,
        preceding_invoice_date: datetime.date | None = None,
    ) -> Invoice:
        """An invoice of ``lines`` in ``currency`` (an ISO 4217 code).

        ``tax_currency`` and ``exchange_rate`` go together (units of the tax currency per unit of
        ``currency``: the VAT total is stated in it too, BT-111). Only ``to_ubl`` needs the number,
        the date, the seller and the customer. Raises ``envoi.InvoiceError``, ``envoi.MoneyError``
        (``money.unknown_currency``), ``envoi.LanguageError``, ``TypeError`` (a line that is not an
        ``InvoiceLine``, a ``float``, a ``datetime``) and ``ValueError`` (``tax_currency`` without
        ``exchange_rate`` or the reverse).
        """

    @staticmethod
    def credit_note(
        currency: str,
        lines: Iterable[InvoiceLine],
        *,
        seller: Party | None = None,
        customer: Party | None = None,
        date: datetime.date | None = None,
        language: str = "en",
        number: str | None = None,
        due_date: datetime.date | None = None,
        buyer_reference: str | None = None,
        order_reference: str | None = None,
        note: str | None = None,
        payment_terms: str | None = None,
        tax_currency: str | None = None,
        exchange_rate: decimal.Decimal | int | None = None,
        preceding_invoice: str | None = None,
        preceding_invoice_date: datetime.date | None = None,
    ) -> Invoice:
        """A credit note (UBL ``CreditNote``, type 381): the same arguments as ``Invoice(...)``.

        ``preceding_invoice`` names the invoice it corrects; quantities are positive for what is
        credited.
        """

    @property
    def kind(self) -> str:
        """``"invoice"`` or ``"credit_note"``."""

    @property
    def number(self) -> str | None:
        """The invoice number, or None."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of the invoice's amounts."""

    @property
    def lines(self) -> list[InvoiceLine]:
        """The lines, in order."""

    @property
    def seller(self) -> Party | None:
        """The seller, or None."""

    @property
    def customer(self) -> Party | None:
        """The customer, or None."""

    @property
    def date(self) -> datetime.date | None:
        """The issue date, or None."""

    @property
    def due_date(self) -> datetime.date | None:
        """The due date, or None."""

    @property
    def language(self) -> str:
        """The language of the document and its legal mentions: ``"fr"``, ``"nl"``, ``"de"`` or ``"en"``."""

    @property
    def buyer_reference(self) -> str | None:
        """The buyer reference (BT-10), or None."""

    @property
    def order_reference(self) -> str | None:
        """The purchase order reference (BT-13), or None."""

    @property
    def note(self) -> str | None:
        """A note on the document, or None."""

    @property
    def payment_terms(self) -> str | None:
        """The payment terms, or None."""

    @property
    def tax_currency(self) -> str | None:
        """The ISO 4217 code of the tax currency (BT-6), or None."""

    @property
    def exchange_rate(self) -> decimal.Decimal | None:
        """Units of the tax currency per unit of the invoice currency, or None."""

    @property
    def preceding_invoice(self) -> str | None:
        """The number of the invoice a credit note corrects (BT-25), or None."""

    @property
    def preceding_invoice_date(self) -> datetime.date | None:
        """The date of that invoice (BT-26), or None."""

    def totals(self) -> Totals:
        """The totals (EN 16931): line nets to the cent, VAT per (category, rate) half away from zero."""

    def to_ubl(self) -> str:
        """The document as UBL 2.1 XML following Peppol BIS Billing 3.0 (``Invoice`` or ``CreditNote``).

        Raises ``envoi.InvoiceError`` naming what is missing or wrong (``invoice.missing_field``,
        ``invoice.incompatible_categories``, ``invoice.not_applicable``, ``invoice.invalid_date``,
        ``invoice.unsupported_currency``, ``invoice.line_rounding``).
        """

    def to_json(self) -> str:
        """The document's JSON form (the core's serde form; decimals as strings)."""

    @staticmethod
    def from_json(text: str) -> Invoice:
        """The document of a JSON form written by ``to_json``; every rule is checked again.

        Raises ``ValueError`` naming the problem when ``text`` is not one.
        """

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], Invoice], tuple[str]]: ...

# ---- envoi.tracking -------------------------------------------------------------------------------

_Claims: TypeAlias = Mapping[str, int | None]
"""Token claims: ``account``, ``message``, ``recipient`` (0 to 2**64 - 1), ``occurrence`` (0 to
2**32 - 1), ``link`` (0 to 65535), ``credential`` (the credential version of a password-reset
token, 0 to 2**32 - 1); None (or a missing key) is absent."""

_Expiry: TypeAlias = datetime.datetime | datetime.timedelta | None
"""An expiry: an aware datetime, a timedelta from ``now``, or None (never)."""

@final
class KeyRing:
    """The keys that sign and verify tokens: ids 0 to 255, one active for signing, the others retired.

    A retired key verifies what it signed and never signs again; a key removed from the ring is
    gone (its tokens are refused with ``token.unknown_key``). Immutable and safe to share between
    threads; its repr shows the ids alone, never a secret.
    """

    def __new__(
        cls,
        keys: Mapping[int, bytes | bytearray] | Iterable[tuple[int, bytes | bytearray]],
        active: int,
        *,
        tag_length: int = 16,
    ) -> KeyRing:
        """A ring of ``keys`` (``{key_id: secret}`` or ``(key_id, secret)`` pairs; secrets of at least
        32 random bytes) where ``active`` signs; tags of ``tag_length`` bytes (16 to 32).

        Raises ``envoi.TokenError``: ``token.key_too_short``, ``token.duplicate_key``,
        ``token.active_key_missing``, ``token.invalid_argument`` (a key id outside 0 to 255, a tag
        length outside 16 to 32); ``TypeError`` for a secret that is not bytes.
        """

    @property
    def key_ids(self) -> list[int]:
        """The ids of every key (active and retired), in increasing order."""

    @property
    def active_key_id(self) -> int:
        """The id of the key that signs."""

    @property
    def tag_length(self) -> int:
        """The length of this ring's tags, in bytes."""

    def issue(
        self,
        purpose: str,
        claims: _Claims | None,
        *,
        expires: _Expiry = None,
        now: datetime.datetime | None = None,
        sealed: bool = False,
    ) -> str:
        """A URL-safe token for ``purpose`` saying ``claims``, signed with the active key (or sealed).

        ``purpose``: ``"open"``, ``"click"``, ``"approval"``, ``"sender_verification"``,
        ``"password_reset"`` or ``"secure_email"``. ``now`` is the issue time (None: the real
        clock). Times are kept to the whole second; a token is valid strictly before its expiry.
        Raises ``envoi.TokenError`` (``token.unknown_purpose``, ``token.invalid_time``,
        ``token.invalid_argument``) and ``envoi.TimeError`` (``time.not_zone_aware``).
        """

    def verify(self, purpose: str, token: str, *, now: datetime.datetime | None = None) -> Verified:
        """Checks a token (signed or sealed) for ``purpose`` at ``now`` (None: the real clock).

        Raises ``envoi.TokenError`` with the first check that fails: ``token.wrong_length``,
        ``token.bad_base64``, ``token.unsupported_version``, ``token.unknown_key``,
        ``token.bad_tag``, ``token.non_canonical``, ``token.wrong_purpose``, ``token.expired``.
        """

    def issue_code(
        self,
        purpose: str,
        claims: _Claims | None,
        challenge_id: str,
        *,
        expires: datetime.datetime | datetime.timedelta,
        now: datetime.datetime | None = None,
        alphabet: str | None = None,
        length: int | None = None,
        max_attempts: int | None = None,
    ) -> tuple[str, CodeChallenge]:
        """A one-time code for ``purpose`` about ``claims``, and the challenge to store.

        ``challenge_id``: the host's unique id of the challenge (1 to 128 bytes). ``alphabet``
        ``"digits"`` (6 to 10) or ``"crockford"`` (6 to 16), ``length`` characters,
        ``max_attempts`` wrong codes (1 to 10); None: the core's default (6 digits, 5 attempts).
        Raises ``envoi.TokenError`` (``token.invalid_argument``, ``token.invalid_time``) and
        ``ValueError`` for an unknown alphabet.
        """

    def check_code(
        self, purpose: str, challenge: CodeChallenge, given: str, *, now: datetime.datetime | None = None
    ) -> Verified:
        """Checks a typed code against ``challenge`` and records the attempt in it (store it back).

        Raises ``envoi.TokenError``: ``token.wrong_purpose``, ``token.code_used``,
        ``token.code_locked``, ``token.code_expired``, ``token.unknown_key``,
        ``token.code_malformed`` (no attempt used), ``token.code_mismatch`` (``attempts_left``).
        """

@final
class Verified:
    """A token (or a one-time code) that passed every check: what it says and who signed it."""

    @property
    def purpose(self) -> str:
        """The purpose the token was made (and verified) for."""

    @property
    def key_id(self) -> int:
        """The ring key that signed it (active or retired)."""

    @property
    def claims(self) -> dict[str, int]:
        """The claims the token carries."""

    @property
    def issued_at(self) -> datetime.datetime:
        """When it was issued, to the whole second, in UTC."""

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When it expires (valid strictly before), in UTC; None: never."""

    @property
    def token_id(self) -> str:
        """A stable id of the token (22 characters), for a host that makes it single use."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CodeChallenge:
    """A one-time code's challenge, as the host stores it; ``KeyRing.check_code`` updates it in place.

    The code itself is not in it. Its JSON form is the core's, the same in every binding.
    """

    @staticmethod
    def from_json(text: str) -> CodeChallenge:
        """The challenge of a JSON form written by ``to_json``; ``ValueError`` when ``text`` is not one."""

    def to_json(self) -> str:
        """The challenge's JSON form (the core's serde form), to store."""

    @property
    def key_id(self) -> int:
        """The ring key the code was derived with."""

    @property
    def purpose(self) -> str:
        """What the code is for."""

    @property
    def claims(self) -> dict[str, int]:
        """What the code proves."""

    @property
    def challenge_id(self) -> str:
        """The host's unique id of the challenge."""

    @property
    def issued_at(self) -> datetime.datetime:
        """When the code was issued, to the whole second, in UTC."""

    @property
    def expires_at(self) -> datetime.datetime:
        """The code is valid strictly before this instant (UTC)."""

    @property
    def alphabet(self) -> str:
        """``"digits"`` or ``"crockford"``."""

    @property
    def length(self) -> int:
        """The number of characters of the code."""

    @property
    def max_attempts(self) -> int:
        """Wrong codes allowed before the challenge locks."""

    @property
    def attempts_used(self) -> int:
        """Codes checked so far (right or wrong)."""

    @property
    def attempts_left(self) -> int:
        """Wrong codes still allowed before the challenge locks (0 once used or locked)."""

    @property
    def state(self) -> str:
        """``"pending"``, ``"used"`` or ``"locked"``."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], CodeChallenge], tuple[str]]: ...

@final
class Tracker:
    """Tracks emails (the open pixel and the tracked links) and resolves their tokens.

    A tracked link is ``{base_url}{click_path}/{token}``, the pixel ``{base_url}{open_path}/{token}``.
    """

    def __new__(
        cls,
        base_url: str,
        fallback_url: str,
        *,
        open_path: str = "/o",
        click_path: str = "/c",
        opt_out_attribute: str = "data-envoi-notrack",
    ) -> Tracker:
        """Checks the options; raises ``envoi.TrackingError`` (``tracking.invalid_option``)."""

    @property
    def base_url(self) -> str:
        """The tracking site, as given."""

    @property
    def fallback_url(self) -> str:
        """Where a click that does not resolve is sent (normalised)."""

    @property
    def open_path(self) -> str:
        """The open pixel's path under ``base_url``."""

    @property
    def click_path(self) -> str:
        """The tracked links' path under ``base_url``."""

    @property
    def opt_out_attribute(self) -> str:
        """The attribute that keeps an ``<a>`` untracked."""

    def click_url(self, token: str) -> str:
        """The tracked-link URL carrying ``token``."""

    def open_url(self, token: str) -> str:
        """The open-pixel URL carrying ``token``."""

    def track(
        self,
        key_ring: KeyRing,
        html: str,
        claims: _Claims | None,
        *,
        text: str | None = None,
        now: datetime.datetime | None = None,
        expires: _Expiry = None,
    ) -> TrackedEmail:
        """Tracks one email for one recipient: the pixel, the tracked links, the link table.

        ``claims`` must not hold ``link`` (the tracker numbers the links). Raises
        ``envoi.TrackingError`` (``tracking.invalid_claims``, ``tracking.too_many_links``,
        ``tracking.ambiguous_html``, ``tracking.html_rewrite_failed``) and ``envoi.TokenError``.
        """

    def resolve_click(
        self,
        key_ring: KeyRing,
        token: str,
        lookup: Callable[[dict[str, int]], str | None],
        *,
        now: datetime.datetime | None = None,
    ) -> ClickResolution:
        """Resolves a tracked link's token: the stored target, or the fallback with the reason.

        ``lookup(claims)`` returns the target the host stored for the message and link index, or
        None; it is called only once the token verified. An exception it raises reaches the
        caller unchanged; another return type is a ``TypeError`` naming ``lookup``.
        """

    def resolve_open(
        self, key_ring: KeyRing, token: str, *, now: datetime.datetime | None = None
    ) -> OpenResolution:
        """Resolves an open pixel's token: the verified token to record, or nothing with the reason."""

@final
class TrackedEmail:
    """A tracked email: what goes out, and the link table the host keeps."""

    @property
    def html(self) -> str:
        """The HTML body with the pixel and the tracked links."""

    @property
    def text(self) -> str | None:
        """The text part with the same tracked links, or None without a text part."""

    @property
    def links(self) -> list[str]:
        """The target of each tracked link, by link index."""

    @property
    def links_json(self) -> str:
        """The link table's JSON form (an array of the targets), what the host stores."""

    @property
    def open_url(self) -> str:
        """The open pixel's URL (in the HTML already)."""

    @property
    def untracked(self) -> list[UntrackedLink]:
        """The links left untouched and why, HTML part first, then text part."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class UntrackedLink:
    """A link the tracker left as it was, and why."""

    @property
    def part(self) -> str:
        """``"html"`` or ``"text"``."""

    @property
    def href(self) -> str:
        """The href as written, or the URL as found in the text."""

    @property
    def reason(self) -> str:
        """``"opt_out"``, ``"other_scheme"``, ``"fragment"``, ``"empty"``, ``"relative"``,
        ``"unparseable"``, ``"unknown_character_reference"`` or ``"not_in_html"``."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ClickResolution:
    """Where a click goes: the original target (with the verified token) or the fallback (with why)."""

    @property
    def url(self) -> str:
        """The URL to redirect the visitor to, whichever the outcome."""

    @property
    def verified(self) -> Verified | None:
        """The verified token when the click resolved to its target; None for the fallback."""

    @property
    def reason(self) -> str | None:
        """None when resolved; else the code of why (``token.*``, ``tracking.unknown_link``…), for the logs."""

    @property
    def message(self) -> str | None:
        """None when resolved; else why, as a person reads it, for the logs."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class OpenResolution:
    """What an open-pixel request means: the token to record an open for, or nothing with why."""

    @property
    def verified(self) -> Verified | None:
        """The verified ``open`` token when the open counts; else None."""

    @property
    def reason(self) -> str | None:
        """None when the open counts; else the key ring's ``token.*`` code."""

    @property
    def message(self) -> str | None:
        """None when the open counts; else why, for the logs."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MachineRules:
    """The rules that tell likely machine events (privacy proxies, link scanners) from human ones."""

    @staticmethod
    def builtin() -> MachineRules:
        """envoi's built-in rules."""

    @staticmethod
    def from_json(text: str) -> MachineRules:
        """Rules in the format of ``to_json()``; raises ``envoi.TrackingError`` naming the rule and field."""

    def to_json(self) -> str:
        """The rules in their JSON format (pretty-printed)."""

    @property
    def rule_names(self) -> list[str]:
        """The verdict rule name of each rule, in the order they are tried."""

    @property
    def enabled_rule_names(self) -> list[str]:
        """The names of the enabled rules, in order."""

    @property
    def about(self) -> list[str]:
        """The header lines of the JSON form."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], MachineRules], tuple[str]]: ...

@final
class Stats:
    """Raw tracking events and their aggregate, human and machine counted apart.

    Every number counts links, not people: a forwarded mail shares the original recipient's links.
    """

    def __new__(cls, rules: MachineRules | None = None) -> Stats:
        """No events; ``rules`` classify them (the built-in rules when None)."""

    @staticmethod
    def from_events(events: Iterable[Mapping[str, Any]], rules: MachineRules | None = None) -> Stats:
        """Events the host kept (as ``events()`` gives them); ``ValueError`` naming one that is not an event."""

    def record(
        self,
        kind: str,
        claims: _Claims | None,
        at: datetime.datetime | None = None,
        *,
        user_agent: str | None = None,
        ip: str | ipaddress.IPv4Address | ipaddress.IPv6Address | None = None,
        head_request: bool = False,
        client_class: str | None = None,
        delivered_at: datetime.datetime | None = None,
        links_in_message: int | None = None,
    ) -> None:
        """Records one event: ``kind`` ``"open"`` or ``"click"``, the token's claims, when (None: now)."""

    def record_verified(
        self,
        verified: Verified,
        at: datetime.datetime | None = None,
        *,
        user_agent: str | None = None,
        ip: str | ipaddress.IPv4Address | ipaddress.IPv6Address | None = None,
        head_request: bool = False,
        client_class: str | None = None,
        delivered_at: datetime.datetime | None = None,
        links_in_message: int | None = None,
    ) -> None:
        """Records the event of a verified open or click token.

        Another purpose raises ``envoi.TrackingError`` (``tracking.not_a_tracking_token``).
        """

    def events(self) -> list[dict[str, Any]]:
        """The raw events as plain dicts (the core's JSON form), in the order recorded."""

    def verdicts(self) -> list[Verdict]:
        """The verdict of each event, in the order of ``events()``."""

    def report(self) -> StatsReport:
        """The aggregate: per message, per recipient's links and per link."""

    @property
    def rules(self) -> MachineRules:
        """The rules the statistics classify with."""

    def __len__(self) -> int: ...

@final
class Verdict:
    """The classifier's answer for one event, and the rule that decided."""

    @property
    def event_class(self) -> str:
        """``"human"`` or ``"machine"``."""

    @property
    def rule(self) -> str:
        """The deciding rule's name (``"apple_mpp_user_agent"``…), or ``"human"``."""

    @property
    def is_machine(self) -> bool:
        """True for a machine verdict."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class EngagementCounts:
    """Counts of opens or clicks at one level of the report (links, not people)."""

    @property
    def total(self) -> int:
        """Events, human and machine."""

    @property
    def unique_links(self) -> int:
        """Distinct recipient-links with at least one event."""

    @property
    def human_total(self) -> int:
        """Events with a human verdict."""

    @property
    def human_unique_links(self) -> int:
        """Distinct recipient-links with at least one human event."""

    @property
    def machine_total(self) -> int:
        """Events with a machine verdict."""

    @property
    def machine_unique_links(self) -> int:
        """Distinct recipient-links with at least one machine event."""

    @property
    def first_at(self) -> datetime.datetime | None:
        """The first event's time (UTC)."""

    @property
    def last_at(self) -> datetime.datetime | None:
        """The last event's time (UTC)."""

    @property
    def human_first_at(self) -> datetime.datetime | None:
        """The first human event's time (UTC)."""

    @property
    def human_last_at(self) -> datetime.datetime | None:
        """The last human event's time (UTC)."""

    @property
    def machine_by_rule(self) -> dict[str, int]:
        """Machine events per deciding rule; sums to ``machine_total``."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LinkStats:
    """The clicks on one link."""

    @property
    def link(self) -> int | None:
        """The link's index (None for click tokens without a link claim)."""

    @property
    def clicks(self) -> EngagementCounts:
        """The clicks on it."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RecipientLinkStats:
    """One recipient's links in one message."""

    @property
    def recipient(self) -> int | None:
        """The recipient the links were made for."""

    @property
    def opens(self) -> EngagementCounts:
        """Loads of this recipient's open pixel."""

    @property
    def clicks(self) -> EngagementCounts:
        """Clicks on this recipient's links, all links together."""

    @property
    def links(self) -> list[LinkStats]:
        """Clicks per link, sorted by link."""

    def link(self, link: int | None) -> LinkStats | None:
        """The clicks on this recipient's copy of one link, if it was clicked."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MessageStats:
    """One message's statistics (one send: account, message, occurrence), all recipients."""

    @property
    def account(self) -> int | None:
        """The account claim of its tokens."""

    @property
    def message(self) -> int | None:
        """The message claim of its tokens."""

    @property
    def occurrence(self) -> int | None:
        """The occurrence claim of its tokens."""

    @property
    def opens(self) -> EngagementCounts:
        """Loads of the message's open pixels."""

    @property
    def clicks(self) -> EngagementCounts:
        """Clicks on the message's links."""

    @property
    def links(self) -> list[LinkStats]:
        """Clicks per link (every recipient's copy), sorted by link."""

    @property
    def recipients(self) -> list[RecipientLinkStats]:
        """Per recipient's links, sorted by recipient."""

    def link(self, link: int | None) -> LinkStats | None:
        """The clicks on one link (every recipient's copy), if it was clicked."""

    def recipient(self, recipient: int | None) -> RecipientLinkStats | None:
        """One recipient's links, if any event used them."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class StatsReport:
    """The aggregate of a ``Stats``: all messages together and per message."""

    @property
    def opens(self) -> EngagementCounts:
        """Open-pixel loads over all messages."""

    @property
    def clicks(self) -> EngagementCounts:
        """Clicks over all messages."""

    @property
    def messages(self) -> list[MessageStats]:
        """Per message, sorted by account, message and occurrence."""

    def message(
        self, account: int | None = None, message: int | None = None, occurrence: int | None = None
    ) -> MessageStats | None:
        """One message's statistics by the claims of its tokens, if any event belongs to it."""

    def to_json(self) -> str:
        """The report's JSON form (the core's serde form)."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AccessLock:
    """When and why a secure-email access locked."""

    @property
    def reason(self) -> str:
        """``"expired"``, ``"too_many_attempts"`` or ``"revoked"``."""

    @property
    def at(self) -> datetime.datetime:
        """When (UTC)."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SecureOpen:
    """A successful open of a secure email: show the content."""

    @property
    def claims(self) -> dict[str, int]:
        """Whose access to what."""

    @property
    def opened_at(self) -> datetime.datetime:
        """When (UTC)."""

    @property
    def open_count(self) -> int:
        """Opens so far, this one included."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SecureAccess:
    """One recipient's access to one secure email, as the host stores it (changed in place: store it back)."""

    @staticmethod
    def create(
        key_ring: KeyRing,
        claims: _Claims | None,
        *,
        now: datetime.datetime | None = None,
        validity_seconds: int | None = None,
        require_code: bool | None = None,
        code_alphabet: str | None = None,
        code_length: int | None = None,
        code_max_attempts: int | None = None,
        code_validity_seconds: int | None = None,
        max_codes: int | None = None,
        max_failed_attempts: int | None = None,
    ) -> tuple[SecureAccess, str]:
        """Creates the access: ``(access, link_token)``; None policy arguments take the core's defaults.

        Raises ``envoi.TrackingError`` (``tracking.invalid_option``, ``tracking.invalid_claims``),
        ``envoi.TokenError`` and ``ValueError`` for an unknown alphabet.
        """

    @staticmethod
    def read_link(key_ring: KeyRing, token: str, *, now: datetime.datetime | None = None) -> dict[str, int]:
        """The claims of a valid ``secure_email`` link token; raises ``envoi.TokenError``."""

    @staticmethod
    def from_json(text: str) -> SecureAccess:
        """The access of a JSON form written by ``to_json``; ``ValueError`` when ``text`` is not one."""

    def to_json(self) -> str:
        """The access's JSON form (the core's serde form), to store."""

    def issue_code(self, key_ring: KeyRing, *, now: datetime.datetime | None = None) -> str:
        """Issues a one-time code to send through the second channel (replaces any previous one)."""

    def open(
        self, key_ring: KeyRing, token: str, code: str | None = None, *, now: datetime.datetime | None = None
    ) -> SecureOpen:
        """Opens the content with the link's token and the code; raises ``envoi.TrackingError`` or ``envoi.TokenError``."""

    def revoke(self, *, now: datetime.datetime | None = None) -> None:
        """Locks the access for good with the reason ``"revoked"``."""

    def lock_at(self, now: datetime.datetime | None = None) -> AccessLock | None:
        """The lock in force at ``now``, or None when the access is open."""

    @property
    def claims(self) -> dict[str, int]:
        """Whose access to what: the link's claims."""

    @property
    def created_at(self) -> datetime.datetime:
        """When the access was created (UTC)."""

    @property
    def expires_at(self) -> datetime.datetime:
        """The end of the validity (UTC)."""

    @property
    def policy(self) -> dict[str, Any]:
        """The policy it was created with (the core's JSON form)."""

    @property
    def codes_issued(self) -> int:
        """Codes issued so far."""

    @property
    def failed_attempts(self) -> int:
        """Wrong codes given so far, over every code."""

    @property
    def attempts_left(self) -> int:
        """Wrong codes still allowed before the access locks."""

    @property
    def open_count(self) -> int:
        """Times the content was opened."""

    @property
    def first_opened_at(self) -> datetime.datetime | None:
        """The first open (UTC)."""

    @property
    def last_opened_at(self) -> datetime.datetime | None:
        """The latest open (UTC)."""

    @property
    def lock(self) -> AccessLock | None:
        """The lock, once recorded, else None."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], SecureAccess], tuple[str]]: ...

def _panic_for_test() -> None:
    """Panics inside Rust, to prove a panic becomes ``envoi.InternalError``."""

# ---- envoi.contacts ----------------------------------------------------------------------------

MAX_PHONE_TEXT_LEN: Final[int]
"""The longest phone-number text, in bytes once trimmed."""

_ConsentSource: TypeAlias = str | Mapping[str, Any]

@final
class PhoneNumber:
    """A valid phone number in E.164 form, with the kind of line it is; ``str()`` is the E.164 text."""

    @staticmethod
    def parse_e164(text: str) -> PhoneNumber:
        """A number in E.164 form exactly; raises ``envoi.ContactError`` (``contacts.invalid_phone``)."""

    @property
    def e164(self) -> str:
        """The E.164 text: ``+``, the country code and the national number."""

    @property
    def kind(self) -> str:
        """``"mobile"``, ``"fixed_line"``, ``"fixed_line_or_mobile"``, ``"toll_free"``… or ``"other"``."""

    @property
    def is_mobile(self) -> bool:
        """Whether the numbering plan says it is a mobile number."""

    @property
    def country_code(self) -> int:
        """The country calling code (32 for Belgium)."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Callable[[str], PhoneNumber], tuple[str]]: ...

def normalize_phone(text: str, default_region: str = "BE") -> PhoneNumber:
    """Reads a phone number as people write it; numbers without a country code in ``default_region``.

    Raises ``envoi.ContactError``: ``contacts.invalid_phone`` (``value``, ``reason`` and the
    reason's fields), ``contacts.unknown_region`` (``value``).
    """

@final
class EmailAddress:
    """An email address whose syntax was checked; ``str()`` is the address."""

    def __new__(cls, text: str) -> EmailAddress:
        """Checks an address; raises ``envoi.ContactError`` (``contacts.invalid_email``)."""

    @property
    def address(self) -> str:
        """The address (the domain in lower case)."""

    @property
    def local_part(self) -> str:
        """The part before the ``@``."""

    @property
    def domain(self) -> str:
        """The part after the ``@``, in lower case."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[EmailAddress], tuple[str]]: ...

def validate_email(text: str) -> EmailAddress:
    """Checks an email address's syntax; raises ``envoi.ContactError`` (``contacts.invalid_email``)."""

@final
class ReplyKeyword:
    """A reply recognised as a keyword: the keyword, its languages and the action."""

    @property
    def keyword(self) -> str:
        """The keyword, upper case without accents (``"ARRET"``)."""

    @property
    def languages(self) -> list[str]:
        """The language codes that use it."""

    @property
    def action(self) -> str:
        """``"opt_out"`` or ``"opt_in"``."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def classify_reply(text: str) -> ReplyKeyword | None:
    """The opt-out or opt-in keyword an inbound SMS reply is (the whole message), or None."""

def reply_keywords() -> list[ReplyKeyword]:
    """Every keyword ``classify_reply`` recognises, opt-outs first."""

@final
class AccountSmsOption:
    """The account-level SMS option: off, nobody gets SMS; on, new contacts get SMS on."""

    def __new__(cls, enabled: bool = False, changed_at: datetime.datetime | None = None) -> AccountSmsOption: ...
    @staticmethod
    def from_json(text: str) -> AccountSmsOption:
        """The option of a JSON form written by ``to_json``; ``ValueError`` when it is not one."""

    def to_json(self) -> str:
        """The option's JSON form (the core's serde form)."""

    @property
    def enabled(self) -> bool:
        """Whether the account sends SMS."""

    @property
    def changed_at(self) -> datetime.datetime | None:
        """When it was last switched (UTC), or None."""

    def switch(self, enabled: bool, at: datetime.datetime | None = None) -> bool:
        """Switches the option; False (nothing changes) if it already was so."""

    def new_contact_preferences(self) -> dict[str, bool]:
        """The preferences of a contact created now: ``{"email": True, "sms": <the option>}``."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], AccountSmsOption], tuple[str]]: ...

@final
class Refusal:
    """Why a contact may not be sent something on a channel: ``code``, ``message`` and fields."""

    @property
    def code(self) -> str:
        """The stable code (``contacts.opted_out``, ``contacts.not_mobile``…)."""

    @property
    def message(self) -> str:
        """The core's message."""

    @property
    def channel(self) -> str | None:
        """The channel asked for (``opted_out``, ``preference_off``, ``no_address``)."""

    @property
    def opted_out_of(self) -> str | None:
        """The channel of the opt-out in force (``opted_out``)."""

    @property
    def since(self) -> datetime.datetime | None:
        """When the opt-out was made, UTC (``opted_out``)."""

    @property
    def origin(self) -> dict[str, Any] | None:
        """How it was made, a consent source dict (``opted_out``)."""

    @property
    def number(self) -> str | None:
        """The number, E.164 (``not_mobile``)."""

    @property
    def kind(self) -> str | None:
        """The number's kind (``not_mobile``) or the notification kind (``notification_off``)."""

@final
class OptIn:
    """The end of an opt-out: when (UTC) and how."""

    @property
    def at(self) -> datetime.datetime:
        """When."""

    @property
    def source(self) -> dict[str, Any]:
        """How: a consent source dict."""

@final
class OptOut:
    """An opt-out from one channel: when (UTC), how, and the opt-in that lifted it, if any."""

    @property
    def channel(self) -> str:
        """The channel."""

    @property
    def at(self) -> datetime.datetime:
        """When the contact opted out."""

    @property
    def source(self) -> dict[str, Any]:
        """How: a consent source dict."""

    @property
    def lifted(self) -> OptIn | None:
        """The opt-in that ended it, or None (in force)."""

    @property
    def is_active(self) -> bool:
        """Whether the opt-out is in force."""

@final
class Contact:
    """A person in an account's address book: every field of the core's ``Contact``.

    Plain data the host stores (``to_json`` / ``Contact.from_json``, the core's serde form);
    ``opt_out``, ``opt_in`` and ``apply_reply`` change it in place.
    """

    def __new__(
        cls,
        *,
        id: str | None = None,
        first_name: str = "",
        last_name: str = "",
        email: EmailAddress | str | None = None,
        mobile: PhoneNumber | str | None = None,
        custom_fields: Mapping[str, str] | None = None,
        language: str | None = None,
        time_zone: str | None = None,
        preferences: Mapping[str, bool] | None = None,
        notifications: Mapping[str, bool] | None = None,
    ) -> Contact:
        """A contact; the core checks the email, the mobile (E.164), the id, the language and the zone."""

    @staticmethod
    def from_json(text: str) -> Contact:
        """The contact of a JSON form written by ``to_json``; ``ValueError`` naming the problem."""

    def to_json(self) -> str:
        """The contact's JSON form (the core's serde form), to store."""

    def copy(self) -> Contact:
        """A copy of the contact."""

    @property
    def id(self) -> str | None:
        """The id in the address book, or None before the host stores it."""

    @property
    def first_name(self) -> str:
        """The first (given) name."""

    @property
    def last_name(self) -> str:
        """The last (family) name."""

    @property
    def email(self) -> EmailAddress | None:
        """The email address, or None."""

    @property
    def mobile(self) -> PhoneNumber | None:
        """The mobile number, or None."""

    @property
    def custom_fields(self) -> dict[str, str]:
        """The account's own fields, by name (a copy)."""

    @property
    def language(self) -> str | None:
        """The language code to write in, or None (the account's)."""

    @property
    def time_zone(self) -> str | None:
        """The IANA time zone, or None (the account's)."""

    @property
    def preferences(self) -> dict[str, bool]:
        """The channels the contact accepts: ``{"email": bool, "sms": bool}``."""

    @property
    def notifications(self) -> dict[str, bool]:
        """The kinds of notification the contact gets (documents, messages, reminders, routes)."""

    @property
    def opt_outs(self) -> list[OptOut]:
        """Every opt-out, in force or lifted, oldest first."""

    def field(self, name: str) -> str | None:
        """The value of a merge field (standard or custom); None when empty or blank."""

    def opt_out(self, channel: str, source: _ConsentSource, at: datetime.datetime | None = None) -> bool:
        """Records an opt-out; False if one is active. ``contacts.consent_out_of_order``."""

    def opt_in(self, channel: str, source: _ConsentSource, at: datetime.datetime | None = None) -> bool:
        """Lifts the active opt-out; False if none. ``contacts.consent_out_of_order``."""

    def apply_reply(self, reply: ReplyKeyword, at: datetime.datetime | None = None) -> bool:
        """Applies a classified reply to the SMS channel; False: nothing changed."""

    def active_opt_out(self, channel: str) -> OptOut | None:
        """The active opt-out of ``channel``, or None."""

    def may_receive(
        self, channel: str, sms_option: AccountSmsOption, at: datetime.datetime | None = None
    ) -> Refusal | None:
        """None when the contact may be sent something on ``channel``, else the ``Refusal``."""

    def may_notify(
        self, kind: str, channel: str, sms_option: AccountSmsOption, at: datetime.datetime | None = None
    ) -> Refusal | None:
        """``may_receive`` after the contact's switch for the notification ``kind``."""

    def preferred_channels(self, sms_option: AccountSmsOption, at: datetime.datetime | None = None) -> list[str]:
        """The channels among email and SMS the contact gets a message on."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], Contact], tuple[str]]: ...

@final
class Group:
    """A named group of contact ids (a set)."""

    def __new__(cls, id: str, name: str, members: Sequence[str] = ...) -> Group: ...
    @staticmethod
    def from_json(text: str) -> Group:
        """The group of a JSON form written by ``to_json``; ``ValueError`` when it is not one."""

    def to_json(self) -> str:
        """The group's JSON form (the core's serde form)."""

    @property
    def id(self) -> str:
        """The group's id."""

    @property
    def name(self) -> str:
        """The name shown to the account's users."""

    @property
    def members(self) -> list[str]:
        """The member ids, sorted."""

    def add(self, contact: str) -> bool:
        """Adds a contact id; False if it was already a member."""

    def remove(self, contact: str) -> bool:
        """Removes a contact id; False if it was not a member."""

    def __contains__(self, contact: str, /) -> bool: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], Group], tuple[str]]: ...

def ensure_contacts_exist(recipients: Sequence[str], exists: Callable[[str], bool] | Iterable[str]) -> None:
    """Raises ``envoi.ContactError`` (``contacts.unknown_contact``, ``ids``) for recipients not in ``exists``."""

@final
class ColumnTarget:
    """What a column becomes: a contact field, a custom field or nothing."""

    @staticmethod
    def field(name: str) -> ColumnTarget:
        """A contact field; raises ``envoi.ContactImportError`` (``contacts.import.unknown_field``)."""

    @staticmethod
    def custom(name: str) -> ColumnTarget:
        """A custom field under ``name``."""

    @staticmethod
    def ignore() -> ColumnTarget:
        """Not imported."""

    @property
    def kind(self) -> str:
        """``"field"``, ``"custom"`` or ``"ignore"``."""

    @property
    def name(self) -> str | None:
        """The field's or custom field's name; None for ``"ignore"``."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

_MappingTarget: TypeAlias = str | ColumnTarget | None

@final
class Column:
    """A column of the file: its header, its target, and whether the target was guessed."""

    @property
    def header(self) -> str:
        """The header text as in the file (trimmed)."""

    @property
    def target(self) -> ColumnTarget:
        """What the column becomes."""

    @property
    def guessed(self) -> bool:
        """True when guessed from the header, False when the mapping gave it."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class RowError:
    """A row that was not imported, or one of its problems: where, what and why (not an exception)."""

    @property
    def line(self) -> int:
        """The line where the row starts, from 1."""

    @property
    def column(self) -> str | None:
        """The column's header, or None when the row as a whole is at fault."""

    @property
    def value(self) -> str:
        """The value at fault as read, or the row's fields joined by the delimiter."""

    @property
    def code(self) -> str:
        """The stable code (``contacts.invalid_phone``, ``contacts.import.duplicate``…)."""

    @property
    def reason(self) -> str:
        """Why, as a person reads it."""

    @property
    def first_line(self) -> int | None:
        """The line of the earlier row (``duplicate``, ``conflicting_email``, ``conflicting_mobile``)."""

    @property
    def key(self) -> str | None:
        """``"email"`` or ``"mobile"`` (``duplicate``; for ``conflicting_*``, the address that differs)."""

    @property
    def email_line(self) -> int | None:
        """The line of the contact with the same email (``ambiguous_duplicate``)."""

    @property
    def mobile_line(self) -> int | None:
        """The line of the contact with the same mobile (``ambiguous_duplicate``)."""

    @property
    def expected(self) -> int | None:
        """The header's field count (``field_count``)."""

    @property
    def found(self) -> int | None:
        """The row's field count (``field_count``)."""

    @property
    def quote_line(self) -> int | None:
        """The line where the unclosed quote opened (``unterminated_quote``)."""

    @property
    def limit(self) -> int | None:
        """The most bytes a row may take (``row_too_long``)."""

    @property
    def details(self) -> dict[str, Any] | None:
        """The fields of a contact error (``invalid_phone``, ``invalid_email``), else None."""

    @property
    def message(self) -> str:
        """The core's whole message (``line 4, column "GSM": …``)."""

@final
class DuplicateRow:
    """A duplicate row the report resolved."""

    @property
    def line(self) -> int:
        """The later row's line."""

    @property
    def first_line(self) -> int:
        """The line of the contact's earlier row."""

    @property
    def key(self) -> str:
        """``"email"`` or ``"mobile"``."""

    @property
    def column(self) -> str:
        """The header of the column that matched."""

    @property
    def value(self) -> str:
        """The later row's value in that column, as written."""

    @property
    def resolution(self) -> str:
        """``"keep_first"``, ``"keep_last"`` or ``"merge_non_empty"``."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ImportCounts:
    """How many data rows became what; the parts add up to ``rows``."""

    @property
    def rows(self) -> int:
        """Data rows read."""

    @property
    def imported(self) -> int:
        """New contacts."""

    @property
    def replaced(self) -> int:
        """Rows that replaced an earlier contact."""

    @property
    def merged(self) -> int:
        """Rows merged into an earlier contact."""

    @property
    def duplicates_skipped(self) -> int:
        """Duplicate rows skipped."""

    @property
    def duplicates_reported(self) -> int:
        """Duplicate rows reported as errors."""

    @property
    def rejected(self) -> int:
        """Rows rejected for another reason."""

    @property
    def blank(self) -> int:
        """Blank lines and rows whose fields are all empty."""

    def accounted(self) -> int:
        """The sum of every outcome: equals ``rows``."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ImportReport:
    """A whole import: contacts, row errors, duplicates resolved, counts, columns, encoding."""

    @property
    def contacts(self) -> list[Contact]:
        """The contacts, in the order of their first row."""

    @property
    def errors(self) -> list[RowError]:
        """Every problem of every rejected row, in file order."""

    @property
    def duplicates(self) -> list[DuplicateRow]:
        """The duplicate rows skipped, replaced or merged."""

    @property
    def counts(self) -> ImportCounts:
        """The counts."""

    @property
    def columns(self) -> list[Column]:
        """The columns and what they became."""

    @property
    def encoding(self) -> str:
        """``"UTF-8"``, ``"windows-1252"``, ``"UTF-16LE"`` or ``"UTF-16BE"``."""

    @property
    def bom(self) -> bool:
        """Whether the file started with a UTF-8 byte-order mark."""

    @property
    def delimiter(self) -> str:
        """The delimiter, given or sniffed."""

MAX_ROW_BYTES: Final[int]
"""The most bytes one row (or the header) may take: past it, ``unterminated_quote`` or ``row_too_long``."""

_ImportSource: TypeAlias = bytes | bytearray | memoryview | str | os.PathLike[str]

def import_csv(
    source: _ImportSource,
    *,
    default_region: str = "BE",
    mapping: Mapping[str, _MappingTarget] | None = None,
    duplicates: str = "report",
    delimiter: str | None = None,
    sms_option: AccountSmsOption | None = None,
) -> ImportReport:
    """Imports a whole CSV (bytes or a path); raises ``envoi.ContactImportError`` for what stops it."""

@final
class RowOutcome:
    """What became of one row (or blank line), in file order."""

    @property
    def kind(self) -> str:
        """``"imported"``, ``"replaced"``, ``"merged"``, ``"duplicate_skipped"``, ``"rejected"`` or ``"blank"``."""

    @property
    def line(self) -> int:
        """The line the row starts on."""

    @property
    def index(self) -> int | None:
        """The position of the contact among the import's contacts, or None."""

    @property
    def contact(self) -> Contact | None:
        """The contact (imported, replaced) or the row's update (merged)."""

    @property
    def first_line(self) -> int | None:
        """The line of the earlier row (replaced, merged, duplicate_skipped)."""

    @property
    def key(self) -> str | None:
        """``"email"`` or ``"mobile"`` (replaced, merged, duplicate_skipped)."""

    @property
    def column(self) -> str | None:
        """The header of the column that matched (replaced, merged, duplicate_skipped)."""

    @property
    def value(self) -> str | None:
        """The row's value in that column, as written (replaced, merged, duplicate_skipped)."""

    @property
    def errors(self) -> list[RowError]:
        """The problems of a rejected row, else empty."""

@final
class ContactImporter:
    """The chunked import: an iterator of lists of ``RowOutcome``, the duplicate index alone in memory."""

    def __new__(
        cls,
        source: _ImportSource,
        *,
        default_region: str = "BE",
        mapping: Mapping[str, _MappingTarget] | None = None,
        duplicates: str = "report",
        delimiter: str | None = None,
        sms_option: AccountSmsOption | None = None,
        chunk_size: int = 1000,
    ) -> ContactImporter:
        """Opens the source and reads the header (raising what ``import_csv`` raises)."""

    @property
    def columns(self) -> list[Column]:
        """The columns and what they become."""

    @property
    def delimiter(self) -> str:
        """The delimiter, given or sniffed."""

    @property
    def encoding(self) -> str:
        """The encoding's name (``"UTF-8"`` until the first non-ASCII byte)."""

    @property
    def bom(self) -> bool:
        """Whether the file started with a UTF-8 byte-order mark."""

    @property
    def counts(self) -> ImportCounts:
        """The counts of the rows given so far."""

    def next_chunk(self, size: int) -> list[RowOutcome]:
        """Up to ``size`` outcomes; an empty list after the end."""

    def __iter__(self) -> ContactImporter: ...
    def __next__(self) -> list[RowOutcome]: ...

def merge_non_empty(contact: Contact, update: Contact) -> None:
    """Merges ``update``'s non-empty fields into ``contact``, in place."""

# ---- envoi.templates ---------------------------------------------------------------------------

SUGGESTION_DISTANCE: Final[int]
"""The largest edit distance at which an unknown field gets a "did you mean"."""

@final
class Template:
    """A merge-field template; ``str()`` is its canonical text."""

    def __new__(cls, text: str) -> Template:
        """Reads a template; raises ``envoi.TemplateError`` with ``line`` and ``column``."""

    @property
    def source(self) -> str:
        """The text the template was written with."""

    @property
    def fields(self) -> list[str]:
        """The distinct field names (lower case), in order of first use."""

    def occurrences(self) -> list[tuple[str, str | None, int, int]]:
        """Every use of a field: ``(name, fallback or None, line, column)`` of its ``{{``."""

    def validate(self, known: Sequence[str]) -> None:
        """Raises ``envoi.TemplateError`` (``templates.unknown_field``) for a field ``known`` lacks."""

    def render(
        self,
        contact: Contact | Mapping[str, str] | None = None,
        extra: Contact | Mapping[str, str] | None = None,
    ) -> str:
        """The text for one recipient; ``templates.missing_value`` skips the recipient."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[type[Template], tuple[str]]: ...

def format_date(date: datetime.date, language: str) -> str:
    """A date in ``language``: ``"3 mars 2026"``, ``"3. März 2026"``; ``envoi.LanguageError``."""

def format_date_with_weekday(date: datetime.date, language: str) -> str:
    """A date with its weekday: ``"mardi 3 mars 2026"``; ``envoi.LanguageError``."""

def format_time(time: datetime.time) -> str:
    """A time of day on the 24-hour clock: ``"09:05"``."""

def field_name_for(written: str) -> str | None:
    """The merge-field name a header or custom field is written as (``"Code postal"`` → ``"code_postal"``)."""

# ---- envoi.senders -----------------------------------------------------------------------------

@final
class SmsSenderNumber:
    """An SMS sender number: a mobile in international form, kept in E.164; ``str()`` is the E.164 text."""

    def __new__(cls, text: str) -> SmsSenderNumber:
        """Reads a sender number; raises ``envoi.SenderError`` or ``envoi.ContactError``."""

    @property
    def e164(self) -> str:
        """The E.164 text."""

    @property
    def phone_number(self) -> PhoneNumber:
        """The number as a contact's phone number."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[SmsSenderNumber], tuple[str]]: ...

@final
class Sender:
    """A sender of an account: an email address or an SMS number, verified by a one-time code."""

    def __new__(
        cls, account: int, id: int, *, email: EmailAddress | str | None = None, sms: SmsSenderNumber | str | None = None
    ) -> Sender:
        """A new, unverified sender; ``TypeError`` unless exactly one address is given."""

    @staticmethod
    def from_json(text: str) -> Sender:
        """The sender of a JSON form written by ``to_json``; ``ValueError`` naming the problem."""

    def to_json(self) -> str:
        """The sender's JSON form (the core's serde form), to store."""

    @property
    def account(self) -> int:
        """The account (the host's id)."""

    @property
    def id(self) -> int:
        """The sender's id (the host's)."""

    @property
    def address(self) -> str:
        """The email address or the number in E.164 form."""

    @property
    def channel(self) -> str:
        """``"email"`` or ``"sms"``."""

    @property
    def verification(self) -> str:
        """``"unverified"``, ``"pending"`` or ``"verified"``."""

    @property
    def is_verified(self) -> bool:
        """Whether it is verified."""

    @property
    def verified_at(self) -> datetime.datetime | None:
        """When the code was confirmed (UTC), or None."""

    @property
    def challenge(self) -> CodeChallenge | None:
        """The pending verification's challenge (a copy), or None."""

    @property
    def sms_settings(self) -> dict[str, Any]:
        """``{"languages": [names], "smart_encoding": bool}``."""

    def set_sms_settings(self, *, languages: Sequence[str] = (), smart_encoding: bool = False) -> None:
        """Sets the SMS settings; ``envoi.SenderError`` or ``envoi.SmsError``."""

    def sms_options(self) -> dict[str, Any]:
        """The segmenter's options of this sender's messages, as ``envoi.sms.analyze`` keyword arguments."""

    def start_verification(
        self,
        ring: KeyRing,
        challenge_id: str,
        *,
        validity: datetime.timedelta,
        at: datetime.datetime | None = None,
        alphabet: str | None = None,
        length: int | None = None,
        max_attempts: int | None = None,
    ) -> str:
        """Starts (or restarts) the verification: the code for the host to send."""

    def confirm(self, ring: KeyRing, code: str, at: datetime.datetime | None = None) -> None:
        """Confirms the code the person typed; any refusal leaves the sender pending."""

    def require_for(self, channel: str) -> None:
        """Raises ``envoi.SenderError`` unless a message on ``channel`` may use this sender."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], Sender], tuple[str]]: ...

# ---- envoi.security ----------------------------------------------------------------------------

@final
class LockoutPolicy:
    """A lockout policy: failures within a window lock; each further lock doubles, up to a cap."""

    def __new__(
        cls,
        max_failures: int = 5,
        window: datetime.timedelta | None = None,
        first_lock: datetime.timedelta | None = None,
        cap: datetime.timedelta | None = None,
    ) -> LockoutPolicy:
        """A policy, checked by the core (``envoi.SecurityError``, ``security.invalid_parameter``)."""

    @staticmethod
    def from_json(text: str) -> LockoutPolicy:
        """The policy of a JSON form written by ``to_json``; ``ValueError`` naming the problem."""

    def to_json(self) -> str:
        """The policy's JSON form (durations in whole seconds)."""

    @property
    def max_failures(self) -> int:
        """Failed logins within ``window`` that lock the account."""

    @property
    def window(self) -> datetime.timedelta:
        """How far back failures count."""

    @property
    def first_lock(self) -> datetime.timedelta:
        """The first lock's duration."""

    @property
    def cap(self) -> datetime.timedelta:
        """The longest lock."""

    def lock_duration(self, lock_number: int) -> datetime.timedelta:
        """The duration of the ``lock_number``-th lock since the last success."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Callable[[str], LockoutPolicy], tuple[str]]: ...

@final
class FailureOutcome:
    """What a failed login did: ``"counted"``, ``"locked"`` or ``"already_locked"``."""

    @property
    def kind(self) -> str:
        """``"counted"``, ``"locked"`` or ``"already_locked"``."""

    @property
    def failures(self) -> int | None:
        """Failures within the window (``counted``)."""

    @property
    def failures_left(self) -> int | None:
        """Failures left before a lock (``counted``)."""

    @property
    def until(self) -> datetime.datetime | None:
        """When the lock ends, UTC (``locked``, ``already_locked``)."""

    @property
    def duration(self) -> datetime.timedelta | None:
        """The lock's duration (``locked``)."""

    @property
    def lock_number(self) -> int | None:
        """The lock's number since the last success (``locked``)."""

@final
class LoginGuard:
    """One account's failed logins: the state machine the host stores with the account."""

    def __new__(cls) -> LoginGuard: ...
    @staticmethod
    def from_json(text: str) -> LoginGuard:
        """The guard of a JSON form written by ``to_json``; ``ValueError`` naming the problem."""

    def to_json(self) -> str:
        """The guard's JSON form (the core's serde form), to store with the account."""

    def check(self, at: datetime.datetime | None = None) -> None:
        """Raises ``envoi.SecurityError`` (``security.account_locked``) while locked."""

    def record_failure(self, policy: LockoutPolicy, at: datetime.datetime | None = None) -> FailureOutcome:
        """Records a failed login."""

    def record_success(self, at: datetime.datetime | None = None) -> None:
        """Records a successful login; ``security.account_locked`` while locked."""

    def failures(self, policy: LockoutPolicy, at: datetime.datetime | None = None) -> int:
        """The failures within ``policy``'s window."""

    @property
    def lock_count(self) -> int:
        """Locks since the last success."""

    @property
    def locked_until(self) -> datetime.datetime | None:
        """When the last lock ends (UTC), or None."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], LoginGuard], tuple[str]]: ...

@final
class ResetToken:
    """A password-reset token that verified, before the host's checks of ``accept``."""

    @property
    def account(self) -> int:
        """The account whose password the token resets."""

    @property
    def credential_version(self) -> int:
        """The account's credential version when the token was issued."""

    @property
    def token_id(self) -> str:
        """The token's stable id: what the host stores once the token is used."""

    @property
    def issued_at(self) -> datetime.datetime:
        """When it was issued, in UTC."""

    @property
    def expires_at(self) -> datetime.datetime:
        """It is valid strictly before this instant (UTC)."""

    def accept(self, current_credential_version: int, already_used: bool, now: datetime.datetime | None = None) -> str:
        """The host's checks; returns the id to store as used."""

    def to_json(self) -> str:
        """The token's JSON form, for a log (nothing secret)."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class PasswordReset:
    """Password-reset tokens: single use, expiring, tied to the credential version."""

    @staticmethod
    def issue(
        ring: KeyRing,
        account: int,
        credential_version: int,
        *,
        validity: datetime.timedelta,
        at: datetime.datetime | None = None,
    ) -> str:
        """A reset token (URL-safe text) for ``account`` at its current credential version."""

    @staticmethod
    def read(ring: KeyRing, token: str, now: datetime.datetime | None = None) -> ResetToken:
        """Checks a reset token: authentic, for password reset, not expired."""

    @staticmethod
    def verify(
        ring: KeyRing,
        token: str,
        account: int,
        current_credential_version: int,
        is_used: Callable[[str], bool] | Iterable[str],
        now: datetime.datetime | None = None,
    ) -> ResetToken:
        """``read``, then the checks for ``account`` at ``current_credential_version``."""

# ---- envoi.account --------------------------------------------------------------------------------

ACCOUNT_STATES: Final[tuple[str, ...]]
"""The states of an account, in the order of the state machine: ``("pending_payment", "active", "suspended")``."""

@final
class StateChange:
    """One recorded change of an account's state. Immutable; compared by value."""

    @property
    def from_(self) -> str:
        """The state before: ``"pending_payment"``, ``"active"`` or ``"suspended"``."""

    @property
    def to(self) -> str:
        """The state after."""

    @property
    def at(self) -> datetime.datetime:
        """When it changed, in the account's zone."""

    @property
    def reason(self) -> str:
        """Why (never blank)."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AccountOptions:
    """An account's options: channels, the SMS option, letter approval per sender, low-balance
    thresholds per credit kind.

    By default email, secure email and letters are on and SMS is off; SMS is switched by the SMS
    option alone. Mutable and safe to share between threads; its JSON form is the core's.
    """

    def __new__(cls) -> AccountOptions:
        """The default options: email, secure email and letters on, SMS off, no approval, no threshold."""

    @staticmethod
    def from_json(text: str) -> AccountOptions:
        """The options of a JSON form written by ``to_json``; ``ValueError`` when it is not one."""

    def to_json(self) -> str:
        """The options' JSON form (the core's serde form)."""

    def is_enabled(self, channel: str) -> bool:
        """Whether the account uses ``channel`` (for ``"sms"``: whether the SMS option is on)."""

    @property
    def enabled_channels(self) -> list[str]:
        """The channels the account uses, in the order email, sms, secure_email, letter."""

    def enable(self, channel: str, at: datetime.datetime) -> bool:
        """Enables ``channel`` at ``at``; False if it already was (``"sms"`` switches the SMS option)."""

    def disable(self, channel: str, at: datetime.datetime) -> bool:
        """Disables ``channel`` at ``at``; False if it already was off."""

    @property
    def sms_option(self) -> AccountSmsOption:
        """The SMS option of SPEC section 3 (a copy), as ``Contact.may_receive`` takes it."""

    def letter_approval_required(self, sender: int) -> bool:
        """Whether letters from the user ``sender`` need a manager's approval before printing."""

    def set_letter_approval(self, sender: int, required: bool) -> None:
        """Requires (or no longer requires) a manager's approval for the letters of ``sender``."""

    def apply_letter_approval_for_account(self, account: int, job: Job) -> Job:
        """The job of account ``account`` with its approval step as these options say (a new job);
        ``account.job_of_another_account`` for another account's job."""

    @property
    def letter_approval_senders(self) -> list[int]:
        """The senders whose letters need approval, in increasing order."""

    def set_low_balance_threshold(self, kind: str, threshold: int | None) -> None:
        """Sets (an int) or removes (None) the low-balance threshold of a credit kind.

        Raises ``envoi.CreditError`` (``credits.invalid_kind``) and ``ValueError`` for a negative
        threshold.
        """

    @property
    def low_balance_thresholds(self) -> dict[str, int]:
        """The low-balance thresholds per credit kind, as ``Ledger.notices_at`` takes them."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], AccountOptions], tuple[str]]: ...

@final
class Account:
    """A customer account: id, language, zone, customer kind, country, VAT number with its evidence,
    invoicing address, options, and its state ``pending_payment`` → ``active`` ⇄ ``suspended``
    with every change recorded.

    Mutable (``activate``, ``suspend``, ``change_state``) and safe to share between threads;
    ``with_*`` return a new account. Plain data (``to_json`` / ``Account.from_json``, checked again
    when read); compared by value. Times out are in the account's zone.
    """

    def __new__(
        cls,
        id: str,
        language: str,
        customer_kind: str,
        country: str,
        invoicing_address: Party,
        created_at: datetime.datetime,
        *,
        tz: str = "Europe/Brussels",
    ) -> Account:
        """A new account waiting for its first payment, with the default options and no VAT number.

        Raises ``envoi.AccountError`` (``account.invalid_country``, ``account.country_mismatch``,
        ``account.vat_number_mismatch``), ``envoi.IdError``, ``envoi.LanguageError``,
        ``envoi.VatError`` (``vat.invalid_argument``) and ``envoi.TimeError``.
        """

    @staticmethod
    def from_json(text: str) -> Account:
        """The account of a JSON form written by ``to_json``, every rule checked again.

        Raises ``envoi.AccountError`` (``account.invalid_account`` naming the field).
        """

    def to_json(self) -> str:
        """The account's JSON form (the core's serde form), to store."""

    def with_vat_number(self, typed: str, online_check: OnlineCheck | bool | None = None) -> Account:
        """A new account with the VAT number the customer typed and the online check's answer.

        The invoicing address carries the compact number when it is valid offline and the online
        check did not say invalid. Raises ``envoi.InvoiceError`` for a number the address refuses.
        """

    def with_invoicing_address(self, address: Party) -> Account:
        """A new account with another invoicing address (without a VAT number: it gets the account's).

        Raises ``envoi.AccountError`` (``account.country_mismatch``, ``account.vat_number_mismatch``).
        """

    def with_options(self, options: AccountOptions) -> Account:
        """A new account with ``options`` (copied)."""

    @property
    def id(self) -> str:
        """The account's id."""

    @property
    def language(self) -> str:
        """``"fr"``, ``"nl"``, ``"de"`` or ``"en"``."""

    @property
    def tz(self) -> str:
        """The IANA name of the zone of every wall-clock rule of the account."""

    @property
    def customer_kind(self) -> str:
        """``"business"`` or ``"consumer"``."""

    @property
    def country(self) -> str:
        """The country the customer is established in (ISO 3166-1 alpha-2 in capitals, or ``"XI"``)."""

    @property
    def vat_evidence(self) -> VatEvidence | None:
        """The evidence of the VAT number the customer gave, or None."""

    @property
    def invoicing_address(self) -> Party:
        """The invoicing address: the buyer of the account's invoices."""

    @property
    def options(self) -> AccountOptions:
        """A copy of the account's options; give a changed copy back with ``with_options``."""

    @property
    def created_at(self) -> datetime.datetime:
        """When the account was created, in its zone."""

    @property
    def state(self) -> str:
        """The current state: ``"pending_payment"``, ``"active"`` or ``"suspended"``."""

    @property
    def history(self) -> list[StateChange]:
        """Every change of state, oldest first."""

    def state_at(self, at: datetime.datetime) -> str:
        """The state at ``at``; before the first change, ``"pending_payment"``."""

    def may_send(self, at: datetime.datetime) -> bool:
        """Whether the account may send at ``at``: only an active account sends."""

    def require_active(self, at: datetime.datetime) -> None:
        """None when the account may send at ``at``, else ``envoi.AccountError``.

        ``account.pending_payment`` (``account``, ``since``) or ``account.suspended``
        (``account``, ``since``, ``reason``).
        """

    def require_channel(self, channel: str, at: datetime.datetime) -> None:
        """As ``require_active``, then ``account.channel_disabled`` (``account``, ``channel``)."""

    def change_state(self, to: str, at: datetime.datetime, reason: str) -> StateChange:
        """Changes the state to ``to`` at ``at`` for ``reason`` and records the change.

        Raises ``envoi.AccountError`` (``account.illegal_transition``, ``account.time_went_back``,
        ``account.missing_reason``); a refused change records nothing.
        """

    def activate(self, at: datetime.datetime, reason: str) -> StateChange:
        """Activates the account: ``change_state("active", at, reason)``."""

    def suspend(self, at: datetime.datetime, reason: str) -> StateChange:
        """Suspends the account: ``change_state("suspended", at, reason)``."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], Account], tuple[str]]: ...

# ---- envoi.billing --------------------------------------------------------------------------------

SEQUENCE_DIGITS: Final[int]
"""The smallest number of digits of an invoice number's sequence (``000123``)."""

@final
class Validity:
    """The days a price is valid: ``valid_from`` (included) to ``valid_until`` (excluded, or None).

    Immutable; compared by value; hashable; ``str()`` is ``2026-01-01..2026-07-01``.
    """

    @property
    def valid_from(self) -> datetime.date:
        """The first day the price applies."""

    @property
    def valid_until(self) -> datetime.date | None:
        """The first day it no longer applies, or None (until further notice)."""

    def contains(self, day: datetime.date) -> bool:
        """Whether the price applies on ``day``."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class UnitPrice:
    """The price of one message on a channel (pay-as-you-go). Immutable; compared by value."""

    @property
    def channel(self) -> str:
        """``"email"``, ``"sms"``, ``"secure_email"`` or ``"letter"``."""

    @property
    def price(self) -> decimal.Decimal:
        """The price of one message, without VAT, in ``currency`` (may have more decimals than the cent)."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of the price."""

    @property
    def validity(self) -> Validity:
        """When it applies."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Pack:
    """A credit pack of the catalogue: ``units`` of the credit kind ``kind`` for ``price``."""

    @property
    def id(self) -> str:
        """The pack's id in the catalogue (``"sms-1000"``)."""

    @property
    def kind(self) -> str:
        """The credit kind its units are of (``"sms"``)."""

    @property
    def units(self) -> int:
        """The units it adds."""

    @property
    def price(self) -> decimal.Decimal:
        """Its price, without VAT, in ``currency``."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of the price."""

    @property
    def validity(self) -> Validity:
        """When this price applies."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class BlockPlanPrice:
    """A monthly block plan's price: ``fee`` per started block of ``block_size`` messages per period."""

    @property
    def id(self) -> str:
        """The plan's id (``"plannit-sms"``)."""

    @property
    def block_size(self) -> int:
        """The messages in one block."""

    @property
    def fee(self) -> decimal.Decimal:
        """The fee per started block, without VAT, in ``currency``."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of the fee (USD allowed)."""

    @property
    def validity(self) -> Validity:
        """When this price applies."""

    def subscribe(self, subscribed_at: datetime.datetime, *, tz: str = "Europe/Brussels") -> BlockPlan:
        """The ``BlockPlan`` of a subscription at ``subscribed_at``, its periods on the wall clock of ``tz``.

        Raises ``envoi.BillingError`` (``billing.no_price`` when this price is not valid on the
        subscription day in ``tz``), ``envoi.CreditError`` and ``envoi.TimeError``.
        """

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PostageRate:
    """One postage row of a letter tariff (black and white, simplex). Immutable; compared by value."""

    @property
    def postage(self) -> str:
        """``"prior"``, ``"non_prior"`` or ``"prior_international"``."""

    @property
    def format(self) -> str:
        """``"small"`` or ``"large"``."""

    @property
    def up_to_grams(self) -> int:
        """The weight band, by its upper bound in grams."""

    @property
    def price(self) -> decimal.Decimal:
        """The price, in ``currency``."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of the price."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LetterTariff:
    """A letter tariff: postage rows, colour and duplex supplements per sheet, registered and
    acknowledgement-of-receipt fees, in one currency. Immutable; compared by value."""

    @property
    def id(self) -> str:
        """The tariff's id (``"click-and-post-2026"``)."""

    @property
    def postage(self) -> list[PostageRate]:
        """The postage rows, in file order."""

    @property
    def color_per_sheet(self) -> decimal.Decimal:
        """The supplement per printed sheet in color."""

    @property
    def duplex_per_sheet(self) -> decimal.Decimal:
        """The supplement per sheet printed on both sides."""

    @property
    def registered_fee(self) -> decimal.Decimal:
        """The fee of a registered letter, on top of its prior postage."""

    @property
    def acknowledgement_of_receipt_fee(self) -> decimal.Decimal:
        """The fee of an acknowledgement of receipt (registered letters only)."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount of the tariff."""

    @property
    def validity(self) -> Validity:
        """When it applies."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PriceList:
    """A price list: unit prices, packs, block plans and letter tariffs, each with its currency and
    validity, read from JSON or TOML and queried at a day. Immutable; compared by value."""

    @staticmethod
    def from_json(text: str, file: str = "prices.json", *, post: PostData | None = None) -> PriceList:
        """Reads a price list from JSON; ``file`` names it in the errors.

        Letter tariffs' weight bands are checked against ``post`` (the built-in data by default).
        Raises ``envoi.BillingError`` naming the file, the entry and the field.
        """

    @staticmethod
    def from_toml(text: str, file: str = "prices.toml", *, post: PostData | None = None) -> PriceList:
        """Reads a price list from TOML (the same fields; bare TOML dates allowed), as ``from_json``."""

    @property
    def source(self) -> str | None:
        """Where the prices come from, as the file says."""

    @property
    def as_of(self) -> datetime.date | None:
        """When the prices were last checked against their source, as the file says."""

    @property
    def unit_prices(self) -> list[UnitPrice]:
        """Every unit price, in file order."""

    @property
    def packs(self) -> list[Pack]:
        """Every pack price, in file order (one id may have several, with disjoint validities)."""

    @property
    def block_plans(self) -> list[BlockPlanPrice]:
        """Every block plan price, in file order."""

    @property
    def letter_tariffs(self) -> list[LetterTariff]:
        """Every letter tariff, in file order."""

    def packs_on(self, on: datetime.date) -> list[Pack]:
        """The packs on sale on ``on``, in file order."""

    def pack(self, id: str, on: datetime.date) -> Pack:
        """The pack ``id`` at its price valid on ``on``; ``envoi.BillingError`` (``billing.no_price``)."""

    def unit_price(self, channel: str, on: datetime.date) -> UnitPrice:
        """The price of one message on ``channel`` valid on ``on``; ``billing.no_price``."""

    def block_plan(self, id: str, on: datetime.date) -> BlockPlanPrice:
        """The block plan ``id`` at its price valid on ``on``; ``billing.no_price``."""

    def letter_tariff(self, on: datetime.date) -> LetterTariff:
        """The letter tariff valid on ``on``; ``billing.no_price``."""

    def letter_price(self, query: LetterQuery, on: datetime.date) -> LetterPrice:
        """The price of one letter on ``on``, part by part, without VAT; ``billing.invalid_query``,
        ``billing.no_price``."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class InvoiceNumber:
    """An invoice number, ``YEAR-SERIES-SEQUENCE`` such as ``2026-F-000123``.

    One gapless sequence per series (1 to 4 capital letters) and year, from 1; ``str()`` is its
    text, which ``parse`` reads back exactly. Immutable; compared by value; hashable.
    """

    def __new__(cls, year: int, series: str, sequence: int) -> InvoiceNumber:
        """The number ``sequence`` of ``series`` in ``year``; ``billing.invalid_invoice_number``."""

    @staticmethod
    def parse(text: str) -> InvoiceNumber:
        """Reads a number's text; ``envoi.BillingError`` (``billing.invalid_invoice_number``)."""

    @staticmethod
    def first(series: str, year: int) -> InvoiceNumber:
        """The first number of ``series`` in ``year`` (``2026-F-000001``)."""

    @property
    def year(self) -> int:
        """The year."""

    @property
    def series(self) -> str:
        """The series (``"F"``)."""

    @property
    def sequence(self) -> int:
        """The sequence within the series and year, from 1."""

    def next(self) -> InvoiceNumber:
        """The next number of the same series and year; ``billing.invalid_invoice_number`` past the last."""

    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __lt__(self, value: InvoiceNumber, /) -> bool: ...
    def __le__(self, value: InvoiceNumber, /) -> bool: ...
    def __gt__(self, value: InvoiceNumber, /) -> bool: ...
    def __ge__(self, value: InvoiceNumber, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Callable[[str], InvoiceNumber], tuple[str]]: ...

@final
class SequenceProblem:
    """A break in a sequence of invoice numbers: a ``"gap"`` (``from_`` to ``to`` missing) or a
    ``"duplicate"`` (``number`` given ``count`` times). Immutable; compared by value."""

    @staticmethod
    def gap(from_: InvoiceNumber, to: InvoiceNumber) -> SequenceProblem:
        """The gap from ``from_`` to ``to`` (both missing), as ``check_sequence`` reports it."""

    @staticmethod
    def duplicate(number: InvoiceNumber, count: int) -> SequenceProblem:
        """``number`` given ``count`` times, as ``check_sequence`` reports it."""

    @property
    def kind(self) -> str:
        """``"gap"`` or ``"duplicate"``."""

    @property
    def from_(self) -> InvoiceNumber | None:
        """The first missing number (a gap), else None."""

    @property
    def to(self) -> InvoiceNumber | None:
        """The last missing number (a gap), else None."""

    @property
    def number(self) -> InvoiceNumber | None:
        """The number given more than once (a duplicate), else None."""

    @property
    def count(self) -> int | None:
        """How many times it was given (a duplicate), else None."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[..., SequenceProblem], tuple[InvoiceNumber, InvoiceNumber] | tuple[InvoiceNumber, int]]: ...

def check_sequence(numbers: Iterable[InvoiceNumber | str]) -> None:
    """Checks that ``numbers`` hold each series' sequence of each year without a gap or a duplicate.

    Raises ``envoi.BillingError`` (``billing.invoice_sequence``) whose ``problems`` list every
    ``SequenceProblem``; ``billing.invalid_invoice_number`` for text that is not a number.
    """

def check_sequence_after(
    last_issued: InvoiceNumber | str | None, numbers: Iterable[InvoiceNumber | str]
) -> None:
    """Checks that ``numbers`` continue ``last_issued`` in its series and year (others from 1);
    raises as ``check_sequence``."""

@final
class LetterQuery:
    """What a letter is priced on: postage, weight band, sheets, color, duplex, acknowledgement."""

    def __new__(
        cls,
        postage: str,
        *,
        zone: str,
        format: str,
        up_to_grams: int,
        sheets: int,
        color: bool = False,
        duplex: bool = False,
        acknowledgement_of_receipt: bool = False,
    ) -> LetterQuery: ...
    @staticmethod
    def from_quote(
        quote: Quote, *, color: bool, duplex: bool, acknowledgement: bool
    ) -> LetterQuery:
        """What the letter ``quote`` was made for is priced on."""

    @property
    def postage(self) -> str: ...
    @property
    def zone(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def up_to_grams(self) -> int: ...
    @property
    def sheets(self) -> int: ...
    @property
    def color(self) -> bool: ...
    @property
    def duplex(self) -> bool: ...
    @property
    def acknowledgement_of_receipt(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LetterPrice:
    """The price of one letter, part by part, without VAT."""

    @property
    def postage(self) -> decimal.Decimal: ...
    @property
    def color(self) -> decimal.Decimal: ...
    @property
    def duplex(self) -> decimal.Decimal: ...
    @property
    def registered(self) -> decimal.Decimal: ...
    @property
    def acknowledgement_of_receipt(self) -> decimal.Decimal: ...
    @property
    def currency(self) -> str: ...
    def total(self) -> decimal.Decimal:
        """The sum of the parts."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

PAYMENT_METHODS: Final[tuple[str, str]]

def place_order(
    account: Account,
    price_list: PriceList,
    pack_id: str,
    quantity: int,
    *,
    payment: str,
    at: datetime.datetime,
    order_id: str,
    exemption_requested: bool = False,
    online_check: bool | OnlineCheck | None = None,
    b2c_totals: tuple[decimal.Decimal | int, decimal.Decimal | int] | None = None,
    eur_rate: decimal.Decimal | int | None = None,
    table: RateTable | None = None,
) -> PackOrder:
    """Places an order of ``quantity`` packs ``pack_id``; the VAT is decided now."""

@final
class PackOrder:
    """An order of credit packs; only its state moves (``record_payment``, ``cancel``, ``reverse``)."""

    @staticmethod
    def from_json(text: str) -> PackOrder:
        """Reads an order ``to_json`` wrote; ``billing.invalid_record``."""

    def to_json(self) -> str:
        """The order's JSON form, to store."""

    @property
    def id(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def pack_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def pack_units(self) -> int: ...
    @property
    def unit_price(self) -> decimal.Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def units(self) -> int: ...
    @property
    def payment(self) -> str: ...
    @property
    def placed_at(self) -> datetime.datetime: ...
    @property
    def tz(self) -> str: ...
    @property
    def treatment(self) -> Treatment: ...
    @property
    def state(self) -> str: ...
    @property
    def paid_at(self) -> datetime.datetime | None: ...
    @property
    def ended_at(self) -> datetime.datetime | None: ...
    @property
    def reason(self) -> str | None: ...
    def record_payment(self, at: datetime.datetime) -> str:
        """Records the bank transfer's arrival; returns the new state."""

    def cancel(self, at: datetime.datetime, reason: str) -> str:
        """Cancels an unpaid order; returns the new state."""

    def reverse(self, at: datetime.datetime, reason: str) -> str:
        """Reverses the payment of a paid order; returns the new state."""

    def apply(self, ledger: Ledger) -> Order:
        """Replays the order into the credit ledger."""

    def activate_account(self, account: Account) -> bool:
        """Activates a waiting account with this paid order."""

    def request_exemption(self) -> Treatment:
        """A later request to remove the VAT: ``billing.exemption_after_order``."""

    def invoice_draft(self, account: Account) -> InvoiceDraft:
        """The invoice draft of this paid order."""

    def credit_note_draft(self, account: Account, invoice: IssuedInvoice) -> InvoiceDraft:
        """The credit note draft cancelling ``invoice`` once the payment was reversed."""

    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], PackOrder], tuple[str]]: ...

@final
class InvoiceDraft:
    """An invoice or credit note not numbered yet."""

    @property
    def key(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def issue_date(self) -> datetime.date: ...
    @property
    def invoice(self) -> Invoice: ...
    @property
    def lines(self) -> list[InvoiceLine]: ...
    def totals(self) -> Totals:
        """The EN 16931 totals."""

    def to_text(self) -> str:
        """The draft as plain text."""

    def to_html(self) -> str:
        """The draft as an HTML fragment."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class IssuedInvoice:
    """An invoice the book numbered."""

    @staticmethod
    def from_json(text: str) -> IssuedInvoice:
        """Reads an issued invoice ``to_json`` wrote; ``billing.invalid_record``."""

    def to_json(self) -> str:
        """The issued invoice's JSON form, to store."""

    @property
    def number(self) -> InvoiceNumber: ...
    @property
    def key(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def issue_date(self) -> datetime.date: ...
    @property
    def due_date(self) -> datetime.date | None: ...
    @property
    def draft(self) -> InvoiceDraft: ...
    @property
    def invoice(self) -> Invoice: ...
    @property
    def lines(self) -> list[InvoiceLine]: ...
    def totals(self) -> Totals:
        """The EN 16931 totals."""

    def to_ubl(self) -> str:
        """The invoice as UBL 2.1 XML."""

    def to_text(self) -> str:
        """The invoice as plain text."""

    def to_html(self) -> str:
        """The invoice as an HTML fragment."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Callable[[str], IssuedInvoice], tuple[str]]: ...

@final
class Seller:
    """Who issues the invoices: party, number series, payment days."""

    def __new__(cls, party: Party, series: str, payment_days: int) -> Seller: ...
    @property
    def party(self) -> Party: ...
    @property
    def series(self) -> str: ...
    @property
    def payment_days(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class InvoiceBook:
    """The numbered invoices of one seller, issued once per draft key."""

    def __new__(cls, seller: Seller) -> InvoiceBook: ...
    @staticmethod
    def from_invoices(seller: Seller, invoices: Iterable[IssuedInvoice]) -> InvoiceBook:
        """The book holding stored invoices; ``billing.invoice_sequence``."""

    @property
    def seller(self) -> Seller: ...
    def issue(self, draft: InvoiceDraft) -> tuple[IssuedInvoice, bool]:
        """Issues ``draft``: ``(issued, replayed)``."""

    @property
    def invoices(self) -> list[IssuedInvoice]: ...
    def for_account(self, account: str) -> list[IssuedInvoice]:
        """The invoices of one account."""

    def get(self, number: InvoiceNumber | str) -> IssuedInvoice | None:
        """The invoice numbered ``number``."""

    def by_key(self, key: str) -> IssuedInvoice | None:
        """The invoice issued for the draft key ``key``."""

    def __len__(self) -> int: ...

@final
class LetterUsage:
    """The letters of one job of the month."""

    def __new__(
        cls,
        job_id: str,
        query: LetterQuery,
        letters: int,
        *,
        handed_over_at: datetime.datetime | None = None,
        cancelled: bool = False,
    ) -> LetterUsage: ...
    @property
    def job_id(self) -> str: ...
    @property
    def query(self) -> LetterQuery: ...
    @property
    def letters(self) -> int: ...
    @property
    def handed_over_at(self) -> datetime.datetime | None: ...
    @property
    def cancelled(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MessageUsage:
    """One pay-as-you-go message of the month."""

    def __new__(cls, id: str, channel: str, units: int, sent_at: datetime.datetime) -> MessageUsage: ...
    @property
    def id(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def units(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MonthlyUsage:
    """What a monthly run invoices."""

    def __new__(
        cls,
        *,
        letters: Sequence[LetterUsage] | None = None,
        messages: Sequence[MessageUsage] | None = None,
        letter_treatment: Treatment | None = None,
        message_treatment: Treatment | None = None,
        eur_rate: decimal.Decimal | int | None = None,
    ) -> MonthlyUsage: ...
    @property
    def letters(self) -> list[LetterUsage]: ...
    @property
    def messages(self) -> list[MessageUsage]: ...
    @property
    def letter_treatment(self) -> Treatment | None: ...
    @property
    def message_treatment(self) -> Treatment | None: ...
    @property
    def eur_rate(self) -> decimal.Decimal | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def monthly_run(
    account: Account,
    price_list: PriceList,
    month: str,
    usage: MonthlyUsage,
    *,
    table: RateTable | None = None,
) -> list[InvoiceDraft]:
    """The drafts of ``month`` (``"2026-03"``), dated the first day of the next month."""

@final
class BlockSubscription:
    """A block plan subscription."""

    @property
    def id(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def plan_id(self) -> str: ...
    @property
    def plan(self) -> BlockPlan: ...
    @property
    def treatment(self) -> Treatment: ...
    def ending_at(self, end: datetime.datetime) -> BlockSubscription:
        """The same subscription ending at ``end``."""

    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def subscribe_block_plan(
    account: Account,
    price_list: PriceList,
    subscription_id: str,
    plan_id: str,
    *,
    at: datetime.datetime,
    exemption_requested: bool = False,
    online_check: bool | OnlineCheck | None = None,
    b2c_totals: tuple[decimal.Decimal | int, decimal.Decimal | int] | None = None,
    table: RateTable | None = None,
) -> BlockSubscription:
    """Subscribes the account to a block plan; the VAT is decided now."""

def block_plan_run(
    account: Account,
    subscription: BlockSubscription,
    period_index: int,
    previous_usage: int,
    *,
    eur_rate: decimal.Decimal | int | None = None,
) -> InvoiceDraft | None:
    """The draft of one period: its fee and the previous period's extra blocks."""
