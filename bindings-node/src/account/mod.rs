//! The Node face of `envoi::account` (the customer account: who it is, where it is invoiced, its
//! state and its options), in the `account` namespace of the module (`require('envoi').account`),
//! mirroring the core's modules: [`account`] ↔ `Account` (its state machine, history and
//! options) and `StateChange`, [`error`] ↔ `AccountError` (a thrown `Error` with the error's
//! fields as properties).
//!
//! Only conversions. Instants go in as a `Date` or an ISO 8601 string with an offset and come out
//! as RFC 3339 strings with the offset of the account's zone; the invoicing address is an
//! `invoice.Party`, the SMS option a `contacts.AccountSmsOption`, the VAT evidence a
//! `vat.VatEvidence`; states, channels, languages and customer kinds are the core's snake_case
//! codes; sender ids safe integers or `bigint`s in, numbers out (`bigint`s above 2^53 − 1).

#[allow(
    clippy::module_inception,
    reason = "the core's module layout: envoi::account::account"
)]
mod account;
pub mod error;

pub use account::Account;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `account.Account` refuse a call without `new` (see
/// [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"account")?;
    js.require_new(namespace, c"Account")
}
