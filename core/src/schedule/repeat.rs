//! Simple schedules: a first date, an optional repeat every N hours, days, weeks or months counted
//! from that first date, an optional inclusive stop and an optional occurrence count (SPEC section 4).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::ScheduleError;
use super::recur::{Recurrence, Stream};
use crate::time::{Instant, Zone};

/// The unit of a [`Repeat`].
///
/// Hours count elapsed time: a task every 2 hours runs 2 real hours apart, also across a DST change.
/// Days, weeks and months count wall-clock time in the schedule's zone: a daily 09:00 task stays at
/// 09:00 local time.
///
/// ```
/// use envoi::schedule::RepeatUnit;
/// assert_eq!("weeks".parse::<RepeatUnit>()?, RepeatUnit::Weeks);
/// assert_eq!(RepeatUnit::Months.name(), "months");
/// # Ok::<(), envoi::schedule::ScheduleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RepeatUnit {
    /// Elapsed hours.
    Hours,
    /// Calendar days at the same wall-clock time.
    Days,
    /// Weeks (7 calendar days) at the same wall-clock time.
    Weeks,
    /// Calendar months on the same day of the month (clamped to the month's last day) at the same
    /// wall-clock time.
    Months,
}

impl RepeatUnit {
    /// The unit's name in every binding: `"hours"`, `"days"`, `"weeks"` or `"months"`.
    ///
    /// ```
    /// assert_eq!(envoi::schedule::RepeatUnit::Hours.name(), "hours");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            RepeatUnit::Hours => "hours",
            RepeatUnit::Days => "days",
            RepeatUnit::Weeks => "weeks",
            RepeatUnit::Months => "months",
        }
    }
}

impl fmt::Display for RepeatUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RepeatUnit {
    type Err = ScheduleError;

    /// Parses `"hours"`, `"days"`, `"weeks"` or `"months"`, ignoring ASCII case.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        [
            RepeatUnit::Hours,
            RepeatUnit::Days,
            RepeatUnit::Weeks,
            RepeatUnit::Months,
        ]
        .into_iter()
        .find(|unit| unit.name().eq_ignore_ascii_case(value.trim()))
        .ok_or_else(|| ScheduleError::UnknownUnit {
            value: value.to_owned(),
        })
    }
}

/// A repeat: every `interval` `unit`s, counted from the first date.
///
/// ```
/// use envoi::schedule::{Repeat, RepeatUnit};
/// let fortnightly = Repeat::new(2, RepeatUnit::Weeks)?;
/// assert_eq!((fortnightly.interval(), fortnightly.unit()), (2, RepeatUnit::Weeks));
/// assert!(Repeat::new(0, RepeatUnit::Days).is_err());
/// # Ok::<(), envoi::schedule::ScheduleError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RepeatForm", into = "RepeatForm")]
pub struct Repeat {
    interval: u32,
    unit: RepeatUnit,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RepeatForm {
    every: u32,
    unit: RepeatUnit,
}

impl TryFrom<RepeatForm> for Repeat {
    type Error = ScheduleError;

    fn try_from(form: RepeatForm) -> Result<Self, Self::Error> {
        Repeat::new(form.every, form.unit)
    }
}

impl From<Repeat> for RepeatForm {
    fn from(repeat: Repeat) -> Self {
        RepeatForm {
            every: repeat.interval,
            unit: repeat.unit,
        }
    }
}

impl Repeat {
    /// Every `interval` `unit`s; the interval is at least 1.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::schedule::{Repeat, RepeatUnit};
    /// assert_eq!(Repeat::new(0, RepeatUnit::Hours).unwrap_err().code(), "schedule.invalid_interval");
    /// ```
    pub fn new(interval: u32, unit: RepeatUnit) -> Result<Self, ScheduleError> {
        let interval = Self::interval_from(i64::from(interval))?;
        Ok(Repeat { interval, unit })
    }

    /// Checks an interval given as a wide integer (bindings pass theirs here): 1 to `u32::MAX`.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::schedule::Repeat;
    /// assert_eq!(Repeat::interval_from(3)?, 3);
    /// assert_eq!(Repeat::interval_from(-1).unwrap_err().code(), "schedule.invalid_interval");
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn interval_from(value: i64) -> Result<u32, ScheduleError> {
        u32::try_from(value)
            .ok()
            .filter(|interval| *interval > 0)
            .ok_or(ScheduleError::InvalidInterval { value })
    }

    /// How many units apart two occurrences are.
    ///
    /// ```
    /// use envoi::schedule::{Repeat, RepeatUnit};
    /// assert_eq!(Repeat::new(3, RepeatUnit::Days)?.interval(), 3);
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn interval(self) -> u32 {
        self.interval
    }

