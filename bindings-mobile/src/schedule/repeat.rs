//! Schedules: [`Schedule`], a uniffi Object holding the core's `envoi::schedule::Schedule`: a simple
//! one (a first date, an optional repeat every N hours, days, weeks or months, an optional inclusive
//! stop and an optional occurrence count, in an IANA time zone) or one that follows an RFC 5545
//! recurrence rule (`from_rrule`: an `RRULE` line with optional `EXDATE`/`RDATE` lines, and RFC 7529
//! `RSCALE`/`SKIP`).
//!
//! Instants cross the FFI as `SystemTime`: `java.time.Instant` in Kotlin, `Date` in Swift, to the
//! nanosecond (Swift's `Date` is a `Double` of seconds: about a microsecond today). The zone is an
//! IANA name (`"Europe/Brussels"`, the default); the unit a string, `"hours"`, `"days"`, `"weeks"` or
//! `"months"`, as in the other bindings. The hand-written Kotlin layer
//! (kotlin/src/main/kotlin/dev/envoi/Schedule.kt) adds `ZonedDateTime` overloads.
//!
//! Every rule is the core's; this module converts and maps errors:
//!
//! - the core's `schedule.invalid_interval`, `schedule.invalid_count`, `schedule.unknown_unit`,
//!   `schedule.stop_before_start`, `schedule.invalid_rrule`, `schedule.never_occurs` and
//!   `schedule.too_expensive` (a query on an RRULE schedule that would examine more than the core's
//!   `MAX_CANDIDATES` candidate instants) and `schedule.too_many_occurrences` (`between` over a range
//!   holding more than `limit` occurrences) as [`EnvoiError::Schedule`], `time.unknown_zone` as
//!   [`EnvoiError::Time`];
//! - an instant outside the core's range (years -262143 to 262142; `java.time.Instant` reaches
//!   further) is `schedule.date_out_of_range`;
//! - `every` without `unit` or `unit` without `every`, a negative `limit` or `index`, and a JSON that
//!   is not a schedule are [`EnvoiError::Argument`] (`argument.incomplete_repeat`,
//!   `argument.invalid_limit`, `argument.invalid_index`, `argument.invalid_json`).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::SystemTime;

use envoi::schedule::{Repeat, RepeatUnit};
use envoi::time::{Instant, Zone};

use crate::errors::{
    DATE_OUT_OF_RANGE_CODE, INCOMPLETE_REPEAT_CODE, INVALID_INDEX_CODE, INVALID_JSON_CODE,
    INVALID_LIMIT_CODE,
};
use crate::time::{instant, system_time};
use crate::{EnvoiError, guard};

/// The default `limit` of [`Schedule::between`]: more occurrences than this throw
/// `schedule.too_many_occurrences`.
pub const DEFAULT_BETWEEN_LIMIT: i64 = 10_000;

/// When a task sends: a first date (`start`), an optional repeat every `every` `unit`s counted from
/// it, an optional inclusive `stop` and an optional occurrence `count`, in the IANA time zone `zone`
/// (default `"Europe/Brussels"`); or, made by `from_rrule`, a first date that follows an RFC 5545
/// recurrence rule.
///
/// Repeats in `"hours"` count elapsed time (every 2 hours is 2 real hours apart, also across a DST
/// change); `"days"`, `"weeks"` and `"months"` keep the wall-clock time of the first date in the
/// zone (a daily 09:00 task stays at 09:00). Monthly from the 31st clamps to each month's last day
/// without drifting; a wall time in a DST gap moves forward by the gap, one in a fold takes the first
/// instant. Every query on a simple schedule costs the same however long ago the schedule started,
/// and never fails. On an RRULE schedule, `next_after`, `is_finished` and `between` expand the rule
/// from near their instant when it has no count (their cost does not depend on the schedule's age)
/// and from the first date when it has one; `occurrence` and `count_until` always expand from the
/// first date. Any of them throws `schedule.too_expensive` past the core's bound of candidate
/// instants.
///
/// A schedule is an immutable value; two are equal when their JSON forms are. Its JSON form
/// (`to_json`, `from_json`) is the core's:
/// `{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}`,
/// or for an RRULE schedule
/// `{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","rrule":"RRULE:FREQ=MONTHLY"}`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Schedule {
    inner: envoi::schedule::Schedule,
}

