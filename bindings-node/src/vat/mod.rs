//! The Node face of `envoi::vat`, in the `vat` namespace of the module (`require('envoi').vat`),
//! mirroring the core's modules: [`number`] ↔ VAT numbers (`vat.validate`, `vat.parseNumber`,
//! `vat.isEuMemberState`, `vat.countries`), [`rates`] ↔ the rate table (`vat.rate`,
//! `vat.RateTable`), [`treatment`] ↔ which VAT an order carries (`vat.treatment`,
//! `vat.Treatment`), [`error`] ↔ `VatError` (a thrown `Error` with the error's fields as
//! properties).
//!
//! Rates and amounts are decimal strings in and out (a JS number is refused), calendar days
//! `"YYYY-MM-DD"` strings (a `Date` is refused: it is an instant, not a day), languages ISO 639-1
//! codes (`'fr'`, `'nl'`, `'de'`, `'en'`).

pub mod error;
mod number;
mod online;
mod rates;
mod treatment;

use napi::sys;

pub use treatment::{Treatment, VatEvidence, evidence_to_js, language_arg, online_check_arg};

use crate::js::Js;

/// Module registration: the `vat` namespace object of `exports`, with its wrapped `validate` (see
/// [`number::install`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"vat")?;
    number::install(js, namespace)
}
