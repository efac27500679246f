//! The host's online check of a VAT number (VIES) written in JS: a function given as the `vies`
//! option of `vat.treatment`, adapted to the core's [`OnlineVatCheck`]. The core decides whether
//! to ask it ([`TreatmentRequest::with_online_check_from`]); this module only calls it and reads
//! its answer.

use std::cell::Cell;
use std::ptr;

use envoi::vat::{
    OnlineCheck, OnlineCheckUnavailable, OnlineVatCheck, TreatmentRequest, VatNumber,
};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, ValueType, sys};

use super::treatment::online_check_arg;
use crate::args::{type_name, type_of};
use crate::errors::{Code, JsError, throw_type_error};
use crate::js::Js;
use crate::time::rethrow;

/// The name of the checker's answer in messages.
const ANSWER: &str = "vies(number)";

/// Asks the host's `checker` (a JS function) when the core says its answer decides the
/// treatment, and records the answer in `request`.
///
/// An exception the checker throws reaches the caller unchanged (the same object); an answer of
/// the wrong type throws a `TypeError` with code `InvalidArg` naming `vies`; `null` is an
/// unavailable service.
pub fn ask_host(
    env: Env,
    request: TreatmentRequest,
    checker: &Unknown<'_>,
) -> Result<TreatmentRequest, JsError> {
    let host = HostCheck {
        env: env.raw(),
        checker: checker.value().value,
        failure: Cell::new(None),
    };
    let request = request.with_online_check_from(&host);
    match host.failure.take() {
        None => Ok(request),
        Some(Failure::Thrown(exception)) => Err(rethrow(env.raw(), exception)),
        Some(Failure::Error(error)) if error.status == Code::INVALID_ARG => {
            Err(throw_type_error(env, error.reason.clone()))
        }
        Some(Failure::Error(error)) => Err(error),
    }
}

/// Why the checker gave no answer the core can use, kept for [`ask_host`] to throw.
enum Failure {
    /// The checker threw this value (the pending exception, cleared).
    Thrown(sys::napi_value),
    /// Its answer was not of the documented type, or Node-API failed.
    Error(JsError),
}

/// Adapts a JS function `(number: string) => boolean | OnlineCheck | null` to [`OnlineVatCheck`].
///
/// Lives only for one synchronous call on the JS thread, so its raw handles stay valid. A failure
/// is kept in `failure` and the core is told the service is unavailable; [`ask_host`] then throws
/// it instead of deciding the treatment.
struct HostCheck {
    env: sys::napi_env,
    checker: sys::napi_value,
    failure: Cell<Option<Failure>>,
}

impl OnlineVatCheck for HostCheck {
    fn check(&self, number: &VatNumber) -> Result<OnlineCheck, OnlineCheckUnavailable> {
        match self.ask(number.compact()) {
            Ok(Some(answer)) => Ok(answer),
            Ok(None) => Err(OnlineCheckUnavailable::new(
                "the host's checker returned null",
            )),
            Err(failure) => {
                self.failure.set(Some(failure));
                Err(OnlineCheckUnavailable::new("the host's checker failed"))
            }
        }
    }
}

impl HostCheck {
    /// Calls the checker with the compact number (`this` undefined) and reads its answer.
    fn ask(&self, compact: &str) -> Result<Option<OnlineCheck>, Failure> {
        // SAFETY: `env` is the environment of the Node-API call running on this thread (see the
        // type's doc); the values built are used before it returns.
        let js = unsafe { Js::new(self.env) };
        let argument = js.str(compact).map_err(node_api)?;
        let receiver = js.undefined().map_err(node_api)?;
        let mut result = ptr::null_mut();
        // SAFETY: `env`, `receiver`, `checker` (a function, checked by the caller) and `argument`
        // are live handles of this call; `argv` is readable for its one value.
        let status = unsafe {
            sys::napi_call_function(self.env, receiver, self.checker, 1, &argument, &mut result)
        };
        if status == sys::Status::napi_pending_exception {
            let mut exception = ptr::null_mut();
            // SAFETY: an exception is pending on this env; this clears it and hands it to us.
            let cleared =
                unsafe { sys::napi_get_and_clear_last_exception(self.env, &mut exception) };
            if cleared == sys::Status::napi_ok {
                return Err(Failure::Thrown(exception));
            }
        }
        if status != sys::Status::napi_ok {
            return Err(Failure::Error(napi::Error::new(
                Code::Napi(napi::Status::from(status)),
                "vies: calling the host's checker failed".to_owned(),
            )));
        }
        // SAFETY: `result` is the live value the checker returned, in this call's scope.
        let answer = unsafe { Unknown::from_raw_unchecked(self.env, result) };
        read_answer(&answer).map_err(Failure::Error)
    }
}

/// The checker's answer: `null` is unavailable; `true`/`false` or an {@link vat.OnlineCheck} is
/// what the service said. `undefined` (a missing `return`) and a `Promise` (an `async` checker)
/// are refused: envoi calls the checker synchronously.
fn read_answer(answer: &Unknown<'_>) -> Result<Option<OnlineCheck>, JsError> {
    let kind = type_of(ANSWER, answer)?;
    let refused = |what: &str| {
        napi::Error::new(
            Code::INVALID_ARG,
            format!(
                "{ANSWER}: the checker returned {what}; expected true, false, null (service unavailable) or {{ valid, requestId?, checkedAt? }}"
            ),
        )
    };
    match kind {
        ValueType::Null => Ok(None),
        ValueType::Undefined => Err(refused("undefined (a missing return?)")),
        ValueType::Object if answer.is_promise().unwrap_or(false) => Err(refused(
            "a Promise (the call is synchronous: await the check first and pass its answer as vies)",
        )),
        ValueType::Boolean | ValueType::Object => online_check_arg(ANSWER, answer).map(Some),
        other => Err(refused(&format!("a value of type {}", type_name(other)))),
    }
}

/// A Node-API failure while calling the checker.
fn node_api(error: napi::Error) -> Failure {
    Failure::Error(napi::Error::new(
        Code::Napi(error.status),
        format!("vies: {}", error.reason),
    ))
}