    /// The unit.
    ///
    /// ```
    /// use envoi::schedule::{Repeat, RepeatUnit};
    /// assert_eq!(Repeat::new(1, RepeatUnit::Months)?.unit(), RepeatUnit::Months);
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn unit(self) -> RepeatUnit {
        self.unit
    }
}

/// When a task sends: a first date, an optional [`Repeat`], an optional inclusive stop and an optional
/// occurrence count, in a time zone.
///
/// The first occurrence is the first date exactly as given. Later ones are computed from it, never
/// from the previous occurrence, so nothing drifts: every month from 31 January gives 28 (or 29)
/// February, 31 March, 30 April… Repeats in days, weeks and months keep the wall-clock time of the
/// first date in the zone; a wall time in a DST gap moves forward by the gap (02:30 → 03:30 on the
/// spring-forward day), a wall time in a DST fold takes the first instant. Repeats in hours count
/// elapsed time.
///
/// Every query is closed-form arithmetic on the occurrence's index: [`Schedule::next_after`] costs the
/// same for a schedule that started yesterday or ten years ago.
///
/// A schedule can instead follow an RFC 5545 recurrence rule ([`Schedule::from_rrule`]); its queries
/// expand the rule from the first date and are bounded by [`MAX_CANDIDATES`](super::MAX_CANDIDATES).
/// Every query returns a `Result` for both kinds; a simple schedule never fails.
///
/// ```
/// use envoi::schedule::{Repeat, RepeatUnit, Schedule};
/// use envoi::time::{Instant, Zone};
///
/// let at = |s: &str| s.parse::<Instant>().unwrap();
/// // Every day at 09:00 in Brussels, from 27 March 2026, five times.
/// let daily = Schedule::new(at("2026-03-27T08:00:00Z"), Zone::default())
///     .repeating(Repeat::new(1, RepeatUnit::Days)?)
///     .with_count(5)?;
/// let local: Vec<String> = daily
///     .occurrences_between(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))
///     .map(|t| t.map(|t| Zone::default().localize(t).format("%a %d %H:%M %:z").to_string()))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(local, [
///     "Fri 27 09:00 +01:00",
///     "Sat 28 09:00 +01:00",
///     "Sun 29 09:00 +02:00", // the wall-clock time holds across the DST change
///     "Mon 30 09:00 +02:00",
///     "Tue 31 09:00 +02:00",
/// ]);
/// assert!(daily.is_finished(at("2026-03-31T07:00:00Z"))?);
/// # Ok::<(), envoi::schedule::ScheduleError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScheduleForm", into = "SerializedForm")]
pub struct Schedule {
    start: Instant,
    zone: Zone,
    repeat: Option<Repeat>,
    stop: Option<Instant>,
    count: Option<u32>,
    /// An RFC 5545 rule instead of the repeat ([`Schedule::from_rrule`]).
    rrule: Option<Box<Recurrence>>,
}

/// The stable JSON form of a [`Schedule`], as read.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleForm {
    start: Instant,
    zone: Zone,
    repeat: Option<Repeat>,
    stop: Option<Instant>,
    count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rrule: Option<String>,
}

/// The JSON form of an RRULE schedule: `{"start", "zone", "rrule"}` (and `stop`, `count` when set).
#[derive(Serialize)]
struct RruleForm {
    start: Instant,
    zone: Zone,
    rrule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop: Option<Instant>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
}

/// The JSON form, as written: the simple form unchanged, or the RRULE form.
#[derive(Serialize)]
#[serde(untagged)]
enum SerializedForm {
    Simple(ScheduleForm),
    Rrule(RruleForm),
}

impl From<Schedule> for SerializedForm {
    fn from(schedule: Schedule) -> Self {
        match &schedule.rrule {
            Some(rule) => SerializedForm::Rrule(RruleForm {
                start: schedule.start,
                zone: schedule.zone,
                rrule: rule.text().to_owned(),
                stop: schedule.stop,
                count: schedule.count,
            }),
            None => SerializedForm::Simple(schedule.into()),
        }
    }
}

impl TryFrom<ScheduleForm> for Schedule {
    type Error = ScheduleError;

    fn try_from(form: ScheduleForm) -> Result<Self, Self::Error> {
        let mut schedule = match (form.rrule, form.repeat) {
            (Some(_), Some(_)) => {
                return Err(ScheduleError::InvalidRrule {
                    part: "repeat".to_owned(),
                    value: "repeat".to_owned(),
                    reason: "cannot be combined with rrule: give one or the other".to_owned(),
                });
            }
            (Some(text), None) => Schedule::from_rrule(&text, form.start, form.zone)?,
            (None, _) => Schedule::new(form.start, form.zone),
        };
        if let Some(repeat) = form.repeat {
            schedule = schedule.repeating(repeat);
        }
        if let Some(stop) = form.stop {
            schedule = schedule.with_stop(stop)?;
        }
        if let Some(count) = form.count {
            schedule = schedule.with_count(count)?;
        }
        Ok(schedule)
    }
}

