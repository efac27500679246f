//! Error mapping: every envoi error becomes an instance of a class of `envoi.errors`.
//!
//! The classes are defined in Python (`python/envoi/errors.py`) so they are ordinary `Exception`
//! subclasses with a `.code` attribute; this module only picks the class from the core's family
//! (`ErrorCode::family`) and passes the core's code and message (`Display`) unchanged.
//!
//! [`guard`] wraps every exported function: a Rust panic becomes `envoi.InternalError` with code
//! `"internal.panic"` instead of pyo3's `PanicException` (which derives from `BaseException`).

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use envoi::ErrorCode;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

/// The code of the error raised when Rust panics.
pub(crate) const PANIC_CODE: &str = "internal.panic";

/// The Python module that defines the exception classes.
static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The `envoi.errors` class for a code: its family's (`"sms"` → `SmsError`), except the codes of
/// the contact import (`contacts.import.*`, the core's `ImportError`), which get their own subclass
/// of `ContactError`.
fn class_name(family: &str, code: &str) -> &'static str {
    if code.starts_with("contacts.import.") {
        return "ContactImportError";
    }
    match family {
        "sms" => "SmsError",
        "time" => "TimeError",
        "clock" => "ClockError",
        "money" => "MoneyError",
        "id" => "IdError",
        "schedule" => "ScheduleError",
        "credits" => "CreditError",
        "vat" => "VatError",
        "invoice" => "InvoiceError",
        "post" => "PostError",
        "language" => "LanguageError",
        "token" => "TokenError",
        "tracking" => "TrackingError",
        "contacts" => "ContactError",
        "templates" => "TemplateError",
        "senders" => "SenderError",
        "security" => "SecurityError",
        "account" => "AccountError",
        "billing" => "BillingError",
        "internal" => "InternalError",
        _ => "EnvoiError",
    }
}

/// Builds the Python exception for a code and a message, with the error's fields as keyword
/// arguments (attributes of the exception) when there are any.
fn build(
    py: Python<'_>,
    family: &str,
    code: &str,
    message: &str,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyErr> {
    let module =
        ERRORS_MODULE.get_or_try_init(py, || py.import("envoi.errors").map(Bound::unbind))?;
    let class = module.bind(py).getattr(class_name(family, code))?;
    let instance = class.call((message, code), fields)?;
    Ok(PyErr::from_value(instance))
}

/// The Python exception for a code: the envoi class of its family, or whatever failed while
/// building it (which only happens if `envoi.errors` cannot be imported).
fn raise(py: Python<'_>, family: &str, code: &str, message: &str) -> PyErr {
    build(py, family, code, message, None).unwrap_or_else(|error| error)
}

/// Maps any envoi error to its Python exception (`envoi.SmsError`, `envoi.TimeError`…), keeping
/// the core's code and message.
pub(crate) fn to_py_err(py: Python<'_>, error: impl Into<envoi::Error>) -> PyErr {
    let error: envoi::Error = error.into();
    raise(py, error.family(), error.code(), &error.to_string())
}

/// Maps an envoi error to its Python exception with the core's code but the binding's own message,
/// for a limit that is the binding's rather than the core's (Python's dates end in year 9999).
pub(crate) fn to_py_err_with_message(
    py: Python<'_>,
    error: impl Into<envoi::Error>,
    message: &str,
) -> PyErr {
    let error: envoi::Error = error.into();
    raise(py, error.family(), error.code(), message)
}

/// Maps an envoi error to its Python exception with the core's code and message, and `fields` (the
/// error's fields, named as the core names them) as attributes: `envoi.CreditError` has `needed`,
/// `available`…
pub(crate) fn to_py_err_with_fields(
    py: Python<'_>,
    error: impl Into<envoi::Error>,
    fields: &Bound<'_, PyDict>,
) -> PyErr {
    let error: envoi::Error = error.into();
    build(
        py,
        error.family(),
        error.code(),
        &error.to_string(),
        Some(fields),
    )
    .unwrap_or_else(|error| error)
}

/// Maps an envoi error to its Python exception with the core's code, the binding's own `message`
/// (the core's message with the binding's context, such as which document a PDF error is about),
/// and `fields` as attributes.
pub(crate) fn to_py_err_with_message_and_fields(
    py: Python<'_>,
    error: impl Into<envoi::Error>,
    message: &str,
    fields: &Bound<'_, PyDict>,
) -> PyErr {
    let error: envoi::Error = error.into();
    build(py, error.family(), error.code(), message, Some(fields)).unwrap_or_else(|error| error)
}

/// The `envoi.InternalError` (code `"internal.panic"`) for an object that a panic left unusable
/// (a poisoned lock), with the binding's message.
pub(crate) fn poisoned(py: Python<'_>, message: &str) -> PyErr {
    raise(py, "internal", PANIC_CODE, &format!("internal: {message}"))
}

/// The `envoi.InternalError` for a caught panic, with the panic's message when it has one.
fn panic_to_py_err(py: Python<'_>, payload: &(dyn Any + Send)) -> PyErr {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    let message = format!("internal: envoi panicked (a bug in envoi, please report it): {detail}");
    raise(py, "internal", PANIC_CODE, &message)
}

/// Runs the body of an exported function, turning a panic into `envoi.InternalError`.
pub(crate) fn guard<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(panic_to_py_err(py, &*payload)))
}
