//! The Node face of `envoi::security` (login protection and password reset), in the `security`
//! namespace of the module (`require('envoi').security`), mirroring the core's modules:
//! [`lockout`] ↔ `LockoutPolicy` and `LoginGuard` (the state machine the host stores per
//! account), [`reset`] ↔ `issuePasswordReset`, `readPasswordReset`, `verifyPasswordReset` and
//! `ResetToken` (single-use, expiring tokens of a `tracking.KeyRing` that embed the credential
//! version), [`error`] ↔ `SecurityError` (a thrown `Error` with the error's fields as properties).
//!
//! Only conversions. Durations are whole seconds; instants a `Date` or an ISO 8601 string with an
//! offset in, RFC 3339 strings in UTC out; account ids safe integers or `bigint`s.

pub mod error;
mod lockout;
mod reset;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `security.LockoutPolicy` and `security.LoginGuard` refuse a call
/// without `new` (see [`Js::require_new`]; `security.ResetToken` has no constructor).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"security")?;
    js.require_new(namespace, c"LockoutPolicy")?;
    js.require_new(namespace, c"LoginGuard")
}
