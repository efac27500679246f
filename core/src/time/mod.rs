//! Time: instants, IANA time zones and the host's clock.
//!
//! An [`Instant`] is an absolute point in time (UTC inside); a [`Zone`] is an IANA time zone such as
//! `Europe/Brussels`, the default of every account. Wall-clock rules (a daily 09:00 send, "before
//! 12:00") are computed in a zone with [`Zone::resolve_local`], which applies envoi's decisions for the
//! two DST edge cases: a wall time in a gap moves forward by the gap (02:30 on the spring-forward day →
//! 03:30) and a wall time in a fold takes the first instant.
//!
//! The rules never read the system clock: time is an argument, or it comes from the host's [`Clock`].
//!
//! ```
//! use chrono::NaiveDate;
//! use envoi::time::Zone;
//!
//! let brussels = Zone::default();
//! let gap = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap();
//! let instant = brussels.resolve_local(gap)?;
//! assert_eq!(brussels.localize(instant).to_rfc3339(), "2026-03-29T03:30:00+02:00");
//! # Ok::<(), envoi::time::TimeError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::error::ErrorCode;

/// An absolute point in time. Show it in a [`Zone`] with [`Zone::localize`].
///
/// ```
/// use envoi::time::Instant;
/// let instant: Instant = "2026-11-30T08:00:00Z".parse().unwrap();
/// assert_eq!(instant.timestamp(), 1_796_025_600);
/// ```
pub type Instant = DateTime<Utc>;

/// An instant shown in a time zone (its wall-clock reading and offset).
///
/// ```
/// use envoi::time::{Zone, ZonedDateTime};
/// let zoned: ZonedDateTime = Zone::default().localize("2026-07-01T10:00:00Z".parse().unwrap());
/// assert_eq!(zoned.to_rfc3339(), "2026-07-01T12:00:00+02:00");
/// ```
pub type ZonedDateTime = DateTime<Tz>;

/// An error about time: an unknown zone, a date-time without a zone, or a date out of range.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::time::{TimeError, Zone};
///
/// let error = "Europe/Bruxelles".parse::<Zone>().unwrap_err();
/// assert!(matches!(error, TimeError::UnknownZone { .. }));
/// assert_eq!(error.code(), "time.unknown_zone");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TimeError {
    /// The name is not an IANA time zone.
    #[error("time zone: {value:?} is not an IANA time zone name (such as \"Europe/Brussels\")")]
    UnknownZone {
        /// The name as given.
        value: String,
    },
    /// A date-time without a time zone or offset was given where an instant is required.
    #[error("{field}: {value} has no time zone or offset; envoi needs an aware date-time")]
    NotZoneAware {
        /// The field or argument that carried it.
        field: String,
        /// The date-time as given.
        value: String,
    },
    /// A wall-clock time cannot be placed in the zone (beyond the supported range).
    #[error("{value} cannot be placed in time zone {zone}")]
    OutOfRange {
        /// The wall-clock time.
        value: String,
        /// The zone.
        zone: String,
    },
}

impl ErrorCode for TimeError {
    fn code(&self) -> &'static str {
        match self {
            TimeError::UnknownZone { .. } => "time.unknown_zone",
            TimeError::NotZoneAware { .. } => "time.not_zone_aware",
            TimeError::OutOfRange { .. } => "time.out_of_range",
        }
    }
}

/// An IANA time zone. The default is `Europe/Brussels`.
///
/// ```
/// use envoi::time::Zone;
///
/// let zone: Zone = "America/New_York".parse()?;
/// assert_eq!(zone.name(), "America/New_York");
/// assert_eq!(Zone::default().name(), "Europe/Brussels");
/// assert!("Mars/Olympus".parse::<Zone>().is_err());
/// # Ok::<(), envoi::time::TimeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(Tz);

impl Default for Zone {
    fn default() -> Self {
        Zone(Tz::Europe__Brussels)
    }
}

impl Zone {
    /// The IANA name of the zone.
    ///
    /// ```
    /// assert_eq!(envoi::time::Zone::default().name(), "Europe/Brussels");
    /// ```
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The instant shown in this zone.
    ///
    /// ```
    /// use envoi::time::Zone;
    /// let winter = Zone::default().localize("2026-01-15T08:00:00Z".parse().unwrap());
    /// assert_eq!(winter.to_rfc3339(), "2026-01-15T09:00:00+01:00");
    /// ```
    pub fn localize(self, instant: Instant) -> ZonedDateTime {
        instant.with_timezone(&self.0)
    }

