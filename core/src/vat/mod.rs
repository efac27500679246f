//! VAT: numbers, rates in force on a date, and which VAT an invoice carries (SPEC section 7).
//!
//! The seller is established in Belgium. Nothing here does I/O: the online check of a VAT number
//! (VIES) is the host's, and its answer is an argument.
//!
//! [`VatNumber::parse`] reads a VAT number as people type it and checks its country's format and check
//! digits (the 27 member states, Greece as `EL`, and `XI`; `EU…`/`IM…` OSS ids as their own kind):
//!
//! ```
//! use envoi::ErrorCode;
//! use envoi::vat::{VatNumber, VatNumberKind};
//!
//! let number = VatNumber::parse("be 0403.170.701", None)?;
//! assert_eq!((number.country(), number.compact()), ("BE", "BE0403170701"));
//! assert_eq!(VatNumber::parse("094259216", Some("GR"))?.compact(), "EL094259216");
//! assert_eq!(VatNumber::parse("EU372022452", None)?.kind(), VatNumberKind::Oss);
//! assert_eq!(VatNumber::parse("FR40303265046", None).unwrap_err().code(), "vat.bad_check_digit");
//! # Ok::<(), envoi::vat::VatError>(())
//! ```

mod countries;
mod error;
mod number;
mod online;
mod rates;
mod treatment;

pub use error::VatError;
pub use number::{VAT_COUNTRIES, VatNumber, VatNumberKind, is_eu_member_state};
pub use online::{OnlineCheckUnavailable, OnlineVatCheck};
pub use rates::{Rate, RateTable, rate};
pub use treatment::{
    B2C_THRESHOLD_EUR, CustomerKind, Mention, OnlineCheck, Reason, SELLER_COUNTRY, ServiceKind,
    TreatedAsConsumer, Treatment, TreatmentKind, TreatmentRequest, VatEvidence, treatment,
};
