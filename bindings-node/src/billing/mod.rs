//! The Node face of `envoi::billing` (price lists and the numbering of invoices; orders, invoices
//! and the monthly run will join them), in the `billing` namespace of the module
//! (`require('envoi').billing`), mirroring the core's modules: [`prices`] ↔ `PriceList` and its
//! entries (`UnitPrice`, `Pack`, `BlockPlanPrice`, `LetterTariff`, `PostageRate`, `Validity`),
//! [`numbering`] ↔ `InvoiceNumber` and `checkSequence`, [`error`] ↔ `BillingError` (a thrown
//! `Error` with the error's fields as properties).
//!
//! Only conversions. Amounts come out as `{ amount, currency }` (the amount a decimal string, every
//! decimal kept: unit prices may have more decimals than the cent); days go in and out as
//! `"YYYY-MM-DD"` strings (a `Date` is refused: it is an instant, not a day); channels, credit
//! kinds, postages and formats are the core's snake_case codes; invoice numbers their text.

pub mod error;
mod numbering;
mod prices;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `billing.InvoiceNumber` refuse a call without `new` (see
/// [`Js::require_new`]; `billing.PriceList` has factories only).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"billing")?;
    js.require_new(namespace, c"InvoiceNumber")
}
