//! `nowIn`: the Node face of `envoi::time::Zone::now`, with the host's clock written in JS; and the
//! conversions of instants and days between JS and Rust that the other domains share: a `Date` or an
//! ISO 8601 string with an offset in ([`instant_arg`]), an RFC 3339 string in a zone out
//! ([`format_in`]); a day as an ISO `"YYYY-MM-DD"` string in ([`date_arg`]) and out
//! ([`format_date`]).

use std::cell::Cell;
use std::ptr;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};
use envoi::time::{Clock, ClockError, Instant, TimeError, Zone};
use napi::bindgen_prelude::Unknown;
use napi::{JsDate, JsValue, ValueType, sys};
use napi_derive::napi;

use crate::args::{string_value, type_name, type_of};
use crate::errors::{Code, JsError, guard, invalid_arg, to_js};

/// The current time of the host's `clock`, shown in `zone` (an IANA name, default
/// `"Europe/Brussels"`), as RFC 3339 with the zone's offset, e.g. `"2026-11-30T09:00:00+01:00"`.
///
/// envoi calls `clock.now()` once. An exception it throws reaches the caller unchanged (the same
/// object). A `now()` that does not return a valid `Date` throws `clock.host_error`; an unknown
/// zone throws `time.unknown_zone` (before the clock is called).
///
/// ```js
/// const { nowIn } = require('envoi')
/// nowIn({ now: () => new Date('2026-11-30T08:00:00Z') }) // '2026-11-30T09:00:00+01:00'
/// ```
#[napi(ts_args_type = "clock: { now(): Date }, zone?: string | undefined | null")]
pub fn now_in(clock: Unknown<'_>, zone: Option<String>) -> napi::Result<String, Code> {
    guard(|| {
        let zone = match zone {
            Some(name) => name.parse::<Zone>().map_err(to_js)?,
            None => Zone::default(),
        };
        let handle = clock.value();
        let host = HostClock {
            env: handle.env,
            clock: handle.value,
            thrown: Cell::new(None),
        };
        match zone.now(&host) {
            Ok(now) => Ok(now.to_rfc3339()),
            Err(error) => Err(match host.thrown.take() {
                Some(exception) => rethrow(handle.env, exception),
                None => to_js(error),
            }),
        }
    })
}

/// Adapts a JS object with a `now(): Date` method to envoi's [`Clock`].
///
/// Lives only for one synchronous call on the JS thread, so its raw handles stay valid. When
/// `now()` throws, the adapter clears the pending exception (any later Node-API call would
/// otherwise fail), keeps the thrown value in `thrown` and returns a [`ClockError`] to the core;
/// [`now_in`] then throws that very value again.
struct HostClock {
    env: sys::napi_env,
    clock: sys::napi_value,
    thrown: Cell<Option<sys::napi_value>>,
}

impl Clock for HostClock {
    fn now(&self) -> Result<Instant, ClockError> {
        let kind = self.type_of(self.clock)?;
        if kind != sys::ValueType::napi_object && kind != sys::ValueType::napi_function {
            return Err(ClockError::new(
                "clock: expected an object with a now() method returning a Date",
            ));
        }
        let mut method = ptr::null_mut();
        // SAFETY: `env` and `clock` are the live handles of the current Node-API call, on its
        // thread, and `clock` is an object; a throwing `now` getter leaves a pending exception.
        let status = unsafe {
            sys::napi_get_named_property(self.env, self.clock, c"now".as_ptr(), &mut method)
        };
        self.check(status, "reading clock.now")?;
        if self.type_of(method)? != sys::ValueType::napi_function {
            return Err(ClockError::new("clock.now is not a function"));
        }

        let mut result = ptr::null_mut();
        // SAFETY: as above; no arguments (`argc` 0, null `argv`), `this` is the clock object.
        let status = unsafe {
            sys::napi_call_function(self.env, self.clock, method, 0, ptr::null(), &mut result)
        };
        self.check(status, "clock.now()")?;

        let mut is_date = false;
        // SAFETY: as above; `result` is the value `now()` returned.
        let status = unsafe { sys::napi_is_date(self.env, result, &mut is_date) };
        self.check(status, "clock.now()")?;
        if !is_date {
            return Err(ClockError::new("clock.now() must return a Date"));
        }
        let mut millis = 0.0;
        // SAFETY: as above; `result` is a Date.
        let status = unsafe { sys::napi_get_date_value(self.env, result, &mut millis) };
        self.check(status, "clock.now()")?;
        instant_from_millis(millis).ok_or_else(|| {
            ClockError::new(format!(
                "clock.now() returned an invalid Date ({millis} ms)"
            ))
        })
    }
}

