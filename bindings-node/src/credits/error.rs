//! `CreditError` → a thrown JS `Error` whose `.code` is the core's code (`credits.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased:
//! `needed`, `available` and `kind` for `credits.insufficient_credit`, `reserved` and `requested`
//! for `credits.exceeds_reserved`, `at` and `last` for `credits.time_regression`, `key` for an
//! idempotency conflict or a reservation error, and so on (see [`fields`]).
//!
//! Unit counts are numbers, instants RFC 3339 strings in the ledger's zone (as every instant the
//! ledger returns), names and rules strings.

use std::ffi::CStr;

use envoi::ErrorCode;
use envoi::credits::CreditError;
use envoi::time::{Instant, Zone};
use napi::Env;

use crate::errors::{Code, JsError, to_js};
use crate::js::Js;
use crate::time::format_in;

/// The value of one property of a thrown credit error.
pub(crate) enum Field {
    Number(f64),
    Text(String),
}

/// A unit count or a position as a JS number (exact below 2^53; one operation takes at most
/// 10^12 units).
#[allow(clippy::cast_precision_loss)]
pub fn number(value: u64) -> f64 {
    value as f64
}

/// A signed unit count as a JS number (exact below 2^53).
#[allow(clippy::cast_precision_loss)]
pub fn signed(value: i64) -> f64 {
    value as f64
}

/// A unit count as given (any integer a JS number holds) back as a JS number.
#[allow(clippy::cast_precision_loss)]
fn wide(value: i128) -> f64 {
    value as f64
}

/// Throws `error` as a JS `Error` with its code, its message and its fields as properties (see the
/// module documentation), instants written in `zone`. Returns the error that tells napi-rs to leave
/// it pending; should building it fail, the plain `Error` with the code and message instead.
pub fn credit_error(env: Env, zone: Zone, error: CreditError) -> JsError {
    // SAFETY: `env` is the environment of the Node-API call running on this thread, and the values
    // built here are thrown before it returns.
    let js = unsafe { Js::new(env.raw()) };
    let message = error.to_string();
    match throw(js, zone, &error, &message) {
        Ok(()) => napi::Error::new(Code::PENDING_EXCEPTION, message),
        Err(_) => to_js(error),
    }
}

fn throw(js: Js, zone: Zone, error: &CreditError, message: &str) -> napi::Result<()> {
    let object = js.error(error.code(), message)?;
    for (name, value) in fields(zone, error) {
        let value = match value {
            Field::Number(value) => js.f64(value)?,
            Field::Text(text) => js.str(&text)?,
        };
        js.set_named(object, name, value)?;
    }
    js.throw(object)
}

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub(crate) fn fields(zone: Zone, error: &CreditError) -> Vec<(&'static CStr, Field)> {
    let text = |value: &str| Field::Text(value.to_owned());
    let time = |instant: &Instant| Field::Text(format_in(zone, *instant));
    let count = |value: &u64| Field::Number(number(*value));
    match error {
        CreditError::InsufficientCredit {
            kind,
            needed,
            available,
        } => vec![
            (c"kind", text(kind.as_str())),
            (c"needed", count(needed)),
            (c"available", count(available)),
        ],
        CreditError::IdempotencyConflict { key, first, this } => vec![
            (c"key", text(key)),
            (c"first", text(first)),
            (c"this", text(this)),
        ],
        CreditError::InvalidUnits { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", Field::Number(wide(*value))),
            (c"rule", text(rule)),
        ],
        CreditError::OrderNotFound { order_id } => vec![(c"orderId", text(order_id))],
        CreditError::OrderVoided {
            order_id,
            voided_at,
        } => vec![(c"orderId", text(order_id)), (c"voidedAt", time(voided_at))],
        CreditError::UnknownReservation { key } => vec![(c"key", text(key))],
        CreditError::ReservationAlreadyCommitted {
            key,
            units,
            committed_at,
        } => vec![
            (c"key", text(key)),
            (c"units", count(units)),
            (c"committedAt", time(committed_at)),
        ],
        CreditError::ReservationAlreadyReleased { key, released_at } => {
            vec![(c"key", text(key)), (c"releasedAt", time(released_at))]
        }
        CreditError::ReservationTimedOut {
            key,
            reserved_at,
            timed_out_at,
        } => vec![
            (c"key", text(key)),
            (c"reservedAt", time(reserved_at)),
            (c"timedOutAt", time(timed_out_at)),
        ],
        CreditError::ExceedsReserved {
            key,
            reserved,
            requested,
        } => vec![
            (c"key", text(key)),
            (c"reserved", count(reserved)),
            (c"requested", count(requested)),
        ],
        CreditError::TimeRegression { at, last } => {
            vec![(c"at", time(at)), (c"last", time(last))]
        }
        CreditError::InvalidKind { value } => vec![(c"value", text(value))],
        CreditError::InvalidArgument { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        CreditError::InvalidEntries { index, reason } => vec![
            (c"index", Field::Number(number(*index as u64))),
            (c"reason", text(reason)),
        ],
        // A variant added to the core later: its code and message, no fields yet.
        _ => Vec::new(),
    }
}
