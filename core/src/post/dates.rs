//! Handover and delivery dates of letters (SPEC section 9 and its **Decisions**).
//!
//! - A letter submitted **before 12:00** (12:00:00 exactly is afternoon), judged on the
//!   Europe/Brussels wall clock whatever offset the submission carries, on a production business day
//!   is handed to the post that day; otherwise on the next production business day.
//! - Delivery is D+n business days of the post counted from the handover day: prior and registered
//!   D+1, non-prior D+3, prior international a per-destination range ([`BusinessDayRange`]).
//! - Business days are Monday to Friday except Belgian public holidays
//!   ([`BusinessCalendar::belgium`]); the host adds closed days separately for production (the
//!   printer's handover days) and for the post's delivery days ([`PostCalendars`]).

use chrono::{NaiveDate, NaiveDateTime, Offset, Timelike};
use serde::{Deserialize, Serialize};

use crate::schedule::BusinessCalendar;
use crate::time::{Instant, Zone};

use super::data::BusinessDayRange;
use super::error::PostError;

/// The hour of the daily cut-off, Europe/Brussels: a submission strictly before 12:00:00 is handed
/// over the same business day.
pub const CUT_OFF_HOUR: u32 = 12;

/// The two business calendars of letters: production (which days the letters are printed and
/// handed to the post) and delivery (which days the post delivers, for D+n).
///
/// Both default to [`BusinessCalendar::belgium`]. The post's own non-delivery days differ from
/// public holidays, so a host adds closed days to each separately. Plain data:
/// `{"production": {...}, "delivery": {...}}`.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::post::PostCalendars;
/// use envoi::schedule::BusinessCalendar;
///
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // The post does not deliver on Friday 15 May 2026 (after Ascension); the printer works.
/// let calendars = PostCalendars {
///     production: BusinessCalendar::belgium(),
///     delivery: BusinessCalendar::belgium().with_closed_days([date(2026, 5, 15)]),
/// };
/// let submitted = "2026-05-13T08:00:00Z".parse()?; // Wednesday 10:00 in Brussels
/// let handover = calendars.handover_date(submitted)?;
/// assert_eq!(handover, date(2026, 5, 13));
/// // Thursday 14 is Ascension, Friday 15 closed for delivery: D+1 is Monday 18.
/// assert_eq!(calendars.delivery_date(handover, 1)?, date(2026, 5, 18));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostCalendars {
    /// The days letters are printed and handed to the post.
    pub production: BusinessCalendar,
    /// The days the post delivers (D+n counts these).
    pub delivery: BusinessCalendar,
}

impl Default for PostCalendars {
    /// Belgian business days for both.
    fn default() -> Self {
        PostCalendars {
            production: BusinessCalendar::belgium(),
            delivery: BusinessCalendar::belgium(),
        }
    }
}

/// The earliest and the latest delivery day of a prior international letter (both inclusive).
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::post::DeliveryRange;
/// let range = DeliveryRange {
///     earliest: NaiveDate::from_ymd_opt(2026, 3, 13).unwrap(),
///     latest: NaiveDate::from_ymd_opt(2026, 3, 17).unwrap(),
/// };
/// assert_eq!(serde_json::to_string(&range)?, r#"{"earliest":"2026-03-13","latest":"2026-03-17"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeliveryRange {
    /// The earliest delivery day.
    pub earliest: NaiveDate,
    /// The latest delivery day.
    pub latest: NaiveDate,
}

/// The day of a submission on the Europe/Brussels wall clock.
///
/// ```
/// use chrono::NaiveDate;
/// // 23:30 UTC on 9 March is 00:30 on 10 March in Brussels.
/// let day = envoi::post::submission_date("2026-03-09T23:30:00Z".parse().unwrap());
/// assert_eq!(day, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
/// ```
///
/// An instant in the last hours of the range envoi represents (year 262142), whose Brussels date
/// would be past the last representable day, reads as that last day ([`NaiveDate::MAX`]).
pub fn submission_date(submitted_at: Instant) -> NaiveDate {
    brussels_wall_clock(submitted_at).map_or(NaiveDate::MAX, |local| local.date())
}