    /// The wall-clock date and time of `instant` in this zone, or `None` when it falls outside the
    /// dates chrono represents (an instant near year ±262,143 whose local time would overflow).
    /// [`Zone::localize`] panics there; every rule that reads outside input uses this one.
    ///
    /// ```
    /// use envoi::time::{Instant, Zone};
    /// let brussels = Zone::default();
    /// let summer: Instant = "2026-07-01T08:00:00Z".parse().unwrap();
    /// assert_eq!(brussels.local_checked(summer).unwrap().to_string(), "2026-07-01 10:00:00");
    /// let last: Instant = "+262142-12-31T23:00:00Z".parse().unwrap();
    /// assert_eq!(brussels.local_checked(last), None);
    /// ```
    pub fn local_checked(self, instant: Instant) -> Option<NaiveDateTime> {
        use chrono::Offset;
        let utc = instant.naive_utc();
        let offset = self.0.offset_from_utc_datetime(&utc).fix();
        utc.checked_add_offset(offset)
    }

    /// The instant at which the wall clock of this zone reads `local`.
    ///
    /// In a DST gap (a wall time that does not exist) the time moves forward by the length of the gap;
    /// in a DST fold (a wall time that happens twice) the first instant is taken.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::time::Zone;
    ///
    /// let brussels = Zone::default();
    /// let fold = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(2, 30, 0).unwrap();
    /// let first = brussels.resolve_local(fold)?;
    /// assert_eq!(brussels.localize(first).to_rfc3339(), "2026-10-25T02:30:00+02:00");
    /// # Ok::<(), envoi::time::TimeError>(())
    /// ```
    pub fn resolve_local(self, local: NaiveDateTime) -> Result<Instant, TimeError> {
        self.resolve_local_with_offset(local)
            .map(|(instant, _)| instant)
    }

    /// [`Zone::resolve_local`], with the UTC offset (seconds east) in force at the instant it
    /// gives, which the expansion of recurrence rules needs for each candidate: found by the same
    /// time-zone lookup, except in a gap.
    pub(crate) fn resolve_local_with_offset(
        self,
        local: NaiveDateTime,
    ) -> Result<(Instant, i32), TimeError> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(zoned) | LocalResult::Ambiguous(zoned, _) => Ok((
                zoned.with_timezone(&Utc),
                chrono::Offset::fix(zoned.offset()).local_minus_utc(),
            )),
            LocalResult::None => {
                let instant = self.resolve_in_gap(local)?;
                let offset = chrono::Offset::fix(self.localize(instant).offset()).local_minus_utc();
                Ok((instant, offset))
            }
        }
    }

    /// A wall time in a gap: read it with the offset in force just before the gap, which lands the
    /// same distance past the gap's end (02:30 in a one-hour gap at 02:00 → 03:30).
    fn resolve_in_gap(self, local: NaiveDateTime) -> Result<Instant, TimeError> {
        let out_of_range = || TimeError::OutOfRange {
            value: local.to_string(),
            zone: self.name().to_owned(),
        };
        // DST gaps last an hour or two, so three hours earlier is before the gap; the longest gap
        // in the time-zone database is a whole day (Samoa skipped 30 December 2011), so 27 hours
        // earlier is before any gap.
        let offset = [3, 27]
            .into_iter()
            .filter_map(|hours| local.checked_sub_signed(chrono::TimeDelta::hours(hours)))
            .find_map(|before| match self.0.from_local_datetime(&before) {
                LocalResult::Single(zoned) | LocalResult::Ambiguous(_, zoned) => {
                    Some(*zoned.offset())
                }
                LocalResult::None => None,
            })
            .ok_or_else(out_of_range)?;
        let utc = local
            .checked_sub_signed(chrono::TimeDelta::seconds(i64::from(
                chrono::Offset::fix(&offset).local_minus_utc(),
            )))
            .ok_or_else(out_of_range)?;
        Ok(Utc.from_utc_datetime(&utc))
    }

    /// The current time of the host's clock, shown in this zone.
    ///
    /// This is the path every host callback takes: envoi calls the host's [`Clock`], and an error the
    /// host raises comes back to the caller unchanged.
    ///
    /// ```
    /// use envoi::time::{FixedClock, Zone};
    /// let clock = FixedClock::new("2026-11-30T08:00:00Z".parse().unwrap());
    /// let now = Zone::default().now(&clock)?;
    /// assert_eq!(now.to_rfc3339(), "2026-11-30T09:00:00+01:00");
    /// # Ok::<(), envoi::time::ClockError>(())
    /// ```
    pub fn now<C: Clock + ?Sized>(self, clock: &C) -> Result<ZonedDateTime, ClockError> {
        clock.now().map(|instant| self.localize(instant))
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Zone {
    type Err = TimeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        value
            .trim()
            .parse::<Tz>()
            .map(Zone)
            .map_err(|_| TimeError::UnknownZone {
                value: value.to_owned(),
            })
    }
}

