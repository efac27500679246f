//! The Node face of `envoi::token` (signed tokens and one-time codes), in the `tracking` namespace
//! of the module (`require('envoi').tracking`), mirroring the core's modules: [`keyring`] ↔
//! `KeyRing` (issue, verify, one-time codes), [`error`] ↔ `TokenError` (a thrown `Error` with the
//! error's fields as properties). This module holds the conversions the tracking classes share:
//! claims, purposes, the `now`/`expires` options and the verified token.
//!
//! Ids: `account`, `message` and `recipient` are `u64` in the core. They are read from a JS number
//! that is a safe integer (up to `Number.MAX_SAFE_INTEGER`, 2^53 − 1) or from a `bigint` (any
//! `u64`), and written back as a number when exact, as a `bigint` above 2^53 − 1. `occurrence`
//! (`u32`) and `link` (`u16`) are numbers. Instants come in as a `Date` or an ISO 8601 string
//! with an offset and go out as RFC 3339 strings in UTC (`"2026-06-01T09:00:00Z"`), the core's
//! JSON form.

pub mod error;
mod keyring;

use std::ffi::CStr;

use chrono::{TimeDelta, Utc};
use envoi::time::Instant;
use envoi::token::{Claims, Purpose, Verified};
use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, JsValue, sys};
use napi_derive::napi;

pub use keyring::{KeyRing, NOW_OPTIONS, code_policy, now_arg};

use crate::args::{napi_error, number_value, option_field, type_name};
use crate::errors::{JsError, envoi_error, invalid_arg};
use crate::js::{Factory, Js, MAX_SAFE_INTEGER};
use crate::time::{format_utc, instant_arg};

/// What a token says, every field optional: the ids of what it points to. A field absent (or
/// `undefined`/`null`) is not in the token; an unknown field throws `InvalidArg`.
///
/// `account`, `message` and `recipient` are unsigned 64-bit ids: a safe integer (up to
/// `Number.MAX_SAFE_INTEGER`) or a `bigint` (up to 2^64 − 1); envoi gives them back as numbers,
/// or as `bigint`s above 2^53 − 1. `occurrence` is 0 to 2^32 − 1, `link` 0 to 65,535, `credential`
/// (the credential version a password-reset token carries) 0 to 2^32 − 1.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; claims are read and built field by field"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking",
    js_name = "Claims"
)]
pub struct JsClaims {
    /// The account (the host's id).
    #[napi(ts_type = "number | bigint")]
    pub account: Option<f64>,
    /// The message.
    #[napi(ts_type = "number | bigint")]
    pub message: Option<f64>,
    /// The occurrence of a repeated message (which send).
    pub occurrence: Option<u32>,
    /// The recipient.
    #[napi(ts_type = "number | bigint")]
    pub recipient: Option<f64>,
    /// The link in the message (its index).
    pub link: Option<u32>,
    /// The version of the account's credential (its password) when a password-reset token was
    /// issued: a token of an earlier version is refused.
    pub credential: Option<u32>,
}

/// A token that passed every check of {@link KeyRing.verify} (or a one-time code that matched,
/// {@link KeyRing.checkCode}): what it says and who signed it.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built field by field (see `verified_to_js`)"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking",
    js_name = "Verified",
    use_nullable = true
)]
pub struct JsVerified {
    /// The purpose the token was made (and verified) for.
    #[napi(
        ts_type = "'open' | 'click' | 'approval' | 'sender_verification' | 'password_reset' | 'secure_email'"
    )]
    pub purpose: String,
    /// The ring key that signed it (active or retired).
    pub key_id: u32,
    /// What it says (the fields the token carries).
    #[napi(ts_type = "Claims")]
    pub claims: JsClaims,
    /// When it was issued, to the whole second, RFC 3339 in UTC.
    pub issued_at: String,
    /// When it expires (it was valid strictly before), RFC 3339 in UTC; `null` when it does not.
    pub expires_at: Option<String>,
    /// A stable id of the token (22 characters of base64url) for a host that makes it single use
    /// (a password-reset link): store it when the token is used and refuse it when seen again.
    pub token_id: String,
}

/// The names of the claims, in the core's order.
const CLAIM_NAMES: [&str; 6] = [
    "account",
    "message",
    "occurrence",
    "recipient",
    "link",
    "credential",
];
const CLAIM_C_NAMES: [&CStr; 6] = [
    c"account",
    c"message",
    c"occurrence",
    c"recipient",
    c"link",
    c"credential",
];

