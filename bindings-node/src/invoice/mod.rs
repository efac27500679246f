//! The Node face of `envoi::invoice`, in the `invoice` namespace of the module
//! (`require('envoi').invoice`), mirroring the core's modules: [`line`] ↔ `InvoiceLine` and its VAT
//! category, [`party`] ↔ `Party` (seller, customer), [`document`] ↔ `Invoice` (invoices and credit
//! notes, their totals, the UBL export and the JSON form), [`error`] ↔ `InvoiceError` (a thrown
//! `Error` with the error's fields as properties).
//!
//! Quantities, unit prices, rates and amounts are decimal strings in and out (a JS number is
//! refused: binary floating point is not money); days are `"YYYY-MM-DD"` strings; a language is an
//! ISO 639-1 code (`'fr'`, `'nl'`, `'de'`, `'en'`); a VAT category is its EN 16931 code (`'S'`,
//! `'Z'`, `'E'`, `'AE'`, `'O'`; the names `'standard'`, `'zero_rated'`, `'exempt'`,
//! `'reverse_charge'`, `'out_of_scope'` are read too).

mod document;
pub mod error;
mod line;
mod party;

pub use document::{Invoice, Totals, kind_code, totals_to_js};
pub use line::InvoiceLine;
pub use party::Party;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `InvoiceLine`, `Party` and `Invoice` refuse a call without `new`
/// (see [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"invoice")?;
    js.require_new(namespace, c"InvoiceLine")?;
    js.require_new(namespace, c"Party")?;
    js.require_new(namespace, c"Invoice")
}
