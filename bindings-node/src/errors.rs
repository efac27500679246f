//! Error mapping: every envoi error becomes a thrown JS `Error` whose `.code` is the core's stable
//! code ([`envoi::ErrorCode::code`]) and whose `.message` is the core's message (`Display`).

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use std::ffi::CStr;

use envoi::ErrorCode;
use envoi::money::MoneyError;
use napi::{Env, Status};

use crate::js::Js;

/// The `.code` of an `Error` thrown by the binding.
///
/// napi-rs writes `Error<S>`'s status as the thrown error's `code`, so this binding-local status
/// type carries envoi's stable codes (`"sms.too_many_parts"`…) instead of napi's own statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// An envoi code, from [`ErrorCode::code`] or `"internal.panic"`.
    Envoi(&'static str),
    /// A Node-API status: an argument of the wrong JS type, or a failure of Node-API itself.
    Napi(Status),
}

impl Code {
    /// A Rust panic caught by [`guard`].
    pub const INTERNAL_PANIC: Code = Code::Envoi("internal.panic");

    /// A JS exception is already pending (the host's own exception, re-thrown unchanged):
    /// napi-rs then leaves it in place rather than throwing a new `Error`.
    pub const PENDING_EXCEPTION: Code = Code::Napi(Status::PendingException);

    /// An argument of the wrong JS type or shape (napi-rs's own `InvalidArg` status).
    pub const INVALID_ARG: Code = Code::Napi(Status::InvalidArg);
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        match self {
            Code::Envoi(code) => code,
            Code::Napi(status) => status.as_ref(),
        }
    }
}

/// The error type every export returns.
pub type JsError = napi::Error<Code>;

/// Maps any envoi error to a JS `Error` with the core's code and message.
pub fn to_js(error: impl Into<envoi::Error>) -> JsError {
    let error: envoi::Error = error.into();
    napi::Error::new(Code::Envoi(error.code()), error)
}