/// Reads the claims argument `name`: a plain object with the fields of {@link Claims} only.
pub fn claims_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<Claims, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    claims_from(js, name, value.raw())
}

/// Reads claims from a raw JS value (see [`claims_arg`]).
pub fn claims_from(js: Js, name: &str, value: sys::napi_value) -> Result<Claims, JsError> {
    let kind = js.type_of(value).map_err(napi_error)?;
    if kind != sys::ValueType::napi_object
        || js.is_array(value).map_err(napi_error)?
        || js.is_date(value).map_err(napi_error)?
    {
        return Err(invalid_arg(format!(
            "{name}: expected an object such as {{ account: 1, message: 42, recipient: 7 }}, got {}",
            if kind == sys::ValueType::napi_object {
                "an array or a Date".to_owned()
            } else {
                format!("a value of type {}", type_name(napi::ValueType::from(kind)))
            }
        )));
    }
    // Every key a claim: six named reads (the usual case).
    if let Some([account, message, occurrence, recipient, link, credential]) =
        js.known_fields(value, CLAIM_C_NAMES).map_err(napi_error)?
    {
        let read = |field: &str, item: Option<sys::napi_value>, max: u64| match item {
            Some(item) => id_value(js, &format!("{name}.{field}"), item, max),
            None => Ok(None),
        };
        return Ok(Claims {
            account: read("account", account, u64::MAX)?,
            message: read("message", message, u64::MAX)?,
            occurrence: read("occurrence", occurrence, u64::from(u32::MAX))?
                .and_then(|v| u32::try_from(v).ok()),
            recipient: read("recipient", recipient, u64::MAX)?,
            link: read("link", link, u64::from(u16::MAX))?.and_then(|v| u16::try_from(v).ok()),
            credential: read("credential", credential, u64::from(u32::MAX))?
                .and_then(|v| u32::try_from(v).ok()),
        });
    }
    // Another key, or a claim present but `undefined`: name the unknown key, if any.
    let mut claims = Claims::default();
    for key in js.keys(value).map_err(napi_error)? {
        let field = js.get_string(key, name).map_err(napi_error)?;
        let item = js.get_key(value, key).map_err(napi_error)?;
        let path = || format!("{name}.{field}");
        let read = |max: u64| id_value(js, &path(), item, max);
        match field.as_str() {
            "account" => claims.account = read(u64::MAX)?,
            "message" => claims.message = read(u64::MAX)?,
            "recipient" => claims.recipient = read(u64::MAX)?,
            "occurrence" => {
                claims.occurrence = read(u64::from(u32::MAX))?.and_then(|v| u32::try_from(v).ok())
            }
            "link" => claims.link = read(u64::from(u16::MAX))?.and_then(|v| u16::try_from(v).ok()),
            "credential" => {
                claims.credential = read(u64::from(u32::MAX))?.and_then(|v| u32::try_from(v).ok())
            }
            _ => {
                return Err(invalid_arg(format!(
                    "{name}: unknown field {field:?}; expected {}",
                    CLAIM_NAMES.join(", ")
                )));
            }
        }
    }
    Ok(claims)
}

/// Reads one id: `undefined`/`null` is `None`; a non-negative safe integer or a `bigint`, up to
/// `max`; `InvalidArg` otherwise.
pub(crate) fn id_value(
    js: Js,
    name: &str,
    value: sys::napi_value,
    max: u64,
) -> Result<Option<u64>, JsError> {
    let refuse = |got: String| {
        invalid_arg(if max > MAX_SAFE_INTEGER {
            format!(
                "{name}: expected an integer from 0 to 2^64 - 1 (a safe integer, or a bigint above 2^53 - 1), got {got}"
            )
        } else {
            format!("{name}: expected an integer from 0 to {max}, got {got}")
        })
    };
    match js.type_of(value).map_err(napi_error)? {
        sys::ValueType::napi_undefined | sys::ValueType::napi_null => Ok(None),
        sys::ValueType::napi_number => {
            let number = js.get_f64(value, name).map_err(napi_error)?;
            let safe = number.is_finite()
                && number.fract() == 0.0
                && number >= 0.0
                && number <= MAX_SAFE_INTEGER as f64;
            // Checked just above: a non-negative integer within 2^53, exact in u64.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let integer = number as u64;
            if safe && integer <= max {
                Ok(Some(integer))
            } else {
                Err(refuse(number.to_string()))
            }
        }
        sys::ValueType::napi_bigint => match js.get_bigint_u64(value).map_err(napi_error)? {
            Some(integer) if integer <= max => Ok(Some(integer)),
            _ => Err(refuse("a bigint out of range".to_owned())),
        },
        other => Err(refuse(format!(
            "a value of type {}",
            type_name(napi::ValueType::from(other))
        ))),
    }
}

