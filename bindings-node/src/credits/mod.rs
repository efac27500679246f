//! The Node face of `envoi::credits`, mirroring the core's modules: [`ledger`] ↔ the credit ledger
//! (`Ledger`, its results and its entries), [`plans`] ↔ the billing plans (`BlockPlan`,
//! `monthlyStatement`, their periods, items and statements), [`error`] ↔ `CreditError` (a thrown
//! `Error` with the error's fields as properties).

pub(crate) mod error;
mod ledger;
mod plans;

pub use error::number;
pub use ledger::{Ledger, Order};
pub use plans::{BlockPlan, Money, money_to_js};

use napi::sys;

use crate::js::Js;

/// Module registration: makes `Ledger` and `BlockPlan` refuse a call without `new` (see
/// [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    js.require_new(exports, c"Ledger")?;
    js.require_new(exports, c"BlockPlan")
}
