//! `Schedule`: the Node face of `envoi::schedule::Schedule` (simple schedules: a first date, an
//! optional repeat every N hours, days, weeks or months, an optional inclusive stop and count; and
//! RFC 5545 recurrence rules, `Schedule.fromRrule`).
//!
//! Instants come in as a `Date` or an ISO 8601 string with an offset and go out as RFC 3339 strings
//! with the offset of the schedule's zone (see `crate::time`). The class is built by its
//! constructor or by factories (`fromJson`, `fromRrule`). Every query maps the core's
//! `ScheduleError` (an RRULE query past `MAX_CANDIDATES` is `schedule.too_expensive`) with
//! [`to_js`], as the constructor's errors.

use envoi::schedule::{self as core_schedule, Repeat, RepeatUnit};
use envoi::time::{Instant, Zone};
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::args::{integer_arg, number_value, option_field, options_object, string_arg};
use crate::errors::{Code, JsError, guard, invalid_arg, to_js};
use crate::time::{format_in, instant_arg};

/// How many occurrences {@link Schedule.between} returns at most when no `limit` is given (more
/// throws `schedule.too_many_occurrences`).
pub const DEFAULT_BETWEEN_LIMIT: u32 = 10_000;

/// The option names {@link Schedule}'s constructor accepts; any other key throws `InvalidArg`.
const OPTION_NAMES: [&str; 5] = ["every", "unit", "stop", "count", "tz"];

/// Options of the {@link Schedule} constructor. Every field is optional; `null` is the same as
/// absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object by Schedule::new"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct ScheduleOptions {
    /// Repeat every `every` `unit`s, counted from the first date: an integer from 1 to
    /// 4,294,967,295 (else `schedule.invalid_interval`). Give `every` and `unit` together, or
    /// neither (a one-shot schedule).
    #[napi(ts_type = "number | null")]
    pub every: Option<f64>,
    /// The unit of the repeat: `'hours'` (elapsed time: 2 hours are 2 real hours, also across a DST
    /// change), or `'days'`, `'weeks'`, `'months'` (wall-clock time in `tz`: a daily 09:00 stays at
    /// 09:00; every month from the 31st gives the last day of shorter months). Another name throws
    /// `schedule.unknown_unit`.
    #[napi(ts_type = "'hours' | 'days' | 'weeks' | 'months' | null")]
    pub unit: Option<String>,
    /// The inclusive stop: no occurrence after it. A `Date` or an ISO 8601 string with an offset;
    /// before the first date throws `schedule.stop_before_start`.
    #[napi(ts_type = "Date | string | null")]
    pub stop: Option<String>,
    /// The most occurrences, the first date included: an integer from 1 to 4,294,967,295 (else
    /// `schedule.invalid_count`).
    #[napi(ts_type = "number | null")]
    pub count: Option<f64>,
    /// The IANA time zone of the wall-clock rules and of the returned strings' offsets, default
    /// `'Europe/Brussels'` (an unknown name throws `time.unknown_zone`).
    #[napi(ts_type = "string | null")]
    pub tz: Option<String>,
}

/// When a task sends: a first date, an optional repeat every `every` `unit`s counted from it, an
/// optional inclusive `stop` and an optional `count`, in the time zone `tz` (default
/// `'Europe/Brussels'`); or an RFC 5545 recurrence rule ({@link Schedule.fromRrule}). Immutable.
///
/// Instants are accepted as a `Date` or an ISO 8601 string WITH an offset
/// (`'2026-03-29T09:00:00+02:00'`, `'2026-03-29T07:00:00Z'`); a string without one throws
/// `time.not_zone_aware`. They are returned as RFC 3339 strings with the zone's offset at that
/// instant: `'2026-03-29T09:00:00+02:00'`.
///
/// Repeats in days, weeks and months keep the first date's wall-clock time in `tz` (a wall time in
/// a DST gap moves forward by the gap, one in a fold takes the first instant); repeats in hours
/// count elapsed time. Occurrences are computed from the first date, never from the previous one,
/// so nothing drifts, and every query costs the same however long ago the schedule started. An
/// RRULE schedule's queries expand the rule from its first date instead, and throw
/// `schedule.too_expensive` past 100,000 candidate instants.
///
/// ```js
/// const { Schedule } = require('envoi')
/// const daily = new Schedule('2026-03-28T09:00:00+01:00', { every: 1, unit: 'days', count: 3 })
/// daily.between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')
/// // ['2026-03-28T09:00:00+01:00', '2026-03-29T09:00:00+02:00', '2026-03-30T09:00:00+02:00']
/// daily.nextAfter(new Date('2026-03-29T07:00:00Z')) // '2026-03-30T09:00:00+02:00'
/// ```
#[napi]
pub struct Schedule {
    inner: core_schedule::Schedule,
}