/// Claims as a plain JS object holding the fields present only.
pub fn claims_to_js(js: Js, claims: &Claims) -> napi::Result<sys::napi_value> {
    let undefined = js.undefined()?;
    let id = |value: Option<u64>| value.map_or(Ok(undefined), |id| js.id(id));
    let small = |value: Option<u32>| value.map_or(Ok(undefined), |n| js.u32(n));
    js.make(
        Factory::Claims,
        &[
            id(claims.account)?,
            id(claims.message)?,
            small(claims.occurrence)?,
            id(claims.recipient)?,
            small(claims.link.map(u32::from))?,
            small(claims.credential)?,
        ],
    )
}

/// A verified token as a plain JS object ({@link Verified}).
pub fn verified_to_js(js: Js, verified: &Verified) -> napi::Result<sys::napi_value> {
    let expires_at = match verified.expires_at {
        Some(at) => js.str(&format_utc(at))?,
        None => js.null()?,
    };
    js.make(
        Factory::Verified,
        &[
            js.str(verified.purpose.as_str())?,
            js.u32(u32::from(verified.key_id))?,
            claims_to_js(js, &verified.claims)?,
            js.str(&format_utc(verified.issued_at))?,
            expires_at,
            js.str(&verified.token_id.to_string())?,
        ],
    )
}

/// Reads a purpose's name (`'open'`, `'click'`…): another string throws `token.unknown_purpose`
/// with `value`; another type `InvalidArg`.
pub fn purpose_arg(env: Env, value: &Unknown<'_>) -> Result<Purpose, JsError> {
    let name = crate::args::string_arg("purpose", value)?;
    name.parse::<Purpose>()
        .map_err(|error| envoi_error(env, error))
}

/// The instant of a `now` option's value, or the real clock when absent (the core never reads it).
pub fn now_value(value: Option<&Unknown<'_>>) -> Result<Instant, JsError> {
    match value {
        Some(value) => instant_arg("now", value),
        None => Ok(Utc::now()),
    }
}

/// The `now` option: the instant given, or the real clock (the core never reads it).
pub fn now_option(object: Option<&Object<'_>>) -> Result<Instant, JsError> {
    match object
        .map(|object| option_field(object, "now"))
        .transpose()?
        .flatten()
    {
        Some(value) => instant_arg("now", &value),
        None => Ok(Utc::now()),
    }
}

/// The expiry from the `expires` option (an instant) or the `expiresIn` option (seconds after
/// `now`, a finite number); both given throws `InvalidArg`. `None` when neither is.
pub fn expiry_option(
    object: Option<&Object<'_>>,
    now: Instant,
) -> Result<Option<Instant>, JsError> {
    let Some(object) = object else {
        return Ok(None);
    };
    expiry_values(
        option_field(object, "expires")?.as_ref(),
        option_field(object, "expiresIn")?.as_ref(),
        now,
    )
}

/// The expiry from the values of the `expires` and `expiresIn` options (see [`expiry_option`]).
pub fn expiry_values(
    expires: Option<&Unknown<'_>>,
    expires_in: Option<&Unknown<'_>>,
    now: Instant,
) -> Result<Option<Instant>, JsError> {
    match (expires, expires_in) {
        (Some(_), Some(_)) => Err(invalid_arg(
            "options: give expires (an instant) or expiresIn (seconds), not both",
        )),
        (Some(value), None) => instant_arg("expires", value).map(Some),
        (None, Some(value)) => {
            let seconds = number_value("expiresIn", value)?;
            let millis = seconds * 1000.0;
            // Whole milliseconds within ±2^53, exact in i64; past chrono's range: refused below.
            #[allow(clippy::cast_possible_truncation)]
            let delta = (millis.is_finite() && millis.abs() < MAX_SAFE_INTEGER as f64)
                .then(|| TimeDelta::try_milliseconds(millis.round() as i64))
                .flatten();
            delta
                .and_then(|delta| now.checked_add_signed(delta))
                .map(Some)
                .ok_or_else(|| {
                    invalid_arg(format!(
                        "expiresIn: {seconds} seconds is not a duration envoi can add to now"
                    ))
                })
        }
        (None, None) => Ok(None),
    }
}