/// The Europe/Brussels wall-clock reading of `at`, or `None` past the last representable day
/// (chrono's own conversion panics there).
fn brussels_wall_clock(at: Instant) -> Option<NaiveDateTime> {
    let offset = Zone::default().localize(at).offset().fix();
    at.naive_utc().checked_add_offset(offset)
}

impl PostCalendars {
    /// The day a letter submitted at `submitted_at` is handed to the post: the submission day when
    /// it is a production business day and the Brussels wall clock reads before 12:00:00, else the
    /// next production business day.
    ///
    /// ```
    /// use chrono::{DateTime, NaiveDate, Utc};
    /// use envoi::post::PostCalendars;
    ///
    /// let calendars = PostCalendars::default();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
    /// // Tuesday 10 March 2026, Brussels is UTC+1.
    /// assert_eq!(calendars.handover_date(at("2026-03-10T11:59:59+01:00"))?, date(2026, 3, 10));
    /// assert_eq!(calendars.handover_date(at("2026-03-10T12:00:00+01:00"))?, date(2026, 3, 11));
    /// // 12:30 in Tokyo is 04:30 in Brussels: morning.
    /// assert_eq!(calendars.handover_date(at("2026-03-10T12:30:00+09:00"))?, date(2026, 3, 10));
    /// // Friday afternoon: Monday.
    /// assert_eq!(calendars.handover_date(at("2026-03-13T14:00:00+01:00"))?, date(2026, 3, 16));
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::Schedule`] when the production calendar has no business day within
    /// `MAX_CLOSED_RUN_DAYS` (its closed days) or past the last date.
    pub fn handover_date(&self, submitted_at: Instant) -> Result<NaiveDate, PostError> {
        let local = brussels_wall_clock(submitted_at).ok_or(PostError::DateOutOfRange {
            field: "submitted_at",
            date: NaiveDate::MAX,
            rule: "the Europe/Brussels offset",
        })?;
        let day = local.date();
        if local.hour() < CUT_OFF_HOUR && self.production.is_business_day(day) {
            Ok(day)
        } else {
            Ok(self.production.next_business_day(day)?)
        }
    }

    /// The day a national letter handed over on `handover` is delivered: `business_days` (D+n) post
    /// business days later.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::post::PostCalendars;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // Handed over Thursday 24 December 2026: D+1 is Monday 28 (Christmas, weekend).
    /// assert_eq!(PostCalendars::default().delivery_date(date(2026, 12, 24), 1)?, date(2026, 12, 28));
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::Schedule`] as for [`handover_date`](Self::handover_date), on the delivery
    /// calendar.
    pub fn delivery_date(
        &self,
        handover: NaiveDate,
        business_days: u32,
    ) -> Result<NaiveDate, PostError> {
        Ok(self
            .delivery
            .add_business_days(handover, i64::from(business_days))?)
    }

    /// The earliest and latest delivery days of a letter handed over on `handover` that takes
    /// `range` post business days.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::post::{BusinessDayRange, PostCalendars};
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let range = PostCalendars::default().delivery_range(date(2026, 3, 10), BusinessDayRange { from: 3, to: 5 })?;
    /// assert_eq!((range.earliest, range.latest), (date(2026, 3, 13), date(2026, 3, 17)));
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`delivery_date`](Self::delivery_date).
    pub fn delivery_range(
        &self,
        handover: NaiveDate,
        range: BusinessDayRange,
    ) -> Result<DeliveryRange, PostError> {
        Ok(DeliveryRange {
            earliest: self.delivery_date(handover, range.from)?,
            latest: self.delivery_date(handover, range.to)?,
        })
    }
}
