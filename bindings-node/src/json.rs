//! The core's serde (JSON) form of stored values, as plain JS values and back: challenges of
//! one-time codes, tracking events, secure-email access states.
//!
//! Unlike `JSON.parse`/`JSON.stringify`, integers stay exact: an integer above
//! `Number.MAX_SAFE_INTEGER` (an id of a token's claims can be any `u64`) becomes a `bigint`, and a
//! `bigint` is read back as the integer. A `Date` is read as its ISO 8601 instant; `undefined`
//! properties are left out, as `JSON.stringify` does.

use chrono::{DateTime, SecondsFormat};
use napi::sys;
use serde_json::{Map, Number, Value};

use crate::args::napi_error;
use crate::errors::{JsError, invalid_arg};
use crate::js::{Js, MAX_SAFE_INTEGER};

/// How deep a value read from JS may nest (a cycle would otherwise never end).
const MAX_DEPTH: usize = 32;

/// A JSON value as a plain JS value.
pub fn to_js(js: Js, value: &Value) -> napi::Result<sys::napi_value> {
    match value {
        Value::Null => js.null(),
        Value::Bool(flag) => js.bool(*flag),
        Value::Number(number) => match number.as_u64() {
            Some(integer) if integer > MAX_SAFE_INTEGER => js.bigint_u64(integer),
            _ => js.f64(number.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(text) => js.str(text),
        Value::Array(items) => js.array(items.iter().map(|item| to_js(js, item))),
        Value::Object(fields) => {
            let object = js.object()?;
            for (key, field) in fields {
                js.set_key(object, key, to_js(js, field)?)?;
            }
            Ok(object)
        }
    }
}

/// A plain JS value (`name` for messages) as a JSON value: `InvalidArg` for what JSON cannot hold
/// (a function, a symbol, `NaN`, a bigint outside `u64`, a cycle).
pub fn from_js(js: Js, value: sys::napi_value, name: &str) -> Result<Value, JsError> {
    read(js, value, name, 0)
}

fn read(js: Js, value: sys::napi_value, path: &str, depth: usize) -> Result<Value, JsError> {
    if depth > MAX_DEPTH {
        return Err(invalid_arg(format!(
            "{path}: nested more than {MAX_DEPTH} levels deep (a cycle?)"
        )));
    }
    let kind = js.type_of(value).map_err(napi_error)?;
    match kind {
        sys::ValueType::napi_null | sys::ValueType::napi_undefined => Ok(Value::Null),
        sys::ValueType::napi_boolean => {
            Ok(Value::Bool(js.get_bool(value, path).map_err(napi_error)?))
        }
        sys::ValueType::napi_string => Ok(Value::String(
            js.get_string(value, path).map_err(napi_error)?,
        )),
        sys::ValueType::napi_number => {
            let number = js.get_f64(value, path).map_err(napi_error)?;
            number_value(number)
                .ok_or_else(|| invalid_arg(format!("{path}: {number} is not a JSON number")))
        }
        sys::ValueType::napi_bigint => match js.get_bigint_u64(value).map_err(napi_error)? {
            Some(integer) => Ok(Value::Number(integer.into())),
            None => Err(invalid_arg(format!(
                "{path}: a bigint outside 0 to 2^64 - 1"
            ))),
        },
        sys::ValueType::napi_object => {
            if js.is_array(value).map_err(napi_error)? {
                let items = js.get_array(value, path).map_err(napi_error)?;
                return items
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| read(js, item, &format!("{path}[{index}]"), depth + 1))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Value::Array);
            }
            if js.is_date(value).map_err(napi_error)? {
                let millis = js.date_millis(value).map_err(napi_error)?;
                #[allow(clippy::cast_possible_truncation)]
                let instant = millis
                    .is_finite()
                    .then(|| DateTime::from_timestamp_millis(millis as i64))
                    .flatten()
                    .ok_or_else(|| invalid_arg(format!("{path}: an invalid Date")))?;
                return Ok(Value::String(
                    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                ));
            }
            let mut fields = Map::new();
            for key in js.keys(value).map_err(napi_error)? {
                let name = js.get_string(key, path).map_err(napi_error)?;
                let field = js.get_key(value, key).map_err(napi_error)?;
                if js.type_of(field).map_err(napi_error)? == sys::ValueType::napi_undefined {
                    continue;
                }
                let field = read(js, field, &format!("{path}.{name}"), depth + 1)?;
                fields.insert(name, field);
            }
            Ok(Value::Object(fields))
        }
        _ => Err(invalid_arg(format!(
            "{path}: a {} is not a JSON value",
            crate::args::type_name(napi::ValueType::from(kind))
        ))),
    }
}

/// A JS number as JSON: an integer when it is one (exact up to 2^53), else a float; `None` for
/// NaN and the infinities.
fn number_value(number: f64) -> Option<Value> {
    if !number.is_finite() {
        return None;
    }
    if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER as f64 {
        // An integer within ±2^53: exact in i64.
        #[allow(clippy::cast_possible_truncation)]
        return Some(Value::Number((number as i64).into()));
    }
    Number::from_f64(number).map(Value::Number)
}
