//! The Node face of `envoi::contacts` (phone numbers, email addresses, the contact record, who may
//! be sent what, groups, SMS replies and the CSV import), in the `contacts` namespace of the module
//! (`require('envoi').contacts`), mirroring the core's modules: [`phone`] ↔ `normalizePhone`,
//! `parseE164` and `parseEmail`, [`contact`] ↔ `Contact` (with its consent methods),
//! [`consent`] ↔ `AccountSmsOption` and the refusals, [`group`] ↔ `Group` and
//! `ensureContactsExist`, [`reply`] ↔ `classifyReply` and `replyKeywords`, [`import`] ↔
//! `importCsv` and `CsvImporter` (`envoi::contacts::import`), [`error`] ↔ `ContactError`,
//! `Refusal`, `ImportError` and `RowError` (a thrown `Error` with the error's fields as
//! properties).
//!
//! Only conversions. Instants come in as a `Date` or an ISO 8601 string with an offset and go out
//! as RFC 3339 strings in UTC (`'2026-03-02T09:00:00Z'`), the core's JSON form; channels, kinds and
//! consent sources are the core's snake_case names and JSON objects.

mod consent;
mod contact;
pub mod error;
mod group;
mod import;
mod phone;
mod reply;

pub use consent::AccountSmsOption;
pub use contact::Contact;
pub use group::HostPredicate;
pub use phone::PhoneNumber;

use napi::bindgen_prelude::Unknown;
use napi::{JsValue, sys};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::args::string_arg;
use crate::errors::{JsError, invalid_arg};
use crate::js::Js;
use crate::json;

/// Module registration: makes `contacts.Contact`, `contacts.Group`, `contacts.AccountSmsOption`
/// and `contacts.CsvImporter` refuse a call without `new` (see [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"contacts")?;
    js.require_new(namespace, c"Contact")?;
    js.require_new(namespace, c"Group")?;
    js.require_new(namespace, c"AccountSmsOption")?;
    js.require_new(namespace, c"CsvImporter")
}

/// The channels, as the core names them.
pub const CHANNELS: &str = "'email', 'sms', 'secure_email', 'letter'";

/// The core's JSON name of a unit enum value (`"secure_email"`, `"fixed_line"`).
pub fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// Reads an enum from its core JSON name (a JS string): `InvalidArg` naming `name` and listing
/// `expected` otherwise.
pub fn serde_enum_arg<T: DeserializeOwned>(
    name: &str,
    value: &Unknown<'_>,
    expected: &str,
) -> Result<T, JsError> {
    let text = string_arg(name, value)?;
    serde_enum(name, &text, expected)
}

/// Reads an enum from its core JSON name: `InvalidArg` naming `name` and listing `expected`
/// otherwise.
pub fn serde_enum<T: DeserializeOwned>(
    name: &str,
    text: &str,
    expected: &str,
) -> Result<T, JsError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
        invalid_arg(format!(
            "{name}: unknown value {:?}; expected one of {expected}",
            text.chars().take(40).collect::<String>()
        ))
    })
}

/// A channel argument (`'email'`, `'sms'`, `'secure_email'`, `'letter'`).
pub fn channel_arg(name: &str, value: &Unknown<'_>) -> Result<envoi::contacts::Channel, JsError> {
    serde_enum_arg(name, value, CHANNELS)
}

/// A value of the core as its JSON form, a plain JS value.
pub fn to_js_value<T: Serialize>(js: Js, value: &T) -> napi::Result<sys::napi_value> {
    let value = serde_json::to_value(value)
        .map_err(|error| napi::Error::new(napi::Status::GenericFailure, error.to_string()))?;
    json::to_js(js, &value)
}

/// A value of the core read from its JSON form given as a plain JS value: `InvalidArg` naming
/// `name` and saying what serde refused.
pub fn from_js_value<T: DeserializeOwned>(
    js: Js,
    name: &str,
    value: &Unknown<'_>,
) -> Result<T, JsError> {
    let json = json::from_js(js, value.raw(), name)?;
    serde_json::from_value(json).map_err(|error| invalid_arg(format!("{name}: {error}")))
}