impl TryFrom<String> for Zone {
    type Error = TimeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Zone> for String {
    fn from(zone: Zone) -> Self {
        zone.name().to_owned()
    }
}

impl From<Tz> for Zone {
    fn from(tz: Tz) -> Self {
        Zone(tz)
    }
}

impl From<Zone> for Tz {
    fn from(zone: Zone) -> Self {
        zone.0
    }
}

/// The host's clock failed to give the time.
///
/// A binding keeps the host's own exception aside and raises it again unchanged; this error carries
/// its message for Rust callers and logs.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::time::ClockError;
/// let error = ClockError::new("NTP unreachable");
/// assert_eq!(error.code(), "clock.host_error");
/// assert_eq!(error.to_string(), "clock: the host clock failed: NTP unreachable");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("clock: the host clock failed: {message}")]
pub struct ClockError {
    message: String,
}

impl ClockError {
    /// A clock failure with the host's message.
    ///
    /// ```
    /// assert_eq!(envoi::time::ClockError::new("down").message(), "down");
    /// ```
    pub fn new(message: impl Into<String>) -> Self {
        ClockError {
            message: message.into(),
        }
    }

    /// The host's message.
    ///
    /// ```
    /// assert_eq!(envoi::time::ClockError::new("down").message(), "down");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ErrorCode for ClockError {
    fn code(&self) -> &'static str {
        "clock.host_error"
    }
}

/// The host's clock: where "now" comes from.
///
/// envoi never reads the system clock itself. A host implements this trait (in Rust, or in Python,
/// Node or Kotlin through the bindings); tests use [`FixedClock`].
///
/// ```
/// use envoi::time::{Clock, ClockError, Instant};
///
/// struct SystemClock;
/// impl Clock for SystemClock {
///     fn now(&self) -> Result<Instant, ClockError> {
///         Ok(chrono::Utc::now())
///     }
/// }
/// assert!(SystemClock.now().is_ok());
/// ```
pub trait Clock {
    /// The current instant.
    fn now(&self) -> Result<Instant, ClockError>;
}

/// A clock that always reads the same instant, for tests and examples.
///
/// ```
/// use envoi::time::{Clock, FixedClock};
/// let instant = "2026-11-30T08:00:00Z".parse().unwrap();
/// assert_eq!(FixedClock::new(instant).now()?, instant);
/// # Ok::<(), envoi::time::ClockError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(Instant);

impl FixedClock {
    /// A clock stopped at `instant`.
    ///
    /// ```
    /// let clock = envoi::time::FixedClock::new(chrono::DateTime::UNIX_EPOCH);
    /// # let _ = clock;
    /// ```
    pub fn new(instant: Instant) -> Self {
        FixedClock(instant)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Result<Instant, ClockError> {
        Ok(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn gap_moves_forward_by_the_gap_in_brussels() {
        let zone = Zone::default();
        for (minute, expected) in [(0, "03:00"), (30, "03:30"), (59, "03:59")] {
            let instant = zone.resolve_local(local(2026, 3, 29, 2, minute)).unwrap();
            assert_eq!(zone.localize(instant).format("%H:%M").to_string(), expected);
        }
    }

    #[test]
    fn fold_takes_the_first_instant() {
        let zone = Zone::default();
        let instant = zone.resolve_local(local(2026, 10, 25, 2, 30)).unwrap();
        assert_eq!(instant.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn ordinary_times_round_trip() {
        let zone: Zone = "America/New_York".parse().unwrap();
        let instant = zone.resolve_local(local(2026, 6, 1, 9, 0)).unwrap();
        assert_eq!(instant.to_rfc3339(), "2026-06-01T13:00:00+00:00");
    }

    #[test]
    fn a_whole_skipped_day_moves_forward_by_the_day() {
        // Samoa went from UTC-10 to UTC+14 at the end of 29 December 2011: 30 December never was.
        let apia: Zone = "Pacific/Apia".parse().unwrap();
        let moved = apia.resolve_local(local(2011, 12, 30, 9, 30)).unwrap();
        assert_eq!(
            apia.localize(moved).to_rfc3339(),
            "2011-12-31T09:30:00+14:00"
        );
        let just_before = apia.resolve_local(local(2011, 12, 29, 23, 30)).unwrap();
        assert_eq!(moved - just_before, chrono::TimeDelta::hours(10));
    }

    #[test]
    fn gap_in_a_zone_with_a_half_hour_shift() {
        // Lord Howe Island moves 30 minutes forward at 02:00 on the first Sunday of October.
        let zone: Zone = "Australia/Lord_Howe".parse().unwrap();
        let instant = zone.resolve_local(local(2026, 10, 4, 2, 10)).unwrap();
        assert_eq!(zone.localize(instant).format("%H:%M").to_string(), "02:40");
    }

    #[test]
    fn unknown_zone_names_the_value() {
        let error = "Europe/Bruxelles".parse::<Zone>().unwrap_err();
        assert_eq!(error.code(), "time.unknown_zone");
        assert!(error.to_string().contains("Europe/Bruxelles"));
    }

    #[test]
    fn clock_errors_pass_through_now() {
        struct Broken;
        impl Clock for Broken {
            fn now(&self) -> Result<Instant, ClockError> {
                Err(ClockError::new("no time"))
            }
        }
        assert_eq!(
            Zone::default().now(&Broken).unwrap_err(),
            ClockError::new("no time")
        );
    }
}
