//! Readers of JS arguments shared by the domain modules: the type of a value for messages, safe
//! integers, strings read from an `Unknown`, and options objects (strict about their keys).

use envoi::ErrorCode;
use envoi::money::Money;
use napi::bindgen_prelude::{
    Array, FromNapiMutRef, FromNapiRef, Object, Unknown, ValidateNapiValue,
};
use std::ffi::CStr;

use napi::{Env, JsValue, ValueType, sys};
use rust_decimal::Decimal;

use crate::errors::{Code, Field, JsError, invalid_arg, throw_with_fields};
use crate::js::Js;

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

/// Reads a whole number of any size (an integral, finite JS number; exact as `i128`, saturating past
/// ±2^127), for arguments the core range-checks itself, such as unit counts. A fraction, NaN or an
/// infinity throws `InvalidArg`.
pub fn whole_number(name: &str, value: f64) -> Result<i128, JsError> {
    if value.fract() != 0.0 || !value.is_finite() {
        return Err(invalid_arg(format!(
            "{name}: expected a whole number, got {value}"
        )));
    }
    // An integral, finite f64: exact in i128 up to ±2^127, saturating beyond.
    #[allow(clippy::cast_possible_truncation)]
    Ok(value as i128)
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

/// The fields `names` of an options object read as [`options_object`] does (`undefined` and
/// `null` are `None`), with `c_names` the same names for Node-API. An object whose keys are all
/// known is read with named lookups only; any other value takes [`options_object`]'s path, which
/// refuses it or names its unknown key.
pub fn option_fields<'env, const N: usize>(
    env: Env,
    options: Option<&Unknown<'env>>,
    c_names: [&CStr; N],
    names: &[&str; N],
    example: &str,
) -> Result<[Option<Unknown<'env>>; N], JsError> {
    let Some(value) = options else {
        return Ok([const { None }; N]);
    };
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    let raw = value.raw();
    let kind = js.type_of(raw).map_err(napi_error)?;
    if kind == sys::ValueType::napi_object
        && let Some(fields) = js.known_fields(raw, c_names).map_err(napi_error)?
        && fields.iter().any(Option::is_some)
    {
        // SAFETY: each field is a live value of this call, read from `value`.
        return Ok(fields.map(|field| {
            field.map(|field| unsafe { Unknown::from_raw_unchecked(env.raw(), field) })
        }));
    }
    let mut out = [const { None }; N];
    if let Some(object) = options_object(Some(value), names, example)? {
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = option_field(&object, name)?;
        }
    }
    Ok(out)
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

/// Reads the decimal argument `name` (a VAT rate, an amount, a quantity, an exchange rate): a JS
/// string holding a plain decimal (`'21'`, `'5.5'`, `'-0.525'`), read exactly with the core's rule
/// for amounts (`Money::parse`). A JS number is refused with `InvalidArg` (binary floating point
/// is neither money nor a rate: `0.1 + 0.2` is not `0.3`); a string that is not a plain decimal
/// (`'21%'`, `'1e3'`, `'5,5'`) throws `money.invalid_amount` with `field` and `value`.
pub fn decimal_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<Decimal, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::String {
        return Err(invalid_arg(format!(
            "{name}: expected a decimal string such as '21' or '0.0075', got a value of type {}; \
             amounts and rates are never binary floating point (write '5.5', not 5.5)",
            type_name(kind)
        )));
    }
    let text = string_value(name, value)?;
    match Money::parse(&text, "EUR") {
        Ok(money) => Ok(money.amount()),
        Err(error) => {
            let message = error.to_string();
            let detail = message.strip_prefix("amount: ").unwrap_or(&message);
            Err(throw_with_fields(
                env,
                error.code(),
                format!("{name}: {detail}"),
                vec![
                    (c"field", Field::Text(name.to_owned())),
                    (c"value", Field::Text(text.chars().take(40).collect())),
                ],
            ))
        }
    }
}

/// Reads an instance of the class `T` (checked with `instanceof`, so an object of another class is
/// refused rather than misread): `InvalidArg` naming `name` and `expected` otherwise.
pub fn instance_arg<T>(
    name: &str,
    value: &Unknown<'_>,
    expected: &str,
) -> Result<&'static T, JsError>
where
    T: FromNapiRef + 'static,
    &'static T: ValidateNapiValue,
{
    check_instance::<&'static T>(name, value, expected)?;
    let handle = value.value();
    // SAFETY: `handle` is a live value of the current Node-API call, on its thread, and an
    // instance of `T`'s class (checked just above), so it wraps a `T`, which lives at least as long
    // as the JS object this call holds.
    unsafe { T::from_napi_ref(handle.env, handle.value) }.map_err(napi_error)
}

