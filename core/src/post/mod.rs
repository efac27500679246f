//! Letters (SPEC section 9): sheets, envelopes, weight, postage, destination country, dates and
//! job states of printed and posted mail.
//!
//! Uses the business calendar of [`crate::schedule`] for handover and delivery dates.

mod page;

pub use page::PageSize;

// The destination country (country line) and, under the `pdf` feature, page sizes read from a PDF.
mod country;
pub use country::{Country, CountryCandidate, CountryError, Destination, country, destination};
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
pub use pdf::{PdfError, pdf_page_sizes};