impl HostClock {
    /// `typeof value`, as a Node-API value type.
    fn type_of(&self, value: sys::napi_value) -> Result<sys::napi_valuetype, ClockError> {
        let mut kind = sys::ValueType::napi_undefined;
        // SAFETY: `env` and `value` are live handles of the current Node-API call, on its thread.
        let status = unsafe { sys::napi_typeof(self.env, value, &mut kind) };
        self.check(status, "typeof")?;
        Ok(kind)
    }

    /// Turns a Node-API status into a [`ClockError`], keeping a thrown JS exception aside.
    fn check(&self, status: sys::napi_status, doing: &str) -> Result<(), ClockError> {
        if status == sys::Status::napi_ok {
            return Ok(());
        }
        if status == sys::Status::napi_pending_exception {
            let mut exception = ptr::null_mut();
            // SAFETY: an exception is pending on this env; this clears it and hands it to us.
            let cleared =
                unsafe { sys::napi_get_and_clear_last_exception(self.env, &mut exception) };
            if cleared == sys::Status::napi_ok {
                self.thrown.set(Some(exception));
                return Err(ClockError::new(format!("{doing} threw an exception")));
            }
        }
        Err(ClockError::new(format!(
            "{doing} failed (Node-API status {status})"
        )))
    }
}

/// A JS `Date`'s time value (milliseconds since the epoch) as an [`Instant`], if it is valid and
/// within chrono's range.
fn instant_from_millis(millis: f64) -> Option<Instant> {
    if !millis.is_finite() {
        return None;
    }
    // A valid Date's time value is an integer within ±8.64e15, well inside i64.
    #[allow(clippy::cast_possible_truncation)]
    DateTime::from_timestamp_millis(millis as i64)
}

/// Throws the host's own exception again, unchanged, and returns the error that tells napi-rs to
/// leave it pending. Shared with the host's online VAT check (`crate::vat::online`).
pub fn rethrow(env: sys::napi_env, exception: sys::napi_value) -> JsError {
    // SAFETY: `exception` is a handle of the current Node-API call, taken from the cleared
    // exception; no other exception is pending here.
    unsafe { sys::napi_throw(env, exception) };
    napi::Error::new(
        Code::PENDING_EXCEPTION,
        "the host callback threw an exception",
    )
}

/// An instant as written for JS: RFC 3339 with the offset of `zone` at that instant, e.g.
/// `"2026-03-29T09:00:00+02:00"` (fractional seconds only when there are some). The same form as
/// [`now_in`]'s.
pub fn format_in(zone: Zone, instant: Instant) -> String {
    zone.localize(instant).to_rfc3339()
}