/// As [`instance_arg`], for an instance the call changes (a `post.BarcodeRange` handing out its
/// barcodes). The caller holds no other reference to it: `T` is not the class of `this`.
pub fn instance_mut_arg<T>(
    name: &str,
    value: &Unknown<'_>,
    expected: &str,
) -> Result<&'static mut T, JsError>
where
    T: FromNapiMutRef + 'static,
    &'static mut T: ValidateNapiValue,
{
    check_instance::<&'static mut T>(name, value, expected)?;
    let handle = value.value();
    // SAFETY: as in `instance_arg`; the JS object is single-threaded and no other Rust reference
    // to its `T` lives during this call.
    unsafe { T::from_napi_mut_ref(handle.env, handle.value) }.map_err(napi_error)
}

/// `InvalidArg` naming `name` and `expected` unless `value` is an instance of `R`'s class.
fn check_instance<R: ValidateNapiValue>(
    name: &str,
    value: &Unknown<'_>,
    expected: &str,
) -> Result<(), JsError> {
    let handle = value.value();
    // SAFETY: `handle` is a live value of the current Node-API call, on its thread.
    let checked = unsafe { R::validate(handle.env, handle.value) };
    if checked.is_err() {
        let kind = type_of(name, value)?;
        return Err(invalid_arg(format!(
            "{name}: expected {expected}, got {}",
            if kind == ValueType::Object {
                "an object of another class".to_owned()
            } else {
                format!("a value of type {}", type_name(kind))
            }
        )));
    }
    Ok(())
}

/// The elements of the array argument `name` (`InvalidArg` for any other value).
pub fn array_items<'env>(
    name: &str,
    value: &Unknown<'env>,
    expected: &str,
) -> Result<Vec<Unknown<'env>>, JsError> {
    if !value.is_array().unwrap_or(false) {
        let kind = type_of(name, value)?;
        return Err(invalid_arg(format!(
            "{name}: expected {expected}, got {}",
            if kind == ValueType::Object {
                "an object that is not an array".to_owned()
            } else {
                format!("a value of type {}", type_name(kind))
            }
        )));
    }
    // SAFETY: `value` is a live handle of the current call and an array (checked just above).
    let array = unsafe { value.cast::<Array<'env>>() }.map_err(napi_error)?;
    (0..array.len())
        .map(|index| {
            array
                .get::<Unknown<'env>>(index)
                .map_err(napi_error)?
                .ok_or_else(|| invalid_arg(format!("{name}[{index}]: is missing")))
        })
        .collect()
}

/// Reads a plain object argument `name` (not an array, not a `Date`) whose keys are all in
/// `names`: `InvalidArg` otherwise.
pub fn record_arg<'env>(
    name: &str,
    value: &Unknown<'env>,
    names: &[&str],
    example: &str,
) -> Result<Object<'env>, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::Object
        || value.is_array().unwrap_or(false)
        || value.is_date().unwrap_or(false)
    {
        return Err(invalid_arg(format!(
            "{name}: expected an object such as {example}, got {}",
            if kind == ValueType::Object {
                "an array or a Date".to_owned()
            } else {
                format!("a value of type {}", type_name(kind))
            }
        )));
    }
    // SAFETY: `value` is a live handle of the current call and an object (checked just above).
    let object = unsafe { value.cast::<Object<'env>>() }.map_err(napi_error)?;
    for key in Object::keys(&object).map_err(napi_error)? {
        if !names.contains(&key.as_str()) {
            return Err(invalid_arg(format!(
                "{name}: unknown field {key:?}; expected {}",
                names.join(", ")
            )));
        }
    }
    Ok(object)
}

/// The required field `field` of `object` (`InvalidArg` naming `name.field` when absent or `null`).
pub fn required_field<'env>(
    object: &Object<'env>,
    name: &str,
    field: &str,
) -> Result<Unknown<'env>, JsError> {
    option_field(object, field)?.ok_or_else(|| invalid_arg(format!("{name}.{field}: is required")))
}
