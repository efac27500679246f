//! The Node face of `envoi::post` (letters: sheets, envelopes, weight, postage, the destination
//! country, handover and delivery dates, jobs and their states, registered mail, retention), in
//! the `post` namespace of the module (`require('envoi').post`), mirroring the core's modules:
//! [`letter`] ↔ documents and letters as JS gives them, [`quote`] ↔ `quote`, the country line,
//! PDFs and the post's data, [`job`] ↔ `quoteJob`, `Job` and `RegisteredLetter`, [`registered`]
//! ↔ `Barcode` (`parseBarcode`, `s10Barcode`), `BarcodeRange`, `RegisteredSummary` and the
//! retention deadlines, [`error`] ↔ `PostError` (a thrown `Error` with the error's fields as
//! properties).
//!
//! Only conversions. Page counts are safe integers; millimetres and grams decimal strings
//! (`'295.5'`; a whole number of millimetres may also be a JS integer, never a fraction); days
//! `"YYYY-MM-DD"` strings; instants a `Date` or an ISO 8601 string with an offset in, RFC 3339
//! strings in Europe/Brussels (the post's zone) out; ids (account, job, sender, approver) and
//! barcode serials safe integers or `bigint`s in, numbers out (`bigint`s above 2^53 − 1);
//! registered-mail barcodes strings (`'RR123456785BE'`), checked by the core. Enumerations are the
//! core's snake_case codes.

pub mod error;
mod job;
mod letter;
mod quote;
mod registered;

pub use job::Job;
pub use letter::postage_arg;
pub use quote::letter_quote;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `post.Job` and `post.RegisteredSummary` refuse a call without `new`
/// (see [`Js::require_new`]; `post.BarcodeRange` has factories only).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"post")?;
    js.require_new(namespace, c"Job")?;
    js.require_new(namespace, c"RegisteredSummary")
}
