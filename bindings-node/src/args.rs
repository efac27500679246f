//! Readers of JS arguments shared by the domain modules: the type of a value for messages, safe
//! integers, and strings read from an `Unknown`.

use napi::bindgen_prelude::Unknown;
use napi::{JsValue, ValueType};

use crate::errors::{JsError, invalid_arg};

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