impl From<Schedule> for ScheduleForm {
    fn from(schedule: Schedule) -> Self {
        ScheduleForm {
            start: schedule.start,
            zone: schedule.zone,
            repeat: schedule.repeat,
            stop: schedule.stop,
            count: schedule.count,
            rrule: None,
        }
    }
}

impl Schedule {
    /// A one-shot schedule at `start`, whose wall-clock rules use `zone`. Add a repeat with
    /// [`Schedule::repeating`].
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// use envoi::time::{Instant, Zone};
    /// let start: Instant = "2026-12-01T08:00:00Z".parse().unwrap();
    /// let once = Schedule::new(start, Zone::default());
    /// assert_eq!(once.next_after(start - chrono::TimeDelta::seconds(1))?, Some(start));
    /// assert_eq!(once.next_after(start)?, None);
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn new(start: Instant, zone: Zone) -> Self {
        Schedule {
            start,
            zone,
            repeat: None,
            stop: None,
            count: None,
            rrule: None,
        }
    }

    /// A schedule from an RFC 5545 recurrence: `text` holds an `RRULE:` line (or a bare rule value
    /// `FREQ=…`) and optional `EXDATE` and `RDATE` lines; `start` is DTSTART, read as a wall-clock
    /// time in `zone`.
    ///
    /// The readings envoi pins:
    /// - DTSTART is always the first occurrence, even when it does not match the rule, and counts
    ///   toward `COUNT`. `EXDATE` removes occurrences (DTSTART too) after `COUNT` is applied; `RDATE`
    ///   adds occurrences beyond `COUNT`.
    /// - Every frequency, `HOURLY` and `MINUTELY` included, expands in wall-clock time of `zone`; a
    ///   wall time in a DST gap moves forward by the gap, a wall time in a fold takes the first
    ///   instant, and an instant produced twice is one occurrence, counted once toward `COUNT`.
    /// - `COUNT=0` is refused. `UNTIL` is inclusive: `…Z` is UTC, a date-time without `Z` is a wall
    ///   time in `zone`, a bare date means the end of that day.
    /// - RFC 7529 `RSCALE=GREGORIAN` with `SKIP=OMIT|BACKWARD|FORWARD`: a day of the month that does
    ///   not exist (31 April, 29 February in a common year) is left out (`OMIT`, the RFC 5545
    ///   behaviour), moved to the month's last day (`BACKWARD`) or to the next day, the 1st of the
    ///   next month (`FORWARD`). As RFC 7529 orders it, the day moves right after `BYMONTH` and
    ///   `BYMONTHDAY` (or DTSTART's day, which stands for `BYMONTHDAY`) and the later steps see the
    ///   real date: `BYDAY`, `BYWEEKNO` and `BYYEARDAY` keep it only when it matches them
    ///   (`FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=MO` with `BACKWARD` keeps 30 November 2026, a Monday),
    ///   days that moving makes equal are one, and `BYSETPOS` picks from what is left of the
    ///   period. Where the RFC leaves it open: an ordinal `BYDAY` (`1SU`) counts in the month that
    ///   holds the moved day, a day moved into the next month counts toward `BYSETPOS` in the
    ///   period it came from, and `BYYEARDAY=366` is not moved. `SKIP` changes only `MONTHLY` and
    ///   `YEARLY` rules whose days come from `BYMONTHDAY` or DTSTART; with it, `BYMONTHDAY` -29 to
    ///   -31 are refused.
    /// - `EXDATE`/`RDATE` take date-times (`…Z`, wall times in `zone`, or `;TZID=`), and dates
    ///   (`VALUE=DATE`, days in `zone`): an `EXDATE` date removes every occurrence on that day, an
    ///   `RDATE` date adds one on that day at DTSTART's wall time (in a gap, moved forward by it).
    ///   `RDATE;VALUE=PERIOD` (`start/end` or `start/duration`) adds an occurrence at the period's
    ///   start; its end is checked and not used. `EXRULE` and a `DTSTART` line are refused (give
    ///   `start`).
    ///
    /// # Errors
    /// [`ScheduleError::InvalidRrule`] (`schedule.invalid_rrule`) naming the line or rule part that
    /// is wrong; [`ScheduleError::NeverOccurs`] (`schedule.never_occurs`) when the rule can be seen
    /// never to produce an occurrence.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::schedule::Schedule;
    /// use envoi::time::{Instant, Zone};
    ///
    /// let at = |s: &str| s.parse::<Instant>().unwrap();
    /// let brussels = Zone::default();
    /// // Every month on the 31st at 10:00, the month's last day when it has no 31st.
    /// let rule = "RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD;COUNT=4";
    /// let monthly = Schedule::from_rrule(rule, at("2026-01-31T09:00:00Z"), brussels)?;
    /// let days: Vec<String> = monthly
    ///     .occurrences_between(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))
    ///     .map(|t| t.map(|t| brussels.localize(t).format("%d %b %H:%M").to_string()))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(days, ["31 Jan 10:00", "28 Feb 10:00", "31 Mar 10:00", "30 Apr 10:00"]);
    ///
    /// let never = Schedule::from_rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", at("2026-01-01T09:00:00Z"), brussels);
    /// assert_eq!(never.unwrap_err().code(), "schedule.never_occurs");
    /// let zero = Schedule::from_rrule("FREQ=DAILY;COUNT=0", at("2026-01-01T09:00:00Z"), brussels);
    /// assert_eq!(zero.unwrap_err().code(), "schedule.invalid_rrule");
    ///
    /// // The 31st (or the month's last day) when it is a Monday; never on 30 November 2026.
    /// let rule = "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=MO;RSCALE=GREGORIAN;SKIP=BACKWARD\n\
    ///             EXDATE;VALUE=DATE:20261130";
    /// let mondays = Schedule::from_rrule(rule, at("2026-01-31T09:00:00Z"), brussels)?;
    /// let next = |t| mondays.next_after(t).map(|t| t.map(|t| brussels.localize(t).format("%a %d %b %Y").to_string()));
    /// assert_eq!(next(at("2026-01-31T09:00:00Z"))?.as_deref(), Some("Mon 31 Aug 2026"));
    /// assert_eq!(next(at("2026-08-31T08:00:00Z"))?.as_deref(), Some("Mon 31 May 2027"));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn from_rrule(text: &str, start: Instant, zone: Zone) -> Result<Self, ScheduleError> {
        let recurrence = Recurrence::parse(text, start, zone)?;
        Ok(Schedule {
            rrule: Some(Box::new(recurrence)),
            ..Schedule::new(start, zone)
        })
    }

    /// The recurrence text of a schedule made by [`Schedule::from_rrule`], as given (trimmed).
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// let start = "2026-12-01T08:00:00Z".parse().unwrap();
    /// let weekly = Schedule::from_rrule("RRULE:FREQ=WEEKLY", start, Default::default())?;
    /// assert_eq!(weekly.rrule(), Some("RRULE:FREQ=WEEKLY"));
    /// assert_eq!(Schedule::new(start, Default::default()).rrule(), None);
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn rrule(&self) -> Option<&str> {
        self.rrule.as_deref().map(Recurrence::text)
    }

    /// The occurrences of an RRULE schedule in order, with this schedule's own stop and count.
    fn rule_occurrences<'a>(&'a self, recurrence: &'a Recurrence) -> RuleOccurrences<'a> {
        RuleOccurrences {
            stream: recurrence.stream(self.start, self.zone),
            stop: self.stop,
            left: self.count,
        }
    }

    /// The occurrences of an RRULE schedule in order from the first at or after `from` (possibly
    /// preceded by a few earlier ones): the expansion starts near `from` unless a count (the rule's
    /// or the schedule's) needs every occurrence from the first.
    fn rule_occurrences_from<'a>(
        &'a self,
        recurrence: &'a Recurrence,
        from: Instant,
    ) -> RuleOccurrences<'a> {
        if self.count.is_some() {
            return self.rule_occurrences(recurrence);
        }
        RuleOccurrences {
            stream: recurrence.stream_from(self.start, self.zone, from),
            stop: self.stop,
            left: None,
        }
    }

    /// The same schedule, repeating. Without a stop or a count it repeats for ever (SPEC: until the
    /// account's credit for the channel runs out, which the engine decides). On a schedule made by
    /// [`Schedule::from_rrule`], the repeat replaces the rule.
    ///
    /// ```
    /// use envoi::schedule::{Repeat, RepeatUnit, Schedule};
    /// use envoi::time::Zone;
    /// let start = "2026-12-01T08:00:00Z".parse().unwrap();
    /// let hourly = Schedule::new(start, Zone::default()).repeating(Repeat::new(1, RepeatUnit::Hours)?);
    /// assert_eq!(hourly.occurrence(24)?, Some("2026-12-02T08:00:00Z".parse().unwrap()));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn repeating(mut self, repeat: Repeat) -> Self {
        self.repeat = Some(repeat);
        self.rrule = None;
        self
    }

    /// The same schedule, with an inclusive stop: no occurrence after `stop` (on an RRULE schedule,
    /// in addition to the rule's own `UNTIL`).
    ///
    /// # Errors
    /// [`ScheduleError::StopBeforeStart`] when `stop` is before the first date.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::schedule::Schedule;
    /// use envoi::time::Zone;
    /// let start: envoi::time::Instant = "2026-12-01T08:00:00Z".parse().unwrap();
    /// let error = Schedule::new(start, Zone::default())
    ///     .with_stop("2026-11-30T08:00:00Z".parse().unwrap())
    ///     .unwrap_err();
    /// assert_eq!(error.code(), "schedule.stop_before_start");
    /// ```
    pub fn with_stop(mut self, stop: Instant) -> Result<Self, ScheduleError> {
        if stop < self.start {
            return Err(ScheduleError::StopBeforeStart {
                stop,
                start: self.start,
            });
        }
        self.stop = Some(stop);
        Ok(self)
    }

    /// The same schedule, with at most `count` occurrences (the first date included; on an RRULE
    /// schedule, in addition to the rule's own `COUNT`, and counting `RDATE`s).
    ///
    /// # Errors
    /// [`ScheduleError::InvalidCount`] when `count` is 0.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::schedule::Schedule;
    /// use envoi::time::Zone;
    /// let once = Schedule::new("2026-12-01T08:00:00Z".parse().unwrap(), Zone::default());
    /// assert_eq!(once.with_count(0).unwrap_err().code(), "schedule.invalid_count");
    /// ```
    pub fn with_count(mut self, count: u32) -> Result<Self, ScheduleError> {
        self.count = Some(Self::count_from(i64::from(count))?);
        Ok(self)
    }

    /// Checks an occurrence count given as a wide integer (bindings pass theirs here): 1 to
    /// `u32::MAX`.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::schedule::Schedule;
    /// assert_eq!(Schedule::count_from(10)?, 10);
    /// assert_eq!(Schedule::count_from(0).unwrap_err().code(), "schedule.invalid_count");
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn count_from(value: i64) -> Result<u32, ScheduleError> {
        u32::try_from(value)
            .ok()
            .filter(|count| *count > 0)
            .ok_or(ScheduleError::InvalidCount { value })
    }

    /// The first date.
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// let start = "2026-12-01T08:00:00Z".parse().unwrap();
    /// assert_eq!(Schedule::new(start, Default::default()).start(), start);
    /// ```
    pub fn start(&self) -> Instant {
        self.start
    }

    /// The zone of the wall-clock rules.
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// let schedule = Schedule::new("2026-12-01T08:00:00Z".parse().unwrap(), Default::default());
    /// assert_eq!(schedule.zone().name(), "Europe/Brussels");
    /// ```
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The repeat, if any (always `None` for an RRULE schedule: see [`Schedule::rrule`]).
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// let once = Schedule::new("2026-12-01T08:00:00Z".parse().unwrap(), Default::default());
    /// assert!(once.repeat().is_none());
    /// ```
    pub fn repeat(&self) -> Option<Repeat> {
        self.repeat
    }

    /// The inclusive stop given with [`Schedule::with_stop`], if any (an RRULE's `UNTIL` is not
    /// shown here).
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// let once = Schedule::new("2026-12-01T08:00:00Z".parse().unwrap(), Default::default());
    /// assert!(once.stop().is_none());
    /// ```
    pub fn stop(&self) -> Option<Instant> {
        self.stop
    }

    /// The most occurrences given with [`Schedule::with_count`], if limited (an RRULE's `COUNT` is
    /// not shown here).
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// let once = Schedule::new("2026-12-01T08:00:00Z".parse().unwrap(), Default::default());
    /// assert_eq!(once.with_count(3)?.count(), Some(3));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// The occurrence of index `index` (0 is the first date), or `None` when the schedule has no such
    /// occurrence (past its count or stop, a one-shot schedule, or beyond the dates chrono supports).
    ///
    /// Simple schedules: closed form. RRULE schedules: expands from the first date, examining about
    /// as many candidates as there are occurrences up to `index`.
    ///
    /// # Errors
    /// [`ScheduleError::TooExpensive`] when an RRULE schedule examines more than
    /// [`MAX_CANDIDATES`](super::MAX_CANDIDATES) candidates; a simple schedule never fails.
    ///
    /// ```
    /// use envoi::schedule::{Repeat, RepeatUnit, Schedule};
    /// use envoi::time::Zone;
    /// // Every month from 31 January at 10:00 Brussels time: clamped to each month's last day.
    /// let start = "2026-01-31T09:00:00Z".parse().unwrap();
    /// let monthly = Schedule::new(start, Zone::default()).repeating(Repeat::new(1, RepeatUnit::Months)?);
    /// let day = |index| monthly.occurrence(index).unwrap().map(|t| Zone::default().localize(t).format("%d %b %H:%M").to_string());
    /// assert_eq!(day(1).as_deref(), Some("28 Feb 10:00"));
    /// assert_eq!(day(2).as_deref(), Some("31 Mar 10:00"));
    /// assert_eq!(day(3).as_deref(), Some("30 Apr 10:00"));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn occurrence(&self, index: u64) -> Result<Option<Instant>, ScheduleError> {
        match &self.rrule {
            Some(recurrence) => {
                let mut occurrences = self.rule_occurrences(recurrence);
                for _ in 0..index {
                    if occurrences.next()?.is_none() {
                        return Ok(None);
                    }
                }
                occurrences.next()
            }
            None => Ok(self.simple_occurrence(index)),
        }
    }

    fn simple_occurrence(&self, index: u64) -> Option<Instant> {
        if self.count.is_some_and(|count| index >= u64::from(count)) {
            return None;
        }
        let instant = self.unbounded(index)?;
        match self.stop {
            Some(stop) if instant > stop => None,
            _ => Some(instant),
        }
    }

    /// The occurrence of index `index`, ignoring the count and the stop.
    fn unbounded(&self, index: u64) -> Option<Instant> {
        if index == 0 {
            return Some(self.start);
        }
        let repeat = self.repeat?;
        let steps = index.checked_mul(u64::from(repeat.interval))?;
        if repeat.unit == RepeatUnit::Hours {
            let hours = i64::try_from(steps).ok()?;
            return self.start.checked_add_signed(TimeDelta::try_hours(hours)?);
        }
        let local = self.local_start();
        let shifted = match repeat.unit {
            RepeatUnit::Days => local.checked_add_days(Days::new(steps))?,
            RepeatUnit::Weeks => local.checked_add_days(Days::new(steps.checked_mul(7)?))?,
            RepeatUnit::Months => {
                local.checked_add_months(Months::new(u32::try_from(steps).ok()?))?
            }
            RepeatUnit::Hours => return None,
        };
        self.zone.resolve_local(shifted).ok()
    }

    fn local_start(&self) -> NaiveDateTime {
        self.zone.localize(self.start).naive_local()
    }

    /// The smallest index whose occurrence (ignoring count and stop) is after `t` (or at `t` when
    /// `inclusive`). Closed form: an estimate from the elapsed units, then at most a few steps.
    fn first_index(&self, t: Instant, inclusive: bool) -> Option<u64> {
        let past = |instant: Instant| if inclusive { instant >= t } else { instant > t };
        if past(self.start) {
            return Some(0);
        }
        let repeat = self.repeat?;
        let interval = i64::from(repeat.interval);
        let elapsed_units = match repeat.unit {
            RepeatUnit::Hours => (t - self.start).num_hours(),
            RepeatUnit::Days => self.local_days_until(t),
            RepeatUnit::Weeks => self.local_days_until(t) / 7,
            RepeatUnit::Months => {
                let (from, to) = (self.local_start(), self.zone.localize(t).naive_local());
                i64::from(to.year() - from.year()) * 12 + i64::from(to.month())
                    - i64::from(from.month())
            }
        };
        // The estimate is at most one step late or early (time of day, DST); step forward from one
        // before it. Occurrences strictly increase, so this ends after a few steps.
        let mut index = u64::try_from((elapsed_units / interval - 1).max(1)).ok()?;
        loop {
            if past(self.unbounded(index)?) {
                return Some(index);
            }
            index += 1;
        }
    }

    fn local_days_until(&self, t: Instant) -> i64 {
        (self.zone.localize(t).date_naive() - self.local_start().date()).num_days()
    }

    /// The first occurrence strictly after `t`, or `None` when the schedule is finished at `t`.
    ///
    /// Simple schedules: closed form, the cost does not depend on how long ago the schedule started.
    /// RRULE schedules without a count (no `COUNT` in the rule, no [`Schedule::with_count`]): the
    /// expansion starts a whole number of `INTERVAL` periods after the first date, one period and a
    /// margin (a day; for hourly and finer rules, the DST gap just before `t`) before `t`, so the
    /// cost does not depend on the schedule's age either: a few candidates (a whole period's for
    /// `YEARLY` and `MONTHLY`), and for hourly and finer rules in the 25 hours after a
    /// spring-forward an hour's worth more (60 for `MINUTELY`). With a count, the rule
    /// expands from the first date, and the cost grows with the number of candidates since then
    /// (for `FREQ=DAILY` about 365 a year, `HOURLY` 8,760 a year, `MINUTELY` 1,440 a day).
    ///
    /// # Errors
    /// [`ScheduleError::TooExpensive`] when an RRULE schedule examines more than
    /// [`MAX_CANDIDATES`](super::MAX_CANDIDATES) candidates; a simple schedule never fails.
    ///
    /// ```
    /// use envoi::schedule::{Repeat, RepeatUnit, Schedule};
    /// use envoi::time::{Instant, Zone};
    /// let at = |s: &str| s.parse::<Instant>().unwrap();
    /// // Every 2 hours from 00:00 Brussels time on the spring-forward day: 2 real hours apart.
    /// let every_two_hours = Schedule::new(at("2026-03-28T23:00:00Z"), Zone::default())
    ///     .repeating(Repeat::new(2, RepeatUnit::Hours)?);
    /// let next = every_two_hours.next_after(at("2026-03-29T00:00:00Z"))?.unwrap();
    /// assert_eq!(next, at("2026-03-29T01:00:00Z"));
    /// assert_eq!(Zone::default().localize(next).format("%H:%M").to_string(), "03:00");
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn next_after(&self, t: Instant) -> Result<Option<Instant>, ScheduleError> {
        let Some(recurrence) = &self.rrule else {
            return Ok(self
                .first_index(t, false)
                .and_then(|index| self.simple_occurrence(index)));
        };
        let mut occurrences = self.rule_occurrences_from(recurrence, t);
        while let Some(instant) = occurrences.next()? {
            if instant > t {
                return Ok(Some(instant));
            }
        }
        Ok(None)
    }

    /// The occurrences from `from` to `to`, both included, in order; a lazy iterator.
    ///
    /// Simple schedules: closed form, each item is never an error. RRULE schedules: the first item
    /// costs what [`Schedule::next_after`] costs for `from` (flat in the schedule's age without a
    /// count); each later item examines the candidates since the previous one. When a step would examine more than
    /// [`MAX_CANDIDATES`](super::MAX_CANDIDATES) candidates, the iterator yields
    /// [`ScheduleError::TooExpensive`] and ends.
    ///
    /// ```
    /// use envoi::schedule::{Repeat, RepeatUnit, Schedule};
    /// use envoi::time::{Instant, Zone};
    /// let at = |s: &str| s.parse::<Instant>().unwrap();
    /// let weekly = Schedule::new(at("2026-01-05T08:00:00Z"), Zone::default())
    ///     .repeating(Repeat::new(1, RepeatUnit::Weeks)?);
    /// let january: Vec<Instant> = weekly
    ///     .occurrences_between(at("2026-01-12T08:00:00Z"), at("2026-01-26T08:00:00Z"))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(january.len(), 3); // 12, 19 and 26 January: both ends included
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn occurrences_between(&self, from: Instant, to: Instant) -> Occurrences<'_> {
        let inner = match &self.rrule {
            Some(recurrence) => OccurrencesInner::Rule {
                occurrences: Box::new(self.rule_occurrences_from(recurrence, from)),
                from,
                seeking: true,
            },
            None => OccurrencesInner::Simple {
                schedule: self,
                next: self.first_index(from, true),
            },
        };
        Occurrences { inner, to }
    }

    /// The occurrences from `from` to `to`, both included, collected into a list of at most `limit`.
    ///
    /// For hosts (and bindings) that want a list rather than an iterator: more than `limit`
    /// occurrences is [`ScheduleError::TooManyOccurrences`] rather than a silently shortened list.
    ///
    /// # Errors
    /// [`ScheduleError::TooManyOccurrences`], and whatever [`Schedule::occurrences_between`] yields.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::schedule::{Repeat, RepeatUnit, Schedule};
    /// use envoi::time::{Instant, Zone};
    /// let at = |s: &str| s.parse::<Instant>().unwrap();
    /// let daily = Schedule::new(at("2026-01-01T08:00:00Z"), Zone::default())
    ///     .repeating(Repeat::new(1, RepeatUnit::Days)?);
    /// let week = daily.occurrences_list(at("2026-01-01T00:00:00Z"), at("2026-01-07T23:00:00Z"), 7)?;
    /// assert_eq!(week.len(), 7);
    /// let error = daily
    ///     .occurrences_list(at("2026-01-01T00:00:00Z"), at("2026-01-08T23:00:00Z"), 7)
    ///     .unwrap_err();
    /// assert_eq!(error.code(), "schedule.too_many_occurrences");
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn occurrences_list(
        &self,
        from: Instant,
        to: Instant,
        limit: usize,
    ) -> Result<Vec<Instant>, ScheduleError> {
        let mut list = Vec::new();
        for occurrence in self.occurrences_between(from, to) {
            if list.len() == limit {
                return Err(ScheduleError::TooManyOccurrences { limit, from, to });
            }
            list.push(occurrence?);
        }
        Ok(list)
    }

    /// How many occurrences fall at or before `t`.
    ///
    /// Simple schedules: closed form. RRULE schedules: expands from the first date up to `t`
    /// (counting needs every occurrence), so the cost grows with the number of candidates since
    /// the first date.
    ///
    /// # Errors
    /// [`ScheduleError::TooExpensive`] when an RRULE schedule examines more than
    /// [`MAX_CANDIDATES`](super::MAX_CANDIDATES) candidates; a simple schedule never fails.
    ///
    /// ```
    /// use envoi::schedule::{Repeat, RepeatUnit, Schedule};
    /// use envoi::time::{Instant, Zone};
    /// let at = |s: &str| s.parse::<Instant>().unwrap();
    /// let daily = Schedule::new(at("2016-01-01T08:00:00Z"), Zone::default())
    ///     .repeating(Repeat::new(1, RepeatUnit::Days)?);
    /// assert_eq!(daily.occurrence_count_until(at("2016-01-10T08:00:00Z"))?, 10);
    /// assert_eq!(daily.occurrence_count_until(at("2015-12-31T08:00:00Z"))?, 0);
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn occurrence_count_until(&self, t: Instant) -> Result<u64, ScheduleError> {
        let Some(recurrence) = &self.rrule else {
            return Ok(self.simple_count_until(t));
        };
        let mut occurrences = self.rule_occurrences(recurrence);
        let mut count = 0;
        while let Some(instant) = occurrences.next()? {
            if instant > t {
                break;
            }
            count += 1;
        }
        Ok(count)
    }

    fn simple_count_until(&self, t: Instant) -> u64 {
        let t = self.stop.map_or(t, |stop| stop.min(t));
        let below = match self.first_index(t, false) {
            Some(index) => index,
            // No occurrence after `t` at all: every occurrence the schedule has is at or before it.
            None if self.repeat.is_none() => u64::from(self.start <= t),
            None => return self.count.map_or(u64::MAX, u64::from),
        };
        self.count
            .map_or(below, |count| below.min(u64::from(count)))
    }

    /// Whether the schedule has no occurrence after `t`; the cost of [`Schedule::next_after`].
    ///
    /// # Errors
    /// [`ScheduleError::TooExpensive`] as for [`Schedule::next_after`].
    ///
    /// ```
    /// use envoi::schedule::Schedule;
    /// use envoi::time::Instant;
    /// let start: Instant = "2026-12-01T08:00:00Z".parse().unwrap();
    /// let once = Schedule::new(start, Default::default());
    /// assert!(!once.is_finished("2026-11-30T08:00:00Z".parse().unwrap())?);
    /// assert!(once.is_finished(start)?);
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    pub fn is_finished(&self, t: Instant) -> Result<bool, ScheduleError> {
        Ok(self.next_after(t)?.is_none())
    }
}