#[napi]
impl Schedule {
    /// A schedule whose first date is `start` (a `Date` or an ISO 8601 string with an offset).
    ///
    /// Without `every` and `unit` it happens once; `every` without `unit` (or the reverse) throws
    /// `InvalidArg`, as does an option name not in {@link ScheduleOptions} (such as `zone` for
    /// `tz`). Errors: `schedule.invalid_interval`, `schedule.unknown_unit`,
    /// `schedule.invalid_count`, `schedule.stop_before_start`, `time.unknown_zone`,
    /// `time.not_zone_aware`.
    #[napi(
        constructor,
        ts_args_type = "start: Date | string, options?: ScheduleOptions | undefined | null"
    )]
    pub fn new(start: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Self, Code> {
        guard(|| {
            let start = instant_arg("start", &start)?;
            let options = Options::read(options.as_ref())?;
            let zone = match options.tz {
                Some(name) => name.parse::<Zone>().map_err(to_js)?,
                None => Zone::default(),
            };
            let mut inner = core_schedule::Schedule::new(start, zone);
            match (options.every, options.unit) {
                (Some(every), Some(unit)) => {
                    let interval =
                        Repeat::interval_from(integer_arg("every", every)?).map_err(to_js)?;
                    let unit = unit.parse::<RepeatUnit>().map_err(to_js)?;
                    inner = inner.repeating(Repeat::new(interval, unit).map_err(to_js)?);
                }
                (None, None) => {}
                (Some(_), None) => {
                    return Err(invalid_arg(
                        "unit: a repeat needs its unit ('hours', 'days', 'weeks' or 'months') with `every`",
                    ));
                }
                (None, Some(_)) => {
                    return Err(invalid_arg(
                        "every: a repeat needs its interval (`every`, 1 or more) with `unit`",
                    ));
                }
            }
            if let Some(stop) = options.stop {
                inner = inner.with_stop(stop).map_err(to_js)?;
            }
            if let Some(count) = options.count {
                let count = core_schedule::Schedule::count_from(integer_arg("count", count)?)
                    .map_err(to_js)?;
                inner = inner.with_count(count).map_err(to_js)?;
            }
            Ok(Schedule { inner })
        })
    }

    /// The schedule of a JSON text written by {@link Schedule.toJson} (an RRULE schedule's too), e.g.
    /// `{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}`.
    /// A text that is not such a schedule (bad JSON, unknown field, `every` or `count` 0, unknown
    /// zone, stop before start, a start without offset) throws `InvalidArg` naming the problem.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<Schedule, Code> {
        guard(|| {
            serde_json::from_str::<core_schedule::Schedule>(&json)
                .map(|inner| Schedule { inner })
                .map_err(|error| invalid_arg(format!("schedule JSON: {error}")))
        })
    }

    /// A schedule following an RFC 5545 recurrence: `text` holds an `RRULE:` line (a bare value
    /// `FREQ=…` is accepted) and optional `EXDATE` and `RDATE` lines; `start` (a `Date` or an ISO
    /// 8601 string with an offset) is DTSTART, always the first occurrence; `tz` (default
    /// `'Europe/Brussels'`) is the zone of the rule's wall-clock times.
    ///
    /// Every frequency, `HOURLY` included, expands in wall-clock time of `tz` (a time in a DST gap
    /// moves forward by the gap, one in a fold takes the first instant, an instant produced twice
    /// counts once). RFC 7529 `RSCALE=GREGORIAN;SKIP=BACKWARD|FORWARD|OMIT` says what a missing day
    /// (31 April) becomes. Queries expand the rule from `start` and throw `schedule.too_expensive`
    /// past 100,000 candidate instants (about 11 years of an hourly rule).
    ///
    /// ```js
    /// const monthly = Schedule.fromRrule('RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD', '2026-01-31T10:00:00+01:00')
    /// monthly.nextAfter(monthly.start) // '2026-02-28T10:00:00+01:00'
    /// ```
    ///
    /// Errors: `schedule.invalid_rrule` (naming the line or rule part that is wrong),
    /// `schedule.never_occurs` (a rule that can never produce an occurrence, such as
    /// `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`), `time.unknown_zone`, `time.not_zone_aware`.
    #[napi(
        factory,
        ts_args_type = "text: string, start: Date | string, tz?: string | undefined | null"
    )]
    pub fn from_rrule(
        text: String,
        start: Unknown<'_>,
        tz: Option<String>,
    ) -> napi::Result<Schedule, Code> {
        guard(|| {
            let start = instant_arg("start", &start)?;
            let zone = match tz {
                Some(name) => name.parse::<Zone>().map_err(to_js)?,
                None => Zone::default(),
            };
            core_schedule::Schedule::from_rrule(&text, start, zone)
                .map(|inner| Schedule { inner })
                .map_err(to_js)
        })
    }

    /// The schedule's stable JSON form, the same in every envoi binding (the host stores it):
    /// `{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}`,
    /// or for an RRULE schedule
    /// `{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","rrule":"RRULE:FREQ=MONTHLY"}`.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("schedule JSON: {error}")))
        })
    }

    /// Whether `other` is the same schedule: the same first date, zone, repeat or rule, stop and
    /// count.
    #[napi]
    pub fn equals(&self, other: &Schedule) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// The first date, in the schedule's zone.
    #[napi(getter)]
    pub fn start(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.format(self.inner.start())))
    }

    /// The IANA name of the schedule's zone, e.g. `'Europe/Brussels'`.
    #[napi(getter)]
    pub fn tz(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.zone().name().to_owned()))
    }

    /// The interval of the repeat, or `null` for a one-shot or RRULE schedule.
    #[napi(getter, ts_return_type = "number | null")]
    pub fn every(&self) -> napi::Result<Option<u32>, Code> {
        guard(|| Ok(self.inner.repeat().map(Repeat::interval)))
    }

    /// The unit of the repeat, or `null` for a one-shot or RRULE schedule.
    #[napi(
        getter,
        ts_return_type = "'hours' | 'days' | 'weeks' | 'months' | null"
    )]
    pub fn unit(&self) -> napi::Result<Option<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .repeat()
                .map(|repeat| repeat.unit().name().to_owned()))
        })
    }

    /// The recurrence text given to {@link Schedule.fromRrule} (trimmed), or `null` for a simple
    /// schedule.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn rrule(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.rrule().map(str::to_owned)))
    }

    /// The inclusive stop in the schedule's zone, or `null`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn stop(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.stop().map(|stop| self.format(stop))))
    }

    /// The most occurrences, or `null` when not limited by a count.
    #[napi(getter, ts_return_type = "number | null")]
    pub fn count(&self) -> napi::Result<Option<u32>, Code> {
        guard(|| Ok(self.inner.count()))
    }

    /// The occurrence of index `index` (a non-negative safe integer; 0 is the first date), or
    /// `null` when there is none (past the count or the stop, a one-shot schedule, or beyond the
    /// supported dates). An RRULE schedule throws `schedule.too_expensive` when reaching `index`
    /// takes more than 100,000 candidate instants.
    #[napi(ts_args_type = "index: number", ts_return_type = "string | null")]
    pub fn occurrence(&self, index: f64) -> napi::Result<Option<String>, Code> {
        guard(|| {
            let index = u64::try_from(integer_arg("index", index)?).map_err(|_| {
                invalid_arg(format!(
                    "index: expected a non-negative safe integer, got {index}"
                ))
            })?;
            Ok(self
                .inner
                .occurrence(index)
                .map_err(to_js)?
                .map(|t| self.format(t)))
        })
    }

    /// The first occurrence strictly after `t`, or `null` when the schedule is finished at `t`. An
    /// RRULE schedule throws `schedule.too_expensive` when more than 100,000 candidate instants lie
    /// between its first date and the answer.
    #[napi(ts_args_type = "t: Date | string", ts_return_type = "string | null")]
    pub fn next_after(&self, t: Unknown<'_>) -> napi::Result<Option<String>, Code> {
        guard(|| {
            let t = instant_arg("t", &t)?;
            Ok(self
                .inner
                .next_after(t)
                .map_err(to_js)?
                .map(|next| self.format(next)))
        })
    }

    /// The occurrences from `a` to `b`, both included, in order. `limit` (a non-negative safe
    /// integer, default 10,000) bounds the list, never shortens it: more than `limit` occurrences
    /// throws `schedule.too_many_occurrences`; narrow the range, raise the limit, or step with
    /// `nextAfter`. Empty when `b` is before `a`. An RRULE schedule throws `schedule.too_expensive`
    /// when one step takes more than 100,000 candidate instants.
    #[napi(ts_args_type = "a: Date | string, b: Date | string, limit?: number | undefined | null")]
    pub fn between(
        &self,
        a: Unknown<'_>,
        b: Unknown<'_>,
        limit: Option<f64>,
    ) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            let (a, b) = (instant_arg("a", &a)?, instant_arg("b", &b)?);
            let limit = match limit {
                None => DEFAULT_BETWEEN_LIMIT as usize,
                Some(limit) => {
                    let limit = integer_arg("limit", limit)?;
                    usize::try_from(limit).map_err(|_| {
                        invalid_arg(format!(
                            "limit: expected a non-negative safe integer, got {limit}"
                        ))
                    })?
                }
            };
            Ok(self
                .inner
                .occurrences_list(a, b, limit)
                .map_err(to_js)?
                .into_iter()
                .map(|t| self.format(t))
                .collect())
        })
    }

    /// How many occurrences fall at or before `t` (the stop and the count applied). An RRULE
    /// schedule throws `schedule.too_expensive` as {@link Schedule.nextAfter}.
    #[napi(ts_args_type = "t: Date | string")]
    pub fn count_until(&self, t: Unknown<'_>) -> napi::Result<f64, Code> {
        guard(|| {
            let t = instant_arg("t", &t)?;
            // Exact below 2^53: every schedule within the supported dates (hourly over ±262,000
            // years is about 4.6e9 occurrences).
            #[allow(clippy::cast_precision_loss)]
            Ok(self.inner.occurrence_count_until(t).map_err(to_js)? as f64)
        })
    }

    /// Whether the schedule has no occurrence after `t`. An RRULE schedule throws
    /// `schedule.too_expensive` as {@link Schedule.nextAfter}.
    #[napi(ts_args_type = "t: Date | string")]
    pub fn is_finished(&self, t: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| {
            let t = instant_arg("t", &t)?;
            self.inner.is_finished(t).map_err(to_js)
        })
    }
}