impl Hash for Schedule {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let inner = &self.inner;
        (inner.start(), inner.zone().name(), inner.repeat()).hash(state);
        (inner.stop(), inner.count(), inner.rrule()).hash(state);
    }
}

impl fmt::Display for Schedule {
    /// `Schedule({"start":…,"zone":"Europe/Brussels",…})`: the JSON form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let json = serde_json::to_string(&self.inner).map_err(|_| fmt::Error)?;
        write!(f, "Schedule({json})")
    }
}

impl Schedule {
    fn wrap(inner: envoi::schedule::Schedule) -> Arc<Self> {
        Arc::new(Schedule { inner })
    }

    /// The core's schedule.
    pub fn core(&self) -> &envoi::schedule::Schedule {
        &self.inner
    }
}

#[uniffi::export]
impl Schedule {
    /// A schedule whose first occurrence is `start`.
    ///
    /// - `every` and `unit` (`"hours"`, `"days"`, `"weeks"` or `"months"`, any case) give the repeat;
    ///   both or neither (a one-shot schedule). `every` is 1 to 4 294 967 295.
    /// - `stop`: no occurrence after it (inclusive); not before `start`.
    /// - `count`: at most this many occurrences, the first date included; 1 to 4 294 967 295.
    /// - `zone`: the IANA zone of the wall-clock rules; null/nil is `"Europe/Brussels"`.
    ///
    /// Throws `schedule.invalid_interval`, `schedule.unknown_unit`, `schedule.stop_before_start`,
    /// `schedule.invalid_count`, `time.unknown_zone`, `argument.incomplete_repeat`, and
    /// `schedule.date_out_of_range` for an instant outside the core's range.
    #[uniffi::constructor(default(every = None, unit = None, stop = None, count = None, zone = None))]
    pub fn new(
        start: SystemTime,
        every: Option<i64>,
        unit: Option<String>,
        stop: Option<SystemTime>,
        count: Option<i64>,
        zone: Option<String>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let repeat = match (every, unit) {
                (None, None) => None,
                (Some(every), Some(unit)) => {
                    let interval = Repeat::interval_from(every)?;
                    Some(Repeat::new(interval, unit.parse::<RepeatUnit>()?)?)
                }
                (Some(every), None) => {
                    return Err(incomplete_repeat(format!(
                        "every: {every} without a unit; give both every and unit (hours, days, weeks or months), or neither for a one-shot schedule"
                    )));
                }
                (None, Some(unit)) => {
                    return Err(incomplete_repeat(format!(
                        "unit: {unit:?} without every; give both every and unit, or neither for a one-shot schedule"
                    )));
                }
            };
            let zone = match zone {
                Some(name) => name.parse::<Zone>()?,
                None => Zone::default(),
            };
            let mut schedule = envoi::schedule::Schedule::new(to_instant("start", start)?, zone);
            if let Some(repeat) = repeat {
                schedule = schedule.repeating(repeat);
            }
            if let Some(stop) = stop {
                schedule = schedule.with_stop(to_instant("stop", stop)?)?;
            }
            if let Some(count) = count {
                schedule = schedule.with_count(envoi::schedule::Schedule::count_from(count)?)?;
            }
            Ok(Self::wrap(schedule))
        })
    }

    /// A schedule that follows an RFC 5545 recurrence from `start` (DTSTART, always the first
    /// occurrence): `text` holds an `RRULE:` line (or a bare rule value `FREQ=…`) and optional
    /// `EXDATE` and `RDATE` lines, such as `"RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD"`
    /// (every month on `start`'s day, the month's last day when it has none). The rule runs in the
    /// wall-clock time of `zone` (null/nil is `"Europe/Brussels"`), `HOURLY` and `MINUTELY`
    /// included: a wall time in a DST gap moves forward by the gap, one in a fold takes the first
    /// instant, and an instant produced twice is one occurrence. The core's readings apply (see
    /// `envoi::schedule::Schedule::from_rrule`).
    ///
    /// Throws `schedule.invalid_rrule` (the message names the line or rule part that is wrong; also
    /// `COUNT=0`), `schedule.never_occurs` (a rule that can never produce an occurrence, such as
    /// `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`), `time.unknown_zone`, and
    /// `schedule.date_out_of_range` for an instant outside the core's range.
    #[uniffi::constructor(default(zone = None))]
    pub fn from_rrule(
        text: String,
        start: SystemTime,
        zone: Option<String>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let zone = match zone {
                Some(name) => name.parse::<Zone>()?,
                None => Zone::default(),
            };
            let start = to_instant("start", start)?;
            Ok(Self::wrap(envoi::schedule::Schedule::from_rrule(
                &text, start, zone,
            )?))
        })
    }

    /// The schedule written by `to_json`. Unknown fields, an unknown zone or unit, a zero interval
    /// or count, a stop before the start are `argument.invalid_json`, with serde's description of
    /// the problem and where it is.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            serde_json::from_str(&json).map(Self::wrap).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not a schedule: {error}; expected the form of to_json, such as {{\"start\":\"2026-01-31T09:00:00Z\",\"zone\":\"Europe/Brussels\",\"repeat\":{{\"every\":1,\"unit\":\"months\"}},\"stop\":null,\"count\":12}}"),
                )
            })
        })
    }

    /// The core's JSON form of this schedule, such as
    /// `{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}`
    /// (`repeat`, `stop` and `count` are `null` when absent). Store it; `from_json` reads it back.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| EnvoiError::panic(&format!("serializing a schedule: {error}")))
        })
    }

    /// The first occurrence strictly after `t`, or null/nil when the schedule is finished at `t`.
    /// On a simple schedule its cost does not depend on how long ago the schedule started. On an
    /// RRULE schedule without a count (no `COUNT` in the rule, no schedule count) the expansion
    /// starts near `t`, so its cost does not depend on the schedule's age either; with a count it
    /// expands the rule from the first date up to `t`. Either way it throws
    /// `schedule.too_expensive` when it examines more than the core's bound of candidate instants
    /// (100 000: with a count, 69 days of a minutely rule or 11 years of an hourly one since the
    /// first date; without, only a rule whose occurrences are that far apart reaches it).
    pub fn next_after(&self, t: SystemTime) -> Result<Option<SystemTime>, EnvoiError> {
        guard(|| {
            let t = to_instant("t", t)?;
            Ok(self.inner.next_after(t)?.map(system_time))
        })
    }

    /// The occurrences from `from` to `to`, both included, in order: all of them, never a shortened
    /// list. More than `limit` occurrences (default 10 000) throws `schedule.too_many_occurrences`;
    /// narrow the range, raise the limit, or step with `next_after`. A `limit` of 0 gives an empty
    /// list when the range holds no occurrence; a negative one throws `argument.invalid_limit`. On
    /// an RRULE schedule, throws
    /// `schedule.too_expensive` as `next_after`, also when one step from an occurrence to the next
    /// would examine too many candidate instants.
    #[uniffi::method(default(limit = 10000))]
    pub fn between(
        &self,
        from: SystemTime,
        to: SystemTime,
        limit: i64,
    ) -> Result<Vec<SystemTime>, EnvoiError> {
        guard(|| {
            let limit = usize::try_from(limit).map_err(|_| {
                EnvoiError::argument(
                    INVALID_LIMIT_CODE,
                    format!("limit: {limit} is negative; give the most occurrences to return (default {DEFAULT_BETWEEN_LIMIT})"),
                )
            })?;
            let (from, to) = (to_instant("from", from)?, to_instant("to", to)?);
            let occurrences = self.inner.occurrences_list(from, to, limit)?;
            Ok(occurrences.into_iter().map(system_time).collect())
        })
    }

    /// The occurrence of index `index` (0 is the first date), or null/nil when there is none (past
    /// the count or the stop, or a one-shot schedule's index 1 and later). A negative index throws
    /// `argument.invalid_index`. On an RRULE schedule, throws `schedule.too_expensive` as
    /// `next_after`.
    pub fn occurrence(&self, index: i64) -> Result<Option<SystemTime>, EnvoiError> {
        guard(|| {
            let index = u64::try_from(index).map_err(|_| {
                EnvoiError::argument(
                    INVALID_INDEX_CODE,
                    format!("index: {index} is negative; occurrences are numbered from 0 (the first date)"),
                )
            })?;
            Ok(self.inner.occurrence(index)?.map(system_time))
        })
    }

    /// How many occurrences fall at or before `t` (the first date included). On an RRULE schedule,
    /// throws `schedule.too_expensive` as `next_after`.
    pub fn count_until(&self, t: SystemTime) -> Result<u64, EnvoiError> {
        guard(|| Ok(self.inner.occurrence_count_until(to_instant("t", t)?)?))
    }

    /// Whether the schedule has no occurrence after `t`. On an RRULE schedule, throws
    /// `schedule.too_expensive` as `next_after`.
    pub fn is_finished(&self, t: SystemTime) -> Result<bool, EnvoiError> {
        guard(|| Ok(self.inner.is_finished(to_instant("t", t)?)?))
    }

    /// The first date (the first occurrence).
    pub fn start(&self) -> SystemTime {
        system_time(self.inner.start())
    }

    /// The IANA name of the zone of the wall-clock rules, such as `"Europe/Brussels"`.
    pub fn zone(&self) -> String {
        self.inner.zone().name().to_owned()
    }

    /// The recurrence text of a schedule made by `from_rrule`, as given (trimmed), or null/nil for
    /// a simple schedule.
    pub fn rrule(&self) -> Option<String> {
        self.inner.rrule().map(str::to_owned)
    }

    /// How many units apart the occurrences are, or null/nil for a one-shot or RRULE schedule.
    pub fn every(&self) -> Option<u32> {
        self.inner.repeat().map(Repeat::interval)
    }

    /// The repeat unit, `"hours"`, `"days"`, `"weeks"` or `"months"`, or null/nil for a one-shot
    /// or RRULE schedule.
    pub fn unit(&self) -> Option<String> {
        self.inner
            .repeat()
            .map(|repeat| repeat.unit().name().to_owned())
    }

    /// The inclusive stop, or null/nil.
    pub fn stop(&self) -> Option<SystemTime> {
        self.inner.stop().map(system_time)
    }

    /// The most occurrences, or null/nil when not limited by a count.
    pub fn count(&self) -> Option<u32> {
        self.inner.count()
    }
}

