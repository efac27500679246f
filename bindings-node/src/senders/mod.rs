//! The Node face of `envoi::senders` (the verified email addresses and SMS numbers an account sends
//! from), in the `senders` namespace of the module (`require('envoi').senders`), mirroring the
//! core's modules: [`sender`] ↔ `Sender` (its address, its verification with the one-time codes of
//! a `tracking.KeyRing`, its SMS settings) and `parseSmsSenderNumber`, [`error`] ↔ `SenderError`
//! (a thrown `Error` with the error's fields as properties).
//!
//! Only conversions. Ids (account, sender) are safe integers or `bigint`s in, numbers out
//! (`bigint`s above 2^53 − 1); instants a `Date` or an ISO 8601 string with an offset in, RFC 3339
//! strings in UTC out; the verification is the core's JSON form.

pub mod error;
mod sender;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `senders.Sender` refuse a call without `new` (see
/// [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"senders")?;
    js.require_new(namespace, c"Sender")
}