impl Schedule {
    fn format(&self, instant: Instant) -> String {
        format_in(self.inner.zone(), instant)
    }
}

/// The constructor's options, read from the JS object.
#[derive(Default)]
struct Options {
    every: Option<f64>,
    unit: Option<String>,
    stop: Option<Instant>,
    count: Option<f64>,
    tz: Option<String>,
}

impl Options {
    /// Reads `options` (absent, `undefined` or `null`: all defaults), refusing unknown keys.
    fn read(options: Option<&Unknown<'_>>) -> Result<Options, JsError> {
        let Some(object) = options_object(options, &OPTION_NAMES, "{ every: 1, unit: 'days' }")?
        else {
            return Ok(Options::default());
        };
        let field = |name: &str| option_field(&object, name);
        let number = |name: &str| -> Result<Option<f64>, JsError> {
            field(name)?
                .map(|value| number_value(name, &value))
                .transpose()
        };
        let string = |name: &str| -> Result<Option<String>, JsError> {
            field(name)?
                .map(|value| string_arg(name, &value))
                .transpose()
        };
        Ok(Options {
            every: number("every")?,
            unit: string("unit")?,
            stop: field("stop")?
                .map(|value| instant_arg("stop", &value))
                .transpose()?,
            count: number("count")?,
            tz: string("tz")?,
        })
    }
}
