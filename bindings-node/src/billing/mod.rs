//! The Node face of `envoi::billing` (price lists, orders of credit packs, invoice drafts, the
//! numbered invoice book and the runs that invoice use), in the `billing` namespace of the module
//! (`require('envoi').billing`), mirroring the core's modules: [`prices`] ↔ `PriceList` and its
//! entries (`UnitPrice`, `Pack`, `BlockPlanPrice`, `LetterTariff`, `PostageRate`, `Validity`),
//! [`query`] ↔ `LetterQuery`, `letterQuery` and `LetterPrice`, [`numbering`] ↔ `InvoiceNumber`,
//! `checkSequence` and `checkSequenceAfter`, [`order`] ↔ `placeOrder` and `PackOrder`, [`book`] ↔
//! `InvoiceDraft`, `IssuedInvoice`, `Seller` and `InvoiceBook`, [`run`] ↔ `monthlyRun`,
//! `subscribeBlockPlan`, `BlockSubscription` and `blockPlanRun`, [`error`] ↔ `BillingError` (a
//! thrown `Error` with the error's fields as properties).
//!
//! Only conversions. Amounts come out as `{ amount, currency }` (the amount a decimal string, every
//! decimal kept: unit prices may have more decimals than the cent); days go in and out as
//! `"YYYY-MM-DD"` strings (a `Date` is refused: it is an instant, not a day); channels, credit
//! kinds, postages and formats are the core's snake_case codes; invoice numbers their text; a month
//! its `"YYYY-MM"` text; classes of the other namespaces (`account.Account`, `Ledger`,
//! `vat.Treatment`, `invoice.Invoice`…) cross as they are.

mod book;
pub mod error;
mod numbering;
mod order;
mod prices;
mod query;
mod run;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `billing.InvoiceNumber` refuse a call without `new` (see
/// [`Js::require_new`]; `billing.PriceList` has factories only).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"billing")?;
    js.require_new(namespace, c"InvoiceNumber")?;
    js.require_new(namespace, c"Seller")?;
    js.require_new(namespace, c"InvoiceBook")
}