/// The value of one property of a thrown error (see [`throw_with_fields`]).
pub enum Field {
    /// A count or a position, as a JS number.
    Number(f64),
    /// Anything else, as a JS string: names, rules, decimals (never floats) and `"YYYY-MM-DD"` days.
    Text(String),
    /// An id that may pass 2^53 (a token's claims): a number when exact, else a `bigint`.
    Id(u64),
    /// A plain object of fields (a token's claims), fields in this order.
    Object(Vec<(&'static CStr, Field)>),
    /// JS `null` (a field the case does not have, such as the line of `post.country(name)`).
    Null,
    /// An array (a country's suggestions, a job's refused recipients).
    List(Vec<Field>),
    /// An `Error` object, not thrown, with `code`, `message` and fields as properties (the reason
    /// of a job's refused recipient).
    Error {
        /// The core's code.
        code: &'static str,
        /// The core's message.
        message: String,
        /// The error's fields.
        fields: Vec<(&'static CStr, Field)>,
    },
}

/// The JS value of a field.
pub fn field_value(js: Js, value: Field) -> napi::Result<napi::sys::napi_value> {
    match value {
        Field::Number(value) => js.f64(value),
        Field::Text(text) => js.str(&text),
        Field::Id(id) => js.id(id),
        Field::Object(fields) => {
            let object = js.object()?;
            for (name, field) in fields {
                js.set_named(object, name, field_value(js, field)?)?;
            }
            Ok(object)
        }
        Field::Null => js.null(),
        Field::List(items) => js.array(items.into_iter().map(|item| field_value(js, item))),
        Field::Error {
            code,
            message,
            fields,
        } => {
            let object = js.error(code, &message)?;
            for (name, field) in fields {
                js.set_named(object, name, field_value(js, field)?)?;
            }
            Ok(object)
        }
    }
}

/// Throws an `Error` with `code`, `message` and `fields` as properties (the core error's fields,
/// camelCased). Returns the error that tells napi-rs to leave it pending; should building it fail,
/// the plain `Error` with the code and message instead.
pub fn throw_with_fields(
    env: Env,
    code: &'static str,
    message: String,
    fields: Vec<(&'static CStr, Field)>,
) -> JsError {
    // SAFETY: `env` is the environment of the Node-API call running on this thread, and the values
    // built here are thrown before it returns.
    let js = unsafe { Js::new(env.raw()) };
    let throw = || -> napi::Result<()> {
        let object = js.error(code, &message)?;
        for (name, value) in fields {
            js.set_named(object, name, field_value(js, value)?)?;
        }
        js.throw(object)
    };
    match throw() {
        Ok(()) => napi::Error::new(Code::PENDING_EXCEPTION, message),
        Err(_) => napi::Error::new(Code::Envoi(code), message),
    }
}

/// Throws any envoi error as a JS `Error` with its code, its message and, for the VAT, invoice,
/// token, tracking, post, contacts, templates, senders, security, account, billing, id, language
/// and money families, the core error's fields as properties (see `crate::vat::error`,
/// `crate::invoice::error`, `crate::account::error`, `crate::billing::error`…). Other families
/// get their code and message, as [`to_js`] gives.
pub fn envoi_error(env: Env, error: impl Into<envoi::Error>) -> JsError {
    let error: envoi::Error = error.into();
    let text = |value: &str| Field::Text(value.to_owned());
    let fields = match &error {
        envoi::Error::Vat(error) => crate::vat::error::fields(error),
        envoi::Error::Invoice(error) => crate::invoice::error::fields(error),
        envoi::Error::Token(error) => crate::token::error::fields(error),
        envoi::Error::Tracking(error) => crate::tracking::error::tracking_fields(error),
        envoi::Error::SecureAccess(error) => crate::tracking::error::secure_fields(error),
        envoi::Error::Stats(error) => crate::tracking::error::stats_fields(error),
        envoi::Error::Post(error) => crate::post::error::fields(error),
        envoi::Error::Contacts(error) => crate::contacts::error::fields(error),
        envoi::Error::ContactImport(error) => crate::contacts::error::import_fields(error),
        envoi::Error::Id(error) => id_fields(error),
        envoi::Error::Templates(error) => crate::templates::error::fields(error),
        envoi::Error::Sender(error) => crate::senders::error::fields(error),
        envoi::Error::Security(error) => crate::security::error::fields(error),
        envoi::Error::Account(error) => crate::account::error::fields(error, None),
        envoi::Error::Language(error) => vec![(c"value", text(&error.value))],
        envoi::Error::Billing(error) => crate::billing::error::fields(error),
        envoi::Error::Money(error) => money_fields(error),
        _ => return to_js(error),
    };
    throw_with_fields(env, error.code(), error.to_string(), fields)
}

/// The fields of a money error: `value` for an unknown currency or an amount that is not one.
pub fn money_fields(error: &MoneyError) -> Vec<(&'static CStr, Field)> {
    match error {
        MoneyError::UnknownCurrency { value } | MoneyError::InvalidAmount { value } => {
            vec![(c"value", Field::Text(value.clone()))]
        }
        _ => Vec::new(),
    }
}

/// The fields of an id error: `kind` (`'contact id'`…), and `value` and `length` as the case has
/// them.
fn id_fields(error: &envoi::ids::IdError) -> Vec<(&'static CStr, Field)> {
    use envoi::ids::IdError;
    let text = |value: &str| Field::Text(value.to_owned());
    match error {
        IdError::Empty { kind, .. } => vec![(c"kind", text(kind))],
        IdError::TooLong {
            kind, value, len, ..
        } => vec![
            (c"kind", text(kind)),
            (c"value", text(value)),
            #[allow(clippy::cast_precision_loss, reason = "an id's length is small")]
            (c"length", Field::Number(*len as f64)),
        ],
        IdError::InvalidCharacter { kind, value, .. } => {
            vec![(c"kind", text(kind)), (c"value", text(value))]
        }
        _ => Vec::new(),
    }
}

/// An argument that napi-rs accepted but that is not of the documented shape (for example a
/// fractional `maxParts`).
pub fn invalid_arg(message: impl Into<String>) -> JsError {
    napi::Error::new(Code::INVALID_ARG, message.into())
}

/// Throws a `TypeError` with code `InvalidArg` and `message`: a host callback's answer of the wrong
/// type. Returns the error that tells napi-rs to leave it pending; should building it fail, the
/// plain `InvalidArg` `Error` instead.
pub fn throw_type_error(env: Env, message: String) -> JsError {
    // SAFETY: `env` is the environment of the Node-API call running on this thread, and the error
    // built here is thrown before it returns.
    let js = unsafe { Js::new(env.raw()) };
    let code = Code::INVALID_ARG;
    match js
        .type_error(code.as_ref(), &message)
        .and_then(|error| js.throw(error))
    {
        Ok(()) => napi::Error::new(Code::PENDING_EXCEPTION, message),
        Err(_) => napi::Error::new(code, message),
    }
}

/// Runs an export's body, turning a Rust panic into an `Error` with code `"internal.panic"`.
///
/// Without it a panic would unwind into Node-API's C frames and abort the whole Node process.
pub fn guard<T>(body: impl FnOnce() -> Result<T, JsError>) -> Result<T, JsError> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(panic_error(payload.as_ref())))
}

fn panic_error(payload: &(dyn Any + Send)) -> JsError {
    let detail = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    napi::Error::new(
        Code::INTERNAL_PANIC,
        format!(
            "internal error: envoi panicked ({detail}); this is a bug in envoi, please report it"
        ),
    )
}
