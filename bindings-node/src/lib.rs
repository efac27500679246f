//! Node.js bindings of envoi, built with napi-rs.
//!
//! The binding only converts types and maps errors; every rule lives in the `envoi` crate. The
//! modules mirror the core's: [`sms`] ↔ `envoi::sms`, [`time`] ↔ `envoi::time`, [`schedule`] ↔
//! `envoi::schedule`, [`credits`] ↔ `envoi::credits`, [`vat`] ↔ `envoi::vat` (the `vat`
//! namespace), [`invoice`] ↔ `envoi::invoice` (the `invoice` namespace), [`errors`] ↔
//! `envoi::error`, [`token`] ↔ `envoi::token` and [`tracking`] ↔ `envoi::tracking` (both in the
//! `tracking` namespace), [`post`] ↔ `envoi::post` (the `post` namespace), [`contacts`] ↔
//! `envoi::contacts` (the `contacts` namespace), [`templates`] ↔ `envoi::templates` (the
//! `templates` namespace), [`senders`] ↔ `envoi::senders` (the `senders` namespace),
//! [`security`] ↔ `envoi::security` (the `security` namespace), [`account`] ↔ `envoi::account`
//! (the `account` namespace), [`billing`] ↔ `envoi::billing` (the `billing` namespace); [`args`]
//! reads the JS arguments they share, [`json`] carries the core's JSON form of stored values
//! (exact for 64-bit ids).
//!
//! Every exported function runs inside [`errors::guard`], so a Rust panic becomes a thrown `Error`
//! with `code === "internal.panic"` instead of aborting the Node process.

// napi-derive registers the exports only outside `cfg(test)`, so a test build (as checked by
// `cargo clippy --all-targets`) sees every export as unused.
#![cfg_attr(test, allow(dead_code))]

mod account;
mod args;
mod billing;
mod contacts;
mod credits;
mod errors;
mod invoice;
mod js;
mod json;
mod post;
mod schedule;
mod security;
mod senders;
mod sms;
mod templates;
mod time;
mod token;
mod tracking;
mod vat;

use napi::bindgen_prelude::Object;
use napi::{Env, JsValue};
use napi_derive::napi;

use crate::errors::{Code, guard};
use crate::js::Js;

/// Module registration, once per Node environment: wraps the exports that take their arguments
/// and build their results in JS (see `js`), and makes `Schedule`, `Ledger` and `BlockPlan` refuse a
/// call without `new`, and the same for `invoice.InvoiceLine`, `invoice.Party` and
/// `invoice.Invoice`, and the same for `tracking.KeyRing`, `tracking.Tracker` and
/// `tracking.Stats`, and the same for `post.Job` and `post.RegisteredSummary`, and the same for
/// `contacts.Contact`, `contacts.Group`, `contacts.AccountSmsOption`, `contacts.CsvImporter`,
/// `templates.Template`, `senders.Sender`, `security.LockoutPolicy`, `security.LoginGuard`,
/// `account.Account` and `billing.InvoiceNumber`;
/// wraps `vat.validate` (see `vat::number`).
#[napi(module_exports)]
pub fn install(exports: Object<'_>, env: Env) -> napi::Result<()> {
    // SAFETY: module registration is a Node-API call of `env`, on its thread.
    let js = unsafe { Js::new(env.raw()) };
    sms::install(js, exports.raw())?;
    schedule::install(js, exports.raw())?;
    credits::install(js, exports.raw())?;
    vat::install(js, exports.raw())?;
    invoice::install(js, exports.raw())?;
    tracking::install(js, exports.raw())?;
    post::install(js, exports.raw())?;
    contacts::install(js, exports.raw())?;
    templates::install(js, exports.raw())?;
    senders::install(js, exports.raw())?;
    security::install(js, exports.raw())?;
    account::install(js, exports.raw())?;
    billing::install(js, exports.raw())
}

/// Test hook: panics inside Rust, to prove that a panic becomes a thrown `Error` whose `.code` is
/// `"internal.panic"` and that the process survives. Not part of the public API.
///
/// @internal
#[napi(js_name = "__envoiPanicForTest")]
pub fn envoi_panic_for_test() -> napi::Result<(), Code> {
    guard(|| panic!("envoi test hook: deliberate panic"))
}
