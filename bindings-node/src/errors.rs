//! Error mapping: every envoi error becomes a thrown JS `Error` whose `.code` is the core's stable
//! code ([`envoi::ErrorCode::code`]) and whose `.message` is the core's message (`Display`).

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use envoi::ErrorCode;
use napi::Status;

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

/// An argument that napi-rs accepted but that is not of the documented shape (for example a
/// fractional `maxParts`).
pub fn invalid_arg(message: impl Into<String>) -> JsError {
    napi::Error::new(Code::INVALID_ARG, message.into())
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
