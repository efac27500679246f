//! VAT: numbers, rates in force on a date, and which VAT an invoice carries (SPEC section 7).
//!
//! The seller is established in Belgium. Nothing here does I/O: the online check of a VAT number
//! (VIES) is the host's, and its answer is an argument.

mod error;
mod rates;

pub use error::VatError;
pub use rates::{Rate, RateTable, rate};