/// Reads the instant argument `name`: a valid `Date`, or an ISO 8601 date-time string with an offset
/// (`"2026-03-29T09:00:00+02:00"`, `"2026-03-29T07:00:00.000Z"` as `Date.toISOString` writes it,
/// `"2026-03-29T09:00+02:00"`).
///
/// A date-time string without an offset (`"2026-03-29T09:00:00"`, or a bare date) throws
/// `time.not_zone_aware`: it names a wall-clock time, not an instant. Any other value, an invalid
/// `Date` or a malformed string throws `InvalidArg` naming the argument.
pub fn instant_arg(name: &str, value: &Unknown<'_>) -> Result<Instant, JsError> {
    let kind = type_of(name, value)?;
    if kind == ValueType::String {
        return parse_instant(name, &string_value(name, value)?);
    }
    if kind == ValueType::Object && value.is_date().unwrap_or(false) {
        // SAFETY: `value` is a live handle of the current call and a Date (checked just above).
        let date = unsafe { value.cast::<JsDate<'_>>() }
            .map_err(|error| invalid_arg(format!("{name}: {error}")))?;
        let millis = date
            .value_of()
            .map_err(|error| invalid_arg(format!("{name}: {error}")))?;
        return instant_from_millis(millis).ok_or_else(|| {
            invalid_arg(if millis.is_finite() {
                format!("{name}: the Date {millis} ms is outside the supported range of instants")
            } else {
                format!("{name}: an invalid Date")
            })
        });
    }
    Err(invalid_arg(format!(
        "{name}: expected a Date or an ISO 8601 date-time string with an offset, got a value of type {}",
        type_name(kind)
    )))
}

/// Parses an ISO 8601 date-time with an offset (`Z`, `+02:00`, `+0200`, `+02`), seconds and a
/// space separator optional.
fn parse_instant(name: &str, text: &str) -> Result<Instant, JsError> {
    let aware = |text: &str| {
        text.parse::<DateTime<FixedOffset>>().ok().or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z"]
                .into_iter()
                .find_map(|format| DateTime::parse_from_str(text, format).ok())
        })
    };
    let trimmed = text.trim();
    if let Some(instant) = aware(trimmed) {
        return Ok(instant.with_timezone(&Utc));
    }
    // A wall-clock reading or a bare date: valid once an offset is added.
    if aware(&format!("{trimmed}Z")).is_some() || trimmed.parse::<NaiveDate>().is_ok() {
        return Err(to_js(TimeError::NotZoneAware {
            field: name.to_owned(),
            value: format!("{text:?}"),
        }));
    }
    Err(invalid_arg(format!(
        "{name}: {text:?} is not an ISO 8601 date-time with an offset (such as \"2026-03-29T09:00:00+02:00\" or \"2026-03-29T07:00:00Z\")"
    )))
}

/// An instant as the core's JSON form writes it: RFC 3339 in UTC, `Z`
/// (`"2026-06-01T09:00:00Z"`, fractional seconds only when there are some).
pub fn format_utc(instant: Instant) -> String {
    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A day as written for JS: ISO 8601, `"2026-04-06"`, expanded (`"+10000-01-01"`) outside
/// 0000–9999.
pub fn format_date(date: NaiveDate) -> String {
    date.to_string()
}

/// Reads the date argument `name`: a `"YYYY-MM-DD"` string (or an expanded-year `±YYYYYY-MM-DD`).
pub fn date_arg(name: &str, value: &Unknown<'_>) -> Result<NaiveDate, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::String {
        let got = if value.is_date().unwrap_or(false) {
            "a Date; a Date is an instant, not a day: take its calendar day in the right time zone first (for example with Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }))".to_owned()
        } else {
            format!("a value of type {}", type_name(kind))
        };
        return Err(invalid_arg(format!(
            "{name}: expected an ISO date string \"YYYY-MM-DD\", got {got}"
        )));
    }
    let text = string_value(name, value)?;
    parse_date(&text).map_err(|problem| {
        invalid_arg(format!(
            "{name}: {text:?} is not an ISO date \"YYYY-MM-DD\": {problem}"
        ))
    })
}

/// Parses `YYYY-MM-DD` exactly (two-digit month and day), the year being four digits or, for years
/// outside 0000–9999, a sign and four to six digits.
fn parse_date(text: &str) -> Result<NaiveDate, &'static str> {
    let (negative, signed, unsigned) = match text.as_bytes().first() {
        Some(b'+') => (false, true, &text[1..]),
        Some(b'-') => (true, true, &text[1..]),
        _ => (false, false, text),
    };
    let mut fields = unsigned.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (fields.next(), fields.next(), fields.next()) else {
        return Err("expected year-month-day");
    };
    let digits = |field: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&field.len()) && field.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(year, if signed { 4..=6 } else { 4..=4 }) {
        return Err("the year must be four digits, or a sign and four to six digits");
    }
    if !digits(month, 2..=2) || !digits(day, 2..=2) {
        return Err("the month and the day must be two digits each");
    }
    // At most six digits each: they parse.
    let (year, month, day) = (
        year.parse::<i32>().unwrap_or_default(),
        month.parse::<u32>().unwrap_or_default(),
        day.parse::<u32>().unwrap_or_default(),
    );
    NaiveDate::from_ymd_opt(if negative { -year } else { year }, month, day).ok_or(
        "no such day (a month 01-12, a day of that month, a year within the supported range)",
    )
}
