use chrono::NaiveDate;
use thiserror::Error;

use super::{MAX_CANDIDATES, MAX_CLOSED_RUN_DAYS};
use crate::error::ErrorCode;
use crate::time::Instant;

/// Why a schedule or a business-day computation failed.
///
/// Every variant names the field, the value and the rule; [`ErrorCode::code`] gives the stable code.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::ErrorCode;
/// use envoi::schedule::{BusinessCalendar, ScheduleError};
///
/// let error = BusinessCalendar::belgium().next_business_day(NaiveDate::MAX).unwrap_err();
/// assert!(matches!(error, ScheduleError::DateOutOfRange { .. }));
/// assert_eq!(error.code(), "schedule.date_out_of_range");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ScheduleError {
    /// The calendar is closed on every day of a stretch of at least [`MAX_CLOSED_RUN_DAYS`] days that a
    /// computation had to cross.
    #[error(
        "calendar: no business day from {first} to {last} ({days} days); a search gives up after {MAX_CLOSED_RUN_DAYS} consecutive days without a business day, check the calendar's closed days"
    )]
    NoBusinessDay {
        /// The first day of the closed stretch (within the span searched).
        first: NaiveDate,
        /// The last day of the closed stretch (within the span searched).
        last: NaiveDate,
        /// The length of the stretch in days, `last - first + 1`.
        days: i64,
    },
    /// The result would fall outside the dates chrono can represent.
    #[error(
        "date: {date} moved by {business_days} business days leaves the supported range of dates ({} to {})",
        NaiveDate::MIN,
        NaiveDate::MAX
    )]
    DateOutOfRange {
        /// The date as given.
        date: NaiveDate,
        /// The number of business days it was moved by (positive: forward).
        business_days: i64,
    },
    /// A repeat interval of zero.
    #[error("every: {value} is not a repeat interval; a schedule repeats every 1 or more units")]
    InvalidInterval {
        /// The interval as given.
        value: i64,
    },
    /// An occurrence count of zero.
    #[error("count: {value} occurrences; a schedule has at least one occurrence (its first date)")]
    InvalidCount {
        /// The count as given.
        value: i64,
    },
    /// A stop before the first date.
    #[error(
        "stop: {stop} is before the first date {start}; the stop is inclusive and must not precede it"
    )]
    StopBeforeStart {
        /// The stop as given.
        stop: Instant,
        /// The first date.
        start: Instant,
    },
    /// An RFC 5545 recurrence text (`RRULE`, `EXDATE`, `RDATE` lines) that cannot be read or is not
    /// supported; `part` names the line or rule part that is wrong.
    #[error("rrule: {part} {value:?} {reason}")]
    InvalidRrule {
        /// The line or rule part that is wrong, such as `COUNT`, `BYMONTHDAY` or `EXDATE`.
        part: String,
        /// The value as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A recurrence rule that can never produce an occurrence (besides its first date), such as
    /// `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`.
    #[error("rrule: {rule:?} never produces an occurrence: {reason}")]
    NeverOccurs {
        /// The rule as given.
        rule: String,
        /// Why it never occurs.
        reason: String,
    },
    /// A query on a recurrence rule would examine more than [`MAX_CANDIDATES`] candidate instants.
    #[error(
        "rrule: {rule:?} needs more than {MAX_CANDIDATES} candidate instants for this query; ask about a nearer time, or use a less frequent rule"
    )]
    TooExpensive {
        /// The rule as given.
        rule: String,
    },
    /// A repeat unit that is not hours, days, weeks or months.
    #[error("unit: {value:?} is not a repeat unit (hours, days, weeks or months)")]
    UnknownUnit {
        /// The unit as given.
        value: String,
    },
    /// More occurrences between two instants than the caller's limit.
    #[error(
        "limit: more than {limit} occurrences from {from} to {to}; narrow the range, raise the limit, or step with next_after"
    )]
    TooManyOccurrences {
        /// The limit in force.
        limit: usize,
        /// The start of the range.
        from: Instant,
        /// The end of the range.
        to: Instant,
    },
}

impl ErrorCode for ScheduleError {
    fn code(&self) -> &'static str {
        match self {
            ScheduleError::NoBusinessDay { .. } => "schedule.no_business_day",
            ScheduleError::DateOutOfRange { .. } => "schedule.date_out_of_range",
            ScheduleError::InvalidInterval { .. } => "schedule.invalid_interval",
            ScheduleError::TooManyOccurrences { .. } => "schedule.too_many_occurrences",
            ScheduleError::InvalidCount { .. } => "schedule.invalid_count",
            ScheduleError::StopBeforeStart { .. } => "schedule.stop_before_start",
            ScheduleError::UnknownUnit { .. } => "schedule.unknown_unit",
            ScheduleError::InvalidRrule { .. } => "schedule.invalid_rrule",
            ScheduleError::NeverOccurs { .. } => "schedule.never_occurs",
            ScheduleError::TooExpensive { .. } => "schedule.too_expensive",
        }
    }
}
