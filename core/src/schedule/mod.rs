//! When: schedules (SPEC section 4) and business days (SPEC section 9).
//!
//! A [`Schedule`] says when a task sends: a first date, an optional [`Repeat`] every N hours, days,
//! weeks or months, an optional inclusive stop and an optional count, in a time zone. Its queries
//! ([`Schedule::next_after`], [`Schedule::occurrences_between`], [`Schedule::occurrence_count_until`],
//! [`Schedule::is_finished`]) are closed-form: they cost the same however long ago the schedule
//! started. A schedule can also follow an RFC 5545 recurrence rule with `EXDATE`/`RDATE` and RFC 7529
//! `SKIP` ([`Schedule::from_rrule`]); its queries expand the rule and examine at most
//! [`MAX_CANDIDATES`] candidate instants each. Without a count, `next_after` and
//! `occurrences_between` start the expansion near the query, so they too cost the same at any age.
//!
//! A [`BusinessCalendar`] says which days are business days: Monday to Friday except the public
//! holidays of its [`HolidayRule`]s and the closed days the host added. [`BusinessCalendar::belgium`]
//! closes on the ten Belgian public holidays ([`BelgianHoliday`]), computed for any year from their
//! rules (Easter by the anonymous Gregorian algorithm, [`easter_sunday`]), not read from a list. The
//! letters domain computes hand-over and delivery dates on it: "D+n" is
//! [`BusinessCalendar::add_business_days`]. Production and the post's delivery may close on different
//! days: give each its own calendar, and [`BusinessCalendar::combine`] them where a day must suit both.
//!
//! Days are [`chrono::NaiveDate`]s: a calendar day has no time zone; decide the day in the right zone
//! first (Europe/Brussels for the post), then ask the calendar.
//!
//! ```
//! use chrono::NaiveDate;
//! use envoi::schedule::{BelgianHoliday, BusinessCalendar, HolidayLanguage};
//!
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let belgium = BusinessCalendar::belgium();
//! assert_eq!(belgium.holiday(date(2026, 11, 11)), Some(BelgianHoliday::Armistice));
//! assert_eq!(BelgianHoliday::Armistice.name(HolidayLanguage::Fr), "Armistice");
//!
//! // Prior national postage is delivered at D+1 after the hand-over day.
//! let handover = date(2026, 11, 10); // a Tuesday
//! assert_eq!(belgium.add_business_days(handover, 1)?, date(2026, 11, 12));
//! # Ok::<(), envoi::schedule::ScheduleError>(())
//! ```

mod calendar;
mod daily;
mod error;
mod holidays;
mod recur;
mod repeat;
mod skip;

pub use calendar::{BusinessCalendar, HolidayRule};
pub use error::ScheduleError;
pub use holidays::{BelgianHoliday, HolidayLanguage, easter_sunday};
pub use repeat::{Occurrences, Repeat, RepeatUnit, Schedule};

/// The longest stretch of consecutive days without a business day that a computation crosses, in
/// days. Weekends and holidays alone never come close; a longer stretch means the host's closed days
/// leave (almost) nothing open, and the computation fails with [`ScheduleError::NoBusinessDay`]
/// (`schedule.no_business_day`) instead of searching further.
///
/// ```
/// use chrono::{Days, NaiveDate};
/// use envoi::ErrorCode;
/// use envoi::schedule::{BusinessCalendar, MAX_CLOSED_RUN_DAYS};
///
/// let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let closed = (1..=u64::from(MAX_CLOSED_RUN_DAYS)).filter_map(|n| start.checked_add_days(Days::new(n)));
/// let calendar = BusinessCalendar::belgium().with_closed_days(closed);
/// assert_eq!(calendar.next_business_day(start).unwrap_err().code(), "schedule.no_business_day");
/// ```
pub const MAX_CLOSED_RUN_DAYS: u32 = 366;

/// The most candidate instants one query on an RRULE schedule examines (each step of
/// [`Schedule::occurrences_between`] counts as one query). A candidate is a date-time the rule's
/// expansion produces before DTSTART, `COUNT`, `UNTIL`, `EXDATE` and duplicates are applied (a
/// monthly or yearly rule with RFC 7529 `SKIP=BACKWARD|FORWARD` also counts each month or year it
/// expands, which may hold none). Past it,
/// the query fails with [`ScheduleError::TooExpensive`] (`schedule.too_expensive`) instead of
/// searching further. Queries that expand from the first date (with a count, and
/// [`Schedule::occurrence_count_until`]) reach it after about 274 years of a daily rule, 11 years
/// of an hourly one, 69 days of a minutely one; queries that start near their instant (without a
/// count) only on rules whose occurrences are that far apart.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::schedule::{MAX_CANDIDATES, Schedule};
/// use envoi::time::{Instant, Zone};
///
/// assert_eq!(MAX_CANDIDATES, 100_000);
/// let start: Instant = "2026-01-01T00:00:00Z".parse().unwrap();
/// let in_a_year: Instant = "2027-01-01T00:00:00Z".parse().unwrap();
/// // Counting a year of minutes from the first date is past the bound…
/// let counted = Schedule::from_rrule("FREQ=MINUTELY;COUNT=1000000", start, Zone::default())?;
/// assert_eq!(counted.next_after(in_a_year).unwrap_err().code(), "schedule.too_expensive");
/// assert_eq!(counted.occurrence_count_until(in_a_year).unwrap_err().code(), "schedule.too_expensive");
/// // …while without a count the expansion starts near the query.
/// let every_minute = Schedule::from_rrule("FREQ=MINUTELY", start, Zone::default())?;
/// assert_eq!(every_minute.next_after(in_a_year)?, Some("2027-01-01T00:01:00Z".parse().unwrap()));
/// # Ok::<(), envoi::schedule::ScheduleError>(())
/// ```
pub const MAX_CANDIDATES: u32 = 100_000;
