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

// Letters: documents, sheets, envelope and weight; postage and its rules; the post's data; dates;
// the quote of one letter; jobs and their states; registered mail; retention deadlines.
mod data;
mod dates;
mod error;
mod job;
mod letter;
mod postage;
mod quote;
mod registered;
mod retention;

pub use data::{BusinessDayRange, PostData, PostalZone, WeightBand};
pub use dates::{CUT_OFF_HOUR, DeliveryRange, PostCalendars, submission_date};
pub use error::PostError;
pub use job::{
    ApprovalLink, Job, JobReport, JobState, RecipientFailure, RecipientPolicy, RecipientQuote,
    Transition, quote_job,
};
pub use letter::{
    A4_AREA_M2, A4_HEIGHT_MM, A4_TOLERANCE_MM, A4_WIDTH_MM, Document, DocumentRef, Envelope,
    Format, GRAMMAGE_BLACK_AND_WHITE, GRAMMAGE_COLOR, Letter, MAX_SHEETS, Packing, grammage, is_a4,
    paper_grams,
};
pub use postage::Postage;
pub use quote::{Quote, quote};
pub use registered::{BarcodeRange, RegisteredSummary};
pub use retention::{
    CLAIM_MONTHS, DEPOSIT_RECEIPT_KEPT_YEARS, DOCUMENTS_KEPT_DAYS, REGISTERED_SUMMARY_KEPT_DAYS,
    claim_deadline, deposit_receipt_kept_until, documents_kept_until,
    registered_summary_kept_until,
};