/// The occurrences of a [`Schedule`] between two instants, in order
/// ([`Schedule::occurrences_between`]). An item is an error only for an RRULE schedule that hit
/// [`MAX_CANDIDATES`](super::MAX_CANDIDATES); the iterator ends after it.
///
/// ```
/// use envoi::schedule::Schedule;
/// let start = "2026-12-01T08:00:00Z".parse().unwrap();
/// let once = Schedule::new(start, Default::default());
/// assert_eq!(once.occurrences_between(start, start).count(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct Occurrences<'a> {
    inner: OccurrencesInner<'a>,
    to: Instant,
}

#[derive(Debug, Clone)]
enum OccurrencesInner<'a> {
    Simple {
        schedule: &'a Schedule,
        next: Option<u64>,
    },
    Rule {
        occurrences: Box<RuleOccurrences<'a>>,
        from: Instant,
        seeking: bool,
    },
    Done,
}

impl Iterator for Occurrences<'_> {
    type Item = Result<Instant, ScheduleError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            OccurrencesInner::Simple { schedule, next } => {
                let index = (*next)?;
                match schedule.simple_occurrence(index) {
                    Some(instant) if instant <= self.to => {
                        *next = index.checked_add(1);
                        Some(Ok(instant))
                    }
                    _ => {
                        *next = None;
                        None
                    }
                }
            }
            OccurrencesInner::Rule {
                occurrences,
                from,
                seeking,
            } => {
                if !*seeking {
                    occurrences.stream.reset_budget();
                }
                let found = loop {
                    match occurrences.next() {
                        Ok(Some(instant)) if instant < *from => {}
                        other => break other,
                    }
                };
                *seeking = false;
                match found {
                    Ok(Some(instant)) if instant <= self.to => Some(Ok(instant)),
                    Ok(_) => {
                        self.inner = OccurrencesInner::Done;
                        None
                    }
                    Err(error) => {
                        self.inner = OccurrencesInner::Done;
                        Some(Err(error))
                    }
                }
            }
            OccurrencesInner::Done => None,
        }
    }
}

/// The occurrences of an RRULE schedule with the schedule's own stop and count.
#[derive(Debug, Clone)]
struct RuleOccurrences<'a> {
    stream: Stream<'a>,
    stop: Option<Instant>,
    left: Option<u32>,
}

impl RuleOccurrences<'_> {
    fn next(&mut self) -> Result<Option<Instant>, ScheduleError> {
        if self.left == Some(0) {
            return Ok(None);
        }
        let next = self
            .stream
            .next_occurrence()?
            .filter(|instant| self.stop.is_none_or(|stop| *instant <= stop));
        if next.is_none() {
            self.left = Some(0);
        } else if let Some(left) = &mut self.left {
            *left -= 1;
        }
        Ok(next)
    }
}