fn incomplete_repeat(reason: String) -> EnvoiError {
    EnvoiError::argument(INCOMPLETE_REPEAT_CODE, reason)
}

/// The host's instant as the core's; `field` names the argument in the error.
fn to_instant(field: &str, time: SystemTime) -> Result<Instant, EnvoiError> {
    instant(time).ok_or_else(|| EnvoiError::Schedule {
        code: DATE_OUT_OF_RANGE_CODE.to_owned(),
        reason: format!(
            "{field}: the instant {time:?} is outside the supported range of dates ({} to {})",
            chrono::NaiveDate::MIN,
            chrono::NaiveDate::MAX
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        system_time(rfc3339.parse::<Instant>().unwrap())
    }

    fn shown(schedule: &Schedule, time: SystemTime) -> String {
        schedule
            .core()
            .zone()
            .localize(instant(time).unwrap())
            .to_rfc3339()
    }

    fn daily(start: &str) -> Arc<Schedule> {
        Schedule::new(at(start), Some(1), Some("days".into()), None, None, None).unwrap()
    }

    #[test]
    fn daily_keeps_nine_o_clock_across_spring_forward() {
        let schedule = daily("2026-03-28T08:00:00Z");
        let days = schedule
            .between(at("2026-03-28T00:00:00Z"), at("2026-03-30T23:00:00Z"), 10)
            .unwrap();
        let days: Vec<_> = days.into_iter().map(|t| shown(&schedule, t)).collect();
        assert_eq!(
            days,
            [
                "2026-03-28T09:00:00+01:00",
                "2026-03-29T09:00:00+02:00",
                "2026-03-30T09:00:00+02:00"
            ]
        );
    }

    #[test]
    fn between_refuses_more_than_its_limit() {
        let schedule = daily("2026-01-01T08:00:00Z");
        let (from, to) = (at("2026-01-01T00:00:00Z"), at("2126-01-01T00:00:00Z"));
        let too_many = |limit| match schedule.between(from, to, limit).unwrap_err() {
            error @ EnvoiError::Schedule { .. } => error.code(),
            other => panic!("not a schedule error: {other:?}"),
        };
        assert_eq!(
            too_many(DEFAULT_BETWEEN_LIMIT),
            "schedule.too_many_occurrences"
        );
        assert_eq!(too_many(3), "schedule.too_many_occurrences");
        assert_eq!(too_many(0), "schedule.too_many_occurrences");
        let week = schedule
            .between(from, at("2026-01-07T23:00:00Z"), 7)
            .unwrap();
        assert_eq!(week.len(), 7);
        let empty = (at("2025-01-01T00:00:00Z"), at("2025-12-31T00:00:00Z"));
        assert!(schedule.between(empty.0, empty.1, 0).unwrap().is_empty());
        let error = schedule.between(from, to, -1).unwrap_err();
        assert_eq!(error.code(), "argument.invalid_limit");
    }

    #[test]
    fn errors_have_their_codes() {
        let start = at("2026-01-01T08:00:00Z");
        let new = |every, unit: Option<&str>, stop, count, zone: Option<&str>| {
            Schedule::new(
                start,
                every,
                unit.map(str::to_owned),
                stop,
                count,
                zone.map(str::to_owned),
            )
            .unwrap_err()
        };
        let cases = [
            (
                new(Some(0), Some("days"), None, None, None),
                "schedule.invalid_interval",
            ),
            (
                new(Some(-1), Some("days"), None, None, None),
                "schedule.invalid_interval",
            ),
            (
                new(Some(1 << 32), Some("days"), None, None, None),
                "schedule.invalid_interval",
            ),
            (
                new(Some(1), Some("fortnights"), None, None, None),
                "schedule.unknown_unit",
            ),
            (
                new(None, None, None, Some(0), None),
                "schedule.invalid_count",
            ),
            (
                new(None, None, None, Some(i64::MAX), None),
                "schedule.invalid_count",
            ),
            (
                new(None, None, Some(at("2025-12-31T08:00:00Z")), None, None),
                "schedule.stop_before_start",
            ),
            (
                new(None, None, None, None, Some("Mars/Olympus")),
                "time.unknown_zone",
            ),
            (
                new(Some(1), None, None, None, None),
                "argument.incomplete_repeat",
            ),
            (
                new(None, Some("days"), None, None, None),
                "argument.incomplete_repeat",
            ),
        ];
        for (error, code) in cases {
            assert_eq!(error.code(), code, "{error:?}");
        }
        let far = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 60);
        let error = Schedule::new(far, None, None, None, None, None).unwrap_err();
        assert!(matches!(error, EnvoiError::Schedule { .. }));
        assert_eq!(error.code(), "schedule.date_out_of_range");
        assert!(error.message().starts_with("start: "));
        let error = daily("2026-01-01T08:00:00Z").occurrence(-1).unwrap_err();
        assert_eq!(error.code(), "argument.invalid_index");
    }

    #[test]
    fn json_round_trips_and_refuses_garbage() {
        let schedule = Schedule::new(
            at("2026-01-31T09:00:00Z"),
            Some(1),
            Some("Months".into()),
            None,
            Some(12),
            Some("Europe/Brussels".into()),
        )
        .unwrap();
        let json = schedule.to_json().unwrap();
        assert_eq!(
            json,
            r#"{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}"#
        );
        assert_eq!(*Schedule::from_json(json.clone()).unwrap(), *schedule);
        assert_eq!(schedule.to_string(), format!("Schedule({json})"));
        for bad in ["", "{", r#"{"x":1}"#, &json.replace("12}", "0}")] {
            let error = Schedule::from_json(bad.into()).unwrap_err();
            assert_eq!(error.code(), "argument.invalid_json", "{bad:?}");
            assert!(error.message().starts_with("json: not a schedule: "));
        }
    }

    #[test]
    fn accessors_give_back_the_arguments() {
        let stop = at("2026-12-31T08:00:00Z");
        let schedule = Schedule::new(
            at("2026-01-01T08:00:00Z"),
            Some(2),
            Some("weeks".into()),
            Some(stop),
            Some(5),
            Some("America/New_York".into()),
        )
        .unwrap();
        assert_eq!(schedule.start(), at("2026-01-01T08:00:00Z"));
        assert_eq!(schedule.zone(), "America/New_York");
        assert_eq!(
            (schedule.every(), schedule.unit().as_deref()),
            (Some(2), Some("weeks"))
        );
        assert_eq!((schedule.stop(), schedule.count()), (Some(stop), Some(5)));
        let once = Schedule::new(at("2026-01-01T08:00:00Z"), None, None, None, None, None).unwrap();
        assert_eq!(
            (once.every(), once.unit(), once.stop(), once.count()),
            (None, None, None, None)
        );
        assert_eq!(once.zone(), "Europe/Brussels");
    }

    fn rrule(text: &str, start: &str) -> Result<Arc<Schedule>, EnvoiError> {
        Schedule::from_rrule(text.into(), at(start), None)
    }

    #[test]
    fn rrule_skip_backward_and_dst_gap() {
        let monthly = rrule(
            "FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD",
            "2026-01-31T09:00:00Z",
        )
        .unwrap();
        let next = monthly.next_after(at("2026-01-31T09:00:00Z")).unwrap();
        assert_eq!(next, Some(at("2026-02-28T09:00:00Z")));
        assert_eq!(shown(&monthly, next.unwrap()), "2026-02-28T10:00:00+01:00");

        let hourly = rrule("RRULE:FREQ=HOURLY;COUNT=5", "2026-03-28T23:00:00Z").unwrap();
        let hours = hourly
            .between(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z"), 100)
            .unwrap();
        let hours: Vec<_> = hours.into_iter().map(|t| shown(&hourly, t)).collect();
        assert_eq!(
            hours,
            [
                "2026-03-29T00:00:00+01:00",
                "2026-03-29T01:00:00+01:00",
                "2026-03-29T03:00:00+02:00",
                "2026-03-29T04:00:00+02:00",
                "2026-03-29T05:00:00+02:00"
            ]
        );
        assert_eq!(hourly.count_until(at("2026-03-30T00:00:00Z")).unwrap(), 5);
        assert!(hourly.is_finished(at("2026-03-29T03:00:00Z")).unwrap());
        assert_eq!(
            hourly.occurrence(4).unwrap(),
            Some(at("2026-03-29T03:00:00Z"))
        );
        assert_eq!(hourly.occurrence(5).unwrap(), None);
    }

    #[test]
    fn rrule_errors_have_their_codes() {
        let start = "2026-01-01T08:00:00Z";
        let cases = [
            (
                rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", start),
                "schedule.never_occurs",
            ),
            (rrule("FREQ=DAILY;COUNT=0", start), "schedule.invalid_rrule"),
            (rrule("FREQ=FORTNIGHTLY", start), "schedule.invalid_rrule"),
            (
                Schedule::from_rrule("FREQ=DAILY".into(), at(start), Some("Mars/Olympus".into())),
                "time.unknown_zone",
            ),
        ];
        for (result, code) in cases {
            let error = result.unwrap_err();
            assert_eq!(error.code(), code, "{error:?}");
        }
        let secondly = rrule("FREQ=SECONDLY;COUNT=1000000", "2026-01-01T00:00:00Z").unwrap();
        let later = at("2026-01-03T00:00:00Z");
        let expensive: [Result<(), EnvoiError>; 4] = [
            secondly.next_after(later).map(drop),
            secondly.count_until(later).map(drop),
            secondly.is_finished(later).map(drop),
            secondly.between(later, later, 10).map(drop),
        ];
        for result in expensive {
            let error = result.unwrap_err();
            assert!(matches!(error, EnvoiError::Schedule { .. }), "{error:?}");
            assert_eq!(error.code(), "schedule.too_expensive");
            assert_eq!(error.family(), "schedule");
        }
        let error = secondly.occurrence(200_000).unwrap_err();
        assert_eq!(error.code(), "schedule.too_expensive");
        // Without a count the expansion starts near the query, however old the schedule.
        let uncounted = rrule("FREQ=SECONDLY", "2026-01-01T00:00:00Z").unwrap();
        assert!(uncounted.next_after(later).is_ok());
    }

    #[test]
    fn rrule_json_round_trips_and_accessors() {
        let text = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE\nEXDATE:20260107T090000".to_owned();
        let schedule = Schedule::from_rrule(
            text.clone(),
            at("2026-01-05T08:00:00Z"),
            Some("Europe/Brussels".into()),
        )
        .unwrap();
        assert_eq!(schedule.rrule().as_deref(), Some(text.as_str()));
        assert_eq!((schedule.every(), schedule.unit()), (None, None));
        let json = schedule.to_json().unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["rrule"], text.as_str());
        let back = Schedule::from_json(json).unwrap();
        assert_eq!(*back, *schedule);
        assert_eq!(back.rrule(), schedule.rrule());
        assert_eq!(
            schedule.next_after(at("2026-01-05T08:00:00Z")).unwrap(),
            Some(at("2026-01-12T08:00:00Z")) // Wednesday 7 January is excluded
        );
        assert_eq!(daily("2026-01-01T08:00:00Z").rrule(), None);
        let bad = r#"{"start":"2026-01-01T08:00:00Z","zone":"Europe/Brussels","rrule":"FREQ=DAILY;COUNT=0"}"#;
        let error = Schedule::from_json(bad.into()).unwrap_err();
        assert_eq!(error.code(), "argument.invalid_json");
    }
}
