//! Readers of JS arguments shared by the domain modules: the type of a value for messages, safe
//! integers, strings read from an `Unknown`, and options objects (strict about their keys).

use napi::bindgen_prelude::{Object, Unknown};
use napi::{JsValue, ValueType};

use crate::errors::{Code, JsError, invalid_arg};

/// The JS name of a value type, for messages (`typeof`, with `null` apart).
pub fn type_name(kind: ValueType) -> &'static str {
    match kind {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Symbol => "symbol",
        ValueType::Object => "object",
        ValueType::Function => "function",
        ValueType::External => "external",
        ValueType::BigInt => "bigint",
        _ => "unknown",
    }
}

/// The type of the argument `name`, a Node-API failure becoming `InvalidArg` naming it.
pub fn type_of(name: &str, value: &Unknown<'_>) -> Result<ValueType, JsError> {
    value
        .get_type()
        .map_err(|error| invalid_arg(format!("{name}: {error}")))
}

/// The text of a value already known to be a JS string.
pub fn string_value(name: &str, value: &Unknown<'_>) -> Result<String, JsError> {
    value
        .coerce_to_string()
        .and_then(|s| s.into_utf8())
        .and_then(|s| s.into_owned())
        .map_err(|error| invalid_arg(format!("{name}: {error}")))
}

/// Reads an integer argument: a finite number without a fraction, within ±(2^53 − 1).
pub fn integer_arg(name: &str, value: f64) -> Result<i64, JsError> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if value.fract() != 0.0 || !value.is_finite() || value.abs() > MAX_SAFE {
        return Err(invalid_arg(format!(
            "{name}: expected a safe integer (Number.isSafeInteger), got {value}"
        )));
    }
    // Checked just above: an integer within ±2^53, exact in i64.
    #[allow(clippy::cast_possible_truncation)]
    Ok(value as i64)
}

/// Reads a non-negative integer argument: a safe integer (see [`integer_arg`]) that is not negative.
pub fn count_arg(name: &str, value: f64) -> Result<u64, JsError> {
    u64::try_from(integer_arg(name, value)?).map_err(|_| {
        invalid_arg(format!(
            "{name}: expected a non-negative safe integer, got {value}"
        ))
    })
}

/// Reads an options object: absent, `undefined` or `null` is `None` (all defaults); anything but
/// an object (a `Date` included), or a key not in `names`, throws `InvalidArg`. `example` shows a
/// valid object in the message, such as `{ every: 1, unit: 'days' }`.
pub fn options_object<'env>(
    value: Option<&Unknown<'env>>,
    names: &[&str],
    example: &str,
) -> Result<Option<Object<'env>>, JsError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let kind = type_of("options", value)?;
    if matches!(kind, ValueType::Undefined | ValueType::Null) {
        return Ok(None);
    }
    if kind != ValueType::Object || value.is_date().unwrap_or(false) {
        return Err(invalid_arg(format!(
            "options: expected an object such as {example}, got a value of type {}",
            type_name(kind)
        )));
    }
    // SAFETY: `value` is a live handle of the current call and an object (checked just above).
    let object = unsafe { value.cast::<Object<'env>>() }.map_err(napi_error)?;
    for key in Object::keys(&object).map_err(napi_error)? {
        if !names.contains(&key.as_str()) {
            return Err(invalid_arg(format!(
                "options: unknown option {key:?}; expected {}",
                names.join(", ")
            )));
        }
    }
    Ok(Some(object))
}

/// The field `name` of an options object; `undefined` and `null` are `None`.
pub fn option_field<'env>(
    object: &Object<'env>,
    name: &str,
) -> Result<Option<Unknown<'env>>, JsError> {
    match object.get::<Unknown<'env>>(name).map_err(napi_error)? {
        Some(value)
            if !matches!(
                type_of(name, &value)?,
                ValueType::Null | ValueType::Undefined
            ) =>
        {
            Ok(Some(value))
        }
        _ => Ok(None),
    }
}

/// The value of the only option, `name`, of an options object read as [`options_object`] does.
pub fn sole_option<'env>(
    options: Option<&Unknown<'env>>,
    name: &str,
    example: &str,
) -> Result<Option<Unknown<'env>>, JsError> {
    match options_object(options, &[name], example)? {
        Some(object) => option_field(&object, name),
        None => Ok(None),
    }
}

/// A JS number option's value (`InvalidArg` for any other type).
pub fn number_value(name: &str, value: &Unknown<'_>) -> Result<f64, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::Number {
        return Err(invalid_arg(format!(
            "{name}: expected a number, got a value of type {}",
            type_name(kind)
        )));
    }
    // SAFETY: `value` is a live handle of the current call and a number (checked just above).
    unsafe { value.cast::<f64>() }.map_err(napi_error)
}

/// A JS boolean option's value (`InvalidArg` for any other type).
pub fn bool_value(name: &str, value: &Unknown<'_>) -> Result<bool, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::Boolean {
        return Err(invalid_arg(format!(
            "{name}: expected a boolean, got a value of type {}",
            type_name(kind)
        )));
    }
    // SAFETY: `value` is a live handle of the current call and a boolean (checked just above).
    unsafe { value.cast::<bool>() }.map_err(napi_error)
}

/// A JS string option's value (`InvalidArg` for any other type).
pub fn string_arg(name: &str, value: &Unknown<'_>) -> Result<String, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::String {
        return Err(invalid_arg(format!(
            "{name}: expected a string, got a value of type {}",
            type_name(kind)
        )));
    }
    string_value(name, value)
}

/// A failure of Node-API itself (or a pending exception thrown by an option's getter, which stays
/// pending and reaches the caller unchanged).
pub fn napi_error(error: napi::Error) -> JsError {
    napi::Error::new(Code::Napi(error.status), error.reason.clone())
}
